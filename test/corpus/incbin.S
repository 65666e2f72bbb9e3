/* .include of helper files and .incbin of a binary blob (whole, with a skip, with skip and count),
 * found through -I test/corpus/include. */
	.include "linkage.inc"
	.include "regs.inc"

	.section .rodata, "a"
	.globl blob_start
blob_start:
	.incbin "blob.bin"
blob_end:
	.globl blob_size
	.set blob_size, blob_end - blob_start
	.balign 8
blob_part:
	.incbin "blob.bin", 24
	.balign 8
blob_slice:
	.incbin "blob.bin", 25, 16
	.byte 0
	.balign 4
	.long blob_end - blob_start, blob_slice - blob_part

	.text
SYM_FUNC_START blob_checksum
	leaq	blob_start(%rip), %rsi
	movl	$blob_end - blob_start, %ecx
	xorl	%eax, %eax
1:	movzbl	(%rsi), %edx
	addl	%edx, %eax
	incq	%rsi
	decl	%ecx
	jnz	1b
	ret
SYM_FUNC_END blob_checksum

SYM_FUNC_START ptregs_demo
	movq	RDI(%rsp), %rdi
	movq	RSI(%rsp), %rsi
	movq	ORIG_RAX(%rsp), %rax
	movq	%rax, RAX(%rsp)
	movq	RIP(%rsp), %rcx
	movq	EFLAGS(%rsp), %r11
	movq	RSP(%rsp), %rsp
	addq	$SIZEOF_PTREGS, %rsp
	ret
SYM_FUNC_END ptregs_demo

	.data
	.incbin "blob.bin", 0, 4
	.quad blob_size

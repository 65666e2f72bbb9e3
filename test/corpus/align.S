/* Alignment and layout: .align/.balign/.p2align with and without fill and max-skip in text (NOP
 * fill) and data (zero or given fill), .nops, .org forwards, .fill/.zero/.skip/.space. */
	.text
	.globl align_text
align_text:
	nop
	.balign 16
	movl	$1, %eax
	.p2align 5
	movl	$2, %eax
	.align 8
	ret
	.p2align 4,,7
	int3
	.p2align 4,,15
	int3
	.p2align 6, 0xcc
	int3
	.balign 32, 0x90, 3
	int3
	.balign 4, 0xcc
	.nops 1
	.nops 7
	.nops 15
	.nops 16, 4
	.nops 33
	ret
	.balign 64
	.irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	.byte 0xc3
	.balign 16
	.fill \n, 1, 0xc3
	.endr
	.balign 16
.Lorg_base:
	movl	$3, %eax
	.org .Lorg_base + 0x20, 0xcc
	movl	$4, %eax
	.org .Lorg_base + 0x40
	ret

	.data
	.byte 1
	.balign 8
	.quad 2
	.byte 3
	.p2align 4, 0xee
	.byte 4
	.align 4
	.long 5
	.byte 6
	.balign 16, 0, 4
	.byte 7
	.balign 16, 0, 8
	.byte 8
	.p2align 3, 0x5a, 7
data_org:
	.long 9
	.org data_org + 32, 0xa5
	.long 10
	.org data_org + 40
	.zero 3
	.skip 5, 0x11
	.space 6, 0x22
	.fill 2, 4, 0xfffffffe
	.p2align 12
	.long 11

	.section .rodata, "a"
	.byte 1
	.balign 32
	.byte 2
	.p2align 8
	.byte 3

	.bss
	.byte 0
	.balign 64
	.globl aligned_bss
aligned_bss:
	.skip 100
	.p2align 12
page_bss:
	.zero 4096

/* Section handling: .section with flags and types, .pushsection/.popsection nesting, .previous,
 * @nobits, .comm/.lcomm, and symbols defined in several sections. */
	.text
	.globl sec_text
sec_text:
	movl	$1, %eax
	.section .init.text, "ax", @progbits
	.globl init_fn
init_fn:
	call	sec_text
	ret
	.previous
	movl	$2, %eax
	.pushsection .data.once, "aw"
once_flag:
	.byte 0
	.pushsection .rodata, "a"
	.balign 8
ro_table:
	.quad sec_text, init_fn, once_flag
	.popsection
	.byte 1
	.popsection
	ret

	.section .init.data, "aw", @progbits
	.balign 8
init_data:
	.quad 0x1234
	.section .bss..page_aligned, "aw", @nobits
	.balign 4096
	.globl empty_zero_page
empty_zero_page:
	.skip 4096
	.section .data..percpu, "aw", @progbits
	.balign 64
	.globl pcpu_counter
pcpu_counter:
	.quad 0
	.section .note.Xen, "a", @note
	.balign 4
	.long 4, 8, 18
	.asciz "Xen"
	.quad 0x1000000
	.section .discard.reachable, "", @progbits
	.long sec_text - .
	.section .head.text, "ax"
	.code64
head:
	jmp	sec_text
	.section .text, "ax"
	nop
	.section .data
	.long 1
	.section .bss
	.skip 8
	.data
	.long 2
	.text
	nop

	.comm common_buf, 256, 32
	.comm common_small, 4, 4
	.comm common_noalign, 10
	.lcomm local_buf, 128
	.lcomm local_small, 3
	.local local_common
	.comm local_common, 64, 8

	.section .data.rel.ro, "aw"
	.quad common_buf, local_buf, local_common
	.section .text.other, "ax", @progbits
	.globl other_fn
other_fn:
	movq	common_buf(%rip), %rax
	movq	local_buf(%rip), %rdx
	call	init_fn
	jmp	sec_text
	.section .tbss, "awT", @nobits
	.skip 16
	.section .tdata, "awT", @progbits
	.quad 7
	.section .gnu.linkonce.t.foo, "ax"
	ret
	.section __ksymtab_strings, "aMS", @progbits, 1
	.asciz "sec_text"
	.section .comment.extra, "MS", @progbits, 1
	.asciz "extra"
	.section .data
	.balign 16
	.long 0x51
	.long 0x50

/* Interrupt descriptor table setup: gate descriptors built at run time from a table of stub
 * addresses, a .rept-generated stub table with push of the vector, and lidt/sidt/ltr use. */
	.include "linkage.inc"

	.text
	.p2align 4
SYM_CODE_START idt_stubs
	vec = 0
	.rept 32
	.if (vec == 8) || (vec >= 10 && vec <= 14) || vec == 17 || vec == 21 || vec == 29 || vec == 30
	pushq	$vec
	.else
	pushq	$0
	pushq	$vec
	.endif
	jmp	idt_common
	.balign 16, 0xcc
	vec = vec + 1
	.endr
SYM_CODE_END idt_stubs

SYM_CODE_START_LOCAL idt_common
	cld
	pushq	%rax
	pushq	%rcx
	pushq	%rdx
	movq	24(%rsp), %rdi
	movq	32(%rsp), %rsi
	call	do_trap
	popq	%rdx
	popq	%rcx
	popq	%rax
	addq	$16, %rsp
	iretq
SYM_CODE_END idt_common

/* Fill 32 gates: offset 15:0, selector, ist, type/attr, offset 31:16, offset 63:32, reserved. */
SYM_FUNC_START idt_setup
	leaq	idt_table(%rip), %rdi
	leaq	idt_stubs(%rip), %rsi
	xorl	%ecx, %ecx
1:	movq	%rsi, %rax
	movw	%ax, (%rdi)
	movw	$0x10, 2(%rdi)
	movb	$0, 4(%rdi)
	movb	$0x8e, 5(%rdi)
	shrq	$16, %rax
	movw	%ax, 6(%rdi)
	shrq	$16, %rax
	movl	%eax, 8(%rdi)
	movl	$0, 12(%rdi)
	addq	$16, %rsi
	addq	$16, %rdi
	incl	%ecx
	cmpl	$32, %ecx
	jb	1b
	lidt	idt_descr(%rip)
	sidt	saved_idt(%rip)
	sgdt	saved_gdt(%rip)
	movw	$0x40, %ax
	ltr	%ax
	str	%ax
	sldt	%ax
	lldt	%ax
	ret
SYM_FUNC_END idt_setup

	.section .rodata, "a"
	.balign 2
idt_descr:
	.word 256 * 16 - 1
	.quad idt_table

	.bss
	.balign 4096
	.globl idt_table
idt_table:
	.skip 256 * 16
saved_idt:
	.skip 10
saved_gdt:
	.skip 10

/* Exception-table entries of every flavour: default, typed, typed with a register and an immediate,
 * entries in a macro, entries pointing across sections, and the raw three .long form. */
	.include "linkage.inc"

	.macro _ASM_EXTABLE_TYPE_REG from, to, type, reg
	.pushsection __ex_table, "a"
	.balign 4
	.long (\from) - .
	.long (\to) - .
	.irp rs,rax,rcx,rdx,rbx,rsp,rbp,rsi,rdi,r8,r9,r10,r11,r12,r13,r14,r15
	.ifc \reg, %\rs
	.long (\type) | (.Lregnr_\rs << 8)
	.endif
	.endr
	.popsection
	.endm

	.set .Lregnr_rax, 0
	.set .Lregnr_rcx, 1
	.set .Lregnr_rdx, 2
	.set .Lregnr_rbx, 3
	.set .Lregnr_rsp, 4
	.set .Lregnr_rbp, 5
	.set .Lregnr_rsi, 6
	.set .Lregnr_rdi, 7
	.set .Lregnr_r8, 8
	.set .Lregnr_r9, 9
	.set .Lregnr_r10, 10
	.set .Lregnr_r11, 11
	.set .Lregnr_r12, 12
	.set .Lregnr_r13, 13
	.set .Lregnr_r14, 14
	.set .Lregnr_r15, 15

	.text
SYM_FUNC_START get_user_1
	movzbl	(%rax), %edx
	xorl	%eax, %eax
	ret
SYM_FUNC_END get_user_1

SYM_FUNC_START get_user_8
1:	movq	(%rax), %rdx
	xorl	%eax, %eax
	ret
2:	xorl	%edx, %edx
	movq	$-14, %rax
	ret
	_ASM_EXTABLE 1b, 2b
SYM_FUNC_END get_user_8

SYM_FUNC_START rdmsr_safe_regs
	pushq	%rbx
	movl	(%rdi), %ecx
1:	rdmsr
2:	movl	%eax, (%rdi)
	movl	%edx, 4(%rdi)
	xorl	%eax, %eax
	popq	%rbx
	ret
	_ASM_EXTABLE_TYPE_REG 1b, 2b, EX_TYPE_RDMSR_SAFE, %rax
SYM_FUNC_END rdmsr_safe_regs

SYM_FUNC_START wrmsr_safe
	movl	%edi, %ecx
	movl	%esi, %eax
	movl	%edx, %edx
	xorl	%edi, %edi
1:	wrmsr
2:	movl	%edi, %eax
	ret
	.pushsection __ex_table, "a"
	.balign 4
	.long 1b - .
	.long 2b - .
	.long 0x000a | (7 << 8)
	.popsection
SYM_FUNC_END wrmsr_safe

SYM_FUNC_START load_gs_index_safe
1:	movl	%edi, %gs
2:	ret
	_ASM_EXTABLE_TYPE 1b, 2b, EX_TYPE_IMM_REG | (0 << 8) | (0 << 16)
	_ASM_EXTABLE_TYPE 1b, 2b, EX_TYPE_POP_REG | (1 << 8) | (-14 << 16)
SYM_FUNC_END load_gs_index_safe

SYM_FUNC_START copy_from_user_fault
	movq	%rdx, %rcx
1:	rep movsb
2:	movq	%rcx, %rax
	ret
	_ASM_EXTABLE_TYPE 1b, 2b, EX_TYPE_UACCESS
	_ASM_EXTABLE_TYPE_REG 1b, .Lfixup_far, EX_TYPE_FAULT, %r12
SYM_FUNC_END copy_from_user_fault

	.section .fixup, "ax"
.Lfixup_far:
	movq	$-14, %rax
	jmp	2b
	.previous

/* The table written in one go, the way a generated file would carry it. */
	.pushsection __ex_table, "a"
	.balign 4
	.long get_user_1 - .
	.long .Lfixup_far - .
	.long EX_TYPE_DEFAULT
	.long get_user_8 + 1 - .
	.long get_user_8 + 9 - .
	.long EX_TYPE_FAULT | (2 << 8) | (0xffff << 16)
	.popsection

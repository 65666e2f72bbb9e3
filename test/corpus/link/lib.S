/* Link test, half 2: the functions and data main.S uses, and a call back into main.S. */
	.include "linkage.inc"

	.text
SYM_FUNC_START lib_add
	movq	lib_counter(%rip), %rax
	addq	$1, %rax
	movq	%rax, lib_counter(%rip)
	ret
SYM_FUNC_END lib_add

SYM_FUNC_START lib_tail
	leaq	main_ptrs(%rip), %rsi
	movq	(%rsi), %rax
	cmpq	$_start, %rax
	jne	1f
	hlt
1:	ud2
	_ASM_EXTABLE_TYPE 1b, lib_add, EX_TYPE_FAULT
SYM_FUNC_END lib_tail

	.data
	.balign 8
	.globl lib_counter, lib_table
lib_counter:
	.quad 0, 0
lib_table:
	.long 1, 2, 3, 4
	.quad main_ptrs

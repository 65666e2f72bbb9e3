/* Link test, half 1: calls into lib.S, references its data, and carries alternatives and extable
 * records whose relocations the linker resolves across the two objects. */
	.include "linkage.inc"

	.text
	.globl _start
	.type _start, @function
_start:
	leaq	stack_top(%rip), %rsp
	call	lib_add
	movq	lib_counter(%rip), %rax
	movq	$lib_table, %rcx
	movl	lib_table+4(%rip), %edx
1:	movl	$MSR_EFER, %ecx
	ALTERNATIVE "ds wrmsr", "wrmsrns", X86_FEATURE_WRMSRNS
2:	jmp	lib_tail
	_ASM_EXTABLE 1b, 2b
	.size _start, . - _start

	.data
	.balign 8
	.globl main_ptrs
main_ptrs:
	.quad _start, lib_add, lib_counter + 8
	.long lib_add - ., lib_table - main_ptrs

	.bss
	.balign 16
	.skip 4096
stack_top:

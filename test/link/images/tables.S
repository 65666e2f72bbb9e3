/* Linker features in one object: alternatives records and replacement code, exception-table entries
 * (in address order, so that GNU ld's unsorted output matches), the Linux table bounds, a section
 * with a C-identifier name and its __start_/__stop_ symbols, common and weak symbols, and data
 * relocations of every width. */
	.set	X86_FEATURE_WRMSRNS, 12*32+19

	.text
	.globl	tables_entry
	.type	tables_entry, @function
tables_entry:
	movl	$0x48, %ecx
	xorl	%eax, %eax
	xorl	%edx, %edx
661:	wrmsr
662:	.skip -(((6651f-6641f)-(662b-661b)) > 0) * ((6651f-6641f)-(662b-661b)), 0x90
663:
	.pushsection .altinstructions, "a"
	.long	661b - .
	.long	6641f - .
	.2byte	X86_FEATURE_WRMSRNS
	.2byte	0
	.byte	663b - 661b
	.byte	6651f - 6641f
	.popsection
	.pushsection .altinstr_replacement, "ax"
6641:	wrmsrns
6651:
	.popsection
1:	rdmsr
2:	movq	(%rdi), %rax
3:	nop
	.pushsection __ex_table, "a"
	.balign	4
	.long	1b - .
	.long	3b - .
	.long	11			/* EX_TYPE_RDMSR_SAFE */
	.long	2b - .
	.long	3b - .
	.long	1			/* EX_TYPE_DEFAULT */
	.popsection
	call	weak_hook
	movq	__alt_instructions(%rip), %rax
	leaq	__start___ex_table(%rip), %rax
	leaq	__stop___ex_table(%rip), %rax
	leaq	__start_mysec(%rip), %rax
	leaq	__stop_mysec(%rip), %rax
	movl	counter(%rip), %eax
	ret
	.size	tables_entry, . - tables_entry

	.weak	weak_hook
	.type	weak_hook, @function
weak_hook:
	ret

	.section mysec, "a"
	.quad	1, 2, 3

	.data
	.globl	main_extable_sort_needed
main_extable_sort_needed:
	.long	1
refs:
	.quad	tables_entry + 8	/* R_X86_64_64 */
	.long	tables_entry		/* R_X86_64_32 */
	.long	tables_entry - .	/* R_X86_64_PC32 */
	.quad	tables_entry - .	/* R_X86_64_PC64 */
	.word	small_abs		/* R_X86_64_16 */
	.byte	small_abs		/* R_X86_64_8 */
	.byte	0
	.comm	counter, 8, 8
	.comm	shared_buf, 64, 32

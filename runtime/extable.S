/*
 * search_extable: the exception-table entry for a faulting address (reference/linux-x86.md §2).
 *
 * `__ex_table` lies between __start___ex_table and __stop___ex_table, 12-byte entries of s32 insn,
 * s32 fixup (each relative to its own field) and s32 data. The linker sorts it by absolute insn
 * address (as Linux's sorttable does), so the lookup is a binary search for the exact address and
 * costs log2(n) probes; no sorting at boot. The linker defines both bounds even when the table is
 * empty, and an empty table simply finds nothing.
 */
	.equ	EXTABLE_ENTRY_SIZE, 12

	.text
/* const struct exception_table_entry *search_extable(u64 addr): the entry, or NULL. */
	.globl	search_extable
	.type	search_extable, @function
search_extable:
	leaq	__start___ex_table(%rip), %r8
	leaq	__stop___ex_table(%rip), %rax
	subq	%r8, %rax
	xorl	%edx, %edx
	movl	$EXTABLE_ENTRY_SIZE, %ecx
	divq	%rcx
	movq	%rax, %r9		/* hi = number of entries */
	xorl	%esi, %esi		/* lo = 0 */
1:	cmpq	%r9, %rsi
	jae	4f
	leaq	(%rsi,%r9), %rax
	shrq	$1, %rax		/* mid */
	imulq	$EXTABLE_ENTRY_SIZE, %rax, %rcx
	addq	%r8, %rcx		/* &table[mid] */
	movslq	(%rcx), %rdx
	addq	%rcx, %rdx		/* its insn address */
	cmpq	%rdi, %rdx
	je	3f
	jb	2f
	movq	%rax, %r9		/* addr < insn: hi = mid */
	jmp	1b
2:	leaq	1(%rax), %rsi		/* insn < addr: lo = mid + 1 */
	jmp	1b
3:	movq	%rcx, %rax
	ret
4:	xorl	%eax, %eax
	ret
	.size	search_extable, . - search_extable

/* u64 ex_fixup_addr(const struct exception_table_entry *e): the address to resume at. */
	.globl	ex_fixup_addr
	.type	ex_fixup_addr, @function
ex_fixup_addr:
	movslq	4(%rdi), %rax
	leaq	4(%rdi,%rax), %rax
	ret
	.size	ex_fixup_addr, . - ex_fixup_addr

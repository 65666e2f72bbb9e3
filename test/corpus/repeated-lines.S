/*
 * Lines met again and again, as the line cache remembers them: with registers and constants only,
 * and with symbols (call, RIP-relative, absolute, %gs: per-CPU, imm). A symbol that becomes an
 * absolute constant between two identical lines must change the second one's encoding (the first
 * ones resolve to it after layout).
 */
	.macro CALLS
	call	ext_fn
	leaq	table+8(%rip), %rdi
	movq	%gs:pcpu_var+16, %rax
	addq	$later, %rax
	movq	later(%rbx), %rcx
	.endm

	.text
	.globl	f
f:
	CALLS
	CALLS
	call	f
	call	f
	call	local_fn
	call	local_fn
	movl	$table, %eax
	movl	$table, %eax
	leaq	table+8(%rip), %rdi
	leaq	table+8(%rip), %rdi
	cmpq	$later-1, %rbx
	cmpq	$later-1, %rbx
	.set	later, 5
	CALLS
	addq	$later, %rax
	cmpq	$later-1, %rbx
	movq	later(%rbx), %rcx
local_fn:
	call	f
	call	local_fn
	ret

	.code32
	call	ext_fn
	leal	table, %edi
	.code64
	call	ext_fn
	leaq	table+8(%rip), %rdi

	.data
table:
	.quad	1, 2, 3
	.section .data..percpu, "aw"
pcpu_var:
	.zero	32

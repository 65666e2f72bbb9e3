/*
 * Feature detection: prints every word of x86_capability (Linux numbering, 32 words) and what
 * cpu_has answers for the features the reference names. test/runtime/runtime.test.ts compares the
 * words with what QEMU's default CPU reports and checks the named bits against them.
 */
	.include "kernel.inc"

	.text
	.globl	main
	.type	main, @function
main:
	pushq	%rbx
	pushq	%r12
	subq	$8, %rsp
	xorl	%ebx, %ebx
1:	leaq	fmt_word(%rip), %rdi
	movl	%ebx, %esi
	leaq	x86_capability(%rip), %rax
	movl	(%rax,%rbx,4), %edx
	call	printk
	incl	%ebx
	cmpl	$32, %ebx
	jb	1b
	leaq	named(%rip), %r12
2:	movq	(%r12), %rsi
	testq	%rsi, %rsi
	jz	3f
	movl	8(%r12), %edi
	call	cpu_has
	movl	%eax, %ecx
	movq	(%r12), %rsi
	movl	8(%r12), %edx
	leaq	fmt_has(%rip), %rdi
	call	printk
	addq	$16, %r12
	jmp	2b
3:	xorl	%eax, %eax
	addq	$8, %rsp
	popq	%r12
	popq	%rbx
	ret
	.size	main, . - main

	.macro	FEATURE name
	.quad	9f
	.long	\name, 0
	.pushsection .rodata.str, "a"
9:	.asciz	"\name"
	.popsection
	.endm

	.section .rodata
fmt_word:
	.asciz	"x86_capability[%u] = %08x\n"
fmt_has:
	.asciz	"cpu_has(%s = %u) = %u\n"
	.balign	8
named:
	FEATURE	X86_FEATURE_NOPL
	FEATURE	X86_FEATURE_ALWAYS
	FEATURE	X86_FEATURE_HYPERVISOR
	FEATURE	X86_FEATURE_XENPV
	FEATURE	X86_FEATURE_FRED
	FEATURE	X86_FEATURE_LKGS
	FEATURE	X86_FEATURE_WRMSRNS
	FEATURE	X86_FEATURE_MSR_IMM
	.quad	0, 0

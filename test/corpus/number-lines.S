/*
 * Lines that differ only in their plain numbers, as the line cache remembers them by a key with the
 * numbers left out (src/asm/number-key.ts): each group crosses the classes the encoder's form choice
 * reads (imm8 / imm32 / shift by one / int3 / zero and byte displacements / values wider than 32
 * bits), so a remembered line must not give its bytes to a number of another class. Written in
 * decimal, hex, negated, octal and binary (these two are never keyed), with prefixes and segments.
 */
	.text
	.globl	nums
nums:
	imulq	$981, %r15, %rbx
	imulq	$7, %r15, %rbx
	imulq	$-7, %r15, %rbx
	imulq	$127, %r15, %rbx
	imulq	$128, %r15, %rbx
	imulq	$-128, %r15, %rbx
	imulq	$-129, %r15, %rbx
	imulq	$0x7fffffff, %r15, %rbx
	addq	$1, %rax
	addq	$-22, %r10
	addq	$0x1000, %r10
	addq	$-0x1000, %r10
	addl	$0xffffffff, %eax
	addl	$0xffffff80, %eax
	addl	$0xffffff7f, %eax
	addw	$0xffff, %ax
	addw	$0xff80, %ax
	addw	$0x1234, %ax
	andb	$15, %al
	andb	$255, %cl
	movl	$1, %eax
	movl	$3, %eax
	movl	$123456, %eax
	movl	$-1, %eax
	movq	$-1, %rax
	movq	$0x7fffffff, %rax
	movq	$0x80000000, %rax
	movq	$0xffffffff, %rax
	movabsq	$0x123456789abc, %rax
	movabsq	$1, %rax
	movabsq	$-5, %rax
	movabsq	$0x1fffffffffffff, %rdx
	movabsq	$0x20000000000000, %rdx
	movabsq	$0xfedcba9876543210, %rdx
	movabsq	$999999999999999, %rdx
	movabsq	$9999999999999999, %rdx
	shlq	$1, %rcx
	shlq	$5, %rcx
	shlq	$31, %rcx
	shlq	$1, %rdx
	sarl	$3, %edx
	sarl	$1, %edx
	rolw	$8, %ax
	int	$3
	int	$4
	int	$0x80
	int	$3
	retq	$8
	retq	$0x100
	enter	$16, $0
	enter	$0x100, $1
	enter	$8, $2
	pushq	$1
	pushq	$200
	pushq	$-200
	pushq	$3
	testl	$1, %eax
	testl	$0x100, %ebx
	testb	$1, %al
	inb	$0x60, %al
	inb	$0x61, %al
	outb	%al, $0x80
	outb	%al, $0x70
	btl	$3, %eax
	btl	$31, %eax
	btsq	$63, (%rdi)

	/* Displacements: none, zero, a byte, a word, a dword, negative, with %rbp/%r13 (a zero disp8). */
	movq	%r15, 8(%rsi)
	movq	%r15, 0(%rsi)
	movq	%r15, 127(%rsi)
	movq	%r15, 128(%rsi)
	movq	%r15, -128(%rsi)
	movq	%r15, -129(%rsi)
	movq	%r15, 0x7fffffff(%rsi)
	movq	%r15, -0x80000000(%rsi)
	movq	0(%rbp), %rax
	movq	8(%rbp), %rax
	movq	0(%r13), %rax
	movq	0(%rsp), %rax
	movq	16(%rsp), %rax
	movq	0(%r12), %rax
	movq	0x100(%r12), %rax
	leaq	0x1000(%r12), %r9
	leaq	-8(%r12), %r9
	leaq	0(,%rax,8), %rcx
	leaq	8(,%rax,8), %rcx
	leaq	0x100(,%rax,8), %rcx
	adcq	-8(%rbx,%rdx,4), %r14
	adcq	-16(%rbx,%rdx,4), %r14
	adcq	-16(%rbx,%rdx,2), %r14
	adcq	0(%rbx,%rdx,4), %r14
	adcq	(%rbx,%rdx,4), %r14
	lock incl	-8(%rbx,%rdx,4)
	lock incl	24(%rbx,%rdx,4)
	movq	%gs:8(%rax), %rcx
	movq	%gs:16(%rax), %rcx
	movq	%fs:0, %rax
	movq	%fs:40, %rax
	movl	$5, 8(%rax)
	movl	$500, 8(%rax)
	movl	$500, 800(%rax)
	movl	$5, -4(%rbp)
	movq	$-1, 0(%rdi)
	movq	$0x100, 0x100(%rdi)
	movb	$0x90, 1(%rdi)
	movw	$0x9090, 2(%rdi)
	cmpq	$0, 16(%rdi, %rcx, 8)
	cmpq	$1, 16(%rdi, %rcx, 8)
	cmpq	$1000, 1600(%rdi, %rcx, 8)
	cmpb	$0, (%rdi)
	cmpb	$1, (%rdi)

	/* Spelled so that they are never keyed, or keyed apart from the plain forms. */
	movl	$010, %eax
	movl	$012, %eax
	movl	$0b101, %eax
	movl	$0b110, %eax
	movl	$'a, %eax
	movl	$'b, %eax
	movl	$5+3, %eax
	movl	$5+4, %eax
	movl	$-(5), %eax
	movl	$-(6), %eax
	movl	$~0, %eax
	movl	$~1, %eax
	movl	$ 7 , %eax
	movl	$ 9, %eax
	movl	$0X1F, %eax
	movl	$0x1f, %eax
	movl	$0xABC, %ebx
	movl	$0xabd, %ebx
	movl	-0x10 ( %rbp ), %eax
	movl	-0x20(%rbp), %eax
	movl	2*4(%rbp), %eax
	movl	3*4(%rbp), %eax
	ret

	/* A macro's lines with numbers from its arguments. */
	.macro	STORE off, val
	movq	$\val, \off(%rdi)
	addq	$\val, %rax
	.endm
	STORE	8, 1
	STORE	16, 2
	STORE	0, 0
	STORE	128, 300
	STORE	-8, -1
	STORE	0x10, 0x7fffffff
	STORE	8, 1

	/* The same lines in 32-bit code, where immediates keep their low 32 bits. */
	.code32
	movl	$5, %eax
	movl	$7, %eax
	movl	%eax, 8(%esi)
	movl	%eax, 0x80000000(%esi)
	movl	%eax, -1(%esi)
	addl	$1, %eax
	addl	$0xffffffff, %eax
	addl	$0x100000001, %eax
	pushl	$1
	pushl	$0x100000001
	int	$3
	int	$0x100000003
	.code64
	addl	$1, %eax

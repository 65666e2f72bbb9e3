/* Numeric local labels: the same few numbers reused many times, backward and forward references,
 * references that skip an instance, and labels in more than one section. */
	.text
	.globl spin_loops
	.type spin_loops, @function
spin_loops:
1:	pause
	decl	%ecx
	jnz	1b
1:	testl	%eax, %eax
	jz	1f
	decl	%eax
	jmp	1b
1:	movl	$10, %ecx
2:	decl	%ecx
	jz	3f
	jmp	2b
3:	xorl	%eax, %eax
1:	cmpl	$5, %eax
	jae	2f
	incl	%eax
	jmp	1b
2:	movl	%eax, %edx
	jmp	1f
	.skip 200, 0x90
1:	jmp	1b
	jmp	2f
	.skip 130, 0xcc
2:	ret
	.size spin_loops, . - spin_loops

	.globl table_walk
	.type table_walk, @function
table_walk:
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7
	cmpq	$\n, %rdi
	jne	1f
	movq	$\n * 8, %rax
	jmp	9f
1:
	.endr
	movq	$-1, %rax
9:	ret
	.size table_walk, . - table_walk

	.globl ref_far
	.type ref_far, @function
ref_far:
	jmp	5f
5:	jmp	5f
5:	call	5f
5:	popq	%rax
	leaq	5b(%rip), %rdx
	movq	$5b, %rcx
	leaq	6f(%rip), %rsi
	ret
6:	.byte 1, 2, 3
	.size ref_far, . - ref_far

	.section .rodata, "a"
7:	.quad 1b, 2b, 9b, 7b, 8f
8:	.long 7b - ., 8b - 7b, 6b - ref_far
10:	.long 10b - ., 11f - .
11:	.byte 0
	.text
10:	nop
	.long 10b - 10f
10:	ret

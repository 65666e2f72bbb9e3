/*
 * Macros expanded many times with the same arguments, whose lines are parsed once and read again:
 * a recursive macro with unchanged arguments (its state is a symbol), .rept bodies, and a macro
 * defined between two expansions that turns a line of the body into a call.
 */
	.macro	COUNTDOWN
	.if	cnt
	cnt = cnt - 1
	addl	$cnt, %eax
	COUNTDOWN
	movl	%eax, %ebx
	.endif
	.endm

	.macro	BODY reg
	incq	\reg
	bswapq	\reg
	1: jmp 1b
	.endm

	.macro	TAGGED
	.long	\@
	.endm

	.text
	cnt = 3
	COUNTDOWN
	cnt = 2
	COUNTDOWN

	BODY %rax
	BODY %rax
	.macro	bswapq r
	movq	$0x99, \r
	.endm
	BODY %rax
	BODY %rcx

	.rept	3
	TAGGED
	leaq	1f(%rip), %rdx
1:	.byte	2
	.endr
	TAGGED
	TAGGED

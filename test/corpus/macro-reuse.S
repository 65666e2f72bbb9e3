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

	/* Data and .skip lines of a kept expansion: their parsed arguments are kept too. */
	.macro	ALT old, new
661:
	\old
662:
	.skip -(((6651f-6641f)-(662b-661b)) > 0) * ((6651f-6641f)-(662b-661b)),0x90
663:
	.pushsection .altinstructions, "a"
	.long 661b - .
	.long 6641f - .
	.4byte 403, (1 << 4) | 3
	.byte 663b - 661b, 6651f - 6641f
	.quad 661b
	.popsection
	.pushsection .altinstr_replacement, "ax"
6641:
	\new
6651:
	.popsection
	.endm

	ALT "ds wrmsr", "wrmsrns"
	ALT "ds wrmsr", "wrmsrns"
	ALT "nop", "xorl %eax, %eax; xorl %ecx, %ecx"
	ALT "ds wrmsr", "wrmsrns"

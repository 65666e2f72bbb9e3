/* Macro features: defaults, :req, :vararg, \@, .exitm, .purgem, nested definitions and invocations,
 * named and positional arguments, and argument concatenation. */
	.macro SAVE_ONE reg=%rbx, off=0
	movq	\reg, \off(%rsp)
	.endm

	.macro LOAD_ONE reg:req, off:req
	movq	\off(%rsp), \reg
	.endm

	.macro push_all first, rest:vararg
	pushq	\first
	.ifnb \rest
	push_all \rest
	.endif
	.endm

	.macro pop_all first, rest:vararg
	.ifnb \rest
	pop_all \rest
	.endif
	popq	\first
	.endm

	.macro unique_label
	jmp	.Lskip\@
	.byte 0xcc, 0xcc
.Lskip\@:
	.endm

	.macro count_down n
	.if \n <= 0
	.exitm
	.endif
	addl	$\n, %eax
	count_down \n-1
	.endm

	.macro define_getter name, reg, off
	.globl get_\name
	.type get_\name, @function
get_\name:
	movq	\off(\reg), %rax
	ret
	.size get_\name, . - get_\name
	.endm

	.macro outer name
	.macro inner_\name val
	movl	$\val, %eax
	.endm
	.endm

	.text
	.globl macro_demo
	.type macro_demo, @function
macro_demo:
	subq	$64, %rsp
	SAVE_ONE
	SAVE_ONE %r12
	SAVE_ONE off=16
	SAVE_ONE %r13, 24
	SAVE_ONE off=32, reg=%r14
	LOAD_ONE %rbx, 0
	LOAD_ONE off=8, reg=%r12
	push_all %rax, %rcx, %rdx, %rsi, %rdi
	pop_all %rax, %rcx, %rdx, %rsi, %rdi
	unique_label
	unique_label
	unique_label
	xorl	%eax, %eax
	count_down 4
	count_down 0
	addq	$64, %rsp
	ret
	.size macro_demo, . - macro_demo

	define_getter task, %rdi, 0
	define_getter mm, %rdi, 8
	define_getter cred, %rsi, 0x7f0

	outer one
	outer two
	inner_one 1
	inner_two 2
	.purgem inner_one
	.macro inner_one val
	movl	$\val + 100, %eax
	.endm
	inner_one 3

	.purgem SAVE_ONE
	.macro SAVE_ONE reg
	pushq	\reg
	.endm
	SAVE_ONE %r15

	.macro str_arg s
	.ascii "\s"
	.endm
	.macro concat a, b
	.long \a\()\b
	.endm
	.data
	str_arg "hello"
	str_arg "with, commas"
	ab = 0x1234
	concat a, b
	.macro qstr s
	.asciz "\s"
	.endm
	qstr world

/* Blank-separated pieces of an argument join around + / | & ^ < > ! and the operators made of them
 * (GNU's scrubber drops those blanks), but not around - * % (there a blank ends the argument). */
	.macro	TWO_ARGS a, b
	.long	\a
	.long	\b
	.endm
	TWO_ARGS 16 >> 2, 1
	TWO_ARGS 16 << 2, 1 + 1
	TWO_ARGS 16 <> 2, 3 && 4
	TWO_ARGS 16 || 0, 5 ! 2
	TWO_ARGS 16 + -2, (4 * 16)
	TWO_ARGS 7 ^ 3, 8 / 2

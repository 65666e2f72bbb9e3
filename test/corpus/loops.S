/* .rept/.irp/.irpc loops, nested loops, loops counting with .set, and the
 * retpoline thunks that Linux generates with .irp over every register. */
	.text
	.set i, 0
	.rept 4
	.set i, i + 1
	.byte i
	.endr

	.macro THUNK reg
	.section .text.__x86.indirect_thunk, "ax", @progbits
	.p2align 5, 0xcc
	.globl __x86_indirect_thunk_\reg
	.type __x86_indirect_thunk_\reg, @function
__x86_indirect_thunk_\reg:
	call	1f
2:	pause
	lfence
	jmp	2b
	.p2align 4, 0xcc
1:	movq	%\reg, (%rsp)
	ret
	int3
	.size __x86_indirect_thunk_\reg, . - __x86_indirect_thunk_\reg
	.text
	.endm

	.irp reg, rax, rcx, rdx, rbx, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15
	THUNK \reg
	.endr

	.globl irq_entries_start
	.type irq_entries_start, @function
	.p2align 3
irq_entries_start:
	vector = 32
	.rept 16
	.byte 0x6a, vector - 256 * (vector >> 7)
	jmp	common_interrupt
	.balign 8, 0xcc
	vector = vector + 1
	.endr
	.size irq_entries_start, . - irq_entries_start

	.globl mix
mix:
	.irpc c, 0123
	movl	$\c, %eax
	addl	$0x\c\c, %ecx
	.endr
	.irpc r, abcd
	xorl	%e\r\()x, %e\r\()x
	.endr
	.irp size, b, w, l, q
	.irp n, 1, 2
	nop
	.endr
	.endr
	.rept 3
	.rept 2
	incl	%edx
	.endr
	decl	%edx
	.endr
	.rept 0
	ud2
	.endr
	.irp x
	movl	$0, %eax
	.endr
	ret

	.data
	.p2align 3
	.globl fib
fib:
	a = 0
	b = 1
	.rept 20
	.quad a
	c = a + b
	a = b
	b = c
	.endr
	.irpc ch, "Hello"
	.ascii "\ch"
	.endr
	.irp w, 0x1111, 0x2222, 0x3333
	.word \w, ~\w & 0xffff
	.endr

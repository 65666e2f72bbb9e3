/*
 * Exception entry: one stub per vector, and the common code that saves the interrupted context as a
 * `struct pt_regs`, calls the handler with a pointer to it, and returns with iretq to whatever the
 * handler left in it.
 *
 * Why a frame in memory. The fixup handlers change registers of the interrupted code (−EIO into the
 * entry's register, zero into EAX/EDX, the stack pointer for POP_REG and FUNC_REWIND) and the ip to
 * resume at. With every register saved in one frame and restored from it, a handler is a store into
 * the frame, as in Linux (`*pt_regs_nr(regs, reg) = -EIO`), and iretq installs rip, rflags and rsp
 * together.
 *
 * The frame, from the lowest address: r15 r14 r13 r12 rbp rbx r11 r10 r9 r8 rax rcx rdx rsi rdi (Linux's
 * order), then the vector (where Linux keeps orig_ax), the error code, and the CPU's own frame: rip cs
 * rflags rsp ss. The CPU pushes an error code for vectors 8, 10–14, 17, 21, 29 and 30 only; every
 * other stub pushes a 0 in its place, so the frame has one shape. 176 bytes: the CPU aligns the stack to
 * 16 before it pushes its frame, so %rsp is 16-byte aligned again when the handler is called.
 *
 * Each stub is 16 bytes (`exception_stubs + 16 * vector`), which is how idt.S finds
 * it. Interrupts stay off throughout: there is no IST, so the handler runs on the interrupted stack,
 * just below the words a FUNC_REWIND handler reads.
 */
	.include "ptrace.inc"
	.equ	STUB_SIZE, 16

	.text
/* Saves the frame, calls do_exception(struct pt_regs *), restores whatever it left there. */
	.type	exception_common, @function
exception_common:
	cld
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, %rdi
	call	do_exception
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	addq	$16, %rsp		/* vector and error code */
	iretq
	.size	exception_common, . - exception_common

/*
 * The 256 stubs, 16 bytes apart: [push $0]; push $vector; jmp exception_common; int3 filler. The
 * push and the jmp are spelled as bytes so that every stub has a size known when it is assembled
 * (68 imm32, e9 rel32): the stride is then exact without aligning the section, which would leave a
 * gap before this object's code that linkers fill differently.
 */
	.globl	exception_stubs
	.type	exception_stubs, @function
exception_stubs:
	.set	.Lvec, 0
	.rept	256
0:	.if !((.Lvec == 8) || (.Lvec >= 10 && .Lvec <= 14) || .Lvec == 17 || .Lvec == 21 || .Lvec == 29 || .Lvec == 30)
	pushq	$0			/* 6a 00: no error code from the CPU */
	.endif
	.byte	0x68			/* push $vector (imm32) */
	.long	.Lvec
	.byte	0xe9			/* jmp exception_common (rel32) */
	.long	exception_common - (. + 4)
	.skip	STUB_SIZE - (. - 0b), 0xcc
	.set	.Lvec, .Lvec + 1
	.endr
	.size	exception_stubs, . - exception_stubs

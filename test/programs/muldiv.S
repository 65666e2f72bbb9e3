/*
 * muldiv.S: MUL, IMUL (one, two and three operands), DIV and IDIV at each operand size, with the
 * source in a register (%bl/%bx/%ebx/%rbx) or in memory (the `mem` cases).
 *
 * One-operand MUL and IMUL write the double-width product to AX (8-bit), DX:AX, EDX:EAX or RDX:RAX;
 * the two- and three-operand IMUL keep the low half. CF and OF are the only flags defined: both set
 * when the high half is significant (MUL: not zero; IMUL: not the sign extension of the low half).
 * DIV and IDIV divide AX / DX:AX / EDX:EAX / RDX:RAX, the quotient to AL/AX/EAX/RAX and the remainder
 * to AH/DX/EDX/RDX; IDIV truncates toward zero and the remainder takes the dividend's sign. They
 * define no flags at all, so none are checked.
 *
 * A zero divisor, or a quotient that does not fit (DIV: high half ≥ divisor; IDIV: the classic
 * INT_MIN / -1, but also +128 / 1 at 8 bits and the like), is #DE: a fault, so the saved RIP is the
 * divide itself and the registers are as they were. The program catches it with its own IDT
 * (include/trap.inc) and resumes after the instruction.
 *
 * As everywhere, the registers start with patterns in their upper bits: 8- and 16-bit forms leave
 * them alone (8-bit MUL and DIV do not touch RDX), 32-bit forms zero bits 63:32 of what they write.
 */
	.include "check.inc"
	.include "trap.inc"
	CHECK_PROGRAM muldiv

	.equ	RDX_IN, 0x0f1e2d3c4b5a6978	/* %rdx going into a one-operand multiply */

/* SOURCE insn, w, form: `insn` with the source %bl/%bx/%ebx/%rbx (form reg) or `operand` (form mem). */
.macro SOURCE insn:req, w:req, form:req
	.ifc	\form, mem
	\insn	operand(%rip)
	.else
	.ifc	\w, b
	\insn	%bl
	.endif
	.ifc	\w, w
	\insn	%bx
	.endif
	.ifc	\w, l
	\insn	%ebx
	.endif
	.ifc	\w, q
	\insn	%rbx
	.endif
	.endif
.endm

/* LOAD_SOURCE b: %rbx = b, and the same in `operand`. */
.macro LOAD_SOURCE b:req
	movabsq	$\b, %rbx
	movq	%rbx, operand(%rip)
.endm

/* MUL1 op, w, tag, form, a, b, flags_in, rax, rdx, flags_out: one-operand mul/imul of %rax = a by b. */
.macro MUL1 op:req, w:req, tag:req, form:req, a:req, b:req, fin:req, rax:req, rdx:req, fout:req
	movabsq	$\a, %rax
	movabsq	$RDX_IN, %rdx
	LOAD_SOURCE \b
	SET_FLAGS \fin
	SOURCE	\op\w, \w, \form
	CHECK_EQ %rax, \rax, \op\w\()_\tag\()_rax
	CHECK_EQ %rdx, \rdx, \op\w\()_\tag\()_rdx
	CHECK_FLAGS CF|OF, \fout, \op\w\()_\tag\()_flags
.endm

/* IMUL2 w, tag, form, a, b, flags_in, result, flags_out: `imul src, %ax/%eax/%rax` with %rax = a. */
.macro IMUL2 w:req, tag:req, form:req, a:req, b:req, fin:req, result:req, fout:req
	movabsq	$\a, %rax
	LOAD_SOURCE \b
	SET_FLAGS \fin
	.ifc	\form, mem
	.ifc	\w, w
	imulw	operand(%rip), %ax
	.endif
	.ifc	\w, l
	imull	operand(%rip), %eax
	.endif
	.ifc	\w, q
	imulq	operand(%rip), %rax
	.endif
	.else
	.ifc	\w, w
	imulw	%bx, %ax
	.endif
	.ifc	\w, l
	imull	%ebx, %eax
	.endif
	.ifc	\w, q
	imulq	%rbx, %rax
	.endif
	.endif
	CHECK_EQ %rax, \result, imul\w\()_2op_\tag
	CHECK_FLAGS CF|OF, \fout, imul\w\()_2op_\tag\()_flags
.endm

/*
 * IMUL3 w, tag, form, imm, b, flags_in, result, flags_out: `imul $imm, src, %ax/%eax/%rax`; %rax starts
 * with a pattern that the result replaces.
 */
.macro IMUL3 w:req, tag:req, form:req, imm:req, b:req, fin:req, result:req, fout:req
	movabsq	$0x0123456789abcdef, %rax
	LOAD_SOURCE \b
	SET_FLAGS \fin
	.ifc	\form, mem
	.ifc	\w, w
	imulw	$\imm, operand(%rip), %ax
	.endif
	.ifc	\w, l
	imull	$\imm, operand(%rip), %eax
	.endif
	.ifc	\w, q
	imulq	$\imm, operand(%rip), %rax
	.endif
	.else
	.ifc	\w, w
	imulw	$\imm, %bx, %ax
	.endif
	.ifc	\w, l
	imull	$\imm, %ebx, %eax
	.endif
	.ifc	\w, q
	imulq	$\imm, %rbx, %rax
	.endif
	.endif
	CHECK_EQ %rax, \result, imul\w\()_3op_\tag
	CHECK_FLAGS CF|OF, \fout, imul\w\()_3op_\tag\()_flags
.endm

/*
 * DIV op, w, tag, form, rdx, rax, b, rax_out, rdx_out: div/idiv of %rdx:%rax (as the width uses them)
 * by b. With rax_out = DE the divide must raise #DE instead, at its own address, changing no register.
 */
.macro DIV op:req, w:req, tag:req, form:req, rdx:req, rax:req, b:req, rax_out:req, rdx_out
	movabsq	$\rdx, %rdx
	movabsq	$\rax, %rax
	LOAD_SOURCE \b
	.ifc	\rax_out, DE
	TRAP_EXPECT .Lresume\@
.Lfault\@:
	SOURCE	\op\w, \w, \form
.Lresume\@:
	TRAP_DISARM
	CHECK_EQ trap_count(%rip), 1, \op\w\()_\tag\()_traps
	CHECK_EQ trap_vector(%rip), 0, \op\w\()_\tag\()_vector
	CHECK_EQ trap_rip(%rip), .Lfault\@, \op\w\()_\tag\()_rip
	CHECK_EQ %rax, \rax, \op\w\()_\tag\()_rax
	CHECK_EQ %rdx, \rdx, \op\w\()_\tag\()_rdx
	.else
	SOURCE	\op\w, \w, \form
	CHECK_EQ %rax, \rax_out, \op\w\()_\tag\()_rax
	CHECK_EQ %rdx, \rdx_out, \op\w\()_\tag\()_rdx
	.endif
.endm

	.text
	.globl	main
	.type	main, @function
main:
	CHECK_BEGIN
	call	trap_install

	/* mul: one operand, the double-width product in AX, DX:AX, EDX:EAX or RDX:RAX */
	MUL1	mul, b, zero,                               reg,  0x0123456789abcd00, 0xfedcba9876543200, ARITH, 0x0123456789ab0000,     0x0f1e2d3c4b5a6978, 0
	MUL1	mul, b, small,                             reg,   0x0123456789abcd03, 0xfedcba9876543205, ARITH, 0x0123456789ab000f,     0x0f1e2d3c4b5a6978, 0
	MUL1	mul, b, max,                                 reg, 0x0123456789abcdff, 0xfedcba98765432ff, 0,         0x0123456789abfe01, 0x0f1e2d3c4b5a6978, OF|CF
	MUL1	mul, b, min_times_2,                 mem,         0x0123456789abcd80, 0xfedcba9876543202, 0,         0x0123456789ab0100, 0x0f1e2d3c4b5a6978, OF|CF
	MUL1	mul, b, minus_one_times_one, reg,                 0x0123456789abcdff, 0xfedcba9876543201, ARITH, 0x0123456789ab00ff,     0x0f1e2d3c4b5a6978, 0
	MUL1	mul, b, smax_squared,               reg,          0x0123456789abcd7f, 0xfedcba987654327f, 0,         0x0123456789ab3f01, 0x0f1e2d3c4b5a6978, OF|CF
	MUL1	mul, b, min_squared,                 reg,         0x0123456789abcd80, 0xfedcba9876543280, 0,         0x0123456789ab4000, 0x0f1e2d3c4b5a6978, OF|CF
	MUL1	mul, b, half_width,                   mem,        0x0123456789abcd10, 0xfedcba9876543208, ARITH, 0x0123456789ab0080,     0x0f1e2d3c4b5a6978, 0
	MUL1	mul, b, pattern,                         reg,     0x0123456789abcd1e, 0xfedcba987654321f, 0,         0x0123456789ab03a2, 0x0f1e2d3c4b5a6978, OF|CF
	MUL1	mul, w, zero,                               reg,  0x0123456789ab0000, 0xfedcba9876540000, ARITH, 0x0123456789ab0000,     0x0f1e2d3c4b5a0000, 0
	MUL1	mul, w, small,                             reg,   0x0123456789ab0003, 0xfedcba9876540005, ARITH, 0x0123456789ab000f,     0x0f1e2d3c4b5a0000, 0
	MUL1	mul, w, max,                                 mem, 0x0123456789abffff, 0xfedcba987654ffff, 0,         0x0123456789ab0001, 0x0f1e2d3c4b5afffe, OF|CF
	MUL1	mul, w, min_times_2,                 reg,         0x0123456789ab8000, 0xfedcba9876540002, 0,         0x0123456789ab0000, 0x0f1e2d3c4b5a0001, OF|CF
	MUL1	mul, w, minus_one_times_one, reg,                 0x0123456789abffff, 0xfedcba9876540001, ARITH, 0x0123456789abffff,     0x0f1e2d3c4b5a0000, 0
	MUL1	mul, w, smax_squared,               reg,          0x0123456789ab7fff, 0xfedcba9876547fff, 0,         0x0123456789ab0001, 0x0f1e2d3c4b5a3fff, OF|CF
	MUL1	mul, w, min_squared,                 mem,         0x0123456789ab8000, 0xfedcba9876548000, 0,         0x0123456789ab0000, 0x0f1e2d3c4b5a4000, OF|CF
	MUL1	mul, w, half_width,                   reg,        0x0123456789ab0100, 0xfedcba9876540080, ARITH, 0x0123456789ab8000,     0x0f1e2d3c4b5a0000, 0
	MUL1	mul, w, pattern,                         reg,     0x0123456789abe11e, 0xfedcba987654e11f, 0,         0x0123456789aba0a2, 0x0f1e2d3c4b5ac5f6, OF|CF
	MUL1	mul, l, zero,                               reg,  0x0123456700000000, 0xfedcba9800000000, ARITH, 0x0000000000000000,     0x0000000000000000, 0
	MUL1	mul, l, small,                             mem,   0x0123456700000003, 0xfedcba9800000005, ARITH, 0x000000000000000f,     0x0000000000000000, 0
	MUL1	mul, l, max,                                 reg, 0x01234567ffffffff, 0xfedcba98ffffffff, 0,         0x0000000000000001, 0x00000000fffffffe, OF|CF
	MUL1	mul, l, min_times_2,                 reg,         0x0123456780000000, 0xfedcba9800000002, 0,         0x0000000000000000, 0x0000000000000001, OF|CF
	MUL1	mul, l, minus_one_times_one, reg,                 0x01234567ffffffff, 0xfedcba9800000001, ARITH, 0x00000000ffffffff,     0x0000000000000000, 0
	MUL1	mul, l, smax_squared,               mem,          0x012345677fffffff, 0xfedcba987fffffff, 0,         0x0000000000000001, 0x000000003fffffff, OF|CF
	MUL1	mul, l, min_squared,                 reg,         0x0123456780000000, 0xfedcba9880000000, 0,         0x0000000000000000, 0x0000000040000000, OF|CF
	MUL1	mul, l, half_width,                   reg,        0x0123456700010000, 0xfedcba9800008000, ARITH, 0x0000000080000000,     0x0000000000000000, 0
	MUL1	mul, l, pattern,                         reg,     0x012345670ff0e11e, 0xfedcba980ff0e11f, 0,         0x000000007226a0a2, 0x0000000000fe1d08, OF|CF
	MUL1	mul, q, zero,                               mem,  0x0000000000000000, 0x0000000000000000, ARITH, 0x0000000000000000,     0x0000000000000000, 0
	MUL1	mul, q, small,                             reg,   0x0000000000000003, 0x0000000000000005, ARITH, 0x000000000000000f,     0x0000000000000000, 0
	MUL1	mul, q, max,                                 reg, 0xffffffffffffffff, 0xffffffffffffffff, 0,         0x0000000000000001, 0xfffffffffffffffe, OF|CF
	MUL1	mul, q, min_times_2,                 reg,         0x8000000000000000, 0x0000000000000002, 0,         0x0000000000000000, 0x0000000000000001, OF|CF
	MUL1	mul, q, minus_one_times_one, mem,                 0xffffffffffffffff, 0x0000000000000001, ARITH, 0xffffffffffffffff,     0x0000000000000000, 0
	MUL1	mul, q, smax_squared,               reg,          0x7fffffffffffffff, 0x7fffffffffffffff, 0,         0x0000000000000001, 0x3fffffffffffffff, OF|CF
	MUL1	mul, q, min_squared,                 reg,         0x8000000000000000, 0x8000000000000000, 0,         0x0000000000000000, 0x4000000000000000, OF|CF
	MUL1	mul, q, half_width,                   reg,        0x0000000100000000, 0x0000000080000000, ARITH, 0x8000000000000000,     0x0000000000000000, 0
	MUL1	mul, q, pattern,                         mem,     0x5aa5c33c0ff0e11e, 0xb44bc33c0ff0e11f, 0,         0x7ba11a547226a0a2, 0x3fd760f7f6038da1, OF|CF

	/* imul: one operand, the double-width product in AX, DX:AX, EDX:EAX or RDX:RAX */
	MUL1	imul, b, zero,                               reg,  0x0123456789abcd00, 0xfedcba9876543200, ARITH, 0x0123456789ab0000,     0x0f1e2d3c4b5a6978, 0
	MUL1	imul, b, small,                             reg,   0x0123456789abcd03, 0xfedcba9876543205, ARITH, 0x0123456789ab000f,     0x0f1e2d3c4b5a6978, 0
	MUL1	imul, b, max,                                 reg, 0x0123456789abcdff, 0xfedcba98765432ff, 0,         0x0123456789ab0001, 0x0f1e2d3c4b5a6978, 0
	MUL1	imul, b, min_times_2,                 mem,         0x0123456789abcd80, 0xfedcba9876543202, 0,         0x0123456789abff00, 0x0f1e2d3c4b5a6978, OF|CF
	MUL1	imul, b, minus_one_times_one, reg,                 0x0123456789abcdff, 0xfedcba9876543201, ARITH, 0x0123456789abffff,     0x0f1e2d3c4b5a6978, 0
	MUL1	imul, b, smax_squared,               reg,          0x0123456789abcd7f, 0xfedcba987654327f, 0,         0x0123456789ab3f01, 0x0f1e2d3c4b5a6978, OF|CF
	MUL1	imul, b, min_squared,                 reg,         0x0123456789abcd80, 0xfedcba9876543280, 0,         0x0123456789ab4000, 0x0f1e2d3c4b5a6978, OF|CF
	MUL1	imul, b, half_width,                   mem,        0x0123456789abcd10, 0xfedcba9876543208, ARITH, 0x0123456789ab0080,     0x0f1e2d3c4b5a6978, OF|CF
	MUL1	imul, b, pattern,                         reg,     0x0123456789abcd1e, 0xfedcba987654321f, 0,         0x0123456789ab03a2, 0x0f1e2d3c4b5a6978, OF|CF
	MUL1	imul, w, zero,                               reg,  0x0123456789ab0000, 0xfedcba9876540000, ARITH, 0x0123456789ab0000,     0x0f1e2d3c4b5a0000, 0
	MUL1	imul, w, small,                             reg,   0x0123456789ab0003, 0xfedcba9876540005, ARITH, 0x0123456789ab000f,     0x0f1e2d3c4b5a0000, 0
	MUL1	imul, w, max,                                 mem, 0x0123456789abffff, 0xfedcba987654ffff, 0,         0x0123456789ab0001, 0x0f1e2d3c4b5a0000, 0
	MUL1	imul, w, min_times_2,                 reg,         0x0123456789ab8000, 0xfedcba9876540002, 0,         0x0123456789ab0000, 0x0f1e2d3c4b5affff, OF|CF
	MUL1	imul, w, minus_one_times_one, reg,                 0x0123456789abffff, 0xfedcba9876540001, ARITH, 0x0123456789abffff,     0x0f1e2d3c4b5affff, 0
	MUL1	imul, w, smax_squared,               reg,          0x0123456789ab7fff, 0xfedcba9876547fff, 0,         0x0123456789ab0001, 0x0f1e2d3c4b5a3fff, OF|CF
	MUL1	imul, w, min_squared,                 mem,         0x0123456789ab8000, 0xfedcba9876548000, 0,         0x0123456789ab0000, 0x0f1e2d3c4b5a4000, OF|CF
	MUL1	imul, w, half_width,                   reg,        0x0123456789ab0100, 0xfedcba9876540080, ARITH, 0x0123456789ab8000,     0x0f1e2d3c4b5a0000, OF|CF
	MUL1	imul, w, pattern,                         reg,     0x0123456789abe11e, 0xfedcba987654e11f, 0,         0x0123456789aba0a2, 0x0f1e2d3c4b5a03b9, OF|CF
	MUL1	imul, l, zero,                               reg,  0x0123456700000000, 0xfedcba9800000000, ARITH, 0x0000000000000000,     0x0000000000000000, 0
	MUL1	imul, l, small,                             mem,   0x0123456700000003, 0xfedcba9800000005, ARITH, 0x000000000000000f,     0x0000000000000000, 0
	MUL1	imul, l, max,                                 reg, 0x01234567ffffffff, 0xfedcba98ffffffff, 0,         0x0000000000000001, 0x0000000000000000, 0
	MUL1	imul, l, min_times_2,                 reg,         0x0123456780000000, 0xfedcba9800000002, 0,         0x0000000000000000, 0x00000000ffffffff, OF|CF
	MUL1	imul, l, minus_one_times_one, reg,                 0x01234567ffffffff, 0xfedcba9800000001, ARITH, 0x00000000ffffffff,     0x00000000ffffffff, 0
	MUL1	imul, l, smax_squared,               mem,          0x012345677fffffff, 0xfedcba987fffffff, 0,         0x0000000000000001, 0x000000003fffffff, OF|CF
	MUL1	imul, l, min_squared,                 reg,         0x0123456780000000, 0xfedcba9880000000, 0,         0x0000000000000000, 0x0000000040000000, OF|CF
	MUL1	imul, l, half_width,                   reg,        0x0123456700010000, 0xfedcba9800008000, ARITH, 0x0000000080000000,     0x0000000000000000, OF|CF
	MUL1	imul, l, pattern,                         reg,     0x012345670ff0e11e, 0xfedcba980ff0e11f, 0,         0x000000007226a0a2, 0x0000000000fe1d08, OF|CF
	MUL1	imul, q, zero,                               mem,  0x0000000000000000, 0x0000000000000000, ARITH, 0x0000000000000000,     0x0000000000000000, 0
	MUL1	imul, q, small,                             reg,   0x0000000000000003, 0x0000000000000005, ARITH, 0x000000000000000f,     0x0000000000000000, 0
	MUL1	imul, q, max,                                 reg, 0xffffffffffffffff, 0xffffffffffffffff, 0,         0x0000000000000001, 0x0000000000000000, 0
	MUL1	imul, q, min_times_2,                 reg,         0x8000000000000000, 0x0000000000000002, 0,         0x0000000000000000, 0xffffffffffffffff, OF|CF
	MUL1	imul, q, minus_one_times_one, mem,                 0xffffffffffffffff, 0x0000000000000001, ARITH, 0xffffffffffffffff,     0xffffffffffffffff, 0
	MUL1	imul, q, smax_squared,               reg,          0x7fffffffffffffff, 0x7fffffffffffffff, 0,         0x0000000000000001, 0x3fffffffffffffff, OF|CF
	MUL1	imul, q, min_squared,                 reg,         0x8000000000000000, 0x8000000000000000, 0,         0x0000000000000000, 0x4000000000000000, OF|CF
	MUL1	imul, q, half_width,                   reg,        0x0000000100000000, 0x0000000080000000, ARITH, 0x8000000000000000,     0x0000000000000000, OF|CF
	MUL1	imul, q, pattern,                         mem,     0x5aa5c33c0ff0e11e, 0xb44bc33c0ff0e11f, 0,         0x7ba11a547226a0a2, 0xe5319dbbe612ac83, OF|CF

	/* imul, two operands: the product truncated to the destination */
	IMUL2	w, small,                             reg,  0x0123456789ab0003, 0xfedcba987654fffb, ARITH, 0x0123456789abfff1,     0
	IMUL2	w, min_times_minus_one, reg,                0x0123456789ab8000, 0xfedcba987654ffff, 0,         0x0123456789ab8000, OF|CF
	IMUL2	w, overflow,                       reg,     0x0123456789ab7fff, 0xfedcba9876540002, 0,         0x0123456789abfffe, OF|CF
	IMUL2	w, fits,                               mem, 0x0123456789ab0080, 0xfedcba987654ff80, ARITH, 0x0123456789abc000,     0
	IMUL2	w, minus_one_squared,     reg,              0x0123456789abffff, 0xfedcba987654ffff, 0,         0x0123456789ab0001, 0
	IMUL2	w, pattern,                         reg,    0x0123456789abe11e, 0xfedcba987654e11f, ARITH, 0x0123456789aba0a2,     OF|CF
	IMUL2	l, small,                             reg,  0x0123456700000003, 0xfedcba98fffffffb, ARITH, 0x00000000fffffff1,     0
	IMUL2	l, min_times_minus_one, mem,                0x0123456780000000, 0xfedcba98ffffffff, 0,         0x0000000080000000, OF|CF
	IMUL2	l, overflow,                       reg,     0x012345677fffffff, 0xfedcba9800000002, 0,         0x00000000fffffffe, OF|CF
	IMUL2	l, fits,                               reg, 0x0123456700008000, 0xfedcba98ffff8000, ARITH, 0x00000000c0000000,     0
	IMUL2	l, minus_one_squared,     reg,              0x01234567ffffffff, 0xfedcba98ffffffff, 0,         0x0000000000000001, 0
	IMUL2	l, pattern,                         mem,    0x012345670ff0e11e, 0xfedcba980ff0e11f, ARITH, 0x000000007226a0a2,     OF|CF
	IMUL2	q, small,                             reg,  0x0000000000000003, 0xfffffffffffffffb, ARITH, 0xfffffffffffffff1,     0
	IMUL2	q, min_times_minus_one, reg,                0x8000000000000000, 0xffffffffffffffff, 0,         0x8000000000000000, OF|CF
	IMUL2	q, overflow,                       reg,     0x7fffffffffffffff, 0x0000000000000002, 0,         0xfffffffffffffffe, OF|CF
	IMUL2	q, fits,                               mem, 0x0000000080000000, 0xffffffff80000000, ARITH, 0xc000000000000000,     0
	IMUL2	q, minus_one_squared,     reg,              0xffffffffffffffff, 0xffffffffffffffff, 0,         0x0000000000000001, 0
	IMUL2	q, pattern,                         reg,    0x5aa5c33c0ff0e11e, 0xb44bc33c0ff0e11f, ARITH, 0x7ba11a547226a0a2,     OF|CF

	/* imul, three operands: an immediate (imm8 sign-extended or imm16/imm32) times a register */
	IMUL3	w, imm8_min,                 reg,     -1,                 0xfedcba9876548000, 0,         0x0123456789ab8000, OF|CF
	IMUL3	w, imm8,                         mem, 127,               0xfedcba9876540003,  ARITH, 0x0123456789ab017d,     0
	IMUL3	w, imm8_overflow,       reg,          -128,             0xfedcba9876547fff,   0,         0x0123456789ab0080, OF|CF
	IMUL3	w, imm_big,                   reg,    4660,             0xfedcba987654fffe,   ARITH, 0x0123456789abdb98,     0
	IMUL3	w, imm_big_overflow, reg,             -4660,           0xfedcba9876540080,    0,         0x0123456789abe600, OF|CF
	IMUL3	l, imm8_min,                 mem,     -1,                 0xfedcba9880000000, 0,         0x0000000080000000, OF|CF
	IMUL3	l, imm8,                         reg, 127,               0xfedcba9800000003,  ARITH, 0x000000000000017d,     0
	IMUL3	l, imm8_overflow,       reg,          -128,             0xfedcba987fffffff,   0,         0x0000000000000080, OF|CF
	IMUL3	l, imm_big,                   reg,    305419896,   0xfedcba98fffffffe,        ARITH, 0x00000000db975310,     0
	IMUL3	l, imm_big_overflow, mem,             -305419896, 0xfedcba9800800000,         0,         0x00000000c4000000, OF|CF
	IMUL3	q, imm8_min,                 reg,     -1,                 0x8000000000000000, 0,         0x8000000000000000, OF|CF
	IMUL3	q, imm8,                         reg, 127,               0x0000000000000003,  ARITH, 0x000000000000017d,     0
	IMUL3	q, imm8_overflow,       reg,          -128,             0x7fffffffffffffff,   0,         0x0000000000000080, OF|CF
	IMUL3	q, imm_big,                   mem,    305419896,   0xfffffffffffffffe,        ARITH, 0xffffffffdb975310,     0
	IMUL3	q, imm_big_overflow, reg,             -305419896, 0x0080000000000000,         0,         0xc400000000000000, OF|CF

	/* div: AX, DX:AX, EDX:EAX or RDX:RAX by the operand; quotient in AL/AX/EAX/RAX, remainder in AH/DX/EDX/RDX */
	DIV	div, b, small,                    reg, 0x0f1e2d3c4b5a6978, 0x0123456789ab0007, 0xfedcba9876543202, 0x0123456789ab0103, 0x0f1e2d3c4b5a6978
	DIV	div, b, max_by_max,               reg, 0x0f1e2d3c4b5a6978, 0x0123456789ab00ff, 0xfedcba98765432ff, 0x0123456789ab0001, 0x0f1e2d3c4b5a6978
	DIV	div, b, widest_quotient_fits,     mem, 0x0f1e2d3c4b5a6978, 0x0123456789abfeff, 0xfedcba98765432ff, 0x0123456789abfeff, 0x0f1e2d3c4b5a6978
	DIV	div, b, high_half,                reg, 0x0f1e2d3c4b5a6978, 0x0123456789ab8000, 0xfedcba98765432ff, 0x0123456789ab8080, 0x0f1e2d3c4b5a6978
	DIV	div, b, by_one,                   reg, 0x0f1e2d3c4b5a6978, 0x0123456789ab001e, 0xfedcba9876543201, 0x0123456789ab001e, 0x0f1e2d3c4b5a6978
	DIV	div, b, quotient_overflow,        reg, 0x0f1e2d3c4b5a6978, 0x0123456789abff00, 0xfedcba98765432ff, DE
	DIV	div, b, quotient_overflow_by_one, mem, 0x0f1e2d3c4b5a6978, 0x0123456789ab0100, 0xfedcba9876543201, DE
	DIV	div, b, by_zero,                  reg, 0x0f1e2d3c4b5a6978, 0x0123456789ab0005, 0xfedcba9876543200, DE
	DIV	div, w, small,                    reg, 0x0f1e2d3c4b5a0000, 0x0123456789ab0007, 0xfedcba9876540002, 0x0123456789ab0003, 0x0f1e2d3c4b5a0001
	DIV	div, w, max_by_max,               reg, 0x0f1e2d3c4b5a0000, 0x0123456789abffff, 0xfedcba987654ffff, 0x0123456789ab0001, 0x0f1e2d3c4b5a0000
	DIV	div, w, widest_quotient_fits,     mem, 0x0f1e2d3c4b5afffe, 0x0123456789abffff, 0xfedcba987654ffff, 0x0123456789abffff, 0x0f1e2d3c4b5afffe
	DIV	div, w, high_half,                reg, 0x0f1e2d3c4b5a8000, 0x0123456789ab0000, 0xfedcba987654ffff, 0x0123456789ab8000, 0x0f1e2d3c4b5a8000
	DIV	div, w, by_one,                   reg, 0x0f1e2d3c4b5a0000, 0x0123456789abe11e, 0xfedcba9876540001, 0x0123456789abe11e, 0x0f1e2d3c4b5a0000
	DIV	div, w, quotient_overflow,        reg, 0x0f1e2d3c4b5affff, 0x0123456789ab0000, 0xfedcba987654ffff, DE
	DIV	div, w, quotient_overflow_by_one, mem, 0x0f1e2d3c4b5a0001, 0x0123456789ab0000, 0xfedcba9876540001, DE
	DIV	div, w, by_zero,                  reg, 0x0f1e2d3c4b5a0000, 0x0123456789ab0005, 0xfedcba9876540000, DE
	DIV	div, l, small,                    reg, 0x0f1e2d3c00000000, 0x0123456700000007, 0xfedcba9800000002, 0x0000000000000003, 0x0000000000000001
	DIV	div, l, max_by_max,               reg, 0x0f1e2d3c00000000, 0x01234567ffffffff, 0xfedcba98ffffffff, 0x0000000000000001, 0x0000000000000000
	DIV	div, l, widest_quotient_fits,     mem, 0x0f1e2d3cfffffffe, 0x01234567ffffffff, 0xfedcba98ffffffff, 0x00000000ffffffff, 0x00000000fffffffe
	DIV	div, l, high_half,                reg, 0x0f1e2d3c80000000, 0x0123456700000000, 0xfedcba98ffffffff, 0x0000000080000000, 0x0000000080000000
	DIV	div, l, by_one,                   reg, 0x0f1e2d3c00000000, 0x012345670ff0e11e, 0xfedcba9800000001, 0x000000000ff0e11e, 0x0000000000000000
	DIV	div, l, quotient_overflow,        reg, 0x0f1e2d3cffffffff, 0x0123456700000000, 0xfedcba98ffffffff, DE
	DIV	div, l, quotient_overflow_by_one, mem, 0x0f1e2d3c00000001, 0x0123456700000000, 0xfedcba9800000001, DE
	DIV	div, l, by_zero,                  reg, 0x0f1e2d3c00000000, 0x0123456700000005, 0xfedcba9800000000, DE
	DIV	div, q, small,                    reg, 0x0000000000000000, 0x0000000000000007, 0x0000000000000002, 0x0000000000000003, 0x0000000000000001
	DIV	div, q, max_by_max,               reg, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001, 0x0000000000000000
	DIV	div, q, widest_quotient_fits,     mem, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0xfffffffffffffffe
	DIV	div, q, high_half,                reg, 0x8000000000000000, 0x0000000000000000, 0xffffffffffffffff, 0x8000000000000000, 0x8000000000000000
	DIV	div, q, by_one,                   reg, 0x0000000000000000, 0x5aa5c33c0ff0e11e, 0x0000000000000001, 0x5aa5c33c0ff0e11e, 0x0000000000000000
	DIV	div, q, quotient_overflow,        reg, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff, DE
	DIV	div, q, quotient_overflow_by_one, mem, 0x0000000000000001, 0x0000000000000000, 0x0000000000000001, DE
	DIV	div, q, by_zero,                  reg, 0x0000000000000000, 0x0000000000000005, 0x0000000000000000, DE

	/* idiv: AX, DX:AX, EDX:EAX or RDX:RAX by the operand; quotient in AL/AX/EAX/RAX, remainder in AH/DX/EDX/RDX */
	DIV	idiv, b, small,             reg, 0x0f1e2d3c4b5a6978, 0x0123456789ab0007, 0xfedcba9876543202, 0x0123456789ab0103, 0x0f1e2d3c4b5a6978
	DIV	idiv, b, negative_dividend, reg, 0x0f1e2d3c4b5a6978, 0x0123456789abfff9, 0xfedcba9876543202, 0x0123456789abfffd, 0x0f1e2d3c4b5a6978
	DIV	idiv, b, negative_divisor,  mem, 0x0f1e2d3c4b5a6978, 0x0123456789ab0007, 0xfedcba98765432fe, 0x0123456789ab01fd, 0x0f1e2d3c4b5a6978
	DIV	idiv, b, both_negative,     reg, 0x0f1e2d3c4b5a6978, 0x0123456789abfff9, 0xfedcba98765432fe, 0x0123456789abff03, 0x0f1e2d3c4b5a6978
	DIV	idiv, b, min_by_one,        reg, 0x0f1e2d3c4b5a6978, 0x0123456789abff80, 0xfedcba9876543201, 0x0123456789ab0080, 0x0f1e2d3c4b5a6978
	DIV	idiv, b, min_quotient,      reg, 0x0f1e2d3c4b5a6978, 0x0123456789abff00, 0xfedcba9876543202, 0x0123456789ab0080, 0x0f1e2d3c4b5a6978
	DIV	idiv, b, max_quotient,      mem, 0x0f1e2d3c4b5a6978, 0x0123456789ab00ff, 0xfedcba9876543202, 0x0123456789ab017f, 0x0f1e2d3c4b5a6978
	DIV	idiv, b, min_by_minus_one,  reg, 0x0f1e2d3c4b5a6978, 0x0123456789abff80, 0xfedcba98765432ff, DE
	DIV	idiv, b, positive_overflow, reg, 0x0f1e2d3c4b5a6978, 0x0123456789ab0100, 0xfedcba9876543202, DE
	DIV	idiv, b, negative_overflow, reg, 0x0f1e2d3c4b5a6978, 0x0123456789abff7f, 0xfedcba9876543201, DE
	DIV	idiv, b, by_zero,           mem, 0x0f1e2d3c4b5a6978, 0x0123456789ab0005, 0xfedcba9876543200, DE
	DIV	idiv, w, small,             reg, 0x0f1e2d3c4b5a0000, 0x0123456789ab0007, 0xfedcba9876540002, 0x0123456789ab0003, 0x0f1e2d3c4b5a0001
	DIV	idiv, w, negative_dividend, reg, 0x0f1e2d3c4b5affff, 0x0123456789abfff9, 0xfedcba9876540002, 0x0123456789abfffd, 0x0f1e2d3c4b5affff
	DIV	idiv, w, negative_divisor,  reg, 0x0f1e2d3c4b5a0000, 0x0123456789ab0007, 0xfedcba987654fffe, 0x0123456789abfffd, 0x0f1e2d3c4b5a0001
	DIV	idiv, w, both_negative,     mem, 0x0f1e2d3c4b5affff, 0x0123456789abfff9, 0xfedcba987654fffe, 0x0123456789ab0003, 0x0f1e2d3c4b5affff
	DIV	idiv, w, min_by_one,        reg, 0x0f1e2d3c4b5affff, 0x0123456789ab8000, 0xfedcba9876540001, 0x0123456789ab8000, 0x0f1e2d3c4b5a0000
	DIV	idiv, w, min_quotient,      reg, 0x0f1e2d3c4b5affff, 0x0123456789ab0000, 0xfedcba9876540002, 0x0123456789ab8000, 0x0f1e2d3c4b5a0000
	DIV	idiv, w, max_quotient,      reg, 0x0f1e2d3c4b5a0000, 0x0123456789abffff, 0xfedcba9876540002, 0x0123456789ab7fff, 0x0f1e2d3c4b5a0001
	DIV	idiv, w, min_by_minus_one,  mem, 0x0f1e2d3c4b5affff, 0x0123456789ab8000, 0xfedcba987654ffff, DE
	DIV	idiv, w, positive_overflow, reg, 0x0f1e2d3c4b5a0001, 0x0123456789ab0000, 0xfedcba9876540002, DE
	DIV	idiv, w, negative_overflow, reg, 0x0f1e2d3c4b5affff, 0x0123456789ab7fff, 0xfedcba9876540001, DE
	DIV	idiv, w, by_zero,           reg, 0x0f1e2d3c4b5a0000, 0x0123456789ab0005, 0xfedcba9876540000, DE
	DIV	idiv, l, small,             mem, 0x0f1e2d3c00000000, 0x0123456700000007, 0xfedcba9800000002, 0x0000000000000003, 0x0000000000000001
	DIV	idiv, l, negative_dividend, reg, 0x0f1e2d3cffffffff, 0x01234567fffffff9, 0xfedcba9800000002, 0x00000000fffffffd, 0x00000000ffffffff
	DIV	idiv, l, negative_divisor,  reg, 0x0f1e2d3c00000000, 0x0123456700000007, 0xfedcba98fffffffe, 0x00000000fffffffd, 0x0000000000000001
	DIV	idiv, l, both_negative,     reg, 0x0f1e2d3cffffffff, 0x01234567fffffff9, 0xfedcba98fffffffe, 0x0000000000000003, 0x00000000ffffffff
	DIV	idiv, l, min_by_one,        mem, 0x0f1e2d3cffffffff, 0x0123456780000000, 0xfedcba9800000001, 0x0000000080000000, 0x0000000000000000
	DIV	idiv, l, min_quotient,      reg, 0x0f1e2d3cffffffff, 0x0123456700000000, 0xfedcba9800000002, 0x0000000080000000, 0x0000000000000000
	DIV	idiv, l, max_quotient,      reg, 0x0f1e2d3c00000000, 0x01234567ffffffff, 0xfedcba9800000002, 0x000000007fffffff, 0x0000000000000001
	DIV	idiv, l, min_by_minus_one,  reg, 0x0f1e2d3cffffffff, 0x0123456780000000, 0xfedcba98ffffffff, DE
	DIV	idiv, l, positive_overflow, mem, 0x0f1e2d3c00000001, 0x0123456700000000, 0xfedcba9800000002, DE
	DIV	idiv, l, negative_overflow, reg, 0x0f1e2d3cffffffff, 0x012345677fffffff, 0xfedcba9800000001, DE
	DIV	idiv, l, by_zero,           reg, 0x0f1e2d3c00000000, 0x0123456700000005, 0xfedcba9800000000, DE
	DIV	idiv, q, small,             reg, 0x0000000000000000, 0x0000000000000007, 0x0000000000000002, 0x0000000000000003, 0x0000000000000001
	DIV	idiv, q, negative_dividend, mem, 0xffffffffffffffff, 0xfffffffffffffff9, 0x0000000000000002, 0xfffffffffffffffd, 0xffffffffffffffff
	DIV	idiv, q, negative_divisor,  reg, 0x0000000000000000, 0x0000000000000007, 0xfffffffffffffffe, 0xfffffffffffffffd, 0x0000000000000001
	DIV	idiv, q, both_negative,     reg, 0xffffffffffffffff, 0xfffffffffffffff9, 0xfffffffffffffffe, 0x0000000000000003, 0xffffffffffffffff
	DIV	idiv, q, min_by_one,        reg, 0xffffffffffffffff, 0x8000000000000000, 0x0000000000000001, 0x8000000000000000, 0x0000000000000000
	DIV	idiv, q, min_quotient,      mem, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000002, 0x8000000000000000, 0x0000000000000000
	DIV	idiv, q, max_quotient,      reg, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000002, 0x7fffffffffffffff, 0x0000000000000001
	DIV	idiv, q, min_by_minus_one,  reg, 0xffffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, DE
	DIV	idiv, q, positive_overflow, reg, 0x0000000000000001, 0x0000000000000000, 0x0000000000000002, DE
	DIV	idiv, q, negative_overflow, mem, 0xffffffffffffffff, 0x7fffffffffffffff, 0x0000000000000001, DE
	DIV	idiv, q, by_zero,           reg, 0x0000000000000000, 0x0000000000000005, 0x0000000000000000, DE

	call	trap_restore
	CHECK_END
	.size	main, . - main

	.section .data
	.balign	8
operand:
	.quad	0

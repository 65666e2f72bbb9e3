/*
 * flags.S: the arithmetic and logic instructions and the six status flags they define, at each operand
 * size. Every case loads %rax (destination) and %rbx (source) with 64-bit values whose upper bits are
 * a pattern, sets the flags with popfq, runs one instruction and checks the whole of %rax (so the
 * case also shows that 8- and 16-bit results leave bits 63:8 / 63:16 alone and that 32-bit results
 * zero bits 63:32) and RFLAGS under a mask of the flags the SDM defines for that instruction:
 *
 *	ADD ADC SUB SBB CMP NEG	OF SF ZF AF PF CF from the result
 *	INC DEC			OF SF ZF AF PF from the result; CF is left as it was (the cases set it
 *				to 1 going in to show that)
 *	AND OR XOR TEST		OF = CF = 0, SF ZF PF from the result; AF is undefined, never checked
 *	NOT			no flag changes
 *
 * The operands are the edges each flag has: 0 + 0 (ZF, PF), MAX + 1 (CF, ZF), SMAX + 1 and SMIN - 1
 * (OF), 0x0f + 1 (AF), and patterns whose low byte has odd parity (PF clear). The flags going in are
 * chosen to differ from the flags coming out where that tells something (a flag left set by accident
 * shows), in particular ARITH (all six) before the logic instructions that must clear CF and OF.
 */
	.include "check.inc"
	CHECK_PROGRAM flags

/*
 * ALU op, w, tag, a, b, flags_in, result, flags_out: `op\w %src, %dst` with %dst = %al/%ax/%eax/%rax
 * holding a and %src = %bl/%bx/%ebx/%rbx holding b. Checks "<op><w>_<tag>" and "..._flags".
 */
.macro ALU op:req, w:req, tag:req, a:req, b:req, fin:req, result:req, fout:req
	.set	.Lmask, ARITH
	.irp	logic, and, or, xor, test
	.ifc	\op, \logic
	.set	.Lmask, LOGIC
	.endif
	.endr
	movabsq	$\a, %rax
	movabsq	$\b, %rbx
	SET_FLAGS \fin
	.ifc	\w, b
	\op\w	%bl, %al
	.endif
	.ifc	\w, w
	\op\w	%bx, %ax
	.endif
	.ifc	\w, l
	\op\w	%ebx, %eax
	.endif
	.ifc	\w, q
	\op\w	%rbx, %rax
	.endif
	CHECK_EQ %rax, \result, \op\w\()_\tag
	CHECK_FLAGS .Lmask, \fout, \op\w\()_\tag\()_flags
.endm

/* UNARY op, w, tag, a, flags_in, result, flags_out: `op\w %al/%ax/%eax/%rax` with the register holding a. */
.macro UNARY op:req, w:req, tag:req, a:req, fin:req, result:req, fout:req
	movabsq	$\a, %rax
	SET_FLAGS \fin
	.ifc	\w, b
	\op\w	%al
	.endif
	.ifc	\w, w
	\op\w	%ax
	.endif
	.ifc	\w, l
	\op\w	%eax
	.endif
	.ifc	\w, q
	\op\w	%rax
	.endif
	CHECK_EQ %rax, \result, \op\w\()_\tag
	CHECK_FLAGS ARITH, \fout, \op\w\()_\tag\()_flags
.endm

	.text
	.globl	main
	.type	main, @function
main:
	CHECK_BEGIN
	/*	op   w  tag             a (destination)     b (source)          in     result              out */

	/* add */
	ALU	add, b, zero,           0x0123456789abcd00, 0xfedcba9876543200, 0,     0x0123456789abcd00, ZF|PF
	ALU	add, b, overflow,       0x0123456789abcd7f, 0xfedcba9876543201, 0,     0x0123456789abcd80, OF|SF|AF
	ALU	add, b, carry_zero,     0x0123456789abcdff, 0xfedcba9876543201, 0,     0x0123456789abcd00, ZF|AF|PF|CF
	ALU	add, b, carry_overflow, 0x0123456789abcd80, 0xfedcba9876543280, 0,     0x0123456789abcd00, OF|ZF|PF|CF
	ALU	add, b, aux,            0x0123456789abcd0f, 0xfedcba9876543201, ARITH, 0x0123456789abcd10, AF
	ALU	add, b, carry_sign,     0x0123456789abcdff, 0xfedcba98765432ff, 0,     0x0123456789abcdfe, SF|AF|CF
	ALU	add, b, pattern,        0x0123456789abcd5a, 0xfedcba9876543296, 0,     0x0123456789abcdf0, SF|AF|PF
	ALU	add, w, zero,           0x0123456789ab0000, 0xfedcba9876540000, 0,     0x0123456789ab0000, ZF|PF
	ALU	add, w, overflow,       0x0123456789ab7fff, 0xfedcba9876540001, 0,     0x0123456789ab8000, OF|SF|AF|PF
	ALU	add, w, carry_zero,     0x0123456789abffff, 0xfedcba9876540001, 0,     0x0123456789ab0000, ZF|AF|PF|CF
	ALU	add, w, carry_overflow, 0x0123456789ab8000, 0xfedcba9876548000, 0,     0x0123456789ab0000, OF|ZF|PF|CF
	ALU	add, w, aux,            0x0123456789ab000f, 0xfedcba9876540001, ARITH, 0x0123456789ab0010, AF
	ALU	add, w, carry_sign,     0x0123456789abffff, 0xfedcba987654ffff, 0,     0x0123456789abfffe, SF|AF|CF
	ALU	add, w, pattern,        0x0123456789ab5aa5, 0xfedcba9876549669, 0,     0x0123456789abf10e, SF
	ALU	add, l, zero,           0x0123456700000000, 0xfedcba9800000000, 0,     0x0000000000000000, ZF|PF
	ALU	add, l, overflow,       0x012345677fffffff, 0xfedcba9800000001, 0,     0x0000000080000000, OF|SF|AF|PF
	ALU	add, l, carry_zero,     0x01234567ffffffff, 0xfedcba9800000001, 0,     0x0000000000000000, ZF|AF|PF|CF
	ALU	add, l, carry_overflow, 0x0123456780000000, 0xfedcba9880000000, 0,     0x0000000000000000, OF|ZF|PF|CF
	ALU	add, l, aux,            0x012345670000000f, 0xfedcba9800000001, ARITH, 0x0000000000000010, AF
	ALU	add, l, carry_sign,     0x01234567ffffffff, 0xfedcba98ffffffff, 0,     0x00000000fffffffe, SF|AF|CF
	ALU	add, l, pattern,        0x012345675aa5c33c, 0xfedcba9896693cc3, 0,     0x00000000f10effff, SF|PF
	ALU	add, q, zero,           0x0000000000000000, 0x0000000000000000, 0,     0x0000000000000000, ZF|PF
	ALU	add, q, overflow,       0x7fffffffffffffff, 0x0000000000000001, 0,     0x8000000000000000, OF|SF|AF|PF
	ALU	add, q, carry_zero,     0xffffffffffffffff, 0x0000000000000001, 0,     0x0000000000000000, ZF|AF|PF|CF
	ALU	add, q, carry_overflow, 0x8000000000000000, 0x8000000000000000, 0,     0x0000000000000000, OF|ZF|PF|CF
	ALU	add, q, aux,            0x000000000000000f, 0x0000000000000001, ARITH, 0x0000000000000010, AF
	ALU	add, q, carry_sign,     0xffffffffffffffff, 0xffffffffffffffff, 0,     0xfffffffffffffffe, SF|AF|CF
	ALU	add, q, pattern,        0x5aa5c33c0ff0e11e, 0x96693cc3f00f1ee1, 0,     0xf10effffffffffff, SF|PF

	/* adc */
	ALU	adc, b, carry_in,          0x0123456789abcd00, 0xfedcba9876543200, CF, 0x0123456789abcd01, 0
	ALU	adc, b, carry_through,     0x0123456789abcdff, 0xfedcba9876543200, CF, 0x0123456789abcd00, ZF|AF|PF|CF
	ALU	adc, b, overflow_by_carry, 0x0123456789abcd7f, 0xfedcba9876543200, CF, 0x0123456789abcd80, OF|SF|AF
	ALU	adc, b, both,              0x0123456789abcdff, 0xfedcba98765432ff, CF, 0x0123456789abcdff, SF|AF|PF|CF
	ALU	adc, b, no_carry_in,       0x0123456789abcd5a, 0xfedcba9876543296, 0,  0x0123456789abcdf0, SF|AF|PF
	ALU	adc, b, aux_by_carry,      0x0123456789abcd0e, 0xfedcba9876543201, CF, 0x0123456789abcd10, AF
	ALU	adc, w, carry_in,          0x0123456789ab0000, 0xfedcba9876540000, CF, 0x0123456789ab0001, 0
	ALU	adc, w, carry_through,     0x0123456789abffff, 0xfedcba9876540000, CF, 0x0123456789ab0000, ZF|AF|PF|CF
	ALU	adc, w, overflow_by_carry, 0x0123456789ab7fff, 0xfedcba9876540000, CF, 0x0123456789ab8000, OF|SF|AF|PF
	ALU	adc, w, both,              0x0123456789abffff, 0xfedcba987654ffff, CF, 0x0123456789abffff, SF|AF|PF|CF
	ALU	adc, w, no_carry_in,       0x0123456789ab5aa5, 0xfedcba9876549669, 0,  0x0123456789abf10e, SF
	ALU	adc, w, aux_by_carry,      0x0123456789ab000e, 0xfedcba9876540001, CF, 0x0123456789ab0010, AF
	ALU	adc, l, carry_in,          0x0123456700000000, 0xfedcba9800000000, CF, 0x0000000000000001, 0
	ALU	adc, l, carry_through,     0x01234567ffffffff, 0xfedcba9800000000, CF, 0x0000000000000000, ZF|AF|PF|CF
	ALU	adc, l, overflow_by_carry, 0x012345677fffffff, 0xfedcba9800000000, CF, 0x0000000080000000, OF|SF|AF|PF
	ALU	adc, l, both,              0x01234567ffffffff, 0xfedcba98ffffffff, CF, 0x00000000ffffffff, SF|AF|PF|CF
	ALU	adc, l, no_carry_in,       0x012345675aa5c33c, 0xfedcba9896693cc3, 0,  0x00000000f10effff, SF|PF
	ALU	adc, l, aux_by_carry,      0x012345670000000e, 0xfedcba9800000001, CF, 0x0000000000000010, AF
	ALU	adc, q, carry_in,          0x0000000000000000, 0x0000000000000000, CF, 0x0000000000000001, 0
	ALU	adc, q, carry_through,     0xffffffffffffffff, 0x0000000000000000, CF, 0x0000000000000000, ZF|AF|PF|CF
	ALU	adc, q, overflow_by_carry, 0x7fffffffffffffff, 0x0000000000000000, CF, 0x8000000000000000, OF|SF|AF|PF
	ALU	adc, q, both,              0xffffffffffffffff, 0xffffffffffffffff, CF, 0xffffffffffffffff, SF|AF|PF|CF
	ALU	adc, q, no_carry_in,       0x5aa5c33c0ff0e11e, 0x96693cc3f00f1ee1, 0,  0xf10effffffffffff, SF|PF
	ALU	adc, q, aux_by_carry,      0x000000000000000e, 0x0000000000000001, CF, 0x0000000000000010, AF

	/* sub */
	ALU	sub, b, zero,         0x0123456789abcd00, 0xfedcba9876543200, ARITH, 0x0123456789abcd00, ZF|PF
	ALU	sub, b, borrow,       0x0123456789abcd00, 0xfedcba9876543201, 0,     0x0123456789abcdff, SF|AF|PF|CF
	ALU	sub, b, overflow,     0x0123456789abcd80, 0xfedcba9876543201, 0,     0x0123456789abcd7f, OF|AF
	ALU	sub, b, overflow_neg, 0x0123456789abcd7f, 0xfedcba98765432ff, 0,     0x0123456789abcd80, OF|SF|CF
	ALU	sub, b, aux,          0x0123456789abcd10, 0xfedcba9876543201, 0,     0x0123456789abcd0f, AF|PF
	ALU	sub, b, pattern,      0x0123456789abcd5a, 0xfedcba9876543296, 0,     0x0123456789abcdc4, OF|SF|CF
	ALU	sub, w, zero,         0x0123456789ab0000, 0xfedcba9876540000, ARITH, 0x0123456789ab0000, ZF|PF
	ALU	sub, w, borrow,       0x0123456789ab0000, 0xfedcba9876540001, 0,     0x0123456789abffff, SF|AF|PF|CF
	ALU	sub, w, overflow,     0x0123456789ab8000, 0xfedcba9876540001, 0,     0x0123456789ab7fff, OF|AF|PF
	ALU	sub, w, overflow_neg, 0x0123456789ab7fff, 0xfedcba987654ffff, 0,     0x0123456789ab8000, OF|SF|PF|CF
	ALU	sub, w, aux,          0x0123456789ab0010, 0xfedcba9876540001, 0,     0x0123456789ab000f, AF|PF
	ALU	sub, w, pattern,      0x0123456789ab5aa5, 0xfedcba9876549669, 0,     0x0123456789abc43c, OF|SF|AF|PF|CF
	ALU	sub, l, zero,         0x0123456700000000, 0xfedcba9800000000, ARITH, 0x0000000000000000, ZF|PF
	ALU	sub, l, borrow,       0x0123456700000000, 0xfedcba9800000001, 0,     0x00000000ffffffff, SF|AF|PF|CF
	ALU	sub, l, overflow,     0x0123456780000000, 0xfedcba9800000001, 0,     0x000000007fffffff, OF|AF|PF
	ALU	sub, l, overflow_neg, 0x012345677fffffff, 0xfedcba98ffffffff, 0,     0x0000000080000000, OF|SF|PF|CF
	ALU	sub, l, aux,          0x0123456700000010, 0xfedcba9800000001, 0,     0x000000000000000f, AF|PF
	ALU	sub, l, pattern,      0x012345675aa5c33c, 0xfedcba9896693cc3, 0,     0x00000000c43c8679, OF|SF|CF
	ALU	sub, q, zero,         0x0000000000000000, 0x0000000000000000, ARITH, 0x0000000000000000, ZF|PF
	ALU	sub, q, borrow,       0x0000000000000000, 0x0000000000000001, 0,     0xffffffffffffffff, SF|AF|PF|CF
	ALU	sub, q, overflow,     0x8000000000000000, 0x0000000000000001, 0,     0x7fffffffffffffff, OF|AF|PF
	ALU	sub, q, overflow_neg, 0x7fffffffffffffff, 0xffffffffffffffff, 0,     0x8000000000000000, OF|SF|PF|CF
	ALU	sub, q, aux,          0x0000000000000010, 0x0000000000000001, 0,     0x000000000000000f, AF|PF
	ALU	sub, q, pattern,      0x5aa5c33c0ff0e11e, 0x96693cc3f00f1ee1, 0,     0xc43c86781fe1c23d, OF|SF|CF

	/* sbb */
	ALU	sbb, b, borrow_in,          0x0123456789abcd00, 0xfedcba9876543200, CF, 0x0123456789abcdff, SF|AF|PF|CF
	ALU	sbb, b, overflow_by_borrow, 0x0123456789abcd80, 0xfedcba9876543200, CF, 0x0123456789abcd7f, OF|AF
	ALU	sbb, b, equal_borrow,       0x0123456789abcd5a, 0xfedcba987654325a, CF, 0x0123456789abcdff, SF|AF|PF|CF
	ALU	sbb, b, equal,              0x0123456789abcd5a, 0xfedcba987654325a, 0,  0x0123456789abcd00, ZF|PF
	ALU	sbb, b, aux_by_borrow,      0x0123456789abcd10, 0xfedcba9876543200, CF, 0x0123456789abcd0f, AF|PF
	ALU	sbb, b, wrap,               0x0123456789abcd01, 0xfedcba98765432ff, CF, 0x0123456789abcd01, AF|CF
	ALU	sbb, w, borrow_in,          0x0123456789ab0000, 0xfedcba9876540000, CF, 0x0123456789abffff, SF|AF|PF|CF
	ALU	sbb, w, overflow_by_borrow, 0x0123456789ab8000, 0xfedcba9876540000, CF, 0x0123456789ab7fff, OF|AF|PF
	ALU	sbb, w, equal_borrow,       0x0123456789ab5aa5, 0xfedcba9876545aa5, CF, 0x0123456789abffff, SF|AF|PF|CF
	ALU	sbb, w, equal,              0x0123456789ab5aa5, 0xfedcba9876545aa5, 0,  0x0123456789ab0000, ZF|PF
	ALU	sbb, w, aux_by_borrow,      0x0123456789ab0010, 0xfedcba9876540000, CF, 0x0123456789ab000f, AF|PF
	ALU	sbb, w, wrap,               0x0123456789ab0001, 0xfedcba987654ffff, CF, 0x0123456789ab0001, AF|CF
	ALU	sbb, l, borrow_in,          0x0123456700000000, 0xfedcba9800000000, CF, 0x00000000ffffffff, SF|AF|PF|CF
	ALU	sbb, l, overflow_by_borrow, 0x0123456780000000, 0xfedcba9800000000, CF, 0x000000007fffffff, OF|AF|PF
	ALU	sbb, l, equal_borrow,       0x012345675aa5c33c, 0xfedcba985aa5c33c, CF, 0x00000000ffffffff, SF|AF|PF|CF
	ALU	sbb, l, equal,              0x012345675aa5c33c, 0xfedcba985aa5c33c, 0,  0x0000000000000000, ZF|PF
	ALU	sbb, l, aux_by_borrow,      0x0123456700000010, 0xfedcba9800000000, CF, 0x000000000000000f, AF|PF
	ALU	sbb, l, wrap,               0x0123456700000001, 0xfedcba98ffffffff, CF, 0x0000000000000001, AF|CF
	ALU	sbb, q, borrow_in,          0x0000000000000000, 0x0000000000000000, CF, 0xffffffffffffffff, SF|AF|PF|CF
	ALU	sbb, q, overflow_by_borrow, 0x8000000000000000, 0x0000000000000000, CF, 0x7fffffffffffffff, OF|AF|PF
	ALU	sbb, q, equal_borrow,       0x5aa5c33c0ff0e11e, 0x5aa5c33c0ff0e11e, CF, 0xffffffffffffffff, SF|AF|PF|CF
	ALU	sbb, q, equal,              0x5aa5c33c0ff0e11e, 0x5aa5c33c0ff0e11e, 0,  0x0000000000000000, ZF|PF
	ALU	sbb, q, aux_by_borrow,      0x0000000000000010, 0x0000000000000000, CF, 0x000000000000000f, AF|PF
	ALU	sbb, q, wrap,               0x0000000000000001, 0xffffffffffffffff, CF, 0x0000000000000001, AF|CF

	/* cmp */
	ALU	cmp, b, equal,         0x0123456789abcd5a, 0xfedcba987654325a, 0,     0x0123456789abcd5a, ZF|PF
	ALU	cmp, b, below,         0x0123456789abcd00, 0xfedcba9876543201, 0,     0x0123456789abcd00, SF|AF|PF|CF
	ALU	cmp, b, overflow,      0x0123456789abcd80, 0xfedcba9876543201, 0,     0x0123456789abcd80, OF|AF
	ALU	cmp, b, less_overflow, 0x0123456789abcd01, 0xfedcba9876543280, 0,     0x0123456789abcd01, OF|SF|PF|CF
	ALU	cmp, b, pattern,       0x0123456789abcd96, 0xfedcba987654325a, ARITH, 0x0123456789abcd96, OF|AF|PF
	ALU	cmp, w, equal,         0x0123456789ab5aa5, 0xfedcba9876545aa5, 0,     0x0123456789ab5aa5, ZF|PF
	ALU	cmp, w, below,         0x0123456789ab0000, 0xfedcba9876540001, 0,     0x0123456789ab0000, SF|AF|PF|CF
	ALU	cmp, w, overflow,      0x0123456789ab8000, 0xfedcba9876540001, 0,     0x0123456789ab8000, OF|AF|PF
	ALU	cmp, w, less_overflow, 0x0123456789ab0001, 0xfedcba9876548000, 0,     0x0123456789ab0001, OF|SF|CF
	ALU	cmp, w, pattern,       0x0123456789ab9669, 0xfedcba9876545aa5, ARITH, 0x0123456789ab9669, OF
	ALU	cmp, l, equal,         0x012345675aa5c33c, 0xfedcba985aa5c33c, 0,     0x012345675aa5c33c, ZF|PF
	ALU	cmp, l, below,         0x0123456700000000, 0xfedcba9800000001, 0,     0x0123456700000000, SF|AF|PF|CF
	ALU	cmp, l, overflow,      0x0123456780000000, 0xfedcba9800000001, 0,     0x0123456780000000, OF|AF|PF
	ALU	cmp, l, less_overflow, 0x0123456700000001, 0xfedcba9880000000, 0,     0x0123456700000001, OF|SF|CF
	ALU	cmp, l, pattern,       0x0123456796693cc3, 0xfedcba985aa5c33c, ARITH, 0x0123456796693cc3, OF|AF|PF
	ALU	cmp, q, equal,         0x5aa5c33c0ff0e11e, 0x5aa5c33c0ff0e11e, 0,     0x5aa5c33c0ff0e11e, ZF|PF
	ALU	cmp, q, below,         0x0000000000000000, 0x0000000000000001, 0,     0x0000000000000000, SF|AF|PF|CF
	ALU	cmp, q, overflow,      0x8000000000000000, 0x0000000000000001, 0,     0x8000000000000000, OF|AF|PF
	ALU	cmp, q, less_overflow, 0x0000000000000001, 0x8000000000000000, 0,     0x0000000000000001, OF|SF|CF
	ALU	cmp, q, pattern,       0x96693cc3f00f1ee1, 0x5aa5c33c0ff0e11e, ARITH, 0x96693cc3f00f1ee1, OF|AF|PF

	/* and */
	ALU	and, b, sign,       0x0123456789abcdff, 0xfedcba9876543280, ARITH, 0x0123456789abcd80, SF
	ALU	and, b, disjoint,   0x0123456789abcd5a, 0xfedcba9876543296, ARITH, 0x0123456789abcd12, PF
	ALU	and, b, pattern,    0x0123456789abcd5a, 0xfedcba98765432ff, 0,     0x0123456789abcd5a, PF
	ALU	and, b, parity_odd, 0x0123456789abcd03, 0xfedcba9876543201, 0,     0x0123456789abcd01, 0
	ALU	and, w, sign,       0x0123456789abffff, 0xfedcba9876548000, ARITH, 0x0123456789ab8000, SF|PF
	ALU	and, w, disjoint,   0x0123456789ab5aa5, 0xfedcba9876549669, ARITH, 0x0123456789ab1221, PF
	ALU	and, w, pattern,    0x0123456789ab5aa5, 0xfedcba987654ffff, 0,     0x0123456789ab5aa5, PF
	ALU	and, w, parity_odd, 0x0123456789ab0003, 0xfedcba9876540001, 0,     0x0123456789ab0001, 0
	ALU	and, l, sign,       0x01234567ffffffff, 0xfedcba9880000000, ARITH, 0x0000000080000000, SF|PF
	ALU	and, l, disjoint,   0x012345675aa5c33c, 0xfedcba9896693cc3, ARITH, 0x0000000012210000, PF
	ALU	and, l, pattern,    0x012345675aa5c33c, 0xfedcba98ffffffff, 0,     0x000000005aa5c33c, PF
	ALU	and, l, parity_odd, 0x0123456700000003, 0xfedcba9800000001, 0,     0x0000000000000001, 0
	ALU	and, q, sign,       0xffffffffffffffff, 0x8000000000000000, ARITH, 0x8000000000000000, SF|PF
	ALU	and, q, disjoint,   0x5aa5c33c0ff0e11e, 0x96693cc3f00f1ee1, ARITH, 0x1221000000000000, PF
	ALU	and, q, pattern,    0x5aa5c33c0ff0e11e, 0xffffffffffffffff, 0,     0x5aa5c33c0ff0e11e, PF
	ALU	and, q, parity_odd, 0x0000000000000003, 0x0000000000000001, 0,     0x0000000000000001, 0

	/* or */
	ALU	or, b, zero,     0x0123456789abcd00, 0xfedcba9876543200, ARITH, 0x0123456789abcd00, ZF|PF
	ALU	or, b, all_ones, 0x0123456789abcd5a, 0xfedcba9876543296, 0,     0x0123456789abcdde, SF|PF
	ALU	or, b, sign,     0x0123456789abcd80, 0xfedcba9876543203, OF|CF, 0x0123456789abcd83, SF
	ALU	or, w, zero,     0x0123456789ab0000, 0xfedcba9876540000, ARITH, 0x0123456789ab0000, ZF|PF
	ALU	or, w, all_ones, 0x0123456789ab5aa5, 0xfedcba9876549669, 0,     0x0123456789abdeed, SF|PF
	ALU	or, w, sign,     0x0123456789ab8000, 0xfedcba9876540003, OF|CF, 0x0123456789ab8003, SF|PF
	ALU	or, l, zero,     0x0123456700000000, 0xfedcba9800000000, ARITH, 0x0000000000000000, ZF|PF
	ALU	or, l, all_ones, 0x012345675aa5c33c, 0xfedcba9896693cc3, 0,     0x00000000deedffff, SF|PF
	ALU	or, l, sign,     0x0123456780000000, 0xfedcba9800000003, OF|CF, 0x0000000080000003, SF|PF
	ALU	or, q, zero,     0x0000000000000000, 0x0000000000000000, ARITH, 0x0000000000000000, ZF|PF
	ALU	or, q, all_ones, 0x5aa5c33c0ff0e11e, 0x96693cc3f00f1ee1, 0,     0xdeedffffffffffff, SF|PF
	ALU	or, q, sign,     0x8000000000000000, 0x0000000000000003, OF|CF, 0x8000000000000003, SF|PF

	/* xor */
	ALU	xor, b, self,       0x0123456789abcd5a, 0xfedcba987654325a, ARITH, 0x0123456789abcd00, ZF|PF
	ALU	xor, b, complement, 0x0123456789abcd5a, 0xfedcba9876543296, 0,     0x0123456789abcdcc, SF|PF
	ALU	xor, b, sign,       0x0123456789abcd81, 0xfedcba9876543201, OF|CF, 0x0123456789abcd80, SF
	ALU	xor, w, self,       0x0123456789ab5aa5, 0xfedcba9876545aa5, ARITH, 0x0123456789ab0000, ZF|PF
	ALU	xor, w, complement, 0x0123456789ab5aa5, 0xfedcba9876549669, 0,     0x0123456789abcccc, SF|PF
	ALU	xor, w, sign,       0x0123456789ab8001, 0xfedcba9876540001, OF|CF, 0x0123456789ab8000, SF|PF
	ALU	xor, l, self,       0x012345675aa5c33c, 0xfedcba985aa5c33c, ARITH, 0x0000000000000000, ZF|PF
	ALU	xor, l, complement, 0x012345675aa5c33c, 0xfedcba9896693cc3, 0,     0x00000000ccccffff, SF|PF
	ALU	xor, l, sign,       0x0123456780000001, 0xfedcba9800000001, OF|CF, 0x0000000080000000, SF|PF
	ALU	xor, q, self,       0x5aa5c33c0ff0e11e, 0x5aa5c33c0ff0e11e, ARITH, 0x0000000000000000, ZF|PF
	ALU	xor, q, complement, 0x5aa5c33c0ff0e11e, 0x96693cc3f00f1ee1, 0,     0xccccffffffffffff, SF|PF
	ALU	xor, q, sign,       0x8000000000000001, 0x0000000000000001, OF|CF, 0x8000000000000000, SF|PF

	/* test */
	ALU	test, b, disjoint,   0x0123456789abcd5a, 0xfedcba9876543296, ARITH, 0x0123456789abcd5a, PF
	ALU	test, b, sign,       0x0123456789abcdff, 0xfedcba9876543280, OF|CF, 0x0123456789abcdff, SF
	ALU	test, b, parity_odd, 0x0123456789abcd06, 0xfedcba9876543202, 0,     0x0123456789abcd06, 0
	ALU	test, w, disjoint,   0x0123456789ab5aa5, 0xfedcba9876549669, ARITH, 0x0123456789ab5aa5, PF
	ALU	test, w, sign,       0x0123456789abffff, 0xfedcba9876548000, OF|CF, 0x0123456789abffff, SF|PF
	ALU	test, w, parity_odd, 0x0123456789ab0006, 0xfedcba9876540002, 0,     0x0123456789ab0006, 0
	ALU	test, l, disjoint,   0x012345675aa5c33c, 0xfedcba9896693cc3, ARITH, 0x012345675aa5c33c, PF
	ALU	test, l, sign,       0x01234567ffffffff, 0xfedcba9880000000, OF|CF, 0x01234567ffffffff, SF|PF
	ALU	test, l, parity_odd, 0x0123456700000006, 0xfedcba9800000002, 0,     0x0123456700000006, 0
	ALU	test, q, disjoint,   0x5aa5c33c0ff0e11e, 0x96693cc3f00f1ee1, ARITH, 0x5aa5c33c0ff0e11e, PF
	ALU	test, q, sign,       0xffffffffffffffff, 0x8000000000000000, OF|CF, 0xffffffffffffffff, SF|PF
	ALU	test, q, parity_odd, 0x0000000000000006, 0x0000000000000002, 0,     0x0000000000000006, 0

	/* inc */
	UNARY	inc, b, wrap_keeps_cf, 0x0123456789abcdff, CF, 0x0123456789abcd00, ZF|AF|PF|CF
	UNARY	inc, b, wrap,          0x0123456789abcdff, 0,  0x0123456789abcd00, ZF|AF|PF
	UNARY	inc, b, overflow,      0x0123456789abcd7f, 0,  0x0123456789abcd80, OF|SF|AF
	UNARY	inc, b, aux,           0x0123456789abcd0f, CF, 0x0123456789abcd10, AF|CF
	UNARY	inc, b, from_min,      0x0123456789abcd80, 0,  0x0123456789abcd81, SF|PF
	UNARY	inc, w, wrap_keeps_cf, 0x0123456789abffff, CF, 0x0123456789ab0000, ZF|AF|PF|CF
	UNARY	inc, w, wrap,          0x0123456789abffff, 0,  0x0123456789ab0000, ZF|AF|PF
	UNARY	inc, w, overflow,      0x0123456789ab7fff, 0,  0x0123456789ab8000, OF|SF|AF|PF
	UNARY	inc, w, aux,           0x0123456789ab000f, CF, 0x0123456789ab0010, AF|CF
	UNARY	inc, w, from_min,      0x0123456789ab8000, 0,  0x0123456789ab8001, SF
	UNARY	inc, l, wrap_keeps_cf, 0x01234567ffffffff, CF, 0x0000000000000000, ZF|AF|PF|CF
	UNARY	inc, l, wrap,          0x01234567ffffffff, 0,  0x0000000000000000, ZF|AF|PF
	UNARY	inc, l, overflow,      0x012345677fffffff, 0,  0x0000000080000000, OF|SF|AF|PF
	UNARY	inc, l, aux,           0x012345670000000f, CF, 0x0000000000000010, AF|CF
	UNARY	inc, l, from_min,      0x0123456780000000, 0,  0x0000000080000001, SF
	UNARY	inc, q, wrap_keeps_cf, 0xffffffffffffffff, CF, 0x0000000000000000, ZF|AF|PF|CF
	UNARY	inc, q, wrap,          0xffffffffffffffff, 0,  0x0000000000000000, ZF|AF|PF
	UNARY	inc, q, overflow,      0x7fffffffffffffff, 0,  0x8000000000000000, OF|SF|AF|PF
	UNARY	inc, q, aux,           0x000000000000000f, CF, 0x0000000000000010, AF|CF
	UNARY	inc, q, from_min,      0x8000000000000000, 0,  0x8000000000000001, SF

	/* dec */
	UNARY	dec, b, wrap,          0x0123456789abcd00, 0,     0x0123456789abcdff, SF|AF|PF
	UNARY	dec, b, wrap_keeps_cf, 0x0123456789abcd00, CF,    0x0123456789abcdff, SF|AF|PF|CF
	UNARY	dec, b, overflow,      0x0123456789abcd80, 0,     0x0123456789abcd7f, OF|AF
	UNARY	dec, b, zero_keeps_cf, 0x0123456789abcd01, ARITH, 0x0123456789abcd00, ZF|PF|CF
	UNARY	dec, b, aux,           0x0123456789abcd10, 0,     0x0123456789abcd0f, AF|PF
	UNARY	dec, w, wrap,          0x0123456789ab0000, 0,     0x0123456789abffff, SF|AF|PF
	UNARY	dec, w, wrap_keeps_cf, 0x0123456789ab0000, CF,    0x0123456789abffff, SF|AF|PF|CF
	UNARY	dec, w, overflow,      0x0123456789ab8000, 0,     0x0123456789ab7fff, OF|AF|PF
	UNARY	dec, w, zero_keeps_cf, 0x0123456789ab0001, ARITH, 0x0123456789ab0000, ZF|PF|CF
	UNARY	dec, w, aux,           0x0123456789ab0010, 0,     0x0123456789ab000f, AF|PF
	UNARY	dec, l, wrap,          0x0123456700000000, 0,     0x00000000ffffffff, SF|AF|PF
	UNARY	dec, l, wrap_keeps_cf, 0x0123456700000000, CF,    0x00000000ffffffff, SF|AF|PF|CF
	UNARY	dec, l, overflow,      0x0123456780000000, 0,     0x000000007fffffff, OF|AF|PF
	UNARY	dec, l, zero_keeps_cf, 0x0123456700000001, ARITH, 0x0000000000000000, ZF|PF|CF
	UNARY	dec, l, aux,           0x0123456700000010, 0,     0x000000000000000f, AF|PF
	UNARY	dec, q, wrap,          0x0000000000000000, 0,     0xffffffffffffffff, SF|AF|PF
	UNARY	dec, q, wrap_keeps_cf, 0x0000000000000000, CF,    0xffffffffffffffff, SF|AF|PF|CF
	UNARY	dec, q, overflow,      0x8000000000000000, 0,     0x7fffffffffffffff, OF|AF|PF
	UNARY	dec, q, zero_keeps_cf, 0x0000000000000001, ARITH, 0x0000000000000000, ZF|PF|CF
	UNARY	dec, q, aux,           0x0000000000000010, 0,     0x000000000000000f, AF|PF

	/* neg */
	UNARY	neg, b, zero,     0x0123456789abcd00, ARITH, 0x0123456789abcd00, ZF|PF
	UNARY	neg, b, min,      0x0123456789abcd80, 0,     0x0123456789abcd80, OF|SF|CF
	UNARY	neg, b, one,      0x0123456789abcd01, 0,     0x0123456789abcdff, SF|AF|PF|CF
	UNARY	neg, b, aux,      0x0123456789abcd10, 0,     0x0123456789abcdf0, SF|PF|CF
	UNARY	neg, b, near_min, 0x0123456789abcd81, 0,     0x0123456789abcd7f, AF|CF
	UNARY	neg, w, zero,     0x0123456789ab0000, ARITH, 0x0123456789ab0000, ZF|PF
	UNARY	neg, w, min,      0x0123456789ab8000, 0,     0x0123456789ab8000, OF|SF|PF|CF
	UNARY	neg, w, one,      0x0123456789ab0001, 0,     0x0123456789abffff, SF|AF|PF|CF
	UNARY	neg, w, aux,      0x0123456789ab0010, 0,     0x0123456789abfff0, SF|PF|CF
	UNARY	neg, w, near_min, 0x0123456789ab8001, 0,     0x0123456789ab7fff, AF|PF|CF
	UNARY	neg, l, zero,     0x0123456700000000, ARITH, 0x0000000000000000, ZF|PF
	UNARY	neg, l, min,      0x0123456780000000, 0,     0x0000000080000000, OF|SF|PF|CF
	UNARY	neg, l, one,      0x0123456700000001, 0,     0x00000000ffffffff, SF|AF|PF|CF
	UNARY	neg, l, aux,      0x0123456700000010, 0,     0x00000000fffffff0, SF|PF|CF
	UNARY	neg, l, near_min, 0x0123456780000001, 0,     0x000000007fffffff, AF|PF|CF
	UNARY	neg, q, zero,     0x0000000000000000, ARITH, 0x0000000000000000, ZF|PF
	UNARY	neg, q, min,      0x8000000000000000, 0,     0x8000000000000000, OF|SF|PF|CF
	UNARY	neg, q, one,      0x0000000000000001, 0,     0xffffffffffffffff, SF|AF|PF|CF
	UNARY	neg, q, aux,      0x0000000000000010, 0,     0xfffffffffffffff0, SF|PF|CF
	UNARY	neg, q, near_min, 0x8000000000000001, 0,     0x7fffffffffffffff, AF|PF|CF

	/* not: no flags change */
	UNARY	not, b, flags_clear, 0x0123456789abcd1e, 0,     0x0123456789abcde1, 0
	UNARY	not, b, flags_set,   0x0123456789abcd1e, ARITH, 0x0123456789abcde1, ARITH
	UNARY	not, w, flags_clear, 0x0123456789abe11e, 0,     0x0123456789ab1ee1, 0
	UNARY	not, w, flags_set,   0x0123456789abe11e, ARITH, 0x0123456789ab1ee1, ARITH
	UNARY	not, l, flags_clear, 0x012345670ff0e11e, 0,     0x00000000f00f1ee1, 0
	UNARY	not, l, flags_set,   0x012345670ff0e11e, ARITH, 0x00000000f00f1ee1, ARITH
	UNARY	not, q, flags_clear, 0x5aa5c33c0ff0e11e, 0,     0xa55a3cc3f00f1ee1, 0
	UNARY	not, q, flags_set,   0x5aa5c33c0ff0e11e, ARITH, 0xa55a3cc3f00f1ee1, ARITH

	/* Other forms: high-byte registers, sign-extended immediates, memory destinations, idioms. */
	/* addb	%ah, %al */
	movabsq	$0x0123456789ab80c0, %rax
	SET_FLAGS 0
	addb	%ah, %al
	CHECK_EQ %rax, 0x0123456789ab8040, addb_high_source
	CHECK_FLAGS ARITH, OF|CF, addb_high_source_flags
	/* subb	%al, %ah */
	movabsq	$0x0123456789ab3010, %rax
	SET_FLAGS 0
	subb	%al, %ah
	CHECK_EQ %rax, 0x0123456789ab2010, subb_high_dest
	CHECK_FLAGS ARITH, 0, subb_high_dest_flags
	/* addq	$-1, %rax */
	movabsq	$0x0000000000000001, %rax
	SET_FLAGS 0
	addq	$-1, %rax
	CHECK_EQ %rax, 0x0000000000000000, addq_imm8_minus_one
	CHECK_FLAGS ARITH, ZF|AF|PF|CF, addq_imm8_minus_one_flags
	/* addl	$0x80000000, %eax */
	movabsq	$0xfedcba9880000000, %rax
	SET_FLAGS 0
	addl	$0x80000000, %eax
	CHECK_EQ %rax, 0x0000000000000000, addl_imm32
	CHECK_FLAGS ARITH, OF|ZF|PF|CF, addl_imm32_flags
	/* subq	$0x7fffffff, %rax */
	movabsq	$0x8000000000000000, %rax
	SET_FLAGS 0
	subq	$0x7fffffff, %rax
	CHECK_EQ %rax, 0x7fffffff80000001, subq_imm32
	CHECK_FLAGS ARITH, OF|AF, subq_imm32_flags
	/* andq	$-0x80000000, %rax */
	movabsq	$0x7fffffffffffffff, %rax
	SET_FLAGS ARITH
	andq	$-0x80000000, %rax
	CHECK_EQ %rax, 0x7fffffff80000000, andq_imm32_sign_extended
	CHECK_FLAGS LOGIC, PF, andq_imm32_sign_extended_flags
	/* cmpb	$0x80, %al */
	movabsq	$0x012345678912347f, %rax
	SET_FLAGS 0
	cmpb	$0x80, %al
	CHECK_EQ %rax, 0x012345678912347f, cmpb_imm
	CHECK_FLAGS ARITH, OF|SF|PF|CF, cmpb_imm_flags
	/* xorl	%eax, %eax */
	movabsq	$0x0123456789abcdef, %rax
	SET_FLAGS ARITH
	xorl	%eax, %eax
	CHECK_EQ %rax, 0x0000000000000000, xorl_self
	CHECK_FLAGS LOGIC, ZF|PF, xorl_self_flags
	/* testq	$-1, %rax */
	movabsq	$0x0123456789abcdef, %rax
	SET_FLAGS ARITH
	testq	$-1, %rax
	CHECK_EQ %rax, 0x0123456789abcdef, testq_imm32_minus_one
	CHECK_FLAGS LOGIC, 0, testq_imm32_minus_one_flags
	/* addw	$0x1234, %ax */
	movabsq	$0x0123456789abedcb, %rax
	SET_FLAGS 0
	addw	$0x1234, %ax
	CHECK_EQ %rax, 0x0123456789abffff, addw_imm16
	CHECK_FLAGS ARITH, SF|PF, addw_imm16_flags
	/* addw	$-2, %ax */
	movabsq	$0x0123456789ab0001, %rax
	SET_FLAGS 0
	addw	$-2, %ax
	CHECK_EQ %rax, 0x0123456789abffff, addw_imm8_minus_two
	CHECK_FLAGS ARITH, SF|PF, addw_imm8_minus_two_flags
	/* adcq	%rax, %rax */
	movabsq	$0xc000000000000001, %rax
	SET_FLAGS CF
	adcq	%rax, %rax
	CHECK_EQ %rax, 0x8000000000000003, adcq_self
	CHECK_FLAGS ARITH, SF|PF|CF, adcq_self_flags
	/* sbbl	%eax, %eax */
	movabsq	$0x0123456789abcdef, %rax
	SET_FLAGS CF
	sbbl	%eax, %eax
	CHECK_EQ %rax, 0x00000000ffffffff, sbbl_self_borrow
	CHECK_FLAGS ARITH, SF|AF|PF|CF, sbbl_self_borrow_flags
	/* addw	%ax, scratch(%rip) */
	movabsq	$0x0000000000000010, %rax
	movabsq	$0x0123456789abfff0, %rcx
	movq	%rcx, scratch(%rip)
	SET_FLAGS 0
	addw	%ax, scratch(%rip)
	CHECK_EQ %rax, 0x0000000000000010, addw_to_memory
	CHECK_EQ scratch(%rip), 0x0123456789ab0000, addw_to_memory_memory
	CHECK_FLAGS ARITH, ZF|PF|CF, addw_to_memory_flags
	/* lock incq	scratch(%rip) */
	movabsq	$0x0000000000000000, %rax
	movabsq	$0x7fffffffffffffff, %rcx
	movq	%rcx, scratch(%rip)
	SET_FLAGS CF
	lock incq	scratch(%rip)
	CHECK_EQ %rax, 0x0000000000000000, lock_incq_memory
	CHECK_EQ scratch(%rip), 0x8000000000000000, lock_incq_memory_memory
	CHECK_FLAGS ARITH, OF|SF|AF|PF|CF, lock_incq_memory_flags
	/* negl	scratch(%rip) */
	movabsq	$0x0000000000000000, %rax
	movabsq	$0xfedcba9800000000, %rcx
	movq	%rcx, scratch(%rip)
	SET_FLAGS 0
	negl	scratch(%rip)
	CHECK_EQ %rax, 0x0000000000000000, negl_memory
	CHECK_EQ scratch(%rip), 0xfedcba9800000000, negl_memory_memory
	CHECK_FLAGS ARITH, ZF|PF, negl_memory_flags
	/* adcb	$0, scratch(%rip) */
	movabsq	$0x0000000000000000, %rax
	movabsq	$0x01234567890000ff, %rcx
	movq	%rcx, scratch(%rip)
	SET_FLAGS CF
	adcb	$0, scratch(%rip)
	CHECK_EQ %rax, 0x0000000000000000, adcb_imm_to_memory
	CHECK_EQ scratch(%rip), 0x0123456789000000, adcb_imm_to_memory_memory
	CHECK_FLAGS ARITH, ZF|AF|PF|CF, adcb_imm_to_memory_flags
	/* lock subq	$1, scratch(%rip) */
	movabsq	$0x0000000000000000, %rax
	movabsq	$0x0000000100000000, %rcx
	movq	%rcx, scratch(%rip)
	SET_FLAGS 0
	lock subq	$1, scratch(%rip)
	CHECK_EQ %rax, 0x0000000000000000, lock_subq_memory
	CHECK_EQ scratch(%rip), 0x00000000ffffffff, lock_subq_memory_memory
	CHECK_FLAGS ARITH, AF|PF, lock_subq_memory_flags
	/* orq	scratch(%rip), %rax */
	movabsq	$0x000000000000000f, %rax
	movabsq	$0x00000000000000f0, %rcx
	movq	%rcx, scratch(%rip)
	SET_FLAGS 0
	orq	scratch(%rip), %rax
	CHECK_EQ %rax, 0x00000000000000ff, orq_from_memory
	CHECK_EQ scratch(%rip), 0x00000000000000f0, orq_from_memory_memory
	CHECK_FLAGS LOGIC, PF, orq_from_memory_flags

	CHECK_END
	.size	main, . - main

	.section .data
	.balign	8
scratch:
	.quad	0

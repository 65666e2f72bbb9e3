/*
 * shifts.S: SHL/SAL, SHR, SAR, ROL, ROR, RCL, RCR, SHLD and SHRD at each operand size, by 1 (the D0/D1
 * form), by an immediate and by %cl, with counts 0, 1, a few in between, the width and past it.
 *
 * The count is masked to 5 bits (6 with a 64-bit operand) before anything else, so 8- and 16-bit
 * shifts can shift everything out (count 8..31), a 32-bit shift by 32 and a 64-bit shift by 64 do
 * nothing, and 33 / 65 are shifts by 1. RCL and RCR then rotate 9 / 17 bits at 8 / 16 bits (count
 * mod 9 / mod 17). The upper bits of %rcx are set, to show that only %cl counts.
 *
 * Flags, as the SDM defines them (the mask column of each case):
 *	masked count 0	no flag changes, so all six are checked against the flags going in
 *	SHL SHR SAR	CF = last bit shifted out (undefined for SHL/SHR when the count is at least the
 *			width, possible at 8 and 16 bits); OF only for count 1; SF ZF PF from the result;
 *			AF undefined
 *	ROL ROR RCL RCR	CF (the bit rotated into it); OF only for count 1; SF ZF AF PF never change
 *	SHLD SHRD	CF, SF ZF PF; OF only for count 1; AF undefined. Counts above the width (16-bit
 *			only) are undefined and not used.
 * A 32-bit shift by a masked count of 0 still writes its register, zeroing bits 63:32.
 */
	.include "check.inc"
	CHECK_PROGRAM shifts

	.equ	COUNT_UPPER, 0x0123456789abcd00	/* %rcx around the count in %cl */

/*
 * SHIFT op, w, tag, form, n, a, flags_in, result, flags_out, mask: `op\w` on %al/%ax/%eax/%rax holding
 * a; form is `one` (by 1, no count operand), `imm` ($n) or `cl` (%cl = n).
 */
.macro SHIFT op:req, w:req, tag:req, form:req, n:req, a:req, fin:req, result:req, fout:req, mask:req
	movabsq	$\a, %rax
	movabsq	$(COUNT_UPPER | \n), %rcx
	SET_FLAGS \fin
	.ifc	\form, one
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
	.endif
	.ifc	\form, imm
	.ifc	\w, b
	\op\w	$\n, %al
	.endif
	.ifc	\w, w
	\op\w	$\n, %ax
	.endif
	.ifc	\w, l
	\op\w	$\n, %eax
	.endif
	.ifc	\w, q
	\op\w	$\n, %rax
	.endif
	.endif
	.ifc	\form, cl
	.ifc	\w, b
	\op\w	%cl, %al
	.endif
	.ifc	\w, w
	\op\w	%cl, %ax
	.endif
	.ifc	\w, l
	\op\w	%cl, %eax
	.endif
	.ifc	\w, q
	\op\w	%cl, %rax
	.endif
	.endif
	CHECK_EQ %rax, \result, \op\w\()_\tag
	CHECK_FLAGS \mask, \fout, \op\w\()_\tag\()_flags
.endm

/*
 * DSHIFT op, w, tag, form, n, a, b, flags_in, result, flags_out, mask: `op\w count, %bx, %ax` (and the
 * 32- and 64-bit registers) with %rax = a and %rbx = b; form is `imm` or `cl`.
 */
.macro DSHIFT op:req, w:req, tag:req, form:req, n:req, a:req, b:req, fin:req, result:req, fout:req, mask:req
	movabsq	$\a, %rax
	movabsq	$\b, %rbx
	movabsq	$(COUNT_UPPER | \n), %rcx
	SET_FLAGS \fin
	.ifc	\form, imm
	.ifc	\w, w
	\op\w	$\n, %bx, %ax
	.endif
	.ifc	\w, l
	\op\w	$\n, %ebx, %eax
	.endif
	.ifc	\w, q
	\op\w	$\n, %rbx, %rax
	.endif
	.endif
	.ifc	\form, cl
	.ifc	\w, w
	\op\w	%cl, %bx, %ax
	.endif
	.ifc	\w, l
	\op\w	%cl, %ebx, %eax
	.endif
	.ifc	\w, q
	\op\w	%cl, %rbx, %rax
	.endif
	.endif
	CHECK_EQ %rax, \result, \op\w\()_\tag
	CHECK_FLAGS \mask, \fout, \op\w\()_\tag\()_flags
.endm

	.text
	.globl	main
	.type	main, @function
main:
	CHECK_BEGIN

	/* shl */
	SHIFT	shl, b, imm0,              imm, 0x0,  0x0123456789abcdb4, ARITH, 0x0123456789abcdb4, ARITH,    ARITH
	SHIFT	shl, b, cl0,               cl,  0x0,  0x0123456789abcd81, 0,     0x0123456789abcd81, 0,        ARITH
	SHIFT	shl, b, one_hi,            one, 0x1,  0x0123456789abcd81, 0,     0x0123456789abcd02, OF|CF,    OF|SF|ZF|PF|CF
	SHIFT	shl, b, one_pattern,       one, 0x1,  0x0123456789abcd5a, ARITH, 0x0123456789abcdb4, OF|SF|PF, OF|SF|ZF|PF|CF
	SHIFT	shl, b, cl1,               cl,  0x1,  0x0123456789abcdb4, CF,    0x0123456789abcd68, OF|CF,    OF|SF|ZF|PF|CF
	SHIFT	shl, b, imm3,              imm, 0x3,  0x0123456789abcdb4, 0,     0x0123456789abcda0, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	shl, b, imm_width_minus_1, imm, 0x7,  0x0123456789abcd81, ARITH, 0x0123456789abcd80, SF,       SF|ZF|PF|CF
	SHIFT	shl, b, cl_width,          cl,  0x8,  0x0123456789abcd81, 0,     0x0123456789abcd00, ZF|PF,    SF|ZF|PF
	SHIFT	shl, b, cl_width_plus_1,   cl,  0x9,  0x0123456789abcdb4, CF,    0x0123456789abcd00, ZF|PF,    SF|ZF|PF
	SHIFT	shl, b, cl_max,            cl,  0x1f, 0x0123456789abcd5a, ZF,    0x0123456789abcd00, ZF|PF,    SF|ZF|PF
	SHIFT	shl, b, imm_masked,        imm, 0x23, 0x0123456789abcdb4, 0,     0x0123456789abcda0, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	shl, b, cl_0xff,           cl,  0xff, 0x0123456789abcdb4, SF,    0x0123456789abcd00, ZF|PF,    SF|ZF|PF
	SHIFT	shl, w, imm0,              imm, 0x0,  0x0123456789abb44b, ARITH, 0x0123456789abb44b, ARITH,    ARITH
	SHIFT	shl, w, cl0,               cl,  0x0,  0x0123456789ab8001, 0,     0x0123456789ab8001, 0,        ARITH
	SHIFT	shl, w, one_hi,            one, 0x1,  0x0123456789ab8001, 0,     0x0123456789ab0002, OF|CF,    OF|SF|ZF|PF|CF
	SHIFT	shl, w, one_pattern,       one, 0x1,  0x0123456789ab5aa5, ARITH, 0x0123456789abb54a, OF|SF,    OF|SF|ZF|PF|CF
	SHIFT	shl, w, cl1,               cl,  0x1,  0x0123456789abb44b, CF,    0x0123456789ab6896, OF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	shl, w, imm3,              imm, 0x3,  0x0123456789abb44b, 0,     0x0123456789aba258, SF|CF,    SF|ZF|PF|CF
	SHIFT	shl, w, imm_width_minus_1, imm, 0xf,  0x0123456789ab8001, ARITH, 0x0123456789ab8000, SF|PF,    SF|ZF|PF|CF
	SHIFT	shl, w, cl_width,          cl,  0x10, 0x0123456789ab8001, 0,     0x0123456789ab0000, ZF|PF,    SF|ZF|PF
	SHIFT	shl, w, cl_width_plus_1,   cl,  0x11, 0x0123456789abb44b, CF,    0x0123456789ab0000, ZF|PF,    SF|ZF|PF
	SHIFT	shl, w, cl_max,            cl,  0x1f, 0x0123456789ab5aa5, ZF,    0x0123456789ab0000, ZF|PF,    SF|ZF|PF
	SHIFT	shl, w, imm_masked,        imm, 0x23, 0x0123456789abb44b, 0,     0x0123456789aba258, SF|CF,    SF|ZF|PF|CF
	SHIFT	shl, w, cl_0xff,           cl,  0xff, 0x0123456789abb44b, SF,    0x0123456789ab0000, ZF|PF,    SF|ZF|PF
	SHIFT	shl, l, imm0,              imm, 0x0,  0x01234567b44bc33c, ARITH, 0x00000000b44bc33c, ARITH,    ARITH
	SHIFT	shl, l, cl0,               cl,  0x0,  0x0123456780000001, 0,     0x0000000080000001, 0,        ARITH
	SHIFT	shl, l, one_hi,            one, 0x1,  0x0123456780000001, 0,     0x0000000000000002, OF|CF,    OF|SF|ZF|PF|CF
	SHIFT	shl, l, one_pattern,       one, 0x1,  0x012345675aa5c33c, ARITH, 0x00000000b54b8678, OF|SF|PF, OF|SF|ZF|PF|CF
	SHIFT	shl, l, cl1,               cl,  0x1,  0x01234567b44bc33c, CF,    0x0000000068978678, OF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	shl, l, imm3,              imm, 0x3,  0x01234567b44bc33c, 0,     0x00000000a25e19e0, SF|CF,    SF|ZF|PF|CF
	SHIFT	shl, l, imm_width_minus_1, imm, 0x1f, 0x0123456780000001, ARITH, 0x0000000080000000, SF|PF,    SF|ZF|PF|CF
	SHIFT	shl, l, cl_width,          cl,  0x20, 0x0123456780000001, 0,     0x0000000080000001, 0,        ARITH
	SHIFT	shl, l, cl_width_plus_1,   cl,  0x21, 0x01234567b44bc33c, CF,    0x0000000068978678, OF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	shl, l, cl_max,            cl,  0x1f, 0x012345675aa5c33c, ZF,    0x0000000000000000, ZF|PF,    SF|ZF|PF|CF
	SHIFT	shl, l, imm_masked,        imm, 0x23, 0x01234567b44bc33c, 0,     0x00000000a25e19e0, SF|CF,    SF|ZF|PF|CF
	SHIFT	shl, l, cl_0xff,           cl,  0xff, 0x01234567b44bc33c, SF,    0x0000000000000000, ZF|PF,    SF|ZF|PF|CF
	SHIFT	shl, q, imm0,              imm, 0x0,  0xb44bc33c0ff0e11e, ARITH, 0xb44bc33c0ff0e11e, ARITH,    ARITH
	SHIFT	shl, q, cl0,               cl,  0x0,  0x8000000000000001, 0,     0x8000000000000001, 0,        ARITH
	SHIFT	shl, q, one_hi,            one, 0x1,  0x8000000000000001, 0,     0x0000000000000002, OF|CF,    OF|SF|ZF|PF|CF
	SHIFT	shl, q, one_pattern,       one, 0x1,  0x5aa5c33c0ff0e11e, ARITH, 0xb54b86781fe1c23c, OF|SF|PF, OF|SF|ZF|PF|CF
	SHIFT	shl, q, cl1,               cl,  0x1,  0xb44bc33c0ff0e11e, CF,    0x689786781fe1c23c, OF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	shl, q, imm3,              imm, 0x3,  0xb44bc33c0ff0e11e, 0,     0xa25e19e07f8708f0, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	shl, q, imm_width_minus_1, imm, 0x3f, 0x8000000000000001, ARITH, 0x8000000000000000, SF|PF,    SF|ZF|PF|CF
	SHIFT	shl, q, cl_width,          cl,  0x40, 0x8000000000000001, 0,     0x8000000000000001, 0,        ARITH
	SHIFT	shl, q, cl_width_plus_1,   cl,  0x41, 0xb44bc33c0ff0e11e, CF,    0x689786781fe1c23c, OF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	shl, q, cl_max,            cl,  0x3f, 0x5aa5c33c0ff0e11e, ZF,    0x0000000000000000, ZF|PF|CF, SF|ZF|PF|CF
	SHIFT	shl, q, imm_masked,        imm, 0x43, 0xb44bc33c0ff0e11e, 0,     0xa25e19e07f8708f0, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	shl, q, cl_0xff,           cl,  0xff, 0xb44bc33c0ff0e11e, SF,    0x0000000000000000, ZF|PF|CF, SF|ZF|PF|CF

	/* shr */
	SHIFT	shr, b, imm0,              imm, 0x0,  0x0123456789abcdb4, ARITH, 0x0123456789abcdb4, ARITH,    ARITH
	SHIFT	shr, b, cl0,               cl,  0x0,  0x0123456789abcd81, 0,     0x0123456789abcd81, 0,        ARITH
	SHIFT	shr, b, one_hi,            one, 0x1,  0x0123456789abcd81, 0,     0x0123456789abcd40, OF|CF,    OF|SF|ZF|PF|CF
	SHIFT	shr, b, one_pattern,       one, 0x1,  0x0123456789abcd5a, ARITH, 0x0123456789abcd2d, PF,       OF|SF|ZF|PF|CF
	SHIFT	shr, b, cl1,               cl,  0x1,  0x0123456789abcdb4, CF,    0x0123456789abcd5a, OF|PF,    OF|SF|ZF|PF|CF
	SHIFT	shr, b, imm3,              imm, 0x3,  0x0123456789abcdb4, 0,     0x0123456789abcd16, CF,       SF|ZF|PF|CF
	SHIFT	shr, b, imm_width_minus_1, imm, 0x7,  0x0123456789abcd81, ARITH, 0x0123456789abcd01, 0,        SF|ZF|PF|CF
	SHIFT	shr, b, cl_width,          cl,  0x8,  0x0123456789abcd81, 0,     0x0123456789abcd00, ZF|PF,    SF|ZF|PF
	SHIFT	shr, b, cl_width_plus_1,   cl,  0x9,  0x0123456789abcdb4, CF,    0x0123456789abcd00, ZF|PF,    SF|ZF|PF
	SHIFT	shr, b, cl_max,            cl,  0x1f, 0x0123456789abcd5a, ZF,    0x0123456789abcd00, ZF|PF,    SF|ZF|PF
	SHIFT	shr, b, imm_masked,        imm, 0x23, 0x0123456789abcdb4, 0,     0x0123456789abcd16, CF,       SF|ZF|PF|CF
	SHIFT	shr, b, cl_0xff,           cl,  0xff, 0x0123456789abcdb4, SF,    0x0123456789abcd00, ZF|PF,    SF|ZF|PF
	SHIFT	shr, w, imm0,              imm, 0x0,  0x0123456789abb44b, ARITH, 0x0123456789abb44b, ARITH,    ARITH
	SHIFT	shr, w, cl0,               cl,  0x0,  0x0123456789ab8001, 0,     0x0123456789ab8001, 0,        ARITH
	SHIFT	shr, w, one_hi,            one, 0x1,  0x0123456789ab8001, 0,     0x0123456789ab4000, OF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	shr, w, one_pattern,       one, 0x1,  0x0123456789ab5aa5, ARITH, 0x0123456789ab2d52, CF,       OF|SF|ZF|PF|CF
	SHIFT	shr, w, cl1,               cl,  0x1,  0x0123456789abb44b, CF,    0x0123456789ab5a25, OF|CF,    OF|SF|ZF|PF|CF
	SHIFT	shr, w, imm3,              imm, 0x3,  0x0123456789abb44b, 0,     0x0123456789ab1689, 0,        SF|ZF|PF|CF
	SHIFT	shr, w, imm_width_minus_1, imm, 0xf,  0x0123456789ab8001, ARITH, 0x0123456789ab0001, 0,        SF|ZF|PF|CF
	SHIFT	shr, w, cl_width,          cl,  0x10, 0x0123456789ab8001, 0,     0x0123456789ab0000, ZF|PF,    SF|ZF|PF
	SHIFT	shr, w, cl_width_plus_1,   cl,  0x11, 0x0123456789abb44b, CF,    0x0123456789ab0000, ZF|PF,    SF|ZF|PF
	SHIFT	shr, w, cl_max,            cl,  0x1f, 0x0123456789ab5aa5, ZF,    0x0123456789ab0000, ZF|PF,    SF|ZF|PF
	SHIFT	shr, w, imm_masked,        imm, 0x23, 0x0123456789abb44b, 0,     0x0123456789ab1689, 0,        SF|ZF|PF|CF
	SHIFT	shr, w, cl_0xff,           cl,  0xff, 0x0123456789abb44b, SF,    0x0123456789ab0000, ZF|PF,    SF|ZF|PF
	SHIFT	shr, l, imm0,              imm, 0x0,  0x01234567b44bc33c, ARITH, 0x00000000b44bc33c, ARITH,    ARITH
	SHIFT	shr, l, cl0,               cl,  0x0,  0x0123456780000001, 0,     0x0000000080000001, 0,        ARITH
	SHIFT	shr, l, one_hi,            one, 0x1,  0x0123456780000001, 0,     0x0000000040000000, OF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	shr, l, one_pattern,       one, 0x1,  0x012345675aa5c33c, ARITH, 0x000000002d52e19e, 0,        OF|SF|ZF|PF|CF
	SHIFT	shr, l, cl1,               cl,  0x1,  0x01234567b44bc33c, CF,    0x000000005a25e19e, OF,       OF|SF|ZF|PF|CF
	SHIFT	shr, l, imm3,              imm, 0x3,  0x01234567b44bc33c, 0,     0x0000000016897867, CF,       SF|ZF|PF|CF
	SHIFT	shr, l, imm_width_minus_1, imm, 0x1f, 0x0123456780000001, ARITH, 0x0000000000000001, 0,        SF|ZF|PF|CF
	SHIFT	shr, l, cl_width,          cl,  0x20, 0x0123456780000001, 0,     0x0000000080000001, 0,        ARITH
	SHIFT	shr, l, cl_width_plus_1,   cl,  0x21, 0x01234567b44bc33c, CF,    0x000000005a25e19e, OF,       OF|SF|ZF|PF|CF
	SHIFT	shr, l, cl_max,            cl,  0x1f, 0x012345675aa5c33c, ZF,    0x0000000000000000, ZF|PF|CF, SF|ZF|PF|CF
	SHIFT	shr, l, imm_masked,        imm, 0x23, 0x01234567b44bc33c, 0,     0x0000000016897867, CF,       SF|ZF|PF|CF
	SHIFT	shr, l, cl_0xff,           cl,  0xff, 0x01234567b44bc33c, SF,    0x0000000000000001, 0,        SF|ZF|PF|CF
	SHIFT	shr, q, imm0,              imm, 0x0,  0xb44bc33c0ff0e11e, ARITH, 0xb44bc33c0ff0e11e, ARITH,    ARITH
	SHIFT	shr, q, cl0,               cl,  0x0,  0x8000000000000001, 0,     0x8000000000000001, 0,        ARITH
	SHIFT	shr, q, one_hi,            one, 0x1,  0x8000000000000001, 0,     0x4000000000000000, OF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	shr, q, one_pattern,       one, 0x1,  0x5aa5c33c0ff0e11e, ARITH, 0x2d52e19e07f8708f, 0,        OF|SF|ZF|PF|CF
	SHIFT	shr, q, cl1,               cl,  0x1,  0xb44bc33c0ff0e11e, CF,    0x5a25e19e07f8708f, OF,       OF|SF|ZF|PF|CF
	SHIFT	shr, q, imm3,              imm, 0x3,  0xb44bc33c0ff0e11e, 0,     0x1689786781fe1c23, CF,       SF|ZF|PF|CF
	SHIFT	shr, q, imm_width_minus_1, imm, 0x3f, 0x8000000000000001, ARITH, 0x0000000000000001, 0,        SF|ZF|PF|CF
	SHIFT	shr, q, cl_width,          cl,  0x40, 0x8000000000000001, 0,     0x8000000000000001, 0,        ARITH
	SHIFT	shr, q, cl_width_plus_1,   cl,  0x41, 0xb44bc33c0ff0e11e, CF,    0x5a25e19e07f8708f, OF,       OF|SF|ZF|PF|CF
	SHIFT	shr, q, cl_max,            cl,  0x3f, 0x5aa5c33c0ff0e11e, ZF,    0x0000000000000000, ZF|PF|CF, SF|ZF|PF|CF
	SHIFT	shr, q, imm_masked,        imm, 0x43, 0xb44bc33c0ff0e11e, 0,     0x1689786781fe1c23, CF,       SF|ZF|PF|CF
	SHIFT	shr, q, cl_0xff,           cl,  0xff, 0xb44bc33c0ff0e11e, SF,    0x0000000000000001, 0,        SF|ZF|PF|CF

	/* sar */
	SHIFT	sar, b, imm0,              imm, 0x0,  0x0123456789abcdb4, ARITH, 0x0123456789abcdb4, ARITH,    ARITH
	SHIFT	sar, b, cl0,               cl,  0x0,  0x0123456789abcd81, 0,     0x0123456789abcd81, 0,        ARITH
	SHIFT	sar, b, one_hi,            one, 0x1,  0x0123456789abcd81, 0,     0x0123456789abcdc0, SF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	sar, b, one_pattern,       one, 0x1,  0x0123456789abcd5a, ARITH, 0x0123456789abcd2d, PF,       OF|SF|ZF|PF|CF
	SHIFT	sar, b, cl1,               cl,  0x1,  0x0123456789abcdb4, CF,    0x0123456789abcdda, SF,       OF|SF|ZF|PF|CF
	SHIFT	sar, b, imm3,              imm, 0x3,  0x0123456789abcdb4, 0,     0x0123456789abcdf6, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	sar, b, imm_width_minus_1, imm, 0x7,  0x0123456789abcd81, ARITH, 0x0123456789abcdff, SF|PF,    SF|ZF|PF|CF
	SHIFT	sar, b, cl_width,          cl,  0x8,  0x0123456789abcd81, 0,     0x0123456789abcdff, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	sar, b, cl_width_plus_1,   cl,  0x9,  0x0123456789abcdb4, CF,    0x0123456789abcdff, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	sar, b, cl_max,            cl,  0x1f, 0x0123456789abcd5a, ZF,    0x0123456789abcd00, ZF|PF,    SF|ZF|PF|CF
	SHIFT	sar, b, imm_masked,        imm, 0x23, 0x0123456789abcdb4, 0,     0x0123456789abcdf6, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	sar, b, cl_0xff,           cl,  0xff, 0x0123456789abcdb4, SF,    0x0123456789abcdff, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	sar, w, imm0,              imm, 0x0,  0x0123456789abb44b, ARITH, 0x0123456789abb44b, ARITH,    ARITH
	SHIFT	sar, w, cl0,               cl,  0x0,  0x0123456789ab8001, 0,     0x0123456789ab8001, 0,        ARITH
	SHIFT	sar, w, one_hi,            one, 0x1,  0x0123456789ab8001, 0,     0x0123456789abc000, SF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	sar, w, one_pattern,       one, 0x1,  0x0123456789ab5aa5, ARITH, 0x0123456789ab2d52, CF,       OF|SF|ZF|PF|CF
	SHIFT	sar, w, cl1,               cl,  0x1,  0x0123456789abb44b, CF,    0x0123456789abda25, SF|CF,    OF|SF|ZF|PF|CF
	SHIFT	sar, w, imm3,              imm, 0x3,  0x0123456789abb44b, 0,     0x0123456789abf689, SF,       SF|ZF|PF|CF
	SHIFT	sar, w, imm_width_minus_1, imm, 0xf,  0x0123456789ab8001, ARITH, 0x0123456789abffff, SF|PF,    SF|ZF|PF|CF
	SHIFT	sar, w, cl_width,          cl,  0x10, 0x0123456789ab8001, 0,     0x0123456789abffff, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	sar, w, cl_width_plus_1,   cl,  0x11, 0x0123456789abb44b, CF,    0x0123456789abffff, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	sar, w, cl_max,            cl,  0x1f, 0x0123456789ab5aa5, ZF,    0x0123456789ab0000, ZF|PF,    SF|ZF|PF|CF
	SHIFT	sar, w, imm_masked,        imm, 0x23, 0x0123456789abb44b, 0,     0x0123456789abf689, SF,       SF|ZF|PF|CF
	SHIFT	sar, w, cl_0xff,           cl,  0xff, 0x0123456789abb44b, SF,    0x0123456789abffff, SF|PF|CF, SF|ZF|PF|CF
	SHIFT	sar, l, imm0,              imm, 0x0,  0x01234567b44bc33c, ARITH, 0x00000000b44bc33c, ARITH,    ARITH
	SHIFT	sar, l, cl0,               cl,  0x0,  0x0123456780000001, 0,     0x0000000080000001, 0,        ARITH
	SHIFT	sar, l, one_hi,            one, 0x1,  0x0123456780000001, 0,     0x00000000c0000000, SF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	sar, l, one_pattern,       one, 0x1,  0x012345675aa5c33c, ARITH, 0x000000002d52e19e, 0,        OF|SF|ZF|PF|CF
	SHIFT	sar, l, cl1,               cl,  0x1,  0x01234567b44bc33c, CF,    0x00000000da25e19e, SF,       OF|SF|ZF|PF|CF
	SHIFT	sar, l, imm3,              imm, 0x3,  0x01234567b44bc33c, 0,     0x00000000f6897867, SF|CF,    SF|ZF|PF|CF
	SHIFT	sar, l, imm_width_minus_1, imm, 0x1f, 0x0123456780000001, ARITH, 0x00000000ffffffff, SF|PF,    SF|ZF|PF|CF
	SHIFT	sar, l, cl_width,          cl,  0x20, 0x0123456780000001, 0,     0x0000000080000001, 0,        ARITH
	SHIFT	sar, l, cl_width_plus_1,   cl,  0x21, 0x01234567b44bc33c, CF,    0x00000000da25e19e, SF,       OF|SF|ZF|PF|CF
	SHIFT	sar, l, cl_max,            cl,  0x1f, 0x012345675aa5c33c, ZF,    0x0000000000000000, ZF|PF|CF, SF|ZF|PF|CF
	SHIFT	sar, l, imm_masked,        imm, 0x23, 0x01234567b44bc33c, 0,     0x00000000f6897867, SF|CF,    SF|ZF|PF|CF
	SHIFT	sar, l, cl_0xff,           cl,  0xff, 0x01234567b44bc33c, SF,    0x00000000ffffffff, SF|PF,    SF|ZF|PF|CF
	SHIFT	sar, q, imm0,              imm, 0x0,  0xb44bc33c0ff0e11e, ARITH, 0xb44bc33c0ff0e11e, ARITH,    ARITH
	SHIFT	sar, q, cl0,               cl,  0x0,  0x8000000000000001, 0,     0x8000000000000001, 0,        ARITH
	SHIFT	sar, q, one_hi,            one, 0x1,  0x8000000000000001, 0,     0xc000000000000000, SF|PF|CF, OF|SF|ZF|PF|CF
	SHIFT	sar, q, one_pattern,       one, 0x1,  0x5aa5c33c0ff0e11e, ARITH, 0x2d52e19e07f8708f, 0,        OF|SF|ZF|PF|CF
	SHIFT	sar, q, cl1,               cl,  0x1,  0xb44bc33c0ff0e11e, CF,    0xda25e19e07f8708f, SF,       OF|SF|ZF|PF|CF
	SHIFT	sar, q, imm3,              imm, 0x3,  0xb44bc33c0ff0e11e, 0,     0xf689786781fe1c23, SF|CF,    SF|ZF|PF|CF
	SHIFT	sar, q, imm_width_minus_1, imm, 0x3f, 0x8000000000000001, ARITH, 0xffffffffffffffff, SF|PF,    SF|ZF|PF|CF
	SHIFT	sar, q, cl_width,          cl,  0x40, 0x8000000000000001, 0,     0x8000000000000001, 0,        ARITH
	SHIFT	sar, q, cl_width_plus_1,   cl,  0x41, 0xb44bc33c0ff0e11e, CF,    0xda25e19e07f8708f, SF,       OF|SF|ZF|PF|CF
	SHIFT	sar, q, cl_max,            cl,  0x3f, 0x5aa5c33c0ff0e11e, ZF,    0x0000000000000000, ZF|PF|CF, SF|ZF|PF|CF
	SHIFT	sar, q, imm_masked,        imm, 0x43, 0xb44bc33c0ff0e11e, 0,     0xf689786781fe1c23, SF|CF,    SF|ZF|PF|CF
	SHIFT	sar, q, cl_0xff,           cl,  0xff, 0xb44bc33c0ff0e11e, SF,    0xffffffffffffffff, SF|PF,    SF|ZF|PF|CF

	/* rol */
	SHIFT	rol, b, imm0,              imm, 0x0,  0x0123456789abcdb4, ARITH, 0x0123456789abcdb4, ARITH,          ARITH
	SHIFT	rol, b, cl0,               cl,  0x0,  0x0123456789abcd81, 0,     0x0123456789abcd81, 0,              ARITH
	SHIFT	rol, b, one_hi,            one, 0x1,  0x0123456789abcd81, 0,     0x0123456789abcd03, OF|CF,          ARITH
	SHIFT	rol, b, one_pattern,       one, 0x1,  0x0123456789abcd5a, ARITH, 0x0123456789abcdb4, OF|SF|ZF|AF|PF, ARITH
	SHIFT	rol, b, cl1,               cl,  0x1,  0x0123456789abcdb4, CF,    0x0123456789abcd69, OF|CF,          ARITH
	SHIFT	rol, b, imm3,              imm, 0x3,  0x0123456789abcdb4, 0,     0x0123456789abcda5, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, b, imm_width_minus_1, imm, 0x7,  0x0123456789abcd81, ARITH, 0x0123456789abcdc0, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rol, b, cl_width,          cl,  0x8,  0x0123456789abcd81, 0,     0x0123456789abcd81, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, b, cl_width_plus_1,   cl,  0x9,  0x0123456789abcdb4, CF,    0x0123456789abcd69, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, b, cl_max,            cl,  0x1f, 0x0123456789abcd5a, ZF,    0x0123456789abcd2d, ZF|CF,          SF|ZF|AF|PF|CF
	SHIFT	rol, b, imm_masked,        imm, 0x23, 0x0123456789abcdb4, 0,     0x0123456789abcda5, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, b, cl_0xff,           cl,  0xff, 0x0123456789abcdb4, SF,    0x0123456789abcd5a, SF,             SF|ZF|AF|PF|CF
	SHIFT	rol, w, imm0,              imm, 0x0,  0x0123456789abb44b, ARITH, 0x0123456789abb44b, ARITH,          ARITH
	SHIFT	rol, w, cl0,               cl,  0x0,  0x0123456789ab8001, 0,     0x0123456789ab8001, 0,              ARITH
	SHIFT	rol, w, one_hi,            one, 0x1,  0x0123456789ab8001, 0,     0x0123456789ab0003, OF|CF,          ARITH
	SHIFT	rol, w, one_pattern,       one, 0x1,  0x0123456789ab5aa5, ARITH, 0x0123456789abb54a, OF|SF|ZF|AF|PF, ARITH
	SHIFT	rol, w, cl1,               cl,  0x1,  0x0123456789abb44b, CF,    0x0123456789ab6897, OF|CF,          ARITH
	SHIFT	rol, w, imm3,              imm, 0x3,  0x0123456789abb44b, 0,     0x0123456789aba25d, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, w, imm_width_minus_1, imm, 0xf,  0x0123456789ab8001, ARITH, 0x0123456789abc000, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rol, w, cl_width,          cl,  0x10, 0x0123456789ab8001, 0,     0x0123456789ab8001, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, w, cl_width_plus_1,   cl,  0x11, 0x0123456789abb44b, CF,    0x0123456789ab6897, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, w, cl_max,            cl,  0x1f, 0x0123456789ab5aa5, ZF,    0x0123456789abad52, ZF,             SF|ZF|AF|PF|CF
	SHIFT	rol, w, imm_masked,        imm, 0x23, 0x0123456789abb44b, 0,     0x0123456789aba25d, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, w, cl_0xff,           cl,  0xff, 0x0123456789abb44b, SF,    0x0123456789abda25, SF|CF,          SF|ZF|AF|PF|CF
	SHIFT	rol, l, imm0,              imm, 0x0,  0x01234567b44bc33c, ARITH, 0x00000000b44bc33c, ARITH,          ARITH
	SHIFT	rol, l, cl0,               cl,  0x0,  0x0123456780000001, 0,     0x0000000080000001, 0,              ARITH
	SHIFT	rol, l, one_hi,            one, 0x1,  0x0123456780000001, 0,     0x0000000000000003, OF|CF,          ARITH
	SHIFT	rol, l, one_pattern,       one, 0x1,  0x012345675aa5c33c, ARITH, 0x00000000b54b8678, OF|SF|ZF|AF|PF, ARITH
	SHIFT	rol, l, cl1,               cl,  0x1,  0x01234567b44bc33c, CF,    0x0000000068978679, OF|CF,          ARITH
	SHIFT	rol, l, imm3,              imm, 0x3,  0x01234567b44bc33c, 0,     0x00000000a25e19e5, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, l, imm_width_minus_1, imm, 0x1f, 0x0123456780000001, ARITH, 0x00000000c0000000, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rol, l, cl_width,          cl,  0x20, 0x0123456780000001, 0,     0x0000000080000001, 0,              ARITH
	SHIFT	rol, l, cl_width_plus_1,   cl,  0x21, 0x01234567b44bc33c, CF,    0x0000000068978679, OF|CF,          ARITH
	SHIFT	rol, l, cl_max,            cl,  0x1f, 0x012345675aa5c33c, ZF,    0x000000002d52e19e, ZF,             SF|ZF|AF|PF|CF
	SHIFT	rol, l, imm_masked,        imm, 0x23, 0x01234567b44bc33c, 0,     0x00000000a25e19e5, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, l, cl_0xff,           cl,  0xff, 0x01234567b44bc33c, SF,    0x000000005a25e19e, SF,             SF|ZF|AF|PF|CF
	SHIFT	rol, q, imm0,              imm, 0x0,  0xb44bc33c0ff0e11e, ARITH, 0xb44bc33c0ff0e11e, ARITH,          ARITH
	SHIFT	rol, q, cl0,               cl,  0x0,  0x8000000000000001, 0,     0x8000000000000001, 0,              ARITH
	SHIFT	rol, q, one_hi,            one, 0x1,  0x8000000000000001, 0,     0x0000000000000003, OF|CF,          ARITH
	SHIFT	rol, q, one_pattern,       one, 0x1,  0x5aa5c33c0ff0e11e, ARITH, 0xb54b86781fe1c23c, OF|SF|ZF|AF|PF, ARITH
	SHIFT	rol, q, cl1,               cl,  0x1,  0xb44bc33c0ff0e11e, CF,    0x689786781fe1c23d, OF|CF,          ARITH
	SHIFT	rol, q, imm3,              imm, 0x3,  0xb44bc33c0ff0e11e, 0,     0xa25e19e07f8708f5, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, q, imm_width_minus_1, imm, 0x3f, 0x8000000000000001, ARITH, 0xc000000000000000, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rol, q, cl_width,          cl,  0x40, 0x8000000000000001, 0,     0x8000000000000001, 0,              ARITH
	SHIFT	rol, q, cl_width_plus_1,   cl,  0x41, 0xb44bc33c0ff0e11e, CF,    0x689786781fe1c23d, OF|CF,          ARITH
	SHIFT	rol, q, cl_max,            cl,  0x3f, 0x5aa5c33c0ff0e11e, ZF,    0x2d52e19e07f8708f, ZF|CF,          SF|ZF|AF|PF|CF
	SHIFT	rol, q, imm_masked,        imm, 0x43, 0xb44bc33c0ff0e11e, 0,     0xa25e19e07f8708f5, CF,             SF|ZF|AF|PF|CF
	SHIFT	rol, q, cl_0xff,           cl,  0xff, 0xb44bc33c0ff0e11e, SF,    0x5a25e19e07f8708f, SF|CF,          SF|ZF|AF|PF|CF

	/* ror */
	SHIFT	ror, b, imm0,              imm, 0x0,  0x0123456789abcdb4, ARITH, 0x0123456789abcdb4, ARITH,       ARITH
	SHIFT	ror, b, cl0,               cl,  0x0,  0x0123456789abcd81, 0,     0x0123456789abcd81, 0,           ARITH
	SHIFT	ror, b, one_hi,            one, 0x1,  0x0123456789abcd81, 0,     0x0123456789abcdc0, CF,          ARITH
	SHIFT	ror, b, one_pattern,       one, 0x1,  0x0123456789abcd5a, ARITH, 0x0123456789abcd2d, SF|ZF|AF|PF, ARITH
	SHIFT	ror, b, cl1,               cl,  0x1,  0x0123456789abcdb4, CF,    0x0123456789abcd5a, OF,          ARITH
	SHIFT	ror, b, imm3,              imm, 0x3,  0x0123456789abcdb4, 0,     0x0123456789abcd96, CF,          SF|ZF|AF|PF|CF
	SHIFT	ror, b, imm_width_minus_1, imm, 0x7,  0x0123456789abcd81, ARITH, 0x0123456789abcd03, SF|ZF|AF|PF, SF|ZF|AF|PF|CF
	SHIFT	ror, b, cl_width,          cl,  0x8,  0x0123456789abcd81, 0,     0x0123456789abcd81, CF,          SF|ZF|AF|PF|CF
	SHIFT	ror, b, cl_width_plus_1,   cl,  0x9,  0x0123456789abcdb4, CF,    0x0123456789abcd5a, 0,           SF|ZF|AF|PF|CF
	SHIFT	ror, b, cl_max,            cl,  0x1f, 0x0123456789abcd5a, ZF,    0x0123456789abcdb4, ZF|CF,       SF|ZF|AF|PF|CF
	SHIFT	ror, b, imm_masked,        imm, 0x23, 0x0123456789abcdb4, 0,     0x0123456789abcd96, CF,          SF|ZF|AF|PF|CF
	SHIFT	ror, b, cl_0xff,           cl,  0xff, 0x0123456789abcdb4, SF,    0x0123456789abcd69, SF,          SF|ZF|AF|PF|CF
	SHIFT	ror, w, imm0,              imm, 0x0,  0x0123456789abb44b, ARITH, 0x0123456789abb44b, ARITH,       ARITH
	SHIFT	ror, w, cl0,               cl,  0x0,  0x0123456789ab8001, 0,     0x0123456789ab8001, 0,           ARITH
	SHIFT	ror, w, one_hi,            one, 0x1,  0x0123456789ab8001, 0,     0x0123456789abc000, CF,          ARITH
	SHIFT	ror, w, one_pattern,       one, 0x1,  0x0123456789ab5aa5, ARITH, 0x0123456789abad52, ARITH,       ARITH
	SHIFT	ror, w, cl1,               cl,  0x1,  0x0123456789abb44b, CF,    0x0123456789abda25, CF,          ARITH
	SHIFT	ror, w, imm3,              imm, 0x3,  0x0123456789abb44b, 0,     0x0123456789ab7689, 0,           SF|ZF|AF|PF|CF
	SHIFT	ror, w, imm_width_minus_1, imm, 0xf,  0x0123456789ab8001, ARITH, 0x0123456789ab0003, SF|ZF|AF|PF, SF|ZF|AF|PF|CF
	SHIFT	ror, w, cl_width,          cl,  0x10, 0x0123456789ab8001, 0,     0x0123456789ab8001, CF,          SF|ZF|AF|PF|CF
	SHIFT	ror, w, cl_width_plus_1,   cl,  0x11, 0x0123456789abb44b, CF,    0x0123456789abda25, CF,          SF|ZF|AF|PF|CF
	SHIFT	ror, w, cl_max,            cl,  0x1f, 0x0123456789ab5aa5, ZF,    0x0123456789abb54a, ZF|CF,       SF|ZF|AF|PF|CF
	SHIFT	ror, w, imm_masked,        imm, 0x23, 0x0123456789abb44b, 0,     0x0123456789ab7689, 0,           SF|ZF|AF|PF|CF
	SHIFT	ror, w, cl_0xff,           cl,  0xff, 0x0123456789abb44b, SF,    0x0123456789ab6897, SF,          SF|ZF|AF|PF|CF
	SHIFT	ror, l, imm0,              imm, 0x0,  0x01234567b44bc33c, ARITH, 0x00000000b44bc33c, ARITH,       ARITH
	SHIFT	ror, l, cl0,               cl,  0x0,  0x0123456780000001, 0,     0x0000000080000001, 0,           ARITH
	SHIFT	ror, l, one_hi,            one, 0x1,  0x0123456780000001, 0,     0x00000000c0000000, CF,          ARITH
	SHIFT	ror, l, one_pattern,       one, 0x1,  0x012345675aa5c33c, ARITH, 0x000000002d52e19e, SF|ZF|AF|PF, ARITH
	SHIFT	ror, l, cl1,               cl,  0x1,  0x01234567b44bc33c, CF,    0x000000005a25e19e, OF,          ARITH
	SHIFT	ror, l, imm3,              imm, 0x3,  0x01234567b44bc33c, 0,     0x0000000096897867, CF,          SF|ZF|AF|PF|CF
	SHIFT	ror, l, imm_width_minus_1, imm, 0x1f, 0x0123456780000001, ARITH, 0x0000000000000003, SF|ZF|AF|PF, SF|ZF|AF|PF|CF
	SHIFT	ror, l, cl_width,          cl,  0x20, 0x0123456780000001, 0,     0x0000000080000001, 0,           ARITH
	SHIFT	ror, l, cl_width_plus_1,   cl,  0x21, 0x01234567b44bc33c, CF,    0x000000005a25e19e, OF,          ARITH
	SHIFT	ror, l, cl_max,            cl,  0x1f, 0x012345675aa5c33c, ZF,    0x00000000b54b8678, ZF|CF,       SF|ZF|AF|PF|CF
	SHIFT	ror, l, imm_masked,        imm, 0x23, 0x01234567b44bc33c, 0,     0x0000000096897867, CF,          SF|ZF|AF|PF|CF
	SHIFT	ror, l, cl_0xff,           cl,  0xff, 0x01234567b44bc33c, SF,    0x0000000068978679, SF,          SF|ZF|AF|PF|CF
	SHIFT	ror, q, imm0,              imm, 0x0,  0xb44bc33c0ff0e11e, ARITH, 0xb44bc33c0ff0e11e, ARITH,       ARITH
	SHIFT	ror, q, cl0,               cl,  0x0,  0x8000000000000001, 0,     0x8000000000000001, 0,           ARITH
	SHIFT	ror, q, one_hi,            one, 0x1,  0x8000000000000001, 0,     0xc000000000000000, CF,          ARITH
	SHIFT	ror, q, one_pattern,       one, 0x1,  0x5aa5c33c0ff0e11e, ARITH, 0x2d52e19e07f8708f, SF|ZF|AF|PF, ARITH
	SHIFT	ror, q, cl1,               cl,  0x1,  0xb44bc33c0ff0e11e, CF,    0x5a25e19e07f8708f, OF,          ARITH
	SHIFT	ror, q, imm3,              imm, 0x3,  0xb44bc33c0ff0e11e, 0,     0xd689786781fe1c23, CF,          SF|ZF|AF|PF|CF
	SHIFT	ror, q, imm_width_minus_1, imm, 0x3f, 0x8000000000000001, ARITH, 0x0000000000000003, SF|ZF|AF|PF, SF|ZF|AF|PF|CF
	SHIFT	ror, q, cl_width,          cl,  0x40, 0x8000000000000001, 0,     0x8000000000000001, 0,           ARITH
	SHIFT	ror, q, cl_width_plus_1,   cl,  0x41, 0xb44bc33c0ff0e11e, CF,    0x5a25e19e07f8708f, OF,          ARITH
	SHIFT	ror, q, cl_max,            cl,  0x3f, 0x5aa5c33c0ff0e11e, ZF,    0xb54b86781fe1c23c, ZF|CF,       SF|ZF|AF|PF|CF
	SHIFT	ror, q, imm_masked,        imm, 0x43, 0xb44bc33c0ff0e11e, 0,     0xd689786781fe1c23, CF,          SF|ZF|AF|PF|CF
	SHIFT	ror, q, cl_0xff,           cl,  0xff, 0xb44bc33c0ff0e11e, SF,    0x689786781fe1c23d, SF,          SF|ZF|AF|PF|CF

	/* rcl */
	SHIFT	rcl, b, imm0,                  imm, 0x0,  0x0123456789abcdb4, ARITH, 0x0123456789abcdb4, ARITH,          ARITH
	SHIFT	rcl, b, cl0,                   cl,  0x0,  0x0123456789abcd81, 0,     0x0123456789abcd81, 0,              ARITH
	SHIFT	rcl, b, one_hi,                one, 0x1,  0x0123456789abcd81, 0,     0x0123456789abcd02, OF|CF,          ARITH
	SHIFT	rcl, b, one_pattern,           one, 0x1,  0x0123456789abcd5a, ARITH, 0x0123456789abcdb5, OF|SF|ZF|AF|PF, ARITH
	SHIFT	rcl, b, cl1,                   cl,  0x1,  0x0123456789abcdb4, CF,    0x0123456789abcd69, OF|CF,          ARITH
	SHIFT	rcl, b, imm3,                  imm, 0x3,  0x0123456789abcdb4, 0,     0x0123456789abcda2, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, b, imm_width_minus_1,     imm, 0x7,  0x0123456789abcd81, ARITH, 0x0123456789abcde0, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rcl, b, cl_width,              cl,  0x8,  0x0123456789abcd81, 0,     0x0123456789abcd40, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, b, cl_width_plus_1,       cl,  0x9,  0x0123456789abcdb4, CF,    0x0123456789abcdb4, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, b, cl_max,                cl,  0x1f, 0x0123456789abcd5a, ZF,    0x0123456789abcda2, ZF|CF,          SF|ZF|AF|PF|CF
	SHIFT	rcl, b, imm_masked,            imm, 0x23, 0x0123456789abcdb4, 0,     0x0123456789abcda2, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, b, cl_0xff,               cl,  0xff, 0x0123456789abcdb4, SF,    0x0123456789abcd45, SF|CF,          SF|ZF|AF|PF|CF
	SHIFT	rcl, b, cl_width_plus_1_no_cf, cl,  0x9,  0x0123456789abcd81, 0,     0x0123456789abcd81, 0,              SF|ZF|AF|PF|CF
	SHIFT	rcl, b, cl_twice_width_plus_1, cl,  0x12, 0x0123456789abcdb4, 0,     0x0123456789abcdb4, 0,              SF|ZF|AF|PF|CF
	SHIFT	rcl, w, imm0,                  imm, 0x0,  0x0123456789abb44b, ARITH, 0x0123456789abb44b, ARITH,          ARITH
	SHIFT	rcl, w, cl0,                   cl,  0x0,  0x0123456789ab8001, 0,     0x0123456789ab8001, 0,              ARITH
	SHIFT	rcl, w, one_hi,                one, 0x1,  0x0123456789ab8001, 0,     0x0123456789ab0002, OF|CF,          ARITH
	SHIFT	rcl, w, one_pattern,           one, 0x1,  0x0123456789ab5aa5, ARITH, 0x0123456789abb54b, OF|SF|ZF|AF|PF, ARITH
	SHIFT	rcl, w, cl1,                   cl,  0x1,  0x0123456789abb44b, CF,    0x0123456789ab6897, OF|CF,          ARITH
	SHIFT	rcl, w, imm3,                  imm, 0x3,  0x0123456789abb44b, 0,     0x0123456789aba25a, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, w, imm_width_minus_1,     imm, 0xf,  0x0123456789ab8001, ARITH, 0x0123456789abe000, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rcl, w, cl_width,              cl,  0x10, 0x0123456789ab8001, 0,     0x0123456789ab4000, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, w, cl_width_plus_1,       cl,  0x11, 0x0123456789abb44b, CF,    0x0123456789abb44b, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, w, cl_max,                cl,  0x1f, 0x0123456789ab5aa5, ZF,    0x0123456789ab4b54, ZF|CF,          SF|ZF|AF|PF|CF
	SHIFT	rcl, w, imm_masked,            imm, 0x23, 0x0123456789abb44b, 0,     0x0123456789aba25a, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, w, cl_0xff,               cl,  0xff, 0x0123456789abb44b, SF,    0x0123456789abd689, SF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, w, cl_width_plus_1_no_cf, cl,  0x11, 0x0123456789ab8001, 0,     0x0123456789ab8001, 0,              SF|ZF|AF|PF|CF
	SHIFT	rcl, w, cl_twice_width_plus_1, cl,  0x22, 0x0123456789abb44b, 0,     0x0123456789abd12d, 0,              SF|ZF|AF|PF|CF
	SHIFT	rcl, l, imm0,                  imm, 0x0,  0x01234567b44bc33c, ARITH, 0x00000000b44bc33c, ARITH,          ARITH
	SHIFT	rcl, l, cl0,                   cl,  0x0,  0x0123456780000001, 0,     0x0000000080000001, 0,              ARITH
	SHIFT	rcl, l, one_hi,                one, 0x1,  0x0123456780000001, 0,     0x0000000000000002, OF|CF,          ARITH
	SHIFT	rcl, l, one_pattern,           one, 0x1,  0x012345675aa5c33c, ARITH, 0x00000000b54b8679, OF|SF|ZF|AF|PF, ARITH
	SHIFT	rcl, l, cl1,                   cl,  0x1,  0x01234567b44bc33c, CF,    0x0000000068978679, OF|CF,          ARITH
	SHIFT	rcl, l, imm3,                  imm, 0x3,  0x01234567b44bc33c, 0,     0x00000000a25e19e2, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, l, imm_width_minus_1,     imm, 0x1f, 0x0123456780000001, ARITH, 0x00000000e0000000, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rcl, l, cl_width,              cl,  0x20, 0x0123456780000001, 0,     0x0000000080000001, 0,              ARITH
	SHIFT	rcl, l, cl_width_plus_1,       cl,  0x21, 0x01234567b44bc33c, CF,    0x0000000068978679, OF|CF,          ARITH
	SHIFT	rcl, l, cl_max,                cl,  0x1f, 0x012345675aa5c33c, ZF,    0x0000000016a970cf, ZF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, l, imm_masked,            imm, 0x23, 0x01234567b44bc33c, 0,     0x00000000a25e19e2, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, l, cl_0xff,               cl,  0xff, 0x01234567b44bc33c, SF,    0x000000002d12f0cf, SF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, q, imm0,                  imm, 0x0,  0xb44bc33c0ff0e11e, ARITH, 0xb44bc33c0ff0e11e, ARITH,          ARITH
	SHIFT	rcl, q, cl0,                   cl,  0x0,  0x8000000000000001, 0,     0x8000000000000001, 0,              ARITH
	SHIFT	rcl, q, one_hi,                one, 0x1,  0x8000000000000001, 0,     0x0000000000000002, OF|CF,          ARITH
	SHIFT	rcl, q, one_pattern,           one, 0x1,  0x5aa5c33c0ff0e11e, ARITH, 0xb54b86781fe1c23d, OF|SF|ZF|AF|PF, ARITH
	SHIFT	rcl, q, cl1,                   cl,  0x1,  0xb44bc33c0ff0e11e, CF,    0x689786781fe1c23d, OF|CF,          ARITH
	SHIFT	rcl, q, imm3,                  imm, 0x3,  0xb44bc33c0ff0e11e, 0,     0xa25e19e07f8708f2, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, q, imm_width_minus_1,     imm, 0x3f, 0x8000000000000001, ARITH, 0xe000000000000000, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rcl, q, cl_width,              cl,  0x40, 0x8000000000000001, 0,     0x8000000000000001, 0,              ARITH
	SHIFT	rcl, q, cl_width_plus_1,       cl,  0x41, 0xb44bc33c0ff0e11e, CF,    0x689786781fe1c23d, OF|CF,          ARITH
	SHIFT	rcl, q, cl_max,                cl,  0x3f, 0x5aa5c33c0ff0e11e, ZF,    0x16a970cf03fc3847, ZF|CF,          SF|ZF|AF|PF|CF
	SHIFT	rcl, q, imm_masked,            imm, 0x43, 0xb44bc33c0ff0e11e, 0,     0xa25e19e07f8708f2, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcl, q, cl_0xff,               cl,  0xff, 0xb44bc33c0ff0e11e, SF,    0x2d12f0cf03fc3847, SF|CF,          SF|ZF|AF|PF|CF

	/* rcr */
	SHIFT	rcr, b, imm0,                  imm, 0x0,  0x0123456789abcdb4, ARITH, 0x0123456789abcdb4, ARITH,          ARITH
	SHIFT	rcr, b, cl0,                   cl,  0x0,  0x0123456789abcd81, 0,     0x0123456789abcd81, 0,              ARITH
	SHIFT	rcr, b, one_hi,                one, 0x1,  0x0123456789abcd81, 0,     0x0123456789abcd40, OF|CF,          ARITH
	SHIFT	rcr, b, one_pattern,           one, 0x1,  0x0123456789abcd5a, ARITH, 0x0123456789abcdad, OF|SF|ZF|AF|PF, ARITH
	SHIFT	rcr, b, cl1,                   cl,  0x1,  0x0123456789abcdb4, CF,    0x0123456789abcdda, 0,              ARITH
	SHIFT	rcr, b, imm3,                  imm, 0x3,  0x0123456789abcdb4, 0,     0x0123456789abcd16, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, b, imm_width_minus_1,     imm, 0x7,  0x0123456789abcd81, ARITH, 0x0123456789abcd07, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rcr, b, cl_width,              cl,  0x8,  0x0123456789abcd81, 0,     0x0123456789abcd02, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, b, cl_width_plus_1,       cl,  0x9,  0x0123456789abcdb4, CF,    0x0123456789abcdb4, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, b, cl_max,                cl,  0x1f, 0x0123456789abcd5a, ZF,    0x0123456789abcd45, ZF|CF,          SF|ZF|AF|PF|CF
	SHIFT	rcr, b, imm_masked,            imm, 0x23, 0x0123456789abcdb4, 0,     0x0123456789abcd16, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, b, cl_0xff,               cl,  0xff, 0x0123456789abcdb4, SF,    0x0123456789abcd8b, SF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, b, cl_width_plus_1_no_cf, cl,  0x9,  0x0123456789abcd81, 0,     0x0123456789abcd81, 0,              SF|ZF|AF|PF|CF
	SHIFT	rcr, b, cl_twice_width_plus_1, cl,  0x12, 0x0123456789abcdb4, 0,     0x0123456789abcdb4, 0,              SF|ZF|AF|PF|CF
	SHIFT	rcr, w, imm0,                  imm, 0x0,  0x0123456789abb44b, ARITH, 0x0123456789abb44b, ARITH,          ARITH
	SHIFT	rcr, w, cl0,                   cl,  0x0,  0x0123456789ab8001, 0,     0x0123456789ab8001, 0,              ARITH
	SHIFT	rcr, w, one_hi,                one, 0x1,  0x0123456789ab8001, 0,     0x0123456789ab4000, OF|CF,          ARITH
	SHIFT	rcr, w, one_pattern,           one, 0x1,  0x0123456789ab5aa5, ARITH, 0x0123456789abad52, ARITH,          ARITH
	SHIFT	rcr, w, cl1,                   cl,  0x1,  0x0123456789abb44b, CF,    0x0123456789abda25, CF,             ARITH
	SHIFT	rcr, w, imm3,                  imm, 0x3,  0x0123456789abb44b, 0,     0x0123456789abd689, 0,              SF|ZF|AF|PF|CF
	SHIFT	rcr, w, imm_width_minus_1,     imm, 0xf,  0x0123456789ab8001, ARITH, 0x0123456789ab0007, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rcr, w, cl_width,              cl,  0x10, 0x0123456789ab8001, 0,     0x0123456789ab0002, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, w, cl_width_plus_1,       cl,  0x11, 0x0123456789abb44b, CF,    0x0123456789abb44b, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, w, cl_max,                cl,  0x1f, 0x0123456789ab5aa5, ZF,    0x0123456789abd529, ZF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, w, imm_masked,            imm, 0x23, 0x0123456789abb44b, 0,     0x0123456789abd689, 0,              SF|ZF|AF|PF|CF
	SHIFT	rcr, w, cl_0xff,               cl,  0xff, 0x0123456789abb44b, SF,    0x0123456789aba25a, SF|CF,          SF|ZF|AF|PF|CF
	SHIFT	rcr, w, cl_width_plus_1_no_cf, cl,  0x11, 0x0123456789ab8001, 0,     0x0123456789ab8001, 0,              SF|ZF|AF|PF|CF
	SHIFT	rcr, w, cl_twice_width_plus_1, cl,  0x22, 0x0123456789abb44b, 0,     0x0123456789abad12, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, l, imm0,                  imm, 0x0,  0x01234567b44bc33c, ARITH, 0x00000000b44bc33c, ARITH,          ARITH
	SHIFT	rcr, l, cl0,                   cl,  0x0,  0x0123456780000001, 0,     0x0000000080000001, 0,              ARITH
	SHIFT	rcr, l, one_hi,                one, 0x1,  0x0123456780000001, 0,     0x0000000040000000, OF|CF,          ARITH
	SHIFT	rcr, l, one_pattern,           one, 0x1,  0x012345675aa5c33c, ARITH, 0x00000000ad52e19e, OF|SF|ZF|AF|PF, ARITH
	SHIFT	rcr, l, cl1,                   cl,  0x1,  0x01234567b44bc33c, CF,    0x00000000da25e19e, 0,              ARITH
	SHIFT	rcr, l, imm3,                  imm, 0x3,  0x01234567b44bc33c, 0,     0x0000000016897867, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, l, imm_width_minus_1,     imm, 0x1f, 0x0123456780000001, ARITH, 0x0000000000000007, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rcr, l, cl_width,              cl,  0x20, 0x0123456780000001, 0,     0x0000000080000001, 0,              ARITH
	SHIFT	rcr, l, cl_width_plus_1,       cl,  0x21, 0x01234567b44bc33c, CF,    0x00000000da25e19e, 0,              ARITH
	SHIFT	rcr, l, cl_max,                cl,  0x1f, 0x012345675aa5c33c, ZF,    0x000000006a970cf0, ZF|CF,          SF|ZF|AF|PF|CF
	SHIFT	rcr, l, imm_masked,            imm, 0x23, 0x01234567b44bc33c, 0,     0x0000000016897867, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, l, cl_0xff,               cl,  0xff, 0x01234567b44bc33c, SF,    0x00000000d12f0cf1, SF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, q, imm0,                  imm, 0x0,  0xb44bc33c0ff0e11e, ARITH, 0xb44bc33c0ff0e11e, ARITH,          ARITH
	SHIFT	rcr, q, cl0,                   cl,  0x0,  0x8000000000000001, 0,     0x8000000000000001, 0,              ARITH
	SHIFT	rcr, q, one_hi,                one, 0x1,  0x8000000000000001, 0,     0x4000000000000000, OF|CF,          ARITH
	SHIFT	rcr, q, one_pattern,           one, 0x1,  0x5aa5c33c0ff0e11e, ARITH, 0xad52e19e07f8708f, OF|SF|ZF|AF|PF, ARITH
	SHIFT	rcr, q, cl1,                   cl,  0x1,  0xb44bc33c0ff0e11e, CF,    0xda25e19e07f8708f, 0,              ARITH
	SHIFT	rcr, q, imm3,                  imm, 0x3,  0xb44bc33c0ff0e11e, 0,     0x9689786781fe1c23, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, q, imm_width_minus_1,     imm, 0x3f, 0x8000000000000001, ARITH, 0x0000000000000007, SF|ZF|AF|PF,    SF|ZF|AF|PF|CF
	SHIFT	rcr, q, cl_width,              cl,  0x40, 0x8000000000000001, 0,     0x8000000000000001, 0,              ARITH
	SHIFT	rcr, q, cl_width_plus_1,       cl,  0x41, 0xb44bc33c0ff0e11e, CF,    0xda25e19e07f8708f, 0,              ARITH
	SHIFT	rcr, q, cl_max,                cl,  0x3f, 0x5aa5c33c0ff0e11e, ZF,    0x6a970cf03fc38478, ZF|CF,          SF|ZF|AF|PF|CF
	SHIFT	rcr, q, imm_masked,            imm, 0x43, 0xb44bc33c0ff0e11e, 0,     0x9689786781fe1c23, CF,             SF|ZF|AF|PF|CF
	SHIFT	rcr, q, cl_0xff,               cl,  0xff, 0xb44bc33c0ff0e11e, SF,    0xd12f0cf03fc38479, SF,             SF|ZF|AF|PF|CF

	/* shld */
	DSHIFT	shld, w, imm0,             imm, 0x0,  0x0123456789ab8001, 0xfedcba987654b44b, ARITH, 0x0123456789ab8001, ARITH,    ARITH
	DSHIFT	shld, w, cl0,              cl,  0x0,  0x0123456789ab8001, 0xfedcba987654b44b, 0,     0x0123456789ab8001, 0,        ARITH
	DSHIFT	shld, w, imm1,             imm, 0x1,  0x0123456789ab8001, 0xfedcba987654b44b, 0,     0x0123456789ab0003, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shld, w, cl1,              cl,  0x1,  0x0123456789ab8001, 0xfedcba987654b44b, ARITH, 0x0123456789ab0003, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shld, w, imm4,             imm, 0x4,  0x0123456789ab8001, 0xfedcba987654b44b, 0,     0x0123456789ab001b, PF,       SF|ZF|PF|CF
	DSHIFT	shld, w, cl_width_minus_1, cl,  0xf,  0x0123456789ab8001, 0xfedcba987654b44b, ARITH, 0x0123456789abda25, SF,       SF|ZF|PF|CF
	DSHIFT	shld, l, imm0,             imm, 0x0,  0x0123456780000001, 0xfedcba98b44bc33c, ARITH, 0x0000000080000001, ARITH,    ARITH
	DSHIFT	shld, l, cl0,              cl,  0x0,  0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x0000000080000001, 0,        ARITH
	DSHIFT	shld, l, imm1,             imm, 0x1,  0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x0000000000000003, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shld, l, cl1,              cl,  0x1,  0x0123456780000001, 0xfedcba98b44bc33c, ARITH, 0x0000000000000003, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shld, l, imm4,             imm, 0x4,  0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x000000000000001b, PF,       SF|ZF|PF|CF
	DSHIFT	shld, l, cl_width_minus_1, cl,  0x1f, 0x0123456780000001, 0xfedcba98b44bc33c, ARITH, 0x00000000da25e19e, SF,       SF|ZF|PF|CF
	DSHIFT	shld, l, cl_width,         cl,  0x20, 0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x0000000080000001, 0,        ARITH
	DSHIFT	shld, l, cl_width_plus_1,  cl,  0x21, 0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x0000000000000003, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shld, l, imm_masked,       imm, 0x25, 0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x0000000000000036, PF,       SF|ZF|PF|CF
	DSHIFT	shld, q, imm0,             imm, 0x0,  0x8000000000000001, 0xb44bc33c0ff0e11e, ARITH, 0x8000000000000001, ARITH,    ARITH
	DSHIFT	shld, q, cl0,              cl,  0x0,  0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0x8000000000000001, 0,        ARITH
	DSHIFT	shld, q, imm1,             imm, 0x1,  0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0x0000000000000003, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shld, q, cl1,              cl,  0x1,  0x8000000000000001, 0xb44bc33c0ff0e11e, ARITH, 0x0000000000000003, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shld, q, imm4,             imm, 0x4,  0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0x000000000000001b, PF,       SF|ZF|PF|CF
	DSHIFT	shld, q, cl_width_minus_1, cl,  0x3f, 0x8000000000000001, 0xb44bc33c0ff0e11e, ARITH, 0xda25e19e07f8708f, SF,       SF|ZF|PF|CF
	DSHIFT	shld, q, cl_width,         cl,  0x40, 0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0x8000000000000001, 0,        ARITH
	DSHIFT	shld, q, cl_width_plus_1,  cl,  0x41, 0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0x0000000000000003, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shld, q, imm_masked,       imm, 0x45, 0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0x0000000000000036, PF,       SF|ZF|PF|CF

	/* shrd */
	DSHIFT	shrd, w, imm0,             imm, 0x0,  0x0123456789ab8001, 0xfedcba987654b44b, ARITH, 0x0123456789ab8001, ARITH,    ARITH
	DSHIFT	shrd, w, cl0,              cl,  0x0,  0x0123456789ab8001, 0xfedcba987654b44b, 0,     0x0123456789ab8001, 0,        ARITH
	DSHIFT	shrd, w, imm1,             imm, 0x1,  0x0123456789ab8001, 0xfedcba987654b44b, 0,     0x0123456789abc000, SF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shrd, w, cl1,              cl,  0x1,  0x0123456789ab8001, 0xfedcba987654b44b, ARITH, 0x0123456789abc000, SF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shrd, w, imm4,             imm, 0x4,  0x0123456789ab8001, 0xfedcba987654b44b, 0,     0x0123456789abb800, SF|PF,    SF|ZF|PF|CF
	DSHIFT	shrd, w, cl_width_minus_1, cl,  0xf,  0x0123456789ab8001, 0xfedcba987654b44b, ARITH, 0x0123456789ab6897, 0,        SF|ZF|PF|CF
	DSHIFT	shrd, l, imm0,             imm, 0x0,  0x0123456780000001, 0xfedcba98b44bc33c, ARITH, 0x0000000080000001, ARITH,    ARITH
	DSHIFT	shrd, l, cl0,              cl,  0x0,  0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x0000000080000001, 0,        ARITH
	DSHIFT	shrd, l, imm1,             imm, 0x1,  0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x0000000040000000, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shrd, l, cl1,              cl,  0x1,  0x0123456780000001, 0xfedcba98b44bc33c, ARITH, 0x0000000040000000, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shrd, l, imm4,             imm, 0x4,  0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x00000000c8000000, SF|PF,    SF|ZF|PF|CF
	DSHIFT	shrd, l, cl_width_minus_1, cl,  0x1f, 0x0123456780000001, 0xfedcba98b44bc33c, ARITH, 0x0000000068978679, 0,        SF|ZF|PF|CF
	DSHIFT	shrd, l, cl_width,         cl,  0x20, 0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x0000000080000001, 0,        ARITH
	DSHIFT	shrd, l, cl_width_plus_1,  cl,  0x21, 0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x0000000040000000, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shrd, l, imm_masked,       imm, 0x25, 0x0123456780000001, 0xfedcba98b44bc33c, 0,     0x00000000e4000000, SF|PF,    SF|ZF|PF|CF
	DSHIFT	shrd, q, imm0,             imm, 0x0,  0x8000000000000001, 0xb44bc33c0ff0e11e, ARITH, 0x8000000000000001, ARITH,    ARITH
	DSHIFT	shrd, q, cl0,              cl,  0x0,  0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0x8000000000000001, 0,        ARITH
	DSHIFT	shrd, q, imm1,             imm, 0x1,  0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0x4000000000000000, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shrd, q, cl1,              cl,  0x1,  0x8000000000000001, 0xb44bc33c0ff0e11e, ARITH, 0x4000000000000000, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shrd, q, imm4,             imm, 0x4,  0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0xe800000000000000, SF|PF,    SF|ZF|PF|CF
	DSHIFT	shrd, q, cl_width_minus_1, cl,  0x3f, 0x8000000000000001, 0xb44bc33c0ff0e11e, ARITH, 0x689786781fe1c23d, 0,        SF|ZF|PF|CF
	DSHIFT	shrd, q, cl_width,         cl,  0x40, 0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0x8000000000000001, 0,        ARITH
	DSHIFT	shrd, q, cl_width_plus_1,  cl,  0x41, 0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0x4000000000000000, OF|PF|CF, OF|SF|ZF|PF|CF
	DSHIFT	shrd, q, imm_masked,       imm, 0x45, 0x8000000000000001, 0xb44bc33c0ff0e11e, 0,     0xf400000000000000, SF|PF,    SF|ZF|PF|CF

	CHECK_END
	.size	main, . - main

/*
 * bits.S: bit tests and scans, byte swaps, exchanges, conditional set and move, and the sign and zero
 * extensions: BT BTS BTR BTC, BSF BSR, BSWAP, XCHG, CMPXCHG (and CMPXCHG8B), XADD, SETcc, CMOVcc,
 * MOVZX, MOVSX, MOVSXD, CBW CWDE CDQE CWD CDQ CQO (GNU's cbtw cwtl cltq cwtd cltd cqto).
 *
 * Flags are checked where the SDM defines them and only there:
 *	BT BTS BTR BTC	CF = the bit before the operation; the others are undefined (ZF too, on some CPUs)
 *	BSF BSR		ZF = (source == 0); the others are undefined. With a zero source the destination
 *			keeps its value (AMD documents it, Intel CPUs do it and Linux relies on it); that
 *			is checked at 64 bits only, where no zero extension muddies it.
 *	CMPXCHG XADD	the six flags of CMP and ADD
 *	CMPXCHG8B	ZF only
 *	the rest	no flag changes
 *
 * BT* with a register offset and a memory operand address a bit string: the offset is a signed
 * number of bits from the operand, so it reaches below `bitmap` and past the operand's width. With a
 * register operand, or an immediate offset, the offset is taken modulo the width. The offset
 * registers carry a pattern above %cx / %ecx to show that only the operand-size part counts.
 */
	.include "check.inc"
	CHECK_PROGRAM bits

	.equ	OFFSET_UPPER, 0x123456789abcdef0	/* above %cx / %ecx in the bit-offset register */
	.equ	RAX_IN, 0x0123456789abcdef
	.equ	RDX_IN, 0x0f1e2d3c4b5a6978


/*
 * BT_REG op, w, tag, form, a, offset, flags_in, result, cf: `op\w %cx/%ecx/%rcx, %ax/%eax/%rax` (form
 * reg, %rcx = offset) or `op\w $offset, …` (form imm) with %rax = a.
 */
.macro BT_REG op:req, w:req, tag:req, form:req, a:req, offset:req, fin:req, result:req, cf:req
	movabsq	$\a, %rax
	movabsq	$\offset, %rcx
	SET_FLAGS \fin
	.ifc	\form, imm
	.ifc	\w, w
	\op\w	$\offset, %ax
	.endif
	.ifc	\w, l
	\op\w	$\offset, %eax
	.endif
	.ifc	\w, q
	\op\w	$\offset, %rax
	.endif
	.else
	.ifc	\w, w
	\op\w	%cx, %ax
	.endif
	.ifc	\w, l
	\op\w	%ecx, %eax
	.endif
	.ifc	\w, q
	\op\w	%rcx, %rax
	.endif
	.endif
	CHECK_EQ %rax, \result, \op\w\()_\tag
	CHECK_FLAGS CF, \cf, \op\w\()_\tag\()_cf
.endm

/*
 * BT_MEM op, w, tag, form, offset, quad, value, cf: `op\w %cx/%ecx/%rcx, bitmap` (form reg) or
 * `op\w $offset, bitmap` (form imm) on a fresh bitmap; the quad at bitmap + quad must then be value.
 * CF goes in as the opposite of what must come out.
 */
.macro BT_MEM op:req, w:req, tag:req, form:req, offset:req, quad:req, value:req, cf:req
	call	bitmap_reset
	movabsq	$\offset, %rcx
	SET_FLAGS (\cf) ^ CF
	.ifc	\form, imm
	\op\w	$\offset, bitmap(%rip)
	.else
	.ifc	\w, w
	\op\w	%cx, bitmap(%rip)
	.endif
	.ifc	\w, l
	\op\w	%ecx, bitmap(%rip)
	.endif
	.ifc	\w, q
	\op\w	%rcx, bitmap(%rip)
	.endif
	.endif
	CHECK_EQ bitmap+\quad(%rip), \value, \op\w\()_memory_\tag
	CHECK_FLAGS CF, \cf, \op\w\()_memory_\tag\()_cf
.endm

/* BSCAN op, w, tag, b, result, zf: `op\w %bx/%ebx/%rbx, %ax/%eax/%rax` with %rbx = b. */
.macro BSCAN op:req, w:req, tag:req, b:req, result:req, zf:req
	movabsq	$RAX_IN, %rax
	movabsq	$\b, %rbx
	SET_FLAGS (\zf) ^ ZF
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
	CHECK_FLAGS ZF, \zf, \op\w\()_\tag\()_zf
.endm

/* EXTEND tag, insn, src, dst, b, result: `insn src, dst` with %rbx and `operand` = b, %rax = RAX_IN. */
.macro EXTEND tag:req, insn:req, src:req, dst:req, b:req, result:req
	movabsq	$\b, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$RAX_IN, %rax
	SET_FLAGS ARITH
	\insn	\src, \dst
	CHECK_EQ %rax, \result, \tag
	CHECK_FLAGS ARITH, ARITH, \tag\()_flags
.endm

/* CONVERT tag, insn, a, rax, rdx: the accumulator extensions, from %rax = a and %rdx = RDX_IN. */
.macro CONVERT tag:req, insn:req, a:req, rax:req, rdx:req
	movabsq	$\a, %rax
	movabsq	$RDX_IN, %rdx
	\insn
	CHECK_EQ %rax, \rax, \tag\()_rax
	CHECK_EQ %rdx, \rdx, \tag\()_rdx
.endm

/*
 * CONDITIONS tag, flags, lo, hi: with RFLAGS = flags, SETcc for the 16 conditions into
 * conditions[0..15], then the same with CMOVcc (1 into a zeroed %eax) and a byte store; both must give
 * lo and hi, and the flags must still be there.
 */
.macro CONDITIONS tag:req, flags:req, lo:req, hi:req
	SET_FLAGS \flags
	.set	.Lcc, 0
	.irp	cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
	set\cc	conditions+.Lcc(%rip)
	.set	.Lcc, .Lcc + 1
	.endr
	CHECK_EQ conditions(%rip), \lo, setcc_\tag\()_lo
	CHECK_EQ conditions+8(%rip), \hi, setcc_\tag\()_hi
	movl	$1, %ebx
	.set	.Lcc, 0
	.irp	cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
	movl	$0, %eax
	cmov\cc	%ebx, %eax
	movb	%al, conditions+.Lcc(%rip)
	.set	.Lcc, .Lcc + 1
	.endr
	CHECK_EQ conditions(%rip), \lo, cmovcc_\tag\()_lo
	CHECK_EQ conditions+8(%rip), \hi, cmovcc_\tag\()_hi
	CHECK_FLAGS ARITH, \flags, conditions_\tag\()_flags
.endm

	.text
	.globl	main
	.type	main, @function
main:
	CHECK_BEGIN

	/* bt, bts, btr, btc on a register: the bit offset is taken modulo the width */
	BT_REG	bt,  w, bit0,       reg, 0x0123456789abe11e, 0x123456789abc0000, ARITH, 0x0123456789abe11e, 0
	BT_REG	bt,  w, bit5,       reg, 0x0123456789abe11e, 0x123456789abc0005, 0,     0x0123456789abe11e, 0
	BT_REG	bt,  w, top,        reg, 0x0123456789abe11e, 0x123456789abc000f, 0,     0x0123456789abe11e, CF
	BT_REG	bt,  w, masked,     reg, 0x0123456789abe11e, 0x123456789abc0013, ARITH, 0x0123456789abe11e, CF
	BT_REG	bt,  w, minus_one,  reg, 0x0123456789abe11e, 0x123456789abcffff, 0,     0x0123456789abe11e, CF
	BT_REG	bt,  w, imm,        imm, 0x0123456789abe11e, 14,                 ARITH, 0x0123456789abe11e, CF
	BT_REG	bt,  w, imm_masked, imm, 0x0123456789abe11e, 17,                 0,     0x0123456789abe11e, CF
	BT_REG	bt,  l, bit0,       reg, 0x012345670ff0e11e, 0x1234567800000000, ARITH, 0x012345670ff0e11e, 0
	BT_REG	bt,  l, bit5,       reg, 0x012345670ff0e11e, 0x1234567800000005, 0,     0x012345670ff0e11e, 0
	BT_REG	bt,  l, top,        reg, 0x012345670ff0e11e, 0x123456780000001f, 0,     0x012345670ff0e11e, 0
	BT_REG	bt,  l, masked,     reg, 0x012345670ff0e11e, 0x1234567800000023, ARITH, 0x012345670ff0e11e, CF
	BT_REG	bt,  l, minus_one,  reg, 0x012345670ff0e11e, 0x12345678ffffffff, 0,     0x012345670ff0e11e, 0
	BT_REG	bt,  l, imm,        imm, 0x012345670ff0e11e, 30,                 ARITH, 0x012345670ff0e11e, 0
	BT_REG	bt,  l, imm_masked, imm, 0x012345670ff0e11e, 33,                 0,     0x012345670ff0e11e, CF
	BT_REG	bt,  q, bit0,       reg, 0x5aa5c33c0ff0e11e, 0x0000000000000000, ARITH, 0x5aa5c33c0ff0e11e, 0
	BT_REG	bt,  q, bit5,       reg, 0x5aa5c33c0ff0e11e, 0x0000000000000005, 0,     0x5aa5c33c0ff0e11e, 0
	BT_REG	bt,  q, top,        reg, 0x5aa5c33c0ff0e11e, 0x000000000000003f, 0,     0x5aa5c33c0ff0e11e, 0
	BT_REG	bt,  q, masked,     reg, 0x5aa5c33c0ff0e11e, 0x0000000000000043, ARITH, 0x5aa5c33c0ff0e11e, CF
	BT_REG	bt,  q, minus_one,  reg, 0x5aa5c33c0ff0e11e, 0xffffffffffffffff, 0,     0x5aa5c33c0ff0e11e, 0
	BT_REG	bt,  q, imm,        imm, 0x5aa5c33c0ff0e11e, 62,                 ARITH, 0x5aa5c33c0ff0e11e, CF
	BT_REG	bt,  q, imm_masked, imm, 0x5aa5c33c0ff0e11e, 65,                 0,     0x5aa5c33c0ff0e11e, CF
	BT_REG	bts, w, bit0,       reg, 0x0123456789abe11e, 0x123456789abc0000, ARITH, 0x0123456789abe11f, 0
	BT_REG	bts, w, bit5,       reg, 0x0123456789abe11e, 0x123456789abc0005, 0,     0x0123456789abe13e, 0
	BT_REG	bts, w, top,        reg, 0x0123456789abe11e, 0x123456789abc000f, 0,     0x0123456789abe11e, CF
	BT_REG	bts, w, masked,     reg, 0x0123456789abe11e, 0x123456789abc0013, ARITH, 0x0123456789abe11e, CF
	BT_REG	bts, w, minus_one,  reg, 0x0123456789abe11e, 0x123456789abcffff, 0,     0x0123456789abe11e, CF
	BT_REG	bts, w, imm,        imm, 0x0123456789abe11e, 14,                 ARITH, 0x0123456789abe11e, CF
	BT_REG	bts, w, imm_masked, imm, 0x0123456789abe11e, 17,                 0,     0x0123456789abe11e, CF
	BT_REG	bts, l, bit0,       reg, 0x012345670ff0e11e, 0x1234567800000000, ARITH, 0x000000000ff0e11f, 0
	BT_REG	bts, l, bit5,       reg, 0x012345670ff0e11e, 0x1234567800000005, 0,     0x000000000ff0e13e, 0
	BT_REG	bts, l, top,        reg, 0x012345670ff0e11e, 0x123456780000001f, 0,     0x000000008ff0e11e, 0
	BT_REG	bts, l, masked,     reg, 0x012345670ff0e11e, 0x1234567800000023, ARITH, 0x000000000ff0e11e, CF
	BT_REG	bts, l, minus_one,  reg, 0x012345670ff0e11e, 0x12345678ffffffff, 0,     0x000000008ff0e11e, 0
	BT_REG	bts, l, imm,        imm, 0x012345670ff0e11e, 30,                 ARITH, 0x000000004ff0e11e, 0
	BT_REG	bts, l, imm_masked, imm, 0x012345670ff0e11e, 33,                 0,     0x000000000ff0e11e, CF
	BT_REG	bts, q, bit0,       reg, 0x5aa5c33c0ff0e11e, 0x0000000000000000, ARITH, 0x5aa5c33c0ff0e11f, 0
	BT_REG	bts, q, bit5,       reg, 0x5aa5c33c0ff0e11e, 0x0000000000000005, 0,     0x5aa5c33c0ff0e13e, 0
	BT_REG	bts, q, top,        reg, 0x5aa5c33c0ff0e11e, 0x000000000000003f, 0,     0xdaa5c33c0ff0e11e, 0
	BT_REG	bts, q, masked,     reg, 0x5aa5c33c0ff0e11e, 0x0000000000000043, ARITH, 0x5aa5c33c0ff0e11e, CF
	BT_REG	bts, q, minus_one,  reg, 0x5aa5c33c0ff0e11e, 0xffffffffffffffff, 0,     0xdaa5c33c0ff0e11e, 0
	BT_REG	bts, q, imm,        imm, 0x5aa5c33c0ff0e11e, 62,                 ARITH, 0x5aa5c33c0ff0e11e, CF
	BT_REG	bts, q, imm_masked, imm, 0x5aa5c33c0ff0e11e, 65,                 0,     0x5aa5c33c0ff0e11e, CF
	BT_REG	btr, w, bit0,       reg, 0x0123456789abe11e, 0x123456789abc0000, ARITH, 0x0123456789abe11e, 0
	BT_REG	btr, w, bit5,       reg, 0x0123456789abe11e, 0x123456789abc0005, 0,     0x0123456789abe11e, 0
	BT_REG	btr, w, top,        reg, 0x0123456789abe11e, 0x123456789abc000f, 0,     0x0123456789ab611e, CF
	BT_REG	btr, w, masked,     reg, 0x0123456789abe11e, 0x123456789abc0013, ARITH, 0x0123456789abe116, CF
	BT_REG	btr, w, minus_one,  reg, 0x0123456789abe11e, 0x123456789abcffff, 0,     0x0123456789ab611e, CF
	BT_REG	btr, w, imm,        imm, 0x0123456789abe11e, 14,                 ARITH, 0x0123456789aba11e, CF
	BT_REG	btr, w, imm_masked, imm, 0x0123456789abe11e, 17,                 0,     0x0123456789abe11c, CF
	BT_REG	btr, l, bit0,       reg, 0x012345670ff0e11e, 0x1234567800000000, ARITH, 0x000000000ff0e11e, 0
	BT_REG	btr, l, bit5,       reg, 0x012345670ff0e11e, 0x1234567800000005, 0,     0x000000000ff0e11e, 0
	BT_REG	btr, l, top,        reg, 0x012345670ff0e11e, 0x123456780000001f, 0,     0x000000000ff0e11e, 0
	BT_REG	btr, l, masked,     reg, 0x012345670ff0e11e, 0x1234567800000023, ARITH, 0x000000000ff0e116, CF
	BT_REG	btr, l, minus_one,  reg, 0x012345670ff0e11e, 0x12345678ffffffff, 0,     0x000000000ff0e11e, 0
	BT_REG	btr, l, imm,        imm, 0x012345670ff0e11e, 30,                 ARITH, 0x000000000ff0e11e, 0
	BT_REG	btr, l, imm_masked, imm, 0x012345670ff0e11e, 33,                 0,     0x000000000ff0e11c, CF
	BT_REG	btr, q, bit0,       reg, 0x5aa5c33c0ff0e11e, 0x0000000000000000, ARITH, 0x5aa5c33c0ff0e11e, 0
	BT_REG	btr, q, bit5,       reg, 0x5aa5c33c0ff0e11e, 0x0000000000000005, 0,     0x5aa5c33c0ff0e11e, 0
	BT_REG	btr, q, top,        reg, 0x5aa5c33c0ff0e11e, 0x000000000000003f, 0,     0x5aa5c33c0ff0e11e, 0
	BT_REG	btr, q, masked,     reg, 0x5aa5c33c0ff0e11e, 0x0000000000000043, ARITH, 0x5aa5c33c0ff0e116, CF
	BT_REG	btr, q, minus_one,  reg, 0x5aa5c33c0ff0e11e, 0xffffffffffffffff, 0,     0x5aa5c33c0ff0e11e, 0
	BT_REG	btr, q, imm,        imm, 0x5aa5c33c0ff0e11e, 62,                 ARITH, 0x1aa5c33c0ff0e11e, CF
	BT_REG	btr, q, imm_masked, imm, 0x5aa5c33c0ff0e11e, 65,                 0,     0x5aa5c33c0ff0e11c, CF
	BT_REG	btc, w, bit0,       reg, 0x0123456789abe11e, 0x123456789abc0000, ARITH, 0x0123456789abe11f, 0
	BT_REG	btc, w, bit5,       reg, 0x0123456789abe11e, 0x123456789abc0005, 0,     0x0123456789abe13e, 0
	BT_REG	btc, w, top,        reg, 0x0123456789abe11e, 0x123456789abc000f, 0,     0x0123456789ab611e, CF
	BT_REG	btc, w, masked,     reg, 0x0123456789abe11e, 0x123456789abc0013, ARITH, 0x0123456789abe116, CF
	BT_REG	btc, w, minus_one,  reg, 0x0123456789abe11e, 0x123456789abcffff, 0,     0x0123456789ab611e, CF
	BT_REG	btc, w, imm,        imm, 0x0123456789abe11e, 14,                 ARITH, 0x0123456789aba11e, CF
	BT_REG	btc, w, imm_masked, imm, 0x0123456789abe11e, 17,                 0,     0x0123456789abe11c, CF
	BT_REG	btc, l, bit0,       reg, 0x012345670ff0e11e, 0x1234567800000000, ARITH, 0x000000000ff0e11f, 0
	BT_REG	btc, l, bit5,       reg, 0x012345670ff0e11e, 0x1234567800000005, 0,     0x000000000ff0e13e, 0
	BT_REG	btc, l, top,        reg, 0x012345670ff0e11e, 0x123456780000001f, 0,     0x000000008ff0e11e, 0
	BT_REG	btc, l, masked,     reg, 0x012345670ff0e11e, 0x1234567800000023, ARITH, 0x000000000ff0e116, CF
	BT_REG	btc, l, minus_one,  reg, 0x012345670ff0e11e, 0x12345678ffffffff, 0,     0x000000008ff0e11e, 0
	BT_REG	btc, l, imm,        imm, 0x012345670ff0e11e, 30,                 ARITH, 0x000000004ff0e11e, 0
	BT_REG	btc, l, imm_masked, imm, 0x012345670ff0e11e, 33,                 0,     0x000000000ff0e11c, CF
	BT_REG	btc, q, bit0,       reg, 0x5aa5c33c0ff0e11e, 0x0000000000000000, ARITH, 0x5aa5c33c0ff0e11f, 0
	BT_REG	btc, q, bit5,       reg, 0x5aa5c33c0ff0e11e, 0x0000000000000005, 0,     0x5aa5c33c0ff0e13e, 0
	BT_REG	btc, q, top,        reg, 0x5aa5c33c0ff0e11e, 0x000000000000003f, 0,     0xdaa5c33c0ff0e11e, 0
	BT_REG	btc, q, masked,     reg, 0x5aa5c33c0ff0e11e, 0x0000000000000043, ARITH, 0x5aa5c33c0ff0e116, CF
	BT_REG	btc, q, minus_one,  reg, 0x5aa5c33c0ff0e11e, 0xffffffffffffffff, 0,     0xdaa5c33c0ff0e11e, 0
	BT_REG	btc, q, imm,        imm, 0x5aa5c33c0ff0e11e, 62,                 ARITH, 0x1aa5c33c0ff0e11e, CF
	BT_REG	btc, q, imm_masked, imm, 0x5aa5c33c0ff0e11e, 65,                 0,     0x5aa5c33c0ff0e11c, CF

	/*
	 * bt, bts, btr, btc on memory: a register offset is a signed bit index into the bit string at
	 * `bitmap`, reaching below it and beyond the operand; an immediate offset stays inside the operand.
	 */
	BT_MEM	bt,  w, low,        reg, 0x123456789abc0003, 0,   0x5aa5c33c0ff0e11e, CF
	BT_MEM	bt,  w, far,        reg, 0x123456789abc0064, 8,   0xb44bc33c0ff0e11f, CF
	BT_MEM	bt,  w, minus_one,  reg, 0x123456789abcffff, -8,  0x8796a5b4c3d2e1f0, CF
	BT_MEM	bt,  w, below,      reg, 0x123456789abcffe8, -8,  0x8796a5b4c3d2e1f0, CF
	BT_MEM	bt,  w, imm_masked, imm, 21,                 0,   0x5aa5c33c0ff0e11e, 0
	BT_MEM	bt,  l, low,        reg, 0x1234567800000003, 0,   0x5aa5c33c0ff0e11e, CF
	BT_MEM	bt,  l, far,        reg, 0x1234567800000064, 8,   0xb44bc33c0ff0e11f, CF
	BT_MEM	bt,  l, minus_one,  reg, 0x12345678ffffffff, -8,  0x8796a5b4c3d2e1f0, CF
	BT_MEM	bt,  l, below,      reg, 0x12345678ffffffd0, -8,  0x8796a5b4c3d2e1f0, 0
	BT_MEM	bt,  l, imm_masked, imm, 37,                 0,   0x5aa5c33c0ff0e11e, 0
	BT_MEM	bt,  q, low,        reg, 0x0000000000000003, 0,   0x5aa5c33c0ff0e11e, CF
	BT_MEM	bt,  q, far,        reg, 0x0000000000000064, 8,   0xb44bc33c0ff0e11f, CF
	BT_MEM	bt,  q, minus_one,  reg, 0xffffffffffffffff, -8,  0x8796a5b4c3d2e1f0, CF
	BT_MEM	bt,  q, below,      reg, 0xffffffffffffffa0, -16, 0x0f1e2d3c4b5a6978, 0
	BT_MEM	bt,  q, imm_masked, imm, 69,                 0,   0x5aa5c33c0ff0e11e, 0
	BT_MEM	bts, w, low,        reg, 0x123456789abc0003, 0,   0x5aa5c33c0ff0e11e, CF
	BT_MEM	bts, w, far,        reg, 0x123456789abc0064, 8,   0xb44bc33c0ff0e11f, CF
	BT_MEM	bts, w, minus_one,  reg, 0x123456789abcffff, -8,  0x8796a5b4c3d2e1f0, CF
	BT_MEM	bts, w, below,      reg, 0x123456789abcffe8, -8,  0x8796a5b4c3d2e1f0, CF
	BT_MEM	bts, w, imm_masked, imm, 21,                 0,   0x5aa5c33c0ff0e13e, 0
	BT_MEM	bts, l, low,        reg, 0x1234567800000003, 0,   0x5aa5c33c0ff0e11e, CF
	BT_MEM	bts, l, far,        reg, 0x1234567800000064, 8,   0xb44bc33c0ff0e11f, CF
	BT_MEM	bts, l, minus_one,  reg, 0x12345678ffffffff, -8,  0x8796a5b4c3d2e1f0, CF
	BT_MEM	bts, l, below,      reg, 0x12345678ffffffd0, -8,  0x8796a5b4c3d3e1f0, 0
	BT_MEM	bts, l, imm_masked, imm, 37,                 0,   0x5aa5c33c0ff0e13e, 0
	BT_MEM	bts, q, low,        reg, 0x0000000000000003, 0,   0x5aa5c33c0ff0e11e, CF
	BT_MEM	bts, q, far,        reg, 0x0000000000000064, 8,   0xb44bc33c0ff0e11f, CF
	BT_MEM	bts, q, minus_one,  reg, 0xffffffffffffffff, -8,  0x8796a5b4c3d2e1f0, CF
	BT_MEM	bts, q, below,      reg, 0xffffffffffffffa0, -16, 0x0f1e2d3d4b5a6978, 0
	BT_MEM	bts, q, imm_masked, imm, 69,                 0,   0x5aa5c33c0ff0e13e, 0
	BT_MEM	btr, w, low,        reg, 0x123456789abc0003, 0,   0x5aa5c33c0ff0e116, CF
	BT_MEM	btr, w, far,        reg, 0x123456789abc0064, 8,   0xb44bc32c0ff0e11f, CF
	BT_MEM	btr, w, minus_one,  reg, 0x123456789abcffff, -8,  0x0796a5b4c3d2e1f0, CF
	BT_MEM	btr, w, below,      reg, 0x123456789abcffe8, -8,  0x8796a4b4c3d2e1f0, CF
	BT_MEM	btr, w, imm_masked, imm, 21,                 0,   0x5aa5c33c0ff0e11e, 0
	BT_MEM	btr, l, low,        reg, 0x1234567800000003, 0,   0x5aa5c33c0ff0e116, CF
	BT_MEM	btr, l, far,        reg, 0x1234567800000064, 8,   0xb44bc32c0ff0e11f, CF
	BT_MEM	btr, l, minus_one,  reg, 0x12345678ffffffff, -8,  0x0796a5b4c3d2e1f0, CF
	BT_MEM	btr, l, below,      reg, 0x12345678ffffffd0, -8,  0x8796a5b4c3d2e1f0, 0
	BT_MEM	btr, l, imm_masked, imm, 37,                 0,   0x5aa5c33c0ff0e11e, 0
	BT_MEM	btr, q, low,        reg, 0x0000000000000003, 0,   0x5aa5c33c0ff0e116, CF
	BT_MEM	btr, q, far,        reg, 0x0000000000000064, 8,   0xb44bc32c0ff0e11f, CF
	BT_MEM	btr, q, minus_one,  reg, 0xffffffffffffffff, -8,  0x0796a5b4c3d2e1f0, CF
	BT_MEM	btr, q, below,      reg, 0xffffffffffffffa0, -16, 0x0f1e2d3c4b5a6978, 0
	BT_MEM	btr, q, imm_masked, imm, 69,                 0,   0x5aa5c33c0ff0e11e, 0
	BT_MEM	btc, w, low,        reg, 0x123456789abc0003, 0,   0x5aa5c33c0ff0e116, CF
	BT_MEM	btc, w, far,        reg, 0x123456789abc0064, 8,   0xb44bc32c0ff0e11f, CF
	BT_MEM	btc, w, minus_one,  reg, 0x123456789abcffff, -8,  0x0796a5b4c3d2e1f0, CF
	BT_MEM	btc, w, below,      reg, 0x123456789abcffe8, -8,  0x8796a4b4c3d2e1f0, CF
	BT_MEM	btc, w, imm_masked, imm, 21,                 0,   0x5aa5c33c0ff0e13e, 0
	BT_MEM	btc, l, low,        reg, 0x1234567800000003, 0,   0x5aa5c33c0ff0e116, CF
	BT_MEM	btc, l, far,        reg, 0x1234567800000064, 8,   0xb44bc32c0ff0e11f, CF
	BT_MEM	btc, l, minus_one,  reg, 0x12345678ffffffff, -8,  0x0796a5b4c3d2e1f0, CF
	BT_MEM	btc, l, below,      reg, 0x12345678ffffffd0, -8,  0x8796a5b4c3d3e1f0, 0
	BT_MEM	btc, l, imm_masked, imm, 37,                 0,   0x5aa5c33c0ff0e13e, 0
	BT_MEM	btc, q, low,        reg, 0x0000000000000003, 0,   0x5aa5c33c0ff0e116, CF
	BT_MEM	btc, q, far,        reg, 0x0000000000000064, 8,   0xb44bc32c0ff0e11f, CF
	BT_MEM	btc, q, minus_one,  reg, 0xffffffffffffffff, -8,  0x0796a5b4c3d2e1f0, CF
	BT_MEM	btc, q, below,      reg, 0xffffffffffffffa0, -16, 0x0f1e2d3d4b5a6978, 0
	BT_MEM	btc, q, imm_masked, imm, 69,                 0,   0x5aa5c33c0ff0e13e, 0

	/* bsf, bsr: the index of the lowest / highest set bit */
	BSCAN	bsf, w, one,     0xfedcba9876540001, 0x0123456789ab0000, 0
	BSCAN	bsf, w, top,     0xfedcba9876548000, 0x0123456789ab000f, 0
	BSCAN	bsf, w, pattern, 0xfedcba987654e11e, 0x0123456789ab0001, 0
	BSCAN	bsf, w, middle,  0xfedcba98765400f0, 0x0123456789ab0004, 0
	BSCAN	bsf, w, all,     0xfedcba987654ffff, 0x0123456789ab0000, 0
	BSCAN	bsf, l, one,     0xfedcba9800000001, 0x0000000000000000, 0
	BSCAN	bsf, l, top,     0xfedcba9880000000, 0x000000000000001f, 0
	BSCAN	bsf, l, pattern, 0xfedcba980ff0e11e, 0x0000000000000001, 0
	BSCAN	bsf, l, middle,  0xfedcba98000000f0, 0x0000000000000004, 0
	BSCAN	bsf, l, all,     0xfedcba98ffffffff, 0x0000000000000000, 0
	BSCAN	bsf, q, one,     0x0000000000000001, 0x0000000000000000, 0
	BSCAN	bsf, q, top,     0x8000000000000000, 0x000000000000003f, 0
	BSCAN	bsf, q, pattern, 0x5aa5c33c0ff0e11e, 0x0000000000000001, 0
	BSCAN	bsf, q, middle,  0x00000000000000f0, 0x0000000000000004, 0
	BSCAN	bsf, q, all,     0xffffffffffffffff, 0x0000000000000000, 0
	BSCAN	bsr, w, one,     0xfedcba9876540001, 0x0123456789ab0000, 0
	BSCAN	bsr, w, top,     0xfedcba9876548000, 0x0123456789ab000f, 0
	BSCAN	bsr, w, pattern, 0xfedcba987654e11e, 0x0123456789ab000f, 0
	BSCAN	bsr, w, middle,  0xfedcba98765400f0, 0x0123456789ab0007, 0
	BSCAN	bsr, w, all,     0xfedcba987654ffff, 0x0123456789ab000f, 0
	BSCAN	bsr, l, one,     0xfedcba9800000001, 0x0000000000000000, 0
	BSCAN	bsr, l, top,     0xfedcba9880000000, 0x000000000000001f, 0
	BSCAN	bsr, l, pattern, 0xfedcba980ff0e11e, 0x000000000000001b, 0
	BSCAN	bsr, l, middle,  0xfedcba98000000f0, 0x0000000000000007, 0
	BSCAN	bsr, l, all,     0xfedcba98ffffffff, 0x000000000000001f, 0
	BSCAN	bsr, q, one,     0x0000000000000001, 0x0000000000000000, 0
	BSCAN	bsr, q, top,     0x8000000000000000, 0x000000000000003f, 0
	BSCAN	bsr, q, pattern, 0x5aa5c33c0ff0e11e, 0x000000000000003e, 0
	BSCAN	bsr, q, middle,  0x00000000000000f0, 0x0000000000000007, 0
	BSCAN	bsr, q, all,     0xffffffffffffffff, 0x000000000000003f, 0

	/* xadd: destination = destination + source, source = the old destination; flags as ADD */

	movabsq	$0x0123456789abcd7f, %rax
	movq	%rax, operand(%rip)
	movabsq	$0xfedcba9876543201, %rbx
	SET_FLAGS 0
	xaddb	%bl, %al
	CHECK_EQ %rax, 0x0123456789abcd80, xaddb_overflow_destination
	CHECK_EQ %rbx, 0xfedcba987654327f, xaddb_overflow_source
	CHECK_FLAGS ARITH, OF|SF|AF, xaddb_overflow_flags

	movabsq	$0x0123456789abcdff, %rax
	movq	%rax, operand(%rip)
	movabsq	$0xfedcba9876543201, %rbx
	SET_FLAGS ARITH
	xaddb	%bl, %al
	CHECK_EQ %rax, 0x0123456789abcd00, xaddb_carry_zero_destination
	CHECK_EQ %rbx, 0xfedcba98765432ff, xaddb_carry_zero_source
	CHECK_FLAGS ARITH, ZF|AF|PF|CF, xaddb_carry_zero_flags

	movabsq	$0x0123456789abcd1e, %rax
	movq	%rax, operand(%rip)
	movabsq	$0xfedcba98765432ef, %rbx
	SET_FLAGS 0
	lock xaddb	%bl, operand(%rip)
	CHECK_EQ operand(%rip), 0x0123456789abcd0d, xaddb_memory_destination
	CHECK_EQ %rbx, 0xfedcba987654321e, xaddb_memory_source
	CHECK_FLAGS ARITH, AF|CF, xaddb_memory_flags

	movabsq	$0x0123456789ab7fff, %rax
	movq	%rax, operand(%rip)
	movabsq	$0xfedcba9876540001, %rbx
	SET_FLAGS 0
	xaddw	%bx, %ax
	CHECK_EQ %rax, 0x0123456789ab8000, xaddw_overflow_destination
	CHECK_EQ %rbx, 0xfedcba9876547fff, xaddw_overflow_source
	CHECK_FLAGS ARITH, OF|SF|AF|PF, xaddw_overflow_flags

	movabsq	$0x0123456789abffff, %rax
	movq	%rax, operand(%rip)
	movabsq	$0xfedcba9876540001, %rbx
	SET_FLAGS ARITH
	xaddw	%bx, %ax
	CHECK_EQ %rax, 0x0123456789ab0000, xaddw_carry_zero_destination
	CHECK_EQ %rbx, 0xfedcba987654ffff, xaddw_carry_zero_source
	CHECK_FLAGS ARITH, ZF|AF|PF|CF, xaddw_carry_zero_flags

	movabsq	$0x0123456789abe11e, %rax
	movq	%rax, operand(%rip)
	movabsq	$0xfedcba987654cdef, %rbx
	SET_FLAGS 0
	lock xaddw	%bx, operand(%rip)
	CHECK_EQ operand(%rip), 0x0123456789abaf0d, xaddw_memory_destination
	CHECK_EQ %rbx, 0xfedcba987654e11e, xaddw_memory_source
	CHECK_FLAGS ARITH, SF|AF|CF, xaddw_memory_flags

	movabsq	$0x012345677fffffff, %rax
	movq	%rax, operand(%rip)
	movabsq	$0xfedcba9800000001, %rbx
	SET_FLAGS 0
	xaddl	%ebx, %eax
	CHECK_EQ %rax, 0x0000000080000000, xaddl_overflow_destination
	CHECK_EQ %rbx, 0x000000007fffffff, xaddl_overflow_source
	CHECK_FLAGS ARITH, OF|SF|AF|PF, xaddl_overflow_flags

	movabsq	$0x01234567ffffffff, %rax
	movq	%rax, operand(%rip)
	movabsq	$0xfedcba9800000001, %rbx
	SET_FLAGS ARITH
	xaddl	%ebx, %eax
	CHECK_EQ %rax, 0x0000000000000000, xaddl_carry_zero_destination
	CHECK_EQ %rbx, 0x00000000ffffffff, xaddl_carry_zero_source
	CHECK_FLAGS ARITH, ZF|AF|PF|CF, xaddl_carry_zero_flags

	movabsq	$0x012345670ff0e11e, %rax
	movq	%rax, operand(%rip)
	movabsq	$0xfedcba9889abcdef, %rbx
	SET_FLAGS 0
	lock xaddl	%ebx, operand(%rip)
	CHECK_EQ operand(%rip), 0x01234567999caf0d, xaddl_memory_destination
	CHECK_EQ %rbx, 0x000000000ff0e11e, xaddl_memory_source
	CHECK_FLAGS ARITH, SF|AF, xaddl_memory_flags

	movabsq	$0x7fffffffffffffff, %rax
	movq	%rax, operand(%rip)
	movabsq	$0x0000000000000001, %rbx
	SET_FLAGS 0
	xaddq	%rbx, %rax
	CHECK_EQ %rax, 0x8000000000000000, xaddq_overflow_destination
	CHECK_EQ %rbx, 0x7fffffffffffffff, xaddq_overflow_source
	CHECK_FLAGS ARITH, OF|SF|AF|PF, xaddq_overflow_flags

	movabsq	$0xffffffffffffffff, %rax
	movq	%rax, operand(%rip)
	movabsq	$0x0000000000000001, %rbx
	SET_FLAGS ARITH
	xaddq	%rbx, %rax
	CHECK_EQ %rax, 0x0000000000000000, xaddq_carry_zero_destination
	CHECK_EQ %rbx, 0xffffffffffffffff, xaddq_carry_zero_source
	CHECK_FLAGS ARITH, ZF|AF|PF|CF, xaddq_carry_zero_flags

	movabsq	$0x5aa5c33c0ff0e11e, %rax
	movq	%rax, operand(%rip)
	movabsq	$0x0123456789abcdef, %rbx
	SET_FLAGS 0
	lock xaddq	%rbx, operand(%rip)
	CHECK_EQ operand(%rip), 0x5bc908a3999caf0d, xaddq_memory_destination
	CHECK_EQ %rbx, 0x5aa5c33c0ff0e11e, xaddq_memory_source
	CHECK_FLAGS ARITH, AF, xaddq_memory_flags

	/*
	 * cmpxchg: compares the accumulator with the destination (flags as CMP). Equal: destination =
	 * source, the accumulator is not written (its upper half stays even at 32 bits). Not equal: the
	 * accumulator = destination. A register destination is written back on a mismatch by some CPUs
	 * (zeroing bits 63:32 at 32 bits) and not by others, so mismatches use a memory destination.
	 */

	movabsq	$0x0123456789abcd1e, %rax
	movabsq	$0xfedcba987654321e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0f1e2d3c4b5a69ef, %rcx
	SET_FLAGS ARITH
	cmpxchgb	%cl, %bl
	CHECK_EQ %rbx, 0xfedcba98765432ef, cmpxchgb_equal_destination
	CHECK_EQ %rax, 0x0123456789abcd1e, cmpxchgb_equal_accumulator
	CHECK_FLAGS ARITH, ZF|PF, cmpxchgb_equal_flags

	movabsq	$0x0123456789abcd1e, %rax
	movabsq	$0xfedcba987654329e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0f1e2d3c4b5a69ef, %rcx
	SET_FLAGS 0
	cmpxchgb	%cl, operand(%rip)
	CHECK_EQ operand(%rip), 0xfedcba987654329e, cmpxchgb_not_equal_destination
	CHECK_EQ %rax, 0x0123456789abcd9e, cmpxchgb_not_equal_accumulator
	CHECK_FLAGS ARITH, OF|SF|CF, cmpxchgb_not_equal_flags

	movabsq	$0x0123456789abcd1e, %rax
	movabsq	$0xfedcba987654321e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0f1e2d3c4b5a69ef, %rcx
	SET_FLAGS 0
	lock cmpxchgb	%cl, operand(%rip)
	CHECK_EQ operand(%rip), 0xfedcba98765432ef, cmpxchgb_equal_memory_destination
	CHECK_EQ %rax, 0x0123456789abcd1e, cmpxchgb_equal_memory_accumulator
	CHECK_FLAGS ARITH, ZF|PF, cmpxchgb_equal_memory_flags

	movabsq	$0x0123456789abe11e, %rax
	movabsq	$0xfedcba987654e11e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0f1e2d3c4b5acdef, %rcx
	SET_FLAGS ARITH
	cmpxchgw	%cx, %bx
	CHECK_EQ %rbx, 0xfedcba987654cdef, cmpxchgw_equal_destination
	CHECK_EQ %rax, 0x0123456789abe11e, cmpxchgw_equal_accumulator
	CHECK_FLAGS ARITH, ZF|PF, cmpxchgw_equal_flags

	movabsq	$0x0123456789abe11e, %rax
	movabsq	$0xfedcba987654e19e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0f1e2d3c4b5acdef, %rcx
	SET_FLAGS 0
	cmpxchgw	%cx, operand(%rip)
	CHECK_EQ operand(%rip), 0xfedcba987654e19e, cmpxchgw_not_equal_destination
	CHECK_EQ %rax, 0x0123456789abe19e, cmpxchgw_not_equal_accumulator
	CHECK_FLAGS ARITH, SF|CF, cmpxchgw_not_equal_flags

	movabsq	$0x0123456789abe11e, %rax
	movabsq	$0xfedcba987654e11e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0f1e2d3c4b5acdef, %rcx
	SET_FLAGS 0
	lock cmpxchgw	%cx, operand(%rip)
	CHECK_EQ operand(%rip), 0xfedcba987654cdef, cmpxchgw_equal_memory_destination
	CHECK_EQ %rax, 0x0123456789abe11e, cmpxchgw_equal_memory_accumulator
	CHECK_FLAGS ARITH, ZF|PF, cmpxchgw_equal_memory_flags

	movabsq	$0x012345670ff0e11e, %rax
	movabsq	$0xfedcba980ff0e11e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0f1e2d3c89abcdef, %rcx
	SET_FLAGS ARITH
	cmpxchgl	%ecx, %ebx
	CHECK_EQ %rbx, 0x0000000089abcdef, cmpxchgl_equal_destination
	CHECK_EQ %rax, 0x012345670ff0e11e, cmpxchgl_equal_accumulator
	CHECK_FLAGS ARITH, ZF|PF, cmpxchgl_equal_flags

	movabsq	$0x012345670ff0e11e, %rax
	movabsq	$0xfedcba980ff0e19e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0f1e2d3c89abcdef, %rcx
	SET_FLAGS 0
	cmpxchgl	%ecx, operand(%rip)
	CHECK_EQ operand(%rip), 0xfedcba980ff0e19e, cmpxchgl_not_equal_destination
	CHECK_EQ %rax, 0x000000000ff0e19e, cmpxchgl_not_equal_accumulator
	CHECK_FLAGS ARITH, SF|CF, cmpxchgl_not_equal_flags

	movabsq	$0x012345670ff0e11e, %rax
	movabsq	$0xfedcba980ff0e11e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0f1e2d3c89abcdef, %rcx
	SET_FLAGS 0
	lock cmpxchgl	%ecx, operand(%rip)
	CHECK_EQ operand(%rip), 0xfedcba9889abcdef, cmpxchgl_equal_memory_destination
	CHECK_EQ %rax, 0x012345670ff0e11e, cmpxchgl_equal_memory_accumulator
	CHECK_FLAGS ARITH, ZF|PF, cmpxchgl_equal_memory_flags

	movabsq	$0x5aa5c33c0ff0e11e, %rax
	movabsq	$0x5aa5c33c0ff0e11e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0123456789abcdef, %rcx
	SET_FLAGS ARITH
	cmpxchgq	%rcx, %rbx
	CHECK_EQ %rbx, 0x0123456789abcdef, cmpxchgq_equal_destination
	CHECK_EQ %rax, 0x5aa5c33c0ff0e11e, cmpxchgq_equal_accumulator
	CHECK_FLAGS ARITH, ZF|PF, cmpxchgq_equal_flags

	movabsq	$0x5aa5c33c0ff0e11e, %rax
	movabsq	$0x5aa5c33c0ff0e19e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0123456789abcdef, %rcx
	SET_FLAGS 0
	cmpxchgq	%rcx, operand(%rip)
	CHECK_EQ operand(%rip), 0x5aa5c33c0ff0e19e, cmpxchgq_not_equal_destination
	CHECK_EQ %rax, 0x5aa5c33c0ff0e19e, cmpxchgq_not_equal_accumulator
	CHECK_FLAGS ARITH, SF|CF, cmpxchgq_not_equal_flags

	movabsq	$0x5aa5c33c0ff0e11e, %rax
	movabsq	$0x5aa5c33c0ff0e11e, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0x0123456789abcdef, %rcx
	SET_FLAGS 0
	lock cmpxchgq	%rcx, operand(%rip)
	CHECK_EQ operand(%rip), 0x0123456789abcdef, cmpxchgq_equal_memory_destination
	CHECK_EQ %rax, 0x5aa5c33c0ff0e11e, cmpxchgq_equal_memory_accumulator
	CHECK_FLAGS ARITH, ZF|PF, cmpxchgq_equal_memory_flags

	/* movzx, movsx, movsxd (movslq) from registers and memory */
	EXTEND	movzbw_positive, movzbw, operand(%rip), %ax,  0xfedcba9876543271, 0x0123456789ab0071
	EXTEND	movzbw_negative, movzbw, %bl,           %ax,  0xfedcba98765432ef, 0x0123456789ab00ef
	EXTEND	movzbl_positive, movzbl, %bl,           %eax, 0xfedcba9876543271, 0x0000000000000071
	EXTEND	movzbl_negative, movzbl, %bl,           %eax, 0xfedcba98765432ef, 0x00000000000000ef
	EXTEND	movzbq_positive, movzbq, %bl,           %rax, 0xfedcba9876543271, 0x0000000000000071
	EXTEND	movzbq_negative, movzbq, operand(%rip), %rax, 0xfedcba98765432ef, 0x00000000000000ef
	EXTEND	movzwl_positive, movzwl, operand(%rip), %eax, 0xfedcba9876540f71, 0x0000000000000f71
	EXTEND	movzwl_negative, movzwl, %bx,           %eax, 0xfedcba987654cdef, 0x000000000000cdef
	EXTEND	movzwq_positive, movzwq, %bx,           %rax, 0xfedcba9876540f71, 0x0000000000000f71
	EXTEND	movzwq_negative, movzwq, %bx,           %rax, 0xfedcba987654cdef, 0x000000000000cdef
	EXTEND	movsbw_positive, movsbw, %bl,           %ax,  0xfedcba9876543271, 0x0123456789ab0071
	EXTEND	movsbw_negative, movsbw, operand(%rip), %ax,  0xfedcba98765432ef, 0x0123456789abffef
	EXTEND	movsbl_positive, movsbl, operand(%rip), %eax, 0xfedcba9876543271, 0x0000000000000071
	EXTEND	movsbl_negative, movsbl, %bl,           %eax, 0xfedcba98765432ef, 0x00000000ffffffef
	EXTEND	movsbq_positive, movsbq, %bl,           %rax, 0xfedcba9876543271, 0x0000000000000071
	EXTEND	movsbq_negative, movsbq, %bl,           %rax, 0xfedcba98765432ef, 0xffffffffffffffef
	EXTEND	movswl_positive, movswl, %bx,           %eax, 0xfedcba9876540f71, 0x0000000000000f71
	EXTEND	movswl_negative, movswl, operand(%rip), %eax, 0xfedcba987654cdef, 0x00000000ffffcdef
	EXTEND	movswq_positive, movswq, operand(%rip), %rax, 0xfedcba9876540f71, 0x0000000000000f71
	EXTEND	movswq_negative, movswq, %bx,           %rax, 0xfedcba987654cdef, 0xffffffffffffcdef
	EXTEND	movslq_positive, movslq, %ebx,          %rax, 0xfedcba98433c0f71, 0x00000000433c0f71
	EXTEND	movslq_negative, movslq, %ebx,          %rax, 0xfedcba9889abcdef, 0xffffffff89abcdef
	EXTEND	movzbl_high,     movzbl, %bh,           %eax, 0x0123456789ab8f00, 0x000000000000008f
	EXTEND	movsbw_high,     movsbw, %bh,           %ax,  0x0123456789ab8f00, 0x0123456789abff8f

	/* cbtw (cbw), cwtl (cwde), cltq (cdqe), cwtd (cwd), cltd (cdq), cqto (cqo) */
	CONVERT	cbtw_positive, cbtw, 0x0123456789abcd7e, 0x0123456789ab007e, 0x0f1e2d3c4b5a6978
	CONVERT	cbtw_negative, cbtw, 0x0123456789abcdfe, 0x0123456789abfffe, 0x0f1e2d3c4b5a6978
	CONVERT	cwtl_positive, cwtl, 0x0123456789ab617e, 0x000000000000617e, 0x0f1e2d3c4b5a6978
	CONVERT	cwtl_negative, cwtl, 0x0123456789abe17e, 0x00000000ffffe17e, 0x0f1e2d3c4b5a6978
	CONVERT	cltq_positive, cltq, 0x012345670ff0e17e, 0x000000000ff0e17e, 0x0f1e2d3c4b5a6978
	CONVERT	cltq_negative, cltq, 0x012345678ff0e17e, 0xffffffff8ff0e17e, 0x0f1e2d3c4b5a6978
	CONVERT	cwtd_positive, cwtd, 0x0123456789ab617e, 0x0123456789ab617e, 0x0f1e2d3c4b5a0000
	CONVERT	cwtd_negative, cwtd, 0x0123456789abe17e, 0x0123456789abe17e, 0x0f1e2d3c4b5affff
	CONVERT	cltd_positive, cltd, 0x012345670ff0e17e, 0x012345670ff0e17e, 0x0000000000000000
	CONVERT	cltd_negative, cltd, 0x012345678ff0e17e, 0x012345678ff0e17e, 0x00000000ffffffff
	CONVERT	cqto_positive, cqto, 0x5aa5c33c0ff0e17e, 0x5aa5c33c0ff0e17e, 0x0000000000000000
	CONVERT	cqto_negative, cqto, 0xdaa5c33c0ff0e17e, 0xdaa5c33c0ff0e17e, 0xffffffffffffffff

	/*
	 * setcc and cmovcc: for each flag state, the 16 conditions in encoding order (o no b ae e ne be a
	 * s ns p np l ge le g), one byte per condition: two quads, byte 0 = o ... byte 15 = g.
	 */
	CONDITIONS	none,  0,     0x0100010001000100, 0x0100010001000100
	CONDITIONS	cf,    CF,    0x0001010000010100, 0x0100010001000100
	CONDITIONS	zf,    ZF,    0x0001000101000100, 0x0001010001000100
	CONDITIONS	sf,    SF,    0x0100010001000100, 0x0001000101000001
	CONDITIONS	of,    OF,    0x0100010001000001, 0x0001000101000100
	CONDITIONS	pf,    PF,    0x0100010001000100, 0x0100010000010100
	CONDITIONS	of_sf, OF|SF, 0x0100010001000001, 0x0100010001000001
	CONDITIONS	zf_cf, ZF|CF, 0x0001000100010100, 0x0001010001000100
	CONDITIONS	sf_zf, SF|ZF, 0x0001000101000100, 0x0001000101000001
	CONDITIONS	of_zf, OF|ZF, 0x0001000101000001, 0x0001000101000100
	CONDITIONS	arith, ARITH, 0x0001000100010001, 0x0001010000010001

	/* bsf, bsr with a zero source: ZF=1; a 64-bit destination keeps its value */
	BSCAN	bsf, q, zero, 0, RAX_IN, ZF
	BSCAN	bsr, q, zero, 0, RAX_IN, ZF
	movabsq	$0xffffffff00000000, %rbx
	SET_FLAGS 0
	bsfl	%ebx, %eax
	CHECK_FLAGS ZF, ZF, bsfl_zero_zf
	movabsq	$0xffffffffffff0000, %rbx
	SET_FLAGS 0
	bsrw	%bx, %ax
	CHECK_FLAGS ZF, ZF, bsrw_zero_zf

	/* bswap: 32 bits (zeroing 63:32) and 64 bits, and a REX register */
	movabsq	$0x0123456789abcdef, %rax
	bswapl	%eax
	CHECK_EQ %rax, 0x00000000efcdab89, bswapl
	movabsq	$0x0123456789abcdef, %rax
	bswapq	%rax
	CHECK_EQ %rax, 0xefcdab8967452301, bswapq
	movabsq	$0x0011223344556677, %r9
	bswapq	%r9
	CHECK_EQ %r9, 0x7766554433221100, bswapq_r9

	/*
	 * xchg: registers of each size (32 bits zero both upper halves), the high-byte registers, memory
	 * (implicitly locked), and xchg %eax, %eax, which GNU as encodes as 87 c0 rather than the 90
	 * that would be a NOP: it zeroes bits 63:32 of %rax.
	 */
	movabsq	$0x0123456789abcdef, %rax
	movabsq	$0xfedcba9876543210, %rbx
	xchgb	%bl, %al
	CHECK_EQ %rax, 0x0123456789abcd10, xchgb_rax
	CHECK_EQ %rbx, 0xfedcba98765432ef, xchgb_rbx
	movabsq	$0x0123456789abcdef, %rax
	movabsq	$0xfedcba9876543210, %rbx
	xchgw	%bx, %ax
	CHECK_EQ %rax, 0x0123456789ab3210, xchgw_rax
	CHECK_EQ %rbx, 0xfedcba987654cdef, xchgw_rbx
	movabsq	$0x0123456789abcdef, %rax
	movabsq	$0xfedcba9876543210, %rbx
	xchgl	%ebx, %eax
	CHECK_EQ %rax, 0x0000000076543210, xchgl_rax
	CHECK_EQ %rbx, 0x0000000089abcdef, xchgl_rbx
	movabsq	$0x0123456789abcdef, %rax
	movabsq	$0xfedcba9876543210, %rbx
	xchgq	%rbx, %rax
	CHECK_EQ %rax, 0xfedcba9876543210, xchgq_rax
	CHECK_EQ %rbx, 0x0123456789abcdef, xchgq_rbx
	movabsq	$0x0123456789abcdef, %rax
	xchgb	%ah, %al
	CHECK_EQ %rax, 0x0123456789abefcd, xchgb_high
	movabsq	$0x0123456789abcdef, %rax
	xchgl	%eax, %eax
	CHECK_EQ %rax, 0x0000000089abcdef, xchgl_eax_eax
	movabsq	$0x0123456789abcdef, %rax
	movabsq	$0xfedcba9876543210, %rbx
	movq	%rbx, operand(%rip)
	xchgq	%rax, operand(%rip)
	CHECK_EQ %rax, 0xfedcba9876543210, xchgq_memory_rax
	CHECK_EQ operand(%rip), 0x0123456789abcdef, xchgq_memory
	movabsq	$0x0123456789abcdef, %rax
	xchgw	%ax, operand(%rip)
	CHECK_EQ %rax, 0x0123456789abcdef, xchgw_memory_rax
	CHECK_EQ operand(%rip), 0x0123456789abcdef, xchgw_memory

	/*
	 * cmpxchg8b: EDX:EAX against the quad; equal: the quad = ECX:EBX and ZF=1; not equal: EDX:EAX =
	 * the quad (both zero-extended) and ZF=0.
	 */
	movabsq	$0x1111111122222222, %rbx
	movq	%rbx, operand(%rip)
	movabsq	$0xaaaaaaaa11111111, %rdx
	movabsq	$0xbbbbbbbb22222222, %rax
	movabsq	$0xcccccccc33333333, %rcx
	movabsq	$0xdddddddd44444444, %rbx
	SET_FLAGS 0
	lock cmpxchg8b operand(%rip)
	CHECK_FLAGS ZF, ZF, cmpxchg8b_equal_zf
	CHECK_EQ operand(%rip), 0x3333333344444444, cmpxchg8b_equal
	CHECK_EQ %rdx, 0xaaaaaaaa11111111, cmpxchg8b_equal_rdx
	CHECK_EQ %rax, 0xbbbbbbbb22222222, cmpxchg8b_equal_rax
	SET_FLAGS ZF
	cmpxchg8b operand(%rip)
	CHECK_FLAGS ZF, 0, cmpxchg8b_not_equal_zf
	CHECK_EQ operand(%rip), 0x3333333344444444, cmpxchg8b_not_equal
	CHECK_EQ %rdx, 0x0000000033333333, cmpxchg8b_not_equal_rdx
	CHECK_EQ %rax, 0x0000000044444444, cmpxchg8b_not_equal_rax

	/*
	 * cmovcc writes its destination even when the condition is false at 32 bits (bits 63:32 become
	 * zero), and not at 16 bits; a memory source is read either way.
	 */
	movabsq	$0x0123456789abcdef, %rax
	movabsq	$0xfedcba9876543210, %rbx
	SET_FLAGS 0
	cmovzl	%ebx, %eax
	CHECK_EQ %rax, 0x0000000089abcdef, cmovl_false_zero_extends
	movabsq	$0x0123456789abcdef, %rax
	cmovzw	%bx, %ax
	CHECK_EQ %rax, 0x0123456789abcdef, cmovw_false
	cmovnzw	%bx, %ax
	CHECK_EQ %rax, 0x0123456789ab3210, cmovw_true
	movq	%rbx, operand(%rip)
	cmovnzq	operand(%rip), %rax
	CHECK_EQ %rax, 0xfedcba9876543210, cmovq_memory_true
	movabsq	$0x0123456789abcdef, %rax
	cmovzq	operand(%rip), %rax
	CHECK_EQ %rax, 0x0123456789abcdef, cmovq_memory_false

	/* setcc into a register writes that byte only (%ah, and %sil, which needs a REX prefix) */
	movabsq	$0x0123456789abcdef, %rax
	movabsq	$0xfedcba9876543210, %rsi
	SET_FLAGS CF
	setc	%ah
	setnc	%sil
	CHECK_EQ %rax, 0x0123456789ab01ef, setc_ah
	CHECK_EQ %rsi, 0xfedcba9876543200, setnc_sil

	CHECK_END
	.size	main, . - main

/* bitmap_reset: the 48 bytes from bitmap - 16 back to their patterns; no register or flag changes. */
	.type	bitmap_reset, @function
bitmap_reset:
	pushq	%rax
	movabsq	$0x0f1e2d3c4b5a6978, %rax
	movq	%rax, bitmap-16(%rip)
	movabsq	$0x8796a5b4c3d2e1f0, %rax
	movq	%rax, bitmap-8(%rip)
	movabsq	$0x5aa5c33c0ff0e11e, %rax
	movq	%rax, bitmap(%rip)
	movabsq	$0xb44bc33c0ff0e11f, %rax
	movq	%rax, bitmap+8(%rip)
	movabsq	$0x0123456789abcdef, %rax
	movq	%rax, bitmap+16(%rip)
	movabsq	$0xfedcba9876543210, %rax
	movq	%rax, bitmap+24(%rip)
	popq	%rax
	ret
	.size	bitmap_reset, . - bitmap_reset

	.section .data
	.balign	8
operand:
	.quad	0
conditions:
	.skip	16
	.skip	16		/* bitmap - 16 */
bitmap:
	.skip	32

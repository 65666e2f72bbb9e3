/*
 * insn_decode: the length of one 64-bit instruction and where its parts are — what apply_alternatives
 * needs to walk a replacement (relocate its relative operands) and a patched site (find its NOPs).
 * Linux uses its full x86 instruction decoder for this; a patcher only ever sees the instructions
 * that appear in replacements, so this one is a pair of 256-byte tables and a little code.
 *
 * How it decodes. Legacy prefixes (66 67 f0 f2 f3 and the segment prefixes) and REX bytes in any order
 * (a REX counts only right before the opcode); then the opcode: one byte, `0f xx`, `0f 38 xx`
 * (ModRM, no immediate), `0f 3a xx` (ModRM, imm8), or a VEX (c4, c5) or EVEX (62) prefix and its map —
 * map 1 is read from the `0f` table, map 2 has a ModRM, map 3 a ModRM and an imm8, map 7 (the MSR
 * immediate forms `rdmsr $imm, %r64` / `wrmsrns %r64, $imm`, and URDMSR/UWRMSR) a ModRM and an imm32.
 * The table entry says whether a ModRM follows and what immediate: none, imm8, imm16, imm16/32 by
 * operand size (iz), always 32 (rel32: jmp, call, jcc in 64-bit mode), the F6/F7 group (an immediate for
 * /0 and /1 only), mov r64, imm64 (8 bytes with REX.W), enter (3: iw then ib, one field here), and the
 * moffs of mov a0–a3 (8 bytes, 4 with 67), which is reported as the displacement, as iced does.
 * The ModRM brings a SIB and an 8- or 32-bit displacement, or a RIP-relative disp32 (mod 00, rm 101).
 *
 * What it reports (struct insn_info, 12 bytes): length; the offset, map and value of the opcode
 * byte; offset and size of the immediate and the displacement (offset 0: none); flags — INSN_REL for
 * the branches Linux relocates (e8, e9, eb, 70–7f, 0f 80–8f: not loop/jrcxz), INSN_RIPREL, INSN_NOP
 * (Linux's insn_is_nop: `90` whose first legacy prefix is not f3, or `0f 1f`), INSN_VEX, INSN_MODRM;
 * the ModRM, REX and first legacy prefix bytes.
 *
 * What it does not cover, and calls invalid (length 0, so that the patcher stops, as Linux does on a
 * decoding error): opcodes invalid in 64-bit mode (06, 07, 0e, 16, 17, 1e, 1f, 27, 2f, 37, 3f, 60, 61,
 * 82, 9a, c4/c5 after a REX or an 66/f2/f3/f0 prefix, ce, d4–d6, ea), 3DNow! (0f 0e, 0f 0f), XOP (8f is
 * always `pop r/m` here), VEX/EVEX maps other than 1, 2, 3 and 7, and anything longer than 15 bytes or
 * than the bytes given. `mov` to and from control and debug registers (0f 20–23) is taken with its
 * ModRM as written: compilers always write mod 11 there. A 66 prefix on a rel32 branch changes nothing
 * (Intel's behaviour, which iced also decodes by default).
 */
	/* the immediate kinds (table bits 0–3) */
	.equ	I_NONE, 0
	.equ	I_B, 1
	.equ	I_W, 2
	.equ	I_Z, 3
	.equ	I_D, 4
	.equ	I_G3B, 5
	.equ	I_G3Z, 6
	.equ	I_MOV64, 7
	.equ	I_MOFFS, 8
	.equ	I_ENTER, 9
	/* table bits 4–7 */
	.equ	M, 0x10			/* a ModRM follows */
	.equ	R, 0x20			/* a relative branch Linux relocates */
	.equ	P, 0x40			/* a legacy prefix */
	.equ	X, 0x80			/* invalid */
	.equ	B, I_B
	.equ	W, I_W
	.equ	Z, I_Z
	.equ	D, I_D

	/* struct insn_info */
	.equ	INSN_LENGTH, 0
	.equ	INSN_OPCODE_OFF, 1
	.equ	INSN_MAP, 2
	.equ	INSN_OPCODE, 3
	.equ	INSN_IMM_OFF, 4
	.equ	INSN_IMM_SIZE, 5
	.equ	INSN_DISP_OFF, 6
	.equ	INSN_DISP_SIZE, 7
	.equ	INSN_FLAGS, 8
	.equ	INSN_MODRM, 9
	.equ	INSN_REX, 10
	.equ	INSN_PREFIX, 11
	.equ	INSN_REL, 1
	.equ	INSN_RIPREL, 2
	.equ	INSN_NOP, 4
	.equ	INSN_VEX, 8
	.equ	INSN_HAS_MODRM, 16

	/* %r10d while decoding: prefixes seen, and the REX byte in bits 8–15 */
	.equ	S_OPSIZE, 1
	.equ	S_ADDR32, 2
	.equ	S_MANDATORY, 4		/* 66, f2, f3 or f0: not allowed before VEX */
	.equ	S_REX_W, 0x800

	.text
/*
 * unsigned insn_decode(const u8 *p, unsigned max, struct insn_info *out): the length of the instruction
 * at p (at most min(max, 15) bytes), or 0 if it is invalid or longer; *out describes it.
 * %r8d is the position, %r9d the table entry, %r10d the prefix state.
 */
	.globl	insn_decode
	.type	insn_decode, @function
insn_decode:
	cmpl	$15, %esi
	jbe	1f
	movl	$15, %esi
1:	movq	$0, (%rdx)
	movl	$0, 8(%rdx)
	xorl	%r8d, %r8d
	xorl	%r10d, %r10d
.Lprefix:
	cmpl	%esi, %r8d
	jae	.Lfail
	movzbl	(%rdi,%r8), %eax
	leaq	insn_onebyte(%rip), %rcx
	movzbl	(%rcx,%rax), %r9d
	testl	$P, %r9d
	jz	.Lnot_legacy
	cmpb	$0, INSN_PREFIX(%rdx)
	jne	1f
	movb	%al, INSN_PREFIX(%rdx)
1:	andl	$0xff, %r10d		/* a REX before a legacy prefix does not count */
	movb	$0, INSN_REX(%rdx)
	cmpb	$0x66, %al
	jne	2f
	orl	$(S_OPSIZE | S_MANDATORY), %r10d
2:	cmpb	$0x67, %al
	jne	3f
	orl	$S_ADDR32, %r10d
3:	cmpb	$0xf0, %al
	je	4f
	cmpb	$0xf2, %al
	je	4f
	cmpb	$0xf3, %al
	jne	5f
4:	orl	$S_MANDATORY, %r10d
5:	incl	%r8d
	jmp	.Lprefix
.Lnot_legacy:
	movl	%eax, %ecx
	andl	$0xf0, %ecx
	cmpl	$0x40, %ecx
	jne	.Lopcode
	andl	$0xff, %r10d		/* REX */
	movl	%eax, %ecx
	shll	$8, %ecx
	orl	%ecx, %r10d
	movb	%al, INSN_REX(%rdx)
	incl	%r8d
	jmp	.Lprefix

.Lopcode:
	cmpb	$0x0f, %al
	je	.Ltwobyte
	cmpb	$0xc4, %al
	je	.Lvex3
	cmpb	$0xc5, %al
	je	.Lvex2
	cmpb	$0x62, %al
	je	.Levex
	jmp	.Lstore_opcode		/* map 0 */

.Ltwobyte:
	incl	%r8d
	cmpl	%esi, %r8d
	jae	.Lfail
	movzbl	(%rdi,%r8), %eax
	cmpb	$0x38, %al
	je	.L0f38
	cmpb	$0x3a, %al
	je	.L0f3a
	movb	$1, INSN_MAP(%rdx)
	leaq	insn_twobyte(%rip), %rcx
	movzbl	(%rcx,%rax), %r9d
	jmp	.Lstore_opcode
.L0f38:
	movb	$2, INSN_MAP(%rdx)
	movl	$M, %r9d
	jmp	.Lthreebyte
.L0f3a:
	movb	$3, INSN_MAP(%rdx)
	movl	$(M | I_B), %r9d
.Lthreebyte:
	incl	%r8d
	cmpl	%esi, %r8d
	jae	.Lfail
	movzbl	(%rdi,%r8), %eax
	jmp	.Lstore_opcode

/* VEX and EVEX: the prefix bytes, then the opcode in the map they name. */
.Lvex3:
	leal	3(%r8), %ecx		/* c4 RXBmmmmm WvvvvLpp opcode */
	movzbl	1(%rdi,%r8), %eax
	andl	$0x1f, %eax
	jmp	.Lvex_common
.Lvex2:
	leal	2(%r8), %ecx		/* c5 RvvvvLpp opcode */
	movl	$1, %eax
	jmp	.Lvex_common
.Levex:
	leal	4(%r8), %ecx		/* 62 P0 P1 P2 opcode */
	movzbl	1(%rdi,%r8), %eax
	andl	$7, %eax
.Lvex_common:
	cmpl	%esi, %ecx		/* the opcode byte must be there (and so the prefix bytes) */
	jae	.Lfail
	testl	$(S_MANDATORY | 0xff00), %r10d
	jnz	.Lfail
	movl	%ecx, %r8d
	orb	$INSN_VEX, INSN_FLAGS(%rdx)
	movb	%al, INSN_MAP(%rdx)
	movzbl	(%rdi,%r8), %ecx	/* opcode */
	cmpl	$1, %eax
	jne	1f
	leaq	insn_twobyte(%rip), %r9
	movzbl	(%r9,%rcx), %r9d
	andl	$~R, %r9d
	jmp	4f
1:	movl	$M, %r9d
	cmpl	$2, %eax
	je	4f
	movl	$(M | I_B), %r9d
	cmpl	$3, %eax
	je	4f
	movl	$(M | I_D), %r9d
	cmpl	$7, %eax
	jne	.Lfail
4:	movl	%ecx, %eax

/* %eax the opcode byte at %r8d, %r9d its table entry. */
.Lstore_opcode:
	testl	$X, %r9d
	jnz	.Lfail
	movb	%al, INSN_OPCODE(%rdx)
	movb	%r8b, INSN_OPCODE_OFF(%rdx)
	incl	%r8d
	testl	$M, %r9d
	jz	.Limmediate

/* ModRM, SIB, displacement. %ecx the size of the displacement. */
	orb	$INSN_HAS_MODRM, INSN_FLAGS(%rdx)
	cmpl	%esi, %r8d
	jae	.Lfail
	movzbl	(%rdi,%r8), %eax
	movb	%al, INSN_MODRM(%rdx)
	incl	%r8d
	movl	%eax, %r11d
	shrl	$6, %r11d		/* mod */
	cmpl	$3, %r11d
	je	.Limmediate
	xorl	%ecx, %ecx
	andl	$7, %eax		/* rm */
	cmpl	$4, %eax
	jne	2f
	cmpl	%esi, %r8d		/* SIB */
	jae	.Lfail
	movzbl	(%rdi,%r8), %eax
	incl	%r8d
	andl	$7, %eax		/* base 101 with mod 00: disp32, no base */
	cmpl	$5, %eax
	jne	3f
	testl	%r11d, %r11d
	jnz	3f
	movl	$4, %ecx
	jmp	3f
2:	cmpl	$5, %eax		/* mod 00 rm 101: RIP-relative disp32 */
	jne	3f
	testl	%r11d, %r11d
	jnz	3f
	movl	$4, %ecx
	orb	$INSN_RIPREL, INSN_FLAGS(%rdx)
3:	cmpl	$1, %r11d
	jne	4f
	movl	$1, %ecx
4:	cmpl	$2, %r11d
	jne	5f
	movl	$4, %ecx
5:	testl	%ecx, %ecx
	jz	.Limmediate
	movb	%r8b, INSN_DISP_OFF(%rdx)
	movb	%cl, INSN_DISP_SIZE(%rdx)
	addl	%ecx, %r8d

/* The immediate, by kind. %ecx its size. */
.Limmediate:
	movl	%r9d, %eax
	andl	$0xf, %eax
	xorl	%ecx, %ecx
	cmpl	$I_B, %eax
	je	.Limm1
	cmpl	$I_W, %eax
	je	.Limm2
	cmpl	$I_Z, %eax
	je	.Limmz
	cmpl	$I_D, %eax
	je	.Limm4
	cmpl	$I_ENTER, %eax
	je	.Limm3
	cmpl	$I_MOFFS, %eax
	je	.Lmoffs
	cmpl	$I_MOV64, %eax
	je	.Lmov64
	cmpl	$I_G3B, %eax
	jb	.Limm_done		/* I_NONE */
	testb	$0x30, INSN_MODRM(%rdx)	/* F6/F7: /0 and /1 (test) have an immediate */
	jnz	.Limm_done
	cmpl	$I_G3B, %eax
	je	.Limm1
	jmp	.Limmz
.Lmov64:
	testl	$S_REX_W, %r10d
	jz	.Limmz
	movl	$8, %ecx
	jmp	.Limm_set
.Lmoffs:
	movl	$8, %ecx		/* an address: reported as the displacement, as iced does */
	testl	$S_ADDR32, %r10d
	jz	1f
	movl	$4, %ecx
1:	movb	%r8b, INSN_DISP_OFF(%rdx)
	movb	%cl, INSN_DISP_SIZE(%rdx)
	addl	%ecx, %r8d
	jmp	.Limm_done
.Limm4:	movl	$4, %ecx
	jmp	.Limm_set
.Limmz:	testl	$S_REX_W, %r10d
	jnz	.Limm4
	testl	$S_OPSIZE, %r10d
	jz	.Limm4
.Limm2:	movl	$2, %ecx
	jmp	.Limm_set
.Limm3:	movl	$3, %ecx
	jmp	.Limm_set
.Limm1:	movl	$1, %ecx
.Limm_set:
	movb	%r8b, INSN_IMM_OFF(%rdx)
	movb	%cl, INSN_IMM_SIZE(%rdx)
	addl	%ecx, %r8d
.Limm_done:
	cmpl	%esi, %r8d
	ja	.Lfail

/* Flags: relative branch, NOP. */
	testl	$R, %r9d
	jz	1f
	orb	$INSN_REL, INSN_FLAGS(%rdx)
1:	testb	$INSN_VEX, INSN_FLAGS(%rdx)
	jnz	3f
	movzbl	INSN_MAP(%rdx), %eax
	movzbl	INSN_OPCODE(%rdx), %ecx
	cmpl	$1, %eax
	jne	2f
	cmpl	$0x1f, %ecx		/* 0f 1f: NOPL */
	jne	3f
	orb	$INSN_NOP, INSN_FLAGS(%rdx)
	jmp	3f
2:	testl	%eax, %eax
	jnz	3f
	cmpl	$0x90, %ecx		/* 90, but not f3 90 (pause) */
	jne	3f
	cmpb	$0xf3, INSN_PREFIX(%rdx)
	je	3f
	orb	$INSN_NOP, INSN_FLAGS(%rdx)
3:	movb	%r8b, INSN_LENGTH(%rdx)
	movl	%r8d, %eax
	ret
.Lfail:
	movb	$0, INSN_LENGTH(%rdx)
	xorl	%eax, %eax
	ret
	.size	insn_decode, . - insn_decode

	.section .rodata
/* One-byte opcodes (64-bit mode). 0f, c4, c5, 62 and REX are taken apart before the table is read. */
insn_onebyte:
	.byte	M, M, M, M, B, Z, X, X,		M, M, M, M, B, Z, X, 0		/* 00 add, or */
	.byte	M, M, M, M, B, Z, X, X,		M, M, M, M, B, Z, X, X		/* 10 adc, sbb */
	.byte	M, M, M, M, B, Z, P, X,		M, M, M, M, B, Z, P, X		/* 20 and, es:, sub, cs: */
	.byte	M, M, M, M, B, Z, P, X,		M, M, M, M, B, Z, P, X		/* 30 xor, ss:, cmp, ds: */
	.byte	0, 0, 0, 0, 0, 0, 0, 0,		0, 0, 0, 0, 0, 0, 0, 0		/* 40 REX */
	.byte	0, 0, 0, 0, 0, 0, 0, 0,		0, 0, 0, 0, 0, 0, 0, 0		/* 50 push, pop */
	.byte	X, X, 0, M, P, P, P, P,		Z, M|Z, B, M|B, 0, 0, 0, 0	/* 60 movsxd, fs: gs: 66 67, push, imul, ins/outs */
	.byte	R|B, R|B, R|B, R|B, R|B, R|B, R|B, R|B,  R|B, R|B, R|B, R|B, R|B, R|B, R|B, R|B	/* 70 jcc rel8 */
	.byte	M|B, M|Z, X, M|B, M, M, M, M,	M, M, M, M, M, M, M, M		/* 80 group 1, test, xchg, mov, lea, pop */
	.byte	0, 0, 0, 0, 0, 0, 0, 0,		0, 0, X, 0, 0, 0, 0, 0		/* 90 nop/xchg, cbw, cwd, pushf, sahf */
	.byte	I_MOFFS, I_MOFFS, I_MOFFS, I_MOFFS, 0, 0, 0, 0,  B, Z, 0, 0, 0, 0, 0, 0	/* a0 mov moffs, string ops, test */
	.byte	B, B, B, B, B, B, B, B,		I_MOV64, I_MOV64, I_MOV64, I_MOV64, I_MOV64, I_MOV64, I_MOV64, I_MOV64	/* b0 mov imm */
	.byte	M|B, M|B, W, 0, 0, 0, M|B, M|Z,	I_ENTER, 0, W, 0, 0, B, X, 0	/* c0 shifts, ret, mov, enter, leave, int */
	.byte	M, M, M, M, X, X, X, 0,		M, M, M, M, M, M, M, M		/* d0 shifts, xlat, x87 */
	.byte	B, B, B, B, B, B, B, B,		R|D, R|D, X, R|B, 0, 0, 0, 0	/* e0 loop, jrcxz, in/out, call, jmp */
	.byte	P, 0, P, P, 0, 0, M|I_G3B, M|I_G3Z,  0, 0, 0, 0, 0, 0, M, M	/* f0 lock, int1, rep, hlt, cmc, group 3, flags, group 4/5 */

/* Two-byte opcodes 0f xx (also VEX/EVEX map 1). 0f 38 and 0f 3a are taken apart before. */
insn_twobyte:
	.byte	M, M, M, M, X, 0, 0, 0,		0, 0, X, 0, X, M, X, X		/* 00 group 6/7, lar, lsl, syscall, clts, sysret, invd, wbinvd, ud2, prefetch */
	.byte	M, M, M, M, M, M, M, M,		M, M, M, M, M, M, M, M		/* 10 SSE moves, hint NOPs, endbr */
	.byte	M, M, M, M, X, X, X, X,		M, M, M, M, M, M, M, M		/* 20 mov cr/dr, SSE */
	.byte	0, 0, 0, 0, 0, 0, X, 0,		0, X, 0, X, X, X, X, X		/* 30 wrmsr, rdtsc, rdmsr, rdpmc, sysenter, sysexit, getsec */
	.byte	M, M, M, M, M, M, M, M,		M, M, M, M, M, M, M, M		/* 40 cmovcc */
	.byte	M, M, M, M, M, M, M, M,		M, M, M, M, M, M, M, M		/* 50 SSE */
	.byte	M, M, M, M, M, M, M, M,		M, M, M, M, M, M, M, M		/* 60 SSE */
	.byte	M|B, M|B, M|B, M|B, M, M, M, 0,	M, M, X, X, M, M, M, M		/* 70 pshuf, shifts, emms, vmread/vmwrite */
	.byte	R|D, R|D, R|D, R|D, R|D, R|D, R|D, R|D,  R|D, R|D, R|D, R|D, R|D, R|D, R|D, R|D	/* 80 jcc rel32 */
	.byte	M, M, M, M, M, M, M, M,		M, M, M, M, M, M, M, M		/* 90 setcc */
	.byte	0, 0, 0, M, M|B, M, X, X,	0, 0, 0, M, M|B, M, M, M	/* a0 push/pop fs, cpuid, bt, shld, gs, rsm, bts, shrd, group 15, imul */
	.byte	M, M, M, M, M, M, M, M,		M, M, M|B, M, M, M, M, M	/* b0 cmpxchg, lss, btr, movzx, popcnt, ud1, group 8, bsf, movsx */
	.byte	M, M, M|B, M, M|B, M|B, M|B, M,	0, 0, 0, 0, 0, 0, 0, 0		/* c0 xadd, cmpps, movnti, pinsrw, group 9, bswap */
	.byte	M, M, M, M, M, M, M, M,		M, M, M, M, M, M, M, M		/* d0 SSE */
	.byte	M, M, M, M, M, M, M, M,		M, M, M, M, M, M, M, M		/* e0 SSE */
	.byte	M, M, M, M, M, M, M, M,		M, M, M, M, M, M, M, M		/* f0 SSE, ud0 */

/*
 * string.S: MOVS, STOS, LODS, CMPS and SCAS at each element size, alone and with REP / REPE / REPNE,
 * with DF=0 (pointers go up) and DF=1 (down), for counts 0, 1 and more.
 *
 * Every case starts from the same memory: `src` holds the bytes 0x10, 0x11, … 0x4f and `dst` either
 * 0xee everywhere (`fill`) or a copy of `src` (`copy`), set up by plain moves so that no string
 * instruction prepares another's test. The case then checks %rsi, %rdi, %rcx and %rax, the quads of
 * `dst` around every byte written (so a write past the end shows), and RFLAGS:
 *
 *	MOVS STOS LODS	change no flag; the cases set flags going in to show that
 *	CMPS SCAS	the six flags of CMP: (%rsi) - (%rdi) for CMPS, AL/AX/EAX/RAX - (%rdi) for SCAS
 *	REP count 0	no iteration at all: no memory access, pointers unchanged, flags unchanged
 *	REPE / REPNE	stop after the compare that fails the condition: %rcx and the pointers count
 *			that compare, and the flags are its flags
 *
 * A REP MOVSB onto itself one byte up copies element by element, so the first byte runs through the
 * whole destination: an implementation that uses memmove gets this wrong.
 */
	.include "check.inc"
	CHECK_PROGRAM string

	.equ	BUFFER_SIZE, 64		/* bytes in src and in dst */

/* STRING_SETUP dst, rsi, rdi, rcx, rax, flags: `dst` (fill or copy) and the registers for one case. */
.macro STRING_SETUP dst:req, rsi:req, rdi:req, rcx:req, rax:req, flags:req
	.ifc	\dst, fill
	call	dst_fill
	.else
	call	dst_copy
	.endif
	leaq	\rsi(%rip), %rsi
	leaq	\rdi(%rip), %rdi
	movabsq	$\rcx, %rcx
	movabsq	$\rax, %rax
	SET_FLAGS \flags
.endm

	.text
	.globl	main
	.type	main, @function
main:
	CHECK_BEGIN

	/* movsb: one byte, both pointers up by 1 */
	STRING_SETUP fill, src, dst, 0x5a5a5a5a5a5a5a5a, 0x0123456789abcdef, ARITH
	movsb
	CHECK_EQ %rsi, src+1, movsb_rsi
	CHECK_EQ %rdi, dst+1, movsb_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, movsb_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, movsb_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeee10, movsb_dst0
	CHECK_EQ dst+8(%rip), 0xeeeeeeeeeeeeeeee, movsb_dst8
	CHECK_FLAGS ARITH|DF, ARITH, movsb_flags

	/* movsq with DF=1: one quad, both pointers down by 8 */
	STRING_SETUP fill, src+8, dst+8, 0x5a5a5a5a5a5a5a5a, 0x0123456789abcdef, DF
	movsq
	CHECK_EQ %rsi, src, movsq_down_rsi
	CHECK_EQ %rdi, dst, movsq_down_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, movsq_down_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, movsq_down_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, movsq_down_dst0
	CHECK_EQ dst+8(%rip), 0x1f1e1d1c1b1a1918, movsq_down_dst8
	CHECK_EQ dst+16(%rip), 0xeeeeeeeeeeeeeeee, movsq_down_dst16
	CHECK_FLAGS ARITH|DF, DF, movsq_down_flags

	/* rep movsb, count 0: nothing moves, nothing is written */
	STRING_SETUP fill, src, dst, 0x0000000000000000, 0x0123456789abcdef, ZF|CF
	rep movsb
	CHECK_EQ %rsi, src, rep_movsb_0_rsi
	CHECK_EQ %rdi, dst, rep_movsb_0_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_movsb_0_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_movsb_0_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, rep_movsb_0_dst0
	CHECK_FLAGS ARITH|DF, ZF|CF, rep_movsb_0_flags

	/* rep movsb, count 1 */
	STRING_SETUP fill, src, dst, 0x0000000000000001, 0x0123456789abcdef, 0
	rep movsb
	CHECK_EQ %rsi, src+1, rep_movsb_1_rsi
	CHECK_EQ %rdi, dst+1, rep_movsb_1_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_movsb_1_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_movsb_1_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeee10, rep_movsb_1_dst0
	CHECK_EQ dst+8(%rip), 0xeeeeeeeeeeeeeeee, rep_movsb_1_dst8
	CHECK_FLAGS ARITH|DF, 0, rep_movsb_1_flags

	/* rep movsb, 13 bytes: the 14th is untouched */
	STRING_SETUP fill, src, dst, 0x000000000000000d, 0x0123456789abcdef, ARITH
	rep movsb
	CHECK_EQ %rsi, src+13, rep_movsb_13_rsi
	CHECK_EQ %rdi, dst+13, rep_movsb_13_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_movsb_13_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_movsb_13_rax
	CHECK_EQ dst+0(%rip), 0x1716151413121110, rep_movsb_13_dst0
	CHECK_EQ dst+8(%rip), 0xeeeeee1c1b1a1918, rep_movsb_13_dst8
	CHECK_EQ dst+16(%rip), 0xeeeeeeeeeeeeeeee, rep_movsb_13_dst16
	CHECK_FLAGS ARITH|DF, ARITH, rep_movsb_13_flags

	/* rep movsw with DF=1, 5 words from the top down */
	STRING_SETUP fill, src+30, dst+20, 0x0000000000000005, 0x0123456789abcdef, DF
	rep movsw
	CHECK_EQ %rsi, src+20, rep_movsw_down_rsi
	CHECK_EQ %rdi, dst+10, rep_movsw_down_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_movsw_down_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_movsw_down_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, rep_movsw_down_dst0
	CHECK_EQ dst+8(%rip), 0x29282726eeeeeeee, rep_movsw_down_dst8
	CHECK_EQ dst+16(%rip), 0xeeee2f2e2d2c2b2a, rep_movsw_down_dst16
	CHECK_EQ dst+24(%rip), 0xeeeeeeeeeeeeeeee, rep_movsw_down_dst24
	CHECK_FLAGS ARITH|DF, DF, rep_movsw_down_flags

	/* rep movsl, 3 dwords */
	STRING_SETUP fill, src+4, dst+8, 0x0000000000000003, 0x0123456789abcdef, 0
	rep movsl
	CHECK_EQ %rsi, src+16, rep_movsl_rsi
	CHECK_EQ %rdi, dst+20, rep_movsl_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_movsl_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_movsl_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, rep_movsl_dst0
	CHECK_EQ dst+8(%rip), 0x1b1a191817161514, rep_movsl_dst8
	CHECK_EQ dst+16(%rip), 0xeeeeeeee1f1e1d1c, rep_movsl_dst16
	CHECK_EQ dst+24(%rip), 0xeeeeeeeeeeeeeeee, rep_movsl_dst24
	CHECK_FLAGS ARITH|DF, 0, rep_movsl_flags

	/* rep movsq, 4 quads */
	STRING_SETUP fill, src, dst, 0x0000000000000004, 0x0123456789abcdef, OF|SF
	rep movsq
	CHECK_EQ %rsi, src+32, rep_movsq_rsi
	CHECK_EQ %rdi, dst+32, rep_movsq_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_movsq_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_movsq_rax
	CHECK_EQ dst+0(%rip), 0x1716151413121110, rep_movsq_dst0
	CHECK_EQ dst+8(%rip), 0x1f1e1d1c1b1a1918, rep_movsq_dst8
	CHECK_EQ dst+16(%rip), 0x2726252423222120, rep_movsq_dst16
	CHECK_EQ dst+24(%rip), 0x2f2e2d2c2b2a2928, rep_movsq_dst24
	CHECK_EQ dst+32(%rip), 0xeeeeeeeeeeeeeeee, rep_movsq_dst32
	CHECK_FLAGS ARITH|DF, OF|SF, rep_movsq_flags

	/* rep movsb onto itself one byte up: element by element, so the first byte repeats (not memmove) */
	STRING_SETUP copy, dst, dst+1, 0x0000000000000009, 0x0123456789abcdef, 0
	rep movsb
	CHECK_EQ %rsi, dst+9, rep_movsb_overlap_rsi
	CHECK_EQ %rdi, dst+10, rep_movsb_overlap_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_movsb_overlap_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_movsb_overlap_rax
	CHECK_EQ dst+0(%rip), 0x1010101010101010, rep_movsb_overlap_dst0
	CHECK_EQ dst+8(%rip), 0x1f1e1d1c1b1a1010, rep_movsb_overlap_dst8
	CHECK_EQ dst+16(%rip), 0x2726252423222120, rep_movsb_overlap_dst16
	CHECK_FLAGS ARITH|DF, 0, rep_movsb_overlap_flags

	/* rep movsb with DF=1 onto itself one byte down: the last byte repeats */
	STRING_SETUP copy, dst+16, dst+15, 0x0000000000000009, 0x0123456789abcdef, DF
	rep movsb
	CHECK_EQ %rsi, dst+7, rep_movsb_overlap_down_rsi
	CHECK_EQ %rdi, dst+6, rep_movsb_overlap_down_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_movsb_overlap_down_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_movsb_overlap_down_rax
	CHECK_EQ dst+0(%rip), 0x2016151413121110, rep_movsb_overlap_down_dst0
	CHECK_EQ dst+8(%rip), 0x2020202020202020, rep_movsb_overlap_down_dst8
	CHECK_EQ dst+16(%rip), 0x2726252423222120, rep_movsb_overlap_down_dst16
	CHECK_FLAGS ARITH|DF, DF, rep_movsb_overlap_down_flags

	/* stosb: AL to (%rdi) */
	STRING_SETUP fill, src, dst, 0x5a5a5a5a5a5a5a5a, 0x0123456789abcd5a, 0
	stosb
	CHECK_EQ %rsi, src, stosb_rsi
	CHECK_EQ %rdi, dst+1, stosb_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, stosb_rcx
	CHECK_EQ %rax, 0x0123456789abcd5a, stosb_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeee5a, stosb_dst0
	CHECK_EQ dst+8(%rip), 0xeeeeeeeeeeeeeeee, stosb_dst8
	CHECK_FLAGS ARITH|DF, 0, stosb_flags

	/* rep stosl, 3 dwords of EAX */
	STRING_SETUP fill, src, dst+4, 0x0000000000000003, 0x0123456789abcdef, ARITH
	rep stosl
	CHECK_EQ %rsi, src, rep_stosl_rsi
	CHECK_EQ %rdi, dst+16, rep_stosl_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_stosl_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_stosl_rax
	CHECK_EQ dst+0(%rip), 0x89abcdefeeeeeeee, rep_stosl_dst0
	CHECK_EQ dst+8(%rip), 0x89abcdef89abcdef, rep_stosl_dst8
	CHECK_EQ dst+16(%rip), 0xeeeeeeeeeeeeeeee, rep_stosl_dst16
	CHECK_FLAGS ARITH|DF, ARITH, rep_stosl_flags

	/* rep stosq with DF=1, 2 quads */
	STRING_SETUP fill, src, dst+24, 0x0000000000000002, 0x0123456789abcdef, DF
	rep stosq
	CHECK_EQ %rsi, src, rep_stosq_down_rsi
	CHECK_EQ %rdi, dst+8, rep_stosq_down_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_stosq_down_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_stosq_down_rax
	CHECK_EQ dst+8(%rip), 0xeeeeeeeeeeeeeeee, rep_stosq_down_dst8
	CHECK_EQ dst+16(%rip), 0x0123456789abcdef, rep_stosq_down_dst16
	CHECK_EQ dst+24(%rip), 0x0123456789abcdef, rep_stosq_down_dst24
	CHECK_EQ dst+32(%rip), 0xeeeeeeeeeeeeeeee, rep_stosq_down_dst32
	CHECK_FLAGS ARITH|DF, DF, rep_stosq_down_flags

	/* rep stosw, count 0 */
	STRING_SETUP fill, src, dst, 0x0000000000000000, 0x0123456789abcdef, 0
	rep stosw
	CHECK_EQ %rsi, src, rep_stosw_0_rsi
	CHECK_EQ %rdi, dst, rep_stosw_0_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_stosw_0_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_stosw_0_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, rep_stosw_0_dst0
	CHECK_FLAGS ARITH|DF, 0, rep_stosw_0_flags

	/* rep stosb, count 1 */
	STRING_SETUP fill, src, dst+63, 0x0000000000000001, 0x0123456789abcdef, 0
	rep stosb
	CHECK_EQ %rsi, src, rep_stosb_1_rsi
	CHECK_EQ %rdi, dst+64, rep_stosb_1_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_stosb_1_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, rep_stosb_1_rax
	CHECK_EQ dst+48(%rip), 0xeeeeeeeeeeeeeeee, rep_stosb_1_dst48
	CHECK_EQ dst+56(%rip), 0xefeeeeeeeeeeeeee, rep_stosb_1_dst56
	CHECK_FLAGS ARITH|DF, 0, rep_stosb_1_flags

	/* lodsb: AL only, the rest of RAX stays */
	STRING_SETUP fill, src+5, dst, 0x5a5a5a5a5a5a5a5a, 0x0123456789abcdef, 0
	lodsb
	CHECK_EQ %rsi, src+6, lodsb_rsi
	CHECK_EQ %rdi, dst, lodsb_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, lodsb_rcx
	CHECK_EQ %rax, 0x0123456789abcd15, lodsb_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, lodsb_dst0
	CHECK_FLAGS ARITH|DF, 0, lodsb_flags

	/* lodsw with DF=1 */
	STRING_SETUP fill, src+6, dst, 0x5a5a5a5a5a5a5a5a, 0x0123456789abcdef, DF
	lodsw
	CHECK_EQ %rsi, src+4, lodsw_down_rsi
	CHECK_EQ %rdi, dst, lodsw_down_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, lodsw_down_rcx
	CHECK_EQ %rax, 0x0123456789ab1716, lodsw_down_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, lodsw_down_dst0
	CHECK_FLAGS ARITH|DF, DF, lodsw_down_flags

	/* lodsl: EAX, so bits 63:32 are zeroed */
	STRING_SETUP fill, src+1, dst, 0x5a5a5a5a5a5a5a5a, 0x0123456789abcdef, ARITH
	lodsl
	CHECK_EQ %rsi, src+5, lodsl_rsi
	CHECK_EQ %rdi, dst, lodsl_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, lodsl_rcx
	CHECK_EQ %rax, 0x0000000014131211, lodsl_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, lodsl_dst0
	CHECK_FLAGS ARITH|DF, ARITH, lodsl_flags

	/* lodsq */
	STRING_SETUP fill, src+8, dst, 0x5a5a5a5a5a5a5a5a, 0x0123456789abcdef, 0
	lodsq
	CHECK_EQ %rsi, src+16, lodsq_rsi
	CHECK_EQ %rdi, dst, lodsq_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, lodsq_rcx
	CHECK_EQ %rax, 0x1f1e1d1c1b1a1918, lodsq_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, lodsq_dst0
	CHECK_FLAGS ARITH|DF, 0, lodsq_flags

	/* rep lodsb, 4 bytes: AL is the last one */
	STRING_SETUP fill, src, dst, 0x0000000000000004, 0x0123456789abcdef, 0
	rep lodsb
	CHECK_EQ %rsi, src+4, rep_lodsb_rsi
	CHECK_EQ %rdi, dst, rep_lodsb_rdi
	CHECK_EQ %rcx, 0x0000000000000000, rep_lodsb_rcx
	CHECK_EQ %rax, 0x0123456789abcd13, rep_lodsb_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, rep_lodsb_dst0
	CHECK_FLAGS ARITH|DF, 0, rep_lodsb_flags

	/* cmpsb, equal bytes: the flags of (%rsi) - (%rdi) */
	STRING_SETUP copy, src, dst, 0x5a5a5a5a5a5a5a5a, 0x0123456789abcdef, SF|CF
	cmpsb
	CHECK_EQ %rsi, src+1, cmpsb_equal_rsi
	CHECK_EQ %rdi, dst+1, cmpsb_equal_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, cmpsb_equal_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, cmpsb_equal_rax
	CHECK_EQ dst+0(%rip), 0x1716151413121110, cmpsb_equal_dst0
	CHECK_FLAGS ARITH|DF, ZF|PF, cmpsb_equal_flags

	/* cmpsb, (%rsi) below (%rdi) */
	STRING_SETUP copy, src, dst, 0x5a5a5a5a5a5a5a5a, 0x0123456789abcdef, 0
	movb	$0x90, dst+0(%rip)
	cmpsb
	CHECK_EQ %rsi, src+1, cmpsb_below_rsi
	CHECK_EQ %rdi, dst+1, cmpsb_below_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, cmpsb_below_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, cmpsb_below_rax
	CHECK_EQ dst+0(%rip), 0x1716151413121190, cmpsb_below_dst0
	CHECK_FLAGS ARITH|DF, OF|SF|CF, cmpsb_below_flags

	/* cmpsl, (%rsi) above (%rdi) */
	STRING_SETUP copy, src, dst, 0x5a5a5a5a5a5a5a5a, 0x0123456789abcdef, 0
	movb	$0x00, dst+3(%rip)
	cmpsl
	CHECK_EQ %rsi, src+4, cmpsl_above_rsi
	CHECK_EQ %rdi, dst+4, cmpsl_above_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, cmpsl_above_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, cmpsl_above_rax
	CHECK_EQ dst+0(%rip), 0x1716151400121110, cmpsl_above_dst0
	CHECK_FLAGS ARITH|DF, PF, cmpsl_above_flags

	/* repe cmpsb over 8 equal bytes: runs out with ZF=1 */
	STRING_SETUP copy, src, dst, 0x0000000000000008, 0x0123456789abcdef, 0
	repe cmpsb
	CHECK_EQ %rsi, src+8, repe_cmpsb_all_rsi
	CHECK_EQ %rdi, dst+8, repe_cmpsb_all_rdi
	CHECK_EQ %rcx, 0x0000000000000000, repe_cmpsb_all_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, repe_cmpsb_all_rax
	CHECK_EQ dst+0(%rip), 0x1716151413121110, repe_cmpsb_all_dst0
	CHECK_FLAGS ARITH|DF, ZF|PF, repe_cmpsb_all_flags

	/* repe cmpsb, mismatch at index 3: stops after it, count and pointers past it */
	STRING_SETUP copy, src, dst, 0x0000000000000008, 0x0123456789abcdef, 0
	movb	$0x01, dst+3(%rip)
	repe cmpsb
	CHECK_EQ %rsi, src+4, repe_cmpsb_mismatch_rsi
	CHECK_EQ %rdi, dst+4, repe_cmpsb_mismatch_rdi
	CHECK_EQ %rcx, 0x0000000000000004, repe_cmpsb_mismatch_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, repe_cmpsb_mismatch_rax
	CHECK_EQ dst+0(%rip), 0x1716151401121110, repe_cmpsb_mismatch_dst0
	CHECK_FLAGS ARITH|DF, PF, repe_cmpsb_mismatch_flags

	/* repne cmpsb, the first equal pair at index 5 */
	STRING_SETUP fill, src, dst, 0x0000000000000008, 0x0123456789abcdef, 0
	movb	$0x15, dst+5(%rip)
	repne cmpsb
	CHECK_EQ %rsi, src+6, repne_cmpsb_match_rsi
	CHECK_EQ %rdi, dst+6, repne_cmpsb_match_rdi
	CHECK_EQ %rcx, 0x0000000000000002, repne_cmpsb_match_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, repne_cmpsb_match_rax
	CHECK_EQ dst+0(%rip), 0xeeee15eeeeeeeeee, repne_cmpsb_match_dst0
	CHECK_FLAGS ARITH|DF, ZF|PF, repne_cmpsb_match_flags

	/* repe cmpsq with DF=1, mismatch in the second quad from the top */
	STRING_SETUP copy, src+24, dst+24, 0x0000000000000004, 0x0123456789abcdef, DF
	movb	$0x00, dst+17(%rip)
	repe cmpsq
	CHECK_EQ %rsi, src+8, repe_cmpsq_down_rsi
	CHECK_EQ %rdi, dst+8, repe_cmpsq_down_rdi
	CHECK_EQ %rcx, 0x0000000000000002, repe_cmpsq_down_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, repe_cmpsq_down_rax
	CHECK_EQ dst+0(%rip), 0x1716151413121110, repe_cmpsq_down_dst0
	CHECK_FLAGS ARITH|DF, PF|DF, repe_cmpsq_down_flags

	/* repe cmpsb, count 0: no compare, so the flags stay */
	STRING_SETUP fill, src, dst, 0x0000000000000000, 0x0123456789abcdef, ARITH
	repe cmpsb
	CHECK_EQ %rsi, src, repe_cmpsb_0_rsi
	CHECK_EQ %rdi, dst, repe_cmpsb_0_rdi
	CHECK_EQ %rcx, 0x0000000000000000, repe_cmpsb_0_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, repe_cmpsb_0_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, repe_cmpsb_0_dst0
	CHECK_FLAGS ARITH|DF, ARITH, repe_cmpsb_0_flags

	/* repe cmpsw, count 1, a mismatch */
	STRING_SETUP copy, src, dst, 0x0000000000000001, 0x0123456789abcdef, 0
	movb	$0xff, dst+1(%rip)
	repe cmpsw
	CHECK_EQ %rsi, src+2, repe_cmpsw_1_rsi
	CHECK_EQ %rdi, dst+2, repe_cmpsw_1_rdi
	CHECK_EQ %rcx, 0x0000000000000000, repe_cmpsw_1_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, repe_cmpsw_1_rax
	CHECK_EQ dst+0(%rip), 0x171615141312ff10, repe_cmpsw_1_dst0
	CHECK_FLAGS ARITH|DF, PF|CF, repe_cmpsw_1_flags

	/* repne scasb for the NUL with RCX = -1: the strlen idiom (length = ~RCX - 1) */
	STRING_SETUP fill, src, text, 0xffffffffffffffff, 0x0123456789abcd00, 0
	repne scasb
	CHECK_EQ %rsi, src, repne_scasb_strlen_rsi
	CHECK_EQ %rdi, text+6, repne_scasb_strlen_rdi
	CHECK_EQ %rcx, 0xfffffffffffffff9, repne_scasb_strlen_rcx
	CHECK_EQ %rax, 0x0123456789abcd00, repne_scasb_strlen_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, repne_scasb_strlen_dst0
	CHECK_FLAGS ARITH|DF, ZF|PF, repne_scasb_strlen_flags

	/* repe scasb over bytes equal to AL */
	STRING_SETUP fill, src, dst, 0x0000000000000006, 0x00000000000000ee, 0
	movb	$0x00, dst+6(%rip)
	repe scasb
	CHECK_EQ %rsi, src, repe_scasb_rsi
	CHECK_EQ %rdi, dst+6, repe_scasb_rdi
	CHECK_EQ %rcx, 0x0000000000000000, repe_scasb_rcx
	CHECK_EQ %rax, 0x00000000000000ee, repe_scasb_rax
	CHECK_EQ dst+0(%rip), 0xee00eeeeeeeeeeee, repe_scasb_dst0
	CHECK_FLAGS ARITH|DF, ZF|PF, repe_scasb_flags

	/* scasl with DF=1, EAX below the dword */
	STRING_SETUP fill, src, src+4, 0x5a5a5a5a5a5a5a5a, 0xffffffff00000000, DF
	scasl
	CHECK_EQ %rsi, src, scasl_down_rsi
	CHECK_EQ %rdi, src, scasl_down_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, scasl_down_rcx
	CHECK_EQ %rax, 0xffffffff00000000, scasl_down_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, scasl_down_dst0
	CHECK_FLAGS ARITH|DF, SF|AF|CF|DF, scasl_down_flags

	/* repne scasq for a quad that is not there: runs out with ZF=0 */
	STRING_SETUP fill, src, src, 0x0000000000000003, 0x0000000000001234, 0
	repne scasq
	CHECK_EQ %rsi, src, repne_scasq_absent_rsi
	CHECK_EQ %rdi, src+24, repne_scasq_absent_rdi
	CHECK_EQ %rcx, 0x0000000000000000, repne_scasq_absent_rcx
	CHECK_EQ %rax, 0x0000000000001234, repne_scasq_absent_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, repne_scasq_absent_dst0
	CHECK_FLAGS ARITH|DF, SF|PF|CF, repne_scasq_absent_flags

	/* repne scasw, count 0: the flags stay */
	STRING_SETUP fill, src, src, 0x0000000000000000, 0x0123456789abcdef, ZF|PF
	repne scasw
	CHECK_EQ %rsi, src, repne_scasw_0_rsi
	CHECK_EQ %rdi, src, repne_scasw_0_rdi
	CHECK_EQ %rcx, 0x0000000000000000, repne_scasw_0_rcx
	CHECK_EQ %rax, 0x0123456789abcdef, repne_scasw_0_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, repne_scasw_0_dst0
	CHECK_FLAGS ARITH|DF, ZF|PF, repne_scasw_0_flags

	/* scasb: AL - (%rdi) overflows */
	STRING_SETUP fill, src, src+48, 0x5a5a5a5a5a5a5a5a, 0x0000000000000080, 0
	scasb
	CHECK_EQ %rsi, src, scasb_sign_rsi
	CHECK_EQ %rdi, src+49, scasb_sign_rdi
	CHECK_EQ %rcx, 0x5a5a5a5a5a5a5a5a, scasb_sign_rcx
	CHECK_EQ %rax, 0x0000000000000080, scasb_sign_rax
	CHECK_EQ dst+0(%rip), 0xeeeeeeeeeeeeeeee, scasb_sign_dst0
	CHECK_FLAGS ARITH|DF, OF, scasb_sign_flags

	/*
	 * addr32 rep movsb: with a 32-bit address size the count is ECX and the pointers are ESI and EDI,
	 * so the upper halves of RCX, RSI and RDI are ignored, and writing the three registers as 32-bit
	 * values zeroes those halves.
	 */
	call	dst_fill
	leaq	src(%rip), %rsi
	leaq	dst(%rip), %rdi
	movabsq	$0xdead000000000000, %rax
	orq	%rax, %rsi
	orq	%rax, %rdi
	movabsq	$0xffffffff00000003, %rcx
	SET_FLAGS ARITH
	addr32 rep movsb
	CHECK_EQ %rsi, src+3, addr32_rep_movsb_rsi
	CHECK_EQ %rdi, dst+3, addr32_rep_movsb_rdi
	CHECK_EQ %rcx, 0, addr32_rep_movsb_rcx
	CHECK_EQ dst(%rip), 0xeeeeeeeeee121110, addr32_rep_movsb_dst0
	CHECK_FLAGS ARITH|DF, ARITH, addr32_rep_movsb_flags

	SET_FLAGS 0			/* DF clear again for the caller */
	CHECK_END
	.size	main, . - main

/* dst_fill: 0xee in all of `dst`. dst_copy: `dst` = `src`. Byte moves only; no register changes. */
	.type	dst_fill, @function
dst_fill:
	pushq	%rax
	xorl	%eax, %eax
1:	movb	$0xee, dst(%rax)
	incl	%eax
	cmpl	$BUFFER_SIZE, %eax
	jb	1b
	popq	%rax
	ret
	.size	dst_fill, . - dst_fill

	.type	dst_copy, @function
dst_copy:
	pushq	%rax
	pushq	%rbx
	xorl	%eax, %eax
1:	movb	src(%rax), %bl
	movb	%bl, dst(%rax)
	incl	%eax
	cmpl	$BUFFER_SIZE, %eax
	jb	1b
	popq	%rbx
	popq	%rax
	ret
	.size	dst_copy, . - dst_copy

	.section .data
	.balign	64
src:
	.set	.Lbyte, 0x10
	.rept	BUFFER_SIZE
	.byte	.Lbyte
	.set	.Lbyte, .Lbyte + 1
	.endr
	.balign	64
dst:
	.skip	BUFFER_SIZE
text:
	.asciz	"hello"

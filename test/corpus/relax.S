/* Branch relaxation: short jumps that stay short, jumps pushed past 127 bytes by .skip or long
 * bodies, Jcc chains whose growth cascades, backward and forward, and branches to other sections,
 * globals and undefined symbols (which always get 32-bit displacements and relocations). */
	.text
	.globl relax_demo
	.type relax_demo, @function
relax_demo:
	testl	%edi, %edi
	jz	.Lnear
	jnz	.Lfar
	jmp	.Lnear
.Lnear:
	jmp	.Lfar
	.skip 100, 0x90
	je	.Lnear
	jne	.Lback_far
	.skip 30, 0x90
.Lfar:
	jmp	.Lnear
	ja	.Ljust_fits
	.skip 125, 0x90
.Ljust_fits:
	jb	.Ljust_misses
	.skip 126, 0x90
.Ljust_misses:
	ret

	.rept 20
	jmp	.Lchain_end
	.endr
	.skip 40, 0xcc
.Lchain_end:
	.rept 10
	jle	.Lchain_end
	.endr

	.irp cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
	j\cc	.Lcc_far_\cc
	.skip 128, 0x90
.Lcc_far_\cc:
	j\cc	.Lcc_near_\cc
	nop
.Lcc_near_\cc:
	.endr

.Lback_far:
	.rept 64
	addq	$1, %rax
	.endr
	jmp	.Lback_far
	jmp	relax_demo
	call	relax_demo
	jmp	other_section_fn
	call	undefined_fn
	jmp	undefined_fn
	jz	undefined_fn
	jz	other_section_fn
	jrcxz	1f
	loop	1f
	loopz	1f
	loopnz	1f
	jecxz	1f
1:	xbegin	2f
	xend
2:	ret

	/* A jump over an .org or .align region whose size depends on the jump's own size. */
	jmp	3f
	.p2align 7, 0x90
3:	jmp	4f
	.balign 64
	.fill 60, 1, 0x90
4:	ret

	.section .text.cold, "ax"
	.globl other_section_fn
other_section_fn:
	jmp	relax_demo
	jmp	.Lnear
	ret

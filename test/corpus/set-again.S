/*
 * A symbol set again: what referred to it before (a forward reference, a label difference not yet
 * known) keeps the value it had then, as GNU as clones the symbol on reassignment. The symbol table
 * has the name once, with its last value.
 */
	.text
	.long	x
	x = 1
	.long	x
	x = 2
	.long	x
	.long	y - .
	y = 1f
	.long	y - .
	addl	$x, %eax
	y = 2f
	.long	y - .
	movl	$z, %ecx
	movl	$z, %ecx
	.set	z, 7
	movl	$z, %ecx
	.set	z, z + 1
	movl	$z, %ecx
	.macro	USE
	.long	cnt
	cnt = cnt + 1
	.endm
	cnt = 10
	USE
	USE
	USE
1:	nop
2:	ret
	.set	z, 0x12345
	.globl	g
	g = 5
	.long	g
	g = 6
	.long	g

	.data
	/* After the last assignment: the last values. */
	.quad	x, z, cnt

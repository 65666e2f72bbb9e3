/*
 * Immediates in 32-bit code (the boot stub's mode), where GNU as keeps only the low 32 bits of a
 * value: far pointers, port numbers, return counts, shift counts and interrupt vectors at the edges
 * of their fields, next to ordinary 32-bit code.
 */
	.code32
	.text
	.globl	boot32
boot32:
	cli
	movl	$0x100000, %esp
	movl	%cr0, %eax
	orl	$1, %eax
	movl	%eax, %cr0
	ljmp	$0x10, $1f
	ljmpl	$8, $0xffffffff
	ljmpw	$8, $0xffff
	lcallw	$8, $0x10
	ljmp	$0xffff, $0x1000
	jmp	$0x100000000, $3
1:	movw	$0x18, %ax
	movw	%ax, %ds
	inb	$0x60, %al
	inl	$0xffffffff, %eax
	inl	$0x100000000, %eax
	outb	%al, $0x80
	outw	$0xffff
	int	$0xffffffff
	int	$0x100000003
	shll	$0x100000000, %eax
	shll	$0xffffffff, %ecx
	shlw	$0xffffff80, %dx
	rcrw	$0xffff, %si
	btl	$0xffffffff, %ebx
	enter	$0x100000000, $0
	lretl	$0x100000000
	lret	$0xffff
	retl	$8
	pushl	$0xffffffff
	pushl	$0x100000001
	imull	$0x100000000, %eax, %eax
	andl	$0xffffff00, %eax
	movl	$0x123456789, %edx
	call	0x100000
	jmp	0x200000
	jne	0x300000
	hlt

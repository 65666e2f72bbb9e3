/*
 * printk: formatted console output, so that the runtime's messages are written with Linux's own
 * format strings ("unchecked MSR access error: WRMSR to 0x%x (tried to write 0x%08x%08x) at rIP:
 * 0x%lx\n") and come out byte for byte as Linux prints them. Reading the format string next to the
 * kernel's is the test that the text is right; a sequence of print calls per message would not be.
 *
 * Conversions: %[0][width][l|ll|z]{x,u,d,s,c} and %%. As in C, %x %u %d take an int (the low 32 bits
 * of the argument register, %d sign-extending them) and the l/ll/z forms a 64-bit value; a width pads
 * with spaces, or with zeros after a 0 flag; a value never is truncated to the width. Anything else
 * is printed as it stands. Arguments follow the SysV convention (%rsi, %rdx, %rcx, %r8, %r9, then the
 * stack), so printk is called like a C varargs function (%al need not be set: no vector arguments).
 *
 * The helpers below are the pieces printk is made of, exported for assembly that prints one value:
 * print_hex ("%lx"), print_hex_pad ("%0*lx"), print_dec ("%lu"). All follow the SysV ABI and clobber
 * only the caller-saved registers; none uses more than a few dozen bytes of stack, so they are safe in
 * the exception handler.
 */
	.text

/* void print_hex(u64 v): lower-case hex, no prefix, no leading zeros ("0" for 0). */
	.globl	print_hex
	.type	print_hex, @function
print_hex:
	movl	$16, %esi
	xorl	%edx, %edx
	movl	$'0', %ecx
	jmp	print_number
	.size	print_hex, . - print_hex

/* void print_hex_pad(u64 v, unsigned width): hex padded with zeros to at least `width` digits. */
	.globl	print_hex_pad
	.type	print_hex_pad, @function
print_hex_pad:
	movl	%esi, %edx
	movl	$16, %esi
	movl	$'0', %ecx
	jmp	print_number
	.size	print_hex_pad, . - print_hex_pad

/* void print_dec(u64 v): unsigned decimal. */
	.globl	print_dec
	.type	print_dec, @function
print_dec:
	movl	$10, %esi
	xorl	%edx, %edx
	movl	$'0', %ecx
	jmp	print_number
	.size	print_dec, . - print_dec

/*
 * void print_number(u64 v, unsigned base, unsigned width, char pad): the digits of v in base 10 or 16,
 * preceded by `pad` characters up to `width`. The digits are made backwards in a 24-byte buffer on the
 * stack (20 decimal digits at most).
 */
	.globl	print_number
	.type	print_number, @function
print_number:
	subq	$40, %rsp
	movq	%rdi, %rax		/* the value, divided down */
	movl	%esi, %r8d		/* base */
	movl	%edx, %r9d		/* width */
	movl	%ecx, %r10d		/* pad */
	leaq	32(%rsp), %rdi		/* end of the digit buffer */
	xorl	%r11d, %r11d		/* digits made */
1:	xorl	%edx, %edx
	divq	%r8
	movzbl	hex_digits(%rdx), %ecx
	decq	%rdi
	movb	%cl, (%rdi)
	incl	%r11d
	testq	%rax, %rax
	jnz	1b
2:	cmpl	%r9d, %r11d		/* pad up to the width */
	jae	3f
	movl	%r10d, %eax
	outb	%al, $0xe9
	decl	%r9d
	jmp	2b
3:	leaq	32(%rsp), %rcx
4:	cmpq	%rcx, %rdi
	jae	5f
	movzbl	(%rdi), %eax
	outb	%al, $0xe9
	incq	%rdi
	jmp	4b
5:	addq	$40, %rsp
	ret
	.size	print_number, . - print_number

/* void printk(const char *fmt, ...): see the top of the file. */
	.globl	printk
	.type	printk, @function
printk:
	pushq	%rbp
	movq	%rsp, %rbp
	pushq	%r9			/* the register arguments as an array: arg k at -40 + 8k(%rbp) */
	pushq	%r8
	pushq	%rcx
	pushq	%rdx
	pushq	%rsi
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp		/* keep %rsp 16-byte aligned for the calls */
	movq	%rdi, %rbx		/* fmt */
	xorl	%r12d, %r12d		/* next argument index */
.Lpk_next:
	movzbl	(%rbx), %eax
	incq	%rbx
	testb	%al, %al
	jz	.Lpk_done
	cmpb	$'%', %al
	je	.Lpk_conv
.Lpk_put:
	outb	%al, $0xe9
	jmp	.Lpk_next

.Lpk_conv:
	xorl	%r13d, %r13d		/* width */
	movl	$' ', %r14d		/* pad */
	xorl	%r15d, %r15d		/* 1: a 64-bit argument */
	movzbl	(%rbx), %eax
	cmpb	$'%', %al
	je	.Lpk_literal
	cmpb	$'0', %al
	jne	.Lpk_width
	movl	$'0', %r14d
	incq	%rbx
.Lpk_width:
	movzbl	(%rbx), %eax
	subl	$'0', %eax
	cmpl	$9, %eax
	ja	.Lpk_length
	imull	$10, %r13d, %r13d
	addl	%eax, %r13d
	incq	%rbx
	jmp	.Lpk_width
.Lpk_length:
	movzbl	(%rbx), %eax
	cmpb	$'l', %al
	je	.Lpk_long
	cmpb	$'z', %al
	jne	.Lpk_type
.Lpk_long:
	movl	$1, %r15d
	incq	%rbx
	jmp	.Lpk_length
.Lpk_type:
	movzbl	(%rbx), %eax
	testb	%al, %al
	jz	.Lpk_done
	incq	%rbx
	call	.Lpk_arg		/* -> %rdi; keeps %rax */
	cmpb	$'x', %al
	je	.Lpk_x
	cmpb	$'u', %al
	je	.Lpk_u
	cmpb	$'d', %al
	je	.Lpk_d
	cmpb	$'s', %al
	je	.Lpk_s
	cmpb	$'c', %al
	je	.Lpk_c
	jmp	.Lpk_put		/* unknown: the character itself */

.Lpk_x:	movl	$16, %esi
	jmp	.Lpk_num
.Lpk_u:	movl	$10, %esi
.Lpk_num:
	testl	%r15d, %r15d
	jnz	1f
	movl	%edi, %edi		/* an int: the low 32 bits */
1:	movl	%r13d, %edx
	movl	%r14d, %ecx
	call	print_number
	jmp	.Lpk_next
.Lpk_d:	testl	%r15d, %r15d
	jnz	1f
	movslq	%edi, %rdi
1:	testq	%rdi, %rdi
	jns	.Lpk_u
	negq	%rdi
	movb	$'-', %al
	outb	%al, $0xe9
	jmp	.Lpk_u
.Lpk_s:	call	console_puts
	jmp	.Lpk_next
.Lpk_c:	movl	%edi, %eax
	jmp	.Lpk_put
.Lpk_literal:
	incq	%rbx
	jmp	.Lpk_put

.Lpk_done:
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	movq	%rbp, %rsp
	popq	%rbp
	ret

/* The next argument into %rdi: five from the saved registers, then the caller's stack. */
.Lpk_arg:
	cmpl	$5, %r12d
	jae	1f
	movq	-40(%rbp,%r12,8), %rdi
	incl	%r12d
	ret
1:	movq	16 - 40(%rbp,%r12,8), %rdi	/* arg 5 at 16(%rbp) */
	incl	%r12d
	ret
	.size	printk, . - printk

	.section .rodata
hex_digits:
	.ascii	"0123456789abcdef"

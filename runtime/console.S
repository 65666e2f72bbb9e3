/*
 * Console and exit, the smallest devices there are: bytes written to I/O port 0xE9 appear on the
 * console (QEMU's -debugcon), and a byte V written to port 0xF4 ends the run with exit code V (QEMU's
 * isa-debug-exit reports it as (V << 1) | 1). SysV calling convention; only %rax, %rdx and the
 * argument registers are clobbered.
 */
	.equ	CONSOLE_PORT, 0xe9
	.equ	EXIT_PORT, 0xf4

	.text
/* void console_putc(char c) */
	.globl	console_putc
	.type	console_putc, @function
console_putc:
	movl	%edi, %eax
	outb	%al, $CONSOLE_PORT
	ret
	.size	console_putc, . - console_putc

/* void console_puts(const char *s): writes up to the terminating NUL. */
	.globl	console_puts
	.type	console_puts, @function
console_puts:
1:	movzbl	(%rdi), %eax
	testb	%al, %al
	jz	2f
	outb	%al, $CONSOLE_PORT
	incq	%rdi
	jmp	1b
2:	ret
	.size	console_puts, . - console_puts

/* void console_hex64(u64 v): "0x" and 16 lower-case hex digits. */
	.globl	console_hex64
	.type	console_hex64, @function
console_hex64:
	movb	$'0', %al
	outb	%al, $CONSOLE_PORT
	movb	$'x', %al
	outb	%al, $CONSOLE_PORT
	movl	$16, %ecx
1:	rolq	$4, %rdi
	movl	%edi, %eax
	andl	$0xf, %eax
	cmpl	$10, %eax
	jb	2f
	addl	$('a' - '0' - 10), %eax
2:	addl	$'0', %eax
	outb	%al, $CONSOLE_PORT
	decl	%ecx
	jnz	1b
	ret
	.size	console_hex64, . - console_hex64

/* noreturn void exit(int code): the exit port; halts if the platform has none. */
	.globl	exit
	.type	exit, @function
exit:
	movl	%edi, %eax
	outb	%al, $EXIT_PORT
1:	cli
	hlt
	jmp	1b
	.size	exit, . - exit

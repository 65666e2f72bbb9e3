/* The smallest image: print a line on the console and exit with code 3. */
	.text
	.globl	main
	.type	main, @function
main:
	leaq	hello_msg(%rip), %rdi
	call	console_puts
	movl	$3, %eax
	ret
	.size	main, . - main

	.section .rodata
hello_msg:
	.asciz	"Hello from Alternator\n"

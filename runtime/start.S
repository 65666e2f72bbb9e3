/*
 * The 64-bit entry (`e_entry`). The bundled emulator starts here in long mode with the flat identity
 * map; QEMU arrives here from the PVH stub. It sets up the boot stack, calls the image's `main`, and
 * exits with main's return value through the exit port.
 */
	.text
	.globl	_start64
	.type	_start64, @function
_start64:
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	call	main
	movl	%eax, %edi
	call	exit
	.size	_start64, . - _start64

	.section .bss
	.balign	16
boot_stack:
	.skip	16384
boot_stack_top:

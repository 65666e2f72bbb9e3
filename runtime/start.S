/*
 * The 64-bit entry (`e_entry`). The bundled emulator starts here in long mode with the flat identity
 * map; QEMU arrives here from the PVH stub. Boot is a short list, in the order a kernel needs it:
 *
 *   1. the boot stack;
 *   2. idt_init (idt.S): every vector reaches do_exception, so from here on a fault is either fixed up
 *      through __ex_table or reported as an oops — never a triple fault;
 *   3. cpu_detect (cpufeature.S): x86_capability, which the patcher reads;
 *   4. apply_alternatives (alternative.S): every site patched for this CPU before any of it runs;
 *   5. main (SysV ABI, no arguments), whose return value is the exit code.
 */
	.text
	.globl	_start64
	.type	_start64, @function
_start64:
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	call	idt_init
	call	cpu_detect
	call	apply_alternatives
	call	main
	movl	%eax, %edi
	call	exit
	.size	_start64, . - _start64

	.section .bss
	.balign	16
boot_stack:
	.skip	16384
boot_stack_top:

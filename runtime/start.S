/*
 * The 64-bit entry (`e_entry`). The bundled emulator starts here in long mode with the flat identity
 * map; QEMU arrives here from the PVH stub. Boot is a short list, in the order a kernel needs it:
 *
 *   1. the boot stack, and the kernel's own GDT with Linux's selectors (__KERNEL_CS 0x10,
 *      __KERNEL_DS 0x18), reloaded into every segment register: whoever jumped here (the PVH stub,
 *      the emulator) may have left selectors that no table of ours describes, and the first iretq
 *      of an exception return reloads CS and SS from the frame;
 *   2. idt_init (idt.S): every vector reaches do_exception, so from here on a fault is either fixed up
 *      through __ex_table or reported as an oops — never a triple fault;
 *   3. cpu_detect (cpufeature.S): x86_capability, which the patcher reads;
 *   4. apply_alternatives (alternative.S): every site patched for this CPU before any of it runs;
 *   5. main (SysV ABI, no arguments), whose return value is the exit code.
 */
	.equ	__KERNEL_CS, 0x10
	.equ	__KERNEL_DS, 0x18

	.text
	.globl	_start64
	.type	_start64, @function
_start64:
	leaq	boot_stack_top(%rip), %rsp
	xorl	%ebp, %ebp
	lgdt	gdt_desc(%rip)
	pushq	$__KERNEL_CS		/* far return: CS from our table */
	leaq	1f(%rip), %rax
	pushq	%rax
	lretq
1:	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	call	idt_init
	call	cpu_detect
	call	apply_alternatives
	call	main
	movl	%eax, %edi
	call	exit
	.size	_start64, . - _start64

	.section .data
	.balign	16
/* Linux's early GDT: the accessed bits are set, so loading a selector never writes the table. */
	.globl	gdt_table
gdt_table:
	.quad	0			/* null */
	.quad	0x00cf9b000000ffff	/* 0x08 __KERNEL32_CS */
	.quad	0x00af9b000000ffff	/* 0x10 __KERNEL_CS: 64-bit code, DPL 0 */
	.quad	0x00cf93000000ffff	/* 0x18 __KERNEL_DS: flat data */
gdt_table_end:
gdt_desc:
	.word	gdt_table_end - gdt_table - 1
	.quad	gdt_table

	.section .bss
	.balign	16
boot_stack:
	.skip	16384
boot_stack_top:

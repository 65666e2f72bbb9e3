/* Early 64-bit startup, after arch/x86/kernel/head_64.S: RIP-relative addressing of local and
 * global symbols, CR and segment setup, calls to C, and the early page tables as data. */
	.include "linkage.inc"

	.section .head.text, "ax"
	.code64
SYM_CODE_START startup_64
	leaq	_text(%rip), %rdi
	movq	%rsi, %r15
	leaq	__top_init_kernel_stack(%rip), %rsp
	movl	$MSR_GS_BASE, %ecx
	xorl	%eax, %eax
	xorl	%edx, %edx
	wrmsr
	pushq	%rsi
	call	startup_64_setup_gdt_idt
	popq	%rsi
	pushq	$__KERNEL_CS
	leaq	.Lon_kernel_cs(%rip), %rax
	pushq	%rax
	lretq
.Lon_kernel_cs:
	call	verify_cpu
	leaq	_text(%rip), %rdi
	call	__startup_64
	addq	$(early_top_pgt - __START_KERNEL_map), %rax
	jmp	1f
SYM_CODE_END startup_64

SYM_CODE_START secondary_startup_64
	endbr64
	call	verify_cpu
	xorl	%eax, %eax
1:	movl	$0x20 | 0x80, %ecx
	btsl	$5, %ecx
	movq	%cr4, %rcx
	andl	$0x80, %ecx
	orl	$0x20, %ecx
	movq	%rcx, %cr4
	addq	phys_base(%rip), %rax
	movq	%rax, %cr3
	movq	$1f, %rax
	jmp	*%rax
1:	lgdt	early_gdt_descr(%rip)
	xorl	%eax, %eax
	movl	%eax, %ds
	movl	%eax, %ss
	movl	%eax, %es
	movl	%eax, %fs
	movl	%eax, %gs
	movl	$MSR_GS_BASE, %ecx
	movl	initial_gs(%rip), %eax
	movl	initial_gs+4(%rip), %edx
	wrmsr
	movq	initial_stack(%rip), %rsp
	lidt	idt_descr(%rip)
	pushq	$0
	popfq
	movq	%r15, %rdi
	movq	initial_code(%rip), %rax
	pushq	$__KERNEL_CS
	pushq	%rax
	lretq
SYM_CODE_END secondary_startup_64

	__KERNEL_CS = 0x10
	__START_KERNEL_map = 0xffffffff80000000

	.data
	.balign 8
SYM_DATA_START initial_code
	.quad x86_64_start_kernel
SYM_DATA_END initial_code
SYM_DATA_START initial_gs
	.quad fixed_percpu_data
SYM_DATA_END initial_gs
SYM_DATA_START initial_stack
	.quad init_thread_union + 16384 - 168
SYM_DATA_END initial_stack
SYM_DATA_START phys_base
	.quad 0
SYM_DATA_END phys_base
early_gdt_descr:
	.word 16 * 8 - 1
	.quad gdt_page
idt_descr:
	.word 256 * 16 - 1
	.quad 0

	.section .init.data, "aw"
	.balign 4096
SYM_DATA_START early_top_pgt, 4096
	.fill 511, 8, 0
	.quad level3_kernel_pgt - __START_KERNEL_map + 0x63
SYM_DATA_END early_top_pgt
SYM_DATA_START level3_kernel_pgt, 4096
	.fill 510, 8, 0
	.quad level2_kernel_pgt - __START_KERNEL_map + 0x63
	.quad level2_fixmap_pgt - __START_KERNEL_map + 0x67
SYM_DATA_END level3_kernel_pgt

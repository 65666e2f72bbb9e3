/*
 * PVH boot stub. QEMU's `-kernel` (and Xen) find the 32-bit entry in the XEN_ELFNOTE_PHYS32_ENTRY note
 * and start there: 32-bit protected mode, flat segments, paging off, interrupts off, %ebx pointing at
 * the hvm_start_info (unused here). The stub switches to long mode and jumps to the 64-bit entry,
 * `_start64`, where the bundled emulator starts directly.
 *
 * Long mode needs paging: the page tables below identity-map the first 1 GiB with 2 MiB pages, which
 * covers any image linked at low physical addresses. They are data, built by the assembler (.rept),
 * so the stub has no loop to get wrong.
 */
	.equ	XEN_ELFNOTE_PHYS32_ENTRY, 18
	.equ	X86_CR0_PE, 1 << 0
	.equ	X86_CR0_PG, 1 << 31
	.equ	X86_CR4_PAE, 1 << 5
	.equ	MSR_EFER, 0xc0000080
	.equ	EFER_LME, 1 << 8
	.equ	EFER_NXE, 1 << 11
	.equ	__BOOT_CS, 0x08
	.equ	__BOOT_DS, 0x10

	/* ELFNOTE(Xen, XEN_ELFNOTE_PHYS32_ENTRY, .long pvh_start) */
	.pushsection .note.Xen, "a", @note
	.balign	4
	.long	2f - 1f			/* namesz */
	.long	4f - 3f			/* descsz */
	.long	XEN_ELFNOTE_PHYS32_ENTRY
1:	.asciz	"Xen"
2:	.balign	4
3:	.long	pvh_start
4:	.balign	4
	.popsection

	.section .text.boot, "ax"
	.code32
	.globl	pvh_start
	.type	pvh_start, @function
pvh_start:
	cli
	cld
	lgdt	boot_gdt_desc
	movl	$__BOOT_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%cr4, %eax
	orl	$X86_CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_NXE), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(X86_CR0_PG | X86_CR0_PE), %eax
	movl	%eax, %cr0
	ljmp	$__BOOT_CS, $pvh_long_mode
	.size	pvh_start, . - pvh_start

	.code64
pvh_long_mode:
	movl	$__BOOT_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	jmp	_start64

	.section .rodata
	.balign	8
boot_gdt:
	.quad	0			/* null */
	.quad	0x00af9a000000ffff	/* __BOOT_CS: 64-bit code, DPL 0 */
	.quad	0x00cf92000000ffff	/* __BOOT_DS: flat data */
boot_gdt_end:
	.balign	8
boot_gdt_desc:
	.word	boot_gdt_end - boot_gdt - 1
	.quad	boot_gdt

	.section .data
	.balign	4096
boot_pml4:
	.quad	boot_pdpt + 0x3		/* present, writable */
	.fill	511, 8, 0
boot_pdpt:
	.quad	boot_pd + 0x3
	.fill	511, 8, 0
boot_pd:
	.set	.Lpd_i, 0
	.rept	512
	.quad	(.Lpd_i << 21) + 0x83	/* present, writable, 2 MiB page */
	.set	.Lpd_i, .Lpd_i + 1
	.endr

/* PVH-style 32-bit boot stub: entered in 32-bit protected mode with paging off, loads a GDT, builds
 * identity page tables, enables PAE and long mode, and far-jumps into 64-bit code. */
	.include "linkage.inc"

	.section .pvh.text, "ax", @progbits
	.code32
	.globl pvh_start_xen
	.type pvh_start_xen, @function
pvh_start_xen:
	cld
	movl	%ebx, %esi
	leal	gdt_ptr, %eax
	lgdt	gdt_ptr
	movl	$0x18, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	$early_stack_end, %esp
	/* Enable PAE. */
	movl	%cr4, %eax
	orl	$0x20, %eax
	movl	%eax, %cr4
	/* Point CR3 at the page tables. */
	movl	$pml4, %eax
	movl	%eax, %cr3
	/* Enable long mode (EFER.LME). */
	movl	$0xc0000080, %ecx
	rdmsr
	btsl	$8, %eax
	wrmsr
	/* Enable paging. */
	movl	%cr0, %eax
	orl	$0x80000001, %eax
	movl	%eax, %cr0
	ljmp	$0x10, $1f
	.code64
1:	movl	$0x18, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movabsq	$early_stack_end, %rsp
	movq	%rsi, %rdi
	call	start_kernel
	hlt
	jmp	.-1
	.code32
.Lhalt32:
	hlt
	jmp	.Lhalt32
	pushl	%ebp
	movl	%esp, %ebp
	popl	%ebp
	ret
	inb	$0x64, %al
	outb	%al, $0xe9
	movw	$0xf4, %dx
	outl	%eax, (%dx)
	.size pvh_start_xen, . - pvh_start_xen
	.code64

	.section .pvh.data, "aw", @progbits
	.balign 8
gdt:
	.quad 0
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x10: 64-bit code */
	.quad 0x00cf92000000ffff	/* 0x18: data */
	.quad 0x00cf9a000000ffff	/* 0x20: 32-bit code */
gdt_end:
gdt_ptr:
	.word gdt_end - gdt - 1
	.long gdt
	.word 0

	.balign 4096
pml4:
	.quad pdpt + 0x3
	.fill 511, 8, 0
pdpt:
	.quad pd + 0x3
	.fill 511, 8, 0
pd:
	i = 0
	.rept 16
	.quad (i << 21) + 0x83
	i = i + 1
	.endr
	.fill 512 - 16, 8, 0

	.section .pvh.bss, "aw", @nobits
	.balign 16
early_stack:
	.skip 4096
early_stack_end:

	.section .note.Xen, "a", @note
	.balign 4
	.long 4
	.long 4
	.long 18
	.asciz "Xen"
	.long pvh_start_xen

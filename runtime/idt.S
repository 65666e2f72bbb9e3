/*
 * The interrupt descriptor table: 256 64-bit interrupt gates, one per stub of entry.S, loaded with
 * lidt by `_start64` before anything can fault.
 *
 * Why at run time. A gate splits the handler's address into bits 15:0, 31:16 and 63:32 in three
 * fields; an assembler cannot place such pieces of a relocatable address, so the table lives in .bss
 * and idt_init fills it. The selector is whatever %cs holds at the time: 0x08 after the PVH stub, and
 * the bundled emulator's own code selector when it starts at `_start64` directly. Interrupt gates
 * (type 0xE) clear IF on entry; DPL 0, IST 0 (the handler runs on the interrupted stack).
 */
	.equ	NR_VECTORS, 256
	.equ	GATE_INTERRUPT, 0x8e	/* present, DPL 0, 64-bit interrupt gate */
	.equ	STUB_SIZE, 16

	.text
/* void idt_init(void): fill idt_table from exception_stubs, then lidt. */
	.globl	idt_init
	.type	idt_init, @function
idt_init:
	leaq	idt_table(%rip), %rdi
	leaq	exception_stubs(%rip), %rsi
	movw	%cs, %r8w
	movl	$NR_VECTORS, %ecx
1:	movq	%rsi, %rax
	movw	%ax, (%rdi)		/* offset 15:0 */
	movw	%r8w, 2(%rdi)		/* selector */
	movb	$0, 4(%rdi)		/* IST 0 */
	movb	$GATE_INTERRUPT, 5(%rdi)
	shrq	$16, %rax
	movw	%ax, 6(%rdi)		/* offset 31:16 */
	shrq	$16, %rax
	movl	%eax, 8(%rdi)		/* offset 63:32 */
	movl	$0, 12(%rdi)		/* reserved */
	addq	$16, %rdi
	addq	$STUB_SIZE, %rsi
	decl	%ecx
	jnz	1b
	lidt	idt_desc(%rip)
	ret
	.size	idt_init, . - idt_init

	.section .data
	.balign	8
	.globl	idt_desc
idt_desc:
	.word	NR_VECTORS * 16 - 1	/* limit */
	.quad	idt_table		/* base */

	.section .bss
	.balign	16
	.globl	idt_table
	.type	idt_table, @object
idt_table:
	.skip	NR_VECTORS * 16
	.size	idt_table, . - idt_table

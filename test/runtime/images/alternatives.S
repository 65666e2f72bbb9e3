/*
 * Alternatives patched at boot by the runtime's apply_alternatives. The program prints the feature
 * words it detected, runs the sites that can run on any x86-64 CPU (each leaves a value in %eax),
 * and prints every site's bytes as they are after patching. test/runtime/runtime.test.ts computes the
 * same sites with the src/kernel model on the linked image for the printed features and compares.
 *
 * On QEMU's default CPU ALWAYS, NOPL and HYPERVISOR are present, WRMSRNS, MSR_IMM and XENPV absent.
 * The sites cover: a relocated call, NOP padding optimised, absent features left alone, ALT_FLAG_NOT
 * both ways, ALTERNATIVE_2 (first and last eligible), a jmp rel32 relocated and shortened, a jcc
 * rel32 relocated, a RIP-relative load relocated, ALT_FLAG_DIRECT_CALL to a function and to nop_func,
 * a VEX map-7 replacement (the MSR immediate form, not run), ModRM/SIB/disp/imm shapes with a
 * RIP-relative operand followed by an immediate (not run), and NOP runs of 19 and 129 bytes.
 */
	.include "kernel.inc"

/* SITE name, label: one row of the table main prints: the name, the site, its end. */
	.macro	SITE name, label
	.pushsection .rodata.str, "a"
9:	.asciz	"\name"
	.popsection
	.quad	9b, \label, \label\()_end
	.endm

	.text
	.globl	main
	.type	main, @function
main:
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	leaq	fmt_caps(%rip), %rdi
	call	printk
	xorl	%ebx, %ebx
1:	leaq	fmt_word(%rip), %rdi
	leaq	x86_capability(%rip), %rax
	movl	(%rax,%rbx,4), %esi
	call	printk
	incl	%ebx
	cmpl	$32, %ebx
	jb	1b
	leaq	fmt_nl(%rip), %rdi
	call	printk

	leaq	runs(%rip), %r12	/* run the runnable sites */
2:	movq	(%r12), %rsi
	testq	%rsi, %rsi
	jz	3f
	movl	$0x17, %eax
	call	*8(%r12)
	movq	(%r12), %rsi
	movl	%eax, %edx
	leaq	fmt_run(%rip), %rdi
	call	printk
	addq	$16, %r12
	jmp	2b

3:	leaq	sites(%rip), %r12	/* the bytes of every site */
4:	movq	(%r12), %rsi
	testq	%rsi, %rsi
	jz	7f
	leaq	fmt_site(%rip), %rdi
	call	printk
	movq	8(%r12), %rbx
	movq	16(%r12), %r13
5:	cmpq	%r13, %rbx
	jae	6f
	leaq	fmt_byte(%rip), %rdi
	movzbl	(%rbx), %esi
	call	printk
	incq	%rbx
	jmp	5b
6:	leaq	fmt_nl(%rip), %rdi
	call	printk
	addq	$24, %r12
	jmp	4b
7:	xorl	%eax, %eax
	popq	%r13
	popq	%r12
	popq	%rbx
	ret
	.size	main, . - main

/* The sites, each in a function that returns what it left in %eax. */
fn_always_call:
alt_always_call:
	ALTERNATIVE "movl $1, %eax", "call alt_target", X86_FEATURE_ALWAYS
alt_always_call_end:
	ret

fn_nopl_pad:
alt_nopl_pad:
	ALTERNATIVE "movabsq $0x1111111111111111, %rax", "movl $2, %eax", X86_FEATURE_NOPL
alt_nopl_pad_end:
	ret

fn_absent_msr_imm:
alt_absent_msr_imm:
	ALTERNATIVE "movl $3, %eax", "movl $4, %eax", X86_FEATURE_MSR_IMM
alt_absent_msr_imm_end:
	ret

fn_absent_xenpv:
alt_absent_xenpv:
	ALTERNATIVE "movl $3, %eax", "call alt_target", X86_FEATURE_XENPV
alt_absent_xenpv_end:
	ret

fn_not_xenpv:
alt_not_xenpv:
	ALTERNATIVE "movl $5, %eax", "movl $6, %eax", ALT_FLAG_NOT | X86_FEATURE_XENPV
alt_not_xenpv_end:
	ret

fn_not_always:
alt_not_always:
	ALTERNATIVE "movl $5, %eax", "movl $6, %eax", ALT_FLAG_NOT | X86_FEATURE_ALWAYS
alt_not_always_end:
	ret

fn_alt2_first:
alt_alt2_first:
	ALTERNATIVE_2 "movl $7, %eax", "movq $8, %rax", X86_FEATURE_ALWAYS, "movabsq $9, %rax", X86_FEATURE_WRMSRNS
alt_alt2_first_end:
	ret

fn_alt2_last:
alt_alt2_last:
	ALTERNATIVE_2 "movl $7, %eax", "movq $8, %rax", X86_FEATURE_ALWAYS, "movabsq $9, %rax", X86_FEATURE_NOPL
alt_alt2_last_end:
	ret

fn_jmp_short:
alt_jmp_short:
	ALTERNATIVE "movl $10, %eax", "jmp 1f", X86_FEATURE_ALWAYS
alt_jmp_short_end:
	ret
1:	movl	$11, %eax
	ret

fn_jcc_far:
alt_jcc_far:
	ALTERNATIVE "movabsq $12, %rax", "xorl %eax, %eax; jz 1f", X86_FEATURE_ALWAYS
alt_jcc_far_end:
	ret
1:	movl	$13, %eax
	ret

fn_riprel:
alt_riprel:
	ALTERNATIVE "movabsq $14, %rax", "movq alt_data(%rip), %rax", X86_FEATURE_ALWAYS
alt_riprel_end:
	ret

fn_direct_call:
alt_direct_call:
	ALTERNATIVE "call *alt_ptr(%rip)", "call BUG_func", ALT_FLAG_DIRECT_CALL | X86_FEATURE_ALWAYS
alt_direct_call_end:
	ret

fn_direct_call_nop:
alt_direct_call_nop:
	ALTERNATIVE "call *alt_ptr_nop(%rip)", "call BUG_func", ALT_FLAG_DIRECT_CALL | X86_FEATURE_ALWAYS
alt_direct_call_nop_end:
	ret

/* Patched, never run (QEMU 7.2 has no MSR immediates; the stores would need a frame). */
alt_vex_imm:
	ALTERNATIVE "movabsq $1, %rax; nop", "rdmsr $0x10, %rax", X86_FEATURE_ALWAYS
alt_vex_imm_end:
	ud2
alt_sib_imm:
	ALTERNATIVE "nop", "movl $0x12345678, 0x10(%rsp,%rcx,4); cmpb $1, alt_data(%rip)", X86_FEATURE_ALWAYS
alt_sib_imm_end:
	ud2
alt_pad19:
	ALTERNATIVE ".skip 20, 0x90", "ret", X86_FEATURE_ALWAYS
alt_pad19_end:
	ud2
alt_pad129:
	ALTERNATIVE ".skip 130, 0x90", "ret", X86_FEATURE_ALWAYS
alt_pad129_end:
	ud2

alt_target:
	movl	$0x42, %eax
	ret
alt_target2:
	movl	$0x16, %eax
	ret

	.section .rodata
fmt_caps:
	.asciz	"x86_capability:"
fmt_word:
	.asciz	" %08x"
fmt_nl:
	.asciz	"\n"
fmt_run:
	.asciz	"run %s -> %x\n"
fmt_site:
	.asciz	"site %s:"
fmt_byte:
	.asciz	" %02x"
	.balign	8
alt_data:
	.quad	0x15
alt_ptr:
	.quad	alt_target2
alt_ptr_nop:
	.quad	nop_func

	.macro	RUN name, fn
	.pushsection .rodata.str, "a"
9:	.asciz	"\name"
	.popsection
	.quad	9b, \fn
	.endm
runs:
	RUN	always_call, fn_always_call
	RUN	nopl_pad, fn_nopl_pad
	RUN	absent_msr_imm, fn_absent_msr_imm
	RUN	absent_xenpv, fn_absent_xenpv
	RUN	not_xenpv, fn_not_xenpv
	RUN	not_always, fn_not_always
	RUN	alt2_first, fn_alt2_first
	RUN	alt2_last, fn_alt2_last
	RUN	jmp_short, fn_jmp_short
	RUN	jcc_far, fn_jcc_far
	RUN	riprel, fn_riprel
	RUN	direct_call, fn_direct_call
	RUN	direct_call_nop, fn_direct_call_nop
	.quad	0, 0

sites:
	SITE	always_call, alt_always_call
	SITE	nopl_pad, alt_nopl_pad
	SITE	absent_msr_imm, alt_absent_msr_imm
	SITE	absent_xenpv, alt_absent_xenpv
	SITE	not_xenpv, alt_not_xenpv
	SITE	not_always, alt_not_always
	SITE	alt2_first, alt_alt2_first
	SITE	alt2_last, alt_alt2_last
	SITE	jmp_short, alt_jmp_short
	SITE	jcc_far, alt_jcc_far
	SITE	riprel, alt_riprel
	SITE	direct_call, alt_direct_call
	SITE	direct_call_nop, alt_direct_call_nop
	SITE	vex_imm, alt_vex_imm
	SITE	sib_imm, alt_sib_imm
	SITE	pad19, alt_pad19
	SITE	pad129, alt_pad129
	.quad	0, 0, 0

/* Hand-written alternatives, the way <asm/alternative.h> expands them in assembly: a site between
 * 661 and 663 padded with NOPs to the longest replacement, records in .altinstructions, replacement
 * bytes in .altinstr_replacement. */
	.include "linkage.inc"

	.macro ALT_SITE old, new, feature, flags=0
661:
	\old
662:
	.skip -(((6651f-6641f)-(662b-661b)) > 0) * ((6651f-6641f)-(662b-661b)),0x90
663:
	.pushsection .altinstructions, "a"
	.long 661b - .
	.long 6641f - .
	.2byte \feature
	.2byte \flags
	.byte 663b - 661b
	.byte 6651f - 6641f
	.popsection
	.pushsection .altinstr_replacement, "ax"
6641:
	\new
6651:
	.popsection
	.endm

	.text
SYM_FUNC_START clear_page_alt
	ALT_SITE "call clear_page_orig", "rep stosq", X86_FEATURE_ERMS
	ALT_SITE "", "stac", X86_FEATURE_SMAP
	ALT_SITE "", "clac", X86_FEATURE_SMAP
	ALT_SITE "jmp .Lslow", "", X86_FEATURE_ALWAYS
	ret
.Lslow:
	movl	$512, %ecx
	xorl	%eax, %eax
	rep stosq
	ret
SYM_FUNC_END clear_page_alt

SYM_FUNC_START msr_write_alt
	movl	$0xc0000100, %ecx
	movl	%edi, %eax
	movq	%rdi, %rdx
	shrq	$32, %rdx
	ALT_SITE "ds wrmsr", "wrmsrns", X86_FEATURE_WRMSRNS
	ALT_SITE "wrmsr", "call xen_wrmsr_thunk", X86_FEATURE_XENPV
	ALT_SITE "nop", "lfence", X86_FEATURE_ALWAYS, 1
	ret
SYM_FUNC_END msr_write_alt

/* A longer original than replacement: no padding; the record still names both lengths. */
SYM_FUNC_START spec_ctrl_alt
	ALT_SITE "movl $0x48, %ecx; xorl %edx, %edx; movl $1, %eax; wrmsr", "nop", X86_FEATURE_HYPERVISOR
	ALT_SITE "jmp 1f", "call *pv_ops+8(%rip)", X86_FEATURE_XENPV
1:	ret
SYM_FUNC_END spec_ctrl_alt

/* The record layout written out field by field, with the macro from linkage.inc for comparison. */
SYM_FUNC_START read_cr4_alt
	ALTERNATIVE "movq %cr4, %rax", "movq %gs:cpu_cr4_shadow, %rax", X86_FEATURE_XENPV
	ALTERNATIVE "", "lfence", X86_FEATURE_ALWAYS | ALT_FLAG_NOT
	ret
SYM_FUNC_END read_cr4_alt

SYM_FUNC_START_LOCAL clear_page_orig
	movl	$4096/64, %ecx
	.p2align 4
.Lloop:
	decl	%ecx
	movq	%rax, (%rdi)
	movq	%rax, 8(%rdi)
	movq	%rax, 16(%rdi)
	movq	%rax, 24(%rdi)
	movq	%rax, 32(%rdi)
	movq	%rax, 40(%rdi)
	movq	%rax, 48(%rdi)
	movq	%rax, 56(%rdi)
	leaq	64(%rdi), %rdi
	jnz	.Lloop
	ret
SYM_FUNC_END clear_page_orig

/* A kernel-style example: one function with an MSR access, a hand-written alternatives site and an
 * exception-table entry, written the way <asm/alternative.h> and <asm/asm.h> expand in assembly.
 * `npm run demo` assembles it with Alternator and with GNU as and compares the two objects. */
	.include "linkage.inc"

	.set MSR_EFER, 0xc0000080
	.set MSR_IA32_SPEC_CTRL, 0x48

	.text
	.globl	read_efer_safe
	.type	read_efer_safe, @function
	.p2align 4, 0x90
read_efer_safe:
	/* RDMSR of a missing MSR faults (#GP). The extable entry (EX_TYPE_RDMSR_SAFE) makes the fault
	 * handler zero %eax/%edx, store -EIO in register 0 (%rax) and resume at 2:. */
	movl	$MSR_EFER, %ecx
1:	rdmsr
	shlq	$32, %rdx
	orq	%rdx, %rax
	_ASM_EXTABLE_TYPE 1b, 2f, EX_TYPE_RDMSR_SAFE
2:
	/* Alternatives site: WRMSR by default, patched to WRMSRNS on CPUs that have it. The original is
	 * padded with NOPs (0x90) to the replacement's length, as ALTERNATIVE does. */
	movl	$MSR_IA32_SPEC_CTRL, %ecx
	xorl	%edx, %edx
661:	wrmsr
662:	.skip -(((6651f-6641f)-(662b-661b)) > 0) * ((6651f-6641f)-(662b-661b)), 0x90
663:
	.pushsection .altinstructions, "a"
	.long	661b - .			/* instr_offset */
	.long	6641f - .			/* repl_offset */
	.2byte	X86_FEATURE_WRMSRNS		/* feature */
	.2byte	0				/* flags */
	.byte	663b - 661b			/* instrlen */
	.byte	6651f - 6641f			/* replacementlen */
	.popsection
	.pushsection .altinstr_replacement, "ax"
6641:	wrmsrns
6651:
	.popsection

	/* The MSR immediate forms (binutils >= 2.44 syntax; GNU as 2.40 does not know them). */
	rdmsr	$0xc0000080, %rax	# MSR-IMM
	wrmsrns	%rax, $0x10		# MSR-IMM
	ret
	.size	read_efer_safe, . - read_efer_safe

/*
 * CPU feature detection into `x86_capability`, Linux's `boot_cpu_data.x86_capability`: 32 u32 words,
 * feature number = word * 32 + bit (reference/linux-x86.md §4). The alternatives patcher asks
 * cpu_has(feature) for every record, so the bitmap must be complete before apply_alternatives runs.
 *
 * Why Linux's numbering and not a list of our own. The records in `.altinstructions` carry Linux's
 * numbers (X86_FEATURE_WRMSRNS = 12*32+19); with the same layout a number is simply a bit index, and
 * the words hold what Linux's get_cpu_cap stores there:
 *
 *   word  0  CPUID 1 EDX             word  4  CPUID 1 ECX (bit 31: X86_FEATURE_HYPERVISOR)
 *   word  1  CPUID 0x80000001 EDX    word  6  CPUID 0x80000001 ECX
 *   word  9  CPUID 7.0 EBX           word 16  CPUID 7.0 ECX          word 18  CPUID 7.0 EDX
 *   word 12  CPUID 7.1 EAX (FRED bit 17, LKGS bit 18, WRMSRNS bit 19)
 *
 * and the bits Linux sets itself: X86_FEATURE_ALWAYS and X86_FEATURE_NOPL (word 3, every 64-bit CPU),
 * X86_FEATURE_MSR_IMM (word 21 bit 16, "scattered": CPUID 7.1 ECX bit 5), and X86_FEATURE_XENPV
 * (word 8 bit 16) when the Xen signature "XenVMMXenVMM" is found at one of the hypervisor leaves
 * 0x40000000, 0x40000100, … 0x4000ff00 with at least two leaves after it (Linux's xen_cpuid_base).
 * Leaves beyond the maximum CPUID 0 (or 0x80000000, or 7.0 EAX for subleaves) reports are not read.
 * The other words stay 0.
 *
 * The emulator and test programs find the bitmap by its symbol, `x86_capability` (128 bytes).
 */
	.equ	NCAPINTS, 32
	.equ	X86_FEATURE_NOPL, 3*32+20
	.equ	X86_FEATURE_ALWAYS, 3*32+21
	.equ	X86_FEATURE_XENPV, 8*32+16
	.equ	X86_FEATURE_MSR_IMM, 21*32+16

	.equ	CPUID_7_1_ECX_MSR_IMM, 1 << 5
	.equ	XEN_SIGNATURE_EBX, 0x566e6558	/* "XenV" */
	.equ	XEN_SIGNATURE_ECX, 0x65584d4d	/* "MMXe" */
	.equ	XEN_SIGNATURE_EDX, 0x4d4d566e	/* "nVMM" */
	.equ	XEN_MIN_LEAVES, 2

	/* x86_capability + 4 * word */
	.macro	set_word word, reg
	movl	\reg, x86_capability + 4 * \word(%rip)
	.endm
	.macro	set_feature f
	orl	$(1 << ((\f) & 31)), x86_capability + 4 * ((\f) >> 5)(%rip)
	.endm

	.text
/* void cpu_detect(void): fills x86_capability. */
	.globl	cpu_detect
	.type	cpu_detect, @function
cpu_detect:
	pushq	%rbx
	pushq	%r12
	leaq	x86_capability(%rip), %rdi
	xorl	%eax, %eax
	movl	$NCAPINTS, %ecx
	rep stosl

	xorl	%eax, %eax
	xorl	%ecx, %ecx
	cpuid
	movl	%eax, %r12d		/* max basic leaf */
	cmpl	$1, %r12d
	jb	1f
	movl	$1, %eax
	xorl	%ecx, %ecx
	cpuid
	set_word 0, %edx
	set_word 4, %ecx
1:	cmpl	$7, %r12d
	jb	2f
	movl	$7, %eax
	xorl	%ecx, %ecx
	cpuid
	set_word 9, %ebx
	set_word 16, %ecx
	set_word 18, %edx
	cmpl	$1, %eax		/* max subleaf of 7 */
	jb	2f
	movl	$7, %eax
	movl	$1, %ecx
	cpuid
	set_word 12, %eax
	testl	$CPUID_7_1_ECX_MSR_IMM, %ecx
	jz	2f
	set_feature X86_FEATURE_MSR_IMM
2:	movl	$0x80000000, %eax
	xorl	%ecx, %ecx
	cpuid
	cmpl	$0x80000001, %eax
	jb	3f
	movl	$0x80000001, %eax
	xorl	%ecx, %ecx
	cpuid
	set_word 1, %edx
	set_word 6, %ecx
3:	set_feature X86_FEATURE_ALWAYS
	set_feature X86_FEATURE_NOPL

	/* xen_cpuid_base(): the first base whose signature matches with enough leaves */
	movl	$0x40000000, %r12d
4:	movl	%r12d, %eax
	xorl	%ecx, %ecx
	cpuid
	cmpl	$XEN_SIGNATURE_EBX, %ebx
	jne	5f
	cmpl	$XEN_SIGNATURE_ECX, %ecx
	jne	5f
	cmpl	$XEN_SIGNATURE_EDX, %edx
	jne	5f
	subl	%r12d, %eax
	cmpl	$XEN_MIN_LEAVES, %eax
	jb	5f
	set_feature X86_FEATURE_XENPV
	jmp	6f
5:	addl	$0x100, %r12d
	cmpl	$0x40010000, %r12d
	jb	4b
6:	popq	%r12
	popq	%rbx
	ret
	.size	cpu_detect, . - cpu_detect

/* int cpu_has(unsigned feature): boot_cpu_has — 1 when the bit is set; 0 for numbers past the bitmap. */
	.globl	cpu_has
	.type	cpu_has, @function
cpu_has:
	xorl	%eax, %eax
	cmpl	$NCAPINTS * 32, %edi
	jae	1f
	btl	%edi, x86_capability(%rip)
	setc	%al
1:	ret
	.size	cpu_has, . - cpu_has

	.section .bss
	.balign	8
	.globl	x86_capability
	.type	x86_capability, @object
x86_capability:
	.skip	4 * NCAPINTS
	.size	x86_capability, . - x86_capability

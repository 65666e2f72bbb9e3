/* Nested alternatives: ALTERNATIVE_2 as ALTERNATIVE(ALTERNATIVE(old, new1, f1), new2, f2), written out
 * by hand (inner site 661..663, outer site ends at 763), and the older flat form using alt_max_2. */
	.include "linkage.inc"

/* Every level pads after what it wraps; records come out innermost first. */
	.macro ALTERNATIVE_2 old, new1, ft1, new2, ft2
661:
	\old
662:
	.skip -(((6651f-6641f)-(662b-661b)) > 0) * ((6651f-6641f)-(662b-661b)),0x90
663:
	.skip -(((6652f-6642f)-(663b-661b)) > 0) * ((6652f-6642f)-(663b-661b)),0x90
763:
	.pushsection .altinstructions, "a"
	.long 661b - .
	.long 6641f - .
	.4byte \ft1
	.byte 663b - 661b
	.byte 6651f - 6641f
	.long 661b - .
	.long 6642f - .
	.4byte \ft2
	.byte 763b - 661b
	.byte 6652f - 6642f
	.popsection
	.pushsection .altinstr_replacement, "ax"
6641:
	\new1
6651:
6642:
	\new2
6652:
	.popsection
	.endm

	/* ALTERNATIVE_TERNARY old, f, yes, no = ALTERNATIVE_2 old, no, ALWAYS, yes, f */
	.macro ALTERNATIVE_TERNARY old, ft, yes, no
	ALTERNATIVE_2 "\old", "\no", X86_FEATURE_ALWAYS, "\yes", \ft
	.endm

	/* The pre-6.10 flat form: one padding computed with alt_max_2. */
	.macro ALTERNATIVE_2_FLAT old, new1, ft1, new2, ft2
140:
	\old
141:
	.skip -((((145f-144f) ^ (((145f-144f) ^ (144f-143f)) & -(-((145f-144f) < (144f-143f))))) - (141b-140b)) > 0) * (((145f-144f) ^ (((145f-144f) ^ (144f-143f)) & -(-((145f-144f) < (144f-143f))))) - (141b-140b)),0x90
142:
	.pushsection .altinstructions, "a"
	altinstr_entry 140b, 143f, \ft1, 142b-140b, 144f-143f
	altinstr_entry 140b, 144f, \ft2, 142b-140b, 145f-144f
	.popsection
	.pushsection .altinstr_replacement, "ax"
143:
	\new1
144:
	\new2
145:
	.popsection
	.endm

	.text
SYM_FUNC_START native_write_msr_site
	movl	%edi, %ecx
	movl	%esi, %eax
	ALTERNATIVE_2 "ds wrmsr", "wrmsrns", X86_FEATURE_WRMSRNS, "call xen_write_msr", X86_FEATURE_XENPV
	ret
SYM_FUNC_END native_write_msr_site

SYM_FUNC_START memcpy_site
	ALTERNATIVE_2 "jmp memcpy_orig", "", X86_FEATURE_FSRM, "jmp memcpy_erms", X86_FEATURE_ERMS | ALT_FLAG_NOT
	movq	%rdi, %rax
	movq	%rdx, %rcx
	rep movsb
	ret
SYM_FUNC_END memcpy_site

SYM_FUNC_START ternary_site
	ALTERNATIVE_TERNARY "movl $1, %eax", X86_FEATURE_FRED, "movl $2, %eax; nop; nop", "movl $3, %eax"
	ALTERNATIVE_TERNARY "", X86_FEATURE_HYPERVISOR, "call hv_hook", "nop"
	ret
SYM_FUNC_END ternary_site

SYM_FUNC_START flat_site
	ALTERNATIVE_2_FLAT "mov %cr3, %rax", "mov %gs:cr3_cache, %rax", X86_FEATURE_XENPV, "lfence; rdtsc", X86_FEATURE_ALWAYS
	ALTERNATIVE_2_FLAT "", "stac", X86_FEATURE_SMAP, "clac; stac", X86_FEATURE_ALWAYS
	ALTERNATIVE_2_FLAT "pushq %rax; popq %rax; pushq %rbx; popq %rbx", "nop", 1, "", 2
	ret
SYM_FUNC_END flat_site

	.section .text.unlikely, "ax", @progbits
SYM_FUNC_START memcpy_erms
	movq	%rdi, %rax
	movq	%rdx, %rcx
	rep movsb
	ret
SYM_FUNC_END memcpy_erms

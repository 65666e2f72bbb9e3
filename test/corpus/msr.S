/* MSR access sites: constant MSRs through ECX, the `ds wrmsr` 3-byte form that leaves room for
 * WRMSRNS, safe variants with exception-table entries, and read-modify-write of EFER. */
	.include "linkage.inc"

	.text
SYM_FUNC_START enable_nx
	movl	$MSR_EFER, %ecx
	rdmsr
	btsl	$11, %eax
	wrmsr
	ret
SYM_FUNC_END enable_nx

SYM_FUNC_START read_efer
	mov	$0xc0000080, %ecx
	rdmsr
	shlq	$32, %rdx
	orq	%rdx, %rax
	ret
SYM_FUNC_END read_efer

SYM_FUNC_START write_gs_base
	movq	%rdi, %rax
	movq	%rax, %rdx
	shrq	$32, %rdx
	movl	$MSR_GS_BASE, %ecx
	ds wrmsr
	ret
SYM_FUNC_END write_gs_base

SYM_FUNC_START write_fs_base_ns
	movq	%rdi, %rax
	movq	%rax, %rdx
	shrq	$32, %rdx
	movl	$MSR_FS_BASE, %ecx
	wrmsrns
	ret
SYM_FUNC_END write_fs_base_ns

	.macro WRMSR_CONST msr, lo, hi
	movl	$\msr, %ecx
	movl	$\lo, %eax
	movl	$\hi, %edx
	wrmsr
	.endm

SYM_FUNC_START setup_syscalls
	WRMSR_CONST MSR_STAR, 0, 0x00230010
	WRMSR_CONST MSR_LSTAR, 0x81000000, 0xffffffff
	movl	$MSR_LSTAR, %ecx
	leaq	entry_SYSCALL_64(%rip), %rax
	movq	%rax, %rdx
	shrq	$32, %rdx
	wrmsr
	movl	$0xc0000084, %ecx
	movl	$0x47700, %eax
	xorl	%edx, %edx
	wrmsr
	ret
SYM_FUNC_END setup_syscalls

SYM_FUNC_START rdmsrl_safe
	movl	%edi, %ecx
	xorl	%r8d, %r8d
1:	rdmsr
	shlq	$32, %rdx
	orq	%rdx, %rax
	movq	%rax, (%rsi)
2:	movl	%r8d, %eax
	ret
	_ASM_EXTABLE_TYPE 1b, 2b, EX_TYPE_RDMSR_SAFE | (8 << 8)
SYM_FUNC_END rdmsrl_safe

SYM_FUNC_START wrmsrl_safe_site
	movl	%edi, %ecx
	movl	%esi, %eax
	movq	%rsi, %rdx
	shrq	$32, %rdx
1:	ds wrmsr
2:	ret
	_ASM_EXTABLE_TYPE 1b, 2b, EX_TYPE_WRMSR_SAFE | (0 << 8)
SYM_FUNC_END wrmsrl_safe_site

/* hpa's 2025 layout: every variant traps at the same offset. The original is the WRMSRNS variant. */
SYM_FUNC_START write_msr_same_offset
	movl	$MSR_IA32_SPEC_CTRL, %ecx
	movq	%rdi, %rax
	ALTERNATIVE "mov %rax, %rdx; shr $32, %rdx; ds wrmsr", "mov %rax, %rdx; shr $32, %rdx; wrmsrns", X86_FEATURE_WRMSRNS
	ALTERNATIVE "mov %rax, %rdx; shr $32, %rdx; wrmsrns", "call xen_wrmsr_thunk; jnc 3f; ud2; 3: nop", X86_FEATURE_XENPV
	rdtscp
	rdpid	%rax
	rdpmc
	ret
SYM_FUNC_END write_msr_same_offset

	.section .rodata, "a"
	.balign 4
msr_list:
	.long MSR_EFER, MSR_STAR, MSR_LSTAR, MSR_FS_BASE, MSR_GS_BASE, MSR_KERNEL_GS_BASE
	.long 0x174, 0x175, 0x176, 0x1b
	.size msr_list, . - msr_list

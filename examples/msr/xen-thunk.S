/* The Xen thunks the XENPV variant of each site calls (the proposal's "assembly Xen thunk"): they do
 * what Linux's xen_do_write_msr / xen_do_read_msr do without trapping where they can — segment bases by
 * the set_segment_base hypercall, syscall MSRs ignored — and pass everything else to the native
 * instruction, which traps into the hypervisor. A thunk returns with CF set on error; the error path
 * is the RFC's: drop the return address, rewind it to the 5-byte CALL, and trap on an instruction whose
 * EX_TYPE_INDIRECT entry sends the fault to the call site's own entry.
 *
 * Register contract (that of the native variants): in ECX = MSR, RAX = value (writes); out RAX = value
 * (reads); only RCX and RDX are clobbered. */
	.include "msr-sites.inc"

	.set	HYPERVISOR_set_segment_base, 25
	.set	SEGBASE_FS, 0
	.set	SEGBASE_GS_USER, 1
	.set	SEGBASE_GS_KERNEL, 2

	.text
	.globl	xen_wrmsr_thunk
	.type	xen_wrmsr_thunk, @function
xen_wrmsr_thunk:
	cmpl	$0xc0000100, %ecx	/* MSR_FS_BASE */
	je	.Lfs
	cmpl	$0xc0000101, %ecx	/* MSR_GS_BASE: the kernel's GS */
	je	.Lgs_kernel
	cmpl	$0xc0000102, %ecx	/* MSR_KERNEL_GS_BASE: the user's GS */
	je	.Lgs_user
	movl	%ecx, %edx		/* STAR, LSTAR, CSTAR, SYSCALL_MASK */
	subl	$0xc0000081, %edx
	cmpl	$3, %edx
	jbe	.Lignore
	movl	%ecx, %edx		/* SYSENTER_CS, _ESP, _EIP */
	subl	$0x174, %edx
	cmpl	$2, %edx
	jbe	.Lignore
	movq	%rax, %rdx		/* everything else: the native instruction, which traps to Xen */
	shrq	$32, %rdx
1:	wrmsr
	clc
	jmp	.Lwdone
2:	stc
	jmp	.Lwdone
	_ASM_EXTABLE_TYPE_REG 1b, 2b, EX_TYPE_DEFAULT, %rax
.Lignore:
	clc
	jmp	.Lwdone
.Lfs:
	movl	$SEGBASE_FS, %edx
	jmp	.Lsegbase
.Lgs_kernel:
	movl	$SEGBASE_GS_KERNEL, %edx
	jmp	.Lsegbase
.Lgs_user:
	movl	$SEGBASE_GS_USER, %edx
.Lsegbase:
	pushq	%rax
	pushq	%rdi
	pushq	%rsi
	movq	%rax, %rsi
	movl	%edx, %edi
	movl	$HYPERVISOR_set_segment_base, %eax
	vmcall
	testq	%rax, %rax		/* 0, or -errno */
	popq	%rsi
	popq	%rdi
	popq	%rax
	setnz	%dl
	shrb	$1, %dl			/* CF = the hypercall failed */
.Lwdone:
	jc	.Lwerror
	ret
.Lwerror:
	pop	%rdx			/* drop the return address */
	sub	$5, %rdx		/* rewind to the start of the 5-byte CALL */
3:	ud2				/* any instruction that always traps */
	_ASM_EXTABLE_TYPE_REG 3b, 3b, EX_TYPE_INDIRECT, %rdx
	.size	xen_wrmsr_thunk, . - xen_wrmsr_thunk

	.globl	xen_rdmsr_thunk
	.type	xen_rdmsr_thunk, @function
xen_rdmsr_thunk:
1:	rdmsr				/* reads pass through: Xen applies its policy (APIC_BASE) */
	shlq	$32, %rdx
	orq	%rdx, %rax
	clc
	jmp	.Lrdone
2:	stc
	_ASM_EXTABLE_TYPE_REG 1b, 2b, EX_TYPE_DEFAULT, %rax
.Lrdone:
	jc	.Lrerror
	ret
.Lrerror:
	pop	%rdx
	sub	$5, %rdx
3:	ud2
	_ASM_EXTABLE_TYPE_REG 3b, 3b, EX_TYPE_INDIRECT, %rdx
	.size	xen_rdmsr_thunk, . - xen_rdmsr_thunk

/* The RFC's Xen error path (reference/linux-x86.md §2): on a Xen PV guest an MSR write site is patched
 * into `call xen_wrmsr_thunk`. The thunk returns with CF set on error; then it drops its return
 * address, rewinds it to the 5-byte CALL and traps. The EX_TYPE_INDIRECT entry tells the fault handler
 * to look the table up again at the address in %rdx — the call site — and handle the fault there. */
	.include "linkage.inc"

	.text
/* In: ECX = MSR, EDX:EAX = value. Out: CF set on error. */
	.globl	xen_wrmsr_thunk
	.type	xen_wrmsr_thunk, @function
	.p2align 4, 0x90
xen_wrmsr_thunk:
	pushq	%rdi
	pushq	%rsi
	movl	%ecx, %edi
	movl	%eax, %esi
	shlq	$32, %rdx
	orq	%rdx, %rsi
	call	xen_do_write_msr	/* returns 0 or -errno in %eax */
	popq	%rsi
	popq	%rdi
	cmpl	$1, %eax		/* CF = (eax < 1 unsigned) = (eax == 0): success */
	cmc				/* CF set on error */
	jc	.L_error
	ret
.L_error:
	pop	%rdx			/* drop the return address */
	sub	$5, %rdx		/* rewind to the start of the 5-byte CALL */
1:	ud2				/* any instruction that always traps */
	_ASM_EXTABLE_TYPE_REG 1b, 1b, EX_TYPE_INDIRECT, %rdx
	.size	xen_wrmsr_thunk, . - xen_wrmsr_thunk

/* A safe MSR write as it looks after patching for Xen PV: the site is the CALL, and its own
 * WRMSR_SAFE entry puts -EIO in %eax and resumes at 2: when the thunk's ud2 faults. */
	.globl	wrmsr_safe_xen
	.type	wrmsr_safe_xen, @function
	.p2align 4, 0x90
wrmsr_safe_xen:
	xorl	%eax, %eax
1:	call	xen_wrmsr_thunk
2:	ret
	_ASM_EXTABLE_TYPE_REG 1b, 2b, EX_TYPE_WRMSR_SAFE, %rax
	.size	wrmsr_safe_xen, . - wrmsr_safe_xen

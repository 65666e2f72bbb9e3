/* Xen PV MSR thunks (the RFC): the call site is patched into `call xen_*_msr_thunk`; the thunk makes
 * the hypercall-backed access and returns with CF set on error. On error it rewinds its return
 * address to the CALL and traps; the INDIRECT extable entry sends the fault to the call site's entry. */
	.include "linkage.inc"

	.macro _ASM_EXTABLE_TYPE_REG from, to, type, regnr
	.pushsection __ex_table, "a"
	.balign 4
	.long (\from) - .
	.long (\to) - .
	.long (\type) | ((\regnr) << 8)
	.popsection
	.endm

	.macro XEN_SAVE_CALLER_REGS
	pushq	%rcx
	pushq	%rsi
	pushq	%rdi
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	.endm

	.macro XEN_RESTORE_CALLER_REGS
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rdi
	popq	%rsi
	popq	%rcx
	.endm

	.text
/* In: ECX = MSR, EDX:EAX = value. Out: CF set on error. */
SYM_FUNC_START xen_wrmsr_thunk
	XEN_SAVE_CALLER_REGS
	movl	%ecx, %edi
	movl	%eax, %esi
	shlq	$32, %rdx
	orq	%rdx, %rsi
	call	xen_do_write_msr
	testl	%eax, %eax
	XEN_RESTORE_CALLER_REGS
	jnz	1f
	clc
	jmp	2f
1:	stc
2:	jc	.L_error
	ret
.L_error:
	pop	%rdx		/* drop the return address */
	sub	$5, %rdx	/* rewind to the start of the 5-byte CALL */
1:	ud2			/* any instruction that always traps */
	_ASM_EXTABLE_TYPE_REG 1b, 1b, EX_TYPE_INDIRECT, 2
SYM_FUNC_END xen_wrmsr_thunk

/* In: ECX = MSR. Out: EDX:EAX = value, CF set on error. */
SYM_FUNC_START xen_rdmsr_thunk
	XEN_SAVE_CALLER_REGS
	movl	%ecx, %edi
	leaq	-8(%rsp), %rsi
	subq	$8, %rsp
	call	xen_do_read_msr
	movl	%eax, %edx
	popq	%rax
	XEN_RESTORE_CALLER_REGS
	testl	%edx, %edx
	jnz	.L_rd_error
	movq	%rax, %rdx
	shrq	$32, %rdx
	clc
	ret
.L_rd_error:
	pop	%rdx
	sub	$5, %rdx
1:	ud2
	_ASM_EXTABLE_TYPE_REG 1b, 1b, EX_TYPE_INDIRECT, 2
SYM_FUNC_END xen_rdmsr_thunk

/* The FUNC_REWIND variant: the handler pops one word and rewinds by the imm (-5). */
SYM_FUNC_START xen_wrmsr_thunk_rewind
	call	xen_do_write_msr_cf
	jnc	1f
2:	ud2
	_ASM_EXTABLE_TYPE_REG 2b, 2b, EX_TYPE_FUNC_REWIND | (-5 << 16), 1
1:	ret
SYM_FUNC_END xen_wrmsr_thunk_rewind

/* A patched call site as it looks after ALTERNATIVE: the original is the 5-byte CALL. */
SYM_FUNC_START xen_site_example
	movl	$MSR_FS_BASE, %ecx
	xorl	%eax, %eax
	xorl	%edx, %edx
	xorl	%edi, %edi
1:	call	xen_wrmsr_thunk
2:	movl	%edi, %eax
	ret
	_ASM_EXTABLE_TYPE_REG 1b, 2b, EX_TYPE_WRMSR_SAFE, 7
SYM_FUNC_END xen_site_example

/* Hypercall page entries: 32 bytes each, `mov $nr, %eax; syscall; ret` on PV. */
	.pushsection .text.hypercall, "ax", @progbits
	.balign 4096
SYM_CODE_START hypercall_page
	.rept 64
	movl	$(. - hypercall_page) / 32, %eax
	syscall
	ret
	.balign 32, 0xcc
	.endr
SYM_CODE_END hypercall_page
	.popsection

	.set xen_hypercall_console_io, hypercall_page + 18 * 32
	.set xen_hypercall_set_segment_base, hypercall_page + 25 * 32
	.set xen_hypercall_sched_op, hypercall_page + 29 * 32
	.globl xen_hypercall_console_io, xen_hypercall_sched_op

SYM_FUNC_START xen_console_write
	movq	%rsi, %rdx
	movq	%rdi, %rsi
	xorl	%edi, %edi
	call	xen_hypercall_console_io
	ret
SYM_FUNC_END xen_console_write

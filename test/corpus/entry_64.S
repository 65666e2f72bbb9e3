/* 64-bit system call and interrupt entry, after arch/x86/entry/entry_64.S (preprocessed by hand). */
	.file "entry_64.S"
	.include "linkage.inc"
	.include "regs.inc"

	.macro PUSH_REGS rdx=%rdx, rcx=%rcx, rax=%rax, save_ret=0
	.if \save_ret
	pushq	%rsi
	movq	8(%rsp), %rsi
	movq	%rdi, 8(%rsp)
	.else
	pushq	%rdi
	pushq	%rsi
	.endif
	pushq	\rdx
	pushq	\rcx
	pushq	\rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	.if \save_ret
	pushq	%rsi
	.endif
	.endm

	.macro CLEAR_REGS
	xorl	%esi, %esi
	xorl	%edx, %edx
	xorl	%ecx, %ecx
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%ebx, %ebx
	xorl	%ebp, %ebp
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	.endm

	.macro POP_REGS pop_rdi=1
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	.if \pop_rdi
	popq	%rdi
	.endif
	.endm

	.text
SYM_CODE_START entry_SYSCALL_64
	swapgs
	movq	%rsp, %gs:cpu_tss_rw + 4
	movq	%gs:pcpu_hot + 24, %rsp
	pushq	$0x2b
	pushq	%gs:cpu_tss_rw + 4
	pushq	%r11
	pushq	$0x33
	pushq	%rcx
	pushq	%rax
	PUSH_REGS rax=$-38
	CLEAR_REGS
	movq	%rsp, %rdi
	movslq	%eax, %rsi
	call	do_syscall_64
	testb	%al, %al
	jz	.Lswapgs_and_iret
	POP_REGS pop_rdi=0
	movq	%rsp, %rdi
	movq	%gs:cpu_tss_rw + 4, %rsp
	pushq	RSP-RDI(%rdi)
	pushq	(%rdi)
	popq	%rdi
	popq	%rsp
	swapgs
	sysretq
.Lswapgs_and_iret:
	POP_REGS
	addq	$8, %rsp
	swapgs
	iretq
SYM_CODE_END entry_SYSCALL_64

SYM_CODE_START error_entry
	PUSH_REGS save_ret=1
	testb	$3, CS+8(%rsp)
	jz	.Lerror_kernelspace
	swapgs
	leaq	8(%rsp), %rdi
	jmp	sync_regs
.Lerror_kernelspace:
	leaq	native_irq_return_iret(%rip), %rcx
	cmpq	%rcx, RIP+8(%rsp)
	je	.Lerror_bad_iret
	movl	%ecx, %eax
	cmpq	%rax, RIP+8(%rsp)
	je	.Lbstep_iret
	cmpq	$.Lgs_change, RIP+8(%rsp)
	jne	.Lerror_entry_done
	swapgs
.Lerror_entry_done:
	leaq	8(%rsp), %rax
	ret
.Lbstep_iret:
	movq	%rcx, RIP+8(%rsp)
.Lerror_bad_iret:
	swapgs
	leaq	8(%rsp), %rdi
	call	fixup_bad_iret
	movq	%rax, %rdi
	jmp	sync_regs
SYM_CODE_END error_entry

SYM_CODE_START native_irq_return_iret
	iretq
.Lgs_change:
	movl	%edi, %gs
	swapgs
	ret
SYM_CODE_END native_irq_return_iret

	.macro idtentry vector, asmsym, cfunc, has_error_code:req
SYM_CODE_START \asmsym
	.if \has_error_code == 0
	pushq	$-1
	.endif
	call	error_entry
	movq	%rax, %rsp
	movq	%rsp, %rdi
	.if \has_error_code
	movq	ORIG_RAX(%rsp), %rsi
	movq	$-1, ORIG_RAX(%rsp)
	.endif
	call	\cfunc
	jmp	error_return
SYM_CODE_END \asmsym
	.endm

	idtentry 0, asm_exc_divide_error, exc_divide_error, has_error_code=0
	idtentry 6, asm_exc_invalid_op, exc_invalid_op, has_error_code=0
	idtentry 13, asm_exc_general_protection, exc_general_protection, has_error_code=1
	idtentry 14, asm_exc_page_fault, exc_page_fault, has_error_code=1

SYM_CODE_START_LOCAL error_return
	testb	$3, CS(%rsp)
	jz	1f
	POP_REGS
	addq	$8, %rsp
	swapgs
	iretq
1:	POP_REGS
	addq	$8, %rsp
	jmp	native_irq_return_iret
SYM_CODE_END error_return

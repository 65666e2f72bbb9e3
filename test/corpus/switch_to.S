/* Context switch and helpers, after __switch_to_asm, ret_from_fork and the paravirt-free irq
 * helpers: callee-saved frames, stack canary copy through %gs, and tail calls. */
	.include "linkage.inc"

	.set TASK_threadsp, 0x1c98
	.set TASK_stack_canary, 0x9a8
	.set pcpu_stack_canary, 0x28

	.text
SYM_FUNC_START __switch_to_asm
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, TASK_threadsp(%rdi)
	movq	TASK_threadsp(%rsi), %rsp
	movq	TASK_stack_canary(%rsi), %rbx
	movq	%rbx, %gs:pcpu_stack_canary
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	jmp	__switch_to
SYM_FUNC_END __switch_to_asm

SYM_CODE_START ret_from_fork_asm
	movq	%rax, %rdi
	movq	%rsp, %rsi
	movq	%r12, %rdx
	movq	%rbx, %rcx
	call	ret_from_fork
	jmp	swapgs_restore_regs_and_return_to_usermode
SYM_CODE_END ret_from_fork_asm

SYM_FUNC_START native_save_fl
	pushfq
	popq	%rax
	ret
SYM_FUNC_END native_save_fl

SYM_FUNC_START native_irq_enable
	sti
	ret
SYM_FUNC_END native_irq_enable

SYM_FUNC_START native_safe_halt
	sti
	hlt
	ret
SYM_FUNC_END native_safe_halt

SYM_FUNC_START native_flush_tlb_one
	invlpg	(%rdi)
	ret
SYM_FUNC_END native_flush_tlb_one

SYM_FUNC_START native_write_cr3
	movq	%rdi, %cr3
	ret
SYM_FUNC_END native_write_cr3

SYM_FUNC_START native_read_cr2
	movq	%cr2, %rax
	ret
SYM_FUNC_END native_read_cr2

SYM_FUNC_START load_debug
	movq	%rdi, %db7
	movq	%db6, %rax
	movq	%rsi, %dr0
	ret
SYM_FUNC_END load_debug

SYM_FUNC_START xsave_area
	movl	$-1, %eax
	movl	$-1, %edx
	xsave64	(%rdi)
	xrstor64 (%rdi)
	xsaveopt (%rdi)
	xgetbv
	xsetbv
	ret
SYM_FUNC_END xsave_area

SYM_FUNC_START io_delay
	outb	%al, $0x80
	inb	$0x71, %al
	movw	$0x3f8, %dx
	outb	%al, %dx
	inl	%dx, %eax
	ret
SYM_FUNC_END io_delay

SYM_FUNC_START cpu_relax_loop
1:	pause
	cmpl	$0, (%rdi)
	je	1b
	mfence
	lfence
	sfence
	clflush	(%rdi)
	wbinvd
	monitor
	mwait
	ret
SYM_FUNC_END cpu_relax_loop

/* Per-CPU accesses through %gs: absolute per-cpu offsets, RIP-relative this_cpu addresses, indexed
 * per-cpu arrays, read-modify-write with and without lock, and %fs-relative TLS-style loads. */
	.include "linkage.inc"

	.section .data..percpu, "aw", @progbits
	.balign 64
	.globl pcpu_hot
pcpu_hot:
	.quad 0		/* current_task */
	.long 0		/* preempt_count */
	.long 0		/* cpu_number */
	.quad 0		/* top_of_stack */
	.size pcpu_hot, . - pcpu_hot
	.globl cpu_tss_rw
cpu_tss_rw:
	.skip 104
	.globl irq_stat
irq_stat:
	.skip 64
	.globl this_cpu_off
this_cpu_off:
	.quad 0

	.text
SYM_FUNC_START percpu_demo
	movq	%gs:pcpu_hot, %rax
	movl	%gs:pcpu_hot+8, %ecx
	movq	%gs:pcpu_hot+16, %rsp
	incl	%gs:pcpu_hot+8
	decl	%gs:pcpu_hot+8
	addl	$1, %gs:irq_stat
	subq	$2, %gs:irq_stat+8
	orl	$0x80000000, %gs:irq_stat+4
	movq	%gs:this_cpu_off, %rdx
	leaq	irq_stat(%rdx), %rdi
	movq	%gs:pcpu_hot(%rip), %rax
	movq	%rax, %gs:cpu_tss_rw+4(%rip)
	cmpb	$0, %gs:irq_stat(%rip)
	movq	%gs:0x28, %rax
	movq	%gs:(%rax), %rbx
	movq	%gs:8(%rax,%rcx,8), %rbx
	movq	%gs:irq_stat(,%rcx,8), %rbx
	lock incq %gs:pcpu_hot
	xchgq	%rax, %gs:pcpu_hot
	cmpxchgq %rcx, %gs:pcpu_hot+16
	cmpxchg16b %gs:irq_stat
	xaddl	%eax, %gs:pcpu_hot+8
	btsq	$3, %gs:irq_stat
	movb	$1, %gs:irq_stat+63
	movw	%ax, %gs:irq_stat+62
	movq	%fs:0, %rax
	movq	%fs:-8, %rax
	movl	%fs:0x10(%rdi), %eax
	rdgsbase %rax
	wrgsbase %rdi
	rdfsbase %r11
	wrfsbase %r11
	swapgs
	ret
SYM_FUNC_END percpu_demo

	.macro this_cpu_add_4 var, val
	addl	$\val, %gs:\var
	.endm
	.macro this_cpu_read_8 var, reg
	movq	%gs:\var, \reg
	.endm

SYM_FUNC_START percpu_macros
	this_cpu_add_4 pcpu_hot+8, 1
	this_cpu_add_4 irq_stat, -1
	this_cpu_read_8 pcpu_hot, %rax
	this_cpu_read_8 this_cpu_off, %r12
	.irp off, 0, 8, 16, 24, 32
	movq	%gs:irq_stat+\off, %rax
	.endr
	ret
SYM_FUNC_END percpu_macros

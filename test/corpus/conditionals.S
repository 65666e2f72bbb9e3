/* Conditional assembly trees: every .if flavour, .else/.elseif chains, nesting, and conditions on
 * symbols defined with .set/.equ/= and on macro arguments. */
	CONFIG_X86_64 = 1
	.equ CONFIG_SMP, 1
	.set CONFIG_NR_CPUS, 64
	CONFIG_PREEMPT = 0

	.text
	.globl cond_demo
	.type cond_demo, @function
cond_demo:
	.ifdef CONFIG_X86_64
	movq	%rdi, %rax
	.else
	movl	%edi, %eax
	.endif
	.ifndef CONFIG_X86_32
	addq	$8, %rax
	.endif
	.ifndef CONFIG_SMP
	ud2
	.endif
	.if CONFIG_NR_CPUS > 128
	movl	$256, %ecx
	.elseif CONFIG_NR_CPUS > 32
	movl	$128, %ecx
	.elseif CONFIG_NR_CPUS > 8
	movl	$32, %ecx
	.else
	movl	$8, %ecx
	.endif
	.ifeq CONFIG_PREEMPT
	nop
	.endif
	.ifne CONFIG_SMP
	lock incl (%rdi)
	.else
	incl	(%rdi)
	.endif
	.ifgt CONFIG_NR_CPUS - 63
	movb	$1, %al
	.endif
	.ifge CONFIG_NR_CPUS - 65
	movb	$2, %al
	.else
	movb	$3, %al
	.endif
	.iflt CONFIG_PREEMPT - 1
	movb	$4, %al
	.endif
	.ifle CONFIG_PREEMPT
	movb	$5, %al
	.endif
	.if CONFIG_SMP
	.if CONFIG_PREEMPT
	pushfq
	.elseif CONFIG_NR_CPUS == 64
	.ifdef CONFIG_X86_64
	.ifeq CONFIG_NR_CPUS - 64
	movl	$64, %edx
	.endif
	.endif
	.else
	popfq
	.endif
	.endif
	ret
	.size cond_demo, . - cond_demo

	.macro sel_reg size, reg
	.ifc \size, q
	movq	\reg, %rax
	.exitm
	.endif
	.ifnc \size, l
	.error "bad size"
	.endif
	movl	\reg, %eax
	.endm

	.macro maybe_push reg, extra
	.ifb \reg
	pushq	$0
	.else
	pushq	\reg
	.endif
	.ifnb \extra
	pushq	\extra
	.endif
	.endm

	.globl cond_macros
cond_macros:
	sel_reg q, %rbx
	sel_reg l, %ecx
	maybe_push
	maybe_push %rax
	maybe_push %rbx, %rcx
	.ifc "a b", "a b"
	movl	$1, %eax
	.endif
	.ifnc abc, abd
	movl	$2, %eax
	.endif
	.if (1 << 4) == 16 && (3 | 4) == 7 || 0
	movl	$3, %eax
	.endif
	.if 0
	this is not assembled at all: %%% garbage
	.rept 1000000
	.endif
	ret

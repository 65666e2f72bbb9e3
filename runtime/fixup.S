/*
 * fixup_exception: what the kernel does when an instruction faults and the exception table has an
 * entry for it (reference/linux-x86.md §2; src/kernel/fixup.ts is the model the emulator checks this
 * code against, and its comment explains INDIRECT and FUNC_REWIND).
 *
 * The handler works on the saved frame (entry.S): it looks the faulting rip up with search_extable,
 * dispatches on the entry's type through a table, changes registers in the frame as Linux's handler
 * changes `struct pt_regs`, and sets the frame's rip to the fixup; the entry code's iretq then resumes
 * there. Register numbers (data bits 8–11) index `pt_regs_offset`, Linux's `pt_regs_nr`: number 4 is
 * the saved stack pointer of the iret frame.
 *
 * Types handled: DEFAULT, FAULT, UACCESS (as DEFAULT: the runtime does not check #GP addresses),
 * WRMSR, RDMSR, WRMSR_SAFE, RDMSR_SAFE, WRMSR_IN_MCE and RDMSR_IN_MCE (message, then panic),
 * DEFAULT_MCE_SAFE, FAULT_MCE_SAFE, POP_REG, IMM_REG, INDIRECT and FUNC_REWIND. ZEROPAD and unknown
 * types are refused with a line saying so, and the fault becomes an oops.
 *
 * MSR faults. The MSR number and the value are ECX and EDX:EAX, unless the instruction at rip is an
 * immediate form, `c4 e7|c7 7b|7a f6 c0+r imm32` (rdmsr $imm, %r64 / wrmsrns %r64, $imm; c7 for
 * r8–r15): then the MSR is the imm32 at offset 5 and the value the register, and a failed read clears
 * only that register. Like Linux's handler this reads the instruction at rip with no prefix scan; after
 * an INDIRECT or FUNC_REWIND, rip is the call site, whose `call` is not an immediate form. The
 * "unchecked MSR access error" lines use Linux's format strings and are printed once per site: the
 * first 64 sites to warn are remembered (Linux warns once per boot for all sites together).
 *
 * INDIRECT and FUNC_REWIND look the table up again; 16 lookups in all are allowed for one fault, so a
 * table whose entries point at each other cannot loop. If a lookup finds nothing, the frame's rip and
 * rsp are put back as they were at the fault and the caller oopses with the registers of the fault.
 */
	.equ	EX_TYPE_DEFAULT, 1
	.equ	EX_TYPE_FAULT, 2
	.equ	EX_TYPE_UACCESS, 3
	.equ	EX_TYPE_WRMSR, 8
	.equ	EX_TYPE_RDMSR, 9
	.equ	EX_TYPE_WRMSR_SAFE, 10
	.equ	EX_TYPE_RDMSR_SAFE, 11
	.equ	EX_TYPE_WRMSR_IN_MCE, 12
	.equ	EX_TYPE_RDMSR_IN_MCE, 13
	.equ	EX_TYPE_DEFAULT_MCE_SAFE, 14
	.equ	EX_TYPE_FAULT_MCE_SAFE, 15
	.equ	EX_TYPE_POP_REG, 16
	.equ	EX_TYPE_IMM_REG, 17
	.equ	EX_TYPE_ZEROPAD, 20
	.equ	EX_TYPE_INDIRECT, 22
	.equ	EX_TYPE_FUNC_REWIND, 23
	.equ	EX_TYPE_MAX, 23
	.equ	EX_FLAG_CLEAR_AX, 0x1000
	.equ	EX_FLAG_CLEAR_DX, 0x2000
	.equ	EIO, 5
	.equ	MAX_LOOKUPS, 16
	.equ	MAX_WARNED_SITES, 64

	.include "ptrace.inc"

	/* %ebp in the MSR handlers */
	.equ	MSR_WRITE, 1
	.equ	MSR_SAFE, 2
	.equ	MSR_IN_MCE, 4

	.text
/*
 * int fixup_exception(struct pt_regs *regs): 1 when an entry handled the fault (the frame says where
 * to resume), 0 when none did (the frame as it was at the fault).
 *
 * Register use: %rbx regs, %r12 the current entry, %r13 lookups left, %r14/%r15 rip/rsp at the fault,
 * %rbp the entry that redirected the lookup (0 at first). A final MSR handler reuses %r13–%r15 for the
 * MSR number, the value and the immediate form's register: it cannot fail any more.
 */
	.globl	fixup_exception
	.type	fixup_exception, @function
fixup_exception:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp
	movq	%rdi, %rbx
	movq	PT_RIP(%rbx), %r14
	movq	PT_RSP(%rbx), %r15
	movl	$MAX_LOOKUPS, %r13d
	xorl	%ebp, %ebp
.Llookup:
	decl	%r13d
	js	.Lloop
	movq	PT_RIP(%rbx), %rdi
	call	search_extable
	testq	%rax, %rax
	jz	.Lno_entry
	movq	%rax, %r12
	movzbl	8(%r12), %eax		/* type: data bits 0–7 */
	cmpl	$EX_TYPE_MAX, %eax
	ja	.Lh_unknown
	jmp	*ex_handlers(,%rax,8)

/* ex_handler_default: clear AX/DX if flagged; ip = fixup. */
.Lh_default:
	movl	8(%r12), %eax
	testl	$EX_FLAG_CLEAR_AX, %eax
	jz	1f
	movq	$0, PT_RAX(%rbx)
1:	testl	$EX_FLAG_CLEAR_DX, %eax
	jz	2f
	movq	$0, PT_RDX(%rbx)
2:	movq	%r12, %rdi
	call	ex_fixup_addr
	movq	%rax, PT_RIP(%rbx)
	movl	$1, %eax
	jmp	.Lreturn

/* ex_handler_fault: ax = trap number. */
.Lh_fault:
	movq	PT_VECTOR(%rbx), %rax
	movq	%rax, PT_RAX(%rbx)
	jmp	.Lh_default

.Lh_wrmsr:
	movl	$MSR_WRITE, %ebp
	jmp	.Lmsr
.Lh_rdmsr:
	xorl	%ebp, %ebp
	jmp	.Lmsr
.Lh_wrmsr_safe:
	movl	$(MSR_WRITE | MSR_SAFE), %ebp
	jmp	.Lmsr
.Lh_rdmsr_safe:
	movl	$MSR_SAFE, %ebp
	jmp	.Lmsr
.Lh_wrmsr_in_mce:
	movl	$(MSR_WRITE | MSR_IN_MCE), %ebp
	jmp	.Lmsr
.Lh_rdmsr_in_mce:
	movl	$MSR_IN_MCE, %ebp

/* ex_handler_msr / ex_handler_msr_mce. First the facts: %r13d MSR, %r14 value, %r15d register or -1. */
.Lmsr:
	movl	PT_RCX(%rbx), %r13d
	movl	PT_RDX(%rbx), %r14d
	shlq	$32, %r14
	movl	PT_RAX(%rbx), %eax
	orq	%rax, %r14
	movl	$-1, %r15d
	movq	PT_RIP(%rbx), %rsi
	cmpb	$0xc4, (%rsi)		/* VEX3 */
	jne	.Lmsr_known
	movzbl	1(%rsi), %ecx
	movl	%ecx, %edx
	andl	$0xdf, %edx		/* R̄ X̄ m-mmmm = 1 1 00111, either B̄ */
	cmpl	$0xc7, %edx
	jne	.Lmsr_known
	movzbl	2(%rsi), %edx
	andl	$0xfe, %edx		/* W0 v̄vvv=1111 L0, pp 10 (F3: wrmsrns) or 11 (F2: rdmsr) */
	cmpl	$0x7a, %edx
	jne	.Lmsr_known
	cmpb	$0xf6, 3(%rsi)
	jne	.Lmsr_known
	movzbl	4(%rsi), %edx		/* ModRM: 11 000 reg */
	movl	%edx, %eax
	andl	$0xf8, %eax
	cmpl	$0xc0, %eax
	jne	.Lmsr_known
	andl	$7, %edx
	testl	$0x20, %ecx		/* B̄ clear: r8–r15 */
	jnz	1f
	addl	$8, %edx
1:	movl	%edx, %r15d
	movl	5(%rsi), %r13d		/* the imm32: the MSR */
	movzbl	pt_regs_offset(%rdx), %eax
	movq	(%rbx,%rax), %r14	/* the value is the register */
.Lmsr_known:
	testl	$MSR_IN_MCE, %ebp
	jnz	.Lmsr_mce
	testl	$MSR_SAFE, %ebp
	jnz	.Lmsr_effects
	movq	PT_RIP(%rbx), %rdi
	call	warn_once_site
	testl	%eax, %eax
	jz	.Lmsr_effects
	testl	$MSR_WRITE, %ebp
	jz	1f
	leaq	fmt_wrmsr(%rip), %rdi
	call	.Lprint_wrmsr
	jmp	.Lmsr_effects
1:	leaq	fmt_rdmsr(%rip), %rdi
	call	.Lprint_rdmsr
.Lmsr_effects:
	testl	$MSR_WRITE, %ebp
	jnz	2f
	testl	%r15d, %r15d		/* a read pretends it returned 0 */
	js	1f
	movzbl	pt_regs_offset(%r15), %eax
	movq	$0, (%rbx,%rax)
	jmp	2f
1:	movq	$0, PT_RAX(%rbx)
	movq	$0, PT_RDX(%rbx)
2:	testl	$MSR_SAFE, %ebp
	jz	.Lh_default
	movq	$-EIO, %rax
	jmp	.Lset_reg_default
.Lmsr_mce:
	testl	$MSR_WRITE, %ebp
	jz	1f
	leaq	fmt_wrmsr_mce(%rip), %rdi
	call	.Lprint_wrmsr
	jmp	2f
1:	leaq	fmt_rdmsr_mce(%rip), %rdi
	call	.Lprint_rdmsr
2:	leaq	msg_mca(%rip), %rdi
	call	panic

/* printk(%rdi, msr, value >> 32, value, rip) and printk(%rdi, msr, rip). */
.Lprint_wrmsr:
	movl	%r13d, %esi
	movq	%r14, %rdx
	shrq	$32, %rdx
	movq	%r14, %rcx
	movq	PT_RIP(%rbx), %r8
	jmp	printk
.Lprint_rdmsr:
	movl	%r13d, %esi
	movq	PT_RIP(%rbx), %rdx
	jmp	printk

/* POP_REG: sp += 8, then IMM_REG. */
.Lh_pop_reg:
	addq	$8, PT_RSP(%rbx)
/* ex_handler_imm_reg: register := the sign-extended immediate (data bits 16–31). */
.Lh_imm_reg:
	movslq	8(%r12), %rax
	sarq	$16, %rax
/* register (data bits 8–11) := %rax, then DEFAULT. */
.Lset_reg_default:
	movzbl	9(%r12), %ecx
	andl	$0xf, %ecx
	movzbl	pt_regs_offset(%rcx), %ecx
	movq	%rax, (%rbx,%rcx)
	jmp	.Lh_default

/* INDIRECT: the fault is handled as if it had happened at the address in register `reg`. */
.Lh_indirect:
	movq	%r12, %rbp
	movzbl	9(%r12), %ecx
	andl	$0xf, %ecx
	movzbl	pt_regs_offset(%rcx), %ecx
	movq	(%rbx,%rcx), %rax
	movq	%rax, PT_RIP(%rbx)
	jmp	.Llookup

/* FUNC_REWIND: pop n = data bits 8–15 words, the last is the return address; ip = it + imm; again. */
.Lh_func_rewind:
	movq	%r12, %rbp
	movzbl	9(%r12), %ecx		/* n */
	testl	%ecx, %ecx
	jz	.Lrewind_nothing
	movq	PT_RSP(%rbx), %rdx
	movq	-8(%rdx,%rcx,8), %rax	/* the return address */
	leaq	(%rdx,%rcx,8), %rdx
	movq	%rdx, PT_RSP(%rbx)
	movslq	8(%r12), %rdx
	sarq	$16, %rdx
	addq	%rdx, %rax
	movq	%rax, PT_RIP(%rbx)
	jmp	.Llookup
.Lrewind_nothing:
	leaq	fmt_rewind_nothing(%rip), %rdi
	movq	PT_RIP(%rbx), %rsi
	call	printk
	jmp	.Lfail

.Lh_zeropad:
	leaq	fmt_zeropad(%rip), %rdi
	movq	PT_RIP(%rbx), %rsi
	call	printk
	jmp	.Lfail

/* Linux: BUG(). Here: say so, and oops. */
.Lh_unknown:
	leaq	fmt_unknown(%rip), %rdi
	movzbl	8(%r12), %esi
	movq	PT_RIP(%rbx), %rdx
	call	printk
	jmp	.Lfail

.Lno_entry:
	testq	%rbp, %rbp		/* the first lookup: a plain oops, nothing to add */
	jz	.Lfail
	leaq	name_indirect(%rip), %rsi
	cmpb	$EX_TYPE_INDIRECT, 8(%rbp)
	je	1f
	leaq	name_func_rewind(%rip), %rsi
1:	movslq	(%rbp), %rdx
	addq	%rbp, %rdx		/* where the redirecting entry was */
	movq	PT_RIP(%rbx), %rcx
	leaq	fmt_no_entry(%rip), %rdi
	call	printk
	jmp	.Lfail

.Lloop:
	leaq	fmt_loop(%rip), %rdi
	movl	$MAX_LOOKUPS, %esi
	movq	%r14, %rdx
	call	printk
.Lfail:
	movq	%r14, PT_RIP(%rbx)
	movq	%r15, PT_RSP(%rbx)
	xorl	%eax, %eax
.Lreturn:
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
	.size	fixup_exception, . - fixup_exception

/*
 * int warn_once_site(u64 ip): 1 the first time a site asks (and remembers it), 0 afterwards. When the
 * list is full every further new site warns each time.
 */
	.type	warn_once_site, @function
warn_once_site:
	leaq	warned_sites(%rip), %rsi
	movl	warned_count(%rip), %ecx
	xorl	%edx, %edx
1:	cmpl	%ecx, %edx
	jae	2f
	cmpq	%rdi, (%rsi,%rdx,8)
	je	3f
	incl	%edx
	jmp	1b
2:	cmpl	$MAX_WARNED_SITES, %ecx
	jae	4f
	movq	%rdi, (%rsi,%rcx,8)
	incl	warned_count(%rip)
4:	movl	$1, %eax
	ret
3:	xorl	%eax, %eax
	ret
	.size	warn_once_site, . - warn_once_site

	.section .rodata
	.balign	8
/* One handler per type number; types Linux has that this runtime does not handle go to .Lh_unknown. */
ex_handlers:
	.quad	.Lh_unknown		/* 0 */
	.quad	.Lh_default		/* 1 EX_TYPE_DEFAULT */
	.quad	.Lh_fault		/* 2 EX_TYPE_FAULT */
	.quad	.Lh_default		/* 3 EX_TYPE_UACCESS */
	.quad	.Lh_unknown		/* 4 EX_TYPE_CLEAR_FS */
	.quad	.Lh_unknown		/* 5 EX_TYPE_FPU_RESTORE */
	.quad	.Lh_unknown		/* 6 EX_TYPE_BPF */
	.quad	.Lh_unknown		/* 7 EX_TYPE_FAULT_SGX */
	.quad	.Lh_wrmsr		/* 8 EX_TYPE_WRMSR */
	.quad	.Lh_rdmsr		/* 9 EX_TYPE_RDMSR */
	.quad	.Lh_wrmsr_safe		/* 10 EX_TYPE_WRMSR_SAFE */
	.quad	.Lh_rdmsr_safe		/* 11 EX_TYPE_RDMSR_SAFE */
	.quad	.Lh_wrmsr_in_mce	/* 12 EX_TYPE_WRMSR_IN_MCE */
	.quad	.Lh_rdmsr_in_mce	/* 13 EX_TYPE_RDMSR_IN_MCE */
	.quad	.Lh_default		/* 14 EX_TYPE_DEFAULT_MCE_SAFE */
	.quad	.Lh_fault		/* 15 EX_TYPE_FAULT_MCE_SAFE */
	.quad	.Lh_pop_reg		/* 16 EX_TYPE_POP_REG */
	.quad	.Lh_imm_reg		/* 17 EX_TYPE_IMM_REG */
	.quad	.Lh_unknown		/* 18 EX_TYPE_FAULT_SGX */
	.quad	.Lh_unknown		/* 19 EX_TYPE_UCOPY_LEN */
	.quad	.Lh_zeropad		/* 20 EX_TYPE_ZEROPAD */
	.quad	.Lh_unknown		/* 21 EX_TYPE_ERETU */
	.quad	.Lh_indirect		/* 22 EX_TYPE_INDIRECT */
	.quad	.Lh_func_rewind		/* 23 EX_TYPE_FUNC_REWIND */

/* pt_regs_nr: frame offset of register number 0–15 (rax rcx rdx rbx rsp rbp rsi rdi r8 … r15). */
	.globl	pt_regs_offset
pt_regs_offset:
	.byte	80, 88, 96, 40, 160, 32, 104, 112
	.byte	72, 64, 56, 48, 24, 16, 8, 0

fmt_wrmsr:
	.asciz	"unchecked MSR access error: WRMSR to 0x%x (tried to write 0x%08x%08x) at rIP: 0x%lx\n"
fmt_rdmsr:
	.asciz	"unchecked MSR access error: RDMSR from 0x%x at rIP: 0x%lx\n"
fmt_wrmsr_mce:
	.asciz	"MSR access error: WRMSR to 0x%x (tried to write 0x%08x%08x) at rIP: 0x%lx\n"
fmt_rdmsr_mce:
	.asciz	"MSR access error: RDMSR from 0x%x at rIP: 0x%lx\n"
msg_mca:
	.asciz	"MCA architectural violation!"
fmt_unknown:
	.asciz	"BUG: unknown exception table type %u at 0x%lx\n"
fmt_zeropad:
	.asciz	"EX_TYPE_ZEROPAD at 0x%lx: not handled by this runtime\n"
fmt_rewind_nothing:
	.asciz	"EX_TYPE_FUNC_REWIND at 0x%lx pops 0 words: no return address\n"
fmt_no_entry:
	.asciz	"%s at 0x%lx: no exception table entry for 0x%lx\n"
fmt_loop:
	.asciz	"exception table loop: %u lookups from 0x%lx without a final handler\n"
name_indirect:
	.asciz	"EX_TYPE_INDIRECT"
name_func_rewind:
	.asciz	"EX_TYPE_FUNC_REWIND"

	.section .bss
	.balign	8
warned_sites:
	.skip	8 * MAX_WARNED_SITES
warned_count:
	.skip	4

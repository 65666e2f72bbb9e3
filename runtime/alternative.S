/*
 * apply_alternatives: patch every site of `.altinstructions` for the CPU that is running, before any
 * patched site executes (`_start64` calls it after cpu_detect, before main). The rules are
 * reference/linux-x86.md §1; src/kernel/alternatives.ts is the model, and the emulator compares every
 * site this code writes with the model's answer for the same features.
 *
 * Why per site, with the last eligible record. ALTERNATIVE_2 and friends nest, and every level emits a
 * record for the same site, innermost first, with the `instrlen` it saw (the outer padding came
 * later). Linux's January 2026 rewrite evaluates all records of a site and writes the site once, from
 * its original bytes, with the last record whose condition holds (`cpu_has(feature)` differs from
 * ALT_FLAG_NOT); we do the same. A site no record selects keeps its original bytes untouched.
 *
 * Per site (the records that follow each other with one site address; its length is their largest
 * instrlen):
 *  1. the replacement is copied into alt_buf and padded with 90 to the site length;
 *  2. ALT_FLAG_DIRECT_CALL: the replacement must be `e8 rel32` and the original `ff 15 disp32`
 *     (call *disp(%rip)); the call goes straight to the function the original's pointer holds
 *     (BUG_func for a null pointer), and the whole site becomes NOPs if that is nop_func;
 *  3. relocation: each e8/e9/eb/jcc rel8/jcc rel32 operand and RIP-relative displacement of the copied
 *     replacement whose target lies outside the replacement (before it, or after its end) gets
 *     `replacement − site` added; a relocated `e9 rel32` that fits in 8 bits becomes `eb rel8` and cc
 *     filler;
 *  4. NOP optimisation: each NOP that is not the last instruction, with the 90s after it, becomes one
 *     NOP of Linux's table, or `eb len-2` over cc filler above 11 bytes (`e9 rel32` from 128);
 *  5. the buffer is copied over the site.
 * Instructions are walked with insn_decode (insn-len.S); an instruction it cannot decode ends the walk,
 * as a decoding error does in Linux. What Linux would BUG() on (a replacement longer than the site, a
 * relocated operand that no longer reaches, a DIRECT_CALL of the wrong shape) prints
 * "alternatives: <what> at site 0x…" and panics.
 *
 * The text is writable (the boot page tables map it so), and a site is never the code that is running:
 * no serialisation beyond the returns and jumps that follow is needed on one CPU.
 */
	.equ	ALT_INSTR_SIZE, 14
	.equ	ALT_FLAG_NOT, 1 << 0
	.equ	ALT_FLAG_DIRECT_CALL, 1 << 1
	/* struct alt_instr */
	.equ	ALT_INSTR_OFFSET, 0
	.equ	ALT_REPL_OFFSET, 4
	.equ	ALT_FEATURE, 8
	.equ	ALT_FLAGS, 10
	.equ	ALT_INSTRLEN, 12
	.equ	ALT_REPLACEMENTLEN, 13

	/* struct insn_info (insn-len.S) */
	.equ	INSN_OPCODE, 3
	.equ	INSN_IMM_OFF, 4
	.equ	INSN_IMM_SIZE, 5
	.equ	INSN_DISP_OFF, 6
	.equ	INSN_FLAGS, 8
	.equ	INSN_REL, 1
	.equ	INSN_RIPREL, 2
	.equ	INSN_NOP, 4

	.equ	NOP, 0x90
	.equ	INT3, 0xcc
	.equ	JMP8, 0xeb
	.equ	JMP32, 0xe9
	.equ	CALL_INSN_OPCODE, 0xe8
	.equ	ASM_NOP_MAX, 11

	.text
/* void apply_alternatives(void) */
	.globl	apply_alternatives
	.type	apply_alternatives, @function
apply_alternatives:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp
	leaq	__alt_instructions(%rip), %r12
	leaq	__alt_instructions_end(%rip), %r13
.Lsite:
	cmpq	%r13, %r12
	jae	.Ldone
	movslq	ALT_INSTR_OFFSET(%r12), %r14
	addq	%r12, %r14		/* the site */
	movq	%r12, %rbx		/* the records of this site: [%r12, %rbx) */
	xorl	%ebp, %ebp		/* its length */
	xorl	%r15d, %r15d		/* the chosen record */
.Lrecord:
	cmpq	%r13, %rbx
	jae	.Lpatch
	movslq	ALT_INSTR_OFFSET(%rbx), %rax
	addq	%rbx, %rax
	cmpq	%r14, %rax
	jne	.Lpatch
	movzbl	ALT_INSTRLEN(%rbx), %eax
	cmpl	%ebp, %eax
	jbe	1f
	movl	%eax, %ebp
1:	movzwl	ALT_FEATURE(%rbx), %edi
	call	cpu_has
	movzwl	ALT_FLAGS(%rbx), %ecx
	andl	$ALT_FLAG_NOT, %ecx
	cmpl	%ecx, %eax		/* has(feature) == NOT: the condition fails */
	je	2f
	movq	%rbx, %r15
2:	addq	$ALT_INSTR_SIZE, %rbx
	jmp	.Lrecord
.Lpatch:
	testq	%r15, %r15
	jz	3f
	movq	%r14, %rdi
	movl	%ebp, %esi
	movq	%r15, %rdx
	call	patch_site
3:	movq	%rbx, %r12
	jmp	.Lsite
.Ldone:
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
	.size	apply_alternatives, . - apply_alternatives

/*
 * void patch_site(u8 *site, unsigned len, const struct alt_instr *a): steps 1–5 above.
 * %r12 site, %r13d len, %r14 a, %r15 replacement, %ebx replacementlen, %ebp where relocation starts.
 */
	.type	patch_site, @function
patch_site:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp
	movq	%rdi, %r12
	movl	%esi, %r13d
	movq	%rdx, %r14
	movq	%r12, alt_cur_site(%rip)
	movslq	ALT_REPL_OFFSET(%r14), %r15
	leaq	ALT_REPL_OFFSET(%r14,%r15), %r15
	movzbl	ALT_REPLACEMENTLEN(%r14), %ebx
	cmpl	%r13d, %ebx
	jbe	1f
	leaq	msg_too_long(%rip), %rdi
	jmp	alt_bug
1:	leaq	alt_buf(%rip), %rdi	/* 1: the replacement, padded */
	movq	%r15, %rsi
	movl	%ebx, %ecx
	rep movsb
	movl	%r13d, %ecx
	subl	%ebx, %ecx
	movb	$NOP, %al
	rep stosb
	xorl	%ebp, %ebp
	testw	$ALT_FLAG_DIRECT_CALL, ALT_FLAGS(%r14)
	jz	2f
	call	.Ldirect_call		/* 2: -> %eax bytes kept (0 or 5) */
	movl	%eax, %ebp
	leaq	alt_buf(%rip), %rdi
	addq	%rax, %rdi
	movl	%r13d, %ecx
	subl	%eax, %ecx
	movb	$NOP, %al
	rep stosb
2:	leaq	alt_buf(%rip), %rdi	/* 3 */
	movl	%r13d, %esi
	movl	%ebp, %edx
	movq	%r15, %rcx
	subq	%r12, %rcx		/* delta = replacement − site */
	movl	%ebx, %r8d
	call	alt_relocate
	leaq	alt_buf(%rip), %rdi	/* 4 */
	movl	%r13d, %esi
	call	alt_optimize_nops
	movq	%r12, %rdi		/* 5 */
	leaq	alt_buf(%rip), %rsi
	movl	%r13d, %ecx
	rep movsb
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret

/* alt_replace_call: the shape, then the target. Returns the bytes to keep in %eax. */
.Ldirect_call:
	cmpl	$5, %ebx
	jne	.Lbad_call
	leaq	alt_buf(%rip), %rdi
	cmpb	$CALL_INSN_OPCODE, (%rdi)
	jne	.Lbad_call
	cmpb	$6, ALT_INSTRLEN(%r14)
	jne	.Lbad_indirect
	cmpb	$0xff, (%r12)		/* call *disp32(%rip): ff 15 */
	jne	.Lbad_indirect
	cmpb	$0x15, 1(%r12)
	jne	.Lbad_indirect
	movslq	2(%r12), %rax
	movq	6(%r12,%rax), %rax	/* the pointer the original call reads */
	testq	%rax, %rax
	jnz	1f
	leaq	BUG_func(%rip), %rax
1:	leaq	nop_func(%rip), %rcx
	cmpq	%rcx, %rax
	jne	2f
	xorl	%eax, %eax		/* a call of nop_func: all NOPs */
	ret
2:	leaq	5(%r12), %rcx
	subq	%rcx, %rax		/* rel32 from the end of the 5-byte call */
	movslq	%eax, %rcx
	cmpq	%rax, %rcx
	jne	.Lbad_reach
	movb	$CALL_INSN_OPCODE, (%rdi)
	movl	%eax, 1(%rdi)
	movl	$5, %eax
	ret
.Lbad_call:
	leaq	msg_bad_call(%rip), %rdi
	jmp	alt_bug
.Lbad_indirect:
	leaq	msg_bad_indirect(%rip), %rdi
	jmp	alt_bug
.Lbad_reach:
	leaq	msg_call_reach(%rip), %rdi
	jmp	alt_bug
	.size	patch_site, . - patch_site

/*
 * void alt_relocate(u8 *buf, unsigned len, unsigned from, s64 delta, unsigned replen): __apply_relocation.
 * %rbx buf, %r12d len, %r13d position, %r14 delta, %r15d replen, %ebp the next instruction;
 * the struct insn_info at (%rsp).
 */
	.type	alt_relocate, @function
alt_relocate:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$24, %rsp
	movq	%rdi, %rbx
	movl	%esi, %r12d
	movl	%edx, %r13d
	movq	%rcx, %r14
	movl	%r8d, %r15d
.Lreloc_next:
	cmpl	%r12d, %r13d
	jae	.Lreloc_done
	leaq	(%rbx,%r13), %rdi
	movl	%r12d, %esi
	subl	%r13d, %esi
	movq	%rsp, %rdx
	call	insn_decode
	testl	%eax, %eax
	jz	.Lreloc_done		/* Linux: WARN and stop */
	leal	(%r13,%rax), %ebp
	testb	$INSN_REL, INSN_FLAGS(%rsp)
	jz	.Lreloc_rip
	movzbl	INSN_IMM_OFF(%rsp), %ecx
	addl	%r13d, %ecx		/* the operand's place in buf */
	cmpb	$1, INSN_IMM_SIZE(%rsp)
	jne	.Lrel32
	movsbq	(%rbx,%rcx), %rax	/* rel8 */
	call	.Lreloc_outside
	jnc	.Lreloc_rip
	addq	%r14, %rax
	movsbq	%al, %rdx
	cmpq	%rax, %rdx
	jne	.Lreloc_overflow
	movb	%al, (%rbx,%rcx)
	jmp	.Lreloc_rip
.Lrel32:
	movslq	(%rbx,%rcx), %rax
	call	.Lreloc_outside
	jnc	.Lreloc_rip
	addq	%r14, %rax
	movslq	%eax, %rdx
	cmpq	%rax, %rdx
	jne	.Lreloc_overflow
	movl	%eax, (%rbx,%rcx)
	cmpb	$JMP32, INSN_OPCODE(%rsp)
	jne	.Lreloc_rip
	movl	%ebp, %edx		/* jmp rel32 → jmp rel8: counts from the end of the 2-byte jmp */
	subl	%r13d, %edx
	leaq	-2(%rax,%rdx), %rax
	movsbq	%al, %rdx
	cmpq	%rax, %rdx
	jne	.Lreloc_rip
	movb	$JMP8, (%rbx,%r13)
	movb	%al, 1(%rbx,%r13)
	leal	2(%r13), %ecx
1:	cmpl	%ebp, %ecx
	jae	.Lreloc_rip
	movb	$INT3, (%rbx,%rcx)
	incl	%ecx
	jmp	1b
.Lreloc_rip:
	testb	$INSN_RIPREL, INSN_FLAGS(%rsp)
	jz	.Lreloc_step
	movzbl	INSN_DISP_OFF(%rsp), %ecx
	addl	%r13d, %ecx
	movslq	(%rbx,%rcx), %rax
	call	.Lreloc_outside
	jnc	.Lreloc_step
	addq	%r14, %rax
	movslq	%eax, %rdx
	cmpq	%rax, %rdx
	jne	.Lreloc_overflow
	movl	%eax, (%rbx,%rcx)
.Lreloc_step:
	movl	%ebp, %r13d
	jmp	.Lreloc_next
.Lreloc_done:
	addq	$24, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
.Lreloc_overflow:
	leaq	msg_reach(%rip), %rdi
	jmp	alt_bug

/* CF set when the target of the operand %rax, counted from the next instruction %ebp, lies outside
 * the replacement: before its start or after its end (its end is inside). Keeps %rax and %rcx. */
.Lreloc_outside:
	movl	%ebp, %edx
	addq	%rax, %rdx
	js	1f			/* before the start */
	cmpq	%r15, %rdx		/* after the end: CF = replen < target */
	seta	%dl
	shrb	$1, %dl			/* %dl bit 0 into CF */
	ret
1:	stc
	ret
	.size	alt_relocate, . - alt_relocate

/*
 * void alt_optimize_nops(u8 *buf, unsigned len): optimize_nops. %rbx buf, %r12d len, %r13d position,
 * %r14d the end of the NOP run; the struct insn_info at (%rsp).
 */
	.type	alt_optimize_nops, @function
alt_optimize_nops:
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	subq	$24, %rsp
	movq	%rdi, %rbx
	movl	%esi, %r12d
	xorl	%r13d, %r13d
.Lnops_next:
	cmpl	%r12d, %r13d
	jae	.Lnops_done
	leaq	(%rbx,%r13), %rdi
	movl	%r12d, %esi
	subl	%r13d, %esi
	movq	%rsp, %rdx
	call	insn_decode
	testl	%eax, %eax
	jz	.Lnops_done
	leal	(%r13,%rax), %r14d
	testb	$INSN_NOP, INSN_FLAGS(%rsp)
	jz	.Lnops_step
	cmpl	%r12d, %r14d		/* the last instruction: as good as it gets */
	je	.Lnops_done
1:	cmpl	%r12d, %r14d		/* skip_nops: the 90s that follow */
	jae	2f
	cmpb	$NOP, (%rbx,%r14)
	jne	2f
	incl	%r14d
	jmp	1b
2:	leaq	(%rbx,%r13), %rdi
	movl	%r14d, %esi
	subl	%r13d, %esi
	call	add_nop
.Lnops_step:
	movl	%r14d, %r13d
	jmp	.Lnops_next
.Lnops_done:
	addq	$24, %rsp
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	ret
	.size	alt_optimize_nops, . - alt_optimize_nops

/* void add_nop(u8 *p, unsigned n): one NOP of n bytes up to 11; beyond, a jump over int3 filler. */
	.type	add_nop, @function
add_nop:
	testl	%esi, %esi
	jz	3f
	cmpl	$ASM_NOP_MAX, %esi
	ja	1f
	leal	-1(%rsi), %eax		/* x86_nops[n] starts at n(n-1)/2 */
	imull	%esi, %eax
	shrl	$1, %eax
	leaq	x86_nops(%rip), %rcx
	addq	%rax, %rcx
	movl	%esi, %edx
	movq	%rcx, %rsi
	movl	%edx, %ecx
	rep movsb
	ret
1:	movb	$INT3, %al
	cmpl	$128, %esi
	jae	2f
	movb	$JMP8, (%rdi)
	leal	-2(%rsi), %ecx
	movb	%cl, 1(%rdi)
	addq	$2, %rdi
	rep stosb
	ret
2:	movb	$JMP32, (%rdi)
	leal	-5(%rsi), %ecx
	movl	%ecx, 1(%rdi)
	addq	$5, %rdi
	rep stosb
3:	ret
	.size	add_nop, . - add_nop

/* noreturn: "alternatives: <%rdi> at site 0x…", then panic. */
	.type	alt_bug, @function
alt_bug:
	andq	$-16, %rsp
	movq	%rdi, %rsi
	movq	alt_cur_site(%rip), %rdx
	leaq	fmt_alt_bug(%rip), %rdi
	call	printk
	leaq	msg_alt_panic(%rip), %rdi
	call	panic
	.size	alt_bug, . - alt_bug

/* The functions ALT_FLAG_DIRECT_CALL knows by name; an image may define its own. */
	.weak	nop_func
	.type	nop_func, @function
nop_func:
	ret
	.size	nop_func, . - nop_func

	.weak	BUG_func
	.type	BUG_func, @function
BUG_func:
	ud2
	.size	BUG_func, . - BUG_func

	.section .rodata
/* Linux's x86_nops for n = 1 … 11, one after the other (n at n(n-1)/2). */
x86_nops:
	.byte	0x90
	.byte	0x66, 0x90
	.byte	0x0f, 0x1f, 0x00
	.byte	0x0f, 0x1f, 0x40, 0x00
	.byte	0x0f, 0x1f, 0x44, 0x00, 0x00
	.byte	0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00
	.byte	0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00
	.byte	0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00
	.byte	0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00
	.byte	0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00
	.byte	0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00

fmt_alt_bug:
	.asciz	"alternatives: %s at site 0x%lx\n"
msg_alt_panic:
	.asciz	"apply_alternatives"
msg_too_long:
	.asciz	"replacement longer than the site"
msg_reach:
	.asciz	"relocated operand out of reach"
msg_bad_call:
	.asciz	"ALT_FLAG_DIRECT_CALL set for a non-call replacement instruction"
msg_bad_indirect:
	.asciz	"ALT_FLAG_DIRECT_CALL set for unrecognized indirect call"
msg_call_reach:
	.asciz	"call target out of reach of a rel32 call"

	.section .bss
	.balign	8
alt_cur_site:
	.skip	8
alt_buf:
	.skip	256

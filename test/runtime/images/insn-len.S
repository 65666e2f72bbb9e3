/*
 * The runtime's instruction decoder (runtime/insn-len.S) on the instructions replacements are made of
 * and on the shapes that make lengths hard (prefixes, REX, SIB, displacements, RIP-relative operands
 * followed by immediates, group 3, imm64, moffs, 0f 38 / 0f 3a, VEX maps 1–3 and 7). For each, the
 * program prints what insn_decode reports; test/runtime/runtime.test.ts decodes the same bytes with
 * src/isa/insn.ts (iced-x86 and the MSR-immediate shim) and compares every field.
 *
 * The instructions sit one after another in `.insns`, followed by 16 bytes of 0xcc so that no decode
 * runs off the end; each is decoded with 15 bytes available, as the patcher decodes inside a site.
 */
	.macro	I text:vararg
	.pushsection .insns, "a"
9:	\text
8:
	.popsection
	.quad	9b, 8b
	.endm

	.text
	.globl	main
	.type	main, @function
main:
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	subq	$48, %rsp		/* printk's arguments 6–10 */
	leaq	insns(%rip), %r12
	leaq	info(%rip), %rbx
1:	movq	(%r12), %rdi
	testq	%rdi, %rdi
	jz	2f
	movl	$15, %esi
	movq	%rbx, %rdx
	call	insn_decode
	movzbl	4(%rbx), %eax		/* immediate offset, size */
	movq	%rax, 0(%rsp)
	movzbl	5(%rbx), %eax
	movq	%rax, 8(%rsp)
	movzbl	6(%rbx), %eax		/* displacement offset, size */
	movq	%rax, 16(%rsp)
	movzbl	7(%rbx), %eax
	movq	%rax, 24(%rsp)
	movzbl	8(%rbx), %eax		/* flags */
	movq	%rax, 32(%rsp)
	leaq	fmt(%rip), %rdi
	movq	(%r12), %rsi
	leaq	insns_start(%rip), %rax
	subq	%rax, %rsi
	movzbl	0(%rbx), %edx		/* length */
	movzbl	1(%rbx), %ecx		/* opcode offset */
	movzbl	2(%rbx), %r8d		/* map */
	movzbl	3(%rbx), %r9d		/* opcode */
	call	printk
	addq	$16, %r12
	jmp	1b
2:	xorl	%eax, %eax
	addq	$48, %rsp
	popq	%r13
	popq	%r12
	popq	%rbx
	ret
	.size	main, . - main

	.globl	insn_target
insn_target:
	ret

	.section .rodata
fmt:
	.asciz	"+%lx len %u op@%u map %u %02x imm %u/%u disp %u/%u flags %02x\n"

	.pushsection .insns, "a"
	.globl	insns_start
insns_start:
	.popsection

	.balign	8
insns:
	/* NOPs, and what only looks like one */
	I	nop
	I	xchg %ax, %ax
	I	nopl (%rax)
	I	nopl 0(%rax)
	I	nopw 0(%rax,%rax,1)
	I	nopl 0x12345678(%rax)
	I	.byte 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0
	I	.byte 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0
	I	pause
	I	xchg %r8, %rax
	/* moves and immediates */
	I	movl $1, %eax
	I	movq $-1, %rax
	I	movabsq $0x1122334455667788, %rax
	I	movabsq $0x1122334455667788, %r11
	I	movw $0x1234, %ax
	I	movw $0x1234, (%rax)
	I	movb $1, (%rax)
	I	movl $0x12345678, 0x10(%rsp,%rcx,4)
	I	movq 0x12345678(%rip), %rax
	I	leaq 8(%rip), %rdi
	I	cmpb $1, 0x100(%rip)
	I	testl $0x10, 0x20(%rip)
	I	testw $0x10, (%rax)
	I	testb $1, %al
	I	testl $1, %eax
	I	notl (%rax)
	I	negq %rdx
	I	imul $100, %eax, %ecx
	I	imul $3, %eax, %ecx
	I	addq $8, %rsp
	I	addl $0x1000, %eax
	I	addw $0x1000, %ax
	I	andl $0x1000, (%rdx)
	I	orq $-2, 0x7fffffff(%rbx,%r12,8)
	I	shlq $32, %rdx
	I	shrq %cl, %rax
	I	rolw $3, %ax
	I	movzbl (%rax), %ecx
	I	movslq %eax, %rdx
	I	movq %gs:0x28, %rax
	I	movl 0x1000, %eax
	I	movl (%eax), %ecx
	I	movl (%r13), %ecx
	I	movl (%rbp), %ecx
	I	movl (%r12), %ecx
	I	movabsq 0x1122334455667788, %rax
	I	movabs %al, 0x1122334455667788
	I	pushq $0x12345678
	I	pushq $1
	I	push %r12
	I	pop %rbx
	I	pushw $0x1234
	/* branches */
	I	call insn_target
	I	jmp insn_target
	I	jz insn_target
	I	.byte 0x74, 0x10
	I	.byte 0xeb, 0xfe
	I	.byte 0xe2, 0x00
	I	.byte 0xe3, 0x00
	I	.byte 0x66, 0xe9, 0, 0, 0, 0
	I	call *0x10(%rip)
	I	jmp *%rax
	I	ret
	I	ret $8
	I	int3
	I	int $0x80
	I	ud2
	/* system */
	I	syscall
	I	cpuid
	I	rdmsr
	I	wrmsr
	I	ds wrmsr
	I	wrmsrns
	I	rdtscp
	I	swapgs
	I	lfence
	I	mfence
	I	clflush (%rax)
	I	endbr64
	I	movq %cr4, %rax
	I	movq %rax, %cr3
	I	lgdt (%rax)
	I	sidt 8(%rsp)
	I	invlpg (%rdi)
	I	outb %al, $0xe9
	I	inb $0x60, %al
	I	rep movsb
	I	rep stosq
	I	lock cmpxchgq %rcx, (%rdx)
	I	cmpxchg16b (%rax)
	I	xaddl %eax, (%rbx)
	/* two- and three-byte opcodes */
	I	bswap %eax
	I	cmovne %rax, %rbx
	I	setc %al
	I	btl $3, %eax
	I	shldl $4, %eax, %ebx
	I	popcnt %rax, %rbx
	I	crc32q %rax, %rbx
	I	movdqu (%rax), %xmm0
	I	pshufd $1, %xmm0, %xmm1
	I	pinsrw $1, %eax, %xmm0
	I	palignr $1, %xmm0, %xmm1
	I	pshufb %xmm0, %xmm1
	I	.byte 0xdd, 0x00					/* fldl (%rax) */
	I	fnstcw 2(%rsp)
	/* VEX, and the MSR immediate forms (VEX map 7) */
	I	.byte 0xc5, 0xfe, 0x6f, 0x00				/* vmovdqu (%rax), %ymm0 */
	I	vzeroupper
	I	.byte 0xc5, 0xf9, 0xef, 0xc0				/* vpxor %xmm0, %xmm0, %xmm0 */
	I	.byte 0xc4, 0x41, 0x31, 0xef, 0xd0			/* vpxor %xmm8, %xmm9, %xmm10 */
	I	vpshufd $1, %xmm0, %xmm1
	I	.byte 0xc4, 0xe3, 0xfd, 0x00, 0xc8, 0x4e		/* vpermq $0x4e, %ymm0, %ymm1 */
	I	.byte 0xc4, 0xe2, 0x69, 0x00, 0xd9			/* vpshufb %xmm1, %xmm2, %xmm3 */
	I	vmovdqu 0x10(%rip), %xmm0
	I	rdmsr $0x10, %rax
	I	rdmsr $0xc0000080, %r12
	I	wrmsrns %r9, $0x6e1
	I	wrmsrns %rax, $0x10
	.quad	0, 0

	.pushsection .insns, "a"
	.fill	16, 1, 0xcc
	.popsection

	.section .bss
info:
	.skip	16

/* Odds and ends a kernel build produces: .file/.ident, .print and .warning, .code64 switches,
 * .equiv, .local, hypervisor instructions, cpuid/rdtsc sequences, and signed/unsigned compares. */
	.file "misc.S"
	.ident "GCC: (GNU) 12.2.0"
	.ident "Alternator corpus"
	.print "assembling misc.S"
	.warning "this file deliberately prints a warning"
	.code64

	.equiv VMCALL_NR, 0x1000
	.local local_helper
	.text
	.globl misc_cpuid
	.type misc_cpuid, @function
misc_cpuid:
	pushq	%rbx
	movl	%edi, %eax
	movl	%esi, %ecx
	cpuid
	movl	%eax, (%rdx)
	movl	%ebx, 4(%rdx)
	popq	%rbx
	ret
	.size misc_cpuid, . - misc_cpuid

local_helper:
	rdtsc
	shlq	$32, %rdx
	orq	%rdx, %rax
	ret

	.globl misc_hypercalls
misc_hypercalls:
	movl	$VMCALL_NR, %eax
	vmcall
	vmmcall
	int3
	int	$0x80
	ud2
	endbr64
	call	local_helper
	cmpq	$-1, %rax
	jg	1f
	cmpq	$0x7fffffff, %rax
	ja	1f
	movslq	%eax, %rax
	cqto
	idivq	%rcx
1:	cltq
	cwtl
	ret

	.globl misc_bits
misc_bits:
	bsfq	%rdi, %rax
	bsrl	%esi, %ecx
	popcntq	%rdi, %rax
	tzcntl	%edi, %eax
	lzcntq	%rdi, %rax
	btq	%rsi, %rdi
	setc	%al
	setnz	%cl
	cmovbe	%rdx, %rax
	cmovg	%ecx, %eax
	rolq	$13, %rax
	rorl	%cl, %edx
	shldq	$4, %rdx, %rax
	bswapq	%rax
	xchgw	%ax, %dx
	ret

	.section .modinfo, "a"
	.ascii "license=GPL\0"
	.ascii "author=Alternator\0"

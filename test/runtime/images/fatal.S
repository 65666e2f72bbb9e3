/*
 * Faults the kernel does not survive, one per build (--defsym CASE=n): an oops for a fault with no
 * entry and for entries that lead nowhere, and the panic of the *_IN_MCE types. Each ends the run with
 * the runtime's exit code (0x7f oops, 0x7e panic); test/runtime/runtime.test.ts compares the console.
 *
 *   1  ud2 with no entry, every register set to a known value: the whole oops
 *   2  INDIRECT to an address with no entry
 *   3  INDIRECT to itself: the lookup loop is cut
 *   4  FUNC_REWIND to a call site with no entry
 *   5  an entry of a type Linux does not have (5)
 *   6  EX_TYPE_ZEROPAD, which the runtime does not handle
 *   7  WRMSR_IN_MCE on a faulting WRMSR: the message, then panic
 *   8  RDMSR_IN_MCE (a ud2 standing in for the rdmsr QEMU does not fault)
 *   9  a page fault with no entry: the oops shows CR2
 */
	.include "kernel.inc"

	.text
	.globl	main
	.type	main, @function
main:
.if CASE == 1
	pushq	$0x0c7			/* CF PF ZF SF and the reserved bit 1; IF stays clear */
	popfq
	movabsq	$0x1111111111111111, %rax
	movabsq	$0x3333333333333333, %rbx
	movabsq	$0x2222222222222222, %rcx
	movabsq	$0x4444444444444444, %rdx
	movabsq	$0x5555555555555555, %rsi
	movabsq	$0x6666666666666666, %rdi
	movabsq	$0x7777777777777777, %rbp
	movabsq	$0x8888888888888888, %r8
	movabsq	$0x9999999999999999, %r9
	movabsq	$0xaaaaaaaaaaaaaaaa, %r10
	movabsq	$0xbbbbbbbbbbbbbbbb, %r11
	movabsq	$0xcccccccccccccccc, %r12
	movabsq	$0xdddddddddddddddd, %r13
	movabsq	$0xeeeeeeeeeeeeeeee, %r14
	movabsq	$0xffffffffffffffff, %r15
fault_site:
	ud2
.elseif CASE == 2
	leaq	1f(%rip), %rdx
fault_site:
	ud2
	_ASM_EXTABLE_TYPE_REG fault_site, fault_site, EX_TYPE_INDIRECT, %rdx
1:	ret				/* no entry here */
.elseif CASE == 3
	leaq	fault_site(%rip), %rdx
fault_site:
	ud2
	_ASM_EXTABLE_TYPE_REG fault_site, fault_site, EX_TYPE_INDIRECT, %rdx
.elseif CASE == 4
fault_site:
	call	rewind_thunk		/* the call site has no entry */
	ret
.elseif CASE == 5
fault_site:
	ud2
	_ASM_EXTABLE_TYPE fault_site, 1f, 5
1:	ret
.elseif CASE == 6
fault_site:
	ud2
	_ASM_EXTABLE_TYPE fault_site, 1f, EX_TYPE_ZEROPAD
1:	ret
.elseif CASE == 7
	movl	$MSR_IA32_PKRS, %ecx
	movl	$0xffffffff, %edx
	xorl	%eax, %eax
fault_site:
	wrmsr
	_ASM_EXTABLE_TYPE fault_site, 1f, EX_TYPE_WRMSR_IN_MCE
1:	ret
.elseif CASE == 8
	movl	$0x17a, %ecx
fault_site:
	ud2
	_ASM_EXTABLE_TYPE fault_site, 1f, EX_TYPE_RDMSR_IN_MCE
1:	ret
.elseif CASE == 9
	movl	$0x40000000, %eax	/* the boot page tables map the first 1 GiB only */
fault_site:
	movq	(%rax), %rax
.endif
	xorl	%eax, %eax
	ret
	.globl	fault_site
	.size	main, . - main

	.type	rewind_thunk, @function
rewind_thunk:
fault_site_rewind:
	.globl	fault_site_rewind
	ud2
	_ASM_EXTABLE_TYPE fault_site_rewind, fault_site_rewind, EX_TYPE_FUNC_REWIND | (1 << 8) | (-5 << 16)
	.size	rewind_thunk, . - rewind_thunk

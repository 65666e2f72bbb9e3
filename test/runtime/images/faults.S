/*
 * Faults of every exception-table type the runtime handles, each resuming at its fixup with the
 * registers the handler sets, printed there. test/runtime/runtime.test.ts compares the console with
 * the lines it expects (worked out from reference/linux-x86.md §2) and with the fixupException model.
 *
 * Faults that QEMU TCG and real CPUs agree on: a load from a non-canonical address (#GP), ud2 (#UD),
 * div by 0 (#DE), WRMSR of IA32_PKRS with bits 63:32 set (#GP), and the MSR immediate forms, which
 * QEMU 7.2 does not know (#UD there; #GP for PKRS on a CPU that has them). QEMU never faults a legacy
 * RDMSR (unknown MSRs read as 0), so the legacy RDMSR cases put their entry on a ud2: the handler only
 * reads ECX there, whatever the instruction was.
 *
 * Every site the handlers name in a message has a global label (`*_site`), so that the test can put
 * the address into the expected text.
 */
	.include "kernel.inc"

	.set	NONCANONICAL, 0x8000000000000000

/* SAY "text": %rdi = the string. */
	.macro	SAY text
	.pushsection .rodata
9990:	.asciz	"\text"
	.popsection
	leaq	9990b(%rip), %rdi
	.endm

	.text
	.globl	main
	.type	main, @function
main:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$8, %rsp

/* DEFAULT: only rip moves. */
	movabsq	$NONCANONICAL, %rax
	movl	$0x1111, %edx
1:	movq	(%rax), %rcx
	_ASM_EXTABLE_TYPE 1b, 2f, EX_TYPE_DEFAULT
	ud2				/* not reached */
2:	SAY	"DEFAULT: rax=%lx rdx=%lx\n"
	movq	%rax, %rsi
	call	printk

/* DEFAULT with the clear flags. */
	movabsq	$NONCANONICAL, %rax
	movl	$0x1111, %edx
1:	movq	(%rax), %rcx
	_ASM_EXTABLE_TYPE 1b, 2f, EX_TYPE_DEFAULT | EX_FLAG_CLEAR_AX | EX_FLAG_CLEAR_DX
2:	SAY	"DEFAULT|CLEAR_AX|CLEAR_DX: rax=%lx rdx=%lx\n"
	movq	%rax, %rsi
	call	printk

/* FAULT: ax = the trap number. */
	movl	$0x77, %eax
1:	ud2
	_ASM_EXTABLE_TYPE 1b, 2f, EX_TYPE_FAULT
2:	SAY	"FAULT #UD: rax=%lx\n"
	movq	%rax, %rsi
	call	printk

	movabsq	$NONCANONICAL, %rax
1:	movq	(%rax), %rcx
	_ASM_EXTABLE_TYPE 1b, 2f, EX_TYPE_FAULT
2:	SAY	"FAULT #GP: rax=%lx\n"
	movq	%rax, %rsi
	call	printk

	xorl	%ecx, %ecx
	xorl	%edx, %edx
	movl	$0x77, %eax
1:	divl	%ecx
	_ASM_EXTABLE_TYPE 1b, 2f, EX_TYPE_FAULT_MCE_SAFE
2:	SAY	"FAULT_MCE_SAFE #DE: rax=%lx\n"
	movq	%rax, %rsi
	call	printk

/* UACCESS and DEFAULT_MCE_SAFE: as DEFAULT. */
	movabsq	$NONCANONICAL, %rax
1:	movq	(%rax), %rcx
	_ASM_EXTABLE_TYPE 1b, 2f, EX_TYPE_UACCESS
2:	movl	$0x55, %eax
1:	ud2
	_ASM_EXTABLE_TYPE 1b, 2f, EX_TYPE_DEFAULT_MCE_SAFE
2:	SAY	"UACCESS, DEFAULT_MCE_SAFE: resumed, rax=%lx\n"
	movq	%rax, %rsi
	call	printk

/* WRMSR: the warning once per site, then DEFAULT. The site runs twice. */
	movl	$2, %ebx
3:	movl	$MSR_IA32_PKRS, %ecx
	movl	$0xffffffff, %edx	/* bits 63:32 of PKRS are reserved: #GP */
	movl	$0x12345678, %eax
	.globl	wrmsr_site
wrmsr_site:
	wrmsr
	_ASM_EXTABLE_TYPE wrmsr_site, 2f, EX_TYPE_WRMSR
2:	SAY	"WRMSR: resumed, rax=%lx rdx=%lx\n"
	movq	%rax, %rsi
	call	printk
	decl	%ebx
	jnz	3b

/* RDMSR: the warning with ECX, ax = dx = 0. */
	movl	$0x3a, %ecx
	movl	$0xaaaa, %eax
	movl	$0xdddd, %edx
	.globl	rdmsr_site
rdmsr_site:
	ud2				/* standing in for an rdmsr QEMU would not fault */
	_ASM_EXTABLE_TYPE rdmsr_site, 2f, EX_TYPE_RDMSR
2:	SAY	"RDMSR: rax=%lx rdx=%lx\n"
	movq	%rax, %rsi
	call	printk

/* WRMSR_SAFE: the error register := -EIO, nothing printed by the handler. */
	movl	$MSR_IA32_PKRS, %ecx
	movl	$0xffffffff, %edx
	movl	$0x12345678, %eax
	xorl	%ebx, %ebx
1:	wrmsr
	_ASM_EXTABLE_TYPE_REG 1b, 2f, EX_TYPE_WRMSR_SAFE, %rbx
2:	SAY	"WRMSR_SAFE %%rbx: rbx=%lx rax=%lx rdx=%lx\n"
	movq	%rbx, %rsi
	movq	%rdx, %rcx
	movq	%rax, %rdx
	call	printk

/* RDMSR_SAFE: ax = dx = 0, the error register := -EIO. */
	movl	$0x3a, %ecx
	movl	$0xaaaa, %eax
	movl	$0xdddd, %edx
	xorl	%r12d, %r12d
1:	ud2				/* standing in for rdmsr */
	_ASM_EXTABLE_TYPE_REG 1b, 2f, EX_TYPE_RDMSR_SAFE, %r12
2:	SAY	"RDMSR_SAFE %%r12: r12=%lx rax=%lx rdx=%lx\n"
	movq	%r12, %rsi
	movq	%rdx, %rcx
	movq	%rax, %rdx
	call	printk

/* Immediate RDMSR: the MSR from the instruction, only its register cleared. */
	movl	$0x3a, %ecx
	movl	$0xaaaa, %eax
	movl	$0xdddd, %edx
	movl	$0x9999, %r9d
	.globl	rdmsr_imm_site
rdmsr_imm_site:
	rdmsr	$MSR_IA32_PKRS, %r9	/* c4 c7 7b f6 c1 e1 06 00 00 */
	_ASM_EXTABLE_TYPE rdmsr_imm_site, 2f, EX_TYPE_RDMSR
2:	SAY	"RDMSR imm: r9=%lx rax=%lx rdx=%lx\n"
	movq	%r9, %rsi
	movq	%rdx, %rcx
	movq	%rax, %rdx
	call	printk

/* Immediate WRMSRNS: the MSR from the instruction, the value from its register. */
	movl	$0x3a, %ecx
	movabsq	$0xffffffff00000001, %r10
	.globl	wrmsrns_imm_site
wrmsrns_imm_site:
	wrmsrns	%r10, $MSR_IA32_PKRS	/* c4 c7 7a f6 c2 e1 06 00 00 */
	_ASM_EXTABLE_TYPE wrmsrns_imm_site, 2f, EX_TYPE_WRMSR
2:	SAY	"WRMSRNS imm: resumed\n"
	call	printk

/* Immediate RDMSR_SAFE: destination 0, error register -EIO, ax and dx kept. */
	movl	$0xaaaa, %eax
	movl	$0xdddd, %edx
	movl	$0x8888, %r8d
	xorl	%esi, %esi
1:	rdmsr	$MSR_IA32_PKRS, %r8
	_ASM_EXTABLE_TYPE_REG 1b, 2f, EX_TYPE_RDMSR_SAFE, %rsi
2:	movq	%rdx, %r9
	movq	%rax, %rcx
	movq	%r8, %rdx
	movq	%r9, %r8
	SAY	"RDMSR_SAFE imm %%rsi: rsi=%lx r8=%lx rax=%lx rdx=%lx\n"
	call	printk

/* IMM_REG: EFAULT_REG (imm -14) and ZERO_REG (imm 0). */
	movq	$-1, %rcx
	movq	$-1, %rdi
	movabsq	$NONCANONICAL, %rax
1:	movq	(%rax), %rdx
	_ASM_EXTABLE_TYPE_REG 1b, 2f, EX_TYPE_IMM_REG | (-14 << 16), %rcx
2:	ud2
	_ASM_EXTABLE_TYPE_REG 2b, 3f, EX_TYPE_IMM_REG | (0 << 16), %rdi
3:	movq	%rdi, %rdx
	movq	%rcx, %rsi
	SAY	"IMM_REG: rcx=%lx rdi=%lx\n"
	call	printk

/* POP_REG: the pushed word is dropped, the register := imm. */
	movq	%rsp, %r12
	movl	$0x5555, %eax
	pushq	$0x1234
1:	ud2
	_ASM_EXTABLE_TYPE_REG 1b, 2f, EX_TYPE_POP_REG | (7 << 16), %rax
2:	xorl	%edx, %edx
	cmpq	%rsp, %r12
	sete	%dl
	movq	%rax, %rsi
	SAY	"POP_REG: rax=%lx stack back=%lu\n"
	call	printk

/* INDIRECT: the RFC's Xen error path. The thunk fails, rewinds to the call and traps; the call
 * site's own WRMSR_SAFE entry runs. */
	movq	%rsp, %r12
	movl	$MSR_IA32_PKRS, %ecx
	xorl	%ebx, %ebx
	.globl	xen_call_site
xen_call_site:
	call	xen_wrmsr_thunk
	_ASM_EXTABLE_TYPE_REG xen_call_site, 2f, EX_TYPE_WRMSR_SAFE, %rbx
2:	leaq	xen_call_site(%rip), %rax
	xorl	%ecx, %ecx
	cmpq	%rax, %rdx
	sete	%cl
	xorl	%edx, %edx
	cmpq	%rsp, %r12
	sete	%dl
	movq	%rbx, %rsi
	SAY	"INDIRECT -> WRMSR_SAFE: rbx=%lx stack back=%lu rdx=call site %lu\n"
	call	printk

/* INDIRECT to an unchecked WRMSR entry: the warning names the call site and ECX. */
	movl	$MSR_IA32_PKRS, %ecx
	movl	$0x600d, %eax
	.globl	xen_call_site_unchecked
xen_call_site_unchecked:
	call	xen_wrmsr_thunk
	_ASM_EXTABLE_TYPE xen_call_site_unchecked, 2f, EX_TYPE_WRMSR
2:	SAY	"INDIRECT -> WRMSR: resumed\n"
	call	printk

/* FUNC_REWIND: the thunk pushed two words; the handler pops them and the return address, rewinds
 * to the call and runs the call site's RDMSR_SAFE entry. */
	movq	%rsp, %r12
	movl	$0xaaaa, %eax
	movl	$0xdddd, %edx
	xorl	%r13d, %r13d
1:	call	rewind_thunk
	_ASM_EXTABLE_TYPE_REG 1b, 2f, EX_TYPE_RDMSR_SAFE, %r13
2:	xorl	%r8d, %r8d
	cmpq	%rsp, %r12
	sete	%r8b
	movq	%rdx, %rcx
	movq	%rax, %rdx
	movq	%r13, %rsi
	SAY	"FUNC_REWIND -> RDMSR_SAFE: r13=%lx rax=%lx rdx=%lx stack back=%lu\n"
	call	printk

/* INDIRECT through INDIRECT: ud2 → the address in %rsi → the address in %rdi → FAULT. */
	leaq	3f(%rip), %rsi
	leaq	4f(%rip), %rdi
	movl	$0x77, %eax
1:	ud2
	_ASM_EXTABLE_TYPE_REG 1b, 1b, EX_TYPE_INDIRECT, %rsi
3:	nop				/* never runs: only its entry is used */
	_ASM_EXTABLE_TYPE_REG 3b, 3b, EX_TYPE_INDIRECT, %rdi
4:	nop
	_ASM_EXTABLE_TYPE 4b, 2f, EX_TYPE_FAULT
	ud2
2:	movq	%rax, %rsi
	SAY	"INDIRECT -> INDIRECT -> FAULT: rax=%lx\n"
	call	printk

	SAY	"done\n"
	call	printk
	xorl	%eax, %eax
	addq	$8, %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
	.size	main, . - main

/*
 * A Xen thunk as the RFC writes it, failing: the hypercall's error is CF. On error it drops its
 * return address into %rdx, rewinds it to the start of the 5-byte call and traps; the INDIRECT entry
 * sends the fault to the call site's own entry, with the stack as it was at the call.
 */
	.type	xen_wrmsr_thunk, @function
xen_wrmsr_thunk:
	stc				/* the hypercall failed */
	jc	.L_error
	ret
.L_error:
	popq	%rdx			/* drop the return address */
	subq	$5, %rdx		/* rewind to the start of the 5-byte CALL */
1:	ud2
	_ASM_EXTABLE_TYPE_REG 1b, 1b, EX_TYPE_INDIRECT, %rdx
	.size	xen_wrmsr_thunk, . - xen_wrmsr_thunk

/* FUNC_REWIND: pop 3 words (two saved, then the return address), ip = return address - 5. */
	.type	rewind_thunk, @function
rewind_thunk:
	pushq	%rbx
	pushq	%rbp
1:	ud2
	_ASM_EXTABLE_TYPE 1b, 1b, EX_TYPE_FUNC_REWIND | (3 << 8) | (-5 << 16)
	.size	rewind_thunk, . - rewind_thunk

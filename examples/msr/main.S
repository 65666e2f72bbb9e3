/* The MSR test image: constant-MSR accesses through alternatives sites (msr-sites.inc), patched at
 * boot by the runtime for the CPU it finds. Every line it prints is the same on every path — native
 * WRMSR, WRMSRNS, the immediate forms and the Xen thunk — and under QEMU, whose CPU takes the native
 * path; the counters of `alternator run --json` tell which path ran. */
	.include "msr-sites.inc"

	.set	MSR_FS_BASE, 0xc0000100
	.set	MSR_LSTAR, 0xc0000082
	.set	MSR_IA32_PKRS, 0x6e1

.macro SAY msg
	leaq	\msg(%rip), %rdi
	call	console_puts
.endm

.macro SAY_HEX reg
	movq	\reg, %rdi
	call	console_hex64
	leaq	nl(%rip), %rdi
	call	console_puts
.endm

	.text
	.globl	main
	.type	main, @function
main:
	pushq	%rbx
	pushq	%r12

	/* A write that succeeds: FS_BASE (on Xen, the thunk makes a hypercall instead of trapping). */
	SAY	s_fs_write
	xorl	%r12d, %r12d
	movq	$0x1234000, %rax
	WRMSR_SAFE_SITE MSR_FS_BASE, %r12
	SAY_HEX	%r12

	/* Read it back. */
	SAY	s_fs_read
	xorl	%r12d, %r12d
	RDMSR_SAFE_SITE MSR_FS_BASE, %r12
	movq	%rax, %rbx
	SAY_HEX	%rbx
	SAY	s_err
	SAY_HEX	%r12

	/* A syscall MSR (on Xen: ignored by the thunk, no trap). */
	SAY	s_lstar
	xorl	%r12d, %r12d
	movq	$0xffffffff81000000, %rax
	WRMSR_SAFE_SITE MSR_LSTAR, %r12
	SAY_HEX	%r12

	/* A write that faults everywhere (QEMU too): IA32_PKRS with bits 63:32 set. The site's own
	 * WRMSR_SAFE entry sets %r12 = -EIO — on Xen through the thunk's EX_TYPE_INDIRECT entry. */
	SAY	s_pkrs
	xorl	%r12d, %r12d
	movq	$0x100000000, %rax
	WRMSR_SAFE_SITE MSR_IA32_PKRS, %r12
	SAY_HEX	%r12

.ifdef FAULTING_READ
	/* A read that faults on hardware (QEMU reads unknown MSRs as 0, so only the emulator build has
	 * it): RDMSR_SAFE clears the value and sets %r12 = -EIO, on xen-pv through INDIRECT. */
	SAY	s_bad_read
	xorl	%r12d, %r12d
	movq	$0x5a5a, %rax
	RDMSR_SAFE_SITE 0x12345, %r12
	movq	%rax, %rbx
	SAY_HEX	%rbx
	SAY	s_err
	SAY_HEX	%r12
.endif

	SAY	s_done
	xorl	%eax, %eax
	popq	%r12
	popq	%rbx
	ret
	.size	main, . - main

	.section .rodata
s_fs_write:	.asciz	"wrmsr FS_BASE := 0x1234000, error "
s_fs_read:	.asciz	"rdmsr FS_BASE = "
s_err:		.asciz	"  error "
s_lstar:	.asciz	"wrmsr LSTAR := 0xffffffff81000000, error "
s_pkrs:		.asciz	"wrmsr IA32_PKRS := 0x100000000, error "
s_bad_read:	.asciz	"rdmsr 0x12345 = "
s_done:		.asciz	"msr: done\n"
nl:		.asciz	"\n"

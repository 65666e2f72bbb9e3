/*
 * do_exception, the handler every vector reaches (entry.S), and the two ways a kernel gives up: die
 * (an oops) and panic.
 *
 * A fault either has an exception-table entry (fixup.S resumes the code at its fixup) or it is a bug:
 * the kernel prints an oops — the exception's name, vector, error code and rip, then the registers in
 * the layout of Linux's __show_regs — and, as this runtime has no process to kill, ends the run with
 * exit code 0x7f (OOPS_EXIT_CODE). panic ends it with 0x7e (PANIC_EXIT_CODE) after "Kernel panic - not
 * syncing: <message>", as Linux's panic prints it. The codes are far from the small codes test images
 * return from main.
 *
 * The rip is printed as hex only: the image carries no symbol table in memory, and the emulator and
 * the test harness, which have the ELF symbols, can name the address. A fault inside the handler
 * itself (a bad table, a FUNC_REWIND whose stack is not mapped) is not fixed up again: it oopses at
 * once, so a broken table cannot recurse.
 */
	.equ	OOPS_EXIT_CODE, 0x7f
	.equ	PANIC_EXIT_CODE, 0x7e

	.include "ptrace.inc"

	.text
/* void do_exception(struct pt_regs *regs): fix the fault up, or die. */
	.globl	do_exception
	.type	do_exception, @function
do_exception:
	pushq	%rbx
	movq	%rdi, %rbx
	cmpb	$0, in_exception(%rip)
	jne	.Lnested
	movb	$1, in_exception(%rip)
	call	fixup_exception
	movb	$0, in_exception(%rip)
	testl	%eax, %eax
	jz	.Ldie
	popq	%rbx
	ret
.Lnested:
	leaq	msg_nested(%rip), %rdi
	call	printk
.Ldie:
	movq	%rbx, %rdi
	call	die
	.size	do_exception, . - do_exception

/* noreturn void die(struct pt_regs *regs): the oops, then exit(OOPS_EXIT_CODE). */
	.globl	die
	.type	die, @function
die:
	pushq	%rbx
	movq	%rdi, %rbx
	movq	PT_VECTOR(%rbx), %rdx
	leaq	name_interrupt(%rip), %rsi
	cmpq	$32, %rdx
	jae	1f
	movq	exception_names(,%rdx,8), %rsi
1:	leaq	fmt_oops(%rip), %rdi
	movq	PT_ERROR(%rbx), %rcx
	movq	PT_RIP(%rbx), %r8
	call	printk
	leaq	fmt_rip(%rip), %rdi
	movq	PT_CS(%rbx), %rsi
	movq	PT_RIP(%rbx), %rdx
	call	printk
	leaq	fmt_rsp(%rip), %rdi
	movq	PT_SS(%rbx), %rsi
	movq	PT_RSP(%rbx), %rdx
	movq	PT_FLAGS(%rbx), %rcx
	call	printk
	cmpq	$14, PT_VECTOR(%rbx)	/* #PF: the address */
	jne	2f
	leaq	fmt_cr2(%rip), %rdi
	movq	%cr2, %rsi
	call	printk
2:	leaq	fmt_regs_a(%rip), %rdi
	movq	PT_RAX(%rbx), %rsi
	movq	PT_RBX(%rbx), %rdx
	movq	PT_RCX(%rbx), %rcx
	call	printk
	leaq	fmt_regs_b(%rip), %rdi
	movq	PT_RDX(%rbx), %rsi
	movq	PT_RSI(%rbx), %rdx
	movq	PT_RDI(%rbx), %rcx
	call	printk
	leaq	fmt_regs_c(%rip), %rdi
	movq	PT_RBP(%rbx), %rsi
	movq	PT_R8(%rbx), %rdx
	movq	PT_R9(%rbx), %rcx
	call	printk
	leaq	fmt_regs_d(%rip), %rdi
	movq	PT_R10(%rbx), %rsi
	movq	PT_R11(%rbx), %rdx
	movq	PT_R12(%rbx), %rcx
	call	printk
	leaq	fmt_regs_e(%rip), %rdi
	movq	PT_R13(%rbx), %rsi
	movq	PT_R14(%rbx), %rdx
	movq	PT_R15(%rbx), %rcx
	call	printk
	movl	$OOPS_EXIT_CODE, %edi
	call	exit
	.size	die, . - die

/* noreturn void panic(const char *msg) */
	.globl	panic
	.type	panic, @function
panic:
	subq	$8, %rsp
	movq	%rdi, %rsi
	leaq	fmt_panic(%rip), %rdi
	call	printk
	movl	$PANIC_EXIT_CODE, %edi
	call	exit
	.size	panic, . - panic

	.section .rodata
fmt_oops:
	.asciz	"Oops: %s vector %lu error 0x%lx at 0x%lx\n"
fmt_rip:
	.asciz	"RIP: %04lx:0x%lx\n"
fmt_rsp:
	.asciz	"RSP: %04lx:%016lx EFLAGS: %08lx\n"
fmt_cr2:
	.asciz	"CR2: %016lx\n"
fmt_regs_a:
	.asciz	"RAX: %016lx RBX: %016lx RCX: %016lx\n"
fmt_regs_b:
	.asciz	"RDX: %016lx RSI: %016lx RDI: %016lx\n"
fmt_regs_c:
	.asciz	"RBP: %016lx R08: %016lx R09: %016lx\n"
fmt_regs_d:
	.asciz	"R10: %016lx R11: %016lx R12: %016lx\n"
fmt_regs_e:
	.asciz	"R13: %016lx R14: %016lx R15: %016lx\n"
fmt_panic:
	.asciz	"Kernel panic - not syncing: %s\n"
msg_nested:
	.asciz	"fault in the exception handler: no fixup\n"

/* Linux's names for the exceptions (the strings its trap handlers pass to die()). */
name_de:	.asciz	"divide error"
name_db:	.asciz	"debug"
name_nmi:	.asciz	"nmi"
name_bp:	.asciz	"int3"
name_of:	.asciz	"overflow"
name_br:	.asciz	"bounds"
name_ud:	.asciz	"invalid opcode"
name_nm:	.asciz	"device not available"
name_df:	.asciz	"double fault"
name_cso:	.asciz	"coprocessor segment overrun"
name_ts:	.asciz	"invalid TSS"
name_np:	.asciz	"segment not present"
name_ss:	.asciz	"stack segment"
name_gp:	.asciz	"general protection fault"
name_pf:	.asciz	"page fault"
name_spurious:	.asciz	"spurious interrupt bug"
name_mf:	.asciz	"coprocessor error"
name_ac:	.asciz	"alignment check"
name_mc:	.asciz	"machine check"
name_xm:	.asciz	"SIMD coprocessor error"
name_ve:	.asciz	"virtualization exception"
name_cp:	.asciz	"control protection fault"
name_hv:	.asciz	"hypervisor injection"
name_vc:	.asciz	"VMM communication"
name_sx:	.asciz	"security exception"
name_reserved:	.asciz	"reserved"
name_interrupt:	.asciz	"interrupt"

	.balign	8
exception_names:
	.quad	name_de, name_db, name_nmi, name_bp, name_of, name_br, name_ud, name_nm
	.quad	name_df, name_cso, name_ts, name_np, name_ss, name_gp, name_pf, name_spurious
	.quad	name_mf, name_ac, name_mc, name_xm, name_ve, name_cp, name_reserved, name_reserved
	.quad	name_reserved, name_reserved, name_reserved, name_reserved, name_hv, name_vc, name_sx, name_reserved

	.section .bss
in_exception:
	.skip	1

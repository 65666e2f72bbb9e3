/*
 * exceptions.S: exceptions delivered through a 64-bit IDT and the return from them, far returns and
 * segment loads, and page faults under the program's own page tables.
 *
 * The program installs its own IDT (include/trap.inc; the runtime's, if it has one, is saved and put
 * back at the end), makes the CPU raise each exception on purpose, and checks what the handler found
 * in the frame the CPU pushed: the vector, the error code, the saved RIP (the faulting instruction for
 * a fault, the next one for a trap or INT n), CS, SS, RSP and RFLAGS, and CR2 for #PF. The handler
 * resumes after the instruction with iretq, and the program checks that it came back with its flags,
 * its stack and its registers. The exceptions:
 *
 *	#DE  0	div by zero
 *	#BP  3	int3 and int $3: traps, RIP after the instruction
 *	#UD  6	ud2, INTO (not valid in 64-bit mode), a LOCK prefix on NOP
 *	#NP 11	INT n through a gate that is not present (error code: vector * 8 + 2, the IDT bit)
 *		and a segment load of a descriptor that is not present (error code: the selector)
 *	#GP 13	WRMSR to IA32_PKRS (0x6e1) with bits 63:32 set, which real CPUs and QEMU 7.2 both
 *		refuse (QEMU lets unknown MSRs through); a non-canonical address; INT n through an
 *		IDT entry that is no gate; segment loads of a selector past the GDT limit, of a code
 *		segment into SS, of SS with RPL != CPL
 *	#PF 14	reads, writes and instruction fetches on pages that are absent, read-only (with and
 *		without CR0.WP) and no-execute, and a rep movsb that runs into an absent page and must
 *		stop there with RCX, RSI and RDI counting the bytes it did copy
 *	INT $0x80 through a present gate: no error code, RIP after
 *
 * Segments: the program loads a GDT of its own (a copy of the current one, so that the selectors in
 * use stay valid, plus test descriptors at TEST_CS and up), reaches a second code segment with lretq
 * and with a hand-made iretq frame, takes an exception there (the frame shows that CS), comes back
 * with lretq, loads data segments, null selectors and bad selectors, and checks that loading a data
 * descriptor sets its accessed bit. Everything is restored before main returns.
 *
 * Page tables: PML4 → PDPT → PD as the boot stub builds them (the first GiB in 2 MiB pages), except
 * that the 2 MiB page holding `pages` is split into 4 KiB pages, where the four test pages are
 * present, absent, read-only and no-execute. EFER.NXE is set for the NX bit (and so that the I/D bit
 * of the error code is reported); CR3, CR0 and EFER are put back afterwards. The error codes are
 * the SDM's: P (bit 0) set for a protection fault, W (bit 1) for a write, I/D (bit 4) for a fetch,
 * U (bit 2) clear at CPL 0. The same accesses in user mode on the host (as SIGSEGV) give the same
 * codes with U set, and the host stops a faulting rep movsb at the same element.
 */
	.include "check.inc"
	.include "trap.inc"
	CHECK_PROGRAM exceptions

	.equ	MSR_EFER, 0xc0000080
	.equ	EFER_NXE, 1 << 11
	.equ	MSR_IA32_PKRS, 0x6e1
	.equ	X86_CR0_WP, 1 << 16
	.equ	PTE_P, 1 << 0
	.equ	PTE_W, 1 << 1
	.equ	PTE_A, 1 << 5
	.equ	PTE_D, 1 << 6
	.equ	PTE_PS, 1 << 7
	.equ	PTE_NX, 1 << 63
	.equ	PF_P, 1 << 0			/* #PF error code bits */
	.equ	PF_W, 1 << 1
	.equ	PF_ID, 1 << 4
	.equ	VECTOR_DE, 0
	.equ	VECTOR_BP, 3
	.equ	VECTOR_UD, 6
	.equ	VECTOR_NP, 11
	.equ	VECTOR_GP, 13
	.equ	VECTOR_PF, 14
	.equ	ABSENT_GATE_VECTOR, 0x81	/* an interrupt gate with P=0 */
	.equ	ZERO_GATE_VECTOR, 0x82		/* an IDT entry of zeros: no gate type */

	/* The test descriptors, after a copy of up to GDT_COPY bytes of the current GDT. */
	.equ	GDT_COPY, 0x100
	.equ	TEST_CS, 0x100			/* 64-bit code, DPL 0 */
	.equ	TEST_DS, 0x108			/* writable data, DPL 0 */
	.equ	TEST_NP, 0x110			/* writable data, not present */
	.equ	TEST_GDT_SIZE, 0x118		/* so TEST_GDT_SIZE is a selector past the limit */
	.equ	DESC_CODE64, 0x00af9a000000ffff
	.equ	DESC_DATA, 0x00cf92000000ffff
	.equ	DESC_DATA_NP, 0x00cf12000000ffff
	.equ	DESC_ACCESSED, 1 << 40

/* CHECK_TRAP name, vector, error, rip: exactly one exception since TRAP_EXPECT, with these (disarms). */
.macro CHECK_TRAP name:req, vector:req, error:req, rip:req
	TRAP_DISARM
	CHECK_EQ trap_count(%rip), 1, \name\()_count
	CHECK_EQ trap_vector(%rip), \vector, \name\()_vector
	CHECK_EQ trap_error(%rip), \error, \name\()_error
	CHECK_EQ trap_rip(%rip), \rip, \name\()_rip
.endm

/* CHECK_NO_TRAP name: nothing was raised since TRAP_EXPECT (disarms). */
.macro CHECK_NO_TRAP name:req
	TRAP_DISARM
	CHECK_EQ trap_count(%rip), 0, \name\()_no_exception
.endm

	.text
/*
 * test_faults: #DE, #BP, #UD, INT n, #NP from a missing gate, #GP. The first case also checks the
 * whole frame and what iretq restores.
 */
	.type	test_faults, @function
test_faults:
	/* #DE: a fault, so RIP is the div; CS, SS, RSP and RFLAGS are those of the interrupted code. */
	movq	%rsp, %r12
	movl	$1, %eax
	xorl	%edx, %edx
	xorl	%ecx, %ecx
	SET_FLAGS CF | ZF | SF
	TRAP_EXPECT 1f
.Lde:	divl	%ecx
1:	CHECK_FLAGS ARITH | DF, CF | ZF | SF, de_flags_back
	movq	%rsp, %rbx
	CHECK_SAME %rbx, %r12, de_rsp_back
	CHECK_TRAP de, VECTOR_DE, TRAP_NO_ERROR, .Lde
	CHECK_SAME trap_cs(%rip), orig_cs(%rip), de_cs
	CHECK_SAME trap_ss(%rip), orig_ss(%rip), de_ss
	CHECK_SAME trap_rsp(%rip), %r12, de_rsp
	movq	trap_rflags(%rip), %rax
	andq	$(ARITH | DF | RFLAGS_IF | RFLAGS_FIXED), %rax
	CHECK_EQ %rax, CF | ZF | SF | RFLAGS_FIXED, de_rflags
	CHECK_EQ %rcx, 0, de_rcx_back

	/* #BP from int3 (cc) and int $3 (cd 03): traps, the saved RIP is the next instruction. */
	SET_FLAGS OF
	TRAP_EXPECT .Lbp1_next
	int3
.Lbp1_next:
	CHECK_FLAGS ARITH, OF, int3_flags_back
	CHECK_TRAP int3, VECTOR_BP, TRAP_NO_ERROR, .Lbp1_next
	TRAP_EXPECT .Lbp2_next
	int	$3
.Lbp2_next:
	CHECK_TRAP int_3, VECTOR_BP, TRAP_NO_ERROR, .Lbp2_next

	/* #UD: ud2; INTO (0xce), invalid in 64-bit mode; LOCK on an instruction that cannot be locked. */
	TRAP_EXPECT 1f
.Lud2:	ud2
1:	CHECK_TRAP ud2, VECTOR_UD, TRAP_NO_ERROR, .Lud2
	TRAP_EXPECT 1f
.Linto:	.byte	0xce			/* into */
1:	CHECK_TRAP into, VECTOR_UD, TRAP_NO_ERROR, .Linto
	TRAP_EXPECT 1f
.Llock_nop:
	.byte	0xf0, 0x90		/* lock nop */
1:	CHECK_TRAP lock_nop, VECTOR_UD, TRAP_NO_ERROR, .Llock_nop

	/* INT $0x80 through the program's gate: no error code, RIP after the instruction. */
	TRAP_EXPECT .Lint80_next
	int	$TRAP_SOFT_VECTOR
.Lint80_next:
	CHECK_TRAP int_0x80, TRAP_SOFT_VECTOR, TRAP_NO_ERROR, .Lint80_next

	/*
	 * INT n through a gate with P=0 is #NP, through an entry that is no gate at all #GP, both with
	 * an error code naming the IDT entry: bit 1 (IDT) set, bit 0 (EXT) clear for INT n, the vector
	 * in bits 15:3 — 0x40a for vector 0x81 on the host CPU (user mode, through SIGSEGV). QEMU 7.2
	 * puts vector * 16 there (0x812), so only the low three bits are checked.
	 */
	movl	$ABSENT_GATE_VECTOR, %edi
	leaq	trap_soft_stub(%rip), %rsi
	call	trap_set_gate
	andb	$0x7f, trap_idt+ABSENT_GATE_VECTOR*16+5(%rip)	/* clear P */
	TRAP_EXPECT 1f
.Lint_absent:
	int	$ABSENT_GATE_VECTOR
1:	TRAP_DISARM
	CHECK_EQ trap_count(%rip), 1, int_absent_gate_count
	CHECK_EQ trap_vector(%rip), VECTOR_NP, int_absent_gate_vector
	CHECK_EQ trap_rip(%rip), .Lint_absent, int_absent_gate_rip
	movq	trap_error(%rip), %rax
	andl	$7, %eax
	CHECK_EQ %rax, 2, int_absent_gate_error_bits
	TRAP_EXPECT 1f
.Lint_zero:
	int	$ZERO_GATE_VECTOR
1:	TRAP_DISARM
	CHECK_EQ trap_count(%rip), 1, int_zero_gate_count
	CHECK_EQ trap_vector(%rip), VECTOR_GP, int_zero_gate_vector
	CHECK_EQ trap_rip(%rip), .Lint_zero, int_zero_gate_rip
	movq	trap_error(%rip), %rax
	andl	$7, %eax
	CHECK_EQ %rax, 2, int_zero_gate_error_bits

	/* #GP(0): WRMSR of IA32_PKRS with bits 63:32 set; no register changes. */
	movl	$MSR_IA32_PKRS, %ecx
	movl	$1, %edx
	xorl	%eax, %eax
	TRAP_EXPECT 1f
.Lwrmsr:
	wrmsr
1:	CHECK_TRAP wrmsr_pkrs, VECTOR_GP, 0, .Lwrmsr
	CHECK_EQ %rcx, MSR_IA32_PKRS, wrmsr_pkrs_rcx
	CHECK_EQ %rdx, 1, wrmsr_pkrs_rdx
	CHECK_EQ %rax, 0, wrmsr_pkrs_rax

	/* #GP(0): a load from a non-canonical address (bits 63:47 not all equal). */
	movabsq	$0x8000000000000000, %rbx
	movabsq	$0x0123456789abcdef, %rax
	TRAP_EXPECT 1f
.Lnoncanonical:
	movq	(%rbx), %rax
1:	CHECK_TRAP noncanonical, VECTOR_GP, 0, .Lnoncanonical
	CHECK_EQ %rax, 0x0123456789abcdef, noncanonical_rax
	ret
	.size	test_faults, . - test_faults

/*
 * test_segments: the program's GDT; lretq and iretq to TEST_CS and an exception taken there; data
 * segment loads, good and bad; then everything as it was.
 */
	.type	test_segments, @function
test_segments:
	sgdt	orig_gdtr(%rip)
	/* test_gdt = the current GDT (up to GDT_COPY bytes), then the test descriptors. */
	movzwl	orig_gdtr(%rip), %ecx
	incl	%ecx
	cmpl	$GDT_COPY, %ecx
	jbe	1f
	movl	$GDT_COPY, %ecx
1:	movq	orig_gdtr+2(%rip), %rsi
	leaq	test_gdt(%rip), %rdi
2:	movb	(%rsi), %al
	movb	%al, (%rdi)
	incq	%rsi
	incq	%rdi
	decl	%ecx
	jnz	2b
	movabsq	$DESC_CODE64, %rax
	movq	%rax, test_gdt+TEST_CS(%rip)
	movabsq	$DESC_DATA, %rax
	movq	%rax, test_gdt+TEST_DS(%rip)
	movabsq	$DESC_DATA_NP, %rax
	movq	%rax, test_gdt+TEST_NP(%rip)
	lgdt	test_gdtr(%rip)

	/* lretq to TEST_CS: pops RIP, then CS. */
	movq	%rsp, %r12
	pushq	$TEST_CS
	leaq	1f(%rip), %rax
	pushq	%rax
	lretq
1:	movq	%rsp, %rbx
	CHECK_SAME %rbx, %r12, lretq_rsp
	movl	%cs, %eax
	CHECK_EQ %rax, TEST_CS, lretq_cs
	/* (The SDM has the CPU set the code descriptor's accessed bit here too; QEMU 7.2 does not.) */

	/* An exception in TEST_CS: the frame holds TEST_CS and iretq returns there. */
	TRAP_EXPECT .Lbp3_next
	int3
.Lbp3_next:
	CHECK_TRAP int3_in_test_cs, VECTOR_BP, TRAP_NO_ERROR, .Lbp3_next
	CHECK_EQ trap_cs(%rip), TEST_CS, int3_in_test_cs_frame
	movl	%cs, %eax
	CHECK_EQ %rax, TEST_CS, int3_in_test_cs_back

	/* Back to the original CS with lretq. */
	pushq	orig_cs(%rip)
	leaq	1f(%rip), %rax
	pushq	%rax
	lretq
1:	movl	%cs, %eax
	CHECK_SAME %rax, orig_cs(%rip), lretq_back_cs

	/*
	 * A hand-made iretq frame (SS, RSP, RFLAGS, CS, RIP) to TEST_CS with TEST_DS as SS: all five are
	 * loaded, the flags included.
	 */
	movq	%rsp, %r12
	movq	%rsp, %rax
	pushq	$TEST_DS
	pushq	%rax
	pushq	$(CF | ZF | PF | RFLAGS_FIXED)
	pushq	$TEST_CS
	leaq	1f(%rip), %rax
	pushq	%rax
	SET_FLAGS 0
	iretq
1:	CHECK_FLAGS ARITH, CF | ZF | PF, iretq_flags
	movq	%rsp, %rbx
	CHECK_SAME %rbx, %r12, iretq_rsp
	movl	%cs, %eax
	CHECK_EQ %rax, TEST_CS, iretq_cs
	movl	%ss, %eax
	CHECK_EQ %rax, TEST_DS, iretq_ss
	pushq	orig_cs(%rip)
	leaq	1f(%rip), %rax
	pushq	%rax
	lretq
1:	movl	%cs, %eax
	CHECK_SAME %rax, orig_cs(%rip), iretq_lretq_back_cs

	/* Data segment loads: a data descriptor, a readable code descriptor, the null selector. */
	movl	$TEST_DS, %eax
	movl	%eax, %ds
	movl	%ds, %ebx
	CHECK_EQ %rbx, TEST_DS, mov_ds
	CHECK_EQ test_gdt+TEST_DS(%rip), DESC_DATA | DESC_ACCESSED, mov_ds_accessed
	movl	$TEST_CS, %eax
	movl	%eax, %es
	movl	%es, %ebx
	CHECK_EQ %rbx, TEST_CS, mov_es_code
	xorl	%eax, %eax
	movl	%eax, %es
	movl	%es, %ebx
	CHECK_EQ %rbx, 0, mov_es_null
	movl	$TEST_DS, %eax
	movl	%eax, %ss
	movl	%ss, %ebx
	CHECK_EQ %rbx, TEST_DS, mov_ss

	/* Bad loads fault with the selector (RPL bits cleared) as the error code; nothing changes. */
	movl	$TEST_NP, %eax
	TRAP_EXPECT 1f
.Lds_np:
	movl	%eax, %ds
1:	CHECK_TRAP ds_not_present, VECTOR_NP, TEST_NP, .Lds_np
	movl	$TEST_GDT_SIZE, %eax
	TRAP_EXPECT 1f
.Lds_limit:
	movl	%eax, %ds
1:	CHECK_TRAP ds_past_limit, VECTOR_GP, TEST_GDT_SIZE, .Lds_limit
	movl	$TEST_CS, %eax
	TRAP_EXPECT 1f
.Lss_code:
	movl	%eax, %ss
1:	CHECK_TRAP ss_code, VECTOR_GP, TEST_CS, .Lss_code
	movl	$(TEST_DS | 3), %eax
	TRAP_EXPECT 1f
.Lss_rpl:
	movl	%eax, %ss
1:	CHECK_TRAP ss_rpl3, VECTOR_GP, TEST_DS, .Lss_rpl
	movl	%ds, %ebx
	CHECK_EQ %rbx, TEST_DS, bad_loads_ds_unchanged
	movl	%ss, %ebx
	CHECK_EQ %rbx, TEST_DS, bad_loads_ss_unchanged

	/* Everything back: the selectors, then the GDT. */
	movq	orig_ds(%rip), %rax
	movl	%eax, %ds
	movq	orig_es(%rip), %rax
	movl	%eax, %es
	movq	orig_ss(%rip), %rax
	movl	%eax, %ss
	lgdt	orig_gdtr(%rip)
	ret
	.size	test_segments, . - test_segments

/* test_paging: the program's page tables, the #PF cases, and everything back. */
	.type	test_paging, @function
test_paging:
	call	build_page_tables
	movl	$MSR_EFER, %ecx
	rdmsr
	movl	%eax, orig_efer(%rip)
	movl	%edx, orig_efer+4(%rip)
	orl	$EFER_NXE, %eax
	wrmsr
	movq	%cr0, %rax
	movq	%rax, orig_cr0(%rip)
	movq	%cr3, %rax
	movq	%rax, orig_cr3(%rip)
	leaq	pf_pml4(%rip), %rax
	movq	%rax, %cr3

	/* The present page reads and writes as before. */
	TRAP_EXPECT 1f
	movabsq	$0x1122334455667788, %rax
	movq	%rax, page_present+8(%rip)
	movq	page_present+8(%rip), %rbx
1:	CHECK_NO_TRAP present_page
	CHECK_EQ %rbx, 0x1122334455667788, present_page_value

	/* Absent page: a read is #PF with P=0 W=0, CR2 the address; a write has W=1. */
	movabsq	$0x0123456789abcdef, %rax
	TRAP_EXPECT 1f
.Lread_absent:
	movq	page_absent+0x10(%rip), %rax
1:	CHECK_TRAP read_absent, VECTOR_PF, 0, .Lread_absent
	leaq	page_absent+0x10(%rip), %rbx
	CHECK_SAME trap_cr2(%rip), %rbx, read_absent_cr2
	CHECK_EQ %rax, 0x0123456789abcdef, read_absent_rax
	TRAP_EXPECT 1f
.Lwrite_absent:
	movl	%eax, page_absent+0xffc(%rip)
1:	CHECK_TRAP write_absent, VECTOR_PF, PF_W, .Lwrite_absent
	leaq	page_absent+0xffc(%rip), %rbx
	CHECK_SAME trap_cr2(%rip), %rbx, write_absent_cr2

	/* Read-only page: reads work and set the PTE's accessed bit. */
	TRAP_EXPECT 1f
	movq	page_readonly(%rip), %rbx
1:	CHECK_NO_TRAP read_readonly
	leaq	page_readonly(%rip), %rax
	call	pte_of
	orq	$(PTE_P | PTE_A), %rax
	CHECK_SAME pte_value(%rip), %rax, read_readonly_pte_accessed

	/* With CR0.WP=1 a supervisor write is #PF with P=1 W=1; with WP=0 it goes through (dirty bit). */
	movq	orig_cr0(%rip), %rax
	orq	$X86_CR0_WP, %rax
	movq	%rax, %cr0
	movabsq	$0x0f0e0d0c0b0a0908, %rax
	TRAP_EXPECT 1f
.Lwrite_readonly:
	movq	%rax, page_readonly+0x20(%rip)
1:	CHECK_TRAP write_readonly_wp, VECTOR_PF, PF_P | PF_W, .Lwrite_readonly
	leaq	page_readonly+0x20(%rip), %rbx
	CHECK_SAME trap_cr2(%rip), %rbx, write_readonly_wp_cr2
	CHECK_EQ page_readonly+0x20(%rip), 0, write_readonly_wp_memory
	movq	orig_cr0(%rip), %rax
	andq	$~X86_CR0_WP, %rax
	movq	%rax, %cr0
	movabsq	$0x0f0e0d0c0b0a0908, %rax
	TRAP_EXPECT 1f
	movq	%rax, page_readonly+0x20(%rip)
1:	CHECK_NO_TRAP write_readonly_no_wp
	CHECK_EQ page_readonly+0x20(%rip), 0x0f0e0d0c0b0a0908, write_readonly_no_wp_memory
	leaq	page_readonly(%rip), %rax
	call	pte_of
	orq	$(PTE_P | PTE_A | PTE_D), %rax
	CHECK_SAME pte_value(%rip), %rax, write_readonly_no_wp_pte_dirty
	movq	orig_cr0(%rip), %rax
	movq	%rax, %cr0

	/* Fetches: from the NX page, P=1 I/D=1; from the absent page, I/D=1. RIP and CR2 = the target. */
	leaq	page_noexec+0x40(%rip), %rbx
	TRAP_EXPECT 1f
	jmp	*%rbx
1:	CHECK_TRAP fetch_noexec, VECTOR_PF, PF_ID | PF_P, page_noexec+0x40
	CHECK_SAME trap_cr2(%rip), %rbx, fetch_noexec_cr2
	leaq	page_absent(%rip), %rbx
	TRAP_EXPECT 1f
	jmp	*%rbx
1:	CHECK_TRAP fetch_absent, VECTOR_PF, PF_ID, page_absent
	CHECK_SAME trap_cr2(%rip), %rbx, fetch_absent_cr2

	/*
	 * rep movsb of 32 bytes to the last 16 of the present page and on into the absent one: the
	 * first 16 are copied, and the fault leaves RCX = 16 and RSI, RDI 16 bytes on, RIP at the rep
	 * movsb (it restarts from there), CR2 the first absent byte.
	 */
	leaq	movs_source(%rip), %rsi
	leaq	page_absent-16(%rip), %rdi
	movl	$32, %ecx
	TRAP_EXPECT 1f
.Lrep_movsb:
	rep movsb
1:	CHECK_TRAP rep_movsb_fault, VECTOR_PF, PF_W, .Lrep_movsb
	CHECK_EQ %rcx, 16, rep_movsb_fault_rcx
	leaq	movs_source+16(%rip), %rbx
	CHECK_SAME %rsi, %rbx, rep_movsb_fault_rsi
	leaq	page_absent(%rip), %rbx
	CHECK_SAME %rdi, %rbx, rep_movsb_fault_rdi
	CHECK_SAME trap_cr2(%rip), %rbx, rep_movsb_fault_cr2
	CHECK_EQ page_absent-16(%rip), 0x0706050403020100, rep_movsb_fault_copied_0
	CHECK_EQ page_absent-8(%rip), 0x0f0e0d0c0b0a0908, rep_movsb_fault_copied_8

	/* Everything back: CR3, then EFER. */
	movq	orig_cr3(%rip), %rax
	movq	%rax, %cr3
	movl	$MSR_EFER, %ecx
	movl	orig_efer(%rip), %eax
	movl	orig_efer+4(%rip), %edx
	wrmsr
	ret
	.size	test_paging, . - test_paging

/*
 * build_page_tables: pf_pml4[0] → pf_pdpt[0] → pf_pd, whose 512 entries map the first GiB in 2 MiB
 * pages, except the one holding `pages`, which points to pf_pt: 4 KiB pages mapping the same 2 MiB,
 * with the test pages' entries changed. Clobbers %rax, %rcx, %rdx.
 */
	.type	build_page_tables, @function
build_page_tables:
	xorl	%ecx, %ecx
1:	movq	$0, pf_pml4(, %rcx, 8)
	movq	$0, pf_pdpt(, %rcx, 8)
	movq	%rcx, %rax
	shlq	$21, %rax
	orq	$(PTE_P | PTE_W | PTE_PS), %rax
	movq	%rax, pf_pd(, %rcx, 8)
	incl	%ecx
	cmpl	$512, %ecx
	jb	1b
	leaq	pf_pdpt(%rip), %rax
	orq	$(PTE_P | PTE_W), %rax
	movq	%rax, pf_pml4(%rip)
	leaq	pf_pd(%rip), %rax
	orq	$(PTE_P | PTE_W), %rax
	movq	%rax, pf_pdpt(%rip)
	/* pf_pt maps the 2 MiB page that holds `pages`, 4 KiB at a time. */
	leaq	pages(%rip), %rdx
	shrq	$21, %rdx
	leaq	pf_pt(%rip), %rax
	orq	$(PTE_P | PTE_W), %rax
	movq	%rax, pf_pd(, %rdx, 8)
	shlq	$21, %rdx
	xorl	%ecx, %ecx
2:	movq	%rcx, %rax
	shlq	$12, %rax
	addq	%rdx, %rax
	orq	$(PTE_P | PTE_W), %rax
	movq	%rax, pf_pt(, %rcx, 8)
	incl	%ecx
	cmpl	$512, %ecx
	jb	2b
	/* The test pages. */
	leaq	page_absent(%rip), %rax
	call	pte_of
	movq	$0, (%rcx)
	leaq	page_readonly(%rip), %rax
	call	pte_of
	orq	$PTE_P, %rax
	movq	%rax, (%rcx)
	leaq	page_noexec(%rip), %rax
	call	pte_of
	movabsq	$(PTE_NX | PTE_P | PTE_W), %rdx
	orq	%rdx, %rax
	movq	%rax, (%rcx)
	ret
	.size	build_page_tables, . - build_page_tables

/*
 * pte_of(%rax = an address in `pages`'s 2 MiB page): %rcx = its entry in pf_pt, %rax = the address
 * rounded down to its page, pte_value = the entry's current value.
 */
	.type	pte_of, @function
pte_of:
	movq	%rax, %rcx
	shrq	$12, %rcx
	andl	$511, %ecx
	leaq	pf_pt(, %rcx, 8), %rcx
	andq	$-4096, %rax
	pushq	%rax
	movq	(%rcx), %rax
	movq	%rax, pte_value(%rip)
	popq	%rax
	ret
	.size	pte_of, . - pte_of

	.globl	main
	.type	main, @function
main:
	CHECK_BEGIN
	movl	%cs, %eax
	movq	%rax, orig_cs(%rip)
	movl	%ss, %eax
	movq	%rax, orig_ss(%rip)
	movl	%ds, %eax
	movq	%rax, orig_ds(%rip)
	movl	%es, %eax
	movq	%rax, orig_es(%rip)
	sidt	orig_idtr(%rip)
	call	trap_install

	/* The IDTR now describes the program's IDT. */
	sidt	idtr_read(%rip)
	movzwl	idtr_read(%rip), %eax
	CHECK_EQ %rax, (TRAP_IDT_ENTRIES * 16 - 1), idtr_limit
	CHECK_EQ idtr_read+2(%rip), trap_idt, idtr_base

	call	test_faults
	call	test_segments
	call	test_paging

	/* Back to the IDT the program found. */
	call	trap_restore
	sidt	idtr_read(%rip)
	movzwl	idtr_read(%rip), %eax
	movzwl	orig_idtr(%rip), %ebx
	CHECK_SAME %rax, %rbx, idtr_restored_limit
	CHECK_SAME idtr_read+2(%rip), orig_idtr+2(%rip), idtr_restored_base
	CHECK_END
	.size	main, . - main

	.section .rodata
	.balign	16
movs_source:
	.set	.Lbyte, 0
	.rept	32
	.byte	.Lbyte
	.set	.Lbyte, .Lbyte + 1
	.endr

	.section .data
	.balign	8
test_gdtr:
	.word	TEST_GDT_SIZE - 1
	.quad	test_gdt
	.balign	8
orig_gdtr:	.skip	10
	.balign	8
orig_idtr:	.skip	10
	.balign	8
idtr_read:	.skip	10
	.balign	8
orig_cs:	.quad	0
orig_ss:	.quad	0
orig_ds:	.quad	0
orig_es:	.quad	0
orig_cr0:	.quad	0
orig_cr3:	.quad	0
orig_efer:	.quad	0
pte_value:	.quad	0

	.section .bss
	.balign	8
test_gdt:
	.skip	TEST_GDT_SIZE
	.balign	4096
pf_pml4:	.skip	4096
pf_pdpt:	.skip	4096
pf_pd:		.skip	4096
pf_pt:		.skip	4096
	/* Four pages in one 16 KiB-aligned block, so all four are in the same 2 MiB page. */
	.balign	16384
pages:
page_present:	.skip	4096
page_absent:	.skip	4096
page_readonly:	.skip	4096
page_noexec:	.skip	4096

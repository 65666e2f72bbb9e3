/* Call-frame directives: Alternator accepts and ignores .cfi_*, so this file is compared on every
 * section except .eh_frame and .rela.eh_frame (GNU as emits those from the .cfi lines). */
	.text
	.globl cfi_leaf
	.type cfi_leaf, @function
cfi_leaf:
	.cfi_startproc
	movl	%edi, %eax
	addl	%esi, %eax
	ret
	.cfi_endproc
	.size cfi_leaf, . - cfi_leaf

	.globl cfi_frame
	.type cfi_frame, @function
cfi_frame:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset %rbp, -16
	movq	%rsp, %rbp
	.cfi_def_cfa_register %rbp
	pushq	%rbx
	.cfi_offset %rbx, -24
	subq	$24, %rsp
	call	helper
	addq	$24, %rsp
	popq	%rbx
	.cfi_restore %rbx
	popq	%rbp
	.cfi_def_cfa %rsp, 8
	ret
	.cfi_endproc
	.size cfi_frame, . - cfi_frame

	.globl cfi_signal
	.type cfi_signal, @function
cfi_signal:
	.cfi_startproc simple
	.cfi_signal_frame
	.cfi_def_cfa %rsp, 8
	.cfi_undefined %rip
	.cfi_remember_state
	pushq	$0
	.cfi_adjust_cfa_offset 8
	popq	%rax
	.cfi_adjust_cfa_offset -8
	.cfi_restore_state
	.cfi_rel_offset %rax, 0
	.cfi_register %rip, %rax
	.cfi_same_value %rbx
	.cfi_escape 0x0f, 0x03, 0x77, 0x08, 0x06
	ret
	.cfi_endproc

	.section .text.cold, "ax"
cold_path:
	.cfi_startproc
	.cfi_def_cfa_offset 8
	ud2
	.cfi_endproc
	.text
	jmp	cold_path

/* Calls and jumps to every kind of target: local functions, globals in this and other sections,
 * weak and undefined symbols, through registers, memory and RIP-relative function pointers, plus
 * the return-thunk and indirect-thunk forms that retpoline builds use. */
	.include "linkage.inc"

	.text
SYM_FUNC_START caller
	call	local_fn
	call	global_fn
	call	other_text_fn
	call	init_fn_elsewhere
	call	weak_target
	call	printk
	call	*%rax
	call	*%r11
	call	*8(%rdi)
	call	*ops_table+16(%rip)
	call	*ops_table(,%rcx,8)
	jmp	*.Ljump_table(,%rax,8)
	call	__x86_indirect_thunk_rax
	jmp	__x86_return_thunk
SYM_FUNC_END caller

	.section .rodata, "a"
	.balign 8
.Ljump_table:
	.quad .Lcase0, .Lcase1, .Lcase2
	.text
.Lcase0:
	movl	$0, %eax
	jmp	__x86_return_thunk
.Lcase1:
	movl	$1, %eax
	jmp	.Lcase_done
.Lcase2:
	movl	$2, %eax
.Lcase_done:
	ret

SYM_FUNC_START_LOCAL local_fn
	xorl	%eax, %eax
	ret
SYM_FUNC_END local_fn

SYM_FUNC_START global_fn
	leaq	local_fn(%rip), %rax
	leaq	global_fn(%rip), %rcx
	leaq	other_text_fn(%rip), %rdx
	leaq	printk(%rip), %rsi
	call	printk@PLT
	jmp	global_fn
SYM_FUNC_END global_fn

	.weak weak_target
SYM_FUNC_START weak_target
	ret
SYM_FUNC_END weak_target

	.section .text.unlikely, "ax", @progbits
SYM_FUNC_START other_text_fn
	call	caller
	call	local_fn
	jmp	global_fn
SYM_FUNC_END other_text_fn

	.data
	.balign 8
	.globl ops_table
ops_table:
	.quad local_fn, global_fn, other_text_fn, printk, weak_target, 0
	.long local_fn - ., printk - ., other_text_fn - ops_table

	/* Branches to absolute addresses: long forms, PC32 against no symbol. */
	.text
	call	0x12345678
	jmp	0x1000
	jne	0x2000

/* User copies, after arch/x86/lib/copy_user_64.S and getuser.S: STAC/CLAC alternatives, rep movs
 * with fault fixups, an unrolled loop, and the exception table entries for every faulting access. */
	.include "linkage.inc"

	.macro ASM_STAC
	ALTERNATIVE "", "stac", X86_FEATURE_SMAP
	.endm
	.macro ASM_CLAC
	ALTERNATIVE "", "clac", X86_FEATURE_SMAP
	.endm

	.text
SYM_FUNC_START rep_movs_alternative
	cmpq	$64, %rcx
	jae	.Llarge
	cmpl	$8, %ecx
	jae	.Lword
	testl	%ecx, %ecx
	je	.Lexit
.Lcopy_user_tail:
0:	movb	(%rsi), %al
1:	movb	%al, (%rdi)
	incq	%rdi
	incq	%rsi
	decq	%rcx
	jne	.Lcopy_user_tail
.Lexit:
	ret
	_ASM_EXTABLE_TYPE 0b, .Lexit, EX_TYPE_UACCESS
	_ASM_EXTABLE_TYPE 1b, .Lexit, EX_TYPE_UACCESS

	.p2align 4
.Lword:
2:	movq	(%rsi), %rax
3:	movq	%rax, (%rdi)
	addq	$8, %rsi
	addq	$8, %rdi
	subq	$8, %rcx
	je	.Lexit
	cmpl	$8, %ecx
	jae	.Lword
	jmp	.Lcopy_user_tail
	_ASM_EXTABLE_TYPE 2b, .Lcopy_user_tail, EX_TYPE_UACCESS
	_ASM_EXTABLE_TYPE 3b, .Lcopy_user_tail, EX_TYPE_UACCESS

.Llarge:
0:	ALTERNATIVE "jmp .Llarge_movsq", "rep movsb", X86_FEATURE_ERMS
1:	ret
	_ASM_EXTABLE_TYPE 0b, 1b, EX_TYPE_UACCESS

.Llarge_movsq:
	movq	%rcx, %rax
	shrq	$3, %rcx
	andl	$7, %eax
0:	rep movsq
	movl	%eax, %ecx
	testl	%ecx, %ecx
	jne	.Lcopy_user_tail
	ret
1:	leaq	(%rax,%rcx,8), %rcx
	jmp	.Lcopy_user_tail
	_ASM_EXTABLE_TYPE 0b, 1b, EX_TYPE_UACCESS
SYM_FUNC_END rep_movs_alternative

	.macro GET_USER size, insn, reg
SYM_FUNC_START __get_user_\size
	movabsq	$0x00007ffffffff000, %rdx
	cmpq	%rdx, %rax
	cmovaq	%rdx, %rax
	ASM_STAC
1:	\insn	(%rax), \reg
	xorl	%eax, %eax
	ASM_CLAC
	ret
	_ASM_EXTABLE_TYPE 1b, __get_user_handle_exception, EX_TYPE_UACCESS
SYM_FUNC_END __get_user_\size
	.endm

	GET_USER 1, movzbl, %edx
	GET_USER 2, movzwl, %edx
	GET_USER 4, movl, %edx
	GET_USER 8, movq, %rdx

SYM_CODE_START_LOCAL __get_user_handle_exception
	ASM_CLAC
	xorl	%edx, %edx
	movq	$-14, %rax
	ret
SYM_CODE_END __get_user_handle_exception

SYM_FUNC_START clear_user_unrolled
	ASM_STAC
	movq	%rcx, %rdx
	shrq	$6, %rcx
	jz	2f
	xorl	%eax, %eax
1:
	.irp off, 0, 8, 16, 24, 32, 40, 48, 56
10\off:	movq	%rax, \off(%rdi)
	_ASM_EXTABLE_TYPE 10\off\()b, 3f, EX_TYPE_UACCESS
	.endr
	addq	$64, %rdi
	decq	%rcx
	jnz	1b
2:	andl	$63, %edx
	movl	%edx, %ecx
	rep stosb
3:	ASM_CLAC
	movq	%rcx, %rax
	ret
SYM_FUNC_END clear_user_unrolled

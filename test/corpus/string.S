/* memcpy/memmove/memset/memcmp/strlen, after arch/x86/lib: FSRM/ERMS alternatives, unrolled moves
 * with 8/16/32/64-bit operations, string instructions with rep prefixes, and alias symbols. */
	.include "linkage.inc"

	.text
SYM_FUNC_START __memcpy
	ALTERNATIVE "jmp memcpy_orig", "", X86_FEATURE_FSRM
	movq	%rdi, %rax
	movq	%rdx, %rcx
	rep movsb
	ret
SYM_FUNC_END __memcpy
	.set memcpy, __memcpy
	.globl memcpy
	.weak memcpy_weak_alias
	memcpy_weak_alias = __memcpy

SYM_FUNC_START_LOCAL memcpy_orig
	movq	%rdi, %rax
	cmpq	$0x20, %rdx
	jb	.Lhandle_tail
	cmp	%dil, %sil
	jl	.Lcopy_backward
	subq	$0x20, %rdx
.Lcopy_forward_loop:
	subq	$0x20, %rdx
	movq	0*8(%rsi), %r8
	movq	1*8(%rsi), %r9
	movq	2*8(%rsi), %r10
	movq	3*8(%rsi), %r11
	leaq	4*8(%rsi), %rsi
	movq	%r8, 0*8(%rdi)
	movq	%r9, 1*8(%rdi)
	movq	%r10, 2*8(%rdi)
	movq	%r11, 3*8(%rdi)
	leaq	4*8(%rdi), %rdi
	jae	.Lcopy_forward_loop
	addl	$0x20, %edx
	jmp	.Lhandle_tail
.Lcopy_backward:
	addq	%rdx, %rsi
	addq	%rdx, %rdi
	subq	$0x20, %rdx
	.p2align 4
.Lcopy_backward_loop:
	subq	$0x20, %rdx
	movq	-1*8(%rsi), %r8
	movq	-2*8(%rsi), %r9
	movq	-3*8(%rsi), %r10
	movq	-4*8(%rsi), %r11
	leaq	-4*8(%rsi), %rsi
	movq	%r8, -1*8(%rdi)
	movq	%r9, -2*8(%rdi)
	movq	%r10, -3*8(%rdi)
	movq	%r11, -4*8(%rdi)
	leaq	-4*8(%rdi), %rdi
	jae	.Lcopy_backward_loop
	addl	$0x20, %edx
	subq	%rdx, %rsi
	subq	%rdx, %rdi
.Lhandle_tail:
	cmpl	$16, %edx
	jb	.Lless_16bytes
	movq	0*8(%rsi), %r8
	movq	1*8(%rsi), %r9
	movq	-2*8(%rsi, %rdx), %r10
	movq	-1*8(%rsi, %rdx), %r11
	movq	%r8, 0*8(%rdi)
	movq	%r9, 1*8(%rdi)
	movq	%r10, -2*8(%rdi, %rdx)
	movq	%r11, -1*8(%rdi, %rdx)
	ret
	.p2align 4
.Lless_16bytes:
	cmpl	$8, %edx
	jb	.Lless_8bytes
	movq	0*8(%rsi), %r8
	movq	-1*8(%rsi, %rdx), %r9
	movq	%r8, 0*8(%rdi)
	movq	%r9, -1*8(%rdi, %rdx)
	ret
.Lless_8bytes:
	cmpl	$4, %edx
	jb	.Lless_3bytes
	movl	(%rsi), %ecx
	movl	-4(%rsi, %rdx), %r8d
	movl	%ecx, (%rdi)
	movl	%r8d, -4(%rdi, %rdx)
	ret
.Lless_3bytes:
	subl	$1, %edx
	jb	.Lend
	movzbl	(%rsi), %ecx
	jz	.Lstore_1byte
	movzbq	1(%rsi), %r8
	movzbq	(%rsi, %rdx), %r9
	movb	%r8b, 1(%rdi)
	movb	%r9b, (%rdi, %rdx)
.Lstore_1byte:
	movb	%cl, (%rdi)
.Lend:
	ret
SYM_FUNC_END memcpy_orig

SYM_FUNC_START __memset
	ALTERNATIVE "jmp memset_orig", "", X86_FEATURE_FSRM
	movq	%rdi, %r9
	movb	%sil, %al
	movq	%rdx, %rcx
	rep stosb
	movq	%r9, %rax
	ret
SYM_FUNC_END __memset

SYM_FUNC_START_LOCAL memset_orig
	movq	%rdi, %r10
	movzbl	%sil, %ecx
	movabs	$0x0101010101010101, %rax
	imulq	%rcx, %rax
	movl	%edi, %r9d
	andl	$7, %r9d
	movq	%rdx, %rcx
	shrq	$3, %rcx
	rep stosq
	movl	%edx, %ecx
	andl	$7, %ecx
	rep stosb
	movq	%r10, %rax
	ret
SYM_FUNC_END memset_orig

SYM_FUNC_START strlen_scas
	movq	%rdi, %rdx
	xorl	%eax, %eax
	movq	$-1, %rcx
	repne scasb
	notq	%rcx
	leaq	-1(%rcx), %rax
	ret
SYM_FUNC_END strlen_scas

SYM_FUNC_START memcmp_cmps
	movq	%rdx, %rcx
	xorl	%eax, %eax
	repe cmpsb
	je	1f
	movzbl	-1(%rsi), %ecx
	movzbl	-1(%rdi), %eax
	subl	%ecx, %eax
1:	ret
SYM_FUNC_END memcmp_cmps

SYM_FUNC_START copy_words
	cld
	movsq
	movsl
	movsw
	movsb
	lodsq
	stosq
	std
	lodsl
	stosl
	cld
	ret
SYM_FUNC_END copy_words

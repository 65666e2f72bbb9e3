/* A second object: a strong definition beating tables.S's weak one, an absolute symbol, a common
 * symbol also declared there (the larger size wins), .bss, and a 32-byte aligned function (the gap
 * before it in the output .text is NOP-filled). */
	.text
	.p2align 5			/* ld fills the gap before this with NOPs, as code */
	.globl	weak_hook
	.type	weak_hook, @function
weak_hook:
	movl	$1, %eax
	ret
	.size	weak_hook, . - weak_hook

	.globl	small_abs
	.set	small_abs, 0x7f

	.comm	shared_buf, 128, 16

	.bss
	.globl	lib_bss
lib_bss:
	.skip	100

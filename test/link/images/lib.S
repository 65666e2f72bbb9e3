/* A second object: a strong definition beating tables.S's weak one, an absolute symbol, a common
 * symbol also declared there (the larger size wins), and .bss. */
	.text
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

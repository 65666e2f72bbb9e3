/* Data directives with symbol expressions: absolute and PC-relative, differences within and across
 * frags and sections, strings with every escape, fills and repeats. */
	.file "data.S"
	.ident "Alternator corpus"

	.data
	.globl data_start
data_start:
	.byte 0, 1, 0x7f, 0x80, 0xff, -1, -128, 'A, 'z'
	.word 0, 0x1234, 0xffff, -1
	.short 0x55aa, data_end - data_start
	.value 1, 2, 3
	.hword 0xbeef
	.long 0, 0xdeadbeef, -1, data_end - data_start
	.int 42, 0x7fffffff
	.4byte 0x01020304
	.2byte 0x0506
	.quad 0, 0x123456789abcdef0, -1, 0xffffffffffffffff
	.8byte 0x1122334455667788

	.balign 8
ptrs:
	.quad data_start
	.quad data_start + 8
	.quad text_sym
	.quad text_sym + 0x10
	.quad undefined_sym
	.quad undefined_sym - 8
	.long text_sym - .
	.long undefined_sym - .
	.long undefined_sym + 4 - .
	.long data_end - ptrs
	.long ptrs - data_end
	.quad bss_sym
	.long text_end - text_sym
	.4byte text_sym
	.byte text_end - text_sym
	.word text_end - text_sym + 1

strings:
	.ascii "plain"
	.ascii "tab\there\n", "nl\r\n"
	.asciz "nul terminated"
	.string "also nul \"quoted\" \\ backslash"
	.ascii "\101\102\103 octal, \x41\x42 hex, \b\f\v"
	.asciz "", "two", "strings"
	.ascii "\0\00\000"

fills:
	.fill 3, 1, 0xaa
	.fill 2, 2, 0x1234
	.fill 2, 4, 0x11223344
	.fill 1, 8, 0x5566778899aabbcc
	.fill 4
	.zero 5
	.skip 3, 0xee
	.space 4, 0x77
	.space 2

	.balign 16, 0xff

	.equ COUNT, (strings - data_start) / 2
	.long COUNT, COUNT * 3 + 1, COUNT >> 1, COUNT << 2, COUNT % 7, -COUNT, ~COUNT, !COUNT
	.quad (1 << 40) | 0xff, 0x8000000000000000 >> 4
	.byte 1 == 1, 1 != 1, 2 > 1, 1 >= 2, 3 < 4, 4 <= 4, 1 && 0, 1 || 0
	.long (3 + 4) * 5 - 6 / 2, 17 % 5 ^ 3 & 1, (0x0f0 & 0x3c) | 1

	.globl data_end
data_end:

	.section .rodata.str1.1, "aMS", @progbits, 1
msg:
	.asciz "MSR %x faulted\n"
	.asciz "ok\n"

	.section .rodata.cst8, "aM", @progbits, 8
	.quad 0x3ff0000000000000

	.text
	.globl text_sym
text_sym:
	leaq	msg(%rip), %rdi
	movq	ptrs(%rip), %rax
	movl	data_start+4(%rip), %ecx
	movq	$data_start, %rdx
	movl	$data_end - data_start, %esi
	movabsq	$data_start, %r8
	ret
text_end:

	.bss
	.globl bss_sym
bss_sym:
	.skip 64

/**
 * Assembly samples for the ELF and objdump tests, each chosen to exercise one layout feature of GNU
 * as 2.40's objects: relocations in several sections, SHT_NOBITS, common and absolute symbols, merge
 * strings, COMDAT groups, SHF_LINK_ORDER, notes, TLS, init arrays, and the two Linux tables
 * (`.altinstructions`, `__ex_table`). The corpus files under test/corpus are added by the tests.
 */
export interface Sample {
  name: string;
  source: string;
}

export const samples: Sample[] = [
  {
    name: "tables.s",
    source: `
	.file "tables.s"
	.text
	.globl foo
	.type foo,@function
foo:
	mov %rax,%rdx
	call bar
	jmp 1f
	nop
1:	lea msg(%rip),%rsi
	mov $0xc0000080,%ecx
	rdmsr
	ret
	.size foo,.-foo
local_fn:
	ret
	.data
msg:	.asciz "hello"
	.quad foo
	.bss
	.lcomm buf,64
	.comm cbuf,32,16
	.section .altinstructions,"a"
	.long foo - .
	.long 2f - .
	.word 403
	.word 1
	.byte 5, 5
	.section .altinstr_replacement,"ax"
2:	wrmsrns
	.section __ex_table,"a"
	.balign 4
	.long foo - .
	.long local_fn - .
	.long 10 | (2 << 8) | (-5 << 16)
	.section .rodata.str1.1,"aMS",@progbits,1
	.asciz "abc"
	.set absym, 42
	.globl absym
`,
  },
  {
    name: "groups.s",
    source: `
	.text
	ret
	.section .text.foo,"axG",@progbits,foo,comdat
	.globl foo
foo:	ret
	call barfoo
	.section .data.foo,"awG",@progbits,foo,comdat
	.quad foo
	.section __patchable,"ao",@progbits,.text.foo
	.quad .text.foo
	.section .note.test,"a",@note
	.balign 4
	.long 4,4,1
	.asciz "GNU"
	.long 0
	.text
	.globl barfoo
barfoo: nop
	.section .tbss,"awT",@nobits
	.zero 8
	.section .init_array,"aw"
	.quad foo
	.weak wk
	.quad wk
	.hidden hid
	.globl hid
hid:	.quad hid
`,
  },
  {
    name: "relocs.s",
    source: `
	.text
	.globl start
start:
	movabs $ext, %rax
	mov ext, %eax
	movl $ext, %eax
	movq $ext, %rax
	mov ext@GOTPCREL(%rip), %rax
	call ext@PLT
	jmp ext
	.byte 0
	.data
	.balign 16
	.quad ext + 8
	.long ext - .
	.word ext
	.byte ext
	.quad ext - .
	.long start - 0x80000000
`,
  },
];

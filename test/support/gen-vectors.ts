/**
 * Writes test/encode/vectors/*.txt. Each family below is a list of candidate instruction lines built
 * from operand tables; the generator assembles a family in one GNU as 2.40 run (`as --64`, default
 * options, a label before each line), drops every line GNU as rejects or warns about (a warning means
 * GNU guessed something, e.g. an operand size, which is not a vector we want to pin down), and reads
 * each kept line's bytes between its label and the next one.
 *
 * msr-imm.txt is the exception: binutils 2.40 predates the MSR-immediate forms, so those bytes are
 * computed here from the reference's encoding table (§3), independently of src/isa/msr-imm.ts.
 *
 *   npx tsx test/support/gen-vectors.ts          # rewrite every file
 *   npx tsx test/support/gen-vectors.ts alu mov  # only these families
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gnuAs, scratchDir, sectionBytes, symbolValues } from "./gnu.js";
import { labelledSource, splitByLabels, VECTOR_DIR, vectorLabel } from "./vectors.js";

// ---------------------------------------------------------------------------------------------------
// Operand tables

const R64 = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];
const R32 = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"];
const R16 = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"];
const R8 = ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"];
const R8_LEGACY_HIGH = ["ah", "ch", "dh", "bh"];

type Size = "b" | "w" | "l" | "q";
const SIZES: Size[] = ["b", "w", "l", "q"];
const REGS: Record<Size, string[]> = { b: R8, w: R16, l: R32, q: R64 };
const r = (s: Size, i: number): string => `%${REGS[s][i]}`;

/** A representative set of register pairs: low/low, low/high, high/low, high/high, and sp/bp. */
const PAIRS: [number, number][] = [[0, 3], [1, 0], [7, 6], [0, 8], [9, 2], [12, 13], [15, 15], [4, 5]];

/** Memory operands of every shape that matters for ModRM/SIB/REX. */
const MEMS = [
  "(%rax)", "(%rsp)", "(%rbp)", "(%r12)", "(%r13)", "8(%rbx)", "-0x80(%rsi)", "0x7f(%rdi)", "0x80(%r8)",
  "-0x12345678(%r15)", "(%rax,%rcx,1)", "0x10(%rsp,%rbx,2)", "-8(%rbp,%r9,4)", "(%r13,%r14,8)",
  "0x40(,%rdx,8)", "0x12345678", "0x10(%rip)", "%gs:0x28",
];
/** A shorter list for families where the operand shape is not the point. */
const MEMS_SHORT = ["(%rax)", "0x10(%rsp)", "-8(%rbp,%rcx,8)", "(%r13)", "0x12345(%r12,%r9,4)", "0x20(%rip)"];

const CC = [
  "o", "no", "b", "c", "nae", "ae", "nb", "nc", "e", "z", "ne", "nz", "be", "na", "a", "nbe",
  "s", "ns", "p", "pe", "np", "po", "l", "nge", "ge", "nl", "le", "ng", "g", "nle",
];

const immFor: Record<Size, string[]> = {
  b: ["$0", "$1", "$0x7f", "$0x80", "$0xff", "$-1", "$-128"],
  w: ["$1", "$0x7f", "$0x80", "$0x1234", "$0xffff", "$-1", "$-129"],
  l: ["$1", "$0x7f", "$0x80", "$-128", "$-129", "$0x12345678", "$0xffffffff", "$-1"],
  q: ["$1", "$0x7f", "$0x80", "$-128", "$-129", "$0x12345678", "$0x7fffffff", "$-0x80000000", "$-1"],
};

// ---------------------------------------------------------------------------------------------------
// Families: name → candidate lines

function alu(): string[] {
  const out: string[] = [];
  for (const op of ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"]) {
    for (const s of SIZES) {
      for (const [a, b] of PAIRS.slice(0, 5)) out.push(`${op}${s} ${r(s, a)}, ${r(s, b)}`);
      for (const imm of immFor[s]) out.push(`${op}${s} ${imm}, ${r(s, 0)}`, `${op}${s} ${imm}, ${r(s, 11)}`);
      for (const m of MEMS_SHORT.slice(0, 4)) out.push(`${op}${s} ${r(s, 2)}, ${m}`, `${op}${s} ${m}, ${r(s, 9)}`);
      for (const m of MEMS_SHORT.slice(2, 6)) out.push(`${op}${s} ${immFor[s][1]}, ${m}`, `${op}${s} ${immFor[s][3]}, ${m}`);
    }
  }
  for (const s of SIZES) {
    for (const [a, b] of PAIRS.slice(0, 4)) out.push(`test${s} ${r(s, a)}, ${r(s, b)}`);
    for (const imm of immFor[s].slice(0, 5)) out.push(`test${s} ${imm}, ${r(s, 0)}`, `test${s} ${imm}, ${r(s, 6)}`);
    for (const m of MEMS_SHORT) out.push(`test${s} ${r(s, 1)}, ${m}`, `test${s} ${immFor[s][2]}, ${m}`);
    for (const op of ["inc", "dec", "neg", "not"]) {
      for (const i of [0, 3, 8, 15]) out.push(`${op}${s} ${r(s, i)}`);
      for (const m of MEMS_SHORT.slice(0, 3)) out.push(`${op}${s} ${m}`);
    }
    for (const op of ["cmpxchg", "xadd"]) {
      out.push(`${op}${s} ${r(s, 1)}, ${r(s, 3)}`, `${op}${s} ${r(s, 9)}, (%rdi)`, `lock ${op}${s} ${r(s, 2)}, 8(%r12)`);
    }
  }
  for (const hi of R8_LEGACY_HIGH) out.push(`addb %${hi}, %al`, `xorb $1, %${hi}`, `cmpb %${hi}, (%rax)`);
  out.push("cmpxchg8b (%rdi)", "cmpxchg16b (%rsi)", "lock cmpxchg16b 0x10(%rsp)", "adcx %rax, %rbx", "adox %r8, %r9");
  // Suffix-less forms, size taken from the register.
  for (const s of SIZES) out.push(`add ${r(s, 1)}, ${r(s, 0)}`, `sub $1, ${r(s, 5)}`, `cmp ${r(s, 3)}, (%rax)`, `and (%rbx), ${r(s, 14)}`);
  return out;
}

function mov(): string[] {
  const out: string[] = [];
  for (const s of SIZES) {
    for (const [a, b] of PAIRS) out.push(`mov${s} ${r(s, a)}, ${r(s, b)}`);
    for (const m of MEMS) out.push(`mov${s} ${r(s, 3)}, ${m}`, `mov${s} ${m}, ${r(s, 10)}`);
    for (const imm of immFor[s]) out.push(`mov${s} ${imm}, ${r(s, 0)}`, `mov${s} ${imm}, ${r(s, 13)}`);
    for (const m of MEMS_SHORT) out.push(`mov${s} ${immFor[s][2]}, ${m}`);
    out.push(`xchg${s} ${r(s, 1)}, ${r(s, 2)}`, `xchg${s} ${r(s, 0)}, ${r(s, 9)}`, `xchg${s} ${r(s, 3)}, (%rsi)`);
  }
  for (const hi of R8_LEGACY_HIGH) out.push(`movb %${hi}, %cl`, `movb $0x12, %${hi}`, `movb (%rax), %${hi}`);
  // movabs and moffs forms.
  for (const v of ["0x123456789", "0x8000000000000000", "-0x80000001", "0xffffffffffffffff", "0x100000000"]) {
    out.push(`movabsq $${v}, %rax`, `movabsq $${v}, %r11`, `movq $${v}, %rdx`);
  }
  for (const [s, reg] of [["b", "al"], ["w", "ax"], ["l", "eax"], ["q", "rax"]] as const) {
    out.push(`movabs${s} 0x1122334455667788, %${reg}`, `movabs${s} %${reg}, 0x1122334455667788`);
    out.push(`movabs 0x8877665544332211, %${reg}`);
  }
  // xchg accumulator short forms, lea, bswap, movbe, movnti.
  for (const i of [1, 8, 15]) out.push(`xchgq %rax, %${R64[i]}`, `xchgl %${R32[i]}, %eax`, `xchgw %ax, %${R16[i]}`);
  for (const m of MEMS) out.push(`leaq ${m.replace("%gs:", "")}, %rax`);
  for (const m of MEMS_SHORT) out.push(`leal ${m}, %r9d`, `leaw ${m}, %cx`);
  for (const i of [0, 3, 8, 15]) out.push(`bswap %${R32[i]}`, `bswap %${R64[i]}`);
  for (const m of MEMS_SHORT.slice(0, 3)) {
    out.push(`movbe ${m}, %eax`, `movbe %rcx, ${m}`, `movbew ${m}, %dx`, `movnti %eax, ${m}`, `movnti %r10, ${m}`);
  }
  out.push("mov %eax, %eax", "mov %rsp, %rbp", "mov $0, %eax", "mov $-1, %rax", "mov $0xffffffff, %rax");
  return out;
}

function movzxMovsx(): string[] {
  const out: string[] = [];
  const forms: [string, Size, Size][] = [
    ["movzbw", "b", "w"], ["movzbl", "b", "l"], ["movzbq", "b", "q"], ["movzwl", "w", "l"], ["movzwq", "w", "q"],
    ["movsbw", "b", "w"], ["movsbl", "b", "l"], ["movsbq", "b", "q"], ["movswl", "w", "l"], ["movswq", "w", "q"],
    ["movslq", "l", "q"],
  ];
  for (const [op, from, to] of forms) {
    for (const [a, b] of PAIRS) out.push(`${op} ${r(from, a)}, ${r(to, b)}`);
    for (const m of MEMS_SHORT) out.push(`${op} ${m}, ${r(to, 6)}`);
  }
  for (const hi of R8_LEGACY_HIGH) out.push(`movzbl %${hi}, %eax`, `movsbw %${hi}, %dx`);
  for (const op of ["movzx", "movsx"]) {
    for (const [from, to] of [["b", "w"], ["b", "l"], ["b", "q"], ["w", "l"], ["w", "q"]] as [Size, Size][]) {
      out.push(`${op} ${r(from, 1)}, ${r(to, 0)}`, `${op} ${r(from, 10)}, ${r(to, 12)}`);
    }
    out.push(`${op}b (%rax), %ecx`, `${op}w (%rax), %ecx`, `${op}b 8(%rsp), %r9`, `${op}w (%r13), %rdx`);
  }
  out.push("movsxd %eax, %rcx", "movsxd (%rsi), %r8", "movsxd %r9d, %r10");
  out.push("cbw", "cwde", "cdqe", "cwd", "cdq", "cqo", "cbtw", "cwtl", "cltq", "cwtd", "cltd", "cqto");
  return out;
}

function shiftRotate(): string[] {
  const out: string[] = [];
  for (const op of ["rol", "ror", "rcl", "rcr", "shl", "sal", "shr", "sar"]) {
    for (const s of SIZES) {
      for (const i of [0, 3, 9]) {
        out.push(`${op}${s} ${r(s, i)}`, `${op}${s} $1, ${r(s, i)}`, `${op}${s} $5, ${r(s, i)}`, `${op}${s} %cl, ${r(s, i)}`);
      }
      for (const m of MEMS_SHORT.slice(0, 3)) {
        out.push(`${op}${s} ${m}`, `${op}${s} $1, ${m}`, `${op}${s} $0x1f, ${m}`, `${op}${s} %cl, ${m}`);
      }
    }
    out.push(`${op} %eax`, `${op} $3, %r12`, `${op} %cl, %bl`);
  }
  for (const op of ["shld", "shrd"]) {
    for (const s of ["w", "l", "q"] as Size[]) {
      out.push(`${op}${s} $4, ${r(s, 1)}, ${r(s, 0)}`, `${op}${s} %cl, ${r(s, 9)}, ${r(s, 3)}`);
      out.push(`${op}${s} $0x10, ${r(s, 2)}, (%rax)`, `${op}${s} %cl, ${r(s, 14)}, 8(%rsp)`, `${op}${s} ${r(s, 6)}, ${r(s, 7)}`);
    }
  }
  for (const op of ["sarx", "shlx", "shrx"]) out.push(`${op} %rcx, %rax, %rdx`, `${op} %ecx, (%rdi), %eax`);
  out.push("rorx $7, %rax, %rbx", "rorx $31, (%rsi), %ecx");
  return out;
}

function muldiv(): string[] {
  const out: string[] = [];
  for (const op of ["mul", "imul", "div", "idiv"]) {
    for (const s of SIZES) {
      for (const i of [0, 1, 5, 8, 15]) out.push(`${op}${s} ${r(s, i)}`);
      for (const m of MEMS_SHORT) out.push(`${op}${s} ${m}`);
    }
    out.push(`${op} %ecx`, `${op} %r9`, `${op} %bl`);
  }
  for (const s of ["w", "l", "q"] as Size[]) {
    for (const [a, b] of PAIRS) out.push(`imul${s} ${r(s, a)}, ${r(s, b)}`);
    for (const m of MEMS_SHORT) out.push(`imul${s} ${m}, ${r(s, 3)}`);
    for (const imm of immFor[s].slice(0, 6)) {
      out.push(`imul${s} ${imm}, ${r(s, 1)}, ${r(s, 2)}`, `imul${s} ${imm}, (%rax), ${r(s, 10)}`, `imul${s} ${imm}, ${r(s, 7)}`);
    }
  }
  out.push("mulx %rcx, %rax, %rdx", "mulx (%rsi), %r8d, %r9d");
  return out;
}

function bit(): string[] {
  const out: string[] = [];
  for (const op of ["bt", "bts", "btr", "btc"]) {
    for (const s of ["w", "l", "q"] as Size[]) {
      for (const [a, b] of PAIRS.slice(0, 5)) out.push(`${op}${s} ${r(s, a)}, ${r(s, b)}`);
      for (const imm of ["$0", "$7", "$31", "$63"]) out.push(`${op}${s} ${imm}, ${r(s, 9)}`);
      for (const m of MEMS_SHORT) out.push(`${op}${s} ${r(s, 2)}, ${m}`, `${op}${s} $3, ${m}`);
    }
    out.push(`lock ${op}q %rax, (%rdi)`, `lock ${op}l $5, 4(%rsi)`);
  }
  for (const op of ["bsf", "bsr", "lzcnt", "tzcnt", "popcnt"]) {
    for (const s of ["w", "l", "q"] as Size[]) {
      for (const [a, b] of PAIRS.slice(0, 5)) out.push(`${op}${s} ${r(s, a)}, ${r(s, b)}`);
      for (const m of MEMS_SHORT.slice(0, 4)) out.push(`${op}${s} ${m}, ${r(s, 11)}`);
    }
    out.push(`${op} %eax, %ecx`, `${op} (%rax), %r8`);
  }
  for (const op of ["andn", "bextr", "bzhi"]) out.push(`${op} %rcx, %rax, %rdx`, `${op} %ecx, (%rdi), %eax`);
  for (const op of ["blsi", "blsmsk", "blsr"]) out.push(`${op} %rcx, %rax`, `${op} (%rdi), %eax`);
  out.push("pdep %rcx, %rax, %rdx", "pext %ecx, %eax, %edx");
  return out;
}

function stack(): string[] {
  const out: string[] = [];
  for (const i of R64.keys()) out.push(`pushq %${R64[i]}`, `popq %${R64[i]}`, `push %${R64[i]}`, `pop %${R64[i]}`);
  for (const i of [0, 3, 8, 15]) out.push(`pushw %${R16[i]}`, `popw %${R16[i]}`);
  for (const m of MEMS) out.push(`pushq ${m}`, `popq ${m}`);
  for (const m of MEMS_SHORT.slice(0, 3)) out.push(`pushw ${m}`, `popw ${m}`);
  for (const imm of ["$0", "$1", "$0x7f", "$0x80", "$-1", "$-128", "$-129", "$0x12345678", "$-0x80000000"]) {
    out.push(`pushq ${imm}`, `push ${imm}`);
  }
  out.push("pushw $0x1234", "pushw $1");
  out.push("pushf", "popf", "pushfq", "popfq", "pushfw", "popfw");
  out.push("push %fs", "push %gs", "pop %fs", "pop %gs", "pushq %fs", "popq %gs", "pushw %fs", "popw %gs");
  out.push("leave", "leaveq", "leavew", "enter $0x10, $0", "enter $0x1000, $1", "enterq $8, $2", "enterw $4, $0");
  return out;
}

function string(): string[] {
  const out: string[] = [];
  for (const op of ["movs", "stos", "lods", "scas", "cmps"]) {
    for (const s of SIZES) out.push(`${op}${s}`);
  }
  out.push("movsb (%rsi), %es:(%rdi)", "movsq (%rsi), (%rdi)", "movsl %ds:(%rsi), %es:(%rdi)");
  out.push("stosb %al, %es:(%rdi)", "stosq %rax, (%rdi)", "lodsb (%rsi), %al", "lodsq (%rsi), %rax", "lodsw %ds:(%rsi), %ax");
  out.push("scasb %es:(%rdi), %al", "scasq (%rdi), %rax", "cmpsb %es:(%rdi), (%rsi)", "cmpsq (%rdi), (%rsi)");
  out.push("movsw %fs:(%rsi), (%rdi)", "lodsl %gs:(%rsi), %eax");
  for (const s of ["b", "w", "l"]) out.push(`ins${s}`, `outs${s}`);
  out.push("insb (%dx), %es:(%rdi)", "outsb (%rsi), (%dx)", "insl (%dx), (%rdi)", "outsw %ds:(%rsi), (%dx)");
  out.push("movsd", "cmpsd", "xlat", "xlatb", "xlat (%rbx)");
  for (const p of ["rep", "repe", "repz", "repne", "repnz"]) {
    for (const op of ["movs", "stos", "lods", "scas", "cmps", "ins", "outs"]) {
      for (const s of ["b", "l", "q"]) out.push(`${p} ${op}${s}`);
    }
  }
  return out;
}

function branchIndirect(): string[] {
  const out: string[] = [];
  for (const op of ["call", "jmp"]) {
    for (const reg of R64) out.push(`${op} *%${reg}`);
    for (const m of MEMS) out.push(`${op} *${m}`);
    out.push(`${op}q *%rax`, `${op}q *(%rdx)`, `notrack ${op} *%rax`, `notrack ${op} *(%rcx)`, `${op} *%cs:8(%rax)`);
    out.push(`l${op} *(%rax)`, `l${op}q *(%rbx)`, `l${op}l *8(%rsp)`, `l${op}w *(%r12)`);
  }
  out.push("ret", "retq", "ret $8", "retq $0x10", "ret $0xffff", "retw", "retw $4");
  out.push("lret", "lretq", "lretl", "lretw", "lret $8", "lretq $0x20");
  out.push("iret", "iretq", "iretl", "iretw", "sysret", "sysretq", "sysretl", "sysexit", "sysexitq");
  out.push("rep ret", "repz ret", "bnd ret", "bnd jmp *%rax", "bnd call *(%rdi)", "ds jmp *%rax", "cs call *%rax");
  out.push("jmpq *0x1000(,%rax,8)", "jmp *-0x10(%rbp,%rcx,8)", "call *%gs:0x30", "jmp *%fs:(%rax)");
  return out;
}

function setccCmovcc(): string[] {
  const out: string[] = [];
  for (const cc of CC) {
    out.push(`set${cc} %al`, `set${cc} %bl`, `set${cc} %sil`, `set${cc} %r9b`, `set${cc} %ah`, `set${cc} (%rax)`, `set${cc} 0x10(%rsp)`, `set${cc}b (%r13)`);
    out.push(`cmov${cc} %ecx, %eax`, `cmov${cc} %rdx, %r8`, `cmov${cc} %r15w, %bx`, `cmov${cc} (%rdi), %esi`, `cmov${cc} 8(%r12,%rax,4), %r11`);
    out.push(`cmov${cc}l %ebx, %eax`, `cmov${cc}q (%rax), %rcx`, `cmov${cc}w %ax, %dx`);
  }
  return out;
}

function system(): string[] {
  const out: string[] = [];
  out.push("cli", "sti", "hlt", "cpuid", "rdtsc", "rdtscp", "rdmsr", "wrmsr", "wrmsrns", "swapgs", "sysretq", "iretq");
  out.push("sysenter", "sysexit", "syscall", "sysret", "rdpmc", "rdpid %rax", "rdpid %r12", "ud2", "ud2a", "int3", "int $0x80", "int $3", "int $0xff", "into", "int1", "icebp");
  out.push("vmcall", "vmmcall", "vmlaunch", "vmresume", "vmxoff", "vmfunc", "endbr64", "endbr32", "lfence", "mfence", "sfence", "pause", "wbinvd", "invd", "wbnoinvd");
  out.push("monitor", "mwait", "monitor %rax, %ecx, %edx", "mwait %eax, %ecx", "stac", "clac", "xgetbv", "xsetbv", "rsm", "clts", "serialize", "rdrand %rax", "rdseed %ecx", "rdrand %r9w");
  for (const reg of ["rax", "rcx", "r9", "r15"]) {
    out.push(`rdfsbase %${reg}`, `rdgsbase %${reg}`, `wrfsbase %${reg}`, `wrgsbase %${reg}`);
  }
  out.push("rdfsbase %eax", "wrgsbase %r10d");
  for (const m of ["(%rax)", "0x40(%rsp)", "(%r12,%rcx,8)", "0x100(%rip)"]) {
    out.push(`lgdt ${m}`, `lidt ${m}`, `sgdt ${m}`, `sidt ${m}`, `lgdtq ${m}`, `lidtq ${m}`);
    out.push(`ltr ${m}`, `lldt ${m}`, `str ${m}`, `sldt ${m}`, `smsw ${m}`, `lmsw ${m}`, `verr ${m}`, `verw ${m}`);
    out.push(`invlpg ${m}`, `clflush ${m}`, `clflushopt ${m}`, `clwb ${m}`, `prefetcht0 ${m}`, `prefetchnta ${m}`, `prefetchw ${m}`);
    out.push(`xsave ${m}`, `xsave64 ${m}`, `xrstor ${m}`, `xrstor64 ${m}`, `xsaveopt ${m}`, `xsaveopt64 ${m}`, `xsaves ${m}`, `xrstors64 ${m}`, `xsavec ${m}`);
    out.push(`fxsave ${m}`, `fxsave64 ${m}`, `fxrstor ${m}`, `fxrstor64 ${m}`, `ldmxcsr ${m}`, `stmxcsr ${m}`, `fninit`, `fnstcw ${m}`);
    out.push(`invpcid ${m}, %rax`, `vmptrld ${m}`, `vmclear ${m}`, `vmxon ${m}`);
  }
  for (const reg of ["ax", "cx", "r9w", "eax", "r10d"]) out.push(`ltr %${reg}`, `lldt %${reg}`, `str %${reg}`, `sldt %${reg}`, `verw %${reg}`);
  out.push("str %rax", "sldt %rcx", "smsw %eax", "smsw %rax", "lmsw %ax");
  out.push("lar %ax, %bx", "lar %ecx, %edx", "lsl %eax, %ecx", "lsl (%rax), %r9", "arpl %ax, %bx");
  out.push("invlpga", "invlpga %rax, %ecx", "vmrun", "vmload", "vmsave", "stgi", "clgi", "skinit", "rdtscp");
  out.push("vmread %rax, %rbx", "vmwrite (%rax), %rcx", "invept (%rax), %rcx", "invvpid 8(%rsp), %rdx");
  for (const n of [0, 2, 3, 4, 8]) out.push(`mov %cr${n}, %rax`, `mov %rax, %cr${n}`, `mov %cr${n}, %r9`, `mov %r14, %cr${n}`, `movq %cr${n}, %rdx`);
  for (const n of [0, 1, 2, 3, 6, 7]) out.push(`mov %db${n}, %rcx`, `mov %rcx, %db${n}`, `mov %dr${n}, %r10`, `mov %r10, %dr${n}`);
  for (const seg of ["ds", "es", "fs", "gs", "ss", "cs"]) {
    out.push(`mov %${seg}, %eax`, `mov %${seg}, %ax`, `mov %${seg}, %r9`, `mov %${seg}, (%rax)`, `movw %${seg}, 8(%rsp)`);
    if (seg !== "cs") out.push(`mov %eax, %${seg}`, `mov %ax, %${seg}`, `mov %r11, %${seg}`, `mov (%rax), %${seg}`, `movw 2(%rbx), %${seg}`, `movl %ecx, %${seg}`);
  }
  for (const [s, acc] of [["b", "al"], ["w", "ax"], ["l", "eax"]] as const) {
    for (const port of ["$0", "$0x80", "$0xe9", "$0xf4", "$0xff"]) out.push(`in${s} ${port}, %${acc}`, `out${s} %${acc}, ${port}`);
    out.push(`in${s} %dx, %${acc}`, `out${s} %${acc}, %dx`, `in${s} (%dx), %${acc}`, `out${s} %${acc}, (%dx)`);
    out.push(`in ${"$0x60"}, %${acc}`, `out %${acc}, %dx`);
  }
  out.push("in %dx", "out %dx", "inb $0x64", "outb $0x64");
  out.push("hreset $1", "uiret", "clui", "stui", "testui", "senduipi %rax", "tpause %eax", "umwait %ecx", "umonitor %rax", "enqcmd (%rax), %rcx", "pconfig", "encls", "enclu", "enclv", "wrssq %rax, (%rbx)", "rdsspq %rax", "incsspq %rcx", "saveprevssp", "setssbsy", "clrssbsy (%rax)", "rstorssp (%rax)", "lkgs %ax", "eretu", "erets");
  return out;
}

function prefixes(): string[] {
  const out: string[] = [];
  for (const op of ["add", "or", "adc", "sbb", "and", "sub", "xor"]) {
    out.push(`lock ${op}l $1, (%rax)`, `lock ${op}q %rcx, 8(%rsp)`, `lock ${op}b $0x7f, (%r12)`, `lock ${op}w %dx, %gs:0x10`);
  }
  for (const op of ["inc", "dec", "neg", "not"]) out.push(`lock ${op}l (%rdi)`, `lock ${op}q %gs:0x20(%rax)`);
  out.push("lock xchgl %eax, (%rbx)", "lock cmpxchgq %rcx, (%rdx)", "lock xaddl %eax, 4(%rsi)", "lock btsq $3, (%rdi)", "lock; incl (%rax)", "lock orl $0, -4(%rsp)");
  for (const p of ["rep", "repe", "repz", "repne", "repnz"]) {
    out.push(`${p} movsb`, `${p} movsq`, `${p} stosb`, `${p} stosl`, `${p} cmpsb`, `${p} scasb`, `${p} lodsw`, `${p}; movsb`, `${p} nop`);
  }
  out.push("rep movsq %ds:(%rsi), %es:(%rdi)", "rep stosq %rax, %es:(%rdi)", "rep bsf %eax, %ecx", "rep bsr %rax, %rcx");
  out.push("ds wrmsr", "ds rdmsr", "ds wrmsrns", "cs nop", "ds nop", "es nop", "ss nop", "fs nop", "gs nop", "ds call *%rax", "cs jmp *%rcx");
  for (const seg of ["es", "cs", "ss", "ds", "fs", "gs"]) {
    out.push(`movq %${seg}:0x10, %rax`, `movl %${seg}:(%rax), %ecx`, `movq %rdx, %${seg}:8(%rbx,%rcx,8)`, `addl $1, %${seg}:(%rsp)`, `leaq %${seg}:(%rax), %rdx`, `incq %${seg}:0x1000`);
  }
  for (const m of ["0", "0x28", "0x1234", "(%rax)", "0x10(%rip)", "-8(%rbp)"]) {
    out.push(`movq %gs:${m}, %rax`, `movq %rax, %gs:${m}`, `movl %fs:${m}, %r9d`, `cmpq %gs:${m}, %rsp`, `incl %gs:${m}`);
  }
  out.push("data16 nop", "data16 movl %eax, %ebx", "data16 data16 nop", "data16 data16 cs nopw 0(%rax,%rax,1)", "data16 lea 0(%rsi), %rsi");
  out.push("addr32 movl (%eax), %ecx", "addr32 nop", "addr32 leal (%rax), %ecx", "addr32 call *(%rax)", "addr32 movq %rax, 8(%rbx)");
  out.push("rex nop", "rex.w nop", "rex64 nop", "rex.W movl %eax, %ebx", "rex.b nop", "rex.wrxb nop");
  out.push("xacquire lock incl (%rax)", "xrelease lock decl (%rax)", "xrelease movl $0, (%rax)");
  out.push("lock addl $0, (%rsp)", "lock addl $0, -4(%rsp)", "notrack jmp *%rax", "notrack call *(%rax)");
  return out;
}

function addressing(): string[] {
  const out: string[] = [];
  const bases = [...R64];
  for (const b of bases) {
    out.push(`movq (%${b}), %rax`, `movq 0(%${b}), %rax`, `movq 8(%${b}), %rcx`, `movq -8(%${b}), %rcx`, `movq 0x7f(%${b}), %rdx`);
    out.push(`movq -0x80(%${b}), %rdx`, `movq 0x80(%${b}), %rbx`, `movq -0x81(%${b}), %rbx`, `movq 0x12345678(%${b}), %rsi`, `movq -0x12345678(%${b}), %rsi`);
    out.push(`movl %eax, (%${b})`, `movl %r9d, 0x40(%${b})`);
  }
  const indexes = R64.filter((x) => x !== "rsp");
  for (const x of indexes) {
    for (const sc of [1, 2, 4, 8]) out.push(`movq (%rax,%${x},${sc}), %rdx`);
    out.push(`movq 0x10(%rsp,%${x},8), %r8`, `movq -0x200(%rbp,%${x},4), %r9`, `movq (%r13,%${x},2), %r10`, `movq (%r12,%${x}), %r11`);
    out.push(`movq 0x1000(,%${x},8), %rax`, `movq (,%${x},1), %rax`, `movq -4(,%${x},4), %rax`, `leaq 1(%${x},%${x},2), %rcx`);
  }
  for (const a of ["0", "1", "0x7f", "0x80", "0x1000", "0x12345678", "0x7fffffff", "-1", "-0x80000000", "0xffffffff80000000"]) {
    out.push(`movq ${a}, %rax`, `movl %ecx, ${a}`, `movb ${a}, %r8b`, `incq ${a}`);
  }
  for (const d of ["0", "8", "-8", "0x10", "0x12345678", "-0x1000"]) {
    out.push(`movq ${d}(%rip), %rax`, `leaq ${d}(%rip), %rdi`, `movl $1, ${d}(%rip)`, `cmpb $0, ${d}(%rip)`, `call *${d}(%rip)`);
  }
  out.push("movq (%rip), %rax", "addl 0x10(%rip), %r15d", "movq $0x12345678, 0x10(%rip)", "movb $1, -1(%rip)", "movw $0x1234, 2(%rip)");
  const r32b = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r12d", "r13d", "r15d"];
  for (const b of r32b) {
    out.push(`addr32 movl (%${b}), %eax`, `movl (%${b}), %eax`, `movq 8(%${b}), %rcx`, `leal -0x80(%${b}), %edx`);
    if (b !== "esp") out.push(`movl (%eax,%${b},4), %ecx`, `movq 0x100(%esp,%${b},8), %rdx`);
  }
  out.push("movl (,%eax,8), %ecx", "movl 0x10(%eip), %eax", "leal (%eip), %ecx", "addr32 leaq 0x10(%rip), %rax");
  out.push("movq %gs:(%rax,%rbx,8), %rcx", "movq %fs:-8(%rbp), %rax", "movq %gs:0(,%rax,8), %rax");
  return out;
}

function sizes(): string[] {
  const out: string[] = [];
  for (const op of ["add", "sub", "and", "or", "xor", "cmp", "adc", "sbb", "test", "mov"]) {
    for (const s of SIZES) {
      out.push(`${op}${s} ${r(s, 1)}, ${r(s, 2)}`, `${op} ${r(s, 1)}, ${r(s, 2)}`);
      out.push(`${op}${s} ${r(s, 3)}, (%rax)`, `${op} ${r(s, 3)}, (%rax)`);
      out.push(`${op}${s} $0x12, ${r(s, 9)}`, `${op} $0x12, ${r(s, 9)}`);
      out.push(`${op}${s} $0x12, 8(%rsp)`);
      if (op !== "test") out.push(`${op}${s} (%rbx), ${r(s, 10)}`, `${op} (%rbx), ${r(s, 10)}`);
    }
  }
  for (const op of ["inc", "dec", "neg", "not", "mul", "div", "idiv", "imul", "shl", "sar", "rol"]) {
    for (const s of SIZES) out.push(`${op}${s} ${r(s, 6)}`, `${op} ${r(s, 6)}`, `${op}${s} (%rdi)`, `${op}${s} 0x10(%rip)`);
  }
  for (const s of ["w", "l", "q"] as Size[]) {
    for (const op of ["bt", "bts", "bsf", "popcnt", "lzcnt", "cmovz", "imul", "xchg", "cmpxchg", "xadd"]) {
      out.push(`${op}${s} ${r(s, 1)}, ${r(s, 0)}`, `${op} ${r(s, 1)}, ${r(s, 0)}`, `${op}${s} ${r(s, 1)}, (%rsi)`);
    }
    out.push(`push${s} (%rax)`, `pop${s} (%rax)`, `lea${s} (%rax), ${r(s, 3)}`, `lea (%rax), ${r(s, 3)}`);
  }
  for (const [s, acc] of [["b", "al"], ["w", "ax"], ["l", "eax"]]) out.push(`in${s} $0x80, %${acc}`, `in $0x80, %${acc}`, `out${s} %${acc}, %dx`, `out %${acc}, %dx`);
  for (const op of ["movs", "stos", "lods", "cmps", "scas"]) out.push(`${op}b`, `${op}w`, `${op}l`, `${op}q`);
  out.push("callq *%rax", "call *%rax", "jmpq *(%rax)", "jmp *(%rax)", "retq", "ret", "pushq $1", "push $1", "pushw $1");
  out.push("movzbl (%rax), %eax", "movzb (%rax), %eax", "movzwl (%rax), %eax", "movzw (%rax), %eax", "movslq (%rax), %rax");
  return out;
}

function immEdges(): string[] {
  const out: string[] = [];
  const vals = ["-129", "-128", "-1", "0", "1", "127", "128", "255", "256", "0x7fff", "0x8000", "0xffff", "0x10000", "0x7fffffff", "0x80000000", "0xffffffff", "-0x80000000", "-0x80000001"];
  for (const v of vals) {
    out.push(`addb $${v}, %al`, `addb $${v}, %cl`, `addw $${v}, %ax`, `addw $${v}, %cx`, `addl $${v}, %eax`, `addl $${v}, %ecx`);
    out.push(`addq $${v}, %rax`, `addq $${v}, %rcx`, `cmpq $${v}, (%rax)`, `movb $${v}, %dl`, `movw $${v}, %dx`, `movl $${v}, %edx`);
    out.push(`movq $${v}, %rdx`, `movq $${v}, (%rdx)`, `pushq $${v}`, `imull $${v}, %eax, %ecx`, `testl $${v}, %esi`, `andq $${v}, %r9`);
    out.push(`movabsq $${v}, %r10`, `orw $${v}, 2(%rbx)`);
  }
  for (const v of ["0x100000000", "0x7fffffffffffffff", "0x8000000000000000", "0xffffffffffffffff", "-0x8000000000000000", "0x123456789abcdef0", "-2"]) {
    out.push(`movabsq $${v}, %rax`, `movabsq $${v}, %r15`, `movq $${v}, %rcx`, `movabs $${v}, %rbx`);
  }
  for (const v of ["0", "1", "2", "31", "63", "64", "255"]) out.push(`shlq $${v}, %rax`, `rorl $${v}, %ecx`, `btq $${v}, %rdx`);
  for (const v of ["0", "1", "0x7f", "0x80", "0xff"]) out.push(`int $${v}`, `inb $${v}, %al`, `outl %eax, $${v}`);
  for (const v of ["0", "1", "0x7fff", "0x8000", "0xffff"]) out.push(`ret $${v}`, `lret $${v}`, `enter $${v}, $0`);
  for (const e of ["1+1", "(1<<12)-1", "0x10*4", "-(3)", "~0", "0x80000000>>1", "7/2", "7%4", "1|6", "12&10", "12^10", "!0"]) {
    out.push(`movl $${e}, %eax`, `addq $${e}, %rsp`, `movq ${e.includes("/") ? "8" : "0x10"}(%rax), %rcx`);
  }
  return out;
}

const FAMILIES: Record<string, () => string[]> = {
  alu, mov, "movzx-movsx": movzxMovsx, "shift-rotate": shiftRotate, muldiv, bit, stack, string,
  "branch-indirect": branchIndirect, "setcc-cmovcc": setccCmovcc, system, prefixes, addressing, sizes,
  "imm-edges": immEdges,
};

// ---------------------------------------------------------------------------------------------------
// MSR immediate forms (reference §3), computed here because binutils 2.40 cannot assemble them.

const MSR_IMMS = [0, 0x10, 0xc0000080, 0x80000000, 0xffffffff];

function msrImmBytes(op: "rdmsr" | "wrmsrns", reg: number, imm: number): string {
  // VEX3: c4, then R̄X̄B̄ + map 7 (e7 for rax..rdi, c7 when B extends to r8..r15), then W0 vvvv=1111 L0 pp.
  const byte1 = reg < 8 ? 0xe7 : 0xc7;
  const byte2 = op === "rdmsr" ? 0x7b /* pp = F2 */ : 0x7a; /* pp = F3 */
  const modrm = 0xc0 + (reg & 7); // mod=11, reg=/0, rm=register
  const id = [imm & 0xff, (imm >>> 8) & 0xff, (imm >>> 16) & 0xff, (imm >>> 24) & 0xff];
  return [0xc4, byte1, byte2, 0xf6, modrm, ...id].map((b) => b.toString(16).padStart(2, "0")).join(" ");
}

function msrImmFile(): string {
  const lines = [
    "# MSR-immediate forms (binutils >= 2.44 syntax). GNU as 2.40 cannot assemble these: the CHECK bytes are",
    "# computed by test/support/gen-vectors.ts from the reference encoding table (linux-x86.md §3).",
  ];
  for (const op of ["rdmsr", "wrmsrns"] as const) {
    for (const imm of MSR_IMMS) {
      R64.forEach((reg, i) => {
        const immText = `$0x${imm.toString(16)}`;
        const src = op === "rdmsr" ? `rdmsr ${immText}, %${reg}` : `wrmsrns %${reg}, ${immText}`;
        lines.push(`${src.padEnd(36)}# CHECK: ${msrImmBytes(op, i, imm)}`);
      });
    }
  }
  lines.push("# Invalid forms: negative or 64-bit immediates, non-64-bit registers, memory operands.");
  for (const bad of ["rdmsr $-1, %rax", "rdmsr $0x100000000, %rax", "rdmsr $1, %eax", "wrmsrns (%rax), $1", "rdmsr $1, (%rax)", "wrmsrns %eax, $1", "wrmsrns %rax, $-1", "wrmsrns %rcx, $0x100000000", "rdmsr $1, %ax"]) {
    lines.push(`${bad.padEnd(36)}# ERROR: A037`);
  }
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------------
// Driver

interface FamilyResult {
  kept: { source: string; hex: string }[];
  rejected: { source: string; why: string }[];
}

/** Assembles candidates with GNU as, dropping rejected/warned lines until a clean run, then reads bytes. */
export function runFamily(candidates: string[], dir: string): FamilyResult {
  let lines = [...new Set(candidates)];
  const rejected: { source: string; why: string }[] = [];
  for (;;) {
    const res = gnuAs(labelledSource(lines), dir, "family.s");
    const bad = new Map<number, string>();
    for (const m of res.messages) if (!bad.has(m.line)) bad.set(m.line, `${m.severity}: ${m.text}`);
    if (res.ok && bad.size === 0) {
      const syms = symbolValues(res.object);
      const offsets = lines.map((_, i) => i).concat(lines.length).map((i) => Number(syms.get(vectorLabel(i))));
      const hexes = splitByLabels(sectionBytes(res.object, ".text", dir), offsets);
      return { kept: lines.map((source, i) => ({ source, hex: hexes[i]! })), rejected };
    }
    if (bad.size === 0) throw new Error(`GNU as failed without line messages:\n${res.stderr}`);
    for (const [line, why] of bad) rejected.push({ source: lines[line - 1] ?? `<line ${line}>`, why });
    lines = lines.filter((_, i) => !bad.has(i + 1));
  }
}

function main(): void {
  const only = process.argv.slice(2);
  const dir = scratchDir("gen-vectors-");
  let total = 0;
  try {
    for (const [name, make] of Object.entries(FAMILIES)) {
      if (only.length && !only.includes(name)) continue;
      const { kept, rejected } = runFamily(make(), dir);
      const header = [
        `# ${name}: generated by test/support/gen-vectors.ts from GNU as 2.40 (as --64, default options).`,
        "# Each line: instruction, then the bytes GNU as emits for it. Do not edit by hand; regenerate.",
      ];
      const body = kept.map(({ source, hex }) => `${source.padEnd(44)}# CHECK: ${hex}`);
      writeFileSync(join(VECTOR_DIR, `${name}.txt`), [...header, ...body].join("\n") + "\n");
      total += kept.length;
      console.log(`${name}: ${kept.length} kept, ${rejected.length} rejected`);
      for (const r of rejected) console.log(`  rejected: ${r.source}   (${r.why})`);
    }
    if (!only.length || only.includes("msr-imm")) {
      writeFileSync(join(VECTOR_DIR, "msr-imm.txt"), msrImmFile());
      console.log("msr-imm: written");
    }
    console.log(`total GNU-checked vectors: ${total}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();

/**
 * Random straight-line cases for the differential tests: a grammar of instruction templates over
 * random registers, immediates and memory operands, assembled by our assembler and ended with HLT.
 *
 * The machine of every case: code at CODE_BASE; a data window of a page (random bytes) that R14
 * points into and R15 indexes (small); a stack page with RSP in its middle; every other GPR random
 * (with a bias towards edge values). Templates never write R14, R15 or RSP except through pushes and
 * pops that stay inside the stack page, so every memory operand stays in the windows unless a
 * template means to fault.
 *
 * Each template also says which arithmetic flags it leaves defined and which undefined (the SDM's
 * words, with the count actually used for shifts), so the comparison can mask exactly the flags no
 * reference is obliged to agree on.
 */
import { Prng } from "../../support/prng.js";
import { AF, CF, DF, OF, PF, SF, ZF } from "../../../src/emu/cpu/flags.js";

export const CODE_BASE = 0x400000;
export const DATA = 0x600000;
export const DATA_LEN = 0x1000;
export const STACK = 0x700000;
/** The stack window: [STACK + 0x400, STACK + 0xc00), RSP at STACK + 0x800. */
export const STACK_WINDOW = 0x400;
export const STACK_LEN = 0x800;

export const ALL6 = CF | PF | AF | ZF | SF | OF;

/** One generated piece: its lines, and per line the flags it defines and leaves undefined. */
interface Piece {
  lines: string[];
  /** Flags written with defined values (after `undef` is applied), per line. */
  def: number[];
  undef: number[];
  /** Flags read, per line: when one is undefined at that point, the case defines them first. */
  reads: number[];
  /** Needs a reference other than Unicorn (known Unicorn bugs). */
  hostOnly?: boolean;
}

export interface DiffCase {
  name: string;
  source: string;
  regs: Record<string, string>;
  rflags: string;
  mem: { addr: string; hex: string }[];
  dump: { addr: string; len: number }[];
  /** Flags whose final value is undefined. */
  undefMask: number;
  /** The same before each instruction (labels are not instructions), for a case that ends in a fault. */
  undefBefore: number[];
  hostOnly: boolean;
}

const W64 = ["rax", "rcx", "rdx", "rbx", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13"];
const NAMES: Record<number, string[]> = {
  8: W64,
  4: ["eax", "ecx", "edx", "ebx", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d"],
  2: ["ax", "cx", "dx", "bx", "bp", "si", "di", "r8w", "r9w", "r10w", "r11w", "r12w", "r13w"],
  1: ["al", "cl", "dl", "bl", "bpl", "sil", "dil", "r8b", "r9b", "r10b", "r11b", "r12b", "r13b"],
};
const LEGACY8 = ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"];
const SUFFIX: Record<number, string> = { 1: "b", 2: "w", 4: "l", 8: "q" };
const SIZES = [1, 2, 4, 8];

const one = (line: string, def: number, undef = 0, reads = 0): Piece => ({ lines: [line], def: [def], undef: [undef], reads: [reads] });
const seq = (...ps: Piece[]): Piece => ({
  lines: ps.flatMap((p) => p.lines),
  def: ps.flatMap((p) => p.def),
  undef: ps.flatMap((p) => p.undef),
  reads: ps.flatMap((p) => p.reads),
  hostOnly: ps.some((p) => p.hostOnly),
});
const nf = (line: string): Piece => one(line, 0, 0);

class Gen {
  labels = 0;
  constructor(readonly r: Prng) {}

  reg(size: number): string {
    // High-byte registers only in instructions that need no REX (the caller pairs them with LEGACY8).
    return `%${this.r.pick(NAMES[size]!)}`;
  }

  imm(size: number): string {
    const r = this.r;
    const edge = [0, 1, -1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0x7fffffff, -0x80000000];
    let v: number;
    if (r.chance(0.3)) v = r.pick(edge);
    else v = r.int(2 ** 32) - 2 ** 31;
    if (size === 1) v = (v << 24) >> 24;
    else if (size === 2) v = (v << 16) >> 16;
    return `$${v}`;
  }

  imm8(): string {
    return `$${this.r.int(256) - 128}`;
  }

  mem(): string {
    const r = this.r;
    const disp = r.int(0x180) - 0x80;
    switch (r.int(7)) {
      case 0: return `${disp}(%r14)`;
      case 1: return `${disp}(%r14,%r15,${r.pick([1, 2, 4, 8])})`;
      case 2: return `(%r14)`;
      // RIP-relative: code at CODE_BASE (a few hundred bytes) + 0x200000 lands in the data window.
      case 3: return `${DATA - CODE_BASE + r.int(0x100)}(%rip)`;
      // 32-bit addressing (67 prefix): the windows lie below 4 GiB.
      case 4: return `${disp}(%r14d,%r15d,${r.pick([1, 2, 4, 8])})`;
      default: return `0x${(DATA + 0x40 + r.int(0x100)).toString(16)}`;
    }
  }

  /** A register or memory operand of `size`. */
  rm(size: number): string {
    return this.r.chance(0.35) ? this.mem() : this.reg(size);
  }
}

type Template = (g: Gen) => Piece;

const ALU = ["add", "adc", "sub", "sbb", "and", "or", "xor", "cmp", "test"];
const aluFlags = (op: string): [number, number] => (["and", "or", "xor", "test"].includes(op) ? [ALL6 & ~AF, AF] : [ALL6, 0]);

const alu: Template = (g) => {
  const op = g.r.pick(ALU);
  const size = g.r.pick(SIZES);
  const s = SUFFIX[size]!;
  const [def, undef] = aluFlags(op);
  const form = g.r.int(op === "test" ? 3 : 5);
  const imm = g.imm(size === 8 ? 4 : size);
  let line: string;
  if (size === 1 && form === 0 && g.r.chance(0.3)) line = `${op}b %${g.r.pick(LEGACY8)}, %${g.r.pick(LEGACY8)}`;
  else if (form === 0) line = `${op}${s} ${g.reg(size)}, ${g.reg(size)}`;
  else if (form === 1) line = `${op}${s} ${imm}, ${g.reg(size)}`;
  else if (form === 2) line = `${op}${s} ${g.reg(size)}, ${g.mem()}`;
  else if (form === 3) line = `${op}${s} ${g.mem()}, ${g.reg(size)}`;
  else line = `${op}${s} ${imm}, ${g.mem()}`;
  return one(line, def, undef, op === "adc" || op === "sbb" ? CF : 0);
};

const unary: Template = (g) => {
  const op = g.r.pick(["inc", "dec", "neg", "not"]);
  const size = g.r.pick(SIZES);
  const def = op === "not" ? 0 : op === "neg" ? ALL6 : ALL6 & ~CF;
  return one(`${op}${SUFFIX[size]} ${g.rm(size)}`, def);
};

function shiftFlags(op: string, size: number, count: number): [number, number] {
  const n = size * 8;
  const masked = count & (size === 8 ? 63 : 31);
  if (masked === 0) return [0, 0];
  if (op === "rol" || op === "ror") return masked === 1 ? [CF | OF, 0] : [CF, OF];
  if (op === "rcl" || op === "rcr") return masked === 1 ? [CF | OF, 0] : [CF, OF];
  // shl/shr/sar
  let def = SF | ZF | PF | CF;
  let undef = AF;
  if (masked !== 1) undef |= OF;
  else def |= OF;
  if (n < 32 && masked > n) {
    def &= ~CF;
    undef |= CF;
  }
  return [def, undef];
}

const shift: Template = (g) => {
  const op = g.r.pick(["shl", "shr", "sar", "rol", "ror", "rcl", "rcr", "sal"]);
  const size = g.r.pick(SIZES);
  const n = size * 8;
  const kind = g.r.int(3);
  const count = kind === 0 ? 1 : g.r.chance(0.15) ? g.r.pick([0, n, n + 1, 31, 32, 63]) : g.r.int(n + 2);
  const dst = g.rm(size);
  const [def, undef] = shiftFlags(op === "sal" ? "shl" : op, size, count);
  // Rotates through CF read it; a count of 0 leaves every flag, which is then "read" as well.
  const reads = op === "rcl" || op === "rcr" || def === 0 ? ALL6 : 0;
  if (kind === 0) return one(`${op}${SUFFIX[size]} ${dst}`, def, undef, reads);
  if (kind === 1) return one(`${op}${SUFFIX[size]} $${count & 255}, ${dst}`, def, undef, reads);
  const acc: Record<number, string> = { 1: "%al", 2: "%ax", 4: "%eax", 8: "%rax" };
  return seq(nf(`movb $${count & 255}, %cl`), one(`${op}${SUFFIX[size]} %cl, ${/^%[re]?c/.test(dst) ? acc[size] : dst}`, def, undef, reads));
};

const double: Template = (g) => {
  const op = g.r.pick(["shld", "shrd"]);
  const size = g.r.pick([2, 4, 8]);
  let count = g.r.int(size === 8 ? 64 : 32);
  if (size === 2 && count > 16) count = g.r.int(17);
  const masked = count & (size === 8 ? 63 : 31);
  const def = masked === 0 ? 0 : (SF | ZF | PF | CF) | (masked === 1 ? OF : 0);
  const undef = masked === 0 ? 0 : AF | (masked === 1 ? 0 : OF);
  const src = g.reg(size);
  const dst = g.rm(size);
  if (g.r.chance(0.5)) {
    const p = one(`${op}${SUFFIX[size]} $${count}, ${src}, ${dst}`, def, undef);
    // Unicorn 2.0.1 forgets the imm8 of SHLD/SHRD when it computes a RIP-relative address (the host
    // agrees with us): such cases go to the host reference only.
    if (dst.endsWith("(%rip)")) p.hostOnly = true;
    return p;
  }
  const avoidC = (x: string) => (/^%(r?cx|cl|ecx)$/.test(x) ? (size === 8 ? "%rax" : size === 4 ? "%eax" : "%ax") : x);
  return seq(nf(`movb $${count}, %cl`), one(`${op}${SUFFIX[size]} %cl, ${avoidC(src)}, ${avoidC(dst)}`, def, undef));
};

const muldiv: Template = (g) => {
  const size = g.r.pick(SIZES);
  const s = SUFFIX[size]!;
  const kind = g.r.int(5);
  const mulUndef = SF | ZF | AF | PF;
  if (kind === 0) return one(`mul${s} ${g.rm(size)}`, CF | OF, mulUndef);
  if (kind === 1) return one(`imul${s} ${g.rm(size)}`, CF | OF, mulUndef);
  if (kind === 2 && size > 1) return one(`imul${s} ${g.rm(size)}, ${g.reg(size)}`, CF | OF, mulUndef);
  if (kind === 3 && size > 1) return one(`imul${s} ${g.imm(size === 8 ? 4 : size)}, ${g.rm(size)}, ${g.reg(size)}`, CF | OF, mulUndef);
  // Division: a dividend that usually fits (zero or sign extended high half); a zero divisor faults.
  const signed = g.r.chance(0.5);
  const div = `${signed ? "idiv" : "div"}${s}`;
  const widen = size === 1 ? (signed ? "cbtw" : "movzbw %al, %ax") : size === 2 ? (signed ? "cwtd" : "xorw %dx, %dx") : size === 4 ? (signed ? "cltd" : "xorl %edx, %edx") : signed ? "cqto" : "xorq %rdx, %rdx";
  const dsor = size === 1 ? g.r.pick(["%bl", "%cl", "%bh", "%ch"]) : g.r.pick(NAMES[size]!.filter((x) => !x.startsWith("a") && !x.startsWith("ea") && !x.startsWith("ra") && !/^(d|dx|edx|rdx)$/.test(x)).map((x) => `%${x}`));
  const src = g.r.chance(0.3) ? g.mem() : dsor;
  const w = widen.startsWith("xor") ? one(widen, ALL6 & ~AF, AF) : nf(widen);
  return seq(w, one(`${div} ${src}`, 0, ALL6));
};

const bits: Template = (g) => {
  const size = g.r.pick([2, 4, 8]);
  const s = SUFFIX[size]!;
  const kind = g.r.int(3);
  if (kind === 0) {
    const op = g.r.pick(["bt", "bts", "btr", "btc"]);
    const undef = OF | SF | AF | PF;
    if (g.r.chance(0.4)) return one(`${op}${s} $${g.r.int(256)}, ${g.rm(size)}`, CF, undef);
    if (g.r.chance(0.5)) return one(`${op}${s} ${g.reg(size)}, ${g.reg(size)}`, CF, undef);
    // A register bit offset into memory: small and signed, so the operand stays in the window.
    const off = g.r.int(0x300) - 0x100;
    const offReg = g.r.pick(["%rax", "%rdx", "%rsi"]);
    const r = size === 8 ? offReg : size === 4 ? offReg.replace("%r", "%e") : offReg.replace("%r", "%");
    return seq(nf(`movq $${off}, ${offReg}`), one(`${op}${s} ${r}, ${g.mem()}`, CF, undef));
  }
  if (kind === 1) {
    // A zero source leaves the destination undefined (Intel clears bits 63:32 of a 32-bit one, AMD
    // keeps them): the source gets a bit set first. tzcnt/lzcnt below cover zero sources.
    const op = g.r.pick(["bsf", "bsr"]);
    const src = g.rm(size);
    return seq(one(`or${s} $${1 << g.r.int(15)}, ${src}`, ALL6 & ~AF, AF), one(`${op}${s} ${src}, ${g.reg(size)}`, ZF, CF | OF | SF | AF | PF));
  }
  const op = g.r.pick(["tzcnt", "lzcnt"]);
  return one(`${op}${s} ${g.rm(size)}, ${g.reg(size)}`, CF | ZF, OF | SF | AF | PF);
};

const moves: Template = (g) => {
  const size = g.r.pick(SIZES);
  const s = SUFFIX[size]!;
  switch (g.r.int(12)) {
    case 0: return nf(`mov${s} ${g.rm(size)}, ${g.reg(size)}`);
    case 1: return nf(`mov${s} ${g.reg(size)}, ${g.rm(size)}`);
    case 2: return nf(`mov${s} ${g.imm(size === 8 ? 4 : size)}, ${g.rm(size)}`);
    case 3: {
      if (g.r.chance(0.5)) return nf(`movabsq $0x${(g.r.int(2 ** 32) * 2 ** 20 + g.r.int(2 ** 20)).toString(16)}, ${g.reg(8)}`);
      // The moffs forms (A0–A3): a 64-bit absolute address and the accumulator.
      const acc = ({ 1: "%al", 2: "%ax", 4: "%eax", 8: "%rax" } as Record<number, string>)[size]!;
      const at = `0x${(DATA + g.r.int(0x200)).toString(16)}`;
      return nf(g.r.chance(0.5) ? `movabs ${at}, ${acc}` : `movabs ${acc}, ${at}`);
    }
    case 4: {
      const forms = ["movzbl", "movzwl", "movzbq", "movzwq", "movsbl", "movswl", "movsbq", "movswq", "movslq", "movzbw", "movsbw"];
      const f = g.r.pick(forms);
      const from = f[4] === "b" ? 1 : f[4] === "w" ? 2 : 4;
      const to = f[5] === "l" ? 4 : f[5] === "q" ? 8 : 2;
      return nf(`${f} ${g.rm(from)}, ${g.reg(to)}`);
    }
    case 5: {
      const size2 = g.r.pick([2, 4, 8]);
      const ms = [`${g.r.int(512) - 256}(%r14)`, `${g.r.int(64)}(%r14,%r15,${g.r.pick([1, 2, 4, 8])})`, `(%r15,%r15,2)`, `${g.r.int(1000)}(,%r15,8)`, `${g.r.int(100)}(%rip)`, `-8(%rax,%rbx)`, `0x7fffffff(%rcx,%rdx,4)`];
      return nf(`lea${SUFFIX[size2]} ${g.r.pick(ms)}, ${g.reg(size2)}`);
    }
    case 6: return nf(`xchg${s} ${g.reg(size)}, ${g.rm(size)}`);
    case 7: {
      // 32-bit CMPXCHG is wrong in Unicorn 2.0.1: the host-only cases have it.
      const sz = g.r.pick([1, 2, 8]);
      if (g.r.chance(0.3)) return one(`cmpxchg${SUFFIX[sz]} ${g.reg(sz)}, ${g.reg(sz)}`, ALL6, 0);
      return one(`${g.r.chance(0.3) ? "lock " : ""}cmpxchg${SUFFIX[sz]} ${g.reg(sz)}, ${g.mem()}`, ALL6);
    }
    case 8: return g.r.chance(0.5) ? one(`xadd${s} ${g.reg(size)}, ${g.reg(size)}`, ALL6) : one(`${g.r.chance(0.3) ? "lock " : ""}xadd${s} ${g.reg(size)}, ${g.mem()}`, ALL6);
    case 9: return nf(g.r.pick(["cbtw", "cwtl", "cltq", "cwtd", "cltd", "cqto", `bswap ${g.reg(4)}`, `bswap ${g.reg(8)}`]));
    case 10: {
      const cc = g.r.pick(CCS);
      const sz = g.r.pick([2, 4, 8]);
      return one(`cmov${cc}${SUFFIX[sz]} ${g.rm(sz)}, ${g.reg(sz)}`, 0, 0, ALL6);
    }
    default: return one(`set${g.r.pick(CCS)} ${g.rm(1)}`, 0, 0, ALL6);
  }
};

const CCS = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"];

const stack: Template = (g) => {
  switch (g.r.int(7)) {
    case 0: return seq(nf(`push ${g.reg(8)}`), nf(`pop ${g.reg(8)}`));
    case 1: return seq(nf(`pushq ${g.imm(4)}`), nf(`popq ${g.mem()}`));
    case 2: return seq(nf(`pushq ${g.mem()}`), nf(`pop ${g.reg(8)}`));
    case 3: return seq(nf(`pushw ${g.reg(2)}`), nf(`popw ${g.reg(2)}`));
    case 4: {
      // POPF of arithmetic flags and DF only (TF would single-step), IF set.
      // IF stays set: at CPL 3 (the host reference) POPF cannot change it.
      const v = (g.r.int(0x10000) & (ALL6 | DF)) | 0x200;
      return seq(nf(`pushq $${v}`), one(`popfq`, ALL6), nf(`pushfq`), nf(`pop ${g.reg(8)}`));
    }
    case 5: return seq(nf(`enter $${g.r.int(64) * 8}, $${g.r.int(2)}`), nf(`leave`));
    default: return seq(nf(`push %rsp`), nf(`pop ${g.reg(8)}`));
  }
};

const control: Template = (g) => {
  const k = g.r.int(6);
  const filler = () => nf(g.r.pick([`mov ${g.reg(8)}, ${g.reg(8)}`, `lea 1(${g.reg(8)}), ${g.reg(8)}`, `not ${g.reg(4)}`, `xchg ${g.reg(8)}, ${g.reg(8)}`]));
  const lbl = () => `.Ld${g.labels++}`;
  if (k === 0) {
    const l = lbl();
    return seq(one(`j${g.r.pick(CCS)} ${l}`, 0, 0, ALL6), filler(), nf(`${l}:`));
  }
  if (k === 1) {
    const a = lbl(), b = lbl();
    return seq(nf(`call ${a}`), nf(`jmp ${b}`), nf(`${a}:`), filler(), nf(`ret`), nf(`${b}:`));
  }
  if (k === 2) {
    const l = lbl();
    if (g.r.chance(0.5)) return seq(nf(`movl $${1 + g.r.int(5)}, %ecx`), nf(`${l}:`), nf(`lea 3(%rax), %rax`), nf(`loop ${l}`));
    // LOOPE/LOOPNE: ZF from a compare inside the loop.
    const op = g.r.pick(["loope", "loopne"]);
    return seq(nf(`movl $${1 + g.r.int(6)}, %ecx`), nf(`${l}:`), one(`cmpl $${g.r.int(4)}, %ecx`, ALL6), one(`${op} ${l}`, 0, 0, ZF));
  }
  if (k === 3) {
    const l = lbl();
    return seq(nf(`j${g.r.chance(0.5) ? "r" : "e"}cxz ${l}`), filler(), nf(`${l}:`));
  }
  if (k === 4) {
    const a = lbl(), b = lbl();
    return seq(nf(`lea ${a}(%rip), %rbx`), nf(`call *%rbx`), nf(`jmp ${b}`), nf(`${a}:`), filler(), nf(`ret $0`), nf(`${b}:`));
  }
  const f = g.r.pick(["clc", "stc", "cmc"]);
  return one(f, CF, 0, f === "cmc" ? CF : 0);
};

const strings: Template = (g) => {
  const size = g.r.pick(SIZES);
  const sfx = SUFFIX[size] === "l" ? "d" : SUFFIX[size]!;
  const op = g.r.pick(["movs", "stos", "lods", "cmps", "scas"]);
  const down = g.r.chance(0.3);
  const n = g.r.int(24);
  const span = n * size + 16;
  const lo = down ? span : 0x10;
  const hi = DATA_LEN - (down ? 0x10 : span);
  const src = lo + g.r.int(Math.max(1, hi - lo));
  const dst = lo + g.r.int(Math.max(1, hi - lo));
  const rep = op === "cmps" || op === "scas" ? g.r.pick(["", "repe ", "repne "]) : g.r.pick(["", "rep "]);
  const setup = [nf(`movq $${DATA + src}, %rsi`), nf(`movq $${DATA + dst}, %rdi`), nf(`movl $${n}, %ecx`), one(down ? "std" : "cld", 0)];
  const flags = op === "cmps" || op === "scas" ? (rep && n === 0 ? [0, 0] : [ALL6, 0]) : [0, 0];
  return seq(...setup, one(`${rep}${op}${sfx}`, flags[0]!, flags[1]!), nf("cld"));
};

const misc: Template = (g) => {
  switch (g.r.int(3)) {
    case 0: return one("lahf", 0, 0, ALL6);
    case 1: return one("sahf", CF | PF | AF | ZF | SF);
    default: return nf(g.r.pick(["nop", "pause", "lfence", "mfence", "sfence", "endbr64", "nopl 0(%rax)", "nopw 0(%rax,%rax,1)"]));
  }
};

/** Instructions Unicorn 2.0.1 gets wrong (the list): checked against the host CPU only. */
const hostOnly: Template = (g) => {
  const k = g.r.int(3);
  const size = g.r.pick([2, 4, 8]);
  let p: Piece;
  if (k === 0) p = one(`popcnt${SUFFIX[size]} ${g.rm(size)}, ${g.reg(size)}`, ALL6);
  else if (k === 1) p = one(`cmpxchgl ${g.reg(4)}, ${g.rm(4)}`, ALL6);
  else p = one(`lock neg${SUFFIX[g.r.pick(SIZES)]} ${g.mem()}`, ALL6);
  p.hostOnly = true;
  return p;
};

/** Faults on purpose: an unmapped access, UD2, a REP MOVSB running off the window. */
const faults: Template = (g) => {
  switch (g.r.int(3)) {
    case 0: return nf(`movq 0x10000(%r14), %rax`);
    case 1: return nf("ud2");
    default: {
      const n = 0x40 + g.r.int(0x40);
      return seq(nf(`movq $${DATA + DATA_LEN - 0x20}, %rdi`), nf(`movq $${DATA + 0x10}, %rsi`), nf(`movl $${n}, %ecx`), nf("cld"), nf("rep movsb"));
    }
  }
};

const WEIGHTED: [Template, number][] = [
  [alu, 30], [unary, 8], [shift, 14], [double, 5], [muldiv, 8], [bits, 8], [moves, 22], [stack, 6], [control, 6], [strings, 5], [misc, 3],
];

function pickTemplate(r: Prng): Template {
  const total = WEIGHTED.reduce((a, [, w]) => a + w, 0);
  let x = r.int(total);
  for (const [t, w] of WEIGHTED) {
    if ((x -= w) < 0) return t;
  }
  return alu;
}

const hex64 = (v: bigint) => `0x${BigInt.asUintN(64, v).toString(16)}`;

function randomReg(r: Prng): bigint {
  const edge = [0n, 1n, -1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x80n, 0xffn];
  if (r.chance(0.15)) return r.pick(edge);
  if (r.chance(0.3)) return BigInt(r.int(0x10000));
  return (BigInt(r.int(2 ** 32)) << 32n) | BigInt(r.int(2 ** 32));
}

function randomBytes(r: Prng, n: number): string {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i += 4) b.writeUInt32LE(r.int(2 ** 32), i);
  return b.toString("hex");
}

/** Window contents: a few random blobs per seed, shared by the cases (cheaper than one per case). */
const BLOBS = 16;

/** `count` cases from `seed`; `hostOnly` picks the Unicorn-excluded instructions instead. */
export function generateCases(seed: number, count: number, opts: { hostOnly?: boolean; faults?: boolean } = {}): DiffCase[] {
  const r = new Prng(seed);
  const g = new Gen(r);
  const dataBlobs = Array.from({ length: BLOBS }, () => randomBytes(r, DATA_LEN));
  const stackBlobs = Array.from({ length: BLOBS }, () => randomBytes(r, STACK_LEN));
  const out: DiffCase[] = [];
  for (let i = 0; i < count; i++) {
    const pieces: Piece[] = [];
    const n = 3 + r.int(10);
    for (let k = 0; k < n; k++) pieces.push(opts.hostOnly && r.chance(0.4) ? hostOnly(g) : pickTemplate(r)(g));
    if (opts.faults !== false && !opts.hostOnly && r.chance(0.03)) pieces.push(faults(g));
    let undef = 0;
    const lines: string[] = [];
    const undefBefore: number[] = [];
    for (const p of pieces) {
      p.lines.forEach((l, j) => {
        if (p.reads[j]! & undef) {
          // Reading an undefined flag would make the result undefined: define them all first.
          undefBefore.push(undef);
          lines.push("cmpq %rax, %rbx");
          undef = 0;
        }
        if (!l.endsWith(":")) undefBefore.push(undef);
        lines.push(l);
        undef = (undef & ~(p.def[j]! | p.undef[j]!)) | p.undef[j]!;
      });
    }
    lines.push("hlt");
    const regs: Record<string, string> = {};
    for (const name of W64) regs[name] = hex64(randomReg(r));
    regs.rsp = hex64(BigInt(STACK + 0x800));
    regs.r14 = hex64(BigInt(DATA + 0x100 + r.int(0x600)));
    regs.r15 = hex64(BigInt(r.int(16)));
    const rflags = 0x202 | (r.int(0x10000) & ALL6);
    out.push({
      name: `case ${seed}:${i}`,
      source: lines.join("\n"),
      regs,
      rflags: `0x${rflags.toString(16)}`,
      mem: [
        { addr: `0x${DATA.toString(16)}`, hex: r.pick(dataBlobs) },
        { addr: `0x${(STACK + STACK_WINDOW).toString(16)}`, hex: r.pick(stackBlobs) },
      ],
      dump: [
        { addr: `0x${DATA.toString(16)}`, len: DATA_LEN },
        { addr: `0x${(STACK + STACK_WINDOW).toString(16)}`, len: STACK_LEN },
      ],
      undefMask: undef,
      undefBefore: [...undefBefore, undef],
      hostOnly: pieces.some((p) => p.hostOnly),
    });
  }
  return out;
}

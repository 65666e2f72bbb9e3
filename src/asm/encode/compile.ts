/**
 * The cold path of the encoder: turn the first instruction of a shape into a template.
 *
 * Order of work, as GNU does it: prefix words; GNU's rewrites of the instruction itself (`int $3` is
 * `int3`, `imul $n, %r` is `imul $n, %r, %r`, `xchg %rax, %rax` is `nop`); operand checks; the form
 * (`select.ts`); GNU's register-width quirks for segment-register moves; iced; GNU's prefix order.
 */
import { OpCodeOperandKind as K } from "iced-x86";
import type { Operand } from "../ast.js";
import type { Form } from "../../isa/forms.js";
import { registers, type RegInfo } from "../../isa/registers.js";
import { formsOf, gprKindSize, isX87MemoryMnemonic } from "../../isa/forms.js";
import { parsePrefixes } from "./prefixes.js";
import type { Prefixes } from "./prefixes.js";
import { resolveMnemonic } from "./resolve.js";
import { codeValue, selectForm, to32 } from "./select.js";
import type { SelectContext, Selection } from "./select.js";
import { buildTemplate, immSignedness, layoutPrefixes } from "./template.js";
import type { Patch, Template } from "./template.js";
import { EncodeError } from "./types.js";
import type { EncodeRequest, Known } from "./types.js";
import { dispClass } from "./values.js";

type Mem = Extract<Operand, { kind: "mem" }>;

const IMM_KINDS = new Set<K>([K.imm8, K.imm8sex16, K.imm8sex32, K.imm8sex64, K.imm16, K.imm32, K.imm32sex64, K.imm64]);
const MEM_KINDS = new Set<K>([K.mem, K.mem_offs, K.r8_or_mem, K.r16_or_mem, K.r32_or_mem, K.r64_or_mem, K.r32_or_mem_mpx,
  K.r64_or_mem_mpx, K.r16_reg_mem, K.r32_reg_mem, K.r64_reg_mem, K.mm_or_mem, K.xmm_or_mem]);
/** Instructions GNU lets `rep` precede although they are not string instructions. */
const REP_OK = new Set(["ret", "retf", "nop", "bsf", "bsr"]);

function isPortDx(op: Operand): boolean {
  return op.kind === "mem" && op.base?.name === "dx" && !op.index && !op.disp && !op.seg;
}

/** Rejects addressing modes x86 cannot express (GNU: "… is not a valid base/index expression"). */
function checkMemory(m: Mem, i: number, bits: 64 | 32, addr32: boolean): void {
  if (isPortDx(m)) return;
  const b = m.base;
  const x = m.index;
  const bad = (why: string) => new EncodeError("A033", why, i);
  if (m.seg && m.seg.cls !== "seg") throw bad(`\`%${m.seg.name}' is not a segment register`);
  if (b) {
    if (b.cls === "rip") {
      if (bits !== 64) throw bad(`\`%${b.name}' is only valid in 64-bit mode`);
      if (x) throw bad("RIP-relative addressing cannot have an index");
    } else if (b.cls !== "gpr" || b.size < 4 || (bits === 32 && b.size !== 4)) {
      throw bad(`\`%${b.name}' is not a valid base register`);
    }
  }
  if (x) {
    if (x.cls !== "gpr" || (b && b.cls === "gpr" && x.size !== b.size) || x.size < 4 || (bits === 32 && x.size !== 4)) {
      throw bad(`\`%${x.name}' is not a valid index register`);
    }
    if (x.num === 4) throw bad(`\`%${x.name}' cannot be an index register`);
  }
  if (addr32 && ((b && b.size === 8) || (x && x.size === 8))) throw bad("`addr32' needs 32-bit address registers");
}

/** A form like `f` with its 16/64-bit GPR operand kinds replaced by the 32-bit ones. */
function as32Form(f: Form, bits: 64 | 32): Form | undefined {
  const to32 = (k: K): K => {
    const s = gprKindSize(k);
    if (s === 2 || s === 8) {
      const name = K[k].replace(/^r(16|64)/, "r32");
      return (K as unknown as Record<string, K>)[name] ?? k;
    }
    return k;
  };
  const want = f.ops.map(to32);
  return formsOf(f.mnemonic).find((g) => (bits === 64 ? g.mode64 : g.mode32) && g.size === 4
    && g.ops.length === want.length && g.ops.every((k, i) => k === want[i]));
}

/** Instructions with an r/m16 operand that GNU encodes without the 66 prefix (and without REX.W). */
const M16 = new Set(["mov", "str", "sldt", "smsw", "ltr", "lldt", "verr", "verw", "lmsw"]);
/** Of those, the ones that write a register operand: a 16-bit destination keeps its 66 prefix. */
const M16_WRITES = new Set(["str", "sldt", "smsw"]);

/**
 * GNU treats the 16-bit operand of segment-register moves and the descriptor-table instructions as
 * "any width": `mov %rax, %ds`, `movw %ds, (%rax)`, `ltr %ax` and `str %rax` all encode without 66
 * or REX.W. Only a 16-bit register destination keeps 66 (`mov %ds, %ax`, `str %ax`), and `smsw`
 * keeps REX.W for a 64-bit register.
 */
function m16Quirk(sel: Selection, operands: readonly Operand[], bits: 64 | 32, narrow: Set<number>): Selection {
  const f = sel.form;
  if (!M16.has(f.mnemonic) || f.memSize !== 2 || f.size === 4) return sel;
  if (f.mnemonic === "mov" && !f.ops.includes(K.seg_reg)) return sel;
  const gi = f.ops.findIndex((k) => gprKindSize(k) !== undefined);
  if (gi < 0) return sel;
  const a = sel.map[gi]!;
  const op = operands[a];
  if (op?.kind === "reg") {
    const writes = M16_WRITES.has(f.mnemonic) || (f.mnemonic === "mov" && f.ops[1] === K.seg_reg);
    if (op.reg.size === 2 && writes) return sel;
    if (op.reg.size === 8 && f.mnemonic === "smsw") return sel;
  }
  const g = as32Form(f, bits);
  if (!g) return sel;
  if (op?.kind === "reg") narrow.add(a);
  return { form: g, map: sel.map };
}

/** GNU's rewrites of the instruction before matching. */
function rewrite(req: EncodeRequest, mnemonic: string): { mnemonic: string; operands: readonly Operand[]; values: readonly (Known | undefined)[]; addrPrefix?: boolean } {
  const ops = req.operands;
  const vals = req.values;
  // `int $3` assembles to the one-byte `int3`.
  if (mnemonic === "int" && ops.length === 1 && ops[0]!.kind === "imm" && vals[0]?.known && codeValue(vals[0].value, req.bits) === 3n) {
    return { mnemonic: "int3", operands: [], values: [] };
  }
  // `imul $n, %r` is short for `imul $n, %r, %r`.
  if (/^imul[wlq]?$/.test(mnemonic) && ops.length === 2 && ops[0]!.kind === "imm") {
    return { mnemonic, operands: [ops[0]!, ops[1]!, ops[1]!], values: [vals[0], vals[1], vals[1]] };
  }
  // `xchg %rax, %rax` is the one-byte `nop` (GNU does not emit REX.W 90).
  if (/^xchgq?$/.test(mnemonic) && ops.length === 2 && ops.every((o) => o.kind === "reg" && o.reg.name === "rax") && req.bits === 64) {
    return { mnemonic: "nop", operands: [], values: [] };
  }
  // `monitor %rax, %ecx, %edx`, `invlpga %rax, %ecx`, `vmrun %rax` … name their implied registers.
  const implied = IMPLIED_REGS[mnemonic];
  if (implied && ops.length) return { mnemonic, operands: [], values: [], addrPrefix: impliedRegisters(mnemonic, implied, ops, req.bits) };
  // `movsb %cl, %esp` is `movsbl`: with a register destination, movs[bwl] is sign extension, sized by
  // the destination (the string move has no such operand).
  const sx = /^movs([bwl])$/.exec(mnemonic);
  const dstReg = ops[1];
  if (sx && ops.length === 2 && dstReg?.kind === "reg" && dstReg.reg.cls === "gpr" && SIZE_SUFFIX[dstReg.reg.size] !== undefined) {
    return { mnemonic: `movs${sx[1]}${SIZE_SUFFIX[dstReg.reg.size]}`, operands: ops, values: vals };
  }
  // `lar %dx, %r13`: the selector may come from a 16-bit register whatever the destination's size.
  if (/^(lar|lsl)[wlq]?$/.test(mnemonic) && ops.length === 2) {
    const [src, dst] = ops as [Operand, Operand];
    if (src.kind === "reg" && dst.kind === "reg" && src.reg.cls === "gpr" && dst.reg.cls === "gpr" && src.reg.size === 2 && dst.reg.size > 2) {
      const wide = gprOfSize(src.reg.num, dst.reg.size);
      if (wide) return { mnemonic, operands: [{ ...src, reg: wide }, dst], values: vals };
    }
  }
  // `div %bl, %al`, `idivl (%rax), %eax`: the accumulator may be written as a second operand.
  const acc = /^(i?div)([bwlq]?)$/.exec(mnemonic);
  const a1 = ops[1];
  if (acc && ops.length === 2 && a1?.kind === "reg" && !a1.star && ACCUMULATOR[a1.reg.name] !== undefined) {
    const size = ACCUMULATOR[a1.reg.name]!;
    const a0 = ops[0]!;
    if ((acc[2] && SUFFIX_SIZE[acc[2]] !== size) || (a0.kind === "reg" && (a0.reg.cls !== "gpr" || a0.reg.size !== size)) || a0.kind === "imm") {
      throw new EncodeError("A031", `operand type mismatch for \`${mnemonic}'`);
    }
    return { mnemonic: acc[2] ? mnemonic : mnemonic + SIZE_SUFFIX[size]!, operands: [a0], values: [vals[0]] };
  }
  return { mnemonic, operands: ops, values: vals };
}

/**
 * The registers an instruction with implied operands may name, in order: "addr" is the address
 * register (%rax; %eax means 32-bit addressing, an 0x67 prefix in 64-bit code), otherwise the
 * registers GNU accepts there (the 32- or the 64-bit name).
 */
const IMPLIED_REGS: Readonly<Record<string, readonly ("addr" | readonly string[])[]>> = {
  monitor: ["addr", ["ecx", "rcx"], ["edx", "rdx"]],
  monitorx: ["addr", ["ecx", "rcx"], ["edx", "rdx"]],
  mwait: [["eax", "rax"], ["ecx", "rcx"]],
  mwaitx: [["eax", "rax"], ["ecx", "rcx"], ["ebx", "rbx"]],
  invlpga: ["addr", ["ecx", "rcx"]],
  vmrun: ["addr"],
  vmload: ["addr"],
  vmsave: ["addr"],
  clzero: ["addr"],
  skinit: [["eax"]],
};

/** Checks the registers written for an implied-operand instruction; says whether 0x67 is needed. */
function impliedRegisters(mnemonic: string, want: readonly ("addr" | readonly string[])[], ops: readonly Operand[], bits: 64 | 32): boolean {
  if (ops.length !== want.length) throw new EncodeError("A031", `number of operands mismatch for \`${mnemonic}'`);
  let prefix = false;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    const w = want[i]!;
    if (op.kind !== "reg" || op.star) throw new EncodeError("A031", `operand type mismatch for \`${mnemonic}'`);
    const name = op.reg.name;
    if (w === "addr") {
      const wide = bits === 64 ? "rax" : "eax";
      const narrow = bits === 64 ? "eax" : "ax";
      if (name === narrow) prefix = true;
      else if (name !== wide) {
        throw new EncodeError("A031", name === "ax" ? `16-bit addressing unavailable for \`${mnemonic}'` : `operand type mismatch for \`${mnemonic}'`);
      }
    } else if (!w.includes(name) || (bits === 32 && name.startsWith("r"))) {
      throw new EncodeError("A031", `operand ${op.reg.cls === "gpr" ? "size" : "type"} mismatch for \`${mnemonic}'`);
    }
  }
  return prefix;
}

/** The general register numbered `num` of `size` bytes (4 or 8). */
function gprOfSize(num: number, size: number): RegInfo | undefined {
  for (const r of registers.values()) if (r.cls === "gpr" && r.num === num && r.size === size) return r;
  return undefined;
}

const ACCUMULATOR: Readonly<Record<string, number>> = { al: 1, ax: 2, eax: 4, rax: 8 };
const SUFFIX_SIZE: Readonly<Record<string, number>> = { b: 1, w: 2, l: 4, q: 8 };
const SIZE_SUFFIX: Readonly<Record<number, string>> = { 1: "b", 2: "w", 4: "l", 8: "q" };

/**
 * `ljmp $sel, $off` / `lcall $sel, $off`: a far pointer immediate (32-bit code only). The offset is
 * 32 bits, or 16 with a `w` suffix (and an 0x66 prefix); the selector 16 bits. GNU refuses a selector
 * or a 16-bit offset that does not fit (a 32-bit offset is cut to its low half, silently).
 */
function farPointer(mnemonic: string, operands: readonly Operand[], values: readonly (Known | undefined)[], bits: 64 | 32, pre: Prefixes): Template | undefined {
  if (operands.length !== 2 || operands[0]!.kind !== "imm" || operands[1]!.kind !== "imm") return undefined;
  const m = /^l?(jmp|call)([lw]?)$/.exec(mnemonic);
  if (!m) return undefined;
  if (bits === 64) throw new EncodeError("A031", `far pointer \`${mnemonic}' is not supported in 64-bit mode`);
  const word = m[2] === "w";
  // (32-bit code takes the values modulo 2^32 first, as for any immediate there.)
  const fits16 = (k: Known | undefined): boolean => {
    if (!k?.known) return true;
    const v = to32(k.value);
    return v >= -0x8000n && v <= 0xffffn;
  };
  if (!fits16(values[0])) throw new EncodeError("A031", `operand type mismatch for \`${mnemonic}'`);
  if (word && !fits16(values[1])) throw new EncodeError("A015", "16-bit jump out of range");
  const op = m[1] === "jmp" ? 0xea : 0x9a;
  const body = word ? Uint8Array.of(0x66, op, 0, 0, 0, 0) : Uint8Array.of(op, 0, 0, 0, 0, 0, 0);
  const { bytes, shift } = layoutPrefixes(body, pre.set, bits);
  const at = shift + (word ? 2 : 1);
  const size = word ? 2 : 4;
  return {
    bytes,
    patches: [
      { operand: 1, offset: at, size, pcrel: false, signedness: word ? "either" : "unsigned" },
      { operand: 0, offset: at + size, size: 2, pcrel: false, signedness: "either" },
    ],
  };
}

/** Encodes the first instruction of a shape into a reusable template. */
export function compile(req: EncodeRequest): Template {
  const bits = req.bits;
  let pre = parsePrefixes(req.prefixes, bits);
  let mnemonic = req.mnemonic;
  let load = pre.load;
  if (mnemonic.endsWith(".s")) {
    mnemonic = mnemonic.slice(0, -2);
    load = true;
  }
  const rw = rewrite(req, mnemonic);
  mnemonic = rw.mnemonic;
  const { operands, values } = rw;
  // `vmsave %eax` in 64-bit code: the address register written asks for 32-bit addressing.
  if (rw.addrPrefix) pre = parsePrefixes([...req.prefixes, bits === 64 ? "addr32" : "addr16"], bits);
  // `umwait`/`tpause` take a 32-bit register in GNU as (iced also lists a REX.W form).
  if (/^(umwait|tpause)$/.test(mnemonic) && operands.some((o) => o.kind === "reg" && o.reg.cls === "gpr" && o.reg.size !== 4)) {
    throw new EncodeError("A031", `operand size mismatch for \`${mnemonic}'`);
  }
  // A segment register moves to or from memory as a word: `movl (%rax), %fs` is an error.
  if (/^mov[lq]$/.test(mnemonic) && operands.length === 2 && operands.some((o) => o.kind === "reg" && o.reg.cls === "seg") && operands.some((o) => o.kind === "mem")) {
    throw new EncodeError("A031", `operand type mismatch for \`${mnemonic}'`);
  }
  // `bswap` of a 16-bit register is undefined; GNU as refuses it (iced encodes it).
  if (/^bswap[wlq]?$/.test(mnemonic) && operands.some((o) => o.kind === "reg" && o.reg.size === 2)) {
    throw new EncodeError("A031", `operand size mismatch for \`${mnemonic}'`);
  }
  // The selector loads take a 16-bit register in GNU as (iced also lists r32/r64 forms of them).
  if (/^(lmsw|lldt|ltr|verr|verw)w?$/.test(mnemonic) && operands.some((o) => o.kind === "reg" && o.reg.cls === "gpr" && o.reg.size !== 2)) {
    throw new EncodeError("A031", `operand size mismatch for \`${mnemonic}'`);
  }
  // `*` marks the operand of an indirect `call`/`jmp`; on any other instruction GNU rejects it.
  if (!/^(l?jmp|l?call)[wlq]?$/.test(mnemonic) && operands.some((o) => (o.kind === "reg" || o.kind === "mem") && o.star)) {
    throw new EncodeError("A031", `operand type mismatch for \`${mnemonic}': \`*' marks only the operand of an indirect \`call' or \`jmp'`);
  }
  operands.forEach((op, i) => {
    if (op.kind === "mem") checkMemory(op, i, bits, pre.addr32);
  });
  const far = farPointer(mnemonic, operands, values, bits, pre);
  if (far) return far;
  if (/^(jmp|call)[wlq]?$/.test(mnemonic) && operands.length === 1) {
    const t = operands[0]!;
    if (t.kind === "imm" || (t.kind === "mem" && !t.star)) {
    throw new EncodeError("A031", `direct \`${mnemonic}' is relaxed by the assembler core, not encoded here`);
    }
  }
  const cands = resolveMnemonic(mnemonic);
  if (cands.length === 0) {
    if (isX87MemoryMnemonic(req.mnemonic)) throw new EncodeError("A030", `\`${req.mnemonic}': x87 instructions with a memory operand are not supported (the assembler covers the integer and system instruction set)`);
    throw new EncodeError("A030", `no such instruction: \`${req.mnemonic}'`);
  }
  const dispClasses = operands.map((op, i) => {
    if (op.kind !== "mem") return "";
    const c = dispClass(values[i], op.disp !== undefined, bits);
    return pre.disp32 && (c === "0" || c === "8") ? "L" : c;
  });
  for (let i = 0; i < operands.length; i++) {
    const op = operands[i]!;
    if (op.kind === "mem" && dispClasses[i] === "X" && (op.base || op.index)) {
      throw new EncodeError("A015", "displacement out of range of signed 32bit displacement", i);
    }
  }
  const ctx: SelectContext = { operands, values, bits, load, addr32: pre.addr32 };
  let sel: Selection | undefined;
  let err: { error: "A031" | "A034"; message: string } | undefined;
  for (const c of cands) {
    const r = selectForm(c, ctx, mnemonic);
    if ("error" in r) err ??= r;
    else {
      sel = r;
      break;
    }
  }
  if (!sel) throw new EncodeError(err!.error, err!.message);
  // `xchg %eax, %eax` must not become `90` (that would not clear the upper half of %rax).
  if (bits === 64 && sel.form.ops[0] === K.r32_opcode && sel.form.ops[1] === K.eax && operands.every((o) => o.kind === "reg" && o.reg.name === "eax")) {
    const g = formsOf("xchg").find((f) => f.ops[0] === K.r32_or_mem && f.ops[1] === K.r32_reg)!;
    sel = { form: g, map: [1, 0] };
  }
  const narrow = new Set<number>();
  sel = m16Quirk(sel, operands, bits, narrow);
  const f = sel.form;
  if (pre.lock && !f.lock) throw new EncodeError("A036", `expecting lockable instruction after \`lock'`);
  if (pre.rep && !f.rep && !f.repne && !REP_OK.has(f.mnemonic)) throw new EncodeError("A036", `invalid instruction \`${mnemonic}' after \`rep'`);

  const built = buildTemplate({ sel, operands, dispClasses, bits, addr32: pre.addr32, narrow });
  const { bytes, shift } = layoutPrefixes(built.bytes, pre.set, bits);
  const patches: Patch[] = [];
  let immField = 0;
  for (let i = 0; i < f.ops.length; i++) {
    const k = f.ops[i]!;
    const a = sel.map[i]!;
    if (a < 0) continue;
    const op = operands[a]!;
    if (IMM_KINDS.has(k)) {
      const fld = built.imm[immField++];
      if (!fld) continue;
      const size = fld[1] as 1 | 2 | 4 | 8;
      patches.push({ operand: a, offset: fld[0] + shift, size, pcrel: false, signedness: immSignedness(size, f.size, bits) });
    } else if (MEM_KINDS.has(k) && op.kind === "mem" && built.disp) {
      const off = built.disp[0] + shift;
      const size = built.disp[1] as 1 | 2 | 4 | 8;
      if (op.disp === undefined) {
        bytes.fill(0, off, off + size); // `(%rip)`: iced wrote its own relative value
        continue;
      }
      const pcrel = op.base?.cls === "rip";
      const addr64 = bits === 64 && !pre.addr32 && op.base?.size !== 4 && op.index?.size !== 4;
      const signedness = size !== 4 ? "either" : pcrel || addr64 ? "signed" : "unsigned";
      patches.push({ operand: a, offset: off, size, pcrel, signedness });
    }
  }
  // The fields hold iced's placeholders; an unknown value must leave zeros for the relocation.
  for (const p of patches) bytes.fill(0, p.offset, p.offset + p.size);
  return { bytes, patches };
}

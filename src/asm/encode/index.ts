/**
 * The instruction encoder: AT&T instruction in, bytes and fixups out, as GNU as 2.40 would emit them.
 *
 * Hot path: find the instruction's *shape* (mnemonic, prefixes, registers, addressing mode, value
 * classes) in the template cache (`shape-table.ts`), copy its template and write the values. Cold path (first instruction of a shape): resolve
 * the AT&T mnemonic (`resolve.ts`), choose the form GNU would (`select.ts`), encode it once with iced
 * (`template.ts`) and remember the result.
 *
 * @example
 *   encode({ mnemonic: "addl", prefixes: [], operands: [imm1, eax], values: [{ known: true, value: 1n }, undefined], bits: 64 })
 *   // → { bytes: 83 c0 01, fixups: [] }
 */
import type { Operand } from "../ast.js";
import { encodeMsrImm } from "../../isa/msr-imm.js";
import { isPrefixWord, prefixOnlyBytes } from "./prefixes.js";
import { compile } from "./compile.js";
import type { Patch, Template } from "./template.js";
import { EncodeError } from "./types.js";
import type { EncodeRequest, Encoding, Fixup } from "./types.js";
import { dispCode, immCode, writeLE } from "./values.js";
import { ShapeTable } from "./shape-table.js";
import { TemplateStore } from "./template-store.js";

export { EncodeError } from "./types.js";
export type { EncodeRequest, Encoding, Fixup, Known } from "./types.js";
export type { Template, Patch } from "./template.js";

/**
 * The template cache. A shape is the mnemonic (with the mode and any prefix words), numbered on first
 * sight, and one integer code per operand; shapes of up to four operands go to the integer-keyed
 * table, longer ones to a Map keyed by the codes as a string.
 */
const mnemonicNumbers = new Map<string, number>();
const shapes = new ShapeTable();
const longShapes = new Map<string, number>();
const store = new TemplateStore();

/**
 * One operand's shape as a small integer (below 2^30, so V8 keeps it unboxed): everything the form
 * choice and the field layout depend on. The low two bits say the operand kind.
 */
function operandCode(op: Operand, k: EncodeRequest["values"][number], bits: 64 | 32): number {
  if (op.kind === "reg") return ((op.reg.id << 1) | (op.star ? 1 : 0)) * 4;
  if (op.kind === "imm") return immCode(k) * 4 + 1;
  // star 1 bit, segment 3 bits, displacement class 3 bits, base and index 9 bits each, scale 2 bits.
  let c = op.star ? 1 : 0;
  c = c * 8 + (op.seg ? op.seg.num + 1 : 0);
  c = c * 8 + dispCode(k, op.disp !== undefined, bits);
  c = c * 512 + (op.base ? op.base.id + 1 : 0);
  c = c * 512 + (op.index ? op.index.id + 1 : 0);
  c = c * 4 + (op.index ? SCALE_BITS[op.scale]! : 0);
  return c * 4 + 2;
}

const SCALE_BITS: Record<number, number> = { 1: 0, 2: 1, 4: 2, 8: 3 };

/** The number of the instruction's mnemonic, mode and prefix words (from 1). */
function mnemonicNumber(req: EncodeRequest): number {
  let key = req.bits === 64 ? req.mnemonic : "32:" + req.mnemonic;
  const pre = req.prefixes;
  for (let i = 0; i < pre.length; i++) key += " " + pre[i];
  let m = mnemonicNumbers.get(key);
  if (m === undefined) {
    m = mnemonicNumbers.size + 1;
    mnemonicNumbers.set(key, m);
  }
  return m;
}

/** The number (in `store`) of the template of this instruction's shape, made on first sight. */
function templateId(req: EncodeRequest): number {
  const m = mnemonicNumber(req);
  const ops = req.operands;
  const n = ops.length;
  const vals = req.values;
  const bits = req.bits;
  if (n <= 4) {
    const c0 = n > 0 ? operandCode(ops[0]!, vals[0], bits) : 0;
    const c1 = n > 1 ? operandCode(ops[1]!, vals[1], bits) : 0;
    const c2 = n > 2 ? operandCode(ops[2]!, vals[2], bits) : 0;
    const c3 = n > 3 ? operandCode(ops[3]!, vals[3], bits) : 0;
    let id = shapes.get(m, n, c0, c1, c2, c3);
    if (id < 0) {
      id = store.add(build(req));
      shapes.add(m, n, c0, c1, c2, c3, id);
    }
    return id;
  }
  let key = String(m);
  for (let i = 0; i < n; i++) key += "," + operandCode(ops[i]!, vals[i], bits);
  let id = longShapes.get(key);
  if (id === undefined) {
    id = store.add(build(req));
    longShapes.set(key, id);
  }
  return id;
}

/**
 * The template of one instruction: its bytes with every value field zero, and where each value goes.
 * Throws `EncodeError` when GNU as would reject the instruction.
 */
export function templateFor(req: EncodeRequest): Template {
  const special = encodeMsrImmForm(req);
  if (special) return { bytes: special.bytes, patches: [] };
  return store.template(templateId(req));
}

/** Where `encodeInto` writes: room is made with `reserve`, then `buf` holds it (it may be replaced). */
export interface ByteSink {
  reserve(n: number): number;
  readonly buf: Uint8Array;
}

const NO_PATCHES: readonly Patch[] = [];

/**
 * Encodes one instruction at the end of `out`: its bytes, with every known value written in. Returns
 * the value fields left for fixups (unknown values), usually none; their fields hold zero. Throws
 * `EncodeError` when GNU as would reject the instruction.
 */
export function encodeInto(req: EncodeRequest, out: ByteSink): readonly Patch[] {
  const special = encodeMsrImmForm(req);
  if (special) {
    const at = out.reserve(special.bytes.length);
    out.buf.set(special.bytes, at);
    return NO_PATCHES;
  }
  const id = templateId(req);
  const at = out.reserve(store.length(id));
  const buf = out.buf;
  store.copy(id, buf, at);
  let unknown: Patch[] | undefined;
  const n = store.fieldCount(id);
  for (let k = 0; k < n; k++) {
    const v = req.values[store.fieldOperand(id, k)];
    if (v !== undefined && v.known) writeLE(buf, at + store.fieldOffset(id, k), store.fieldSize(id, k), v.value);
    else (unknown ??= []).push(store.patch(id, k));
  }
  return unknown ?? NO_PATCHES;
}

/** The cold path: the first instruction of a shape. */
function build(req: EncodeRequest): Template {
  if (isPrefixWord(req.mnemonic) && req.operands.length === 0) {
    return { bytes: prefixOnlyBytes([...req.prefixes, req.mnemonic], req.bits), patches: [] };
  }
  return compile(req);
}

/** Encodes one instruction. Throws `EncodeError` when GNU as would reject it. */
export function encode(req: EncodeRequest): Encoding {
  const t = templateFor(req);
  const bytes = t.bytes.slice();
  const fixups: Fixup[] = [];
  const patches = t.patches;
  for (let i = 0; i < patches.length; i++) {
    const p = patches[i]!;
    const v = req.values[p.operand];
    if (v !== undefined && v.known) writeLE(bytes, p.offset, p.size, v.value);
    else fixups.push({ offset: p.offset, size: p.size, operand: p.operand, pcrel: p.pcrel, signedness: p.signedness });
  }
  return { bytes, fixups };
}

/**
 * `rdmsr $imm32, %r64` and `wrmsrns %r64, $imm32` (binutils ≥ 2.44; iced does not know them). The
 * immediate must be a known unsigned 32-bit value, the register a 64-bit GPR.
 */
function encodeMsrImmForm(req: EncodeRequest): Encoding | undefined {
  const m = req.mnemonic;
  if (req.operands.length === 0 || (m !== "rdmsr" && m !== "wrmsrns" && m !== "rdmsrq" && m !== "wrmsrnsq")) return undefined;
  const op = m.startsWith("rdmsr") ? "rdmsr" : "wrmsrns";
  const ops = req.operands;
  const immAt = op === "rdmsr" ? 0 : 1;
  const regAt = 1 - immAt;
  if (ops.length !== 2) throw new EncodeError("A037", `\`${m}' with operands takes an immediate and a 64-bit register`);
  const imm = ops[immAt]!;
  const reg = ops[regAt]!;
  if (imm.kind !== "imm") throw new EncodeError("A037", `the MSR number of \`${m}' must be an immediate`, immAt);
  if (reg.kind !== "reg" || reg.reg.cls !== "gpr" || reg.reg.size !== 8 || reg.star) {
    throw new EncodeError("A037", `\`${m}' needs a 64-bit general register`, regAt);
  }
  if (req.bits !== 64) throw new EncodeError("A037", `\`${m}' with an immediate is only supported in 64-bit mode`);
  const v = req.values[immAt];
  if (!v?.known || v.value < 0n || v.value > 0xffffffffn) {
    throw new EncodeError("A037", "the MSR number must be a known unsigned 32-bit value", immAt);
  }
  const body = encodeMsrImm(op, reg.reg.num, Number(v.value));
  const pre: number[] = [];
  for (const w of req.prefixes) {
    const b = ({ es: 0x26, cs: 0x2e, ss: 0x36, ds: 0x3e, fs: 0x64, gs: 0x65 } as Record<string, number>)[w];
    if (b === undefined) throw new EncodeError("A036", `prefix \`${w}' cannot be used with \`${m}'`);
    if (pre.length) throw new EncodeError("A036", "same type of prefix used twice");
    pre.push(b);
  }
  const bytes = new Uint8Array(pre.length + body.length);
  bytes.set(pre);
  bytes.set(body, pre.length);
  return { bytes, fixups: [] };
}

/**
 * Mnemonics of direct branches, which the core encodes and relaxes itself: every `jcc` alias, `jmp`,
 * `call`, `loop*`, `jcxz`/`jecxz`/`jrcxz` and `xbegin`. With a `*` operand (`jmp *%rax`,
 * `call *sym(%rip)`) `jmp`/`call` are indirect and belong to the encoder.
 */
export function isDirectBranch(mnemonic: string): boolean {
  return DIRECT.has(mnemonic);
}

const DIRECT: ReadonlySet<string> = (() => {
  const s = new Set(["jmp", "jmpq", "jmpl", "jmpw", "call", "callq", "calll", "callw", "loop", "loopl", "loopq", "loope", "loopz",
    "loopne", "loopnz", "jcxz", "jecxz", "jrcxz", "xbegin"]);
  for (const cc of ["o", "no", "b", "c", "nae", "ae", "nb", "nc", "e", "z", "ne", "nz", "be", "na", "a", "nbe", "s", "ns",
    "p", "pe", "np", "po", "l", "nge", "ge", "nl", "le", "ng", "g", "nle"]) s.add("j" + cc);
  return s;
})();

/** Operands as the encoder sees them (exported for tests). */
export type { Operand };

/**
 * The instruction encoder: AT&T instruction in, bytes and fixups out, as GNU as 2.40 would emit them.
 *
 * Hot path: build a *shape key* (mnemonic, prefixes, registers, addressing mode, value classes), look
 * it up, copy the template and write the values. Cold path (first instruction of a shape): resolve the
 * AT&T mnemonic (`resolve.ts`), choose the form GNU would (`select.ts`), encode it once with iced
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
import type { Template } from "./template.js";
import { EncodeError } from "./types.js";
import type { EncodeRequest, Encoding, Fixup } from "./types.js";
import { dispClass, immClass, writeLE } from "./values.js";

export { EncodeError } from "./types.js";
export type { EncodeRequest, Encoding, Fixup, Known } from "./types.js";

const cache = new Map<string, Template>();

/** The shape of an instruction: everything the choice of form and the field layout depend on. */
function shapeKey(req: EncodeRequest): string {
  let key = req.bits === 64 ? req.mnemonic : "32:" + req.mnemonic;
  const pre = req.prefixes;
  for (let i = 0; i < pre.length; i++) key += " " + pre[i];
  const ops = req.operands;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.kind === "reg") key += op.star ? "|*%" + op.reg.name : "|%" + op.reg.name;
    else if (op.kind === "imm") key += "|$" + immClass(req.values[i]);
    else {
      key += op.star ? "|*" : "|";
      if (op.seg) key += op.seg.name + ":";
      key += dispClass(req.values[i], op.disp !== undefined, req.bits) + "(";
      if (op.base) key += op.base.name;
      if (op.index) key += "," + op.index.name + "," + op.scale;
    }
  }
  return key;
}

/** Encodes one instruction. Throws `EncodeError` when GNU as would reject it. */
export function encode(req: EncodeRequest): Encoding {
  const special = encodeMsrImmForm(req);
  if (special) return special;
  const key = shapeKey(req);
  let t = cache.get(key);
  if (t === undefined) {
    if (isPrefixWord(req.mnemonic) && req.operands.length === 0) {
      t = { bytes: prefixOnlyBytes([...req.prefixes, req.mnemonic], req.bits), patches: [] };
    } else {
      t = compile(req);
    }
    cache.set(key, t);
  }
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
  if (reg.kind !== "reg" || reg.reg.cls !== "gpr" || reg.reg.size !== 8) {
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

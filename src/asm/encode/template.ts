/**
 * Encoding templates: the bytes of one instruction *shape*, with holes for its values.
 *
 * iced-x86 is WebAssembly: building an `Instruction` and encoding it costs a dozen calls across the
 * JS/wasm boundary. Instructions of the same shape (form, registers, addressing mode, field sizes) differ
 * only in the values of their immediate and displacement fields, so we encode each shape once with
 * iced, with placeholder values, and note where the fields are (`Encoder.getConstantOffsets()`).
 * Later instructions of that shape copy the bytes and write their values.
 *
 * iced orders legacy prefixes its own way; GNU as emits them in fixed slots (segment, address size,
 * operand size, rep/repne, lock, REX), whatever order they were written in. `layoutPrefixes` re-emits
 * them in GNU's order, together with the prefix words written before the mnemonic.
 */
import { Encoder, Instruction, OpCodeOperandKind as K, OpKind, Register } from "iced-x86";
import type { Operand } from "../ast.js";
import type { RegInfo } from "../../isa/registers.js";
import { registers } from "../../isa/registers.js";
import { gprKindSize } from "../../isa/forms.js";
import type { Selection } from "./select.js";
import { EncodeError } from "./types.js";
import type { Fixup } from "./types.js";

export interface Patch {
  operand: number;
  offset: number;
  size: 1 | 2 | 4 | 8;
  pcrel: boolean;
  signedness: Fixup["signedness"];
}

export interface Template {
  bytes: Uint8Array;
  patches: Patch[];
}

/** GNU's prefix slots, in emission order. */
export const enum Slot { Seg, Addr, Data, Rep, Lock, Count }

export interface PrefixSet {
  /** One byte per slot, 0 when empty. */
  slots: number[];
  /** REX bits to OR in (0x40 = a bare REX). */
  rex: number;
}

const FIXED_REG: Partial<Record<K, Register>> = {
  [K.al]: Register.AL, [K.cl]: Register.CL, [K.ax]: Register.AX, [K.dx]: Register.DX, [K.eax]: Register.EAX,
  [K.rax]: Register.RAX, [K.es]: Register.ES, [K.cs]: Register.CS, [K.ss]: Register.SS, [K.ds]: Register.DS,
  [K.fs]: Register.FS, [K.gs]: Register.GS,
};

const IMM_KIND: Partial<Record<K, OpKind>> = {
  [K.imm8]: OpKind.Immediate8, [K.imm8_const_1]: OpKind.Immediate8, [K.imm8sex16]: OpKind.Immediate8to16,
  [K.imm8sex32]: OpKind.Immediate8to32, [K.imm8sex64]: OpKind.Immediate8to64, [K.imm16]: OpKind.Immediate16,
  [K.imm32]: OpKind.Immediate32, [K.imm32sex64]: OpKind.Immediate32to64, [K.imm64]: OpKind.Immediate64,
};

let encoder64: Encoder | undefined;
let encoder32: Encoder | undefined;

function encoderFor(bits: 64 | 32): Encoder {
  return bits === 64 ? (encoder64 ??= new Encoder(64)) : (encoder32 ??= new Encoder(32));
}

type Mem = Extract<Operand, { kind: "mem" }>;

/**
 * The segment override to emit for `m`: GNU drops an override naming the default segment (`%ss:` with
 * base %rbp/%rsp/%ebp/%esp — not %r13/%r12 —, `%ds:` otherwise).
 */
function segOverride(m: Mem): Register {
  if (!m.seg) return Register.None;
  const b = m.base?.name;
  const dflt = b === "rbp" || b === "rsp" || b === "ebp" || b === "esp" ? "ss" : "ds";
  return m.seg.name === dflt ? Register.None : m.seg.iced;
}

/** A 64-bit register written where GNU uses its 32-bit name (`mov %rax, %ds` encodes as `8e d8`). */
function as32(r: RegInfo): RegInfo {
  return registers.get(["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"][r.num] ?? `r${r.num}d`)!;
}

export interface BuildInput {
  sel: Selection;
  operands: readonly Operand[];
  /** Displacement class per operand (see `dispClass`). */
  dispClasses: readonly string[];
  bits: 64 | 32;
  /** Use a 32-bit address size for a memory operand without registers (`addr32`). */
  addr32: boolean;
  /** GPR operands to encode with their 32-bit name (segment-register moves). */
  narrow: ReadonlySet<number>;
}

/** Sets up the memory operand of `ins`; returns the iced displacement size used. */
function setMemory(ins: Instruction, m: Mem, cls: string, bits: 64 | 32, addr32: boolean, moffs: boolean): void {
  const regs32 = m.base?.size === 4 || m.index?.size === 4 || addr32 || bits === 32;
  ins.memoryBase = m.base ? m.base.iced : Register.None;
  ins.memoryIndex = m.index ? m.index.iced : Register.None;
  ins.memoryIndexScale = m.scale;
  ins.segmentPrefix = segOverride(m);
  const wide = regs32 ? 4 : 8;
  if (moffs) {
    ins.memoryDisplSize = bits === 64 && !addr32 ? 8 : 4;
    ins.memoryDisplacement = 0n;
  } else if (cls === "" || cls === "0") {
    ins.memoryDisplSize = 0;
    ins.memoryDisplacement = 0n;
  } else if (cls === "8") {
    ins.memoryDisplSize = 1;
    ins.memoryDisplacement = 1n;
  } else {
    // iced's "size 8" in 64-bit code (4 in 32-bit addressing) forces a disp32 even for a small value.
    ins.memoryDisplSize = wide;
    ins.memoryDisplacement = m.base?.cls === "rip" ? 0n : 0x12345678n;
  }
}

/** Encodes one shape with iced. Throws EncodeError when iced rejects the combination. */
export function buildTemplate(inp: BuildInput): { bytes: Uint8Array; imm: [number, number][]; disp?: [number, number] } {
  const { sel, operands } = inp;
  const f = sel.form;
  const ins = new Instruction();
  const enc = encoderFor(inp.bits);
  try {
    ins.code = f.code;
    for (let i = 0; i < f.ops.length; i++) {
      const k = f.ops[i]!;
      const a = sel.map[i]!;
      const op = a >= 0 ? operands[a] : undefined;
      const immKind = IMM_KIND[k];
      if (immKind !== undefined) {
        ins.setOpKind(i, immKind);
        if (k === K.imm8_const_1) ins.setImmediateU32(i, 1);
        else if (immKind === OpKind.Immediate8 && i > 0 && f.ops[i - 1] === K.imm16) ins.setOpKind(i, OpKind.Immediate8_2nd);
        else ins.setImmediateU64(i, 0n);
        continue;
      }
      if (k === K.seg_rSI || k === K.seg_rDI || k === K.es_rDI || k === K.seg_rBX_al) {
        const m = op?.kind === "mem" ? op : undefined;
        const a32 = inp.bits === 32 || m?.base?.size === 4;
        if (k === K.es_rDI) ins.setOpKind(i, a32 ? OpKind.MemoryESEDI : OpKind.MemoryESRDI);
        else if (k === K.seg_rSI) ins.setOpKind(i, a32 ? OpKind.MemorySegESI : OpKind.MemorySegRSI);
        else if (k === K.seg_rDI) ins.setOpKind(i, a32 ? OpKind.MemorySegEDI : OpKind.MemorySegRDI);
        else {
          ins.setOpKind(i, OpKind.Memory);
          ins.memoryBase = a32 ? Register.EBX : Register.RBX;
          ins.memoryIndex = Register.AL;
        }
        if (m && k !== K.es_rDI) ins.segmentPrefix = segOverride(m);
        continue;
      }
      const fixed = FIXED_REG[k];
      if (fixed !== undefined) {
        ins.setOpKind(i, OpKind.Register);
        ins.setOpRegister(i, fixed);
        continue;
      }
      if (op === undefined) throw new EncodeError("A031", `cannot encode implied operand of \`${f.mnemonic}'`);
      if (op.kind === "reg") {
        ins.setOpKind(i, OpKind.Register);
        ins.setOpRegister(i, (inp.narrow.has(a) ? as32(op.reg) : op.reg).iced);
      } else if (op.kind === "mem") {
        ins.setOpKind(i, OpKind.Memory);
        setMemory(ins, op, inp.dispClasses[a] ?? "", inp.bits, inp.addr32, k === K.mem_offs);
      } else {
        throw new EncodeError("A031", `operand ${a + 1} of \`${f.mnemonic}' cannot be an immediate`, a);
      }
    }
    try {
      enc.encode(ins, 0n);
    } catch (e) {
      enc.takeBuffer(); // drop a partial encoding
      throw new EncodeError("A032", `cannot encode \`${f.mnemonic}' with these operands (${String((e as Error).message ?? e)})`);
    }
    const bytes = enc.takeBuffer();
    const co = enc.getConstantOffsets();
    const imm: [number, number][] = [];
    if (co.hasImmediate) imm.push([co.immediateOffset, co.immediateSize]);
    if (co.hasImmediate2) imm.push([co.immediateOffset2, co.immediateSize2]);
    const disp: [number, number] | undefined = co.hasDisplacement ? [co.displacementOffset, co.displacementSize] : undefined;
    co.free();
    return disp ? { bytes, imm, disp } : { bytes, imm };
  } finally {
    ins.free();
  }
}

const SEG_BYTES = new Set([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65]);

/** The slot a legacy prefix byte belongs to, or −1 if it is not a prefix. */
export function slotOf(b: number): number {
  if (SEG_BYTES.has(b)) return Slot.Seg;
  if (b === 0x67) return Slot.Addr;
  if (b === 0x66) return Slot.Data;
  if (b === 0xf2 || b === 0xf3) return Slot.Rep;
  if (b === 0xf0) return Slot.Lock;
  return -1;
}

/**
 * Re-lays the prefixes of iced's `bytes` in GNU's slot order, merged with the written prefixes `extra`.
 * Returns the new bytes and how far the rest of the instruction moved.
 */
export function layoutPrefixes(bytes: Uint8Array, extra: PrefixSet | undefined, bits: 64 | 32): { bytes: Uint8Array; shift: number } {
  const slots = extra ? extra.slots.slice() : [0, 0, 0, 0, 0];
  let rex = extra ? extra.rex : 0;
  let p = 0;
  while (p < bytes.length) {
    const s = slotOf(bytes[p]!);
    if (s < 0) break;
    // A written prefix the instruction needs anyway is an error ("same type of prefix used twice":
    // `data16 movw`), except `addr32` with 32-bit address registers.
    if (slots[s] !== 0 && !(s === Slot.Addr && slots[s] === bytes[p])) throw new EncodeError("A036", "same type of prefix used twice");
    slots[s] = bytes[p]!;
    p++;
  }
  if (bits === 64 && p < bytes.length && (bytes[p]! & 0xf0) === 0x40) {
    if (rex & bytes[p]! & 8) throw new EncodeError("A036", "same type of prefix used twice");
    rex |= bytes[p++]!;
  }
  const head: number[] = [];
  for (let s = 0; s < Slot.Count; s++) if (slots[s]) head.push(slots[s]!);
  if (rex) head.push(rex | 0x40);
  const out = new Uint8Array(head.length + bytes.length - p);
  out.set(head);
  out.set(bytes.subarray(p), head.length);
  return { bytes: out, shift: head.length - p };
}

/** Fixup signedness GNU gives a field: R_X86_64_32S for sign-extended 32-bit fields in 64-bit code. */
export function immSignedness(size: number, opSize: number, bits: 64 | 32): Fixup["signedness"] {
  if (size !== 4) return "either";
  return bits === 64 && opSize === 8 ? "signed" : "unsigned";
}

export { gprKindSize };

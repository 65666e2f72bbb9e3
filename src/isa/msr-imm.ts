/**
 * The MSR immediate forms (Intel, 2024), which neither iced-x86 1.21 nor GNU as 2.40 knows:
 *
 *     RDMSR   r64, imm32   VEX.128.F2.M7.W0 F6 /0 id   AT&T: rdmsr   $imm32, %r64
 *     WRMSRNS imm32, r64   VEX.128.F3.M7.W0 F6 /0 id   AT&T: wrmsrns %r64, $imm32
 *
 * The register sits in ModRM.rm (mod = 11, reg = 0), extended by VEX.B̄ for r8–r15. APX registers
 * r16–r31 need EVEX map 7 (`62`), where EVEX.B4 (P0 bit 3) supplies bit 4 of the register number.
 * This one codec serves the assembler, the disassembler shim in front of iced, and the emulator.
 */

export type MsrImmOp = "rdmsr" | "wrmsrns";

/** VEX/EVEX `pp` field per operation: F2 (3) for RDMSR, F3 (2) for WRMSRNS. */
const PP: Record<MsrImmOp, number> = { rdmsr: 3, wrmsrns: 2 };

/** Encodes an MSR immediate instruction. `reg` is the register number 0–31; `imm` an unsigned 32-bit value. */
export function encodeMsrImm(op: MsrImmOp, reg: number, imm: number): Uint8Array {
  if (!Number.isInteger(reg) || reg < 0 || reg > 31) throw new RangeError(`register number ${reg} out of range`);
  if (!Number.isInteger(imm) || imm < 0 || imm > 0xffffffff) throw new RangeError(`immediate ${imm} is not an unsigned 32-bit value`);
  const modrm = 0xc0 | (reg & 7);
  const b3 = (reg >> 3) & 1;
  let head: number[];
  if (reg < 16) {
    // C4 [R̄ X̄ B̄ m-mmmm=00111] [W=0 v̄vvv=1111 L=0 pp]
    head = [0xc4, 0xc0 | ((b3 ^ 1) << 5) | 7, 0x78 | PP[op], 0xf6, modrm];
  } else {
    // 62 [R̄ X̄ B̄ R̄' B4 mmm=111] [W=0 v̄vvv=1111 X̄4=1 pp] [z=0 L'L=00 b=0 V̄'=1 aaa=000]
    head = [0x62, 0xd0 | ((b3 ^ 1) << 5) | 0x08 | 7, 0x7c | PP[op], 0x08, 0xf6, modrm];
  }
  const out = new Uint8Array(head.length + 4);
  out.set(head);
  new DataView(out.buffer).setUint32(head.length, imm >>> 0, true);
  return out;
}

export interface MsrImmInsn {
  op: MsrImmOp;
  /** Register number 0–31. */
  reg: number;
  imm: number;
  /** Total length, prefixes included. */
  length: number;
  /** Offset of the imm32 from the start of the instruction (Linux reads the MSR number there). */
  immOffset: number;
  /** Segment prefix byte before the VEX/EVEX prefix, if any. */
  segPrefix?: number;
}

const SEG_PREFIXES = new Set([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65]);

/**
 * Recognises an MSR immediate instruction at `offset`, or returns `null`. This is the shim that sits in
 * front of iced's decoder, which would decode these bytes as an invalid instruction.
 */
export function decodeMsrImm(bytes: Uint8Array, offset = 0): MsrImmInsn | null {
  let p = offset;
  let segPrefix: number | undefined;
  while (p < bytes.length && SEG_PREFIXES.has(bytes[p]!) && p - offset < 4) segPrefix = bytes[p++];
  const lead = bytes[p];
  let reg: number;
  let pp: number;
  let q: number;
  if (lead === 0xc4) {
    if (p + 9 > bytes.length) return null;
    const b1 = bytes[p + 1]!;
    const b2 = bytes[p + 2]!;
    if ((b1 & 0x1f) !== 7 || (b1 & 0xc0) !== 0xc0) return null; // map 7, R̄ = X̄ = 1
    if ((b2 & 0xfc) !== 0x78) return null; // W0, v̄vvv = 1111, L = 0
    pp = b2 & 3;
    q = p + 3;
    if (bytes[q] !== 0xf6) return null;
    const modrm = bytes[q + 1]!;
    if ((modrm & 0xf8) !== 0xc0) return null;
    reg = (modrm & 7) | ((((b1 >> 5) & 1) ^ 1) << 3);
    q += 2;
  } else if (lead === 0x62) {
    if (p + 10 > bytes.length) return null;
    const p0 = bytes[p + 1]!;
    const p1 = bytes[p + 2]!;
    const p2 = bytes[p + 3]!;
    if ((p0 & 7) !== 7 || (p0 & 0xd0) !== 0xd0) return null;
    if ((p1 & 0xfc) !== 0x7c || p2 !== 0x08) return null;
    pp = p1 & 3;
    q = p + 4;
    if (bytes[q] !== 0xf6) return null;
    const modrm = bytes[q + 1]!;
    if ((modrm & 0xf8) !== 0xc0) return null;
    reg = (modrm & 7) | ((((p0 >> 5) & 1) ^ 1) << 3) | (((p0 >> 3) & 1) << 4);
    q += 2;
  } else {
    return null;
  }
  const op: MsrImmOp | undefined = pp === 3 ? "rdmsr" : pp === 2 ? "wrmsrns" : undefined;
  if (!op) return null;
  const imm = (bytes[q]! | (bytes[q + 1]! << 8) | (bytes[q + 2]! << 16) | (bytes[q + 3]! << 24)) >>> 0;
  const insn: MsrImmInsn = { op, reg, imm, length: q + 4 - offset, immOffset: q - offset };
  if (segPrefix !== undefined) insn.segPrefix = segPrefix;
  return insn;
}

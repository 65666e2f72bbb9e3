/**
 * Multiply and divide: MUL, IMUL (one, two and three operands), DIV, IDIV.
 *
 * Products are exact: 8- and 16-bit ones in doubles, 32-bit ones from 16-bit partial products (no
 * bigint), 64-bit ones with bigints. CF = OF = "the high half is significant" (not all zeros for MUL,
 * not the sign extension of the low half for IMUL); SF, ZF and PF from the low half and AF = 0, as Bochs
 * sets what the SDM leaves undefined. DIV and IDIV raise #DE (before writing anything) for a zero
 * divisor or a quotient that does not fit, and leave the flags alone.
 */
import { Mnemonic } from "iced-x86";
import type { Cpu } from "./cpu.js";
import type { Op } from "./decode.js";
import type { Gen } from "./emit.js";
import { DE, Fault } from "./fault.js";
import { ARITH, CF, OF, PARITY, SF, ZF, materialize } from "./flags.js";
import type { OpDef } from "./translate.js";

/** Unsigned 32 × 32 → 64: returns the low half, the high half in T[0]. */
export function mulu32(T: Int32Array, a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  T[0] = (p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
  return ((p00 & 0xffff) | (mid << 16)) | 0;
}

function setMulFlags(c: Cpu, size: number, lo: number, hi: number, overflow: boolean): void {
  const f = materialize(c);
  let zf: boolean, sf: boolean;
  if (size === 8) {
    zf = (lo | hi) === 0;
    sf = hi < 0;
  } else {
    const n = size * 8;
    const m = n === 32 ? -1 : (1 << n) - 1;
    zf = (lo & m) === 0;
    sf = ((lo >>> (n - 1)) & 1) === 1;
  }
  c.rf = (f & ~ARITH) | (overflow ? CF | OF : 0) | (zf ? ZF : 0) | (sf ? SF : 0) | PARITY[lo & 255]!;
}

const big = (lo: number, hi: number) => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
const sbig = (lo: number, hi: number) => BigInt.asIntN(64, big(lo, hi));

/** One-operand MUL/IMUL: the accumulator times `v` (`vh`) into AX, DX:AX, EDX:EAX or RDX:RAX. */
export function mul1(c: Cpu, signed: boolean, size: number, v: number, vh: number): void {
  const L = c.L, H = c.H;
  if (size === 1) {
    const a = L[0]! & 0xff;
    const p = signed ? ((a << 24) >> 24) * ((v << 24) >> 24) : a * v;
    L[0] = (L[0]! & -65536) | (p & 0xffff);
    const over = signed ? p !== ((p << 24) >> 24) : (p & 0xff00) !== 0;
    setMulFlags(c, 1, p, 0, over);
  } else if (size === 2) {
    const a = L[0]! & 0xffff;
    const p = signed ? ((a << 16) >> 16) * ((v << 16) >> 16) : a * v;
    L[0] = (L[0]! & -65536) | (p & 0xffff);
    L[2] = (L[2]! & -65536) | ((p >> 16) & 0xffff);
    const over = signed ? p !== ((p << 16) >> 16) : (p >>> 16) !== 0;
    setMulFlags(c, 2, p, 0, over);
  } else if (size === 4) {
    const a = L[0]!;
    const lo = mulu32(c.T, a, v);
    let hi = c.T[0]!;
    if (signed) hi = (hi - (a < 0 ? v : 0) - (v < 0 ? a : 0)) | 0;
    L[0] = lo; H[0] = 0;
    L[2] = hi; H[2] = 0;
    setMulFlags(c, 4, lo, 0, signed ? hi !== lo >> 31 : hi !== 0);
  } else {
    const a = signed ? sbig(L[0]!, H[0]!) : big(L[0]!, H[0]!);
    const b = signed ? sbig(v, vh) : big(v, vh);
    const p = BigInt.asUintN(128, a * b);
    const lo = BigInt.asUintN(64, p);
    const hi = p >> 64n;
    L[0] = Number(lo & 0xffffffffn) | 0; H[0] = Number(lo >> 32n) | 0;
    L[2] = Number(hi & 0xffffffffn) | 0; H[2] = Number(hi >> 32n) | 0;
    const over = signed ? a * b !== BigInt.asIntN(64, lo) : hi !== 0n;
    setMulFlags(c, 8, L[0]!, H[0]!, over);
  }
}

/** Two- and three-operand IMUL: the truncated product of a × b; returns the low half, high in T[0]. */
export function imul2(c: Cpu, size: number, a: number, ah: number, b: number, bh: number): number {
  if (size === 8) {
    const p = sbig(a, ah) * sbig(b, bh);
    const t = BigInt.asIntN(64, p);
    const lo = Number(BigInt.asUintN(32, t)) | 0;
    const hi = Number(BigInt.asIntN(32, t >> 32n)) | 0;
    setMulFlags(c, 8, lo, hi, t !== p);
    c.T[0] = hi;
    return lo;
  }
  if (size === 4) {
    const lo = Math.imul(a, b);
    mulu32(c.T, a, b);
    const hiU = c.T[0]!;
    const hi = (hiU - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
    setMulFlags(c, 4, lo, 0, hi !== lo >> 31);
    c.T[0] = 0;
    return lo;
  }
  const sa = (a << 16) >> 16, sb = (b << 16) >> 16;
  const p = sa * sb;
  setMulFlags(c, 2, p, 0, p !== ((p << 16) >> 16));
  c.T[0] = 0;
  return p & 0xffff;
}

function divideError(what: string): never {
  throw new Fault(DE, undefined, 0, false, what);
}

/** DIV/IDIV of the double-width accumulator by `v` (`vh`). */
export function div(c: Cpu, signed: boolean, size: number, v: number, vh: number): void {
  const L = c.L, H = c.H;
  if (size === 8) {
    const d = signed ? sbig(v, vh) : big(v, vh);
    if (d === 0n) divideError("divide by zero");
    const n = (big(L[2]!, H[2]!) << 64n) | big(L[0]!, H[0]!);
    const nn = signed ? BigInt.asIntN(128, n) : n;
    const q = nn / d;
    const r = nn % d;
    if (signed ? q < -(1n << 63n) || q >= 1n << 63n : q >= 1n << 64n) divideError("quotient overflow");
    const qu = BigInt.asUintN(64, q), ru = BigInt.asUintN(64, r);
    L[0] = Number(qu & 0xffffffffn) | 0; H[0] = Number(qu >> 32n) | 0;
    L[2] = Number(ru & 0xffffffffn) | 0; H[2] = Number(ru >> 32n) | 0;
    return;
  }
  const n = size * 8;
  const m = n === 32 ? 0xffffffff : (1 << n) - 1;
  let num: number | bigint, den: number;
  if (size === 1) {
    const ax = L[0]! & 0xffff;
    num = signed ? (ax << 16) >> 16 : ax;
    den = signed ? (v << 24) >> 24 : v & 0xff;
  } else if (size === 2) {
    const x = ((L[2]! & 0xffff) << 16) | (L[0]! & 0xffff);
    num = signed ? x : x >>> 0;
    den = signed ? (v << 16) >> 16 : v & 0xffff;
  } else {
    const hi = L[2]!, lo = L[0]!;
    num = signed ? (BigInt(hi) << 32n) | BigInt(lo >>> 0) : (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
    den = signed ? v | 0 : v >>> 0;
  }
  if (den === 0) divideError("divide by zero");
  let q: number, r: number;
  if (typeof num === "bigint") {
    const qb = num / BigInt(den);
    const rb = num % BigInt(den);
    const lim = signed ? 1n << 31n : 1n << 32n;
    if (signed ? qb < -lim || qb >= lim : qb >= lim) divideError("quotient overflow");
    q = Number(qb);
    r = Number(rb);
  } else {
    q = Math.trunc(num / den);
    r = num - q * den;
    const half = 2 ** (n - 1);
    if (signed ? q < -half || q >= half : q > m) divideError("quotient overflow");
  }
  if (size === 1) L[0] = (L[0]! & -65536) | ((r & 0xff) << 8) | (q & 0xff);
  else if (size === 2) {
    L[0] = (L[0]! & -65536) | (q & 0xffff);
    L[2] = (L[2]! & -65536) | (r & 0xffff);
  } else {
    L[0] = q | 0; H[0] = 0;
    L[2] = r | 0; H[2] = 0;
  }
}

const mul: (signed: boolean) => OpDef = (signed) => ({
  emit(g: Gen, op: Op) {
    if (signed && op.o.length > 1) return imulN(g, op);
    const s = op.o[0]!;
    g.rd(s, "v");
    g.line(`${g.h(mul1)}(c,${signed},${s.size},v,${s.size === 8 ? "vh" : "0"});`);
    g.exact();
  },
});

function imulN(g: Gen, op: Op): void {
  const d = op.o[0]!;
  const size = d.size;
  const [x, y] = op.o.length === 3 ? [op.o[1]!, op.o[2]!] : [d, op.o[1]!];
  g.rd(x, "a", size);
  g.rd(y, "b", size);
  const w = size === 8;
  g.line(`const r=${g.pure(imul2)}(c,${size},a,${w ? "ah" : "0"},b,${w ? "bh" : "0"});`);
  g.wr(d, "r", "T[0]");
  g.exact();
}

const divide: (signed: boolean) => OpDef = (signed) => ({
  faults: true,
  emit(g, op) {
    const s = op.o[0]!;
    g.rd(s, "v");
    g.line(`${g.h(div)}(c,${signed},${s.size},v,${s.size === 8 ? "vh" : "0"});`);
  },
});

export const muldivOps: ReadonlyArray<[Mnemonic, OpDef]> = [
  [Mnemonic.Mul, mul(false)],
  [Mnemonic.Imul, mul(true)],
  [Mnemonic.Div, divide(false)],
  [Mnemonic.Idiv, divide(true)],
];

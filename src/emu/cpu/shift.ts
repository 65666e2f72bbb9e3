/**
 * Shifts and rotates: SHL/SAL, SHR, SAR, ROL, ROR, RCL, RCR, SHLD, SHRD, by 1, an imm8 or CL.
 *
 * The count is masked to 5 bits (6 for 64-bit operands); a masked count of 0 changes no flag (RCL/RCR:
 * the count modulo 9 or 17 for 8- and 16-bit operands). Flags are computed eagerly here, with the
 * choices Bochs makes for what the SDM leaves undefined, since Bochs models Intel hardware: SHL and the
 * double shifts set OF = CF ^ MSB(result) for every count, SHR and SHRD set OF from the two top result
 * bits, SAR clears OF, AF is cleared, an 8/16-bit shift past the width gives CF = 0 (SHL) or the last bit
 * shifted through. A register destination is always written back (a 32-bit one is zero-extended even
 * for a count of 0, as Unicorn/QEMU do).
 *
 * 64-bit SHL/SHR/SAR work on int32 halves; the 64-bit rotates and double shifts, rarer, on bigints.
 */
import { Mnemonic } from "iced-x86";
import type { Cpu } from "./cpu.js";
import { OK, type Op } from "./decode.js";
import type { Gen } from "./emit.js";
import { ARITH, CF, OF, PARITY, SF, ZF, materialize } from "./flags.js";
import type { OpDef } from "./translate.js";

export const SHL = 0, SHR = 1, SAR = 2, ROL = 3, ROR = 4, RCL = 5, RCR = 6, SHLD = 7, SHRD = 8;

/** Sets CF/OF and SF/ZF/PF from a result (AF cleared), keeping the other flags. */
function setFlags(c: Cpu, size: number, lo: number, hi: number, cf: number, of: number): void {
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
  c.rf = (f & ~ARITH) | (cf ? CF : 0) | (of ? OF : 0) | (zf ? ZF : 0) | (sf ? SF : 0) | PARITY[lo & 255]!;
}

/** Only CF and OF (rotates). */
function setCfOf(c: Cpu, cf: number, of: number): void {
  const f = materialize(c);
  c.rf = (f & ~(CF | OF)) | (cf ? CF : 0) | (of ? OF : 0);
}

const B64 = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
const MASK64 = (1n << 64n) - 1n;

/**
 * One shift or rotate of a `size`-byte value `lo` (`hi`) by `count` (already masked to 5/6 bits);
 * `src` is the second operand of SHLD/SHRD. Returns the low half of the result, the high half in T[0].
 */
export function shift(c: Cpu, kind: number, size: number, lo: number, hi: number, count: number, src: number, srcHi: number): number {
  const T = c.T;
  T[0] = hi;
  if (count === 0) return lo;
  if (size === 8) return shift64(c, kind, lo, hi, count, src, srcHi);
  const n = size * 8;
  const m = n === 32 ? 0xffffffff : (1 << n) - 1;
  const v = (lo & m) >>> 0;
  const msb = (x: number) => (x >>> (n - 1)) & 1;
  let r: number, cf: number, of: number;
  switch (kind) {
    case SHL:
      if (count <= n) {
        r = count === 32 ? 0 : (v << count) & m;
        cf = (v >>> (n - count)) & 1;
      } else {
        r = 0;
        cf = 0;
      }
      of = cf ^ msb(r);
      setFlags(c, size, r, 0, cf, of);
      return r | 0;
    case SHR:
      r = count >= 32 ? 0 : v >>> count;
      cf = count - 1 >= 32 ? 0 : (v >>> (count - 1)) & 1;
      of = msb(((r << 1) ^ r) >>> 0);
      setFlags(c, size, r, 0, cf, of);
      return r | 0;
    case SAR: {
      const sv = n === 32 ? v | 0 : (v << (32 - n)) >> (32 - n);
      r = (sv >> Math.min(count, 31)) & m;
      cf = (sv >> Math.min(count - 1, 31)) & 1;
      setFlags(c, size, r, 0, cf, 0);
      return r | 0;
    }
    case ROL: {
      const k = count & (n - 1);
      if (k === 0) {
        // A multiple of the width (8/16-bit operands): the value stays, CF/OF as if rotated.
        setCfOf(c, v & 1, (v & 1) ^ msb(v));
        return v | 0;
      }
      r = ((v << k) | (v >>> (n - k))) & m;
      cf = r & 1;
      setCfOf(c, cf, cf ^ msb(r));
      return r | 0;
    }
    case ROR: {
      const k = count & (n - 1);
      if (k === 0) {
        setCfOf(c, msb(v), msb(v) ^ ((v >>> (n - 2)) & 1));
        return v | 0;
      }
      r = ((v >>> k) | (v << (n - k))) & m;
      setCfOf(c, msb(r), msb(r) ^ ((r >>> (n - 2)) & 1));
      return r | 0;
    }
    case RCL:
    case RCR: {
      const k = n < 32 ? count % (n + 1) : count;
      if (k === 0) return v | 0;
      const cin = BigInt(materialize(c) & CF);
      // Rotate the (n+1)-bit value CF:v.
      const w = BigInt(n + 1);
      const x = (cin << BigInt(n)) | BigInt(v);
      const kk = BigInt(kind === RCL ? k : n + 1 - k);
      const y = ((x << kk) | (x >> (w - kk))) & ((1n << w) - 1n);
      const res = Number(y & BigInt(m));
      const cout = Number(y >> BigInt(n)) & 1;
      of = kind === RCL ? cout ^ msb(res) : msb(((res << 1) ^ res) >>> 0);
      setCfOf(c, cout, of);
      return res | 0;
    }
    case SHLD:
    case SHRD: {
      const s = (src & m) >>> 0;
      if (n === 16) {
        // Bochs' model of the P6 and later for counts past 16.
        if (kind === SHLD) {
          const t = ((v << 16) | s) >>> 0;
          let r32 = count >= 32 ? 0 : (t << count) >>> 0;
          if (count > 16) r32 = (r32 | (v << (count - 16))) >>> 0;
          r = (r32 >>> 16) & 0xffff;
          cf = (t >>> (32 - count)) & 1;
          of = cf ^ msb(r);
        } else {
          const t = ((s << 16) | v) >>> 0;
          let r32 = t >>> count;
          if (count > 16) r32 = (r32 | (v << (32 - count))) >>> 0;
          r = r32 & 0xffff;
          cf = (v >>> (count - 1)) & 1;
          of = msb(((r << 1) ^ r) >>> 0);
        }
        setFlags(c, size, r, 0, cf, of);
        return r | 0;
      }
      if (kind === SHLD) {
        r = ((v << count) | (s >>> (32 - count))) >>> 0;
        cf = (v >>> (32 - count)) & 1;
        of = cf ^ msb(r);
      } else {
        r = ((s << (32 - count)) | (v >>> count)) >>> 0;
        cf = (v >>> (count - 1)) & 1;
        of = msb(((r << 1) ^ r) >>> 0);
      }
      setFlags(c, size, r, 0, cf, of);
      return r | 0;
    }
    default:
      throw new Error(`shift kind ${kind}`);
  }
}

function shift64(c: Cpu, kind: number, lo: number, hi: number, count: number, src: number, srcHi: number): number {
  const T = c.T;
  let rl: number, rh: number, cf: number;
  switch (kind) {
    case SHL:
      if (count < 32) {
        rh = (hi << count) | (lo >>> (32 - count));
        rl = lo << count;
        cf = (hi >>> (32 - count)) & 1;
      } else if (count === 32) {
        rh = lo;
        rl = 0;
        cf = hi & 1;
      } else {
        rh = lo << (count - 32);
        rl = 0;
        cf = (lo >>> (64 - count)) & 1;
      }
      setFlags(c, 8, rl, rh, cf, cf ^ (rh >>> 31));
      break;
    case SHR:
      if (count < 32) {
        rl = (lo >>> count) | (hi << (32 - count));
        rh = hi >>> count;
        cf = (lo >>> (count - 1)) & 1;
      } else if (count === 32) {
        rl = hi;
        rh = 0;
        cf = lo >>> 31;
      } else {
        rl = hi >>> (count - 32);
        rh = 0;
        cf = (hi >>> (count - 33)) & 1;
      }
      setFlags(c, 8, rl, rh, cf, ((rh ^ (rh << 1)) >>> 31) & 1);
      break;
    case SAR:
      if (count < 32) {
        rl = (lo >>> count) | (hi << (32 - count));
        rh = hi >> count;
        cf = (lo >>> (count - 1)) & 1;
      } else if (count === 32) {
        rl = hi;
        rh = hi >> 31;
        cf = lo >>> 31;
      } else {
        rl = hi >> (count - 32);
        rh = hi >> 31;
        cf = (hi >> (count - 33)) & 1;
      }
      setFlags(c, 8, rl, rh, cf, 0);
      break;
    default: {
      const v = B64(lo, hi);
      const k = BigInt(count);
      let r: bigint;
      let of: number;
      const msb = (x: bigint) => Number(x >> 63n) & 1;
      if (kind === ROL) {
        r = ((v << k) | (v >> (64n - k))) & MASK64;
        cf = Number(r & 1n);
        setCfOf(c, cf, cf ^ msb(r));
      } else if (kind === ROR) {
        r = ((v >> k) | (v << (64n - k))) & MASK64;
        cf = msb(r);
        setCfOf(c, cf, cf ^ (Number(r >> 62n) & 1));
      } else if (kind === RCL || kind === RCR) {
        const cin = BigInt(materialize(c) & CF);
        const x = (cin << 64n) | v;
        const kk = kind === RCL ? k : 65n - k;
        const y = ((x << kk) | (x >> (65n - kk))) & ((1n << 65n) - 1n);
        r = y & MASK64;
        cf = Number(y >> 64n) & 1;
        of = kind === RCL ? cf ^ msb(r) : msb(r) ^ (Number(r >> 62n) & 1);
        setCfOf(c, cf, of);
      } else {
        const s = B64(src, srcHi);
        if (kind === SHLD) {
          r = ((v << k) | (s >> (64n - k))) & MASK64;
          cf = Number((v >> (64n - k)) & 1n);
          of = cf ^ msb(r);
        } else {
          r = ((s << (64n - k)) | (v >> k)) & MASK64;
          cf = Number((v >> (k - 1n)) & 1n);
          of = msb(r) ^ (Number(r >> 62n) & 1);
        }
        setFlags(c, 8, Number(r & 0xffffffffn) | 0, Number(r >> 32n) | 0, cf, of);
      }
      T[0] = Number(r >> 32n) | 0;
      return Number(r & 0xffffffffn) | 0;
    }
  }
  T[0] = rh;
  return rl;
}

const KIND: Partial<Record<Mnemonic, number>> = {
  [Mnemonic.Shl]: SHL, [Mnemonic.Sal]: SHL, [Mnemonic.Shr]: SHR, [Mnemonic.Sar]: SAR,
  [Mnemonic.Rol]: ROL, [Mnemonic.Ror]: ROR, [Mnemonic.Rcl]: RCL, [Mnemonic.Rcr]: RCR,
  [Mnemonic.Shld]: SHLD, [Mnemonic.Shrd]: SHRD,
};

const shiftDef: OpDef = {
  emit(g: Gen, op: Op) {
    const kind = KIND[op.mn]!;
    const d = op.o[0]!;
    const size = d.size;
    const double = kind === SHLD || kind === SHRD;
    const cnt = op.o[double ? 2 : 1];
    const mask = size === 8 ? 63 : 31;
    // The count: 1 (D0/D1 forms have no count operand in iced: it is an implicit 1), an imm8, or CL.
    let count: string;
    let constant: number | undefined;
    if (cnt === undefined) constant = 1;
    else if (cnt.k === OK.Imm) constant = cnt.lo & mask;
    if (constant !== undefined) count = String(constant);
    else count = `(L[1]&${mask})`;
    g.probe(d);
    g.rd(d, "a");
    if (double) g.rd(op.o[1]!, "b", size);
    const w = size === 8;
    g.line(`const r=${g.pure(shift)}(c,${kind},${size},a,${w ? "ah" : "0"},${count},${double ? "b" : "0"},${double && w ? "bh" : "0"});`);
    g.wr(d, "r", "T[0]");
    // A constant non-zero count always sets flags (RCL/RCR: unless it is a multiple of width + 1).
    if (constant !== undefined && constant !== 0 && kind !== RCL && kind !== RCR) g.exact();
    else g.unknown();
  },
};

export const shiftOps: ReadonlyArray<[Mnemonic, OpDef]> = Object.keys(KIND).map((k): [Mnemonic, OpDef] => [Number(k) as Mnemonic, shiftDef]);

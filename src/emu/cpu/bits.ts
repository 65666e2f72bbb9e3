/**
 * Bit instructions: BT, BTS, BTR, BTC; BSF, BSR; TZCNT, LZCNT; POPCNT.
 *
 * BT* with a register bit offset and a memory operand address the bit string beyond the operand: the
 * offset is signed, and the operand accessed is `size` bytes at EA + size·⌊offset / (8·size)⌋. With an
 * immediate offset (or a register operand) the offset is taken modulo the operand width.
 *
 * Flags, where the SDM says "undefined", as Bochs: BT* change only CF; BSF/BSR with a zero source set
 * ZF and leave the destination alone (a 32-bit one zero-extended, as Intel does), otherwise clear ZF, CF, OF, AF, SF and set PF from
 * the index; TZCNT/LZCNT set CF for a zero source and ZF for a zero result, clear OF, SF, AF and keep
 * PF; POPCNT clears all but ZF (zero source).
 */
import { Mnemonic } from "iced-x86";
import type { Cpu } from "./cpu.js";
import { OK, type Op } from "./decode.js";
import { regWrite, type Gen } from "./emit.js";
import { AF, ARITH, CF, OF, PARITY, SF, ZF, materialize } from "./flags.js";
import { canonical } from "./mmu.js";
import type { OpDef } from "./translate.js";

const BT = 0, BTS = 1, BTR = 2, BTC = 3;

/** The address of the operand holding bit `offset` (signed halves) of the string at `a`. */
export function bitAddr(a: number, lo: number, hi: number, size: number): number {
  const n = size * 8;
  let units: number;
  if (((hi + 0x100000) >>> 21) === 0) units = Math.floor((hi * 4294967296 + (lo >>> 0)) / n);
  else units = Number(((BigInt(hi) << 32n) | BigInt(lo >>> 0)) >> BigInt(Math.log2(n)));
  return canonical(a + units * size, false);
}

function btDef(kind: number): OpDef {
  return {
    emit(g: Gen, op: Op) {
      const d = op.o[0]!;
      const s = op.o[1]!;
      const size = d.size;
      const n = size * 8;
      const w = size === 8;
      if (d.k === OK.Mem && s.k === OK.Reg) {
        // The bit string in memory, indexed by a signed register offset.
        g.rd(s, "o", size);
        g.line(`const ba=${g.eaExpr(op.m!)};`);
        if (size === 2) g.line(`const os=(o<<16)>>16;`);
        else g.line(`const os=o;`);
        g.line(`const ad=${g.pure(bitAddr)}(ba,os,${w ? "oh" : "os>>31"},${size});`);
        g.line(w ? `const a=R64(ad),ah=T[0];` : `const a=R${n}(ad);`);
        emitBit(g, kind, size, `(o&${n - 1})`, (lo, hi) => (w ? `W64(ad,${lo},${hi});` : `W${n}(ad,${lo});`));
        return;
      }
      g.rd(d, "a");
      const bit = s.k === OK.Imm ? String(s.lo & (n - 1)) : `(L[${s.reg}]&${n - 1})`;
      emitBit(g, kind, size, bit, (lo, hi) => {
        if (d.k === OK.Reg) return regWrite(d.reg, d.high, size, lo, hi);
        return w ? `W64(${g.addr()},${lo},${hi});` : `W${n}(${g.addr()},${lo});`;
      });
    },
  };
}

function emitBit(g: Gen, kind: number, size: number, bit: string, write: (lo: string, hi: string) => string): void {
  g.line(`const b=${bit};`);
  if (size === 8) {
    g.line(`const inHi=b>=32,sh=b&31,word=inHi?ah:a,cf=(word>>>sh)&1;`);
    if (kind !== BT) {
      const upd = kind === BTS ? `word|(1<<sh)` : kind === BTR ? `word&~(1<<sh)` : `word^(1<<sh)`;
      g.line(`const nw=${upd};`);
      g.line(write(`inHi?a:nw`, `inHi?nw:ah`));
    }
  } else {
    g.line(`const cf=(a>>>b)&1;`);
    if (kind !== BT) {
      const upd = kind === BTS ? `a|(1<<b)` : kind === BTR ? `a&~(1<<b)` : `a^(1<<b)`;
      g.line(write(upd, "0"));
    }
  }
  g.line(`c.rf=(MAT(c)&-2)|cf;`);
  g.exact();
}

const BSF = 0, BSR = 1, TZCNT = 2, LZCNT = 3, POPCNT = 4;

function tz32(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

function pop32(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * BSF, BSR, TZCNT, LZCNT, POPCNT of a `size`-byte source; sets the flags. Returns the result, or -1
 * when the destination must be left alone (BSF/BSR of zero).
 */
export function scan(c: Cpu, kind: number, size: number, lo: number, hi: number): number {
  const n = size * 8;
  if (size < 4) lo &= (1 << n) - 1;
  if (size < 8) hi = 0;
  const zero = (lo | hi) === 0;
  const f = materialize(c);
  let r: number;
  switch (kind) {
    case BSF:
    case BSR:
      if (zero) {
        c.rf = f | ZF;
        return -1;
      }
      r = kind === BSF ? (lo !== 0 ? tz32(lo) : 32 + tz32(hi)) : hi !== 0 ? 63 - Math.clz32(hi) : 31 - Math.clz32(lo);
      c.rf = (f & ~ARITH) | PARITY[r]!;
      return r;
    case TZCNT:
    case LZCNT:
      if (kind === TZCNT) r = zero ? n : lo !== 0 ? tz32(lo) : 32 + tz32(hi);
      else r = size === 8 ? (hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo)) : Math.clz32(lo) - (32 - n);
      c.rf = (f & ~(CF | ZF | OF | SF | AF)) | (zero ? CF : 0) | (r === 0 ? ZF : 0);
      return r;
    default:
      r = pop32(lo) + pop32(hi);
      c.rf = (f & ~ARITH) | (zero ? ZF : 0);
      return r;
  }
}

function scanDef(kind: number): OpDef {
  return {
    emit(g, op) {
      const d = op.o[0]!;
      const s = op.o[1]!;
      g.rd(s, "v");
      g.line(`const r=${g.pure(scan)}(c,${kind},${s.size},v,${s.size === 8 ? "vh" : "0"});`);
      // BSF/BSR of zero keep the destination — but a 32-bit one is written back, zero-extended: Linux's
      // bitops.h quotes Intel's architect ("the top 32 bits will be cleared"); AMD keeps all 64 bits.
      if (d.size === 4) g.line(`if(r>=0){L[${d.reg}]=r;}H[${d.reg}]=0;`);
      else g.line(`if(r>=0){${regWrite(d.reg, false, d.size, "r", "0")}}`);
      g.exact();
    },
  };
}

export const bitOps: ReadonlyArray<[Mnemonic, OpDef]> = [
  [Mnemonic.Bt, btDef(BT)],
  [Mnemonic.Bts, btDef(BTS)],
  [Mnemonic.Btr, btDef(BTR)],
  [Mnemonic.Btc, btDef(BTC)],
  [Mnemonic.Bsf, scanDef(BSF)],
  [Mnemonic.Bsr, scanDef(BSR)],
  [Mnemonic.Tzcnt, scanDef(TZCNT)],
  [Mnemonic.Lzcnt, scanDef(LZCNT)],
  [Mnemonic.Popcnt, scanDef(POPCNT)],
];

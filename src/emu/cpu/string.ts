/**
 * String instructions: MOVS, STOS, LODS, CMPS, SCAS (b/w/d/q), with REP, REPE and REPNE.
 *
 * One element at a time, each completed before the next starts: read, write, then RSI/RDI advance (by
 * ±size as DF says) and RCX counts down. A fault in the middle of a REP therefore leaves RCX, RSI and
 * RDI where the hardware leaves them — counting the elements that were moved — and re-executing the
 * instruction resumes the copy. A REP that has not finished after a slice of elements ends the block
 * and executes again (each slice a step), so that a run's step budget also bounds huge counts.
 *
 * The address size (8, or 4 with 67) picks RSI/RDI/RCX or ESI/EDI/ECX (32-bit updates zero-extend).
 * The source segment may be overridden (FS/GS bases); the destination is always ES (base 0).
 * CMPS compares source − destination, SCAS accumulator − destination, with SUB's flags.
 */
import { Code, Mnemonic } from "iced-x86";
import type { Cpu } from "./cpu.js";
import type { Op } from "./decode.js";
import { numLit, type Gen } from "./emit.js";
import { ud } from "./fault.js";
import { DF, K_SUB, lazyKind } from "./flags.js";
import { ea1, ea32 } from "./mmu.js";
import type { OpDef } from "./translate.js";

const MOVS = 0, STOS = 1, LODS = 2, CMPS = 3, SCAS = 4;
/** Elements per execution of a REP before the instruction is restarted. */
const SLICE = 1 << 16;

function read(c: Cpu, a: number, size: number): number {
  const m = c.mmu;
  return size === 1 ? m.r8(a) : size === 2 ? m.r16(a) : size === 4 ? m.r32(a) : m.r64(a);
}

function write(c: Cpu, a: number, size: number, lo: number, hi: number): void {
  const m = c.mmu;
  if (size === 1) m.w8(a, lo);
  else if (size === 2) m.w16(a, lo);
  else if (size === 4) m.w32(a, lo);
  else m.w64(a, lo, hi);
}

/** Adds a small signed delta to register r (64-bit, or 32-bit zero-extended). */
function advance(c: Cpu, r: number, delta: number, asize: number): void {
  const L = c.L, H = c.H;
  if (asize === 4) {
    L[r] = (L[r]! + delta) | 0;
    H[r] = 0;
    return;
  }
  const t = (L[r]! >>> 0) + delta;
  L[r] = t | 0;
  H[r] = (H[r]! + (t > 0xffffffff ? 1 : t < 0 ? -1 : 0)) | 0;
}

function addr(c: Cpu, r: number, seg: number, asize: number): number {
  return asize === 4 ? ea32(c.L[r]!, seg) : ea1(c.H[r]!, c.L[r]!, 0, seg, false);
}

/**
 * Executes a string instruction. Returns false when a REP stopped after a slice with work left (the
 * instruction must run again), true when it is finished.
 */
export function stringOp(c: Cpu, kind: number, size: number, rep: number, asize: number, srcSeg: number): boolean {
  const L = c.L, H = c.H, F = c.F, T = c.T;
  const delta = c.rf & DF ? -size : size;
  const seg = srcSeg === 4 ? c.fsBase : srcSeg === 5 ? c.gsBase : 0;
  const counted = rep !== 0;
  for (let i = 0; i < SLICE; i++) {
    if (counted && (asize === 4 ? L[1] === 0 : (L[1]! | H[1]!) === 0)) return true;
    switch (kind) {
      case MOVS: {
        const lo = read(c, addr(c, 6, seg, asize), size);
        const hi = T[0]!;
        write(c, addr(c, 7, 0, asize), size, lo, hi);
        advance(c, 6, delta, asize);
        advance(c, 7, delta, asize);
        break;
      }
      case STOS:
        write(c, addr(c, 7, 0, asize), size, L[0]!, H[0]!);
        advance(c, 7, delta, asize);
        break;
      case LODS: {
        const lo = read(c, addr(c, 6, seg, asize), size);
        if (size === 8) {
          L[0] = lo;
          H[0] = T[0]!;
        } else if (size === 4) {
          L[0] = lo;
          H[0] = 0;
        } else if (size === 2) L[0] = (L[0]! & -65536) | lo;
        else L[0] = (L[0]! & -256) | lo;
        advance(c, 6, delta, asize);
        break;
      }
      default: {
        let al: number, ah: number;
        if (kind === CMPS) {
          al = read(c, addr(c, 6, seg, asize), size);
          ah = T[0]!;
        } else {
          al = size === 4 || size === 8 ? L[0]! : L[0]! & (size === 2 ? 0xffff : 0xff);
          ah = size === 8 ? H[0]! : 0;
        }
        const bl = read(c, addr(c, 7, 0, asize), size);
        const bh = size === 8 ? T[0]! : 0;
        if (kind === CMPS) advance(c, 6, delta, asize);
        advance(c, 7, delta, asize);
        let rl: number, rh = 0;
        if (size === 8) {
          const t = (al >>> 0) - (bl >>> 0);
          rl = t | 0;
          rh = (ah - bh - (t < 0 ? 1 : 0)) | 0;
        } else rl = size === 4 ? (al - bl) | 0 : al - bl;
        F[0] = lazyKind(K_SUB, size);
        F[1] = rl; F[2] = rh; F[3] = al; F[4] = ah; F[5] = bl; F[6] = bh;
        if (counted) {
          decrement(c, asize);
          const equal = size === 8 ? (rl | rh) === 0 : (rl & (size === 4 ? -1 : (1 << (size * 8)) - 1)) === 0;
          if (rep === 1 ? !equal : equal) return true;
        }
        if (!counted) return true;
        continue;
      }
    }
    if (!counted) return true;
    decrement(c, asize);
  }
  return asize === 4 ? L[1] === 0 : (L[1]! | H[1]!) === 0;
}

function decrement(c: Cpu, asize: number): void {
  advance(c, 1, -1, asize);
}

const KIND: ReadonlyArray<[Mnemonic, number, number, Code?]> = [
  [Mnemonic.Movsb, MOVS, 1], [Mnemonic.Movsw, MOVS, 2], [Mnemonic.Movsd, MOVS, 4, Code.Movsd_m32_m32], [Mnemonic.Movsq, MOVS, 8],
  [Mnemonic.Stosb, STOS, 1], [Mnemonic.Stosw, STOS, 2], [Mnemonic.Stosd, STOS, 4], [Mnemonic.Stosq, STOS, 8],
  [Mnemonic.Lodsb, LODS, 1], [Mnemonic.Lodsw, LODS, 2], [Mnemonic.Lodsd, LODS, 4], [Mnemonic.Lodsq, LODS, 8],
  [Mnemonic.Cmpsb, CMPS, 1], [Mnemonic.Cmpsw, CMPS, 2], [Mnemonic.Cmpsd, CMPS, 4, Code.Cmpsd_m32_m32], [Mnemonic.Cmpsq, CMPS, 8],
  [Mnemonic.Scasb, SCAS, 1], [Mnemonic.Scasw, SCAS, 2], [Mnemonic.Scasd, SCAS, 4], [Mnemonic.Scasq, SCAS, 8],
];

function stringDef(kind: number, size: number, code: Code | undefined): OpDef {
  return {
    faults: true,
    ends: (op: Op) => op.rep !== 0,
    emit(g: Gen, op: Op) {
      if (code !== undefined && op.code !== code) {
        // MOVSD/CMPSD with XMM operands (SSE2) share the mnemonic: not modelled.
        return g.raise(ud, JSON.stringify(`${Mnemonic[op.mn]!.toLowerCase()} with XMM operands is not modelled`));
      }
      // REPNE on MOVS/STOS/LODS acts as REP.
      const rep = op.rep === 2 && (kind === CMPS || kind === SCAS) ? 2 : op.rep !== 0 ? 1 : 0;
      const call = `${g.h(stringOp)}(c,${kind},${size},${rep},${op.asize},${op.srcSeg})`;
      if (rep !== 0) {
        g.line(`if(!${call})return ${numLit(op.addr)};`);
        g.ret(numLit(op.next));
      } else g.line(`${call};`);
      g.unknown();
    },
  };
}

export const stringOps: ReadonlyArray<[Mnemonic, OpDef]> = KIND.map(([m, kind, size, code]): [Mnemonic, OpDef] => [m, stringDef(kind, size, code)]);

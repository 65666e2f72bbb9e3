/**
 * Data movement: MOV (GPRs, memory, immediates; segment and control registers go to `system.ts`),
 * MOVZX, MOVSX, MOVSXD, LEA, XCHG, CMPXCHG, CMPXCHG8B/16B, XADD, BSWAP, the sign extensions (CBW … CQO), CMOVcc and
 * SETcc, and the instructions that do nothing the core can see (NOP, PAUSE, ENDBR64, the fences,
 * prefetches).
 *
 * Rules that matter: a 32-bit register write clears bits 63:32 — including CMOVcc with a false
 * condition and XCHG of a register with itself; CMOVcc reads its memory source even when it does not
 * move it (so it faults); CMPXCHG writes back a memory destination whatever the comparison says (as the
 * locked read-modify-write does) but, with a register destination, writes only the register the
 * outcome names (the destination when equal, the accumulator otherwise: Unicorn 2.0.1 writes both).
 */
import { Mnemonic } from "iced-x86";
import { OK, type Op, type Operand } from "./decode.js";
import { regWrite, type Gen } from "./emit.js";
import type { Cpu } from "./cpu.js";
import { gp, ud } from "./fault.js";
import { K_ADD, K_SUB, ZF, lazyKind, materialize } from "./flags.js";
import { movCr, movDr, movFromSeg, movToSeg } from "./system.js";
import type { OpDef } from "./translate.js";

const mov: OpDef = {
  faults: (op) => op.o.some((o) => o.k === OK.Seg || o.k === OK.Cr || o.k === OK.Dr || o.k === OK.Other),
  ends: (op) => op.o[0]!.k === OK.Cr || op.o[0]!.k === OK.Seg,
  emit(g, op) {
    const [d, s] = op.o as [Operand, Operand];
    if (d.k === OK.Cr || s.k === OK.Cr) return movCr(g, op);
    if (d.k === OK.Dr || s.k === OK.Dr) return movDr(g, op);
    if (d.k === OK.Seg) return movToSeg(g, op);
    if (s.k === OK.Seg) return movFromSeg(g, op);
    if (d.k === OK.Other || s.k === OK.Other) return g.raise(ud, JSON.stringify("mov of a register the core does not model"));
    g.rd(s, "v", d.size);
    g.wr(d, "v", "vh");
  },
};

/** Sign-extends local `v` (of `from` bytes) into `x`, `xh`. */
function signExtend(g: Gen, from: number): void {
  if (from === 1) g.line(`const x=(v<<24)>>24,xh=x>>31;`);
  else if (from === 2) g.line(`const x=(v<<16)>>16,xh=x>>31;`);
  else g.line(`const x=v,xh=v>>31;`);
}

const movzx: OpDef = {
  emit(g, op) {
    const [d, s] = op.o as [Operand, Operand];
    g.rd(s, "v");
    g.wr(d, "v", "0");
  },
};

const movsx: OpDef = {
  emit(g, op) {
    const [d, s] = op.o as [Operand, Operand];
    g.rd(s, "v");
    signExtend(g, s.size);
    g.wr(d, "x", "xh");
  },
};

const lea: OpDef = {
  noAccess: true,
  emit(g, op) {
    g.leaHalves(op.m!, "v");
    g.wr(op.o[0]!, "v", "vh");
  },
};

const xchg: OpDef = {
  emit(g, op) {
    const [x, y] = op.o as [Operand, Operand];
    g.rd(x, "p");
    g.rd(y, "q");
    // Memory first (it may fault), then the register.
    if (y.k === OK.Mem) {
      g.wr(y, "p", "ph");
      g.wr(x, "q", "qh");
    } else {
      g.wr(x, "q", "qh");
      g.wr(y, "p", "ph");
    }
  },
};

/** The accumulator operand of a size (RAX, EAX, AX, AL). */
function acc(size: number): Operand {
  return { k: OK.Reg, size, reg: 0, high: false, lo: 0, hi: 0 };
}

const cmpxchg: OpDef = {
  lazy: true,
  emit(g, op) {
    const [d, s] = op.o as [Operand, Operand];
    const size = d.size;
    const w = size === 8;
    g.rd(d, "a");
    g.rd(acc(size), "x");
    g.rd(s, "b");
    g.line(w ? `const e=x===a&&xh===ah;` : `const e=x===a;`);
    if (d.k === OK.Mem) {
      g.line(w ? `W64(${g.addr()},e?b:a,e?bh:ah);` : `W${size * 8}(${g.addr()},e?b:a);`);
    } else {
      g.line(`if(e){${regWrite(d.reg, d.high, size, "b", "bh")}}`);
    }
    g.line(`if(!e){${regWrite(0, false, size, "a", "ah")}}`);
    // The comparison is accumulator - destination.
    if (w) g.line(`const t=(x>>>0)-(a>>>0),r=t|0,rh=(xh-ah-(t<0?1:0))|0;`);
    else g.line(`const r=(x-a)${size === 4 ? "|0" : ""};`);
    g.lazy(lazyKind(K_SUB, size), "r", w ? "rh" : "0", "x", w ? "xh" : "0", "a", w ? "ah" : "0");
  },
};

/**
 * CMPXCHG8B / CMPXCHG16B: EDX:EAX (RDX:RAX) against the memory operand; equal: ZF = 1 and ECX:EBX
 * (RCX:RBX) stored, else ZF = 0 and the accumulator pair loaded (zero-extended for 8B). The memory is
 * written either way (the locked cycle); CMPXCHG16B needs a 16-byte aligned operand (#GP(0)).
 */
export function cmpxchgWide(c: Cpu, a: number, wide: boolean): void {
  const m = c.mmu;
  const L = c.L, H = c.H;
  if (wide) {
    if (a % 16 !== 0) throw gp(0, "cmpxchg16b operand not 16-byte aligned");
    m.probeWrite(a, 16);
    const l0 = m.r64(a), h0 = c.T[0]!, l1 = m.r64(a + 8), h1 = c.T[0]!;
    const eq = l0 === L[0] && h0 === H[0] && l1 === L[2] && h1 === H[2];
    if (eq) {
      m.w64(a, L[3]!, H[3]!);
      m.w64(a + 8, L[1]!, H[1]!);
    } else {
      m.w64(a, l0, h0);
      m.w64(a + 8, l1, h1);
      L[0] = l0; H[0] = h0; L[2] = l1; H[2] = h1;
    }
    c.rf = (materialize(c) & ~ZF) | (eq ? ZF : 0);
    return;
  }
  const lo = m.r64(a), hi = c.T[0]!;
  const eq = lo === L[0] && hi === L[2];
  if (eq) m.w64(a, L[3]!, L[1]!);
  else {
    m.w64(a, lo, hi);
    L[0] = lo; H[0] = 0; L[2] = hi; H[2] = 0;
  }
  c.rf = (materialize(c) & ~ZF) | (eq ? ZF : 0);
}

const cmpxchgWideDef: OpDef = {
  emit(g, op) {
    g.line(`${g.h(cmpxchgWide)}(c,${g.addr()},${op.o[0]!.size === 16});`);
    g.exact();
  },
};

const xadd: OpDef = {
  lazy: true,
  emit(g, op) {
    const [d, s] = op.o as [Operand, Operand];
    const size = d.size;
    const w = size === 8;
    g.rd(d, "a");
    g.rd(s, "b");
    if (w) g.line(`const t=(a>>>0)+(b>>>0),r=t|0,rh=(ah+bh+(t>4294967295?1:0))|0;`);
    else g.line(`const r=(a+b)${size === 4 ? "|0" : ""};`);
    // TEMP = SRC + DEST; SRC = DEST; DEST = TEMP (so with one register for both, DEST wins).
    if (d.k === OK.Mem) {
      g.wr(d, "r", "rh");
      g.wr(s, "a", "ah");
    } else {
      g.wr(s, "a", "ah");
      g.wr(d, "r", "rh");
    }
    g.lazy(lazyKind(K_ADD, size), "r", w ? "rh" : "0", "a", w ? "ah" : "0", "b", w ? "bh" : "0");
  },
};

const BSWAP32 = (v: string) => `((${v}<<24)|((${v}&65280)<<8)|((${v}>>>8)&65280)|(${v}>>>24))`;

const bswap: OpDef = {
  emit(g, op) {
    const d = op.o[0]!;
    g.rd(d, "v");
    if (d.size === 8) g.wr(d, BSWAP32("vh"), BSWAP32("v"));
    else if (d.size === 4) g.wr(d, BSWAP32("v"));
    else g.wr(d, "0"); // BSWAP r16 is undefined; hardware leaves zero in the low word
  },
};

/** CBW, CWDE, CDQE: sign-extend the low half of the accumulator into all of it. */
function widen(from: number): OpDef {
  return {
    emit(g) {
      g.rd(acc(from), "v");
      signExtend(g, from);
      g.wr(acc(from * 2), "x", "xh");
    },
  };
}

/** CWD, CDQ, CQO: the sign of the accumulator into DX, EDX, RDX. */
function spread(size: number): OpDef {
  return {
    emit(g) {
      const dx: Operand = { k: OK.Reg, size, reg: 2, high: false, lo: 0, hi: 0 };
      if (size === 8) g.line(`const s=H[0]>>31;`);
      else if (size === 4) g.line(`const s=L[0]>>31;`);
      else g.line(`const s=(L[0]<<16)>>31;`);
      g.wr(dx, "s", "s");
    },
  };
}

const cmov: OpDef = {
  emit(g, op) {
    const [d, s] = op.o as [Operand, Operand];
    g.rd(s, "v");
    const c = g.cond(op.cc);
    if (d.size === 8) g.line(`if(${c}){L[${d.reg}]=v;H[${d.reg}]=vh;}`);
    else if (d.size === 4) g.line(`if(${c}){L[${d.reg}]=v;}H[${d.reg}]=0;`);
    else g.line(`if(${c}){${regWrite(d.reg, false, 2, "v", "0")}}`);
  },
};

const setcc: OpDef = {
  emit(g, op) {
    g.wr(op.o[0]!, `(${g.cond(op.cc)}?1:0)`);
  },
};

const nothing: OpDef = { noAccess: true, emit() {} };

/** CLFLUSH and friends touch the line like a read (they fault like one). */
const touch: OpDef = {
  emit(g) {
    g.line(`R8(${g.addr()});`);
  },
};

const ccMnemonics = (prefix: string): Mnemonic[] =>
  ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"].map((cc) => {
    const m = (Mnemonic as unknown as Record<string, Mnemonic>)[prefix + cc];
    if (m === undefined) throw new Error(`iced has no ${prefix}${cc}`);
    return m;
  });

export const moveOps: ReadonlyArray<[Mnemonic, OpDef]> = [
  [Mnemonic.Mov, mov],
  [Mnemonic.Movzx, movzx],
  [Mnemonic.Movsx, movsx],
  [Mnemonic.Movsxd, movsx],
  [Mnemonic.Lea, lea],
  [Mnemonic.Xchg, xchg],
  [Mnemonic.Cmpxchg, cmpxchg],
  [Mnemonic.Cmpxchg8b, cmpxchgWideDef],
  [Mnemonic.Cmpxchg16b, cmpxchgWideDef],
  [Mnemonic.Xadd, xadd],
  [Mnemonic.Bswap, bswap],
  [Mnemonic.Cbw, widen(1)],
  [Mnemonic.Cwde, widen(2)],
  [Mnemonic.Cdqe, widen(4)],
  [Mnemonic.Cwd, spread(2)],
  [Mnemonic.Cdq, spread(4)],
  [Mnemonic.Cqo, spread(8)],
  ...ccMnemonics("Cmov").map((m): [Mnemonic, OpDef] => [m, cmov]),
  ...ccMnemonics("Set").map((m): [Mnemonic, OpDef] => [m, setcc]),
  [Mnemonic.Nop, nothing],
  [Mnemonic.Pause, nothing],
  [Mnemonic.Endbr64, nothing],
  [Mnemonic.Endbr32, nothing],
  [Mnemonic.Lfence, nothing],
  [Mnemonic.Mfence, nothing],
  [Mnemonic.Sfence, nothing],
  [Mnemonic.Prefetchnta, nothing],
  [Mnemonic.Prefetcht0, nothing],
  [Mnemonic.Prefetcht1, nothing],
  [Mnemonic.Prefetcht2, nothing],
  [Mnemonic.Prefetchw, nothing],
  [Mnemonic.Clflush, touch],
  [Mnemonic.Clflushopt, touch],
  [Mnemonic.Clwb, touch],
];

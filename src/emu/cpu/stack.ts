/**
 * The stack: PUSH, POP (registers, memory, immediates, FS and GS), PUSHF/POPF, ENTER, LEAVE.
 *
 * Widths are 8 bytes, or 2 with a 66 prefix (iced's stack increment says which). A push computes
 * RSP - n, checks it (#SS), writes, and only then moves RSP; a pop reads, then moves RSP, then writes
 * its destination — whose address, when it is based on RSP, is computed with the new RSP (SDM: "POP
 * ESP/RSP increments the stack pointer before computing the address"); a fault there puts RSP back.
 * `push %rsp` pushes the old value; `pop %rsp` leaves the popped value.
 *
 * PUSHF stores RFLAGS with RF and VM clear; POPF at CPL 0 may change every flag but VM, VIF, VIP.
 */
import { Mnemonic } from "iced-x86";
import { OK, type Op } from "./decode.js";
import type { Gen } from "./emit.js";
import { RFLAGS_FIXED, RFLAGS_WRITABLE, RF, materialize } from "./flags.js";
import { canonical } from "./mmu.js";
import { popSeg } from "./system.js";
import type { Cpu } from "./cpu.js";
import type { OpDef } from "./translate.js";

const width = (op: Op) => (op.stackInc === -2 || op.stackInc === 2 ? 2 : 8);

const push: OpDef = {
  faults: true,
  emit(g, op) {
    const size = width(op);
    const s = op.o[0]!;
    if (s.k === OK.Seg) g.line(`const v=c.seg[${s.reg}],vh=0;`);
    else g.rd(s, "v", size);
    g.push(size, "v", size === 8 ? "vh" : "0");
  },
};

const pop: OpDef = {
  faults: true,
  ends: (op) => op.o[0]!.k === OK.Seg,
  emit(g, op) {
    const size = width(op);
    const d = op.o[0]!;
    if (d.k === OK.Seg) return popSeg(g, op);
    const sp = g.popSlot();
    g.line(size === 8 ? `const v=R64(${sp}),vh=T[0];` : `const v=R16(${sp});`);
    if (d.k === OK.Reg) {
      g.setRsp(`${sp}+${size}`);
      g.wr(d, "v", "vh", size);
      return;
    }
    // A memory destination: addressed with the new RSP; a fault restores the old one.
    g.line(`const ol=L[4],oh=H[4];`);
    g.setRsp(`${sp}+${size}`);
    g.line(`try{const a=${g.eaExpr(op.m!)};${size === 8 ? "W64(a,v,vh);" : "W16(a,v);"}}catch(e){L[4]=ol;H[4]=oh;throw e;}`);
  },
};

const pushf: OpDef = {
  faults: true,
  emit(g, op) {
    const size = width(op);
    g.line(`const v=MAT(c)&${~(RF | 0x20000)};`);
    g.push(size, "v", "0");
    g.exact();
  },
};

const popf: OpDef = {
  faults: true,
  emit(g, op) {
    const size = width(op);
    const sp = g.popSlot();
    g.line(size === 8 ? `const v=R32(${sp});` : `const v=R16(${sp});`);
    g.line(`${g.pure(setFlagsFromPop)}(c,v,${size});`);
    g.setRsp(`${sp}+${size}`);
    g.exact();
  },
};

/** POPF's effect: the writable flags from the popped image (16 bits of them for POPFW). */
export function setFlagsFromPop(c: Cpu, v: number, size: number): void {
  const keep = size === 2 ? ~0xffff | ~RFLAGS_WRITABLE : ~RFLAGS_WRITABLE;
  const cur = materialize(c);
  c.rf = ((cur & keep) | (v & RFLAGS_WRITABLE & (size === 2 ? 0xffff : -1)) | RFLAGS_FIXED) >>> 0;
}

const leave: OpDef = {
  faults: true,
  emit(g, op) {
    const size = width(op);
    // RSP = RBP, then pop RBP.
    g.line(`const sp=EA1(H[5],L[5],0,0,true);`);
    g.line(size === 8 ? `const v=R64(sp),vh=T[0];` : `const v=R16(sp);`);
    g.setRsp(`sp+${size}`);
    g.wr({ k: OK.Reg, size, reg: 5, high: false, lo: 0, hi: 0 }, "v", "vh", size);
  },
};

const enter: OpDef = {
  faults: true,
  emit(g, op) {
    const frame = op.o[0]!.lo & 0xffff;
    const level = op.o[1]!.lo & 31;
    g.line(`${g.h(enterHelper)}(c,${frame},${level},${width(op)});`);
  },
};

/** ENTER frame, level: every write first (memory below RSP), registers at the end. */
export function enterHelper(c: Cpu, frame: number, level: number, size: number): void {
  const m = c.mmu;
  const P = 4294967296;
  const rsp = canonical(c.H[4]! * P + (c.L[4]! >>> 0), true);
  let rbp = c.H[5]! * P + (c.L[5]! >>> 0);
  let sp = canonical(rsp - size, true);
  if (size === 8) m.w64(sp, c.L[5]!, c.H[5]!);
  else m.w16(sp, c.L[5]! & 0xffff);
  const frameTemp = sp;
  for (let i = 1; i < level; i++) {
    rbp = canonical(rbp - size, true);
    const lo = size === 8 ? m.r64(rbp) : m.r16(rbp);
    const hi = size === 8 ? c.T[0]! : 0;
    sp = canonical(sp - size, true);
    if (size === 8) m.w64(sp, lo, hi);
    else m.w16(sp, lo);
  }
  if (level > 0) {
    sp = canonical(sp - size, true);
    if (size === 8) m.w64(sp, frameTemp | 0, Math.floor(frameTemp / P) | 0);
    else m.w16(sp, frameTemp & 0xffff);
  }
  const newSp = sp - frame;
  if (size === 8) {
    c.L[5] = frameTemp | 0;
    c.H[5] = Math.floor(frameTemp / P) | 0;
  } else {
    c.L[5] = (c.L[5]! & -65536) | (frameTemp & 0xffff);
  }
  c.L[4] = newSp | 0;
  c.H[4] = Math.floor(newSp / P) | 0;
}

export const stackOps: ReadonlyArray<[Mnemonic, OpDef]> = [
  [Mnemonic.Push, push],
  [Mnemonic.Pop, pop],
  [Mnemonic.Pushf, pushf],
  [Mnemonic.Pushfq, pushf],
  [Mnemonic.Popf, popf],
  [Mnemonic.Popfq, popf],
  [Mnemonic.Leave, leave],
  [Mnemonic.Enter, enter],
];

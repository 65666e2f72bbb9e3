/**
 * Descriptor tables and segments, as far as a 64-bit kernel's start-up code uses them: LGDT, LIDT,
 * SGDT, SIDT, LTR, STR, LLDT, SLDT, loads of DS/ES/SS/FS/GS (MOV, POP), far returns (LRET), far jumps
 * and calls through memory, IRETQ, SWAPGS.
 *
 * In 64-bit mode segments have no base or limit except FS and GS, whose bases come from the MSRs —
 * or, when a selector is loaded, from the descriptor's 32-bit base (a null selector clears the base, as
 * Intel CPUs do). A load still checks what the SDM says it checks: the selector within the GDT limit
 * (TI = 1, the LDT, is refused with #GP), a code/data descriptor of the right type, present (#NP, or
 * #SS for SS). CS may only become a 64-bit code segment (L = 1); a transfer to a 32-bit one
 * (compatibility mode) ends the run as unsupported, and so does IRETQ to CPL 3.
 */
import type { Cpu } from "./cpu.js";
import { SEG_CS, SEG_FS, SEG_GS, SEG_SS, toU64 } from "./values.js";
import { Fault, GP, NP, SS } from "./fault.js";
import { RFLAGS_FIXED, RFLAGS_WRITABLE, materialize } from "./flags.js";
import { canonical, target } from "./mmu.js";

const P32 = 4294967296;

export interface Descriptor {
  lo: number;
  hi: number;
  /** Linear address of the descriptor (to set its accessed or busy bit). */
  at: number;
}

const present = (d: Descriptor) => (d.hi & 0x8000) !== 0;
const type = (d: Descriptor) => (d.hi >>> 8) & 0xf;
const isCodeData = (d: Descriptor) => (d.hi & 0x1000) !== 0;
const base32 = (d: Descriptor) => ((d.lo >>> 16) | ((d.hi & 0xff) << 16) | (d.hi & 0xff000000)) >>> 0;

/** The GDT descriptor a selector names (8 bytes), or #GP(selector). */
export function readDescriptor(c: Cpu, sel: number, wide = false): Descriptor {
  const err = sel & 0xfffc;
  if (sel & 4) throw new Fault(GP, err, 0, false, "LDT selectors are not supported");
  const idx = sel & 0xfff8;
  if (idx + (wide ? 15 : 7) > c.gdtLimit) throw new Fault(GP, err, 0, false, `selector 0x${sel.toString(16)} beyond the GDT limit`);
  const at = c.gdtBase + idx;
  return { lo: c.mmu.r32(at), hi: c.mmu.r32(at + 4), at };
}

function setAccessed(c: Cpu, d: Descriptor): void {
  if ((d.hi & 0x100) === 0) c.mmu.w32(d.at + 4, d.hi | 0x100);
}

/** Loads DS, ES, SS, FS or GS with a selector (MOV, POP). */
export function loadSeg(c: Cpu, seg: number, sel: number): void {
  sel &= 0xffff;
  if ((sel & 0xfffc) === 0) {
    if (seg === SEG_SS && (sel & 3) !== 0) throw new Fault(GP, 0, 0, false, "null SS with RPL ≠ CPL");
    c.seg[seg] = sel;
    if (seg === SEG_FS) c.fsBase = 0;
    else if (seg === SEG_GS) c.gsBase = 0;
    return;
  }
  const d = readDescriptor(c, sel);
  const t = type(d);
  const err = sel & 0xfffc;
  if (!isCodeData(d)) throw new Fault(GP, err, 0, false, "not a code or data segment");
  if (seg === SEG_SS) {
    // RPL and DPL must equal CPL (0).
    if ((sel & 3) !== 0 || (d.hi & 0x6000) !== 0) throw new Fault(GP, err, 0, false, "SS selector RPL or DPL is not CPL");
    if ((t & 8) !== 0 || (t & 2) === 0) throw new Fault(GP, err, 0, false, "SS must be a writable data segment");
    if (!present(d)) throw new Fault(SS, err, 0, false, "stack segment not present");
  } else {
    if ((t & 8) !== 0 && (t & 2) === 0) throw new Fault(GP, err, 0, false, "execute-only code segment");
    if (!present(d)) throw new Fault(NP, err, 0, false, "segment not present");
  }
  setAccessed(c, d);
  c.seg[seg] = sel;
  if (seg === SEG_FS) c.fsBase = base32(d);
  else if (seg === SEG_GS) c.gsBase = base32(d);
}

/** Checks a CS selector for a far transfer and loads it; false (with `c.stop` set) if unsupported. */
function loadCs(c: Cpu, sel: number, at: number): boolean {
  sel &= 0xffff;
  const err = sel & 0xfffc;
  if (err === 0) throw new Fault(GP, 0, 0, false, "null CS");
  const d = readDescriptor(c, sel);
  if (!isCodeData(d) || (type(d) & 8) === 0) throw new Fault(GP, err, 0, false, "CS must be a code segment");
  if (!present(d)) throw new Fault(NP, err, 0, false, "code segment not present");
  if ((sel & 3) !== 0) {
    c.stop = { kind: "exception", vector: 13, errorCode: err, rip: toU64(at), reason: "unsupported: a transfer to CPL 3" };
    return false;
  }
  if ((d.hi & 0x200000) === 0) {
    c.stop = { kind: "exception", vector: 13, errorCode: err, rip: toU64(at), reason: "unsupported: a transfer to a 32-bit code segment (compatibility mode)" };
    return false;
  }
  setAccessed(c, d);
  c.seg[SEG_CS] = sel;
  return true;
}

function rsp(c: Cpu): number {
  return canonical(c.H[4]! * P32 + (c.L[4]! >>> 0), true);
}

function setRsp(c: Cpu, v: number): void {
  c.L[4] = v | 0;
  c.H[4] = Math.floor(v / P32) | 0;
}

/** Reads a stack slot of `size` bytes as a number (8: canonical-or-not, exact below 2^53 in magnitude). */
function slot(c: Cpu, a: number, size: number): [number, number] {
  if (size === 8) {
    const lo = c.mmu.r64(a);
    return [lo, c.T[0]!];
  }
  if (size === 4) return [c.mmu.r32(a), 0];
  return [c.mmu.r16(a), 0];
}

/** LRET (`lretq` with 8-byte slots, `lret` with 4), popping `extra` more bytes. Returns the new RIP. */
export function farReturn(c: Cpu, size: number, extra: number, at: number): number {
  const sp = rsp(c);
  const [rl, rh] = slot(c, sp, size);
  const [sel] = slot(c, canonical(sp + size, true), size);
  const to = size === 8 ? target(rh, rl) : rl >>> 0;
  if (!loadCs(c, sel, at)) return at;
  setRsp(c, sp + 2 * size + extra);
  return to;
}

/** IRETQ (8-byte slots; IRETD 4, IRET 2): RIP, CS, RFLAGS, RSP, SS. Returns the new RIP. */
export function iret(c: Cpu, size: number, at: number): number {
  const sp = rsp(c);
  const at2 = (i: number) => canonical(sp + i * size, true);
  const [rl, rh] = slot(c, at2(0), size);
  const [cs] = slot(c, at2(1), size);
  const [fl] = slot(c, at2(2), size);
  const [sl, sh] = slot(c, at2(3), size);
  const [ss] = slot(c, at2(4), size);
  const to = size === 8 ? target(rh, rl) : rl >>> 0;
  if (!loadCs(c, cs, at)) return at;
  loadSeg(c, SEG_SS, ss);
  const cur = materialize(c);
  const mask = size === 2 ? RFLAGS_WRITABLE & 0xffff : RFLAGS_WRITABLE;
  c.rf = ((cur & ~mask) | (fl & mask) | RFLAGS_FIXED) >>> 0;
  if (size === 8) {
    c.L[4] = sl;
    c.H[4] = sh;
  } else {
    setRsp(c, sl >>> 0);
  }
  c.hooks.onIret?.(BigInt.asUintN(64, BigInt(to)));
  return to;
}

/** JMP m16:64 (or m16:32): offset then selector at `a`. */
export function farJump(c: Cpu, a: number, offSize: number, at: number): number {
  const [ol, oh] = slot(c, a, offSize);
  const sel = c.mmu.r16(a + offSize);
  const to = offSize === 8 ? target(oh, ol) : ol >>> 0;
  if (!loadCs(c, sel, at)) return at;
  return to;
}

/** CALL m16:64: pushes CS and the return RIP (8-byte slots), then jumps. */
export function farCallHelper(c: Cpu, a: number, offSize: number, next: number, at: number): number {
  const [ol, oh] = slot(c, a, offSize);
  const sel = c.mmu.r16(a + offSize);
  const to = offSize === 8 ? target(oh, ol) : ol >>> 0;
  const sp = rsp(c);
  const s1 = canonical(sp - 8, true);
  const s2 = canonical(sp - 16, true);
  c.mmu.probeWrite(s2, 16);
  const oldCs = c.seg[SEG_CS]!;
  if (!loadCs(c, sel, at)) return at;
  c.mmu.w64(s1, oldCs, 0);
  c.mmu.w64(s2, next | 0, Math.floor(next / P32) | 0);
  setRsp(c, s2);
  return to;
}

/** LGDT / LIDT: 2 bytes of limit, 8 of base. */
export function loadTable(c: Cpu, a: number, idt: boolean): void {
  const limit = c.mmu.r16(a);
  const lo = c.mmu.r32(a + 2);
  const hi = c.mmu.r32(a + 6);
  const base = canonical(hi * P32 + (lo >>> 0), false);
  if (idt) {
    c.idtBase = base;
    c.idtLimit = limit;
  } else {
    c.gdtBase = base;
    c.gdtLimit = limit;
  }
}

/** SGDT / SIDT. */
export function storeTable(c: Cpu, a: number, idt: boolean): void {
  const base = idt ? c.idtBase : c.gdtBase;
  c.mmu.probeWrite(a, 10);
  c.mmu.w16(a, idt ? c.idtLimit : c.gdtLimit);
  c.mmu.w64(a + 2, base | 0, Math.floor(base / P32) | 0);
}

/** LTR: an available 64-bit TSS (type 9), marked busy. */
export function loadTr(c: Cpu, sel: number): void {
  sel &= 0xffff;
  const err = sel & 0xfffc;
  if (err === 0) throw new Fault(GP, 0, 0, false, "null TSS selector");
  const d = readDescriptor(c, sel, true);
  if (isCodeData(d) || type(d) !== 9) throw new Fault(GP, err, 0, false, "not an available 64-bit TSS");
  if (!present(d)) throw new Fault(NP, err, 0, false, "TSS not present");
  const upper = c.mmu.r32(d.at + 8);
  c.mmu.w32(d.at + 4, d.hi | 0x200); // busy
  let limit = (d.lo & 0xffff) | (d.hi & 0xf0000);
  if (d.hi & 0x800000) limit = limit * 4096 + 0xfff;
  c.trSel = sel;
  c.trBase = canonical(upper * P32 + base32(d), false);
  c.trLimit = limit;
}

/** LLDT: only a null selector (no LDT) or an LDT descriptor (type 2), which is recorded and unused. */
export function loadLdt(c: Cpu, sel: number): void {
  sel &= 0xffff;
  if ((sel & 0xfffc) === 0) {
    c.ldtSel = 0;
    return;
  }
  const d = readDescriptor(c, sel, true);
  if (isCodeData(d) || type(d) !== 2) throw new Fault(GP, sel & 0xfffc, 0, false, "not an LDT descriptor");
  if (!present(d)) throw new Fault(NP, sel & 0xfffc, 0, false, "LDT not present");
  c.ldtSel = sel;
}

export function swapgs(c: Cpu): void {
  const t = c.gsBase;
  c.gsBase = c.kernelGsBase;
  c.kernelGsBase = t;
}

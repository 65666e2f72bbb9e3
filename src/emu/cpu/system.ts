/**
 * System instructions: the ones that ask the platform (CPUID, RDMSR, WRMSR, WRMSRNS and the MSR
 * immediate forms, IN, OUT, VMCALL, RDTSCP's TSC_AUX), control registers (MOV to/from CR0, CR2, CR3,
 * CR4, CR8; INVLPG; CLTS), the run-ending HLT, interrupt-flag and flag-bit instructions (CLI, STI, CLC,
 * STC, CMC, CLD, STD, LAHF, SAHF), software exceptions (INT3, INT n, UD2), RDTSC, the FSGSBASE
 * instructions and MOV to/from the debug registers (values only). Descriptor tables
 * and segments are in `descriptors.ts`; this file emits their ops too.
 *
 * Instructions that need the platform call a helper with their own address, which the helper makes
 * the CPU's RIP first (the platform reads `regs.rip`, e.g. for the Xen trap policy). WRMSRNS and the
 * immediate forms raise #UD when the profile lacks them (`Platform.has`); an MSR access the platform
 * refuses raises #GP(0).
 *
 * The TSC counts instructions (deterministic runs): completed instructions plus an offset.
 */
import { Code, Mnemonic } from "iced-x86";
import type { Stop } from "../platform.js";
import type { Cpu } from "./cpu.js";
import { OK, type Op, type Operand } from "./decode.js";
import { farCallHelper, farJump, farReturn, iret, loadLdt, loadSeg, loadTable, loadTr, storeTable, swapgs } from "./descriptors.js";
import { numLit, type Gen } from "./emit.js";
import { BP, DB, Fault, gp, ud } from "./fault.js";
import { AF, CF, DF, IF, PF, SF, ZF, materialize } from "./flags.js";
import { CR0_PE, CR0_PG } from "./paging.js";
import type { OpDef } from "./translate.js";
import { P32, SEG_CS, toU64 } from "./values.js";

// ---- MSRs, CPUID, TSC ----

function u64(c: Cpu, r: number): bigint {
  return (BigInt(c.H[r]! >>> 0) << 32n) | BigInt(c.L[r]! >>> 0);
}

function setEdxEax(c: Cpu, v: bigint): void {
  c.L[0] = Number(v & 0xffffffffn) | 0;
  c.H[0] = 0;
  c.L[2] = Number((v >> 32n) & 0xffffffffn) | 0;
  c.H[2] = 0;
}

export function rdmsrHelper(c: Cpu, at: number): void {
  c.pc = at;
  const r = c.platform.rdmsr(c.L[1]! >>> 0, "rdmsr", c.regs);
  if (!r.ok) throw gp(0, `rdmsr 0x${(c.L[1]! >>> 0).toString(16)}`);
  setEdxEax(c, r.value);
}

export function wrmsrHelper(c: Cpu, at: number, ns: boolean): void {
  c.pc = at;
  if (ns && !c.platform.has("wrmsrns")) throw ud("wrmsrns is not on this CPU");
  const msr = c.L[1]! >>> 0;
  const value = (BigInt(c.L[2]! >>> 0) << 32n) | BigInt(c.L[0]! >>> 0);
  const r = c.platform.wrmsr(msr, value, ns ? "wrmsrns" : "wrmsr", c.regs);
  if (!r.ok) throw gp(0, `wrmsr 0x${msr.toString(16)}`);
}

/** `rdmsr $imm32, %r64` and `wrmsrns %r64, $imm32`. */
export function msrImmHelper(c: Cpu, at: number, write: boolean, reg: number, msr: number): void {
  c.pc = at;
  if (!c.platform.has("msr-imm")) throw ud("the MSR immediate forms are not on this CPU");
  if (reg > 15) throw ud("APX registers r16–r31 are not modelled");
  if (write) {
    const r = c.platform.wrmsr(msr, u64(c, reg), "wrmsrns-imm", c.regs);
    if (!r.ok) throw gp(0, `wrmsrns 0x${msr.toString(16)}`);
  } else {
    const r = c.platform.rdmsr(msr, "rdmsr-imm", c.regs);
    if (!r.ok) throw gp(0, `rdmsr 0x${msr.toString(16)}`);
    c.L[reg] = Number(r.value & 0xffffffffn) | 0;
    c.H[reg] = Number((r.value >> 32n) & 0xffffffffn) | 0;
  }
}

export function cpuidHelper(c: Cpu, at: number): void {
  c.pc = at;
  const [a, b, cc, d] = c.platform.cpuid(c.L[0]! >>> 0, c.L[1]! >>> 0);
  c.L[0] = a | 0; c.H[0] = 0;
  c.L[3] = b | 0; c.H[3] = 0;
  c.L[1] = cc | 0; c.H[1] = 0;
  c.L[2] = d | 0; c.H[2] = 0;
}

export function rdtscHelper(c: Cpu, p: boolean): void {
  const t = c.tscOffset + c.completed();
  const v = t >= 0 ? t : Number(BigInt.asUintN(64, BigInt(Math.trunc(t))));
  c.L[0] = v % P32 | 0; c.H[0] = 0;
  c.L[2] = Math.floor(v / P32) | 0; c.H[2] = 0;
  if (p) {
    c.L[1] = (c.platform.tscAux?.() ?? 0) | 0;
    c.H[1] = 0;
  }
}

// ---- I/O, hypercalls, HLT ----

/** The port of IN/OUT: an imm8, or DX. */
function portExpr(o: Operand): string {
  return o.k === OK.Imm ? String(o.lo & 0xff) : `(L[2]&65535)`;
}

export function inHelper(c: Cpu, port: number, size: 1 | 2 | 4): void {
  const v = c.platform.ioRead(port, size);
  if (size === 4) {
    c.L[0] = v | 0;
    c.H[0] = 0;
  } else if (size === 2) c.L[0] = (c.L[0]! & -65536) | (v & 0xffff);
  else c.L[0] = (c.L[0]! & -256) | (v & 0xff);
}

export function outHelper(c: Cpu, at: number, port: number, size: 1 | 2 | 4): void {
  c.pc = at;
  const v = size === 4 ? c.L[0]! >>> 0 : c.L[0]! & (size === 2 ? 0xffff : 0xff);
  const stop = c.platform.ioWrite(port, size, v);
  if (stop) c.stop = stop;
}

export function vmcallHelper(c: Cpu, at: number): void {
  c.pc = at;
  const r = c.platform.vmcall(c.regs);
  if (r === "ud") throw ud("vmcall refused by the platform");
  if (r) c.stop = r;
}

export function hltHelper(c: Cpu, at: number): void {
  const stop: Stop = { kind: "hlt", rip: toU64(at) };
  c.stop = stop;
}

// ---- control registers ----

const CR4_KNOWN = 0x3f77ff; // VME … PKS bits the SDM defines (bit 11 UMIP … bit 24 PKS)

export function writeCr(c: Cpu, n: number, lo: number, hi: number): void {
  switch (n) {
    case 0: {
      if (hi !== 0) throw gp(0, "reserved CR0 bits 63:32");
      const v = lo >>> 0;
      if ((v & CR0_PG) === 0 || (v & CR0_PE) === 0) throw gp(0, "clearing CR0.PG or CR0.PE in 64-bit mode");
      if ((v & 0x20000000) === 0 && (v & 0x40000000) !== 0) throw gp(0, "CR0.NW without CR0.CD");
      const changed = (v ^ c.cr0) & 0x80010000; // PG, WP
      c.cr0 = v | 0;
      if (changed) c.mappingsChanged();
      return;
    }
    case 2:
      c.cr2 = hi * P32 + (lo >>> 0);
      return;
    case 3: {
      if ((hi & 0xfff00000) !== 0 && (hi >>> 31) === 0) throw gp(0, "CR3 beyond MAXPHYADDR");
      c.cr3 = (hi & 0xfffff) * P32 + ((lo & ~0xfff) >>> 0);
      // CR3 = 0 names the identity map the emulator starts with (what a guest reads before it loads
      // its own tables, and writes back to restore them).
      c.paging = c.cr3 !== 0;
      c.mappingsChanged();
      return;
    }
    case 4: {
      if (hi !== 0 || (lo & ~CR4_KNOWN) !== 0) throw gp(0, "reserved CR4 bits");
      if ((lo & 0x20) === 0) throw gp(0, "clearing CR4.PAE in long mode");
      c.cr4 = lo | 0;
      c.mappingsChanged();
      return;
    }
    case 8:
      if (hi !== 0 || (lo & ~15) !== 0) throw gp(0, "reserved CR8 bits");
      c.cr8 = lo & 15;
      return;
    default:
      throw ud(`CR${n} does not exist`);
  }
}

/** Returns the low half of CR n; the high half goes to T[0]. */
export function readCr(c: Cpu, n: number): number {
  let v: number;
  switch (n) {
    case 0: v = c.cr0 >>> 0; break;
    case 2: v = c.cr2; break;
    case 3: v = c.cr3; break;
    case 4: v = c.cr4 >>> 0; break;
    case 8: v = c.cr8; break;
    default: throw ud(`CR${n} does not exist`);
  }
  c.T[0] = Math.floor(v / P32) | 0;
  return v | 0;
}

/** MOV to or from a control register (the GPR is always 64-bit in 64-bit mode). */
export function movCr(g: Gen, op: Op): void {
  const [d, s] = op.o as [Operand, Operand];
  if (d.k === OK.Cr) {
    g.line(`${g.h(writeCr)}(c,${d.reg},L[${s.reg}],H[${s.reg}]);`);
    g.ret(numLit(op.next));
  } else {
    g.line(`const v=${g.pure(readCr)}(c,${s.reg});`);
    g.line(`L[${d.reg}]=v;H[${d.reg}]=T[0];`);
  }
}

/**
 * MOV to or from DR0–DR7 (DR4/DR5 alias DR6/DR7, as with CR4.DE clear). The values are kept and read
 * back; no breakpoint or single-step is modelled.
 */
export function movDr(g: Gen, op: Op): void {
  const [d, s] = op.o as [Operand, Operand];
  const n = (d.k === OK.Dr ? d.reg : s.reg) & 7;
  const idx = n === 4 ? 6 : n === 5 ? 7 : n;
  if (d.k === OK.Dr) g.line(`c.dr[${idx * 2}]=L[${s.reg}];c.dr[${idx * 2 + 1}]=H[${s.reg}];`);
  else g.line(`L[${d.reg}]=c.dr[${idx * 2}];H[${d.reg}]=c.dr[${idx * 2 + 1}];`);
}

/** RDFSBASE, RDGSBASE, WRFSBASE, WRGSBASE: #UD unless CR4.FSGSBASE; a non-canonical base is #GP(0). */
export function fsgsbase(c: Cpu, write: boolean, gs: boolean, reg: number, size: number): void {
  if ((c.cr4 & 0x10000) === 0) throw ud("CR4.FSGSBASE is clear");
  if (write) {
    const v = size === 8 ? c.H[reg]! * P32 + (c.L[reg]! >>> 0) : c.L[reg]! >>> 0;
    if (!(v >= -(2 ** 47) && v < 2 ** 47)) throw gp(0, "non-canonical segment base");
    if (gs) c.gsBase = v;
    else c.fsBase = v;
    return;
  }
  const v = gs ? c.gsBase : c.fsBase;
  c.L[reg] = v | 0;
  c.H[reg] = size === 8 ? Math.floor(v / P32) | 0 : 0;
}

// ---- segments (emitters; the work is in descriptors.ts) ----

export function movToSeg(g: Gen, op: Op): void {
  const [d, s] = op.o as [Operand, Operand];
  if (d.reg === SEG_CS) return g.raise(ud, JSON.stringify("mov to CS"));
  g.rd(s, "v", 2);
  g.line(`${g.h(loadSeg)}(c,${d.reg},v);`);
  g.ret(numLit(op.next));
}

export function movFromSeg(g: Gen, op: Op): void {
  const [d, s] = op.o as [Operand, Operand];
  g.line(`const v=c.seg[${s.reg}];`);
  // To a register: zero-extended to the operand size; to memory: 16 bits.
  g.wr(d, "v", "0", d.k === OK.Mem ? 2 : d.size);
}

export function popSeg(g: Gen, op: Op): void {
  const size = op.stackInc === 2 ? 2 : 8;
  const sp = g.popSlot();
  g.line(`const v=R16(${sp});`);
  g.line(`${g.h(loadSeg)}(c,${op.o[0]!.reg},v);`);
  g.setRsp(`${sp}+${size}`);
  g.ret(numLit(op.next));
}

export function farJmp(g: Gen, op: Op): void {
  const offSize = op.o[0]!.size - 2;
  g.ret(`${g.h(farJump)}(c,${g.addr()},${offSize},${numLit(op.addr)})`);
}

export function farCall(g: Gen, op: Op): void {
  const offSize = op.o[0]!.size - 2;
  g.ret(`${g.h(farCallHelper)}(c,${g.addr()},${offSize},${numLit(op.next)},${numLit(op.addr)})`);
}

// ---- flag instructions ----

function flagOp(expr: (f: string) => string): OpDef {
  return {
    emit(g) {
      g.line(`const f=MAT(c);c.rf=${expr("f")};`);
      g.exact();
    },
  };
}

const plain = (emit: (g: Gen, op: Op) => void, extra: Partial<OpDef> = {}): OpDef => ({ emit, ...extra });

export function sahfHelper(c: Cpu): void {
  const f = materialize(c);
  const ah = (c.L[0]! >> 8) & 0xff;
  const m = SF | ZF | AF | PF | CF;
  c.rf = (f & ~m) | (ah & m);
}

// ---- the ops ----

const sysop = (fn: Function, args: (op: Op) => string, extra: Partial<OpDef> = {}): OpDef => ({
  faults: true,
  ...extra,
  emit(g, op) {
    g.line(`${g.h(fn)}(c${args(op) ? "," + args(op) : ""});`);
    if (extra.ends) g.ret(numLit(op.next));
  },
});

const at = (op: Op) => numLit(op.addr);

const retf: OpDef = {
  faults: true,
  ends: true,
  emit(g, op) {
    const size = op.code === Code.Retfq || op.code === Code.Retfq_imm16 ? 8 : op.code === Code.Retfw || op.code === Code.Retfw_imm16 ? 2 : 4;
    const extra = op.o.length && op.o[0]!.k === OK.Imm ? op.o[0]!.lo & 0xffff : 0;
    g.ret(`${g.h(farReturn)}(c,${size},${extra},${at(op)})`);
  },
};

function iretOp(size: number): OpDef {
  return {
    faults: true,
    ends: true,
    emit(g, op) {
      g.ret(`${g.h(iret)}(c,${size},${at(op)})`);
      g.unknown();
    },
  };
}

/** A selector operand (register or memory, 16 bits). */
const selector = (g: Gen, op: Op) => g.rd(op.o[0]!, "v", 2);

export const systemOps: ReadonlyArray<[Mnemonic, OpDef]> = [
  [Mnemonic.Hlt, sysop(hltHelper, at, { ends: true })],
  [Mnemonic.Cpuid, sysop(cpuidHelper, at)],
  [Mnemonic.Rdtsc, sysop(rdtscHelper, () => "false")],
  [Mnemonic.Rdtscp, sysop(rdtscHelper, () => "true")],
  [Mnemonic.Rdmsr, sysop(rdmsrHelper, at)],
  [Mnemonic.Wrmsr, sysop(wrmsrHelper, (op) => `${at(op)},false`)],
  [Mnemonic.Wrmsrns, sysop(wrmsrHelper, (op) => `${at(op)},true`)],
  [Mnemonic.Vmcall, sysop(vmcallHelper, at, { ends: true })],
  [Mnemonic.In, {
    faults: true,
    emit(g, op) {
      g.line(`${g.h(inHelper)}(c,${portExpr(op.o[1]!)},${op.o[0]!.size});`);
    },
  }],
  [Mnemonic.Out, {
    faults: true,
    ends: true,
    emit(g, op) {
      g.line(`${g.h(outHelper)}(c,${at(op)},${portExpr(op.o[0]!)},${op.o[1]!.size});`);
      g.ret(numLit(op.next));
    },
  }],
  [Mnemonic.Cli, flagOp((f) => `${f}&${~IF}`)],
  [Mnemonic.Sti, flagOp((f) => `${f}|${IF}`)],
  [Mnemonic.Clc, flagOp((f) => `${f}&${~CF}`)],
  [Mnemonic.Stc, flagOp((f) => `${f}|${CF}`)],
  [Mnemonic.Cmc, flagOp((f) => `${f}^${CF}`)],
  [Mnemonic.Cld, plain((g) => g.line(`c.rf&=${~DF};`))],
  [Mnemonic.Std, plain((g) => g.line(`c.rf|=${DF};`))],
  [Mnemonic.Lahf, plain((g) => g.line(`L[0]=(L[0]&-65281)|(((MAT(c)&${SF | ZF | AF | PF | CF})|2)<<8);`))],
  [Mnemonic.Sahf, plain((g) => { g.line(`${g.h(sahfHelper)}(c);`); g.exact(); })],
  [Mnemonic.Int3, plain((g) => g.raise(trapOf, String(BP)), { faults: true, ends: true })],
  [Mnemonic.Int1, plain((g) => g.raise(trapOf, String(DB)), { faults: true, ends: true })],
  [Mnemonic.Int, plain((g, op) => g.raise(trapOf, String(op.o[0]!.lo & 0xff)), { faults: true, ends: true })],
  [Mnemonic.Ud2, plain((g) => g.raise(ud, JSON.stringify("ud2")), { faults: true, ends: true })],
  [Mnemonic.Ud0, plain((g) => g.raise(ud, JSON.stringify("ud0")), { faults: true, ends: true })],
  [Mnemonic.Ud1, plain((g) => g.raise(ud, JSON.stringify("ud1")), { faults: true, ends: true })],
  [Mnemonic.Invlpg, { noAccess: true, faults: false, ends: true, emit(g, op) { g.line(`c.mappingsChanged();`); g.ret(numLit(op.next)); } }],
  [Mnemonic.Clts, plain((g) => g.line(`c.cr0&=-9;`))],
  [Mnemonic.Wbinvd, plain(() => {})],
  [Mnemonic.Invd, plain(() => {})],
  [Mnemonic.Swapgs, plain((g) => g.line(`${g.h(swapgs)}(c);`))],
  [Mnemonic.Lgdt, plain((g) => g.line(`${g.h(loadTable)}(c,${g.addr()},false);`), { ends: true })],
  [Mnemonic.Lidt, plain((g) => g.line(`${g.h(loadTable)}(c,${g.addr()},true);`), { ends: true })],
  [Mnemonic.Sgdt, plain((g) => g.line(`${g.h(storeTable)}(c,${g.addr()},false);`))],
  [Mnemonic.Sidt, plain((g) => g.line(`${g.h(storeTable)}(c,${g.addr()},true);`))],
  [Mnemonic.Ltr, plain((g, op) => { selector(g, op); g.line(`${g.h(loadTr)}(c,v);`); }, { faults: true })],
  [Mnemonic.Lldt, plain((g, op) => { selector(g, op); g.line(`${g.h(loadLdt)}(c,v);`); }, { faults: true })],
  [Mnemonic.Str, plain((g, op) => g.wr(op.o[0]!, "c.trSel", "0", op.o[0]!.k === OK.Mem ? 2 : op.o[0]!.size))],
  [Mnemonic.Sldt, plain((g, op) => g.wr(op.o[0]!, "c.ldtSel", "0", op.o[0]!.k === OK.Mem ? 2 : op.o[0]!.size))],
  [Mnemonic.Rdfsbase, sysop(fsgsbase, (op) => `false,false,${op.o[0]!.reg},${op.o[0]!.size}`)],
  [Mnemonic.Rdgsbase, sysop(fsgsbase, (op) => `false,true,${op.o[0]!.reg},${op.o[0]!.size}`)],
  [Mnemonic.Wrfsbase, sysop(fsgsbase, (op) => `true,false,${op.o[0]!.reg},${op.o[0]!.size}`)],
  [Mnemonic.Wrgsbase, sysop(fsgsbase, (op) => `true,true,${op.o[0]!.reg},${op.o[0]!.size}`)],
  [Mnemonic.Retf, retf],
  [Mnemonic.Iretq, iretOp(8)],
  [Mnemonic.Iretd, iretOp(4)],
  [Mnemonic.Iret, iretOp(2)],
];

/** INT3, INT1, INT n: traps, whose frame saves the next RIP. */
export function trapOf(vector: number): Fault {
  return new Fault(vector, undefined, 0, true, vector === BP ? "int3" : `int 0x${vector.toString(16)}`);
}

/** The def for the MSR immediate forms (decoded by the shim, not iced). */
export const msrImmDef: OpDef = {
  faults: true,
  emit(g, op) {
    const m = op.msr!;
    g.line(`${g.h(msrImmHelper)}(c,${at(op)},${m.op === "wrmsrns"},${m.reg},${m.imm >>> 0});`);
  },
};

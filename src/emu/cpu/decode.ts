/**
 * Decoding: iced-x86 (plus the MSR-immediate shim from `isa/msr-imm.ts`, which iced 1.21 lacks) turns
 * bytes into an `Op`, the compact form the translator works from. This is the only place that talks to
 * iced: everything after it reads plain numbers — GPR numbers 0–15 with a size and a high-byte flag,
 * immediates as two int32 halves, memory operands as base/index/scale/displacement, branch targets as
 * canonical linear addresses. Each `Op` is made once per translated block and then dropped with the
 * block's source text; the translated code keeps only numbers.
 *
 * One iced `Decoder` is made per block, over a window of the code page (plus the first bytes of the next
 * page when the last instruction straddles it), and freed when the block is decoded; one `Instruction`
 * is reused for every decode.
 */
import { Decoder, DecoderError, DecoderOptions, Instruction, MemorySizeExt, Mnemonic, OpKind, Register } from "iced-x86";
import { decodeMsrImm, type MsrImmOp } from "../../isa/msr-imm.js";
import { registers } from "../../isa/registers.js";
import { AF, CF, DF, IF, OF, PF, SF, ZF, AC } from "./flags.js";

export const enum OK {
  Reg = 0,
  Mem = 1,
  Imm = 2,
  Seg = 3,
  Cr = 4,
  /** Registers the core does not model (vector, x87…): the instruction is #UD here. */
  Other = 5,
  /** Debug registers DR0–DR7 (kept as plain values: no breakpoints). */
  Dr = 6,
}

export interface Operand {
  k: OK;
  /** Size in bytes (of the register, the memory operand, or the immediate as iced extends it). */
  size: number;
  /** GPR number 0–15 (with `high` for AH, CH, DH, BH: then 0–3), segment 0–5 (es cs ss ds fs gs), CR n, DR n. */
  reg: number;
  high: boolean;
  /** Immediate value as int32 halves (sign- or zero-extended as the encoding defines). */
  lo: number;
  hi: number;
}

/** Base or index number for RIP-relative addressing (the displacement is then absolute). */
export const RIP_BASE = 16;

export interface MemRef {
  /** GPR number, -1 for none. RIP-relative and absolute forms have no base: `disp` is the address. */
  base: number;
  index: number;
  scale: number;
  /** The displacement (int32), or for base- and index-less forms the whole address. */
  disp: number;
  /** Segment number when FS (4) or GS (5) override the default; -1 otherwise (bases 0 in long mode). */
  seg: number;
  /** Address size: 8, or 4 with the 67 prefix. */
  asize: 4 | 8;
  /** An absolute (or RIP-relative) address that is not canonical: the access raises #GP. */
  nonCanonical: boolean;
}

export interface MsrImm {
  op: MsrImmOp;
  reg: number;
  imm: number;
}

export interface Op {
  /** Linear address (canonical, as a number), length, and the next instruction's address. */
  addr: number;
  len: number;
  next: number;
  mn: Mnemonic;
  /** iced `Code` (the exact form), for the few families that need it. */
  code: number;
  o: Operand[];
  /** The explicit memory operand, if any. */
  m: MemRef | null;
  /** Condition code (iced `ConditionCode`) of Jcc, SETcc, CMOVcc, LOOPcc. */
  cc: number;
  /** Target of a near relative branch (canonical, or `NaN` if not canonical). */
  target: number;
  /** 1: REP/REPE, 2: REPNE. */
  rep: number;
  lock: boolean;
  /** Address size for string instructions and LOOP/JRCXZ (8 or 4). */
  asize: 4 | 8;
  /** Stack pointer change (iced): push/pop width. */
  stackInc: number;
  /** Segment override on the implicit source of string instructions (4 fs, 5 gs, -1). */
  srcSeg: number;
  /** Arithmetic flags (our RFLAGS bits) read and written (written includes undefined). */
  fr: number;
  fw: number;
  bytes: Uint8Array;
  msr: MsrImm | null;
  /** Set when iced rejects the bytes, or they straddle into a page that cannot be fetched. */
  invalid: boolean;
  /** The linear address whose fetch faulted (straddling instruction), or NaN. */
  fetchFault: number;
  /** A direct JMP or CALL whose target the block continues with (superblocks). */
  follow: boolean;
  /** A RET the block continues after, at this predicted return address (NaN: none). */
  predict: number;
}

interface RegFact {
  k: OK;
  size: number;
  reg: number;
  high: boolean;
}

/** iced `Register` → what the core needs, built from the one register table (`isa/registers.ts`). */
const regFacts: RegFact[] = (() => {
  const t: RegFact[] = [];
  for (const r of registers.values()) {
    if (r.cls === "gpr") t[r.iced] = { k: OK.Reg, size: r.size, reg: r.high8 ? r.num - 4 : r.num, high: !!r.high8 };
    else if (r.cls === "seg") t[r.iced] = { k: OK.Seg, size: 2, reg: r.num, high: false };
    else if (r.cls === "cr") t[r.iced] = { k: OK.Cr, size: 8, reg: r.num, high: false };
    else if (r.cls === "dr") t[r.iced] = { k: OK.Dr, size: 8, reg: r.num, high: false };
  }
  return t;
})();

/** GPR number of an iced register, or -1. */
function gprNum(r: Register): number {
  const f = regFacts[r];
  return f !== undefined && f.k === OK.Reg ? f.reg : -1;
}

function regSize(r: Register): number {
  return regFacts[r]?.size ?? 0;
}

/** iced `RflagsBits` → RFLAGS bits. */
function flagBits(b: number): number {
  let f = 0;
  if (b & 1) f |= OF;
  if (b & 2) f |= SF;
  if (b & 4) f |= ZF;
  if (b & 8) f |= AF;
  if (b & 16) f |= CF;
  if (b & 32) f |= PF;
  if (b & 64) f |= DF;
  if (b & 128) f |= IF;
  if (b & 256) f |= AC;
  return f;
}

const CANON = 2 ** 47;

/** A u64 bigint as a canonical linear address, or NaN. */
function canonical(v: bigint): number {
  const s = BigInt.asIntN(64, v);
  return s >= -BigInt(CANON) && s < BigInt(CANON) ? Number(s) : NaN;
}

function imm(v: bigint, size: number): Operand {
  return { k: OK.Imm, size, reg: 0, high: false, lo: Number(BigInt.asIntN(32, v)), hi: Number(BigInt.asIntN(32, v >> 32n)) };
}

function immSize(kind: OpKind, opSize: number): number {
  switch (kind) {
    case OpKind.Immediate8:
    case OpKind.Immediate8_2nd:
      return 1;
    case OpKind.Immediate16:
    case OpKind.Immediate8to16:
      return 2;
    case OpKind.Immediate32:
    case OpKind.Immediate8to32:
      return 4;
    case OpKind.Immediate64:
    case OpKind.Immediate8to64:
    case OpKind.Immediate32to64:
      return 8;
    default:
      return opSize;
  }
}

function blank(addr: number, bytes: Uint8Array): Op {
  return {
    addr, len: bytes.length, next: addr + bytes.length, mn: Mnemonic.INVALID, code: 0, o: [], m: null, cc: 0, target: NaN,
    rep: 0, lock: false, asize: 8, stackInc: 0, srcSeg: -1, fr: 0, fw: 0, bytes, msr: null, invalid: false, fetchFault: NaN,
    follow: false, predict: NaN,
  };
}

/** An op that raises #UD (bytes iced rejects) or #PF (a fetch that faults part-way through). */
export function invalidOp(addr: number, bytes: Uint8Array, fetchFault = NaN): Op {
  const op = blank(addr, bytes);
  op.invalid = true;
  op.fetchFault = fetchFault;
  op.len = Math.max(1, bytes.length);
  op.next = addr + op.len;
  return op;
}

function segNum(r: Register): number {
  if (r === Register.FS) return 4;
  if (r === Register.GS) return 5;
  return -1;
}

/**
 * A decoder over `window` (bytes of code starting at linear address `base`). `decodeAt` decodes one
 * instruction at a window offset; `free` releases iced's memory.
 */
export class BlockDecoder {
  private readonly decoder: Decoder;
  private static ins: Instruction | undefined;

  constructor(private readonly window: Uint8Array, private readonly base: number) {
    this.decoder = new Decoder(64, window, DecoderOptions.None);
  }

  free(): void {
    this.decoder.free();
  }

  /**
   * Decodes the instruction at `off`. Returns `"short"` when the window ends inside the instruction
   * (the caller may retry with more bytes) — iced's NoMoreBytes.
   */
  decodeAt(off: number): Op | "short" {
    const addr = this.base + off;
    const msr = decodeMsrImm(this.window, off);
    if (msr) {
      const op = blank(addr, this.window.subarray(off, off + msr.length));
      op.msr = { op: msr.op, reg: msr.reg, imm: msr.imm };
      return op;
    }
    const d = this.decoder;
    d.position = off;
    d.ip = BigInt.asUintN(64, BigInt(addr));
    const ins = (BlockDecoder.ins ??= new Instruction());
    d.decodeOut(ins);
    if (ins.isInvalid) {
      if (d.lastError === DecoderError.NoMoreBytes) return "short";
      return invalidOp(addr, this.window.subarray(off, off + 1));
    }
    const len = ins.length;
    const op = blank(addr, this.window.subarray(off, off + len));
    op.mn = ins.mnemonic;
    op.code = ins.code;
    op.cc = ins.conditionCode;
    op.lock = ins.hasLockPrefix;
    op.rep = ins.hasRepnePrefix ? 2 : ins.hasRepePrefix || ins.hasRepPrefix ? 1 : 0;
    op.stackInc = ins.stackPointerIncrement;
    op.fr = flagBits(ins.rflagsRead);
    op.fw = flagBits(ins.rflagsModified);
    const n = ins.opCount;
    const op0Size = n > 0 && ins.op0Kind === OpKind.Register ? regSize(ins.op0Register) : n > 0 && ins.op0Kind === OpKind.Memory ? MemorySizeExt.size(ins.memorySize) : 0;
    for (let i = 0; i < n; i++) {
      const kind = ins.opKind(i);
      switch (kind) {
        case OpKind.Register: {
          const f = regFacts[ins.opRegister(i)];
          op.o.push(f ? { k: f.k, size: f.size, reg: f.reg, high: f.high, lo: 0, hi: 0 } : { k: OK.Other, size: 0, reg: 0, high: false, lo: 0, hi: 0 });
          break;
        }
        case OpKind.Memory: {
          op.o.push({ k: OK.Mem, size: MemorySizeExt.size(ins.memorySize), reg: 0, high: false, lo: 0, hi: 0 });
          op.m = this.mem(ins);
          break;
        }
        case OpKind.NearBranch16:
        case OpKind.NearBranch32:
        case OpKind.NearBranch64:
          op.target = canonical(ins.nearBranchTarget);
          break;
        case OpKind.MemorySegRSI:
        case OpKind.MemorySegRDI:
        case OpKind.MemoryESRDI:
          op.asize = 8;
          if (kind === OpKind.MemorySegRSI) op.srcSeg = segNum(ins.memorySegment);
          break;
        case OpKind.MemorySegESI:
        case OpKind.MemorySegEDI:
        case OpKind.MemoryESEDI:
          op.asize = 4;
          if (kind === OpKind.MemorySegESI) op.srcSeg = segNum(ins.memorySegment);
          break;
        case OpKind.MemorySegSI:
        case OpKind.MemorySegDI:
        case OpKind.MemoryESDI:
          return invalidOp(addr, op.bytes); // 16-bit addressing does not exist in 64-bit mode
        default:
          if (kind >= OpKind.Immediate8 && kind <= OpKind.Immediate32to64) op.o.push(imm(ins.immediate(i), immSize(kind, op0Size)));
          else op.o.push({ k: OK.Other, size: 0, reg: 0, high: false, lo: 0, hi: 0 });
      }
    }
    // LOOP and JRCXZ count in RCX or ECX.
    if (op.mn === Mnemonic.Jecxz || ((op.mn === Mnemonic.Loop || op.mn === Mnemonic.Loope || op.mn === Mnemonic.Loopne) && ins.op1Kind === OpKind.Register && ins.op1Register === Register.ECX)) op.asize = 4;
    return op;
  }

  private mem(ins: Instruction): MemRef {
    const base = ins.memoryBase;
    const index = ins.memoryIndex;
    const dispU = ins.memoryDisplacement;
    const seg = segNum(ins.segmentPrefix);
    const asize: 4 | 8 = regSize(base) === 4 || regSize(index) === 4 || base === Register.EIP ? 4 : 8;
    const m: MemRef = { base: -1, index: -1, scale: ins.memoryIndexScale, disp: 0, seg, asize, nonCanonical: false };
    if (base === Register.RIP || base === Register.EIP || (base === Register.None && index === Register.None)) {
      // RIP-relative or absolute: iced has already added RIP; the address is a constant.
      const v = asize === 4 ? dispU & 0xffffffffn : dispU;
      const a = canonical(v);
      m.nonCanonical = Number.isNaN(a);
      m.disp = m.nonCanonical ? 0 : a;
      return m;
    }
    m.base = base === Register.None ? -1 : gprNum(base);
    m.index = index === Register.None ? -1 : gprNum(index);
    m.disp = Number(BigInt.asIntN(32, dispU));
    return m;
  }
}


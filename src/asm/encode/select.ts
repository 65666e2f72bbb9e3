/**
 * Choosing the form: which iced `Code` GNU as 2.40 would pick for an AT&T instruction.
 *
 * GNU walks its template table in order and takes the first template whose operand types fit, after
 * sizing the immediate and displacement as small as the known values allow. Expressed over iced's
 * forms, that becomes a ranking of every form that fits:
 *
 *  1. operation size: the suffix, else the register operands; with neither, 64 bits for the stack and
 *     branch instructions that default to it, else 32 bits (GNU warns "using default"), else an error;
 *  2. for two general registers, the `MR` direction (`89 /r`, `01 /r`): GNU's templates put the
 *     store direction first; `{load}` or a `.s` suffix asks for the other;
 *  3. the narrowest immediate that represents the value (`83 /0 ib` before `81 /0 id`; `d1` for a
 *     shift by 1; `c7 /0 id` before `b8+r io` for a 64-bit move);
 *  4. at equal width, the accumulator or `+r` short forms (`05 id`, `b8+r id`, `90+r`);
 *  5. operands in the order written, before the swapped order (`xchg`, `test` are commutative);
 *  6. iced's order, which lists the documented encoding before its aliases.
 */
import { OpCodeOperandKind as K } from "iced-x86";
import type { Operand } from "../ast.js";
import type { Form } from "../../isa/forms.js";
import { gprKindSize } from "../../isa/forms.js";
import type { Known } from "./types.js";
import { fitsS32, fitsS8, fitsSext8, norm } from "./values.js";

type Mem = Extract<Operand, { kind: "mem" }>;

export interface Candidate {
  forms: readonly Form[];
  /** Operation size from the suffix or the name, if any. */
  size?: number;
  srcSize?: number;
  far?: boolean;
  abs64?: boolean;
}

export interface Selection {
  form: Form;
  /** For each form operand (Intel order): the AT&T operand index, or −1 for an implied operand. */
  map: number[];
}

export interface SelectContext {
  operands: readonly Operand[];
  values: readonly (Known | undefined)[];
  bits: 64 | 32;
  /** `{load}` / `.s`: prefer the register-to-register form with the destination in ModRM.reg. */
  load: boolean;
  /** Whether an `addr32` prefix was given (32-bit addressing in 64-bit code). */
  addr32: boolean;
}

/**
 * An immediate as 32-bit code reads it: a value that fits 32 bits, sign-extended from them; a wider
 * one cut to its low 32 bits, unsigned (as GNU as does).
 */
export function to32(v: bigint): bigint {
  return v >= -(1n << 31n) && v < 1n << 32n ? BigInt.asIntN(32, v) : BigInt.asUintN(32, v);
}

/** An immediate's value as the code's mode reads it (see `to32`; 64-bit code: as a signed 64-bit number). */
export function codeValue(v: bigint, bits: 64 | 32): bigint {
  return bits === 32 ? to32(v) : norm(v);
}

/** The memory operands of the string instructions and `xlat`. */
const STRING_MEMORY = new Set<K>([K.es_rDI, K.seg_rSI, K.seg_rDI, K.seg_rBX_al]);
/** Kinds of implied operands that AT&T lets the programmer leave out. */
const OMITTABLE = new Set<K>([K.es_rDI, K.seg_rSI, K.seg_rDI, K.seg_rBX_al, K.imm8_const_1]);
const ACC = new Set<K>([K.al, K.ax, K.eax, K.rax]);
/** Instructions whose accumulator or port operand is implied when left out (`in $0x60`, `stosb`, `insb`). */
const IMPLIED_ACC = /^(in|out|ins[bwd]|outs[bwd]|lods[bwdq]|stos[bwdq]|scas[bwdq])$/;
/** `shld %esi, %edi` shifts by an implied `%cl`. */
const IMPLIED_CL = /^sh[lr]d$/;

function omittable(k: K, f: Form): boolean {
  if (OMITTABLE.has(k)) return true;
  if (ACC.has(k)) return IMPLIED_ACC.test(f.mnemonic);
  if (k === K.dx) return /^(ins|outs)[bwd]$/.test(f.mnemonic);
  return k === K.cl && IMPLIED_CL.test(f.mnemonic);
}

const REG_ONLY: Partial<Record<K, string>> = { [K.al]: "al", [K.cl]: "cl", [K.ax]: "ax", [K.dx]: "dx", [K.eax]: "eax", [K.rax]: "rax",
  [K.es]: "es", [K.cs]: "cs", [K.ss]: "ss", [K.ds]: "ds", [K.fs]: "fs", [K.gs]: "gs" };

function isPortDx(op: Operand): boolean {
  return op.kind === "mem" && op.base?.name === "dx" && !op.index && !op.disp && !op.seg;
}

function immBytes(k: K): number {
  switch (k) {
    case K.imm8_const_1: return 0;
    case K.imm8: case K.imm8sex16: case K.imm8sex32: case K.imm8sex64: return 1;
    case K.imm16: return 2;
    case K.imm32: case K.imm32sex64: return 4;
    case K.imm64: return 8;
    default: return 0;
  }
}

function strBase(m: Mem, names: readonly string[]): boolean {
  return !m.index && !m.disp && !!m.base && names.includes(m.base.name);
}

/** Whether AT&T operand `op` (with value `val`) fits form operand kind `k` of form `f`. */
function fits(k: K, op: Operand, val: Known | undefined, f: Form, ctx: SelectContext, c: Candidate): boolean {
  const sized = c.size !== undefined || ctx.operands.some((o) => o.kind === "reg" && o.reg.cls === "gpr");
  const gs = gprKindSize(k);
  if (gs !== undefined && !ACC.has(k)) {
    if (op.kind === "reg") return op.reg.cls === "gpr" && op.reg.size === gs;
    // r*_reg / r*_rm / r*_opcode are register-only.
    if (op.kind === "mem") return (k === K.r8_or_mem || k === K.r16_or_mem || k === K.r32_or_mem || k === K.r64_or_mem
      || k === K.r32_or_mem_mpx || k === K.r64_or_mem_mpx || k === K.r16_reg_mem || k === K.r32_reg_mem || k === K.r64_reg_mem) && !isPortDx(op);
    return false;
  }
  const fixed = REG_ONLY[k];
  if (fixed !== undefined) {
    if (k === K.dx && isPortDx(op)) return true;
    return op.kind === "reg" && op.reg.name === fixed;
  }
  switch (k) {
    case K.seg_reg: return op.kind === "reg" && op.reg.cls === "seg";
    case K.cr_reg: return op.kind === "reg" && op.reg.cls === "cr";
    case K.dr_reg: return op.kind === "reg" && op.reg.cls === "dr";
    case K.mm_reg: case K.mm_rm: return op.kind === "reg" && op.reg.cls === "mmx";
    case K.mm_or_mem: return (op.kind === "reg" && op.reg.cls === "mmx") || (op.kind === "mem" && !isPortDx(op));
    case K.xmm_reg: case K.xmm_rm: return op.kind === "reg" && op.reg.cls === "xmm" && op.reg.num < 16;
    case K.xmm_or_mem: return (op.kind === "reg" && op.reg.cls === "xmm" && op.reg.num < 16) || (op.kind === "mem" && !isPortDx(op));
    case K.mem: return op.kind === "mem" && !isPortDx(op);
    case K.mem_offs: {
      if (op.kind !== "mem" || op.base || op.index) return false;
      if (c.abs64 || ctx.bits === 32 || ctx.addr32) return true;
      // In 64-bit code GNU uses moffs only for an address that no disp32 can reach.
      return val !== undefined && val.known && !fitsS32(norm(val.value));
    }
    case K.seg_rSI: return op.kind === "mem" && strBase(op, ctx.bits === 64 ? ["rsi", "esi"] : ["esi"]);
    case K.seg_rDI: return op.kind === "mem" && strBase(op, ctx.bits === 64 ? ["rdi", "edi"] : ["edi"]);
    case K.es_rDI:
      return op.kind === "mem" && strBase(op, ctx.bits === 64 ? ["rdi", "edi"] : ["edi"]) && (!op.seg || op.seg.name === "es");
    case K.seg_rBX_al: return op.kind === "mem" && strBase(op, ctx.bits === 64 ? ["rbx", "ebx"] : ["ebx"]);
    case K.imm8_const_1: return op.kind === "imm" && val !== undefined && val.known && codeValue(val.value, ctx.bits) === 1n;
    case K.imm8: case K.imm16: case K.imm32: case K.imm64: {
      if (op.kind !== "imm") return false;
      if (k === K.imm64 || !val?.known) return true;
      const bytes = k === K.imm8 ? 1 : k === K.imm16 ? 2 : 4;
      // An immediate of the operation's size, with the size given (suffix or register), is truncated
      // to the field with a warning, as GNU does (`andb $256, %al`); any other must fit its field:
      // a shift count or bit number (`shll $256, %eax`), a port of `inl`, `ret`'s byte count, or a
      // value with no size to go by (`push $0x80000000`).
      if (sized && f.size === bytes) return true;
      let v = codeValue(val.value, ctx.bits);
      // GNU reads the value at 32 bits and then, for a word operation, at 16, each time only if it
      // fits: `shll $0xffffffff` and `shlw $0xffffffff` count −1 and fit a byte; `shlw $0x1ffff` does not.
      // (32-bit code keeps only the low 32 bits of any value: `int $0xffffffff` is `int $0xff`
      // there, `lretl $0x100000000` returns 0 bytes, and `int $0x1ffffffff` asks for 0xffffffff.)
      if (ctx.bits === 64 && sized && f.size > 0 && f.size < 8 && v >= -(1n << 31n) && v < 1n << 32n) v = BigInt.asIntN(32, v);
      if (sized && f.size === 2 && v >= -(1n << 15n) && v < 1n << 16n) v = BigInt.asIntN(16, v);
      const bits = BigInt(bytes * 8);
      return v >= -(1n << (bits - 1n)) && v < 1n << bits;
    }
    case K.imm8sex16: return op.kind === "imm" && !!val?.known && fitsSext8(codeValue(val.value, ctx.bits), 2);
    case K.imm8sex32: return op.kind === "imm" && !!val?.known && fitsSext8(codeValue(val.value, ctx.bits), 4);
    case K.imm8sex64: return op.kind === "imm" && !!val?.known && fitsS8(codeValue(val.value, ctx.bits));
    case K.imm32sex64: return op.kind === "imm" && (!val?.known || fitsS32(codeValue(val.value, ctx.bits)));
    default:
      return false;
  }
}

/** Whether form `f` can take the AT&T operands `order` (Intel order); fills `map`. */
function matchForm(f: Form, order: readonly number[], ctx: SelectContext, c: Candidate, map: number[]): boolean {
  const ops = f.ops;
  const n = order.length;
  if (n === ops.length) return matchSkipping(f, order, ctx, c, map, 0);
  // Fewer operands written: some omittable ones are left out — all of them (`lodsl`), or only some
  // (`lodsl %fs:(%rsi)` leaves out the accumulator, not the source). Each choice is tried in turn.
  let omittableMask = 0;
  for (let i = 0; i < ops.length; i++) if (omittable(ops[i]!, f)) omittableMask |= 1 << i;
  const toSkip = ops.length - n;
  const all = toSkip === popcount(omittableMask);
  // Leaving out only some: never a string operand in memory (`stosq %rax`, `movsq %fs:(%rsi)` are
  // errors), and `ins`/`outs` take both operands or none (GNU: "number of operands mismatch").
  if (!all && /^(ins|outs)/.test(f.mnemonic)) return false;
  for (let skip = omittableMask; skip > 0; skip = (skip - 1) & omittableMask) {
    if (popcount(skip) !== toSkip) continue;
    if (!all && ops.some((k, i) => skip & (1 << i) && STRING_MEMORY.has(k))) continue;
    if (matchSkipping(f, order, ctx, c, map, skip)) return true;
  }
  return false;
}

/** `matchForm` with the form operands in `skip` (a bit per operand) left out. */
function matchSkipping(f: Form, order: readonly number[], ctx: SelectContext, c: Candidate, map: number[], skip: number): boolean {
  const ops = f.ops;
  let j = 0;
  for (let i = 0; i < ops.length; i++) {
    if (skip & (1 << i)) {
      map[i] = -1;
      continue;
    }
    const a = order[j++]!;
    if (!fits(ops[i]!, ctx.operands[a]!, ctx.values[a], f, ctx, c)) return false;
    map[i] = a;
  }
  map.length = ops.length;
  return true;
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}

interface Scored { sel: Selection; rank: number[] }

function rank(f: Form, map: readonly number[], ctx: SelectContext, swapped: boolean): number[] {
  let dir = 0;
  let imm = 0;
  let short = 1;
  const ops = f.ops;
  for (let i = 0; i < ops.length; i++) {
    const k = ops[i]!;
    imm += immBytes(k);
    if (ACC.has(k) || k === K.r8_opcode || k === K.r16_opcode || k === K.r32_opcode || k === K.r64_opcode) short = 0;
  }
  // Two general registers: GNU's store-direction templates come first.
  if (ops.length >= 2 && map[0]! >= 0 && map[1]! >= 0) {
    const a0 = ctx.operands[map[0]!]!;
    const a1 = ctx.operands[map[1]!]!;
    if (a0.kind === "reg" && a1.kind === "reg" && a0.reg.cls === "gpr" && a1.reg.cls === "gpr") {
      const rmFirst = ops[0] === K.r8_or_mem || ops[0] === K.r16_or_mem || ops[0] === K.r32_or_mem || ops[0] === K.r64_or_mem;
      const regFirst = ops[1] === K.r8_or_mem || ops[1] === K.r16_or_mem || ops[1] === K.r32_or_mem || ops[1] === K.r64_or_mem;
      if (ctx.load ? rmFirst : regFirst) dir = 1;
    }
  }
  // SSE moves: a memory operand goes to the xmm form (`movq (%rax), %xmm0` = f3 0f 7e), not the
  // general-register one (66 REX.W 0f 6e).
  let gprMem = 0;
  if (ops.some((k) => k === K.xmm_reg || k === K.mm_reg)) {
    for (let i = 0; i < ops.length; i++) if (gprKindSize(ops[i]!) !== undefined && ctx.operands[map[i]!]?.kind === "mem") gprMem = 1;
  }
  return [dir, gprMem, imm, short, swapped ? 1 : 0, f.code];
}

function better(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

export type SelectResult = Selection | { error: "A031" | "A034"; message: string };

/** Picks the form for the operands among the candidate's forms. */
export function selectForm(c: Candidate, ctx: SelectContext, mnemonic: string): SelectResult {
  const n = ctx.operands.length;
  // A `q` suffix names a 64-bit operation, which 32-bit code does not have (`sysretq`, `pushq`).
  if (ctx.bits === 32 && c.size === 8) return { error: "A031", message: `\`${mnemonic}' is only supported in 64-bit mode` };
  // AT&T writes operands source first; iced lists them destination first. `enter` is the exception.
  const forward = [...Array(n).keys()];
  const orders: number[][] = [/^enter[wlq]?$/.test(mnemonic) ? forward : forward.slice().reverse()];
  // `xchg` and `test` are commutative, but an immediate is written first (`test %rax, $1` is an error).
  if (n === 2 && /^(xchg|test)/.test(mnemonic) && ctx.operands[1]!.kind !== "imm") orders.push([0, 1]);
  // `movsb`/`movsl`/`cmpsq` … are string instructions: iced files them with SSE `movsd`/`cmpsd`.
  const stringOnly = /^(movs|cmps)[bwlq]$/.test(mnemonic);
  const matches: Scored[] = [];
  for (const f of c.forms) {
    if (!(ctx.bits === 64 ? f.mode64 : f.mode32)) continue;
    if (stringOnly && f.ops.some((k) => k === K.xmm_reg || k === K.xmm_rm || k === K.xmm_or_mem)) continue;
    if (c.far !== undefined && f.far !== c.far && f.mnemonic !== "retf") continue;
    if (c.far === undefined && f.far) continue;
    if (c.abs64 && !f.ops.some((k) => k === K.imm64 || k === K.mem_offs)) continue;
    if (c.size !== undefined && f.size !== 0 && f.size !== c.size) continue;
    if (c.srcSize !== undefined && gprKindSize(f.ops[1] ?? K.None) !== c.srcSize) continue;
    if (f.addrSize !== 0 && f.addrSize !== (ctx.addr32 ? 4 : ctx.bits / 8)) continue;
    orders.forEach((order, oi) => {
      const map: number[] = [];
      if (matchForm(f, order, ctx, c, map)) matches.push({ sel: { form: f, map }, rank: rank(f, map, ctx, oi > 0) });
    });
  }
  if (matches.length === 0) return { error: "A031", message: `operands do not match any form of \`${mnemonic}'` };
  let pool = matches;
  if (c.size === undefined) {
    const sizes = new Set(matches.map((m) => m.sel.form.size).filter((s) => s !== 0));
    if (sizes.size > 1) {
      // No suffix and no register operand to size the instruction by.
      let size: number | undefined;
      if (ctx.bits === 64 && sizes.has(8) && matches.some((m) => m.sel.form.d64 && m.sel.form.size === 8)) size = 8;
      else if (sizes.has(4)) size = 4;
      if (size === undefined) {
        return { error: "A034", message: `no instruction mnemonic suffix given and no register operands; can't size \`${mnemonic}'` };
      }
      pool = matches.filter((m) => m.sel.form.size === size || m.sel.form.size === 0);
    }
  }
  let best = pool[0]!;
  for (const m of pool) if (better(m.rank, best.rank)) best = m;
  return best.sel;
}

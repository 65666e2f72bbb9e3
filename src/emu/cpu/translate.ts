/**
 * Translation: a basic block of guest code becomes one JavaScript function.
 *
 * Why translate instead of interpreting decoded records: on these machines a switch over pre-decoded
 * records reached ~55 MIPS on a loop of 64-bit ALU instructions (halves in `Int32Array`s, lazy flags),
 * the same loop as straight-line JavaScript ~220–320 MIPS (prototypes measured before this file was
 * written). A block function has no dispatch between instructions, constant register numbers and
 * immediates that TurboFan folds, and flags that a later instruction of the block overwrites are never
 * recorded (liveness below).
 *
 * A block runs from its first instruction to the first that ends it: a control transfer, an instruction
 * that changes state the translation depends on (CR writes, INVLPG, HLT, OUT…), the end of its first
 * page (an instruction may straddle into the next), or 64 instructions. It returns the next RIP.
 *
 *     function (c, max) {                   // c: the Cpu
 *       const L = c.L, H = c.H, F = c.F, X = c.X, T = c.T;
 *       X[0] = 0;                           // before each instruction that may fault: its index
 *       { …instruction 0… }
 *       { …instruction 1… }
 *       return 0x1010;                      // or the branch's `cond ? target : next`
 *     }
 *
 * When an instruction faults, the exception propagates out of the function; the run loop reads X[0]
 * to learn which instruction it was (and so its RIP), and that all before it completed.
 *
 * A block whose last instruction branches back to its own start (a tight loop: `1: … dec; jnz 1b`)
 * wraps its body in `for (;;)`: the taken branch continues the loop, at most `max` iterations (the
 * run loop's remaining step budget), and X[1] counts the iterations for the step count. Each
 * iteration also checks that the block is still valid (a store may have overwritten its code).
 *
 * Blocks are cached per linear address (see `Cpu`) and registered on the physical pages their bytes
 * came from; a write to those bytes drops them (`memory/physical.ts`).
 */
import { Mnemonic } from "iced-x86";
import type { Page, CodeRange } from "../memory/physical.js";
import { PAGE_SIZE } from "../memory/physical.js";
import { BlockDecoder, invalidOp, type Op } from "./decode.js";
import { Gen, helperTable, VALID, WB } from "./emit.js";
import { Fault, UD } from "./fault.js";
import { ARITH, carry, cond, materialize } from "./flags.js";
import { canonical, ea1, ea2, ea32, nonCanonical, target, type Mmu } from "./mmu.js";

export interface OpDef {
  emit(g: Gen, op: Op): void;
  /** May raise an exception without an explicit memory operand (or always has one that may fault). */
  faults?: boolean | ((op: Op) => boolean);
  /** Ends the block after it. */
  ends?: boolean | ((op: Op) => boolean);
  /**
   * Records its flags through `Gen.lazy` (all six, or all but CF for INC/DEC, which then read CF): it
   * reads no flags it does not declare. Every other flag writer materializes and so reads all of them.
   */
  lazy?: boolean;
  /** Flags a lazy writer reads beyond what iced reports (INC/DEC: CF). */
  reads?: number;
  /** The memory operand is not accessed (LEA, NOP r/m): it cannot fault. */
  noAccess?: boolean;
}

/** The def of every decoded op: the families' table, with the MSR-immediate forms and #UD folded in. */
export type DefOf = (op: Op) => OpDef;

/** Marks a block and every range of its bytes invalid (its pages prune the ranges on their next write). */
export function dropBlock(b: Block): void {
  b.valid = false;
  for (const r of b.ranges) r.valid = false;
}

export interface Block {
  /** Linear address of the first instruction. */
  addr: number;
  /** Number of instructions. */
  n: number;
  /** Address of each instruction, and of the one after it. */
  addrs: number[];
  nexts: number[];
  ops: Op[];
  /** Returns the next RIP. A loop block runs at most `max` iterations and leaves the count in X[1]. */
  fn: (c: unknown, max: number) => number;
  /** The block loops inside its function (its last instruction branches back to its start). */
  loop: boolean;
  valid: boolean;
  /** The Cpu's mapping epoch when the block's pages were last checked (CR3 writes, INVLPG). */
  epoch: number;
  /** Linear page numbers the block was fetched from, with their physical pages then. */
  vpns: number[];
  pages: Page[];
  /** Its bytes as registered on the pages (dropped together). */
  ranges: CodeRange[];
  /** Starts at a breakpoint (`hooks.onBreakpoint` on entry). */
  watched: boolean;
  /** Successor cache (the run loop's chaining). */
  link0: Block | null;
  link1: Block | null;
}

/** What the translator needs of the Cpu. */
export interface TranslateHost {
  mmu: Mmu;
  epoch: number;
  registerCode(page: Page, range: CodeRange): void;
}

export const MAX_BLOCK = 64;

/** The standard names every block function can use. */
function standard(mmu: Mmu): Record<string, unknown> {
  return {
    R8: mmu.r8, R16: mmu.r16, R32: mmu.r32, R64: mmu.r64,
    W8: mmu.w8, W16: mmu.w16, W32: mmu.w32, W64: mmu.w64, PW: mmu.probeWrite,
    EA1: ea1, EA2: ea2, EA32: ea32, CAN: canonical, TGT: target,
    CANFAIL: (stack: boolean) => { throw nonCanonical(stack); },
    COND: cond, CARRY: carry, MAT: materialize,
  };
}
const STANDARD_NAMES = ["R8", "R16", "R32", "R64", "W8", "W16", "W32", "W64", "PW", "EA1", "EA2", "EA32", "CAN", "TGT", "CANFAIL", "COND", "CARRY", "MAT"];

/** `ALTERNATOR_DUMP_BLOCKS=1` prints every block's source to stderr (debugging the translator). */
const DUMP = typeof process !== "undefined" && !!process.env.ALTERNATOR_DUMP_BLOCKS;

/** Compiled factories by source text: a block translated again (after a write, or on another Cpu) reuses it. */
const factories = new Map<string, Function>();

/**
 * Register caching: the emitters write `L[n]`, `H[n]` (the register file) and `F[n]` (the lazy flags
 * record) with constant n; in the block function each of them the block touches lives in a local
 * (`L3`, `H3`, `F1`) instead, so that TurboFan keeps it in a machine register — across the iterations
 * of a loop block too, where a compare's record then costs nothing until the loop exits. The locals
 * go back to the arrays
 *   - before every `return` (the `WB` marks),
 *   - before a statement that calls a runtime helper (`h…`: helpers read and write `c.L`, `c.H`,
 *     `c.F`), and are reloaded after it; around a flags-only helper (`p…`, MAT, COND, CARRY) only the
 *     flags are,
 *   - when an exception leaves the function (a `catch` around the body) — unless it leaves from inside
 *     a helper, which then has the arrays (`wb` is false while it runs: a REP MOVSB that faults has
 *     already counted its progress in RCX/RSI/RDI there).
 * Every instruction writes its registers and flags after its last access that can fault, so the
 * locals hold exactly the state of the faulting instruction's start.
 */
function cacheState(lines: readonly string[], loop: boolean, loopCounter: boolean): string {
  const ref = /\b([LHF])\[(\d+)\]/g;
  const used = new Set<string>();
  const out = lines.map((l) =>
    l.replace(ref, (_m, a: string, n: string) => {
      const v = `${a}${n}`;
      used.add(v);
      return v;
    }),
  );
  // Loop blocks keep the iteration count in `it`; a fault or a helper (RDTSC) reads it from X[1].
  const itDecl = loop ? "let it=0;" : loopCounter ? "const it=0;" : "";
  const syncIt = loop ? "X[1]=it;" : "";
  const wrap = (b: string) => (loop ? `for(;;){\n${b}\n}` : b);
  if (used.size === 0) {
    const b = out.join("\n").split(WB).join("");
    return loop ? `${itDecl}\ntry{\n${wrap(b)}\n}catch(e){X[1]=it;throw e;}` : `${itDecl}\n${b}`;
  }
  const names = [...used].sort();
  const assigned = new Set<string>();
  for (const m of out.join("\n").matchAll(/\b([LHF]\d+)=(?!=)/g)) assigned.add(m[1]!);
  const arr = (v: string) => `${v[0]}[${v.slice(1)}]`;
  const store = (vs: string[]) => vs.filter((v) => assigned.has(v)).map((v) => `${arr(v)}=${v};`).join("");
  const load = (vs: string[]) => vs.map((v) => `${v}=${arr(v)};`).join("");
  const flags = names.filter((v) => v[0] === "F");
  const writeBack = store(names);
  const reloadAll = load(names);
  const flagsBack = store(flags);
  const reloadFlags = load(flags);
  const helper = /\bh\d+\(/;
  const flagHelper = /\b(p\d+|MAT|COND|CARRY)\(/;
  const body = out
    .map((l) => {
      if (helper.test(l)) return `${syncIt}${writeBack}wb=false;\n${l.split(WB).join("")}\nwb=true;${reloadAll}`;
      if (flags.length && flagHelper.test(l)) return `${flagsBack}\n${l.split(WB).join(writeBack)}\n${reloadFlags}`;
      return l.split(WB).join(writeBack);
    })
    .join("\n");
  return `let ${names.map((v) => `${v}=${arr(v)}`).join(",")},wb=true;${itDecl}\ntry{\n${wrap(body)}\n}catch(e){${syncIt}if(wb){${writeBack}}throw e;}`;
}

function compile(body: string, used: ReadonlyMap<string, number>, mmu: Mmu): (c: unknown, max: number) => number {
  const hs = [...used].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const pre = `const {${STANDARD_NAMES.join(",")}}=S;` + (hs.length ? `const ${hs.map(([name, i]) => `${name}=HS[${i}]`).join(",")};` : "");
  const text = `"use strict";${pre}\nreturn (function blk(c,max){const L=c.L,H=c.H,F=c.F,X=c.X,T=c.T;\n${body}\n});`;
  if (DUMP) console.error(text);
  let f = factories.get(text);
  if (f === undefined) {
    f = new Function("S", "HS", text);
    // Bounded: code that is translated once (raw-mode cases) must not accumulate.
    if (factories.size >= 4096) factories.clear();
    factories.set(text, f);
  }
  return f(standard(mmu), helperTable()) as (c: unknown, max: number) => number;
}

function faultsOf(op: Op, def: OpDef): boolean {
  if (op.invalid || op.msr) return true;
  if (op.m !== null && !def.noAccess) return true;
  const f = def.faults;
  return typeof f === "function" ? f(op) : !!f;
}

function endsOf(op: Op, def: OpDef): boolean {
  if (op.invalid) return true;
  const e = def.ends;
  return typeof e === "function" ? e(op) : !!e;
}

/** The op raising the fault an undecodable or unfetchable instruction gets. */
const invalidDef: OpDef = {
  faults: true,
  ends: true,
  emit(g, op) {
    if (!Number.isNaN(op.fetchFault)) g.line(`throw c.fetchFault(${op.fetchFault});`);
    else g.raise(undefinedOp, `${JSON.stringify(opName(op))}`);
  },
};

function undefinedOp(what: string): Fault {
  return new Fault(UD, undefined, 0, false, what);
}

export function opName(op: Op): string {
  if (op.invalid) return `invalid instruction (${[...op.bytes].map((b) => b.toString(16).padStart(2, "0")).join(" ")})`;
  if (op.msr) return op.msr.op;
  return (Mnemonic[op.mn] ?? `mnemonic ${op.mn}`).toLowerCase();
}

/** A piece of a page a block's bytes came from: `[start, end)` in page offsets. */
export interface Segment {
  vpn: number;
  page: Page;
  start: number;
  end: number;
}

/** How a run of straight-line decoding ended. */
type RunEnd = "ends" | "page" | "max" | "stop";

/**
 * Decodes straight-line instructions from `pc` to the end of its page (an instruction may straddle
 * into the next), at most `max`, appending ops and the segments their bytes came from.
 */
function decodeRun(host: TranslateHost, pc: number, max: number, defOf: DefOf, ops: Op[], segs: Segment[], stops: ReadonlySet<number>): RunEnd {
  const first = host.mmu.fetch(pc);
  const startOff = first.off;
  const vpn0 = Math.floor(pc / PAGE_SIZE);
  const seg: Segment = { vpn: vpn0, page: first.page, start: startOff, end: startOff };
  segs.push(seg);
  const dec = new BlockDecoder(first.page.u8.slice(startOff), pc);
  let n = 0;
  try {
    let off = 0;
    for (;;) {
      if (n >= max) return "max";
      // A breakpoint starts a block of its own.
      if (stops.size && (ops.length > 0 || n > 0) && stops.has(pc + off)) return "stop";
      let op = dec.decodeAt(off);
      if (op === "short") {
        // The instruction runs into the next page: decode it again over both pages' bytes.
        const rest = first.page.u8.subarray(startOff + off);
        seg.end = PAGE_SIZE;
        let next: { page: Page; off: number };
        try {
          next = host.mmu.fetch((vpn0 + 1) * PAGE_SIZE);
        } catch (e) {
          if (!(e instanceof Fault)) throw e;
          ops.push(invalidOp(pc + off, rest.slice(), e.address));
          return "stop";
        }
        const both = new Uint8Array(rest.length + 15);
        both.set(rest);
        both.set(next.page.u8.subarray(0, 15), rest.length);
        const d2 = new BlockDecoder(both, pc + off);
        try {
          const op2 = d2.decodeAt(0);
          op = op2 === "short" ? invalidOp(pc + off, rest.slice()) : op2;
        } finally {
          d2.free();
        }
        op.bytes = op.bytes.slice();
        ops.push(op);
        segs.push({ vpn: vpn0 + 1, page: next.page, start: 0, end: op.len - rest.length });
        return "stop";
      }
      op.bytes = op.bytes.slice();
      ops.push(op);
      n++;
      off += op.len;
      seg.end = startOff + off;
      if (op.invalid) return "stop";
      if (endsOf(op, defOf(op))) return "ends";
      if (startOff + off >= PAGE_SIZE) return "page";
    }
  } finally {
    dec.free();
  }
}

/**
 * Decodes the block at `addr` (canonical), up to `max` instructions. Throws the fetch fault when not
 * even the first byte can be fetched.
 *
 * A block follows direct JMPs and CALLs into their targets (a superblock: no dispatch between a call
 * and its callee), and a RET of a call it followed continues at the return address it predicts —
 * the translated RET checks the popped address and leaves the block when the guess is wrong.
 * Targets are followed once each, and only when their page can be fetched.
 */
export function decodeBlock(host: TranslateHost, addr: number, max: number, defOf: DefOf, stops: ReadonlySet<number> = new Set()): { ops: Op[]; segs: Segment[] } {
  const ops: Op[] = [];
  const segs: Segment[] = [];
  const returns: number[] = [];
  const seen = new Set<number>([addr]);
  let pc = addr;
  for (;;) {
    const end = decodeRun(host, pc, max - ops.length, defOf, ops, segs, stops);
    if (end !== "ends" || ops.length >= max) break;
    const last = ops[ops.length - 1]!;
    let next: number | undefined;
    const direct = last.o.length === 0 && !Number.isNaN(last.target);
    if ((last.mn === Mnemonic.Jmp || last.mn === Mnemonic.Call) && direct) next = last.target;
    else if (last.mn === Mnemonic.Ret && returns.length > 0) next = returns[returns.length - 1];
    if (next === undefined || seen.has(next) || stops.has(next)) break;
    try {
      host.mmu.fetch(next);
    } catch (e) {
      if (e instanceof Fault) break;
      throw e;
    }
    if (last.mn === Mnemonic.Ret) {
      returns.pop();
      last.predict = next;
    } else {
      if (last.mn === Mnemonic.Call) returns.push(last.next);
      last.follow = true;
    }
    seen.add(next);
    pc = next;
  }
  return { ops, segs };
}

/** Looks an op up in the families' table; the MSR-immediate forms have their own def. */
export function defResolver(table: ReadonlyMap<Mnemonic, OpDef>, msrImm: OpDef): DefOf {
  return (op) => {
    if (op.invalid) return invalidDef;
    if (op.msr) return msrImm;
    return table.get(op.mn) ?? unimplementedDef;
  };
}

const unimplementedDef: OpDef = {
  faults: true,
  ends: true,
  emit(g, op) {
    g.raise(undefinedOp, JSON.stringify(`unimplemented instruction ${opName(op)}`));
  },
};

/** Translates decoded ops into a block function. */
export function buildBlock(host: TranslateHost, addr: number, ops: Op[], segs: Segment[], defOf: DefOf, watched = false): Block {
  const n = ops.length;
  const defs = ops.map(defOf);
  // Flag liveness, last instruction first. Everything is live at the end of the block and at every
  // instruction that may fault (the handler sees RFLAGS).
  const flagsLive: boolean[] = new Array<boolean>(n);
  let live = ARITH;
  for (let k = n - 1; k >= 0; k--) {
    const op = ops[k]!;
    const def = defs[k]!;
    const w = op.fw & ARITH;
    const r = def.lazy ? (op.fr & ARITH) | (def.reads ?? 0) : w !== 0 ? ARITH : op.fr & ARITH;
    flagsLive[k] = (w & live) !== 0;
    live = (live & ~w) | r | (faultsOf(op, def) ? ARITH : 0);
  }
  const g = new Gen();
  g.blockLen = n;
  // A block whose last instruction may branch back to its start loops inside its function.
  const final = ops[n - 1]!;
  // (Not at a breakpoint: each iteration must pass through the run loop, which reports it.)
  if (final.target === addr && !final.invalid && !final.follow && !watched) g.loopStart = addr;
  for (let k = 0; k < n; k++) {
    const op = ops[k]!;
    const def = defs[k]!;
    g.begin(op, k, flagsLive[k]!);
    if (faultsOf(op, def)) g.line(`X[0]=${k};`);
    g.line("{");
    def.emit(g, op);
    g.line("}");
    if (g.returned) break;
  }
  if (!g.returned) g.ret(ops[n - 1]!.next);
  const loop = g.looped;
  // A loop that stores nothing and calls no helper cannot overwrite its own code: no validity check.
  const lines = g.lines();
  const mayWrite = lines.some((l) => /\b(W8|W16|W32|W64|h\d+)\(/.test(l));
  const body = cacheState(mayWrite ? lines : lines.map((l) => l.split(VALID).join("")), loop, g.loopStart !== undefined);
  const fn = compile(body.split(VALID).join("||!c.cur.valid"), g.used, host.mmu);
  const block: Block = {
    addr, n, addrs: ops.map((o) => o.addr), nexts: ops.map((o) => o.next), ops, fn, loop, valid: true, epoch: host.epoch,
    vpns: segs.map((sg) => sg.vpn), pages: segs.map((sg) => sg.page), ranges: [], watched, link0: null, link1: null,
  };
  // Register the bytes on their pages: a write over any of them drops the whole block.
  for (const sg of segs) {
    const r: CodeRange = {
      start: sg.start,
      end: sg.end,
      valid: true,
      invalidate: () => dropBlock(block),
    };
    block.ranges.push(r);
    host.registerCode(sg.page, r);
  }
  return block;
}

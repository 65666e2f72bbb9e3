/**
 * The vocabulary of the instruction families: each family turns a decoded `Op` into a few lines of
 * JavaScript through a `Gen`, and the translator joins the lines of a block into one function. A
 * family never spells the register file or the memory functions itself; it asks `Gen` to read an
 * operand into locals, to write one, to record flags, to test a condition.
 *
 * Conventions of the generated code (see `translate.ts` for the function around it):
 *
 *   L, H     Int32Array(16): low and high halves of the sixteen GPRs
 *   F        Int32Array(8): the lazy flags record (`flags.ts`)
 *   X        X[0] = index in the block of the instruction that may fault next
 *   T        scratch: T[0] receives the high half of a 64-bit memory read
 *   c        the Cpu (rf, segment bases, helpers' state)
 *   R8 … R64, W8 … W64   memory access (`mmu.ts`); EA1, EA2, EA32, CAN: address arithmetic
 *
 * Values: an operand of 8 bytes is read into two locals `v` and `vh` (int32 halves); smaller operands
 * into one local, int32 for 4 bytes and zero-extended for 1 and 2 bytes. Writes take the same shapes and
 * mask what they need. Immediates become literals.
 *
 * Each instruction's lines are wrapped in a block statement, so locals may be reused by name.
 */
import type { MemRef, Op, Operand } from "./decode.js";
import { OK } from "./decode.js";
import { condExpr } from "./flags.js";

/** Runtime helpers callable from generated code, by index (stable for the life of the process). */
const helpers: Function[] = [];
const helperIndex = new Map<Function, number>();

export function helperTable(): readonly Function[] {
  return helpers;
}

function helperName(fn: Function): string {
  let i = helperIndex.get(fn);
  if (i === undefined) {
    i = helpers.length;
    helpers.push(fn);
    helperIndex.set(fn, i);
  }
  return `h${i}`;
}

/**
 * Where the registers held in locals must be written back (before a `return`): the translator
 * replaces it (`translate.ts`, register caching).
 */
export const WB = "/*WB*/";

/** Where a loop block checks that it is still valid (dropped for loops that cannot write memory). */
export const VALID = "/*VALID*/";

/** Literal for an int32 value. */
export function lit(v: number): string {
  return String(v | 0);
}

export class Gen {
  private readonly out: string[] = [];
  /** Helpers used by this block: name in the generated code → index in the helper table. */
  readonly used = new Map<string, number>();
  op!: Op;
  /** Index of the current instruction in the block. */
  k = 0;
  /** Whether the flags this instruction writes are read later (else lazy writers skip recording them). */
  flagsLive = true;
  /** Kind of the last flag writer in this block: -1 unknown, 0 exact in `rf`, > 0 a lazy kind. */
  kind = -1;
  /** Set when the instruction emitted a `return` (it ends the block). */
  returned = false;
  /**
   * The block's first address when the block is a loop candidate (its last instruction branches back
   * to its start): `branch` then loops inside the function instead of returning.
   */
  loopStart: number | undefined;
  /** Set when `branch` emitted the in-function loop. */
  looped = false;
  /** Instructions in the block (for guard exits). */
  blockLen = 0;
  private addrVar: string | null = null;

  begin(op: Op, k: number, flagsLive: boolean): void {
    this.looped = false;
    this.op = op;
    this.k = k;
    this.flagsLive = flagsLive;
    this.addrVar = null;
    this.returned = false;
  }

  line(s: string): void {
    this.out.push(s);
  }

  source(): string {
    return this.out.join("\n");
  }

  /** The statements emitted so far. */
  lines(): readonly string[] {
    return this.out;
  }

  /**
   * The name of a runtime helper in the generated code (`h12(c, …)`). A helper may read and write the
   * register file (`c.L`, `c.H`): the statement calling it must call nothing else after it that reads
   * or writes registers (the translator writes registers back before it and reloads them after it).
   */
  h(fn: Function): string {
    const name = helperName(fn);
    this.used.set(name, Number(name.slice(1)));
    return name;
  }

  /** A helper that does not touch the register file (`p12(…)`): no write-back around it. */
  pure(fn: Function): string {
    const i = Number(helperName(fn).slice(1));
    const name = `p${i}`;
    this.used.set(name, i);
    return name;
  }

  /** Ends the block: the next RIP. */
  ret(expr: string | number): void {
    this.line(`${WB}return ${typeof expr === "number" ? numLit(expr) : expr};`);
    this.returned = true;
  }

  /**
   * A branch that ends the block: to the op's target when `cond` (a JS boolean expression; "true" for
   * an unconditional jump), else to the next instruction. When the target is the start of a loop
   * block, the taken edge continues the loop inside the function (see `translate.ts`), at most `max`
   * iterations; `X[1]` then tells the run loop how many iterations completed.
   */
  branch(cond: string, op: Op): void {
    if (this.loopStart !== undefined && op.target === this.loopStart) {
      if (cond !== "true") this.line(`if(!(${cond})){X[1]=it+1;${WB}return ${numLit(op.next)};}`);
      this.line(`if(++it>=max${VALID}){X[1]=it;${WB}return ${numLit(op.target)};}`);
      this.looped = true;
      this.returned = true;
      return;
    }
    this.ret(cond === "true" ? this.targetLit(op) : `${cond}?${this.targetLit(op)}:${numLit(op.next)}`);
  }

  /**
   * Leaves the block in the middle (a guard that failed, e.g. a RET to another address than the
   * block predicted): `X[2]` says how many instructions completed, this one included.
   */
  exitHere(next: string): void {
    const done = this.loopStart !== undefined ? `it*${this.blockLen}+${this.k + 1}` : `${this.k + 1}`;
    this.line(`X[2]=${done};${WB}return ${next};`);
  }

  /** Emits `throw` of a fault built by a helper at run time. */
  raise(fn: (...args: never[]) => unknown, args = ""): void {
    this.line(`throw ${this.h(fn)}(${args});`);
    this.returned = true;
  }

  // ---- addresses ----

  /** The linear address of the memory operand, computed once per instruction into local `ma`. */
  addr(m: MemRef | null = this.op.m): string {
    if (this.addrVar !== null) return this.addrVar;
    if (m === null) throw new Error("no memory operand");
    this.line(`const ma=${this.eaExpr(m)};`);
    this.addrVar = "ma";
    return "ma";
  }

  /** An address expression for a memory reference (with the canonical check). */
  eaExpr(m: MemRef): string {
    const seg = m.seg === 4 ? "c.fsBase" : m.seg === 5 ? "c.gsBase" : "0";
    const stack = m.base === 4 || m.base === 5;
    if (m.nonCanonical) return `CANFAIL(false)`;
    if (m.base < 0 && m.index < 0) return seg === "0" ? numLit(m.disp) : `CAN(${numLit(m.disp)}+${seg},false)`;
    if (m.asize === 4) {
      let e = m.base >= 0 ? `L[${m.base}]` : "0";
      if (m.index >= 0) e += `+L[${m.index}]*${m.scale}`;
      return `EA32((${e}+${m.disp})|0,${seg})`;
    }
    if (m.index < 0) return `EA1(H[${m.base}],L[${m.base}],${m.disp},${seg},${stack})`;
    const b = m.base >= 0 ? `H[${m.base}],L[${m.base}]` : "0,0";
    return `EA2(${b},H[${m.index}],L[${m.index}],${m.scale},${m.disp},${seg},${stack})`;
  }

  /**
   * The effective address itself (LEA): base + index·scale + disp modulo 2^64, no segment base and no
   * canonical check, into `v` and `vh`.
   */
  leaHalves(m: MemRef, v: string): void {
    if (m.base < 0 && m.index < 0) {
      const x = BigInt.asUintN(64, BigInt(m.disp));
      this.line(`const ${v}=${lit(Number(BigInt.asIntN(32, x)))},${v}h=${lit(Number(BigInt.asIntN(32, x >> 32n)))};`);
      return;
    }
    if (m.asize === 4) {
      let e = m.base >= 0 ? `L[${m.base}]` : "0";
      if (m.index >= 0) e += `+L[${m.index}]*${m.scale}`;
      this.line(`const ${v}=(${e}+${m.disp})|0,${v}h=0;`);
      return;
    }
    const sh = m.scale === 8 ? 3 : m.scale === 4 ? 2 : m.scale === 2 ? 1 : 0;
    const bl = m.base >= 0 ? `(L[${m.base}]>>>0)` : "0";
    const bh = m.base >= 0 ? `H[${m.base}]` : "0";
    let il = "0";
    let ih = "0";
    if (m.index >= 0) {
      il = sh ? `((L[${m.index}]<<${sh})>>>0)` : `(L[${m.index}]>>>0)`;
      ih = sh ? `((H[${m.index}]<<${sh})|(L[${m.index}]>>>${32 - sh}))` : `H[${m.index}]`;
    }
    const dl = m.disp >>> 0;
    const dh = m.disp < 0 ? -1 : 0;
    this.line(`const ${v}t=${bl}+${il}+${dl},${v}=${v}t|0,${v}h=(${bh}+${ih}+${dh}+(${v}t>4294967295?(${v}t>8589934591?2:1):0))|0;`);
  }

  // ---- operands ----

  /** Reads an operand into local `v` (and `vh` for 8 bytes). `size` overrides the operand's own size. */
  rd(o: Operand, v: string, size = o.size): void {
    switch (o.k) {
      case OK.Reg:
        if (size === 8) this.line(`const ${v}=L[${o.reg}],${v}h=H[${o.reg}];`);
        else this.line(`const ${v}=${regExpr(o, size)};`);
        return;
      case OK.Imm: {
        if (size === 8) this.line(`const ${v}=${lit(o.lo)},${v}h=${lit(o.hi)};`);
        else this.line(`const ${v}=${lit(size === 4 ? o.lo : o.lo & (size === 2 ? 0xffff : 0xff))};`);
        return;
      }
      case OK.Mem: {
        const a = this.addr();
        if (size === 8) this.line(`const ${v}=R64(${a}),${v}h=T[0];`);
        else this.line(`const ${v}=R${size * 8}(${a});`);
        return;
      }
      default:
        throw new Error(`operand kind ${o.k} cannot be read as a value`);
    }
  }

  /** Writes `lo` (and `hi` for 8 bytes) to an operand; 4-byte register writes clear the high half. */
  wr(o: Operand, lo: string, hi = "0", size = o.size): void {
    if (o.k === OK.Reg) this.line(regWrite(o.reg, o.high, size, lo, hi));
    else if (o.k === OK.Mem) {
      const a = this.addr();
      if (size === 8) this.line(`W64(${a},${lo},${hi});`);
      else this.line(`W${size * 8}(${a},${lo});`);
    } else throw new Error(`operand kind ${o.k} cannot be written`);
  }

  /** Checks that the memory operand may be written, before any part of a read-modify-write commits. */
  probe(o: Operand): void {
    if (o.k === OK.Mem) this.line(`PW(${this.addr()},${o.size});`);
  }

  // ---- the stack ----

  /** `const <sp>` = RSP - size, checked canonical (#SS): the slot a push writes. */
  pushSlot(size: number, sp = "sp"): string {
    this.line(`const ${sp}=EA1(H[4],L[4],${-size},0,true);`);
    return sp;
  }

  /** `const <sp>` = RSP, checked canonical: the slot a pop reads. */
  popSlot(sp = "sp"): string {
    this.line(`const ${sp}=EA1(H[4],L[4],0,0,true);`);
    return sp;
  }

  /** RSP = the number `expr` (a canonical address or one just past it). */
  setRsp(expr: string): void {
    this.line(`{const n=${expr};L[4]=n|0;H[4]=Math.floor(n/4294967296)|0;}`);
  }

  /** Pushes a value of 8 (or 2) bytes: write first, RSP after (a fault leaves RSP). */
  push(size: number, lo: string, hi = "0"): void {
    const sp = this.pushSlot(size, "ps");
    this.line(size === 8 ? `W64(${sp},${lo},${hi});` : `W16(${sp},${lo});`);
    this.setRsp(sp);
  }

  /** The next instruction's address as int32 halves (for CALL's return address). */
  static halves(v: number): [string, string] {
    return [lit(v), lit(Math.floor(v / 4294967296))];
  }

  /** A direct branch target: its literal, or a #GP when it is not canonical. */
  targetLit(op: Op): string {
    return Number.isNaN(op.target) ? "CANFAIL(false)" : numLit(op.target);
  }

  // ---- flags ----

  /**
   * Records a lazy flag state (`flags.ts`): kind, result, operands, carry-in. Skipped when no later
   * instruction reads these flags.
   */
  lazy(kind: number, r: string, rh: string, a: string, ah: string, b: string, bh: string, cin?: string): void {
    if (this.flagsLive) {
      const s = `F[0]=${kind};F[1]=${r};F[2]=${rh};F[3]=${a};F[4]=${ah};F[5]=${b};F[6]=${bh};`;
      this.line(cin !== undefined ? `${s}F[7]=${cin};` : s);
      this.kind = kind;
    } else {
      this.kind = -1;
    }
  }

  /** After a helper set `rf` exactly (an eager flag writer). */
  exact(): void {
    this.kind = 0;
  }

  /** After something that may have left flags in any state (a helper that calls `materialize` or not). */
  unknown(): void {
    this.kind = -1;
  }

  /** A JS boolean expression for condition `cc`. */
  cond(cc: number): string {
    if (this.kind >= 0) {
      const e = condExpr(this.kind, cc);
      if (e !== undefined) return e;
    }
    return `COND(c,${cc})`;
  }

  /** CF as a 0/1 expression (read before this instruction records its own flags). */
  cf(): string {
    if (this.kind === 0) return `(c.rf&1)`;
    if (this.kind > 0) {
      const e = condExpr(this.kind, 3);
      if (e !== undefined) return `(${e}?1:0)`;
    }
    return `CARRY(c)`;
  }
}

/** A register read as a value of `size` bytes (not 8). */
export function regExpr(o: Operand, size: number): string {
  if (size === 4) return `L[${o.reg}]`;
  if (size === 2) return `(L[${o.reg}]&65535)`;
  return o.high ? `((L[${o.reg}]>>8)&255)` : `(L[${o.reg}]&255)`;
}

/** The statement writing a GPR of `size` bytes. */
export function regWrite(reg: number, high: boolean, size: number, lo: string, hi: string): string {
  switch (size) {
    case 8: return `L[${reg}]=${lo};H[${reg}]=${hi};`;
    case 4: return `L[${reg}]=${lo};H[${reg}]=0;`;
    case 2: return `L[${reg}]=(L[${reg}]&-65536)|((${lo})&65535);`;
    default:
      return high ? `L[${reg}]=(L[${reg}]&-65281)|(((${lo})&255)<<8);` : `L[${reg}]=(L[${reg}]&-256)|((${lo})&255);`;
  }
}

/** A number literal for an address (may be negative or beyond int32). */
export function numLit(v: number): string {
  return Object.is(v, -0) ? "0" : String(v);
}

/** Mask for an operand size (1, 2, 4 bytes). */
export function maskOf(size: number): number {
  return size === 1 ? 0xff : size === 2 ? 0xffff : -1;
}

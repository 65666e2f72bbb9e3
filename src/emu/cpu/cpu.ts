/**
 * The CPU: architectural state in the representation the translated code uses, the block cache, and
 * the run loop.
 *
 * Representation (chosen for speed before anything else was written, see `translate.ts`):
 *   - GPRs as two `Int32Array(16)`, `L` (bits 31:0) and `H` (bits 63:32): 64-bit arithmetic is done on
 *     int32 halves, never with bigint;
 *   - RIP and every linear address as a number holding the canonical (sign-extended) value;
 *   - RFLAGS as `rf` plus the lazy record `F` (`flags.ts`);
 *   - code as translated blocks cached by linear address, chained to their last successors; a block
 *     keeps the registers it uses in JavaScript locals while it runs (`translate.ts`), so `L`/`H`
 *     are exact between blocks, in helpers and in hooks, not inside a block.
 *
 * The outside world sees bigints (`getReg`, `rip`, `cr`…) and a `Platform` (`../platform.ts`).
 */
import type { CpuHooks, GuestRegs, Platform, SegBase, Stop } from "../platform.js";
import type { CodeRange, Page, PhysicalMemory } from "../memory/physical.js";
import { PAGE_SIZE } from "../memory/physical.js";
import { deliver } from "./exceptions.js";
import { Fault, GP, pf, PFEC_I } from "./fault.js";
import { RFLAGS_FIXED, materialize } from "./flags.js";
import { CANON, createMmu, type Mmu } from "./mmu.js";
import { CR0_PG, CR0_PE, CR0_WP, EFER_LMA, EFER_LME, EFER_NXE } from "./paging.js";
import { buildBlock, decodeBlock, dropBlock, MAX_BLOCK, type Block, type DefOf } from "./translate.js";
import { defOf } from "./table.js";
import { fromU64, toU64 } from "./values.js";

export { fromU64, toU64 } from "./values.js";

export interface CpuOptions {
  platform: Platform;
  memory: PhysicalMemory;
  hooks?: CpuHooks;
  /** Initial EFER (default LME | LMA | NXE: long mode, XD bits honoured). */
  efer?: bigint;
  /** Linear addresses at which `hooks.onBreakpoint` is called (each time execution reaches one). */
  breakpoints?: Iterable<bigint>;
}

export interface CpuCounters {
  /** Instructions completed, over every `run`. */
  instructions: number;
  /** Exceptions raised, by vector (delivered or stopping the run). */
  exceptions: number[];
  /** Blocks translated (a measure of code churn). */
  blocksTranslated: number;
}

export class Cpu {
  // ---- state read by translated code (keep these names: blocks refer to them) ----
  readonly L = new Int32Array(16);
  readonly H = new Int32Array(16);
  readonly F = new Int32Array(8);
  /** X[0]: instruction index (faults); X[1]: loop iterations; X[2]: instructions at a guard exit. */
  readonly X = new Int32Array(3);
  readonly T = new Int32Array(2);
  /** RFLAGS (the arithmetic bits are exact only when F[0] is 0). */
  rf = RFLAGS_FIXED;
  fsBase = 0;
  gsBase = 0;
  kernelGsBase = 0;

  // ---- the rest of the architectural state ----
  /** RIP, as a canonical number. */
  pc = 0;
  cr0 = CR0_PG | CR0_WP | CR0_PE | 0x32; // PG, WP, NE, ET, MP, PE
  cr2 = 0;
  cr3 = 0;
  cr4 = 0x20; // PAE
  cr8 = 0;
  efer: number;
  /** The guest's page tables are in force; false while CR3 is 0, the emulator's identity map. */
  paging = false;
  /** Segment selectors es, cs, ss, ds, fs, gs. */
  readonly seg = new Uint16Array([0, 0x10, 0x18, 0x18, 0, 0]);
  gdtBase = 0;
  gdtLimit = 0;
  idtBase = 0;
  idtLimit = 0;
  trSel = 0;
  trBase = 0;
  trLimit = 0;
  ldtSel = 0;
  /** DR0–DR7 as int32 halves (values only: no breakpoints). DR6 and DR7 start at their reset values. */
  readonly dr = new Int32Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xffff0ff0, 0, 0x400, 0]);
  /** TSC = tscOffset + instructions completed. */
  tscOffset = 0;
  /** Set by an instruction that ends the run (HLT, the exit port, a hypercall). */
  stop: Stop | null = null;

  readonly platform: Platform;
  readonly memory: PhysicalMemory;
  readonly hooks: CpuHooks;
  readonly mmu: Mmu;
  readonly regs: GuestRegs;
  readonly counters: CpuCounters = { instructions: 0, exceptions: new Array<number>(256).fill(0), blocksTranslated: 0 };
  /** Bumped when linear→physical mappings may have changed: blocks re-check their pages. */
  epoch = 0;
  /** Instructions completed in this run before the current block (for RDTSC). */
  stepsBase = 0;
  /** The block being executed (loop blocks check that it is still valid). */
  cur: Block | null = null;

  /** Addresses where a block must start (so that the run loop sees them): `hooks.onBreakpoint`. */
  readonly breakpoints = new Set<number>();
  private readonly blocks = new Map<number, Block>();
  private readonly singles = new Map<number, Block>();
  private readonly defOf: DefOf = defOf;

  constructor(options: CpuOptions) {
    this.platform = options.platform;
    this.memory = options.memory;
    this.hooks = options.hooks ?? {};
    this.efer = Number(options.efer ?? BigInt(EFER_LME | EFER_LMA | EFER_NXE));
    this.mmu = createMmu(this, this.memory);
    this.memory.addListener({
      codePageAdded: (page) => this.mmu.codePageAdded(page),
      codeWritten: (addr, len) => this.hooks.onCodeWrite?.(BigInt(addr), len),
    });
    this.regs = guestRegs(this);
    for (const b of options.breakpoints ?? []) this.breakpoints.add(fromU64(b));
  }

  // ---- registers (the outside view: bigints) ----

  /** GPR `n` (0 rax … 15 r15) as an unsigned 64-bit value. */
  getReg(n: number): bigint {
    return (BigInt(this.H[n]! >>> 0) << 32n) | BigInt(this.L[n]! >>> 0);
  }

  setReg(n: number, v: bigint): void {
    const u = BigInt.asUintN(64, v);
    this.L[n] = Number(u & 0xffffffffn) | 0;
    this.H[n] = Number(u >> 32n) | 0;
  }

  get rip(): bigint {
    return toU64(this.pc);
  }

  set rip(v: bigint) {
    this.pc = fromU64(v);
  }

  get rflags(): bigint {
    return BigInt(materialize(this) >>> 0);
  }

  set rflags(v: bigint) {
    this.F[0] = 0;
    this.rf = (Number(v & 0x3f7fd7n) | RFLAGS_FIXED) >>> 0;
  }

  /** CR0, CR2, CR3, CR4 or CR8. */
  getCr(n: number): bigint {
    switch (n) {
      case 0: return BigInt(this.cr0 >>> 0);
      case 2: return toU64(this.cr2);
      case 3: return BigInt(this.cr3);
      case 4: return BigInt(this.cr4 >>> 0);
      case 8: return BigInt(this.cr8);
      default: throw new RangeError(`no CR${n}`);
    }
  }

  /**
   * Sets a control register from outside (the loader), without the checks a `mov` to CR makes. Setting
   * CR3 turns the guest's page tables on (CR3 = 0 is the identity map the emulator starts with).
   */
  setCr(n: number, v: bigint): void {
    switch (n) {
      case 0: this.cr0 = Number(v & 0xffffffffn) | 0; break;
      case 2: this.cr2 = fromU64(v); break;
      case 3: this.cr3 = Number(v & 0xffffffffff000n); this.paging = this.cr3 !== 0; break;
      case 4: this.cr4 = Number(v & 0xffffffffn) | 0; break;
      case 8: this.cr8 = Number(v & 15n); break;
      default: throw new RangeError(`no CR${n}`);
    }
    this.mappingsChanged();
  }

  /** FS, GS or KERNEL_GS base (IA32_FS_BASE, IA32_GS_BASE, IA32_KERNEL_GS_BASE), as MSRs hold them. */
  segBase(seg: SegBase): bigint {
    return toU64(seg === "fs" ? this.fsBase : seg === "gs" ? this.gsBase : this.kernelGsBase);
  }

  setSegBase(seg: SegBase, v: bigint): void {
    const n = fromU64(v);
    if (seg === "fs") this.fsBase = n;
    else if (seg === "gs") this.gsBase = n;
    else this.kernelGsBase = n;
  }

  getEfer(): bigint {
    return BigInt(this.efer >>> 0);
  }

  setEfer(v: bigint): void {
    const n = Number(v & 0xffffffffn) >>> 0;
    if ((n ^ this.efer) & EFER_NXE) this.mappingsChanged();
    this.efer = n;
  }

  /** Instructions completed so far, including those of the current block before the current one. */
  completed(): number {
    const b = this.cur;
    return this.counters.instructions + this.stepsBase + (b !== null && b.loop ? this.X[1]! * b.n : 0) + this.X[0]!;
  }

  get tsc(): bigint {
    return BigInt(this.tscOffset + this.completed());
  }

  set tsc(v: bigint) {
    this.tscOffset = Number(v) - this.completed();
  }

  /** Reads `len` bytes at a linear address through the current translation (faults become an Error). */
  readLinear(addr: bigint, len: number): Uint8Array {
    const out = new Uint8Array(len);
    const a = fromU64(addr);
    try {
      for (let i = 0; i < len; i++) out[i] = this.mmu.r8(a + i);
    } catch (e) {
      if (e instanceof Fault) throw new Error(`linear address 0x${addr.toString(16)}: page fault reading ${len} bytes`);
      throw e;
    }
    return out;
  }

  // ---- memory (physical), for the loader ----

  map(addr: bigint | number, bytes: Uint8Array): void {
    this.memory.map(addr, bytes);
  }

  read(addr: bigint | number, len: number): Uint8Array {
    return this.memory.read(addr, len);
  }

  write(addr: bigint | number, bytes: Uint8Array): void {
    this.memory.write(addr, bytes);
  }

  // ---- used by instruction helpers ----

  /** Page tables, CR0.WP, CR4 or EFER.NXE changed: drop cached translations, re-check blocks. */
  mappingsChanged(): void {
    this.mmu.flush();
    this.epoch++;
  }

  /** The #PF of an instruction fetch that runs into a page it cannot fetch. */
  fetchFault(addr: number): Fault {
    try {
      this.mmu.fetch(addr);
    } catch (e) {
      if (e instanceof Fault) return e;
      throw e;
    }
    return pf(addr, PFEC_I);
  }

  registerCode(page: Page, range: CodeRange): void {
    this.memory.addCode(page, range);
  }

  // ---- running ----

  /**
   * Runs until something stops it or `maxSteps` instructions have completed ({kind: "budget"}).
   * Instructions are counted as completed (a faulting one is not; INT3 and INT n are).
   */
  run(maxSteps: number): Stop {
    let steps = 0;
    const X = this.X;
    const tracing = this.hooks.onInstruction !== undefined;
    let prev: Block | null = null;
    this.stop = null;
    try {
      for (;;) {
        if (steps >= maxSteps) return { kind: "budget", steps };
        const pc = this.pc;
        let b: Block | null = null;
        if (prev !== null) {
          const l0: Block | null = prev.link0;
          if (l0 !== null && l0.addr === pc && l0.valid && l0.epoch === this.epoch) b = l0;
          else {
            const l1: Block | null = prev.link1;
            if (l1 !== null && l1.addr === pc && l1.valid && l1.epoch === this.epoch) b = l1;
          }
        }
        if (b === null) {
          try {
            b = tracing || maxSteps - steps < MAX_BLOCK ? this.small(pc, maxSteps - steps, tracing) : this.lookup(pc);
          } catch (e) {
            if (!(e instanceof Fault)) throw e;
            const stop = deliver(this, e, pc, pc);
            if (stop) return stop;
            prev = null;
            continue;
          }
          if (prev !== null && !tracing) {
            if (prev.link0 === null || !prev.link0.valid) prev.link0 = b;
            else prev.link1 = b;
          }
        }
        if (b.n > maxSteps - steps) {
          b = this.small(pc, maxSteps - steps, tracing);
        }
        if (tracing) this.hooks.onInstruction!(toU64(pc), b.ops[0]!.bytes);
        if (b.watched) this.hooks.onBreakpoint?.(toU64(pc));
        this.stepsBase = steps;
        this.cur = b;
        X[0] = 0;
        X[2] = -1;
        let next: number;
        try {
          next = b.fn(this, Math.floor((maxSteps - steps) / b.n));
        } catch (e) {
          if (!(e instanceof Fault)) throw e;
          const k = X[0]!;
          if (b.loop) steps += X[1]! * b.n;
          steps += e.trap ? k + 1 : k;
          const at = b.addrs[k]!;
          this.pc = e.trap ? b.nexts[k]! : at;
          const stop = deliver(this, e, at, this.pc);
          prev = null;
          if (stop) return stop;
          continue;
        }
        // A guard exit (a mispredicted RET) says how many instructions completed.
        steps += X[2]! >= 0 ? X[2]! : b.loop ? X[1]! * b.n : b.n;
        this.pc = next;
        if (this.stop !== null) return this.stop;
        prev = b;
      }
    } finally {
      this.counters.instructions += steps;
      this.stepsBase = 0;
      this.cur = null;
      X[0] = 0;
    }
  }

  /** The cached block at `pc`, translated if needed; checked against the current mappings. */
  private lookup(pc: number): Block {
    let b = this.blocks.get(pc);
    if (b !== undefined && b.valid) {
      if (b.epoch === this.epoch || this.recheck(b)) return b;
      dropBlock(b);
    }
    b = this.translate(pc, MAX_BLOCK);
    this.blocks.set(pc, b);
    return b;
  }

  /** A block of at most `max` instructions (budget ends, tracing). */
  private small(pc: number, max: number, tracing: boolean): Block {
    if (!tracing && max >= MAX_BLOCK) return this.lookup(pc);
    const n = tracing ? 1 : Math.max(1, max);
    if (n === 1) {
      let b = this.singles.get(pc);
      if (b !== undefined && b.valid) {
        if (b.epoch === this.epoch || this.recheck(b)) return b;
        dropBlock(b);
      }
      b = this.translate(pc, 1);
      this.singles.set(pc, b);
      return b;
    }
    return this.translate(pc, n);
  }

  /** After a mapping change: is the block still fetched from the same physical pages? */
  private recheck(b: Block): boolean {
    try {
      for (let i = 0; i < b.vpns.length; i++) {
        if (this.mmu.fetch(b.vpns[i]! * PAGE_SIZE).page !== b.pages[i]) return false;
      }
    } catch (e) {
      if (e instanceof Fault) return false;
      throw e;
    }
    b.epoch = this.epoch;
    return true;
  }

  private translate(pc: number, max: number): Block {
    if (!(pc >= -CANON && pc < CANON)) throw new Fault(GP, 0, 0, false, "non-canonical RIP");
    const { ops, segs } = decodeBlock(this, pc, max, this.defOf, this.breakpoints);
    this.counters.blocksTranslated++;
    return buildBlock(this, pc, ops, segs, this.defOf, this.breakpoints.has(pc));
  }
}

/** The `GuestRegs` view the platform gets (hypercalls, MSRs that move segment bases). */
function guestRegs(c: Cpu): GuestRegs {
  return {
    get: (r) => c.getReg(r),
    set: (r, v) => c.setReg(r, v),
    get rip() {
      return c.rip;
    },
    getSegBase: (s) => c.segBase(s),
    setSegBase: (s, v) => c.setSegBase(s, v),
    readMemory: (a, n) => c.readLinear(a, n),
    get efer() {
      return c.getEfer();
    },
    set efer(v: bigint) {
      c.setEfer(v);
    },
    get tsc() {
      return c.tsc;
    },
    set tsc(v: bigint) {
      c.tsc = v;
    },
  };
}

/**
 * The contract between the CPU core (src/emu/cpu/) and everything outside it: devices, the MSR file,
 * CPUID, the profile's instruction set and the hypervisor model. The core executes instructions; when
 * one needs the world (IN/OUT, RDMSR/WRMSR/WRMSRNS and the immediate forms, CPUID, VMCALL) it asks the
 * platform, which answers from the CPU profile. Keeping this boundary narrow lets the core be tested
 * alone (raw mode, the Unicorn differential test) and the platform be tested without executing code.
 *
 * Values that may be 64-bit cross this boundary as `bigint`: these calls are rare next to ALU work,
 * so they stay exact and simple; the core's hot paths never see a bigint.
 */

/** Where a `rdmsr`/`wrmsr` came from, for the counters (`--json`) and the Xen policy. */
export type MsrPath = "rdmsr" | "wrmsr" | "wrmsrns" | "rdmsr-imm" | "wrmsrns-imm";

/** The outcome of an MSR access: a value (reads), done (writes), or a fault the core raises. */
export type MsrResult = { ok: true; value: bigint } | { ok: false; vector: 13; errorCode: 0 };

/** Instruction-set features whose absence makes the core raise #UD. */
export type IsaFeature = "wrmsrns" | "msr-imm";

/** The segment bases MSRs FS_BASE, GS_BASE and KERNEL_GS_BASE name. */
export type SegBase = "fs" | "gs" | "kernelGs";

/** Registers as the platform sees them when it must read or change guest state (hypercalls). */
export interface GuestRegs {
  get(reg: number): bigint;
  set(reg: number, value: bigint): void;
  /** Address of the instruction being executed. */
  readonly rip: bigint;
  /** The segment bases MSRs FS_BASE, GS_BASE and KERNEL_GS_BASE name (the core owns them; SWAPGS swaps gs/kernelGs). */
  getSegBase(which: SegBase): bigint;
  setSegBase(which: SegBase, value: bigint): void;
  /** Reads guest memory at a linear address (hypercall arguments such as console_io's buffer). */
  readMemory(address: bigint, length: number): Uint8Array;
  /**
   * EFER as the core uses it. The MSR file owns EFER's rules (read-only LMA, reserved bits) and writes
   * each accepted value here: NXE decides whether page-table XD bits are honoured or reserved. Reads
   * give the core's copy (initially LME | LMA | NXE unless the Cpu was built with another).
   */
  efer: bigint;
  /** The time-stamp counter RDTSC reads: instructions completed plus an offset; writing it sets it. */
  tsc: bigint;
}

export interface Platform {
  /** Whether the CPU implements an optional instruction (else #UD). */
  has(feature: IsaFeature): boolean;
  /** `cpuid`: EAX, EBX, ECX, EDX for a leaf and subleaf. */
  cpuid(leaf: number, subleaf: number): [number, number, number, number];
  rdmsr(msr: number, path: MsrPath, regs: GuestRegs): MsrResult;
  wrmsr(msr: number, value: bigint, path: MsrPath, regs: GuestRegs): MsrResult;
  /** `in`: the value read (size 1, 2 or 4 bytes). */
  ioRead(port: number, size: 1 | 2 | 4): number;
  /** `out`. May end the run (the exit port): it then returns a Stop. */
  ioWrite(port: number, size: 1 | 2 | 4, value: number): Stop | undefined;
  /** `vmcall` (Xen hypercalls). Returns a Stop to end the run, or undefined; #UD when it returns "ud". */
  vmcall(regs: GuestRegs): Stop | "ud" | undefined;
  /**
   * IA32_TSC_AUX (0xc0000103), which RDTSCP loads into ECX. Optional: 0 when absent. Not an MSR
   * instruction, so not a `rdmsr` call (no MSR counter, no Xen trap).
   */
  tscAux?(): number;
}

/** Why a run ended. */
export type Stop =
  | { kind: "exit"; code: number }
  | { kind: "hlt"; /** Address of the HLT instruction (the CPU's RIP is then the one after it). */ rip?: bigint }
  | { kind: "budget"; steps: number }
  | { kind: "exception"; vector: number; errorCode?: number; rip: bigint; reason: string }
  | { kind: "triple-fault"; rip: bigint; reason: string };

/** Events the core reports while it runs (counters, trace, cross-checks). All optional. */
export interface CpuHooks {
  /** Before each instruction (only when tracing: the core may use a slower path then). */
  onInstruction?(rip: bigint, bytes: Uint8Array): void;
  /** An exception being delivered through the IDT (after the frame is pushed: `handler` is the new RIP). */
  onException?(vector: number, errorCode: number | undefined, rip: bigint): void;
  /** `iretq` back from an exception handler. */
  onIret?(to: bigint): void;
  /**
   * Code bytes changed (alternatives patching): decoded instructions over them are dropped. Called
   * from inside the writing instruction (physical address): the registers are not meaningful then.
   */
  onCodeWrite?(address: bigint, length: number): void;
  /**
   * Execution reached one of the addresses given as `breakpoints` to the Cpu (before the instruction
   * there runs). Cheaper than `onInstruction` for counting entries into a few functions: the core
   * keeps translating whole blocks and only starts a block at each such address.
   */
  onBreakpoint?(rip: bigint): void;
}

/**
 * Boots a linked image on one CPU profile: load the segments, start at `e_entry` in long mode (the
 * documented state below), run within a step budget, and report the console output, the exit code,
 * why the run stopped, the counters and what the cross-checks found.
 *
 * Initial state (the bundled emulator's boot protocol; QEMU instead runs the PVH stub first, which
 * ends in the same state): 64-bit mode, CPL 0, flat segments, CR0 = PE|MP|ET|NE|WP|PG, CR4 = PAE,
 * EFER = LME|LMA|NXE, no guest page tables yet (identity-mapped address space until CR3 is written),
 * interrupts off, RFLAGS = 0x2, every GPR 0 (the runtime sets up its own stack), RIP = e_entry.
 */
import type { CpuProfile } from "../isa/cpu-profiles.js";
import type { ExecFile } from "../obj/read-exec.js";
import { checkAlternativesSites, FaultChecker, type Disagreement } from "./cross-check.js";
import { Cpu } from "./cpu/cpu.js";
import { loadImage, symbolAt, type LoadedImage } from "./loader.js";
import { MachinePlatform } from "./machine-platform.js";
import { PhysicalMemory } from "./memory/physical.js";
import type { Stop } from "./platform.js";

export interface RunOptions {
  /** Instructions before the run is stopped with `{ kind: "budget" }`. */
  maxSteps?: number;
  /** Called with one line per instruction executed (`--trace`). */
  trace?: (line: string) => void;
  /** Console bytes as they are written (for live output). */
  onConsole?: (bytes: Uint8Array) => void;
}

export interface RunCounters {
  instructions: number;
  exceptions: Record<string, number>;
  fixups: Record<string, number>;
  msr: { immediate: number; wrmsrns: number; wrmsr: number; rdmsr: number; xenThunk: number; hypervisorTrap: number };
  hypercalls: Record<string, number>;
}

export interface RunResult {
  profile: string;
  console: string;
  /** The guest's exit code, when it exited (exit port or Xen shutdown). */
  exitCode?: number;
  stop: Stop;
  /** `stop` in words, with the symbol of the address it happened at. */
  stopReason: string;
  counters: RunCounters;
  disagreements: Disagreement[];
}

export const DEFAULT_MAX_STEPS = 200_000_000;

const VECTOR_NAMES: Readonly<Record<number, string>> = {
  0: "#DE", 1: "#DB", 2: "NMI", 3: "#BP", 4: "#OF", 5: "#BR", 6: "#UD", 7: "#NM", 8: "#DF", 10: "#TS", 11: "#NP",
  12: "#SS", 13: "#GP", 14: "#PF", 16: "#MF", 17: "#AC", 18: "#MC", 19: "#XM", 21: "#CP",
};
/** Vectors whose delivery pushes an error code. */
const HAS_ERROR_CODE = new Set([8, 10, 11, 12, 13, 14, 17, 21, 29, 30]);
/** The runtime's IDT: faults delivered through it are cross-checked (a test program's own IDT is not). */
const RUNTIME_IDT_SYMBOLS = ["idt_table", "runtime_idt"];
/** Functions whose entry counts as an MSR access through the Xen thunk. */
const XEN_THUNK = /xen.*(msr|thunk)|(msr|thunk).*xen/i;

export function vectorName(v: number): string {
  return VECTOR_NAMES[v] ?? `vector ${v}`;
}

export function runImage(exe: ExecFile, profile: CpuProfile, options: RunOptions = {}): RunResult {
  const image = loadImage(exe);
  const platform = new MachinePlatform(profile, options.onConsole);
  const memory = new PhysicalMemory();
  const u64 = (b: Uint8Array, off: number): bigint => new DataView(b.buffer, b.byteOffset).getBigUint64(off, true);
  let cpu: Cpu;
  const readMemory = (addr: bigint, len: number): Uint8Array | undefined => {
    try {
      return cpu.readLinear(addr, len);
    } catch {
      return undefined;
    }
  };
  const faults = new FaultChecker(image, readMemory);
  const idt = RUNTIME_IDT_SYMBOLS.map((n) => image.symbols.find((s) => s.name === n)).find(Boolean);
  const thunks = new Set(image.symbols.filter((s) => XEN_THUNK.test(s.name)).map((s) => s.address));
  let xenThunk = 0;
  let depth = 0; // faults being handled by the runtime, for matching iretq
  const viaRuntime: boolean[] = [];

  cpu = new Cpu({
    platform, memory, breakpoints: thunks,
    hooks: {
      onException(vector, errorCode) {
        const runtime = idt !== undefined && BigInt(cpu.idtBase) === idt.address;
        viaRuntime.push(runtime);
        depth++;
        if (!runtime) return;
        // The frame the CPU pushed: [error code], RIP, CS, RFLAGS, RSP, SS.
        const rsp = cpu.getReg(4);
        const frame = readMemory(rsp, 48);
        if (!frame) return;
        const base = HAS_ERROR_CODE.has(vector) ? 8 : 0;
        const gpr = Array.from({ length: 16 }, (_, r) => cpu.getReg(r));
        gpr[4] = u64(frame, base + 24);
        faults.onFault(vector, errorCode, { gpr, rip: u64(frame, base) }, vector === 14 ? cpu.getCr(2) : undefined);
      },
      onIret(to) {
        if (depth === 0) return;
        depth--;
        if (!viaRuntime.pop()) return;
        faults.onReturn(to, Array.from({ length: 16 }, (_, r) => cpu.getReg(r)));
      },
      // Entries into the Xen thunks are counted with breakpoints, so that the fast path stays on.
      onBreakpoint(rip: bigint) {
        if (thunks.has(rip)) xenThunk++;
      },
      ...(options.trace
        ? {
            onInstruction(rip: bigint, bytes: Uint8Array) {
              if (!options.trace) return;
              const src = image.lines.get(Number(rip));
              const hexBytes = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
              options.trace(`${rip.toString(16).padStart(8, "0")} ${symbolAt(image, rip).padEnd(28)} ${hexBytes.padEnd(30)}${src ? ` ${src.file}:${src.line}` : ""}`);
            },
          }
        : {}),
    },
  });
  for (const s of image.segments) cpu.map(s.address, s.bytes);
  cpu.rip = image.entry;
  cpu.rflags = 2n;

  const stop = cpu.run(options.maxSteps ?? DEFAULT_MAX_STEPS);
  faults.finish();
  const disagreements = [...checkAlternativesSites(image, profile, (a, n) => readMemory(a, n) ?? new Uint8Array(n)), ...faults.disagreements];
  const exceptions: Record<string, number> = {};
  cpu.counters.exceptions.forEach((n, v) => {
    if (n) exceptions[vectorName(v)] = n;
  });
  const m = platform.counters.msr;
  return {
    profile: profile.name,
    console: platform.consoleText(),
    ...(stop.kind === "exit" ? { exitCode: stop.code } : {}),
    stop,
    stopReason: describeStop(stop, image),
    counters: {
      instructions: cpu.counters.instructions,
      exceptions,
      fixups: faults.fixupsByType,
      msr: { immediate: m["rdmsr-imm"] + m["wrmsrns-imm"], wrmsrns: m.wrmsrns, wrmsr: m.wrmsr, rdmsr: m.rdmsr, xenThunk, hypervisorTrap: platform.counters.hypervisorTraps },
      hypercalls: platform.counters.hypercalls,
    },
    disagreements,
  };
}

export function describeStop(stop: Stop, image: LoadedImage): string {
  switch (stop.kind) {
    case "exit": return `exited with code ${stop.code}`;
    case "hlt": return `halted${stop.rip !== undefined ? ` at ${symbolAt(image, stop.rip)}` : ""}`;
    case "budget": return `step budget of ${stop.steps} instructions used up (raise it with --max-steps)`;
    case "exception": return `unhandled ${vectorName(stop.vector)}${stop.errorCode !== undefined ? ` (error code 0x${stop.errorCode.toString(16)})` : ""} at ${symbolAt(image, stop.rip)}: ${stop.reason}`;
    case "triple-fault": return `triple fault at ${symbolAt(image, stop.rip)}: ${stop.reason}`;
  }
}

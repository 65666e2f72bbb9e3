/**
 * Running snippets in the core: assemble with our assembler, load at a base with a stack page, run to
 * HLT. A minimal platform answers everything (the raw-mode one, `src/emu/raw.ts`, for most tests).
 */
import { assemble } from "../../src/asm/assemble.js";
import { Cpu, PhysicalMemory } from "../../src/emu/cpu/index.js";
import type { Platform, Stop } from "../../src/emu/platform.js";

export const BASE = 0x10000;
export const STACK_TOP = 0x80000;

/** The bytes of `.text` for a snippet. */
export function code(source: string): Uint8Array {
  const { object } = assemble(source + "\n", { file: "snippet.s" });
  const text = object.sections.find((s) => s.name === ".text");
  if (!text) throw new Error("no .text");
  return text.data;
}

export function testPlatform(overrides: Partial<Platform> = {}): Platform {
  return {
    has: () => true,
    cpuid: () => [0, 0, 0, 0],
    rdmsr: () => ({ ok: true, value: 0n }),
    wrmsr: () => ({ ok: true, value: 0n }),
    ioRead: () => 0,
    ioWrite: () => undefined,
    vmcall: () => "ud",
    ...overrides,
  };
}

export interface Run {
  cpu: Cpu;
  stop: Stop;
  reg(n: number): bigint;
}

/** Assembles and runs `source` at BASE with RSP = STACK_TOP (one stack page below it, RAM up to 1 MiB). */
export function run(source: string, setup?: (cpu: Cpu) => void, options: { platform?: Platform; maxSteps?: number; ramSize?: number } = {}): Run {
  const memory = new PhysicalMemory({ ramSize: options.ramSize ?? 0x100000 });
  memory.map(BASE, code(source));
  const cpu = new Cpu({ platform: options.platform ?? testPlatform(), memory });
  cpu.rip = BigInt(BASE);
  cpu.setReg(4, BigInt(STACK_TOP));
  setup?.(cpu);
  const stop = cpu.run(options.maxSteps ?? 1_000_000);
  return { cpu, stop, reg: (n) => cpu.getReg(n) };
}

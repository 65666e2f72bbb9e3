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

/** `.text` bytes and the values of the symbols defined in it (offsets from the start). */
export function codeWithSymbols(source: string): { bytes: Uint8Array; sym: (name: string) => number } {
  const { object } = assemble(source + "\n", { file: "snippet.s" });
  const index = object.sections.findIndex((s) => s.name === ".text");
  const syms = new Map(object.symbols.filter((s) => s.section === index).map((s) => [s.name, Number(s.value)]));
  return {
    bytes: object.sections[index]!.data,
    sym: (name) => {
      const v = syms.get(name);
      if (v === undefined) throw new Error(`no symbol ${name}`);
      return v;
    },
  };
}

/** Writes a 64-bit interrupt (0xE) or trap (0xF) gate into the IDT at `idt` (physical, identity-mapped). */
export function writeGate(mem: PhysicalMemory, idt: number, vector: number, handler: number, opts: { ist?: number; type?: number; present?: boolean; selector?: number } = {}): void {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  const type = opts.type ?? 0xe;
  dv.setUint16(0, handler & 0xffff, true);
  dv.setUint16(2, opts.selector ?? 0x10, true);
  dv.setUint8(4, opts.ist ?? 0);
  dv.setUint8(5, ((opts.present ?? true) ? 0x80 : 0) | type);
  dv.setUint16(6, (handler >>> 16) & 0xffff, true);
  dv.setUint32(8, Math.floor(handler / 2 ** 32), true);
  mem.write(idt + vector * 16, b);
}

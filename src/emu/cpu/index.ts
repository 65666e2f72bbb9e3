/**
 * The x86-64 CPU core: `Cpu` runs long-mode code at CPL 0 over a `PhysicalMemory`, asking a
 * `Platform` for everything outside the core (CPUID, MSRs, I/O, hypercalls).
 *
 * @example
 *   const memory = new PhysicalMemory();
 *   memory.map(0x1000, new Uint8Array([0x48, 0xff, 0xc0, 0xf4])); // inc %rax; hlt
 *   const cpu = new Cpu({ platform, memory });
 *   cpu.rip = 0x1000n;
 *   cpu.run(1000); // { kind: "hlt", rip: 0x1003n }
 *   cpu.getReg(0); // 1n
 */
export { Cpu, type CpuOptions, type CpuCounters } from "./cpu.js";
export { PhysicalMemory, type PhysicalMemoryOptions } from "../memory/physical.js";
export { fromU64, toU64, SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS } from "./values.js";
export { vectorName } from "./fault.js";

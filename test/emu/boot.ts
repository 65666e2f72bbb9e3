/**
 * Boots a linked image on the CPU core the way `alternator run` does, without its cross-checks: the
 * PT_LOAD segments at their physical addresses, RIP at e_entry, RAM up to 64 MiB, the `legacy`
 * profile's MachinePlatform (CPUID, the MSR file, console on port 0xE9, exit on 0xF4).
 */
import { findProfile } from "../../src/isa/cpu-profiles.js";
import { readExec } from "../../src/obj/read-exec.js";
import { loadImage } from "../../src/emu/loader.js";
import { Cpu, PhysicalMemory } from "../../src/emu/cpu/index.js";
import { MachinePlatform } from "../../src/emu/machine-platform.js";
import type { Stop } from "../../src/emu/platform.js";

export function bootImage(image: Uint8Array, maxSteps = 50_000_000): { console: string; stop: Stop; cpu: Cpu } {
  const loaded = loadImage(readExec(image, "program.elf"));
  const memory = new PhysicalMemory({ ramSize: 64 << 20 });
  for (const seg of loaded.segments) memory.map(seg.address, seg.bytes);
  let cpu: Cpu | undefined;
  const platform = new MachinePlatform(findProfile("legacy")!, () => cpu!.tsc);
  cpu = new Cpu({ platform, memory });
  cpu.rip = loaded.entry;
  const stop = cpu.run(maxSteps);
  return { console: platform.consoleText(), stop, cpu };
}


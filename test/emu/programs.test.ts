/**
 * The self-checking programs (test/programs/*.S, linked after the runtime as test/programs does) on
 * the bundled CPU core: the image's PT_LOAD segments at their physical addresses, RIP at e_entry,
 * RAM up to 64 MiB, the `legacy` profile's platform (MachinePlatform: CPUID, the MSR file, console
 * on port 0xE9, exit on 0xF4) — the machine `alternator run` builds, without its cross-checks. Each program must print "NAME: N checks passed" and exit 0.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assemble } from "../../src/asm/assemble.js";
import { findProfile } from "../../src/isa/cpu-profiles.js";
import { link, runtimeObjects, writeExec } from "../../src/link/index.js";
import { readExec } from "../../src/obj/read-exec.js";
import { loadImage } from "../../src/emu/loader.js";
import { Cpu, PhysicalMemory } from "../../src/emu/cpu/index.js";
import { MachinePlatform } from "../../src/emu/machine-platform.js";
import type { Stop } from "../../src/emu/platform.js";

const PROGRAMS = join(import.meta.dirname, "..", "programs");
const programs = readdirSync(PROGRAMS).filter((f) => f.endsWith(".S")).sort();

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

describe("the self-checking programs on the CPU core", () => {
  const runtime = runtimeObjects();
  it.each(programs)("%s exits 0 with every check passed", (file) => {
    const src = readFileSync(join(PROGRAMS, file), "latin1");
    const obj = assemble(src, { file: join(PROGRAMS, file), includeDirs: [join(PROGRAMS, "include")] }).object;
    const r = bootImage(writeExec(link([...runtime, obj])));
    const name = file.replace(/\.S$/, "");
    expect({ stop: r.stop, console: r.console }).toEqual({ stop: { kind: "exit", code: 0 }, console: expect.stringMatching(new RegExp(`${name}: \\d+ checks passed\\n$`)) });
  });
});

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
import { link, runtimeObjects, writeExec } from "../../src/link/index.js";
import { bootImage } from "./boot.js";

const PROGRAMS = join(import.meta.dirname, "..", "programs");
const programs = readdirSync(PROGRAMS).filter((f) => f.endsWith(".S")).sort();

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

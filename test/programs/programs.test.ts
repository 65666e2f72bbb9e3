/**
 * The self-checking programs: each test/programs/*.S is a `main` that runs a family of instructions
 * (flags, shifts, multiply and divide, strings, bit operations, exceptions) and compares every result
 * with what real x86-64 hardware gives. A program prints "NAME: N checks passed" and exits 0, or prints
 * one "FAIL NAME:check got … want …" line per failed check and exits with the first failed check's
 * number (include/check.inc). The verdict is in the image, so every machine that boots it is tested
 * the same way: the runners below (QEMU today; the bundled emulator is one more line).
 *
 * Each program is also assembled by GNU as 2.40, and the two objects must be the same (sections and
 * bytes, symbols, relocations): the programs are plain GNU-as AT&T assembly, so this is free coverage
 * of the assembler.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../../src/asm/assemble.js";
import { link, runtimeObjects, writeExec } from "../../src/link/index.js";
import type { ObjectFile } from "../../src/obj/object.js";
import { writeElf } from "../../src/obj/write-elf.js";
import { bootInQemu, QEMU } from "../support/qemu.js";
import { findProfile } from "../../src/isa/cpu-profiles.js";
import { readExec } from "../../src/obj/read-exec.js";
import { runImage } from "../../src/emu/run-image.js";
import { describeError } from "../support/alternator.js";
import { compareObjects } from "../support/compare.js";
import { gnuAs, scratchDir } from "../support/gnu.js";

const PROGRAMS_DIR = import.meta.dirname;
const INCLUDE_DIR = join(PROGRAMS_DIR, "include");

/** A machine that boots an image: the console text and the guest's exit code (null: none, e.g. a triple fault). */
interface Runner {
  name: string;
  /** Why this runner cannot run here; undefined when it can. */
  missing: () => string | undefined;
  run: (imagePath: string) => { console: string; exit: number | null };
}

/** The bundled emulator on one profile; a cross-check disagreement fails the run like a wrong exit code. */
function emulator(profile: string): Runner {
  return {
    name: `the emulator (${profile})`,
    missing: () => undefined,
    run: (image) => {
      const r = runImage(readExec(new Uint8Array(readFileSync(image)), image), findProfile(profile)!);
      const notes = r.disagreements.map((d) => `cross-check: ${d.at}: ${d.message}`).join("\n");
      return { console: r.console + (r.stop.kind === "exit" ? "" : `\n[${r.stopReason}]`) + (notes ? `\n${notes}` : ""), exit: notes ? null : r.exitCode ?? null };
    },
  };
}

/** One line per machine. */
const RUNNERS: Runner[] = [
  { name: "QEMU", missing: () => (existsSync(QEMU) ? undefined : `${QEMU} is not installed`), run: (image) => bootInQemu(image) },
  emulator("legacy"),
  emulator("xen-pv"),
];

const programs = readdirSync(PROGRAMS_DIR).filter((f) => f.endsWith(".S")).sort();

const dir = scratchDir("alternator-programs-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const source = (file: string): string => readFileSync(join(PROGRAMS_DIR, file), "latin1");

const objects = new Map<string, ObjectFile>();
/** The program assembled by Alternator (once per file). */
function ours(file: string): ObjectFile {
  let object = objects.get(file);
  if (!object) {
    try {
      object = assemble(source(file), { file: join(PROGRAMS_DIR, file), includeDirs: [INCLUDE_DIR] }).object;
    } catch (e) {
      throw new Error(`Alternator rejected ${file}:\n${describeError(e)}`);
    }
    objects.set(file, object);
  }
  return object;
}

const images = new Map<string, string>();
/** The program linked after the runtime, as an ELF executable on disk (once per file). */
function image(file: string): string {
  let path = images.get(file);
  if (!path) {
    path = join(dir, file.replace(/\.S$/, ".elf"));
    writeFileSync(path, writeExec(link([...runtimeObjects(), ours(file)])));
    images.set(file, path);
  }
  return path;
}

it("there are self-checking programs", () => {
  expect(programs).toEqual(expect.arrayContaining(["bits.S", "exceptions.S", "flags.S", "muldiv.S", "shifts.S", "string.S"]));
});

describe("GNU as 2.40 assembles each program to the same object", () => {
  it.each(programs)("%s", (file) => {
    const gnu = gnuAs(source(file), dir, file, { includeDirs: [INCLUDE_DIR] });
    expect(gnu.ok, gnu.stderr).toBe(true);
    expect(gnu.messages, gnu.stderr).toEqual([]);
    const path = join(dir, file.replace(/\.S$/, ".alt.o"));
    writeFileSync(path, writeElf(ours(file)));
    expect(compareObjects(gnu.object, path)).toBe("");
  });
});

for (const runner of RUNNERS) {
  const missing = runner.missing();
  // In CI every runner must be there (.ci/run installs QEMU): its absence is a failure, not a skip.
  if (missing && process.env.CI) {
    it(`${runner.name} is available in CI`, () => expect.fail(missing));
    continue;
  }
  describe.skipIf(!!missing)(`${runner.name} runs each program to exit code 0${missing ? ` (skipped: ${missing})` : ""}`, () => {
    it.each(programs)("%s", (file) => {
      const name = file.replace(/\.S$/, "");
      const run = runner.run(image(file));
      const summary = new RegExp(`^${name}: (\\d+) checks passed$`, "m").exec(run.console);
      expect({ exit: run.exit, console: run.console }).toEqual({ exit: 0, console: expect.stringMatching(/checks passed\n$/) });
      expect(summary, run.console).not.toBeNull();
      expect(Number(summary![1])).toBeGreaterThan(0);
      expect(run.console).not.toMatch(/^FAIL /m);
    });
  });
}

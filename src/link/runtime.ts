/**
 * The freestanding runtime (`runtime/*.S` at the package root) as objects, assembled by our own
 * assembler: the PVH boot stub with its ELF note, the 64-bit entry that calls `main`, and the console
 * and exit helpers. `alternator link` links it in unless told not to (`--no-runtime`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { assemble } from "../asm/assemble.js";
import type { ObjectFile } from "../obj/object.js";

/** `runtime/` beside `src/` (and beside `dist/` in the published package). */
export const RUNTIME_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "runtime");

/** The runtime's source files, in link order (boot stub first). */
export function runtimeSources(dir = RUNTIME_DIR): string[] {
  const order = (f: string): number => (f === "pvh.S" ? 0 : f === "start.S" ? 1 : 2);
  return readdirSync(dir)
    .filter((f) => /\.S$/.test(f))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((f) => join(dir, f));
}

/** Where the runtime's `.include`s are found (`ptrace.inc` …): GNU as needs the same `-I`. */
export function runtimeIncludeDirs(dir = RUNTIME_DIR): string[] {
  return [join(dir, "include"), dir];
}

export function runtimeObjects(dir = RUNTIME_DIR): ObjectFile[] {
  return runtimeSources(dir).map((file) => assemble(readFileSync(file).toString("latin1"), { file, includeDirs: runtimeIncludeDirs(dir) }).object);
}

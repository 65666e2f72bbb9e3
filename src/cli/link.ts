/**
 * `alternator link FILE.o... -o IMAGE [--entry SYM] [--format elf|bin] [--map FILE] [--cpu PROFILE]
 * [--no-runtime]`. Inputs are ELF64 relocatable objects (ours or GNU as's); a `.S`/`.s` input is
 * assembled first. The runtime (`runtime/`) is linked in front of the inputs unless `--no-runtime`.
 */
import { readFileSync } from "node:fs";
import { assemble } from "../asm/assemble.js";
import { DiagnosticError, error } from "../diag/diagnostic.js";
import { link, mapFile, runtimeObjects, writeExec, writeFlat } from "../link/index.js";
import type { ObjectFile } from "../obj/object.js";
import { readElf } from "../obj/read-elf.js";
import { writeFileAtomic } from "./files.js";

export interface LinkCommandOptions {
  output: string;
  entry?: string;
  format: "elf" | "bin";
  map?: string;
  cpu?: string;
  runtime: boolean;
  include: string[];
}

function readInput(file: string, include: string[]): ObjectFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new DiagnosticError([error("C002", `cannot read \`${file}\`: ${(e as Error).message}`)]);
  }
  if (/\.[sS]$/.test(file)) return assemble(Buffer.from(bytes).toString("latin1"), { file, includeDirs: include }).object;
  return readElf(bytes, file);
}

export function linkCommand(files: string[], opts: LinkCommandOptions): void {
  if (files.length === 0) throw new DiagnosticError([error("C001", "link: no input files")]);
  const objects = files.map((f) => readInput(f, opts.include));
  const all = opts.runtime ? [...runtimeObjects(), ...objects] : objects;
  const image = link(all, { ...(opts.entry !== undefined ? { entry: opts.entry } : {}), ...(opts.cpu !== undefined ? { cpu: opts.cpu } : {}) });
  const bytes = opts.format === "bin" ? writeFlat(image) : writeExec(image);
  if (opts.map) writeFileAtomic(opts.map, mapFile(image));
  writeFileAtomic(opts.output, bytes);
}

/**
 * Shared pieces of the linker tests: the test images' sources, objects made by either assembler, and
 * the GNU ld linker script that spells out Alternator's default layout, so that `ld` can be the oracle
 * for the loaded bytes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assemble } from "../../src/asm/assemble.js";
import { runtimeIncludeDirs, runtimeSources } from "../../src/link/runtime.js";
import type { ObjectFile } from "../../src/obj/object.js";
import { readElf } from "../../src/obj/read-elf.js";
import { writeElf } from "../../src/obj/write-elf.js";
import { gnuAs } from "../support/gnu.js";

export const IMAGES = join(import.meta.dirname, "images");

export const imageSource = (name: string): string => join(IMAGES, name);

/** Assembles with Alternator; returns the in-memory object and writes it as `dir/NAME.alt.o`. */
export function ours(file: string, dir: string): { object: ObjectFile; path: string } {
  const object = assemble(readFileSync(file).toString("latin1"), { file, includeDirs: runtimeIncludeDirs() }).object;
  const path = join(dir, `${file.split("/").pop()}.alt.o`);
  writeFileSync(path, writeElf(object));
  return { object, path };
}

/** Assembles with GNU as 2.40; returns the object as our reader sees it and its path. */
export function gnu(file: string, dir: string): { object: ObjectFile; path: string } {
  const name = file.split("/").pop()!;
  const r = gnuAs(readFileSync(file, "latin1"), dir, name, { includeDirs: runtimeIncludeDirs() });
  if (!r.ok) throw new Error(`GNU as failed on ${file}:\n${r.stderr}`);
  return { object: readElf(readFileSync(r.object), r.object), path: r.object };
}

export const runtimeFiles = (): string[] => runtimeSources();

/**
 * Alternator's default layout as a GNU ld script (src/link/layout-spec.ts), with the boundary symbols
 * the linker provides. `orphans` are placed where our orphan rule puts them (after `.notes`).
 */
export function ldScript(orphans: string[] = []): string {
  return `ENTRY(_start64)
SECTIONS
{
  . = 0x100000;
  .text : { _text = .; *(.text.boot) *(.text .text.*) }
  .altinstr_replacement : { *(.altinstr_replacement) }
  _etext = .;
  . = ALIGN(0x1000);
  .rodata : { *(.rodata .rodata.*) }
  .altinstructions : { __alt_instructions = .; *(.altinstructions) __alt_instructions_end = .; }
  __ex_table : { __start___ex_table = .; *(__ex_table) __stop___ex_table = .; }
  .notes : { *(.note.*) }
${orphans.map((o) => `  ${o} : { __start_${o} = .; *(${o}) __stop_${o} = .; }`).join("\n")}
  . = ALIGN(0x1000);
  .data : { *(.data .data.*) }
  _edata = .;
  .bss : { *(.bss .bss.*) *(COMMON) }
  _end = .;
  /DISCARD/ : { *(.note.GNU-stack) *(.comment) *(.eh_frame) }
}
`;
}

/**
 * Symbols the linker defines, as GNU ld and the kernel's linker script define them. An object's own
 * definition always wins (they are `PROVIDE`d):
 *
 * - `_text`, `_etext` (end of the code), `_edata` (end of the file-backed data), `_end` (end of the
 *   image, bss included);
 * - `__alt_instructions` / `__alt_instructions_end` around `.altinstructions`, and
 *   `__start___ex_table` / `__stop___ex_table` around `__ex_table` — both pairs exist even when the
 *   table is empty, so that a runtime's loop over them simply does nothing;
 * - `__start_NAME` / `__stop_NAME` for every output section whose name is a C identifier.
 *
 * An image whose alternatives are applied at link time (`--cpu`) must not be patched again at boot:
 * its sites already hold the chosen bytes, and a second pass for another CPU would start from those
 * instead of the originals. For such an image `__alt_instructions_end` equals `__alt_instructions`,
 * so the runtime's patcher sees an empty table; the records stay in `.altinstructions` for the tools.
 */
import { PT_LOAD, PF_W, PF_X, SHT_NOBITS } from "../obj/elf.js";
import type { OutputSection, Segment } from "./image.js";
import type { GlobalDef } from "./resolve.js";

const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function defineBoundarySymbols(globals: Map<string, GlobalDef>, sections: readonly OutputSection[], segments: readonly Segment[], base: number, staticAlternatives = false): string[] {
  const defined: string[] = [];
  const provide = (name: string, value: number, section: number | "abs"): void => {
    const prev = globals.get(name);
    if (prev && prev.kind !== "undefined-weak") return;
    globals.set(name, { kind: "linker", value, section });
    defined.push(name);
  };
  const end = (i: number): number => sections[i]!.address + sections[i]!.size;
  const loads = segments.filter((s) => s.type === PT_LOAD);
  const last = sections.length - 1;
  const imageEnd = last >= 0 ? end(last) : base;

  const text = sections.findIndex((s) => s.name === ".text");
  provide("_text", text >= 0 ? sections[text]!.address : base, text >= 0 ? text : "abs");
  const code = loads.filter((s) => (s.flags & PF_X) !== 0).pop();
  const codeEnd = code ? code.address + code.memSize : base;
  provide("_etext", codeEnd, sectionEndingAt(sections, codeEnd));
  const data = loads.filter((s) => (s.flags & PF_W) !== 0).pop();
  const lastFile = [...sections.keys()].filter((i) => sections[i]!.type !== SHT_NOBITS).pop();
  const dataEnd = data ? data.address + data.fileSize : lastFile !== undefined ? end(lastFile) : base;
  provide("_edata", dataEnd, sectionEndingAt(sections, dataEnd));
  provide("_end", imageEnd, last >= 0 ? last : "abs");

  const pair = (secName: string, start: string, stop: string, empty = false): void => {
    const i = sections.findIndex((s) => s.name === secName);
    if (i >= 0) {
      provide(start, sections[i]!.address, i);
      provide(stop, empty ? sections[i]!.address : end(i), i);
    } else {
      provide(start, imageEnd, "abs");
      provide(stop, imageEnd, "abs");
    }
  };
  pair(".altinstructions", "__alt_instructions", "__alt_instructions_end", staticAlternatives);
  pair("__ex_table", "__start___ex_table", "__stop___ex_table");
  sections.forEach((s, i) => {
    if (!C_IDENTIFIER.test(s.name)) return;
    provide(`__start_${s.name}`, s.address, i);
    provide(`__stop_${s.name}`, end(i), i);
  });
  return defined;
}

/** The output section a boundary address closes (for the symbol's section index). */
function sectionEndingAt(sections: readonly OutputSection[], address: number): number | "abs" {
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i]!;
    if (address >= s.address && address <= s.address + s.size) return i;
  }
  return "abs";
}

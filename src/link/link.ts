/**
 * `link()`: objects in, image out. This file is the linker's table of contents — the steps run in
 * this order, each one line of reason:
 *
 *   1. collectInputs        which sections take part (layout discards, COMDAT groups, non-alloc dropped)
 *      checkRelocationTypes  refuse GOT/PLT/TLS types first (they also drag in _GLOBAL_OFFSET_TABLE_)
 *   2. resolveSymbols       global/weak/common resolution; duplicates are errors
 *   3. place                input → output sections → addresses → segments (R, RX, RW pages, PT_NOTE)
 *   4. defineBoundarySymbols  _text/_etext/_edata/_end, the Linux table bounds (empty for the boot
 *                           patcher when `cpu` patches at link time), __start_/__stop_
 *   5. undefined check      every remaining undefined reference, with every place that makes it
 *   6. applyRelocations     S + A (− P) into the output bytes, with overflow checks
 *   7. sortExtable          __ex_table in address order; main_extable_sort_needed = 0
 *   8. checkAlternatives    .altinstructions as objtool checks it, errors at the site's source line
 *   9. static alternatives  only with `cpu`: patch every site for that profile (src/kernel model)
 *  10. entry, symbols       e_entry, the output symbol table, the line table of our objects
 */
import { DiagnosticError, error, type Diagnostic } from "../diag/diagnostic.js";
import { SHT_NOBITS, SHT_PROGBITS } from "../obj/elf.js";
import { encodeLineTable, LINE_TABLE_SECTION, type ImageLine } from "../obj/line-table.js";
import type { ObjectFile } from "../obj/object.js";
import { checkAlternatives, applyStaticAlternatives } from "./alternatives.js";
import { defineBoundarySymbols } from "./boundary.js";
import { EXTABLE_SECTION, sortExtable } from "./extable-sort.js";
import type { Image } from "./image.js";
import { collectInputs, type InputTable } from "./inputs.js";
import { resolveLayout, type LinkLayout } from "./layout-spec.js";
import { place } from "./place.js";
import { applyRelocations, checkRelocationTypes, symbolAddresses } from "./relocate.js";
import { referencePlaces, resolveSymbols, type GlobalDef } from "./resolve.js";
import { buildSymbols } from "./symtab.js";

export interface LinkOptions {
  /** Layout overrides; anything left out comes from `defaultLayout`. */
  layout?: Partial<LinkLayout>;
  /** Entry symbol (`e_entry`); default `_start64`, else `_start`. */
  entry?: string;
  /** Apply alternatives statically for this CPU profile (by name). */
  cpu?: string;
}

/** Symbols tried, in order, when no entry is given. */
export const DEFAULT_ENTRIES = ["_start64", "_start"];

/**
 * Links objects (from `assemble()` or `readElf()`) into an image. Throws `DiagnosticError` with every
 * error found in the failing step.
 *
 * @example
 * const image = link([assemble(src, { file: "a.S" }).object], { entry: "_start" });
 */
export function link(objects: readonly ObjectFile[], options: LinkOptions = {}): Image {
  const layout = resolveLayout(options.layout);
  const inputs = collectInputs(objects, layout);
  checkRelocationTypes(objects, inputs);
  const { globals, undefined: undefinedRefs } = resolveSymbols(objects, inputs);
  const commons = [...globals.values()].filter((g): g is Extract<GlobalDef, { kind: "common" }> => g.kind === "common");
  const { sections, segments } = place(inputs, commons, layout);
  const linkerDefined = defineBoundarySymbols(globals, sections, segments, layout.base, options.cpu !== undefined);
  reportUndefined(objects, globals, undefinedRefs);
  const address = symbolAddresses(objects, inputs, globals, sections);
  applyRelocations(objects, inputs, sections, address);
  const extable = sections.find((s) => s.name === EXTABLE_SECTION);
  if (extable) sortExtable(extable);
  const image: Image = { kind: "image", entry: 0, sections, segments, symbols: buildSymbols(objects, inputs, globals, sections, linkerDefined) };
  clearSortNeeded(image);
  addLineTable(image, inputs);
  checkAlternatives(image, objects, inputs);
  if (options.cpu !== undefined) applyStaticAlternatives(image, options.cpu);
  image.entry = entryAddress(image, options.entry);
  return image;
}

function reportUndefined(objects: readonly ObjectFile[], globals: Map<string, GlobalDef>, refs: Map<string, { objectIndex: number; symbolIndex: number }[]>): void {
  const errors: Diagnostic[] = [];
  for (const [name, list] of refs) {
    if (globals.has(name)) continue; // defined by the linker
    const places = referencePlaces(objects, list);
    const d = error("L001", `undefined symbol \`${name}\`, referenced from ${places.map((p) => p.text).join(", ")}`, places.find((p) => p.span)?.span);
    const notes = places.filter((p) => p.span).slice(1).map((p): Diagnostic => ({ severity: "note", code: "L001", message: `\`${name}\` is also referenced here`, span: p.span! }));
    if (notes.length) d.notes = notes;
    errors.push(d);
  }
  if (errors.length) throw new DiagnosticError(errors);
}

/** The instructions' source lines, for traces (src/obj/line-table.ts), when any input has them. */
function addLineTable(image: Image, inputs: InputTable): void {
  const lines: ImageLine[] = [];
  for (const row of inputs) {
    for (const inp of row) {
      for (const l of inp?.section.lines ?? []) lines.push({ address: inp!.address + l.offset, file: l.file, line: l.line });
    }
  }
  if (lines.length === 0) return;
  const data = encodeLineTable(lines);
  image.sections.push({ name: LINE_TABLE_SECTION, type: SHT_PROGBITS, flags: 0, address: 0, size: data.length, align: 8, data, inputs: [] });
}

/** `main_extable_sort_needed = 0` once the table is sorted (Linux's sorttable does the same). */
function clearSortNeeded(image: Image): void {
  const sym = image.symbols.find((s) => s.name === "main_extable_sort_needed" && s.section !== "abs");
  if (!sym) return;
  const sec = image.sections[sym.section as number]!;
  if (sec.type === SHT_NOBITS) return;
  const off = Number(sym.value) - sec.address;
  if (off >= 0 && off + 4 <= sec.data.length) sec.data.fill(0, off, off + 4);
}

function entryAddress(image: Image, entry: string | undefined): number {
  const names = entry !== undefined ? [entry] : DEFAULT_ENTRIES;
  for (const n of names) {
    const s = image.symbols.find((x) => x.name === n && x.bind !== 0);
    if (s) return Number(s.value);
    const local = image.symbols.find((x) => x.name === n);
    if (local) return Number(local.value);
  }
  const hint = entry !== undefined ? `entry symbol \`${entry}\` is not defined` : `no entry symbol: define ${DEFAULT_ENTRIES.map((n) => `\`${n}\``).join(" or ")}, or pass --entry SYM`;
  throw new DiagnosticError([error("L007", hint)]);
}

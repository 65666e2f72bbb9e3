/**
 * Symbol resolution, as a static ELF linker does it:
 *
 * - A local symbol belongs to its object and is never seen by the others.
 * - A global definition beats a weak one; two global definitions of one name are an error naming
 *   both places; between two weak definitions the first one (command-line order) wins.
 * - A common symbol (`.comm`) is a tentative definition: commons of one name merge (largest size,
 *   largest alignment) and any real definition beats them; a surviving common is allocated in `.bss`.
 * - An undefined global reference no object defines is an error listing every place that refers to
 *   it, unless it is weak (it then resolves to 0) or the linker defines it (boundary symbols).
 */
import { DiagnosticError, error, type Diagnostic, type SourceSpan } from "../diag/diagnostic.js";
import { STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_SECTION } from "../obj/elf.js";
import type { ObjectFile, ObjSymbol } from "../obj/object.js";
import type { InputTable } from "./inputs.js";

export type GlobalDef =
  /** Defined in an object: section-relative or absolute. */
  | { kind: "object"; objectIndex: number; symbolIndex: number; sym: ObjSymbol; weak: boolean }
  /** A common symbol to allocate in `.bss`; `address` is set by placement. */
  | { kind: "common"; objectIndex: number; symbolIndex: number; sym: ObjSymbol; size: number; align: number; address: number }
  /** Defined by the linker (boundary symbols, `_end`); `section` is an output section index. */
  | { kind: "linker"; value: number; section: number | "abs" }
  /** A weak reference nobody defines: 0. */
  | { kind: "undefined-weak" };

export interface Resolution {
  globals: Map<string, GlobalDef>;
  /** Names referred to but not defined by any object (the linker may still define them). */
  undefined: Map<string, { objectIndex: number; symbolIndex: number }[]>;
}

export function resolveSymbols(objects: readonly ObjectFile[], inputs: InputTable): Resolution {
  const globals = new Map<string, GlobalDef>();
  const refs = new Map<string, { objectIndex: number; symbolIndex: number; weak: boolean }[]>();
  const errors: Diagnostic[] = [];

  objects.forEach((obj, objectIndex) => {
    obj.symbols.forEach((sym, symbolIndex) => {
      if (sym.bind === STB_LOCAL || sym.type === STT_SECTION || sym.name === "") return;
      if (sym.section === "undef") {
        const list = refs.get(sym.name) ?? [];
        list.push({ objectIndex, symbolIndex, weak: sym.bind === STB_WEAK });
        refs.set(sym.name, list);
        return;
      }
      // A definition in a discarded section (a dropped COMDAT member) does not count.
      if (typeof sym.section === "number" && !inputs[objectIndex]![sym.section]) return;
      const prev = globals.get(sym.name);
      if (sym.section === "common") {
        const size = Number(sym.size);
        const align = Math.max(1, Number(sym.value));
        if (!prev) globals.set(sym.name, { kind: "common", objectIndex, symbolIndex, sym, size, align, address: 0 });
        else if (prev.kind === "common") {
          prev.size = Math.max(prev.size, size);
          prev.align = Math.max(prev.align, align);
        }
        return;
      }
      const weak = sym.bind === STB_WEAK;
      const def: GlobalDef = { kind: "object", objectIndex, symbolIndex, sym, weak };
      if (!prev || prev.kind === "common") {
        globals.set(sym.name, def);
        return;
      }
      if (prev.kind !== "object") return;
      if (prev.weak && !weak) {
        globals.set(sym.name, def);
        return;
      }
      if (!prev.weak && !weak) errors.push(duplicate(objects, sym, objectIndex, prev));
    });
  });
  if (errors.length) throw new DiagnosticError(errors);

  const undefinedRefs = new Map<string, { objectIndex: number; symbolIndex: number }[]>();
  for (const [name, list] of refs) {
    if (globals.has(name)) continue;
    if (list.every((r) => r.weak)) {
      globals.set(name, { kind: "undefined-weak" });
      continue;
    }
    undefinedRefs.set(name, list);
  }
  return { globals, undefined: undefinedRefs };
}

function where(obj: ObjectFile, sym: ObjSymbol): string {
  if (sym.span) return `${sym.span.file}:${sym.span.line}`;
  const sec = typeof sym.section === "number" ? obj.sections[sym.section]?.name : undefined;
  return sec ? `${obj.fileName}(${sec}+0x${sym.value.toString(16)})` : obj.fileName;
}

function duplicate(objects: readonly ObjectFile[], sym: ObjSymbol, objectIndex: number, prev: { objectIndex: number; sym: ObjSymbol }): Diagnostic {
  const first = where(objects[prev.objectIndex]!, prev.sym);
  const second = where(objects[objectIndex]!, sym);
  const d = error("L002", `duplicate symbol \`${sym.name}\`: defined in ${first} and in ${second}`, sym.span);
  const note: Diagnostic = { severity: "note", code: "L002", message: `first definition of \`${sym.name}\` (${first})` };
  if (prev.sym.span) note.span = prev.sym.span;
  d.notes = [note];
  return d;
}

/** The places that refer to `name`: relocation source lines where known, else `file(section+offset)`. */
export function referencePlaces(objects: readonly ObjectFile[], refs: readonly { objectIndex: number; symbolIndex: number }[]): { text: string; span?: SourceSpan }[] {
  const out: { text: string; span?: SourceSpan }[] = [];
  for (const r of refs) {
    const obj = objects[r.objectIndex]!;
    let found = false;
    for (const sec of obj.sections) {
      for (const rel of sec.relocs) {
        if (rel.symbol !== r.symbolIndex) continue;
        found = true;
        out.push(rel.span ? { text: `${rel.span.file}:${rel.span.line}`, span: rel.span } : { text: `${obj.fileName}(${sec.name}+0x${rel.offset.toString(16)})` });
      }
    }
    if (!found) out.push({ text: obj.fileName });
  }
  return out;
}

export const isGlobalBinding = (bind: number): boolean => bind === STB_GLOBAL || bind === STB_WEAK;

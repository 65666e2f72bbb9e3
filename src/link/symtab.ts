/**
 * The image's symbol table, as GNU ld writes it for a static executable: for each object its file
 * symbol and its named local symbols, then the global symbols (objects' definitions in command-line
 * order, then the linker's own). Section symbols and symbols of discarded sections are left out.
 */
import { STB_GLOBAL, STB_LOCAL, STT_FILE, STT_NOTYPE, STT_SECTION } from "../obj/elf.js";
import type { ObjectFile } from "../obj/object.js";
import type { ImageSymbol, OutputSection } from "./image.js";
import type { InputTable } from "./inputs.js";
import type { GlobalDef } from "./resolve.js";

export function buildSymbols(objects: readonly ObjectFile[], inputs: InputTable, globals: Map<string, GlobalDef>, sections: readonly OutputSection[], linkerDefined: readonly string[]): ImageSymbol[] {
  const locals: ImageSymbol[] = [];
  const out: ImageSymbol[] = [];
  objects.forEach((obj, o) => {
    for (const sym of obj.symbols) {
      if (sym.bind !== STB_LOCAL || sym.type === STT_SECTION || sym.name === "") continue;
      if (sym.type === STT_FILE) {
        locals.push({ name: sym.name, value: 0n, size: 0, bind: STB_LOCAL, type: STT_FILE, section: "abs", file: obj.fileName });
        continue;
      }
      const placed = placedValue(inputs, o, sym.section, sym.value);
      if (!placed) continue;
      locals.push({ name: sym.name, value: placed.value, size: Number(sym.size), bind: STB_LOCAL, type: sym.type, section: placed.section, file: obj.fileName, ...(sym.span ? { span: sym.span } : {}) });
    }
  });
  for (const [name, g] of globals) {
    if (g.kind === "object") {
      const placed = placedValue(inputs, g.objectIndex, g.sym.section, g.sym.value);
      if (!placed) continue;
      const file = objects[g.objectIndex]!.fileName;
      out.push({ name, value: placed.value, size: Number(g.sym.size), bind: g.sym.bind, type: g.sym.type, section: placed.section, file, ...(g.sym.span ? { span: g.sym.span } : {}) });
    } else if (g.kind === "common") {
      const section = sections.findIndex((s) => s.inputs.some((i) => i.file === "COMMON" && i.name === name));
      out.push({ name, value: BigInt(g.address), size: g.size, bind: STB_GLOBAL, type: g.sym.type, section: section >= 0 ? section : "abs", file: objects[g.objectIndex]!.fileName });
    }
  }
  for (const name of linkerDefined) {
    const g = globals.get(name);
    if (g?.kind === "linker") out.push({ name, value: BigInt(g.value), size: 0, bind: STB_GLOBAL, type: STT_NOTYPE, section: g.section });
  }
  return [...locals, ...out];
}

function placedValue(inputs: InputTable, objectIndex: number, section: number | "undef" | "abs" | "common", value: bigint): { value: bigint; section: number | "abs" } | undefined {
  if (section === "abs") return { value: BigInt.asUintN(64, value), section: "abs" };
  if (typeof section !== "number") return undefined;
  const inp = inputs[objectIndex]![section];
  if (!inp) return undefined;
  return { value: BigInt(inp.address) + value, section: inp.out };
}

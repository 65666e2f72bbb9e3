/**
 * Relocation, in the x86-64 psABI's own terms: S is the symbol's address, A the addend, P the address
 * of the field being relocated. A static image has no GOT and no PLT, so a PLT32 call goes straight to
 * the symbol (S + A − P) and the GOT-relative types are refused.
 *
 * Overflow is checked as GNU ld checks it: the signed types (PC8/16/32, 32S) must fit the field as a
 * signed value, R_X86_64_32 as an unsigned one, and R_X86_64_8/16 as either ("bitfield"). A failure
 * names the symbol, the place (source line when the object came from Alternator, else
 * `file(section+offset)`) and the value.
 */
import { DiagnosticError, error, type Diagnostic } from "../diag/diagnostic.js";
import {
  R_X86_64_16, R_X86_64_32, R_X86_64_32S, R_X86_64_64, R_X86_64_8, R_X86_64_NONE, R_X86_64_PC16, R_X86_64_PC32,
  R_X86_64_PC64, R_X86_64_PC8, R_X86_64_PLT32, STB_LOCAL, relocNames,
} from "../obj/elf.js";
import type { ObjectFile, Reloc } from "../obj/object.js";
import type { OutputSection } from "./image.js";
import type { InputSection, InputTable } from "./inputs.js";
import type { GlobalDef } from "./resolve.js";

type Check = "signed" | "unsigned" | "bitfield" | "none";

interface RelocHow {
  size: 1 | 2 | 4 | 8;
  pcrel: boolean;
  check: Check;
}

/** Every relocation type the linker applies: field size, S + A or S + A − P, and the overflow rule. */
const howTo: Readonly<Record<number, RelocHow>> = {
  [R_X86_64_64]: { size: 8, pcrel: false, check: "none" },
  [R_X86_64_PC64]: { size: 8, pcrel: true, check: "none" },
  [R_X86_64_PC32]: { size: 4, pcrel: true, check: "signed" },
  [R_X86_64_PLT32]: { size: 4, pcrel: true, check: "signed" },
  [R_X86_64_32]: { size: 4, pcrel: false, check: "unsigned" },
  [R_X86_64_32S]: { size: 4, pcrel: false, check: "signed" },
  [R_X86_64_16]: { size: 2, pcrel: false, check: "bitfield" },
  [R_X86_64_PC16]: { size: 2, pcrel: true, check: "signed" },
  [R_X86_64_8]: { size: 1, pcrel: false, check: "bitfield" },
  [R_X86_64_PC8]: { size: 1, pcrel: true, check: "signed" },
};

/** Address of a symbol of an object; undefined when it resolves to nothing placed. */
export type SymbolAddress = (objectIndex: number, symbolIndex: number) => bigint;

export function symbolAddresses(objects: readonly ObjectFile[], inputs: InputTable, globals: Map<string, GlobalDef>, outputs: readonly OutputSection[]): SymbolAddress {
  const inSection = (objectIndex: number, section: number, value: bigint): bigint => {
    const inp = inputs[objectIndex]![section];
    return inp ? BigInt(inp.address) + value : 0n; // a discarded section resolves to 0, as in GNU ld
  };
  // Relocations name the same symbols over and over: resolve each (object, symbol) once.
  const cache = objects.map((o) => new Array<bigint | undefined>(o.symbols.length));
  const resolve = (objectIndex: number, symbolIndex: number): bigint => {
    const sym = objects[objectIndex]!.symbols[symbolIndex];
    if (!sym) return 0n;
    if (sym.bind === STB_LOCAL || sym.name === "") {
      if (sym.section === "abs") return sym.value;
      if (typeof sym.section === "number") return inSection(objectIndex, sym.section, sym.value);
      return 0n;
    }
    const g = globals.get(sym.name);
    if (!g) return 0n;
    switch (g.kind) {
      case "object":
        if (g.sym.section === "abs") return g.sym.value;
        return typeof g.sym.section === "number" ? inSection(g.objectIndex, g.sym.section, g.sym.value) : 0n;
      case "common":
        return BigInt(g.address);
      case "linker":
        return BigInt(g.value);
      case "undefined-weak":
        return 0n;
    }
  };
  return (objectIndex, symbolIndex) => {
    const row = cache[objectIndex]!;
    let v = row[symbolIndex];
    if (v === undefined) row[symbolIndex] = v = resolve(objectIndex, symbolIndex);
    return v;
  };
}

/** Refuses, before anything else, every relocation type a static image cannot have. */
export function checkRelocationTypes(objects: readonly ObjectFile[], inputs: InputTable): void {
  const errors: Diagnostic[] = [];
  for (const row of inputs) {
    for (const inp of row) {
      if (!inp) continue;
      const obj = objects[inp.objectIndex]!;
      for (const r of inp.section.relocs) {
        if (r.type === R_X86_64_NONE || howTo[r.type]) continue;
        const place = r.span ? `${r.span.file}:${r.span.line}` : `${obj.fileName}(${inp.section.name}+0x${r.offset.toString(16)})`;
        const sym = r.symbol < 0 ? "(none)" : obj.symbols[r.symbol]?.name || "(unnamed)";
        errors.push(error("L004", `${place}: relocation ${relocNames[r.type] ?? `type ${r.type}`} against \`${sym}\` is not supported in a static image (no GOT or PLT)`, r.span));
      }
    }
  }
  if (errors.length) throw new DiagnosticError(errors.slice(0, 50));
}

/** Applies every relocation of every placed input section to the output sections' bytes. */
export function applyRelocations(objects: readonly ObjectFile[], inputs: InputTable, outputs: OutputSection[], address: SymbolAddress): void {
  const errors: Diagnostic[] = [];
  for (const row of inputs) {
    for (const inp of row) {
      if (!inp || inp.section.relocs.length === 0) continue;
      const out = outputs[inp.out]!;
      if (out.data.length === 0) continue; // relocations in bss have nothing to patch
      const dv = new DataView(out.data.buffer, out.data.byteOffset, out.data.byteLength);
      for (const r of inp.section.relocs) {
        const d = applyOne(objects, inp, out, dv, r, address);
        if (d) {
          errors.push(d);
          if (errors.length >= 50) throw new DiagnosticError(errors);
        }
      }
    }
  }
  if (errors.length) throw new DiagnosticError(errors);
}

function applyOne(objects: readonly ObjectFile[], inp: InputSection, out: OutputSection, dv: DataView, r: Reloc, address: SymbolAddress): Diagnostic | undefined {
  const how = howTo[r.type];
  if (!how) return undefined; // R_X86_64_NONE; the others were refused by checkRelocationTypes
  const S = r.symbol < 0 ? 0n : address(inp.objectIndex, r.symbol);
  const P = inp.address + r.offset;
  const at = P - out.address;
  // Fast path for the common case (a 32-bit field, values far below 2^53): plain numbers.
  if (how.size === 4 && S < 0x10000000000000n && r.addend > -0x10000000000000n && r.addend < 0x10000000000000n) {
    const v = Number(S) + Number(r.addend) - (how.pcrel ? P : 0);
    const ok = how.check === "signed" ? v >= -0x80000000 && v <= 0x7fffffff : v >= 0 && v <= 0xffffffff;
    if (ok) {
      dv.setUint32(at, v >>> 0, true);
      return undefined;
    }
  }
  const value = S + r.addend - (how.pcrel ? BigInt(P) : 0n);
  if (!fits(value, BigInt(how.size * 8), how.check)) return overflow(objects, inp, r, how, value);
  const u = BigInt.asUintN(64, value);
  switch (how.size) {
    case 1: dv.setUint8(at, Number(u & 0xffn)); break;
    case 2: dv.setUint16(at, Number(u & 0xffffn), true); break;
    case 4: dv.setUint32(at, Number(u & 0xffffffffn), true); break;
    case 8: dv.setBigUint64(at, u, true); break;
  }
  return undefined;
}

function overflow(objects: readonly ObjectFile[], inp: InputSection, r: Reloc, how: RelocHow, value: bigint): Diagnostic {
  const obj = objects[inp.objectIndex]!;
  const place = r.span ? `${r.span.file}:${r.span.line}` : `${obj.fileName}(${inp.section.name}+0x${r.offset.toString(16)})`;
  const sym = r.symbol < 0 ? "(none)" : obj.symbols[r.symbol]?.name || "(unnamed)";
  const v = value < 0n ? `-0x${(-value).toString(16)}` : `0x${value.toString(16)}`;
  return error("L003", `${place}: relocation ${relocNames[r.type]} against \`${sym}\` overflows: value ${v} does not fit in ${how.size * 8} bits (${how.check})`, r.span);
}

function fits(v: bigint, bits: bigint, check: Check): boolean {
  const half = 1n << (bits - 1n);
  switch (check) {
    case "none": return true;
    case "signed": return v >= -half && v < half;
    case "unsigned": return v >= 0n && v < 1n << bits;
    case "bitfield": return v >= -half && v < 1n << bits;
  }
}

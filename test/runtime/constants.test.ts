/**
 * The runtime is assembly and cannot import src/isa, and each runtime file must assemble on its own
 * (GNU as builds them one by one in the linker's tests, with no include path), so the numbers it needs
 * are written as `.equ` in the files that use them. This test keeps them one fact each: every number
 * with a name in src/isa (extable types and flags, feature numbers, the alt_instr layout, Linux's
 * NOP table, the register numbering) must be what src/isa says, and a name defined in several runtime
 * files must have one value. The test images' kernel.inc is held to the same numbers.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT, ALT_INSTR_SIZE, altInstrFields } from "../../src/isa/alt-instr.js";
import { EXTABLE_ENTRY_SIZE, EX_FLAG_CLEAR_AX, EX_FLAG_CLEAR_DX, extableTypes } from "../../src/isa/extable-types.js";
import { features } from "../../src/isa/features.js";
import { linuxNops } from "../../src/isa/nops.js";
import { gpr64Names } from "../../src/isa/registers.js";
import { RUNTIME_DIR } from "../../src/link/index.js";
import { IMAGES } from "./support.js";

/** Evaluates the integer expressions the runtime writes in `.equ` (numbers, names, + - * << | ( )). */
function evaluate(expr: string, known: ReadonlyMap<string, number>): number {
  const js = expr.replace(/\b[A-Za-z_.][\w.]*\b/g, (name) => {
    const v = known.get(name);
    if (v === undefined) throw new Error(`unknown name ${name} in \`${expr}\``);
    return `(${v})`;
  });
  if (!/^[\s\d()+\-*<|x0-9a-fA-F]*$/.test(js)) throw new Error(`cannot evaluate \`${expr}\``);
  return Number(Function(`"use strict"; return (${js});`)());
}

/** `.equ NAME, EXPR` (and `NAME = EXPR`) in file order, comments removed. */
function constants(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const src = text.replace(/\/\*[\s\S]*?\*\//g, "");
  for (const line of src.split("\n")) {
    const m = /^\s*\.equ\s+(\w+)\s*,\s*(.+?)\s*$/.exec(line) ?? /^\s*(\w+)\s*=\s*(.+?)\s*$/.exec(line);
    if (m) out.set(m[1]!, evaluate(m[2]!, out));
  }
  return out;
}

const runtimeFiles = [
  ...readdirSync(RUNTIME_DIR).filter((f) => f.endsWith(".S")),
  ...readdirSync(join(RUNTIME_DIR, "include")).filter((f) => f.endsWith(".inc")).map((f) => `include/${f}`),
];
const perFile = new Map(runtimeFiles.map((f) => [f, constants(readFileSync(join(RUNTIME_DIR, f), "latin1"))]));
const kernelInc = constants(readFileSync(join(IMAGES, "kernel.inc"), "latin1"));

/** Every definition of each name, with its file. */
const defs = new Map<string, { file: string; value: number }[]>();
for (const [file, consts] of [...perFile, ["test/runtime/images/kernel.inc", kernelInc] as const]) {
  for (const [name, value] of consts) defs.set(name, [...(defs.get(name) ?? []), { file, value }]);
}

/** The facts src/isa owns, by the names the runtime uses for them. */
const isa = new Map<string, number>([
  ...Object.entries(extableTypes),
  ["EX_FLAG_CLEAR_AX", EX_FLAG_CLEAR_AX],
  ["EX_FLAG_CLEAR_DX", EX_FLAG_CLEAR_DX],
  ["EXTABLE_ENTRY_SIZE", EXTABLE_ENTRY_SIZE],
  ...Object.entries(features),
  ["ALT_INSTR_SIZE", ALT_INSTR_SIZE],
  ["ALT_INSTR_OFFSET", altInstrFields.instr_offset],
  ["ALT_REPL_OFFSET", altInstrFields.repl_offset],
  ["ALT_FEATURE", altInstrFields.feature],
  ["ALT_FLAGS", altInstrFields.flags],
  ["ALT_INSTRLEN", altInstrFields.instrlen],
  ["ALT_REPLACEMENTLEN", altInstrFields.replacementlen],
]);

describe("runtime constants", () => {
  it("every name src/isa defines has src/isa's value", () => {
    let checked = 0;
    for (const [name, want] of isa) {
      for (const d of defs.get(name) ?? []) {
        expect(d.value, `${name} in ${d.file}`).toBe(want);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it("ALT_FLAG_* as the runtime tests (`ft_flags`) and the patcher (`flags`) write them", () => {
    expect(kernelInc.get("ALT_FLAG_NOT")).toBe(ALT_FLAG_NOT << 16);
    expect(kernelInc.get("ALT_FLAG_DIRECT_CALL")).toBe(ALT_FLAG_DIRECT_CALL << 16);
    expect(perFile.get("alternative.S")!.get("ALT_FLAG_NOT")).toBe(ALT_FLAG_NOT);
    expect(perFile.get("alternative.S")!.get("ALT_FLAG_DIRECT_CALL")).toBe(ALT_FLAG_DIRECT_CALL);
  });

  it("a name defined in several runtime files has one value", () => {
    for (const [name, list] of defs) {
      const inRuntime = list.filter((d) => !d.file.includes("/"));
      if (inRuntime.length < 2) continue;
      for (const d of inRuntime) expect(d.value, `${name} in ${d.file} vs ${inRuntime[0]!.file}`).toBe(inRuntime[0]!.value);
    }
  });

  it("pt_regs_offset (fixup.S) maps register numbers to the frame entry.S saves (include/ptrace.inc)", () => {
    const text = readFileSync(join(RUNTIME_DIR, "fixup.S"), "latin1");
    const table = /pt_regs_offset:\s*\n((?:\s*\.byte[^\n]*\n)+)/.exec(text)![1]!;
    const offsets = table.match(/\d+/g)!.map(Number);
    const entry = perFile.get("include/ptrace.inc")!;
    const frameName = (reg: string): string => `PT_${reg.toUpperCase()}`;
    expect(offsets).toEqual(gpr64Names.map((r) => entry.get(frameName(r))));
    // and the frame is 8-byte slots, each saved once
    expect(new Set(offsets).size).toBe(16);
  });

  it("x86_nops (alternative.S) is Linux's NOP table", () => {
    const text = readFileSync(join(RUNTIME_DIR, "alternative.S"), "latin1");
    const block = /x86_nops:\s*\n((?:\s*\.byte[^\n]*\n)+)/.exec(text)![1]!;
    const rows = block.trim().split("\n").map((l) => l.replace(/^\s*\.byte\s*/, "").split(",").map((b) => parseInt(b, 16)));
    expect(rows).toEqual(linuxNops.slice(1).map((n) => [...n]));
  });
});

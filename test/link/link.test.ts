/**
 * The linker against its oracles: GNU ld (same objects, same layout through a linker script → the same
 * loaded bytes and symbol addresses), readelf/objdump/gdb (the image is well-formed), and the Linux
 * rules for the tables (sorted __ex_table, checked .altinstructions).
 */
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { link, writeExec, type Image } from "../../src/link/index.js";
import type { ObjectFile } from "../../src/obj/object.js";
import { binutils, scratchDir, sectionBytes, symbolValues } from "../support/gnu.js";
import { gnu, imageSource, ldScript, ours, runtimeFiles } from "./support.js";

const dir = scratchDir("alternator-link-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCES = [...runtimeFiles(), imageSource("hello.S"), imageSource("tables.S"), imageSource("lib.S")];
const LOADED = [".text", ".altinstr_replacement", ".rodata", ".altinstructions", "__ex_table", ".notes", "mysec", ".data"];

function writeImage(image: Image, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, writeExec(image));
  return path;
}

/** GNU ld over GNU as objects with the default layout as a script: the reference image. */
function ldImage(): string {
  const objs = SOURCES.map((f) => gnu(f, dir).path);
  const script = join(dir, "layout.ld");
  writeFileSync(script, ldScript(["mysec"]));
  const out = join(dir, "ref.elf");
  binutils("ld", ["-static", "-nostdlib", "-z", "max-page-size=0x1000", "-z", "noexecstack", "--no-warn-rwx-segments", "-T", script, "-o", out, ...objs]);
  return out;
}

function compareWithLd(image: string, ref: string): void {
  const refSyms = symbolValues(ref);
  for (const s of LOADED) {
    const expected = Buffer.from(sectionBytes(ref, s, dir));
    if (s === ".data") {
      // GNU ld does not sort __ex_table, so it leaves main_extable_sort_needed alone; we clear it.
      const off = Number(refSyms.get("main_extable_sort_needed")! - refSyms.get("boot_pml4")!);
      expected.fill(0, off, off + 4);
    }
    expect(Buffer.from(sectionBytes(image, s, dir)).toString("hex"), `section ${s}`).toBe(expected.toString("hex"));
  }
  const ourSyms = symbolValues(image);
  for (const [name, value] of symbolValues(ref)) {
    expect(ourSyms.get(name), `symbol ${name}`).toBe(value);
  }
  const addrs = (f: string): string[] => binutils("readelf", ["-SW", f]).split("\n").filter((l) => /^\s*\[\s*\d+\]/.test(l) && LOADED.some((s) => l.includes(` ${s} `))).map((l) => l.replace(/^\s*\[\s*\d+\]\s*/, "").split(/\s+/).slice(0, 4).join(" "));
  expect(addrs(image)).toEqual(addrs(ref));
}

describe("images GNU ld agrees with", () => {
  const ref = ldImage();
  const objects = (mk: (f: string, d: string) => { object: ObjectFile }, which: (i: number) => boolean = () => true): ObjectFile[] =>
    SOURCES.map((f, i) => (which(i) ? mk(f, dir) : gnu(f, dir)).object);

  it("Alternator objects, linked by Alternator, load the same bytes as GNU as + GNU ld", () => {
    compareWithLd(writeImage(link(objects(ours)), "alt-alt.elf"), ref);
  });

  it("GNU as objects, linked by Alternator", () => {
    compareWithLd(writeImage(link(objects(gnu)), "gnu-alt.elf"), ref);
  });

  it("a mix of both assemblers' objects", () => {
    compareWithLd(writeImage(link(objects(ours, (i) => i % 2 === 0)), "mixed.elf"), ref);
  });
});

describe("the image as binutils and gdb see it", () => {
  const image = link(SOURCES.map((f) => ours(f, dir).object));
  const path = writeImage(image, "tools.elf");

  it("readelf -a reports no warning", () => {
    const r = spawnSync("/usr/bin/readelf", ["-a", "-W", path], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).not.toMatch(/warning/i);
    expect(r.stdout).toMatch(/Type:\s+EXEC/);
  });

  it("has one PT_LOAD per permission set and a PT_NOTE with p_align 4", () => {
    const ph = binutils("readelf", ["-lW", path]);
    const loads = ph.split("\n").filter((l) => /^\s+LOAD/.test(l)).map((l) => l.trim().split(/\s+/).slice(6, -1).join(""));
    expect(loads).toEqual(["RE", "R", "RW"]);
    expect(ph).toMatch(/NOTE\s+0x[0-9a-f]+ 0x[0-9a-f]+ 0x[0-9a-f]+ 0x0+14 0x0+14 R\s+0x4/);
  });

  it("carries the PVH entry note naming pvh_start", () => {
    const notes = binutils("readelf", ["-nW", path]);
    expect(notes).toMatch(/Xen\s+0x00000004\s+(Unknown note type: \(0x00000012\)|NT_VERSION|.*0x12)/);
    const pvh = image.symbols.find((s) => s.name === "pvh_start")!;
    const desc = /description data: ([0-9a-f ]+)/.exec(notes)![1]!.trim().split(" ").map((b) => parseInt(b, 16));
    expect(desc[0]! | (desc[1]! << 8) | (desc[2]! << 16) | (desc[3]! << 24)).toBe(Number(pvh.value));
  });

  it("e_entry is _start64", () => {
    expect(binutils("readelf", ["-hW", path])).toContain(`Entry point address:               0x${image.entry.toString(16)}`);
    expect(image.entry).toBe(Number(image.symbols.find((s) => s.name === "_start64")!.value));
  });

  it("objdump -d disassembles it", () => {
    // The PVH stub in .text.boot is 32-bit code, which objdump decodes as 64-bit: look from _start64 on.
    const d = binutils("objdump", ["-d", path]).split("<_start64>:")[1]!;
    expect(d).toMatch(/<main>:/);
    expect(d).toMatch(/call\s+[0-9a-f]+ <console_puts>/);
    expect(d).not.toMatch(/\(bad\)/);
  });

  it("gdb -batch finds its symbols", () => {
    const r = spawnSync("gdb", ["-batch", "-nx", "-ex", "info address main", "-ex", "info symbol _start64", path], { encoding: "utf8" });
    const main = image.symbols.find((s) => s.name === "main")!;
    expect(r.stdout).toContain(`Symbol "main" is at 0x${main.value.toString(16)}`);
    expect(r.stdout).toContain("_start64 in section .text");
  });
});

describe("tables", () => {
  it("__ex_table comes out sorted by address, relative fields rewritten", () => {
    const src = `
	.text
	.globl _start
_start:
1:	nop
2:	nop
3:	nop
	.pushsection __ex_table, "a"
	.long 3b - ., 1b - ., 1
	.long 1b - ., 2b - ., 2
	.long 2b - ., 3b - ., 3
	.popsection
	.data
	.globl main_extable_sort_needed
main_extable_sort_needed: .long 1
`;
    const file = join(dir, "unsorted.S");
    writeFileSync(file, src);
    const image = link([ours(file, dir).object], { entry: "_start" });
    const ex = image.sections.find((s) => s.name === "__ex_table")!;
    const dv = new DataView(ex.data.buffer, ex.data.byteOffset);
    const rows = [0, 1, 2].map((k) => {
      const at = ex.address + 12 * k;
      return [at + dv.getInt32(12 * k, true), at + 4 + dv.getInt32(12 * k + 4, true), dv.getInt32(12 * k + 8, true)];
    });
    const text = image.sections.find((s) => s.name === ".text")!.address;
    expect(rows).toEqual([
      [text, text + 1, 2],
      [text + 1, text + 2, 3],
      [text + 2, text, 1],
    ]);
    const flag = image.symbols.find((s) => s.name === "main_extable_sort_needed")!;
    const data = image.sections[flag.section as number]!;
    expect(Array.from(data.data.subarray(Number(flag.value) - data.address, Number(flag.value) - data.address + 4))).toEqual([0, 0, 0, 0]);
  });

  it("--cpu patches every site and records the profile", () => {
    const objs = SOURCES.map((f) => ours(f, dir).object);
    const plain = link(objs);
    const patched = link(objs, { cpu: "wrmsrns" });
    const site = Number(plain.symbols.find((s) => s.name === "tables_entry")!.value) + 9; // after mov/xor/xor
    const bytes = (img: Image): string => Buffer.from(img.sections.find((s) => s.name === ".text")!.data.subarray(site - 0x100000, site - 0x100000 + 3)).toString("hex");
    expect(bytes(plain)).toBe("0f3090");
    expect(bytes(patched)).toBe("0f01c6");
    expect(patched.patchedFor).toBe("wrmsrns");
    // The boot patcher must see an empty table: the sites are patched already.
    const sym = (img: Image, n: string): bigint => img.symbols.find((s) => s.name === n)!.value;
    expect(sym(patched, "__alt_instructions_end")).toBe(sym(patched, "__alt_instructions"));
    expect(sym(plain, "__alt_instructions_end") - sym(plain, "__alt_instructions")).toBe(14n);
    const path = writeImage(patched, "patched.elf");
    expect(binutils("readelf", ["-nW", path])).toMatch(/Alternator\s+0x0+8\s.*description data: 77 72 6d 73 72 6e 73 00/);
  });
});

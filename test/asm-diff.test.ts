/**
 * The differential test for whole files: every test/corpus/*.S is assembled by GNU as 2.40 and by
 * Alternator (assemble() + writeElf()), and binutils dumps both objects — sections with their
 * attributes and bytes, symbols in order, relocations per section — which must match exactly
 * (test/support/compare.ts). A file using .cfi_* is compared with GNU's object for the same file with
 * those lines removed: Alternator accepts and ignores call-frame directives, GNU turns them into
 * .eh_frame. A last group links Alternator objects with GNU-as objects and checks that `ld` produces
 * the very image it produces from GNU-as objects alone.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeError, loadAlternator, writeAlternatorObject } from "./support/alternator.js";
import { compareObjects, diffLines } from "./support/compare.js";
import { CORPUS_DIR, CORPUS_INCLUDE, corpusFiles, LINK_DIR, readCorpus, usesCfi, withoutCfi } from "./support/corpus.js";
import { binutils, gnuAs, scratchDir } from "./support/gnu.js";

const alternator = await loadAlternator();
const dir = scratchDir("asm-diff-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The directives the corpus must exercise between its files (the assembler issue's list). */
const DIRECTIVES = (
  ".text .data .bss .section .pushsection .popsection .previous .globl .global .local .weak .hidden " +
  ".type .size .file .ident .comm .lcomm .byte .word .short .value .long .int .4byte .quad .8byte .ascii " +
  ".asciz .string .zero .skip .space .fill .org .nops .align .balign .p2align .set .equ .equiv .macro " +
  ".endm .exitm .purgem .irp .irpc .rept .endr .if .ifdef .ifndef .ifc .ifnc .ifb .ifnb .ifeq .ifne " +
  ".ifgt .ifge .iflt .ifle .else .elseif .endif .include .incbin .print .code64 .code32"
).split(" ");

function gnuObject(file: string, source: string, outDir: string): string {
  const res = gnuAs(source, outDir, file, { includeDirs: [CORPUS_INCLUDE] });
  const errors = res.messages.filter((m) => m.severity === "error");
  if (!res.ok || errors.length) throw new Error(`GNU as rejected ${file}:\n${res.stderr}`);
  return res.object;
}

function alternatorObject(file: string, source: string, path: string, srcDir = CORPUS_DIR): string {
  const api = alternator.api!;
  let object;
  try {
    ({ object } = api.assemble(source, { file: join(srcDir, file), includeDirs: [CORPUS_INCLUDE] }));
  } catch (e) {
    throw new Error(`Alternator rejected ${file}:\n${describeError(e)}`);
  }
  writeAlternatorObject(api, object, path);
  return path;
}

describe("corpus", () => {
  const files = corpusFiles();

  it("has at least 24 files of 40–300 lines each", () => {
    expect(files.length).toBeGreaterThanOrEqual(24);
    const outOfRange = files
      .map((f) => [f, readCorpus(f).split("\n").length - 1] as const)
      .filter(([, n]) => n < 40 || n > 300);
    expect(outOfRange).toEqual([]);
  });

  it("uses every directive of the assembler issue, and `sym = value`", () => {
    const text = files.map((f) => readCorpus(f)).join("\n") + readCorpus("linkage.inc", CORPUS_INCLUDE);
    const missing = DIRECTIVES.filter((d) => !new RegExp(`^\\s*(?:[\\w.]+:)?\\s*\\${d}(?:\\s|$)`, "m").test(text));
    if (!/^\s*[A-Za-z_.][\w.]*\s*=/m.test(text)) missing.push("=");
    expect(missing).toEqual([]);
  });

  for (const file of files) {
    const source = readCorpus(file);
    const cfi = usesCfi(source);
    describe(file, () => {
      it("assembles with GNU as 2.40", () => {
        gnuObject(file, source, dir);
      });

      it.skipIf(!alternator.api)(`matches GNU as section by section, symbol by symbol, reloc by reloc${cfi ? " (.cfi ignored)" : ""}`, () => {
        const reference = gnuObject(file, cfi ? withoutCfi(source) : source, dir);
        const ours = alternatorObject(file, source, join(dir, `${file}.alternator.o`));
        const diff = compareObjects(reference, ours);
        expect(diff, `${file}: Alternator's object differs from GNU as:\n${diff}`).toBe("");
      });
    });
  }
});

describe("linking Alternator objects with GNU-as objects", () => {
  const ldArgs = (out: string, objs: string[]): string[] => ["-o", out, "-e", "0", "-Ttext=0x100000", ...objs];

  /** The linked image as text: symbols by address and the contents of every section we emit. */
  function image(objs: string[], name: string): { bin: string; symbols: string[]; readelf: string } {
    const exe = join(dir, name);
    binutils("ld", ldArgs(exe, objs));
    // The dump's header names the file; drop it so only contents are compared.
    const bin = binutils("objdump", ["-s", "-j", ".text", "-j", ".data", "-j", ".altinstructions", "-j", ".altinstr_replacement", "-j", "__ex_table", exe])
      .replace(/^.*file format.*$/m, "");
    const symbols = binutils("nm", ["-n", exe]).split("\n").filter(Boolean);
    return { bin, symbols, readelf: binutils("readelf", ["-a", exe]) };
  }

  const gnuMain = (): string => gnuObject("main.S", readCorpus("main.S", LINK_DIR), dir);
  const gnuLib = (): string => gnuObject("lib.S", readCorpus("lib.S", LINK_DIR), dir);

  it("GNU + GNU links cleanly (the reference image)", () => {
    const ref = image([gnuMain(), gnuLib()], "ref.elf");
    expect(ref.readelf).not.toMatch(/Warning/);
  });

  for (const which of ["main.S", "lib.S"] as const) {
    it.skipIf(!alternator.api)(`Alternator ${which} + GNU ${which === "main.S" ? "lib.S" : "main.S"} links to the same image`, () => {
      const ref = image([gnuMain(), gnuLib()], "ref.elf");
      const ours = alternatorObject(which, readCorpus(which, LINK_DIR), join(dir, `${which}.alternator.o`), LINK_DIR);
      const objs = which === "main.S" ? [ours, gnuLib()] : [gnuMain(), ours];
      const mixed = image(objs, `mixed-${which}.elf`);
      expect(mixed.readelf.split("\n").filter((l) => /Warning/.test(l))).toEqual([]);
      const diff = diffLines(ref.symbols.concat(ref.bin.split("\n")), mixed.symbols.concat(mixed.bin.split("\n")));
      expect(diff, `linked image differs:\n${diff}`).toBe("");
    });
  }
});

if (!alternator.api) {
  describe("Alternator", () => {
    it("Alternator loads (the assembler exists: failing to load is a failure, not a skip)", () => {
      expect(alternator.reason).toBeUndefined();
    });
  });
}

/**
 * objdumpCommand against `objdump -dr`: the disassembly part of our output must equal GNU objdump's
 * for the samples and the corpus (our extra table dumps follow it), and the `.altinstructions` and
 * `__ex_table` dumps must decode the records of the `tables.s` sample.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DiagnosticError } from "../../src/diag/diagnostic.js";
import { objdumpCommand } from "../../src/cli/objdump.js";
import { binutils, gnuAs, scratchDir } from "../support/gnu.js";
import { samples } from "./samples.js";

const dir = scratchDir("alternator-objdump-");
afterAll(() => rmSync(dir, { recursive: true }));
const CORPUS = new URL("../corpus/", import.meta.url).pathname;

const zeros = {
  name: "zeros.s",
  source: "\t.text\nf:\n\tnop\n\t.zero 16\n\tret\n\t.zero 8\n\tcall ext\n\t.zero 2\n\t.quad ext\n\t.zero 5\n\t.section .x,\"ax\"\n\t.zero 4\n\t.section .z,\"ax\"\n\tnop\n\t.zero 2\n",
};
const long = { name: "long.s", source: "\t.text\nf:\n\t.fill 0xffe,1,0x90\n\tret\n\tjmp f\n\tmovabs $0x1122334455667788,%rax\n" };
const all = [...samples, zeros, long, ...["alternative.S", "entry_64.S"].map((name) => ({ name, source: readFileSync(join(CORPUS, name), "utf8") }))];

function assemble(name: string, source: string): string {
  const r = gnuAs(source, dir, name, { includeDirs: [join(CORPUS, "include")] });
  if (!r.ok) throw new Error(r.stderr);
  return r.object;
}

describe.each(all)("objdump of $name", ({ name, source }) => {
  const obj = assemble(name, source);
  it("disassembles exactly as objdump -dr does", () => {
    const ours = objdumpCommand(obj, {});
    const gnu = binutils("objdump", ["-dr", obj]);
    // Our output is objdump's followed by the table dumps.
    const cut = ours.search(/\n(Alternatives|Exception table) in section /);
    expect(cut < 0 ? ours : ours.slice(0, cut)).toBe(gnu);
  });
});

describe("Linux tables", () => {
  const text = objdumpCommand(assemble("tables.s", samples[0]!.source), {});
  it("decodes alt_instr records through their relocations", () => {
    expect(text).toContain("Alternatives in section .altinstructions (1 record of 14 bytes):");
    expect(text).toMatch(/ 0: site foo replacement \.altinstr_replacement feature 403 X86_FEATURE_WRMSRNS \(12\*32\+19\) flags NOT instrlen 5 replacementlen 5/);
  });
  it("decodes __ex_table entries: type, register, immediate", () => {
    expect(text).toContain("Exception table in section __ex_table (1 entry of 12 bytes):");
    expect(text).toMatch(/ 0: from foo to \.text\+0x1a <local_fn> data 0xfffb020a: EX_TYPE_WRMSR_SAFE reg %rdx imm -5/);
  });
  it("prints the MSR-immediate forms iced cannot decode", () => {
    const o = assemble("msrimm.s", "\t.text\nf:\n\t.byte 0xc4,0xe7,0x7b,0xf6,0xc0,0x80,0x00,0x00,0xc0\n\t.byte 0xc4,0xe7,0x7a,0xf6,0xc1,0x10,0,0,0\n");
    const out = objdumpCommand(o, {});
    expect(out).toContain("   0:\tc4 e7 7b f6 c0 80 00 \trdmsr  $0xc0000080,%rax\n   7:\t00 c0 \n");
    expect(out).toContain("   9:\tc4 e7 7a f6 c1 10 00 \twrmsrns %rcx,$0x10\n");
  });
});

describe("bad input", () => {
  it("a missing file is C002", () => {
    expect(() => objdumpCommand(join(dir, "nope.o"), {})).toThrow(DiagnosticError);
  });
  it("a non-ELF file is E001", () => {
    try {
      objdumpCommand(new URL(import.meta.url).pathname, {});
      expect.unreachable();
    } catch (e) {
      expect((e as DiagnosticError).diagnostics[0]!.code).toBe("E001");
    }
  });
});

/**
 * Bad inputs to the linker: each gets a clear error with its stable code, exit status 1 from the CLI,
 * no stack trace, and no output file left behind.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scratchDir } from "../support/gnu.js";
import { gnu } from "./support.js";

const dir = scratchDir("alternator-link-errors-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLI = join(import.meta.dirname, "..", "..", "bin", "alternator.js");

function alternatorLink(inputs: string[], extra: string[] = []): { status: number | null; stderr: string; output: string } {
  const output = join(dir, `out-${Math.random().toString(36).slice(2)}.elf`);
  const r = spawnSync(process.execPath, [CLI, "link", ...inputs, "-o", output, ...extra], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr, output };
}

function source(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

interface Case {
  name: string;
  inputs: () => string[];
  extra?: string[];
  code: string;
  /** Fragments the message must contain. */
  says: RegExp[];
}

const cases: Case[] = [
  {
    name: "undefined symbol, with every place that refers to it",
    inputs: () => [source("undef.S", "\t.globl main\nmain:\n\tcall missing_fn\n\tmovq missing_fn(%rip), %rax\n\tret\n")],
    code: "L001",
    says: [/undefined symbol `missing_fn`/, /undef\.S:3/, /undef\.S:4/],
  },
  {
    name: "undefined symbol in a GNU as object names file(section+offset)",
    inputs: () => [gnu(source("undef-gnu.S", "\t.globl main\nmain:\n\tcall missing_fn\n\tret\n"), dir).path],
    code: "L001",
    says: [/undefined symbol `missing_fn`/, /undef-gnu\.gnu\.o\(\.text\+0x1\)/],
  },
  {
    name: "duplicate definition names both places",
    inputs: () => [source("dup1.S", "\t.globl main\nmain:\n\tret\n"), source("dup2.S", "\n\t.globl main\nmain:\n\tret\n")],
    code: "L002",
    says: [/duplicate symbol `main`/, /dup1\.S:2/, /dup2\.S:3/],
  },
  {
    name: "relocation overflow names symbol, place and value",
    inputs: () => [source("overflow.S", "\t.globl main\nmain:\n\tret\n\t.data\n\t.byte main\n")],
    code: "L003",
    says: [/R_X86_64_8 against `main` overflows/, /overflow\.S:5/, /value 0x10[0-9a-f]{4}/],
  },
  {
    name: "unsupported relocation type (GOT-relative in a static image)",
    inputs: () => [gnu(source("got.S", "\t.globl main\nmain:\n\tmovq ext@GOTPCREL(%rip), %rax\n\tret\n\t.globl ext\next:\n"), dir).path],
    code: "L004",
    says: [/R_X86_64_REX_GOTPCRELX against `ext` is not supported/],
  },
  {
    name: "overlapping alternatives sites",
    inputs: () => [source("overlap.S", [
      "\t.globl main", "main:", "1:\tnop", "\tnop", "\tnop", "2:\tret",
      "\t.pushsection .altinstructions, \"a\"",
      "\t.long 1b - .", "\t.long 3f - .", "\t.2byte 403", "\t.2byte 0", "\t.byte 3", "\t.byte 1",
      "\t.long 1b + 1 - .", "\t.long 3f - .", "\t.2byte 403", "\t.2byte 0", "\t.byte 3", "\t.byte 1",
      "\t.popsection",
      "\t.pushsection .altinstr_replacement, \"ax\"", "3:\tnop", "\t.popsection", "",
    ].join("\n"))],
    code: "L005",
    says: [/overlap/i, /overlap\.S:14/],
  },
  {
    name: "truncated ELF file",
    inputs: () => {
      const obj = gnu(source("trunc.S", "\t.globl main\nmain:\n\tret\n"), dir).path;
      const p = join(dir, "trunc.o");
      writeFileSync(p, readFileSync(obj).subarray(0, 200));
      return [p];
    },
    code: "E002",
    says: [/trunc\.o/],
  },
  {
    name: "not an ELF file at all",
    inputs: () => [source("garbage.o", "this is not an object file\n")],
    code: "E001",
    says: [/garbage\.o/],
  },
  {
    name: "unknown entry symbol",
    inputs: () => [source("entry.S", "\t.globl main\nmain:\n\tret\n")],
    extra: ["--entry", "no_such_entry"],
    code: "L007",
    says: [/entry symbol `no_such_entry` is not defined/],
  },
  {
    name: "unknown CPU profile",
    inputs: () => [source("cpu.S", "\t.globl main\nmain:\n\tret\n")],
    extra: ["--cpu", "pentium-pro"],
    code: "L009",
    says: [/unknown CPU profile `pentium-pro`/, /legacy/],
  },
];

describe("alternator link rejects bad input", () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = alternatorLink(c.inputs(), c.extra);
      expect(r.stderr).toContain(`error[${c.code}]`);
      for (const s of c.says) expect(r.stderr).toMatch(s);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.status).toBe(1);
      expect(existsSync(r.output)).toBe(false);
    });
  }
});

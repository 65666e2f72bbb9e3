/** `alternator as FILE.S [-o FILE.o] [-I DIR]... [--defsym NAME=VALUE]...` */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { assemble } from "../asm/assemble.js";
import { DiagnosticError, error } from "../diag/diagnostic.js";
import { writeElf } from "../obj/write-elf.js";
import { writeFileAtomic } from "./files.js";

export interface AsOptions {
  output?: string;
  include: string[];
  defsym: string[];
}

export function asCommand(file: string, opts: AsOptions): { warnings: import("../diag/diagnostic.js").Diagnostic[]; printed: string[] } {
  let source: string;
  try {
    source = readFileSync(file).toString("latin1");
  } catch (e) {
    throw new DiagnosticError([error("C002", `cannot read \`${file}\`: ${(e as Error).message}`)]);
  }
  const defsyms: Record<string, bigint> = {};
  for (const d of opts.defsym) {
    const m = /^([A-Za-z_.$][\w.$]*)=(-?(?:0x[0-9a-fA-F]+|0b[01]+|\d+))$/.exec(d);
    if (!m) throw new DiagnosticError([error("C001", `bad --defsym \`${d}\`: expected NAME=VALUE with a number`)]);
    const neg = m[2]!.startsWith("-");
    const v = BigInt(neg ? m[2]!.slice(1) : m[2]!);
    defsyms[m[1]!] = neg ? -v : v;
  }
  const result = assemble(source, { file, includeDirs: opts.include, defsyms });
  const out = opts.output ?? basename(file).replace(/\.[sS]$/, "") + ".o";
  writeFileAtomic(out, writeElf(result.object));
  return { warnings: result.diagnostics, printed: result.printed };
}

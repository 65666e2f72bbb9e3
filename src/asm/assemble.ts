import { readFileSync } from "node:fs";
import type { Diagnostic } from "../diag/diagnostic.js";
import type { ObjectFile } from "../obj/object.js";
import { Assembler } from "./assembler.js";
import { installMacros } from "./directives/macros.js";
import { emitObject } from "./emit-object.js";
import { layout } from "./layout.js";
import { Scrubber } from "./scrub.js";
import { error } from "../diag/diagnostic.js";

export interface AssembleOptions {
  /** File name used in diagnostics and for `.include` resolution relative to it. */
  file: string;
  /** `-I` directories searched by `.include` and `.incbin`. */
  includeDirs?: string[];
  /** `--defsym NAME=VALUE`. */
  defsyms?: Record<string, bigint>;
  /** Reads an included file; defaults to the file system. */
  readFile?: (path: string) => Uint8Array | undefined;
}

export interface AssembleResult {
  object: ObjectFile;
  /** Warnings (errors are thrown as a DiagnosticError). */
  diagnostics: Diagnostic[];
  /** Files read through `.include`/`.incbin` (for watch mode). */
  dependencies: string[];
  /** Text printed by `.print`. */
  printed: string[];
}

function readFromDisk(path: string): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Assembles one source text (read as bytes: Latin-1 keeps every byte of a string literal). Throws
 * `DiagnosticError` with every error found.
 *
 * @example
 * const { object } = assemble("nop\n", { file: "a.S" });
 */
export function assemble(source: string, options: AssembleOptions): AssembleResult {
  const asm = new Assembler({ readFile: options.readFile ?? readFromDisk, includeDirs: options.includeDirs ?? [] });
  installMacros(asm);
  for (const [name, value] of Object.entries(options.defsyms ?? {})) {
    const sym = asm.symbols.intern(name);
    sym.def = { kind: "equate", value: { c: value, terms: [] } };
  }
  asm.runLines(new Scrubber(source, options.file));
  for (const c of asm.conds) asm.report(error("A022", "missing .endif for this conditional", c.span));
  asm.conds.length = 0;
  asm.diags.check();
  layout(asm);
  const object = emitObject(asm, options.file);
  asm.diags.check();
  return { object, diagnostics: asm.diags.items, dependencies: asm.dependencies, printed: asm.printed };
}

/** `.include` and the search GNU as makes for it and for `.incbin`: the name as given, then each `-I` directory. */
import { dirname, isAbsolute, join } from "node:path";
import type { Statement } from "../ast.js";
import type { Assembler } from "../assembler.js";
import { DiagnosticError, error } from "../../diag/diagnostic.js";
import { splitArgs, stringArg, argsError } from "./args.js";
import { Scrubber } from "../scrub.js";

type DirectiveStmt = Extract<Statement, { kind: "directive" }>;

export function resolveInclude(asm: Assembler, name: string, fromFile: string): { path: string; bytes: Uint8Array } | undefined {
  const candidates = isAbsolute(name) ? [name] : [name, join(dirname(fromFile), name), ...asm.host.includeDirs.map((d) => join(d, name))];
  for (const path of candidates) {
    const bytes = asm.host.readFile(path);
    if (bytes) {
      if (!asm.dependencies.includes(path)) asm.dependencies.push(path);
      return { path, bytes };
    }
  }
  return undefined;
}

export function includeDirective(asm: Assembler, s: DirectiveStmt): void {
  const args = splitArgs(s);
  if (args.length !== 1) throw argsError(s, ".include takes one file name in double quotes");
  const name = stringArg(args[0]!);
  const found = resolveInclude(asm, name, s.span.file);
  if (!found) throw new DiagnosticError([error("A024", `cannot find include file \`${name}\``, s.argsSpan)]);
  if (asm.depth > 64) throw new DiagnosticError([error("A024", "includes nested too deeply", s.argsSpan)]);
  asm.depth++;
  try {
    asm.runLines(new Scrubber(Buffer.from(found.bytes).toString("latin1"), found.path), {
      severity: "note", code: "A024", message: `included from here`, span: s.span,
    });
  } finally {
    asm.depth--;
  }
}

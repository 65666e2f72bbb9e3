/**
 * The `.if` family. Each `.if*` pushes a frame; `.else`/`.elseif` flip it; `.endif` pops. Inside a
 * false branch only these directives run (the statement loop skips everything else), so lines there
 * may hold anything — as in GNU as, which does not parse them either.
 */
import type { Statement } from "../ast.js";
import type { Assembler } from "../assembler.js";
import { DiagnosticError, error } from "../../diag/diagnostic.js";
import { exprArg, splitArgs, argsError } from "./args.js";
import { Ch } from "../cursor.js";
import { readQuoted } from "../expr-parse.js";

type DirectiveStmt = Extract<Statement, { kind: "directive" }>;

export function conditionalDirective(asm: Assembler, s: DirectiveStmt): void {
  const top = asm.conds[asm.conds.length - 1];
  switch (s.name) {
    case ".else": {
      if (!top) throw new DiagnosticError([error("A022", ".else without .if", s.span)]);
      if (top.sawElse) throw new DiagnosticError([error("A022", "duplicate .else", s.span)]);
      top.sawElse = true;
      top.active = top.parentActive && !top.taken;
      top.taken = true;
      return;
    }
    case ".elseif": {
      if (!top) throw new DiagnosticError([error("A022", ".elseif without .if", s.span)]);
      if (top.sawElse) throw new DiagnosticError([error("A022", ".elseif after .else", s.span)]);
      if (top.parentActive && !top.taken) {
        const v = asm.absolute(exprArg(oneArg(s)), ".elseif condition") !== 0n;
        top.active = v;
        top.taken = v;
      } else top.active = false;
      return;
    }
    case ".endif":
      if (!top) throw new DiagnosticError([error("A022", ".endif without .if", s.span)]);
      asm.conds.pop();
      return;
  }
  const parentActive = asm.active;
  // In a false region the condition is not evaluated (it may not even parse).
  const v = parentActive ? condition(asm, s) : false;
  asm.conds.push({ active: parentActive && v, taken: v, parentActive, sawElse: false, span: s.span });
}

function oneArg(s: DirectiveStmt) {
  const args = splitArgs(s);
  if (args.length !== 1) throw argsError(s, `${s.name} takes one argument`);
  return args[0]!;
}

function condition(asm: Assembler, s: DirectiveStmt): boolean {
  switch (s.name) {
    case ".if":
    case ".ifne":
      return asm.absolute(exprArg(oneArg(s)), `${s.name} condition`) !== 0n;
    case ".ifeq":
      return asm.absolute(exprArg(oneArg(s)), `${s.name} condition`) === 0n;
    case ".ifgt":
      return asm.absolute(exprArg(oneArg(s)), `${s.name} condition`) > 0n;
    case ".ifge":
      return asm.absolute(exprArg(oneArg(s)), `${s.name} condition`) >= 0n;
    case ".iflt":
      return asm.absolute(exprArg(oneArg(s)), `${s.name} condition`) < 0n;
    case ".ifle":
      return asm.absolute(exprArg(oneArg(s)), `${s.name} condition`) <= 0n;
    case ".ifdef":
    case ".ifndef": {
      const name = s.args.trim();
      if (!/^[A-Za-z_.$][\w.$]*$/.test(name)) throw argsError(s, `${s.name} takes a symbol name`);
      const sym = asm.symbols.get(name);
      const defined = sym !== undefined && (sym.defined || sym.explicitBind);
      return s.name === ".ifdef" ? defined : !defined;
    }
    case ".ifb":
    case ".ifnb": {
      const blank = s.args.trim() === "";
      return s.name === ".ifb" ? blank : !blank;
    }
    case ".ifc":
    case ".ifnc": {
      const [a, b] = splitIfc(s);
      return s.name === ".ifc" ? a === b : a !== b;
    }
    case ".ifeqs":
    case ".ifnes": {
      const args = splitArgs(s);
      if (args.length !== 2) throw argsError(s, `${s.name} takes two strings`);
      const a = readQuoted(args[0]!.cur);
      const b = readQuoted(args[1]!.cur);
      return s.name === ".ifeqs" ? a === b : a !== b;
    }
  }
  throw argsError(s, `unknown conditional ${s.name}`);
}

/** `.ifc a,b`: two strings compared as written; each may be in single or double quotes. */
function splitIfc(s: DirectiveStmt): [string, string] {
  const t = s.args;
  let i = 0;
  const read = (): string => {
    while (i < t.length && (t[i] === " " || t[i] === "\t")) i++;
    const q = t.charCodeAt(i);
    if (q === Ch.Apos || q === Ch.Quote) {
      const close = t.indexOf(t[i]!, i + 1);
      const end = close < 0 ? t.length : close;
      const v = t.slice(i + 1, end);
      i = end + 1;
      return v;
    }
    const start = i;
    while (i < t.length && t[i] !== ",") i++;
    return t.slice(start, i).trim();
  };
  const a = read();
  while (i < t.length && (t[i] === " " || t[i] === "\t")) i++;
  if (t[i] !== ",") throw argsError(s, `${s.name} takes two strings separated by a comma`);
  i++;
  const b = read();
  return [a, b];
}

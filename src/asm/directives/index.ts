/**
 * The directive table: every directive name and the family that handles it. Anything not listed is
 * an error (A020) — GNU as has more directives than kernel code uses, and silently ignoring one would
 * produce a wrong object.
 */
import type { Statement } from "../ast.js";
import type { Assembler } from "../assembler.js";
import { DiagnosticError, error, warning } from "../../diag/diagnostic.js";
import { conditionalDirective } from "./conditionals.js";
import { dataDirective, dataSizes } from "./data.js";
import { includeDirective } from "./include.js";
import { sectionDirective } from "./sections.js";
import { symbolDirective } from "./symbols.js";
import { splitArgs, stringArg, nameArg, argsError } from "./args.js";

type DirectiveStmt = Extract<Statement, { kind: "directive" }>;
type Handler = (asm: Assembler, s: DirectiveStmt) => void;

const table = new Map<string, Handler>();
const on = (names: string[], h: Handler) => names.forEach((n) => table.set(n, h));

on([".text", ".data", ".bss", ".section", ".pushsection", ".popsection", ".previous"], sectionDirective);
on([".globl", ".global", ".local", ".weak", ".hidden", ".internal", ".protected", ".type", ".size", ".set", ".equ", ".equiv", ".comm", ".lcomm", ".file", ".ident"], symbolDirective);
on([...Object.keys(dataSizes), ".ascii", ".asciz", ".string", ".zero", ".skip", ".space", ".fill", ".org", ".nops", ".align", ".balign", ".p2align", ".incbin"], dataDirective);
on([".if", ".ifdef", ".ifndef", ".ifc", ".ifnc", ".ifb", ".ifnb", ".ifeq", ".ifne", ".ifgt", ".ifge", ".iflt", ".ifle", ".ifeqs", ".ifnes", ".else", ".elseif", ".endif"], conditionalDirective);
on([".include"], includeDirective);
on([".code64", ".code32"], (asm, s) => {
  asm.bits = s.name === ".code64" ? 64 : 32;
});
on([".error"], (asm, s) => {
  const a = splitArgs(s);
  const msg = a.length === 1 ? stringArg(a[0]!) : ".error directive invoked in source file";
  asm.report(error("A025", msg, s.span));
});
on([".warning"], (asm, s) => {
  const a = splitArgs(s);
  const msg = a.length === 1 ? stringArg(a[0]!) : ".warning directive invoked in source file";
  asm.report(warning("W001", msg, s.span));
});
on([".print"], (asm, s) => {
  const a = splitArgs(s);
  if (a.length !== 1) throw argsError(s, ".print takes one string");
  asm.printed.push(stringArg(a[0]!));
});
on([".exitm"], (asm, s) => {
  if (asm.depth === 0) throw new DiagnosticError([error("A023", ".exitm outside a macro", s.span)]);
  asm.exitMacro = true;
});
on([".purgem"], (asm, s) => {
  for (const a of splitArgs(s)) {
    const name = nameArg(a).toLowerCase();
    if (!asm.macros.delete(name)) throw new DiagnosticError([error("A023", `macro \`${name}\` is not defined`, s.argsSpan)]);
  }
});
on([".endm", ".endr"], (_asm, s) => {
  throw new DiagnosticError([error("A022", `${s.name} without a matching ${s.name === ".endm" ? ".macro" : ".rept/.irp/.irpc"}`, s.span)]);
});
// Call-frame information only feeds .eh_frame, which kernel images do not load: accepted, ignored.
const ignored: Handler = () => {};
on(
  [".cfi_startproc", ".cfi_endproc", ".cfi_def_cfa", ".cfi_def_cfa_offset", ".cfi_def_cfa_register", ".cfi_offset", ".cfi_rel_offset",
    ".cfi_adjust_cfa_offset", ".cfi_restore", ".cfi_undefined", ".cfi_same_value", ".cfi_remember_state", ".cfi_restore_state",
    ".cfi_escape", ".cfi_signal_frame", ".cfi_register", ".cfi_sections", ".cfi_return_column", ".cfi_personality", ".cfi_lsda"],
  ignored,
);

export function runDirective(asm: Assembler, s: DirectiveStmt): void {
  const h = table.get(s.name);
  if (!h) throw new DiagnosticError([error("A020", `unknown directive \`${s.name}\``, s.span)]);
  h(asm, s);
}

/** Every directive name Alternator accepts (for the docs and tests). */
export const directiveNames: readonly string[] = [...table.keys(), ".macro", ".endm", ".rept", ".irp", ".irpc", ".endr"];

/**
 * Data and space: `.byte .word .short .value .2byte .long .int .4byte .quad .8byte .ascii .asciz
 * .string .zero .skip .space .fill .org .nops .align .balign .p2align .incbin`.
 */
import type { Expr, ExprArgs, Statement } from "../ast.js";
import type { Assembler } from "../assembler.js";
import { writeInt } from "../assembler.js";
import { DiagnosticError, error } from "../../diag/diagnostic.js";
import { SHF_EXECINSTR } from "../../obj/elf.js";
import { exprArg, splitArgs, stringArg, argsError, type Arg } from "./args.js";
import { fold } from "../eval.js";
import { Ch } from "../cursor.js";
import { readQuoted } from "../expr-parse.js";
import { fillNops, GNU_MAX_NOP } from "../../isa/nops.js";
import { resolveInclude } from "./include.js";

type DirectiveStmt = Extract<Statement, { kind: "directive" }>;

export const dataSizes: Record<string, 1 | 2 | 4 | 8> = {
  ".byte": 1,
  ".word": 2, ".short": 2, ".value": 2, ".2byte": 2, ".hword": 2,
  ".long": 4, ".int": 4, ".4byte": 4,
  ".quad": 8, ".8byte": 8,
};

/** `dataSizes` as a Map: the directive name is a fresh string, and a Map lookup does not intern it. */
const DATA_SIZES: ReadonlyMap<string, 1 | 2 | 4 | 8> = new Map(Object.entries(dataSizes));

export function dataDirective(asm: Assembler, s: DirectiveStmt): void {
  const size = DATA_SIZES.get(s.name);
  if (size) {
    const kept = s.exprArgs;
    if (kept) {
      for (let i = 0; i < kept.exprs.length; i++) asm.emitValue(kept.exprs[i]!, size, kept.spans[i]!);
      return;
    }
    const parsed: ExprArgs | undefined = asm.keepingLine ? { exprs: [], spans: [] } : undefined;
    for (const a of splitArgs(s)) {
      const e = exprArg(a);
      const span = a.cur.span(a.cur.pos, a.cur.end);
      parsed?.exprs.push(e);
      parsed?.spans.push(span);
      asm.emitValue(e, size, span);
    }
    s.exprArgs = parsed;
    return;
  }
  switch (s.name) {
    case ".ascii":
    case ".asciz":
    case ".string":
      for (const a of splitArgs(s)) {
        const bytes = stringsArg(a);
        for (let i = 0; i < bytes.length; i++) asm.section.emitByte(bytes.charCodeAt(i) & 0xff);
        if (s.name !== ".ascii") asm.section.emitByte(0);
      }
      return;
    case ".zero":
    case ".skip":
    case ".space":
      return space(asm, s);
    case ".fill":
      return fill(asm, s);
    case ".org":
      return org(asm, s);
    case ".nops":
      return nops(asm, s);
    case ".align":
    case ".balign":
    case ".p2align":
      return align(asm, s);
    case ".incbin":
      return incbin(asm, s);
  }
}

/** `"a" "b"` next to each other make one string, as in GNU as. */
function stringsArg(a: Arg): string {
  let out = "";
  a.cur.skipSpace();
  do {
    if (a.cur.peek() !== Ch.Quote) return out + stringArg(a);
    out += readQuoted(a.cur);
    a.cur.skipSpace();
  } while (!a.cur.atEnd);
  return out;
}

/** A count that may depend on labels ahead: a number now, or the expression to size after layout. */
function countNow(asm: Assembler, e: Expr) {
  // The sums of numbers and numeric labels are added up once (see bindCount), then the few
  // operators around them evaluated: what evaluating `e` itself would give, without walking and
  // adding up the whole tree twice when the count is not known yet (an alternatives site's never is).
  const bound = asm.bindCount(e);
  const v = asm.tryEval(bound);
  const c = v === undefined ? undefined : fold(v, "frag");
  // Kept for layout only when not known now (layout folds it as a whole).
  return { e: c === undefined ? bound : e, c };
}

function fillByte(asm: Assembler, e: Expr | undefined): number {
  return e ? Number(BigInt.asUintN(8, asm.absolute(e, "fill value"))) : 0;
}

/**
 * The arguments of `s` as expressions: parsed now, or kept from the last time this statement was
 * read (see ExprArgs). At most `max`, at least one.
 */
function exprArgs(asm: Assembler, s: DirectiveStmt, max: number, usage: string): ExprArgs {
  if (s.exprArgs) return s.exprArgs;
  const args = splitArgs(s);
  if (args.length === 0 || args.length > max) throw argsError(s, usage);
  const parsed: ExprArgs = { exprs: [], spans: [] };
  for (const a of args) {
    parsed.exprs.push(exprArg(a));
    parsed.spans.push(a.cur.span(a.cur.pos, a.cur.end));
  }
  if (asm.keepingLine) s.exprArgs = parsed;
  return parsed;
}

function space(asm: Assembler, s: DirectiveStmt): void {
  const { exprs } = exprArgs(asm, s, 2, `${s.name} takes a size and an optional fill value`);
  const { e, c } = countNow(asm, exprs[0]!);
  const fillv = s.name === ".zero" ? 0 : fillByte(asm, exprs[1]);
  if (c === undefined) {
    asm.section.closeFrag({ kind: "space", count: e, unit: [fillv], nopLimit: 0, dot: asm.hereSym(), span: s.span }, 0);
    return;
  }
  if (c < 0n) {
    asm.report({ severity: "warning", code: "W002", message: `${s.name} with a negative size (${c}) is ignored`, span: s.span });
    return;
  }
  const n = Number(c);
  if (n > 1 << 30) throw new DiagnosticError([error("A015", `${s.name} size ${n} is too large`, s.argsSpan)]);
  const at = asm.section.reserve(n);
  asm.section.buf.fill(fillv, at, at + n);
}

function fill(asm: Assembler, s: DirectiveStmt): void {
  const args = splitArgs(s);
  if (args.length === 0 || args.length > 3) throw argsError(s, ".fill takes repeat, size and value");
  const { e, c } = countNow(asm, exprArg(args[0]!));
  let size = args[1] ? Number(asm.absolute(exprArg(args[1]), ".fill size")) : 1;
  if (size > 8) size = 8;
  if (size < 0) throw argsError(s, ".fill size must not be negative");
  const value = args[2] ? asm.absolute(exprArg(args[2]), ".fill value") : 0n;
  // GNU takes the value as 8 bytes whose upper 4 are zero.
  const unit = new Uint8Array(size);
  writeInt(unit, 0, Math.min(size, 4), BigInt.asUintN(32, value));
  if (c === undefined) {
    asm.section.closeFrag({ kind: "space", count: e, unit: [...unit], nopLimit: 0, dot: asm.hereSym(), span: s.span }, 0);
    return;
  }
  if (c < 0n) throw argsError(s, ".fill repeat count must not be negative");
  const n = Number(c);
  if (n * size > 1 << 30) throw argsError(s, ".fill is too large");
  const at = asm.section.reserve(n * size);
  for (let i = 0; i < n; i++) asm.section.buf.set(unit, at + i * size);
}

function org(asm: Assembler, s: DirectiveStmt): void {
  const args = splitArgs(s);
  if (args.length === 0 || args.length > 2) throw argsError(s, ".org takes an offset and an optional fill value");
  const e = asm.bindCount(exprArg(args[0]!));
  const fillv = fillByte(asm, args[1] && exprArg(args[1]));
  asm.section.closeFrag({ kind: "org", target: e, fill: fillv, dot: asm.hereSym(), span: s.span }, 0);
}

function nops(asm: Assembler, s: DirectiveStmt): void {
  const args = splitArgs(s);
  if (args.length === 0 || args.length > 2) throw argsError(s, ".nops takes a size and an optional maximum NOP size");
  const { e, c } = countNow(asm, exprArg(args[0]!));
  const limit = args[1] ? Number(asm.absolute(exprArg(args[1]), ".nops limit")) : GNU_MAX_NOP;
  if (limit < 0 || limit > GNU_MAX_NOP) throw argsError(s, `.nops limit must be between 0 and ${GNU_MAX_NOP}`);
  if (c === undefined) {
    asm.section.closeFrag({ kind: "space", count: e, unit: "nop", nopLimit: limit || GNU_MAX_NOP, dot: asm.hereSym(), span: s.span }, 0);
    return;
  }
  if (c < 0n) throw argsError(s, ".nops size must not be negative");
  const n = Number(c);
  const at = asm.section.reserve(n);
  fillNops(asm.section.buf, at, n, limit || GNU_MAX_NOP);
}

function align(asm: Assembler, s: DirectiveStmt): void {
  const args = splitArgs(s);
  if (args.length > 3) throw argsError(s, `${s.name} takes at most three arguments`);
  let a: number;
  if (args.length === 0 || args[0]!.text === "") a = s.name === ".p2align" ? 1 : 1;
  else {
    const v = Number(asm.absolute(exprArg(args[0]!), "alignment"));
    if (s.name === ".p2align") {
      if (v < 0 || v > 31) throw argsError(s, `alignment too large: ${v}`);
      a = 1 << v;
    } else {
      if (v !== 0 && (v & (v - 1)) !== 0) throw new DiagnosticError([error("A028", `alignment ${v} is not a power of 2`, s.argsSpan)]);
      a = v === 0 ? 1 : v;
    }
  }
  const fillArg = args[1] && args[1].text !== "" ? args[1] : undefined;
  const fillv = fillArg ? asm.absolute(exprArg(fillArg), "fill value") : undefined;
  const max = args[2] && args[2].text !== "" ? Number(asm.absolute(exprArg(args[2]), "maximum skip")) : 0;
  const sec = asm.section;
  const code = (sec.flags & SHF_EXECINSTR) !== 0;
  // In code, no fill or a 0x90 fill means GNU's multi-byte NOPs.
  const fillBytes: number[] | "nop" = code && (fillv === undefined || fillv === 0x90n) ? "nop" : [Number(BigInt.asUintN(8, fillv ?? 0n))];
  if (a > sec.align) sec.align = a;
  if (a <= 1) return;
  sec.closeFrag({ kind: "align", align: a, fill: fillBytes, max: max > 0 ? max : a }, 0);
}

function incbin(asm: Assembler, s: DirectiveStmt): void {
  const args = splitArgs(s);
  if (args.length === 0 || args.length > 3) throw argsError(s, ".incbin takes a file name, an optional skip and count");
  const name = stringArg(args[0]!);
  const found = resolveInclude(asm, name, s.span.file);
  if (!found) throw new DiagnosticError([error("A024", `cannot find file \`${name}\` for .incbin`, s.argsSpan)]);
  const skip = args[1] ? Number(asm.absolute(exprArg(args[1]), ".incbin skip")) : 0;
  const count = args[2] ? Number(asm.absolute(exprArg(args[2]), ".incbin count")) : found.bytes.length - skip;
  if (skip < 0 || skip > found.bytes.length || count < 0 || skip + count > found.bytes.length) {
    throw new DiagnosticError([error("A024", `.incbin skip/count out of range for \`${name}\` (${found.bytes.length} bytes)`, s.argsSpan)]);
  }
  asm.section.emitBytes(found.bytes.subarray(skip, skip + count));
}

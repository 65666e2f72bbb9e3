/**
 * `.macro`/`.endm`, macro invocation, `.exitm`, `.purgem`, and `.rept`/`.irp`/`.irpc`. GNU as expands
 * these by text substitution and reads the result as source again; so do we. In a body `\name` is the
 * argument, `\@` the number of macro expansions so far, `\()` nothing (it separates a parameter name
 * from text that follows, as in `\reg\()_save`).
 */
import type { MacroParam, RawLine } from "../ast.js";
import type { Assembler } from "../assembler.js";
import type { Cursor } from "../cursor.js";
import { Cursor as Cur, isIdentPart, isSpace } from "../cursor.js";
import { DiagnosticError, error, type SourceSpan } from "../../diag/diagnostic.js";
import { parseMacroParams, readMacroArg } from "../parse.js";
import { parseExpr } from "../expr-parse.js";
import { ParsedLines, type ParsedRun } from "../parsed-lines.js";

export interface MacroDef {
  name: string;
  params: MacroParam[];
  body: RawLine[];
  span: SourceSpan;
  /**
   * Expansions by argument text, for a body without `\@` (whose expansion then depends on nothing
   * else): macros such as an alternatives or exception-table wrapper are invoked thousands of times
   * with the same arguments, and each expansion's lines are then substituted and parsed once.
   */
  expansions: Map<string, ParsedLines> | undefined;
}

/** Argument texts remembered per macro (the first ones met; most invocations repeat a few). */
const MAX_EXPANSIONS = 256;

/** Expansions in flight and lines produced, bounded so that runaway recursion ends with an error. */
const MAX_DEPTH = 256;
const MAX_LINES = 20_000_000;

export function installMacros(asm: Assembler): void {
  let linesExpanded = 0;
  const budget = (n: number, span: SourceSpan) => {
    linesExpanded += n;
    if (linesExpanded > MAX_LINES) throw new DiagnosticError([error("A023", `macro and repeat expansion exceeds ${MAX_LINES} lines`, span)]);
  };

  asm.defineMacro = (args: string, cur: Cursor, body: RawLine[], at: RawLine) => {
    const { name, params } = parseMacroParams(args, cur);
    const span = { file: at.file, line: at.line, col: 1 };
    const key = name.toLowerCase();
    if (asm.macros.has(key)) throw new DiagnosticError([error("A023", `macro \`${name}\` is already defined`, span)]);
    const counted = body.some((l) => l.text.includes("\\@"));
    asm.macros.set(key, { name, params, body, span, expansions: counted ? undefined : new Map() });
    asm.macroGeneration++;
  };

  asm.expandMacro = (def: MacroDef, argsText: string, argsSpan: SourceSpan, at: SourceSpan) => {
    if (asm.depth >= MAX_DEPTH) throw new DiagnosticError([error("A023", `macro \`${def.name}\` expanded too deeply (recursion?)`, at)]);
    let lines: RawLine[] | ParsedRun | undefined = def.expansions?.get(argsText)?.run();
    if (lines === undefined) {
      const values = bindArguments(def, argsText, argsSpan, at);
      const counter = String(asm.macroCounter);
      const body = def.body.map((l): RawLine => ({ text: substitute(l.text, values, counter), file: l.file, line: l.line }));
      lines = body;
      if (def.expansions && def.expansions.size < MAX_EXPANSIONS) {
        const kept = new ParsedLines(body);
        def.expansions.set(argsText, kept);
        lines = kept.run();
      }
    }
    asm.macroCounter++;
    budget(def.body.length, at);
    asm.depth++;
    const conds = asm.conds.length;
    try {
      asm.runLines(lines, { severity: "note", code: "A023", message: `in expansion of macro \`${def.name}\``, span: at });
    } finally {
      asm.depth--;
      // `.exitm` leaves the conditionals opened in this expansion (GNU's cond_exit_macro).
      if (asm.exitMacro) asm.conds.length = conds;
      asm.exitMacro = false;
    }
  };

  asm.runRepeat = (kind, args, cur, body, at) => {
    const span = { file: at.file, line: at.line, col: 1 };
    if (asm.depth >= MAX_DEPTH) throw new DiagnosticError([error("A023", `${kind} nested too deeply`, span)]);
    const runs: (RawLine[] | ParsedLines)[] = [];
    if (kind === ".rept") {
      const c = new Cur(args, cur.file, cur.line, cur.colBase);
      const n = asm.absolute(parseExpr(c), ".rept count");
      if (n > 10_000_000n) throw new DiagnosticError([error("A023", `.rept count ${n} is too large`, span)]);
      budget(Number(n > 0n ? n : 0n) * body.length, span);
      // Every repetition reads the same lines: they are parsed once.
      const kept = new ParsedLines(body);
      for (let i = 0n; i < n; i++) runs.push(kept);
    } else {
      const comma = args.indexOf(",");
      const name = (comma < 0 ? args : args.slice(0, comma)).trim();
      if (!/^[A-Za-z_.$][\w.$]*$/.test(name)) throw new DiagnosticError([error("A023", `${kind} needs a parameter name`, span)]);
      const rest = comma < 0 ? "" : args.slice(comma + 1);
      const items = kind === ".irp" ? splitIrpValues(rest, cur) : [...rest.trim()];
      if (items.length === 0) items.push("");
      budget(items.length * body.length, span);
      for (const v of items) {
        const values = new Map([[name, v]]);
        runs.push(body.map((l) => ({ ...l, text: substitute(l.text, values, undefined) })));
      }
    }
    asm.depth++;
    try {
      for (const lines of runs) asm.runLines(lines instanceof ParsedLines ? lines.run() : lines);
    } finally {
      asm.depth--;
    }
  };
}

/** Splits `.irp` values: commas or blanks separate them. */
function splitIrpValues(text: string, cur: Cursor): string[] {
  const c = new Cur(text, cur.file, cur.line);
  const out: string[] = [];
  for (;;) {
    while (!c.atEnd && (isSpace(c.peek()) || c.peek() === 44)) c.pos++;
    if (c.atEnd) break;
    out.push(readMacroArg(c));
  }
  return out;
}

/**
 * Characters that bind the blank-separated pieces of a macro argument together: GNU as's scrubber
 * drops the blanks around these (so `TWO 1 >> 2, 3` is two arguments), but not around `-`, `*` and
 * `%`, where a blank ends the argument (`TWO 16 * 2, 1` is "too many positional arguments" there).
 */
const operatorChars = new Set("+/|&^<>!".split("").map((x) => x.charCodeAt(0)));

/** Reads the invocation's arguments and binds them to parameters (positional, then `name=value`). */
function bindArguments(def: MacroDef, text: string, argsSpan: SourceSpan, at: SourceSpan): Map<string, string> {
  const c = new Cur(text, argsSpan.file, argsSpan.line, argsSpan.col - 1);
  const values = new Map<string, string>();
  let pos = 0;
  for (;;) {
    c.skipSpace();
    if (c.peek() === 44) {
      // An empty argument between commas.
      c.pos++;
      pos++;
      continue;
    }
    if (c.atEnd) break;
    const param = def.params[pos];
    if (param?.vararg) {
      values.set(param.name, c.rest().trim());
      c.pos = c.end;
      break;
    }
    // `name=value` binds by keyword.
    const kw = keywordAt(c);
    if (kw && def.params.some((p) => p.name === kw.name)) {
      c.pos = kw.valueAt;
      c.skipSpace();
      values.set(kw.name, readJoined(c));
    } else {
      if (!param) throw new DiagnosticError([error("A023", `too many arguments for macro \`${def.name}\``, at)]);
      values.set(param.name, readJoined(c));
      pos++;
    }
    c.skipSpace();
    if (c.peek() === 44) c.pos++;
  }
  for (const p of def.params) {
    const v = values.get(p.name);
    if (v === undefined || (v === "" && p.default !== undefined)) {
      if (p.required) throw new DiagnosticError([error("A023", `missing value for required parameter \`${p.name}\` of macro \`${def.name}\``, at)]);
      values.set(p.name, p.default ?? "");
    }
  }
  return values;
}

/**
 * `name=` at the cursor (but not `name==`): the name and where its value starts. This is the pattern
 * /^([A-Za-z_.$][\w.$]*)\s*=(?!=)/ scanned by hand, since it is asked of every macro argument.
 */
function keywordAt(c: Cur): { name: string; valueAt: number } | undefined {
  const t = c.text;
  if (c.pos >= c.end || !isStart(t.charCodeAt(c.pos))) return undefined;
  let p = c.pos + 1;
  while (p < c.end && (isStart(t.charCodeAt(p)) || (t.charCodeAt(p) >= 48 && t.charCodeAt(p) <= 57))) p++;
  let q = p;
  // \s over Latin-1: tab to carriage return, space, no-break space.
  while (q < c.end && ((t.charCodeAt(q) >= 9 && t.charCodeAt(q) <= 13) || t.charCodeAt(q) === 32 || t.charCodeAt(q) === 0xa0)) q++;
  if (q >= c.end || t.charCodeAt(q) !== 61) return undefined;
  if (q + 1 < c.end && t.charCodeAt(q + 1) === 61) return undefined;
  return { name: t.slice(c.pos, p), valueAt: q + 1 };
}

/** [A-Za-z_.$] */
function isStart(ch: number): boolean {
  return ((ch | 0x20) >= 97 && (ch | 0x20) <= 122) || ch === 95 || ch === 46 || ch === 36;
}

/** An argument, joining blank-separated pieces that an operator binds (`4 + 4`). */
function readJoined(c: Cur): string {
  let v = readMacroArg(c);
  for (;;) {
    const save = c.pos;
    c.skipSpace();
    const next = c.peek();
    const last = v.charCodeAt(v.length - 1);
    if (c.atEnd || next === 44) {
      c.pos = save;
      return v;
    }
    if (operatorChars.has(next) || operatorChars.has(last)) {
      const gap = c.text.slice(save, c.pos);
      if (operatorChars.has(next)) {
        v += gap;
        // The whole operator: `>>`, `<<`, `<>`, `&&`, `||`.
        while (!c.atEnd && operatorChars.has(c.peek())) v += String.fromCharCode(c.text.charCodeAt(c.pos++));
        c.skipSpace();
        if (c.atEnd || c.peek() === 44) return v;
        v += " " + readMacroArg(c);
      } else v += gap + readMacroArg(c);
      continue;
    }
    c.pos = save;
    return v;
  }
}

/** Replaces `\name`, `\@` and `\()` in one body line. */
export function substitute(text: string, values: Map<string, string>, counter: string | undefined): string {
  if (text.indexOf("\\") < 0) return text;
  let out = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const bs = text.indexOf("\\", i);
    if (bs < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, bs);
    const next = text.charCodeAt(bs + 1);
    if (next === 64 /* @ */ && counter !== undefined) {
      out += counter;
      i = bs + 2;
      continue;
    }
    if (next === 40 /* ( */ && text.charCodeAt(bs + 2) === 41) {
      i = bs + 3;
      continue;
    }
    let j = bs + 1;
    while (j < n && isIdentPart(text.charCodeAt(j)) && text.charCodeAt(j) !== 36) j++;
    const name = text.slice(bs + 1, j);
    if (name && values.has(name)) {
      out += values.get(name)!;
      i = j;
      continue;
    }
    out += "\\";
    i = bs + 1;
  }
  return out;
}

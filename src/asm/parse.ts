/**
 * Statements from scrubbed lines. Grammar of one logical line (`;` separates statements):
 *
 *     line       := statement (';' statement)*
 *     statement  := label* (directive | assignment | instruction | macro-call)?
 *     label      := (symbol | digits) ':'
 *     assignment := symbol '=' expr
 *     directive  := '.' name args            (args stay text; each directive parses its own)
 *     instruction:= prefix* mnemonic (operand (',' operand)*)?
 *     operand    := '%' reg | '$' expr | '*'? ('%' seg ':')? mem | '*' '%' reg
 *     mem        := expr? ('(' '%' base? (',' '%' index (',' scale)?)? ')')?
 *
 * Macro invocations look like instructions; the caller says which names are macros.
 */
import type { Expr, MacroParam, Operand, RawLine, Statement } from "./ast.js";
import type { LineReader } from "./lines.js";
import { Ch, Cursor, isDigit, isIdentPart, isIdentStart, isSpace } from "./cursor.js";
import { parseExpr, readQuoted } from "./expr-parse.js";
import { ParseError } from "./parse-error.js";
import { lookupRegister, registerAt, type RegInfo } from "../isa/registers.js";
import { isPrefixWord } from "../isa/prefixes.js";

export interface ParseContext {
  /** Is `name` a macro defined so far? Macro names are case-insensitive in GNU as. */
  isMacro(name: string): boolean;
}

const noMacros: ParseContext = { isMacro: () => false };

/**
 * A list reused from call to call and copied out at its exact length. An empty array grown by `push`
 * gets room for 17 elements: for the one statement of a line and the two operands of an instruction,
 * that was most of what the parser allocated.
 */
class Scratch<T> {
  private readonly items: T[] = [];
  private n = 0;

  push(x: T): void {
    this.items[this.n++] = x;
  }

  get length(): number {
    return this.n;
  }

  /** The items so far, as a new array; empties the list. */
  take(): T[] {
    const it = this.items;
    const n = this.n;
    const out = n === 1 ? [it[0]!] : n === 2 ? [it[0]!, it[1]!] : it.slice(0, n);
    for (let i = 0; i < n; i++) it[i] = undefined as T;
    this.n = 0;
    return out;
  }

  clear(): void {
    for (let i = 0; i < this.n; i++) this.items[i] = undefined as T;
    this.n = 0;
  }
}

// Parsing never re-enters itself, so one of each serves every line.
const statementScratch = new Scratch<Statement>();
const operandScratch = new Scratch<Operand>();

/** Parses one scrubbed line into statements. A statement that does not parse becomes an `invalid` node. */
export function parseStatements(text: string, file: string, line: number, ctx: ParseContext = noMacros): Statement[] {
  const label = labelLine(text, file, line);
  if (label) return [label];
  const out = statementScratch;
  out.clear();
  try {
    parseLine(text, file, line, ctx, out);
    return out.take();
  } finally {
    out.clear();
  }
}

/**
 * A line that is one label and nothing else (`.Lfoo:`, `1:`), as `parseStatement` reads it, without
 * a cursor: a kernel file has such a line for every fifth instruction.
 */
function labelLine(text: string, file: string, line: number): Statement | undefined {
  const n = text.length;
  let i = 0;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  const start = i;
  const c = i < n ? text.charCodeAt(i) : -1;
  const numeric = isDigit(c);
  if (numeric) while (i < n && isDigit(text.charCodeAt(i))) i++;
  else if (isIdentStart(c)) {
    i++;
    while (i < n && isIdentPart(text.charCodeAt(i))) i++;
  } else return undefined;
  const nameEnd = i;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (i >= n || text.charCodeAt(i) !== Ch.Colon) return undefined;
  i++;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (i < n) return undefined;
  return { kind: "label", name: text.slice(start, nameEnd), numeric, span: { file, line, col: start + 1, length: Math.max(1, nameEnd - start) } };
}

function parseLine(text: string, file: string, line: number, ctx: ParseContext, out: Scratch<Statement>): void {
  const cur = new Cursor(text, file, line);
  while (!cur.atEnd) {
    cur.skipSpace();
    if (cur.atEnd) break;
    if (cur.peek() === Ch.Semi) {
      cur.pos++;
      continue;
    }
    const start = cur.pos;
    try {
      parseStatement(cur, ctx, out);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      out.push({ kind: "invalid", diagnostic: e.diagnostic, span: cur.span(start, statementEnd(text, start)) });
      cur.pos = statementEnd(text, start);
    }
  }
}

/** The end of the statement starting at `start`: the next `;` outside strings and character constants. */
export function statementEnd(text: string, start: number): number {
  let i = start;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === Ch.Semi) return i;
    if (c === Ch.Quote) {
      i++;
      while (i < n && text.charCodeAt(i) !== Ch.Quote) i += text.charCodeAt(i) === Ch.Backslash ? 2 : 1;
      i++;
    } else if (c === Ch.Apos) {
      i += text.charCodeAt(i + 1) === Ch.Backslash ? 3 : 2;
    } else i++;
  }
  return n;
}

function parseStatement(cur: Cursor, ctx: ParseContext, out: Scratch<Statement>): void {
  for (;;) {
    cur.skipSpace();
    if (cur.atEnd || cur.peek() === Ch.Semi) return;
    const start = cur.pos;
    const c = cur.peek();
    // Numeric local label `1:`.
    if (isDigit(c)) {
      let p = cur.pos;
      while (isDigit(cur.text.charCodeAt(p))) p++;
      let q = p;
      while (q < cur.end && isSpace(cur.text.charCodeAt(q))) q++;
      if (cur.text.charCodeAt(q) === Ch.Colon) {
        out.push({ kind: "label", name: cur.text.slice(start, p), numeric: true, span: cur.span(start, p) });
        cur.pos = q + 1;
        continue;
      }
      throw new ParseError("A003", "a statement cannot start with a number", cur.span(start, p));
    }
    let name: string;
    if (c === Ch.Quote) name = readQuoted(cur);
    else if (isIdentStart(c)) name = cur.ident();
    else throw new ParseError("A001", `unexpected character \`${String.fromCharCode(c)}\``, cur.span(start));
    const nameEnd = cur.pos;
    cur.skipSpace();
    const next = cur.peek();
    if (next === Ch.Colon) {
      cur.pos++;
      out.push({ kind: "label", name, numeric: false, span: cur.span(start, nameEnd) });
      continue;
    }
    if (next === Ch.Eq && cur.peek(1) !== Ch.Eq) {
      cur.pos++;
      const expr = parseExpr(cur);
      expectEnd(cur);
      out.push({ kind: "assign", name, expr, span: cur.span(start) });
      return;
    }
    const end = statementEnd(cur.text, cur.pos);
    if (name.charCodeAt(0) === Ch.Dot || ctx.isMacro(name)) {
      const argsStart = cur.pos;
      out.push({
        kind: "directive",
        name: name.charCodeAt(0) === Ch.Dot ? name.toLowerCase() : name,
        args: cur.text.slice(argsStart, end).trimEnd(),
        span: cur.span(start, nameEnd),
        argsSpan: cur.span(argsStart, end),
        exprArgs: undefined,
        section: undefined,
      });
      cur.pos = end;
      return;
    }
    parseInstruction(cur, name.toLowerCase(), start, nameEnd, end, ctx, out);
    return;
  }
}

/** The `prefixes` of the (many) instructions written without any: one shared, never-written array. */
const NO_PREFIXES: string[] = [];
/** Likewise the operands of `ret`, `nop`, … */
const NO_OPERANDS: Operand[] = [];

function parseInstruction(cur: Cursor, first: string, start: number, firstEnd: number, end: number, ctx: ParseContext, out: Scratch<Statement>): void {
  let prefixes = NO_PREFIXES;
  let mnemonic = first;
  let mStart = start;
  let mEnd = firstEnd;
  // Prefix words: `lock incl (%rax)`, `rep movsb`, `ds wrmsr`. A prefix alone is a statement of its own.
  while (isPrefixWord(mnemonic)) {
    cur.skipSpace();
    const save = cur.pos;
    const word = cur.ident();
    if (!word || ctx.isMacro(word)) {
      cur.pos = save;
      break;
    }
    if (prefixes === NO_PREFIXES) prefixes = [];
    prefixes.push(mnemonic);
    mStart = save;
    mEnd = cur.pos;
    mnemonic = word.toLowerCase();
  }
  let operands: Operand[] = NO_OPERANDS;
  cur.skipSpace();
  if (cur.pos < end) {
    const ops = operandScratch;
    ops.clear();
    // Operands are read with the cursor's end moved to the statement's end (rather than through a
    // sub-cursor per operand, which showed in allocation profiles).
    const lineEnd = cur.end;
    cur.end = end;
    try {
      for (;;) {
        ops.push(parseOperand(cur));
        cur.skipSpace();
        if (cur.pos >= end) break;
        if (cur.peek() !== Ch.Comma) throw new ParseError("A003", `junk \`${cur.text.slice(cur.pos, end)}\` after operand`, cur.span(cur.pos, end));
        cur.pos++;
      }
      operands = ops.take();
    } finally {
      cur.end = lineEnd;
      ops.clear();
    }
  }
  cur.pos = end;
  out.push({ kind: "instruction", prefixes, mnemonic, operands, span: cur.span(start, end), mnemonicSpan: cur.span(mStart, mEnd) });
}

function expectEnd(cur: Cursor): void {
  cur.skipSpace();
  if (!cur.atEnd && cur.peek() !== Ch.Semi) {
    const e = statementEnd(cur.text, cur.pos);
    throw new ParseError("A003", `junk \`${cur.text.slice(cur.pos, e)}\` at end of statement`, cur.span(cur.pos, e));
  }
}

/** Parses one AT&T operand; stops before `,` or the end. */
export function parseOperand(cur: Cursor): Operand {
  cur.skipSpace();
  const start = cur.pos;
  let star = false;
  if (cur.peek() === Ch.Star) {
    star = true;
    cur.pos++;
    cur.skipSpace();
  }
  const c = cur.peek();
  if (c === Ch.Dollar && !star) {
    cur.pos++;
    const expr = parseExpr(cur);
    return { kind: "imm", expr, span: cur.span(start) };
  }
  let seg: RegInfo | undefined;
  if (c === Ch.Percent) {
    const reg = readRegister(cur);
    cur.skipSpace();
    if (cur.peek() !== Ch.Colon) return { kind: "reg", reg, star, span: cur.span(start) };
    if (reg.cls !== "seg") throw new ParseError("A033", `\`%${reg.name}\` is not a segment register`, cur.span(start));
    cur.pos++;
    seg = reg;
  }
  return parseMemory(cur, start, star, seg);
}

function parseMemory(cur: Cursor, start: number, star: boolean, seg: RegInfo | undefined): Operand {
  cur.skipSpace();
  let disp: Expr | undefined;
  if (cur.peek() !== Ch.LParen || !parenStartsAddress(cur)) disp = parseExpr(cur);
  cur.skipSpace();
  let base: RegInfo | undefined;
  let index: RegInfo | undefined;
  let scale: 1 | 2 | 4 | 8 = 1;
  if (cur.peek() === Ch.LParen) {
    cur.pos++;
    cur.skipSpace();
    if (cur.peek() === Ch.Percent) base = readRegister(cur);
    cur.skipSpace();
    if (cur.peek() === Ch.Comma) {
      cur.pos++;
      cur.skipSpace();
      if (cur.peek() === Ch.Percent) index = readRegister(cur);
      cur.skipSpace();
      if (cur.peek() === Ch.Comma) {
        cur.pos++;
        cur.skipSpace();
        const sStart = cur.pos;
        const e = parseExpr(cur);
        const v = e.kind === "num" ? e.value : -1n;
        if (v !== 1n && v !== 2n && v !== 4n && v !== 8n) throw new ParseError("A033", "scale factor must be 1, 2, 4 or 8", cur.span(sStart));
        scale = Number(v) as 1 | 2 | 4 | 8;
      }
    }
    cur.skipSpace();
    if (cur.peek() !== Ch.RParen) throw new ParseError("A033", "missing `)` in memory operand", cur.span(cur.pos));
    cur.pos++;
  } else if (!disp) {
    throw new ParseError("A033", "missing operand", cur.span(start));
  }
  const op: Operand = { kind: "mem", scale, star, span: cur.span(start) };
  if (seg) op.seg = seg;
  if (disp) op.disp = disp;
  if (base) op.base = base;
  if (index) op.index = index;
  return op;
}

/** `(` starts an address when what follows is `%reg` or `,`; otherwise it opens an expression. */
function parenStartsAddress(cur: Cursor): boolean {
  let p = cur.pos + 1;
  while (p < cur.end && isSpace(cur.text.charCodeAt(p))) p++;
  const c = cur.text.charCodeAt(p);
  return c === Ch.Percent || c === Ch.Comma || c === Ch.RParen;
}

function readRegister(cur: Cursor): RegInfo {
  const start = cur.pos;
  cur.pos++; // '%'
  let p = cur.pos;
  while (p < cur.end && isIdentPart(cur.text.charCodeAt(p))) p++;
  if (cur.text.charCodeAt(p) !== Ch.LParen) {
    // The common case, looked up without slicing the name out of the line.
    const reg = registerAt(cur.text, cur.pos, p);
    if (reg) {
      cur.pos = p;
      return reg;
    }
  }
  let name = cur.text.slice(cur.pos, p).toLowerCase();
  // `%st(1)`.
  if (name === "st" && cur.text.charCodeAt(p) === Ch.LParen) {
    const close = cur.text.indexOf(")", p);
    if (close > 0) {
      name = "st(" + cur.text.slice(p + 1, close).trim() + ")";
      p = close + 1;
    }
  }
  cur.pos = p;
  const reg = lookupRegister(name);
  if (!reg) throw new ParseError("A032", `bad register name \`%${name}\``, cur.span(start));
  return reg;
}

// ---------------------------------------------------------------------------------------------------
// Whole files: statements plus the raw bodies of .macro/.rept/.irp/.irpc blocks.

const blockOpeners = new Set([".macro", ".rept", ".irp", ".irpc"]);

/** The first word of a line if it opens or closes a block (`.macro`, `.endm`, `.rept`, `.endr` …). */
function blockWord(text: string): string | undefined {
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    // Skip labels in front: `1: .rept 3` is rare but legal.
    let j = i;
    while (j < n && isIdentPart(text.charCodeAt(j))) j++;
    if (j > i && text.charCodeAt(j) === Ch.Colon) {
      i = j + 1;
      continue;
    }
    if (text.charCodeAt(i) !== Ch.Dot) return undefined;
    const w = text.slice(i, j).toLowerCase();
    return w;
  }
}

/**
 * Reads the body of a block whose opener was the last line read, through its closing `.endm`/`.endr`,
 * honouring nesting. Returns the body, and whether the closing line was found.
 */
export function collectBlock(lines: LineReader, macro: boolean): { body: RawLine[]; closed: boolean } {
  const body: RawLine[] = [];
  let depth = 0;
  for (let l = lines.next(); l !== undefined; l = lines.next()) {
    const w = blockWord(l.text);
    if (w) {
      if (macro ? w === ".macro" : w === ".rept" || w === ".irp" || w === ".irpc") depth++;
      else if (macro ? w === ".endm" : w === ".endr") {
        if (depth === 0) return { body, closed: true };
        depth--;
      }
    }
    body.push(l);
  }
  return { body, closed: false };
}

export { blockOpeners };

/** Parses `.macro` parameters: `name a, b=1, c:req, d:vararg` (commas or spaces between). */
export function parseMacroParams(args: string, cur: Cursor): { name: string; params: MacroParam[] } {
  const c = new Cursor(args, cur.file, cur.line, cur.colBase);
  c.skipSpace();
  const name = c.ident();
  if (!name) throw new ParseError("A023", "`.macro` needs a name", cur.span(0, args.length));
  const params: MacroParam[] = [];
  for (;;) {
    c.skipSpace();
    if (c.peek() === Ch.Comma) {
      c.pos++;
      continue;
    }
    if (c.atEnd) break;
    const pStart = c.pos;
    const pname = c.ident();
    if (!pname) throw new ParseError("A023", `bad macro parameter \`${c.rest()}\``, c.span(pStart, args.length));
    const param: MacroParam = { name: pname, required: false, vararg: false };
    c.skipSpace();
    if (c.peek() === Ch.Colon) {
      c.pos++;
      const q = c.ident().toLowerCase();
      if (q === "req") param.required = true;
      else if (q === "vararg") param.vararg = true;
      else throw new ParseError("A023", `unknown macro parameter qualifier \`:${q}\``, c.span(pStart));
      c.skipSpace();
    }
    if (c.peek() === Ch.Eq) {
      c.pos++;
      c.skipSpace();
      param.default = readMacroArg(c);
    }
    params.push(param);
  }
  return { name, params };
}

/**
 * Reads one macro argument as GNU does: a "quoted string" (quotes kept off), or text up to a comma or
 * whitespace at parenthesis depth 0.
 */
export function readMacroArg(c: Cursor): string {
  if (c.peek() === Ch.Quote) {
    const s = c.pos;
    let p = s + 1;
    while (p < c.end && c.text.charCodeAt(p) !== Ch.Quote) p += c.text.charCodeAt(p) === Ch.Backslash ? 2 : 1;
    c.pos = Math.min(p + 1, c.end);
    return c.text.slice(s + 1, p);
  }
  const s = c.pos;
  let depth = 0;
  while (!c.atEnd) {
    const ch = c.peek();
    if (ch === Ch.LParen) depth++;
    else if (ch === Ch.RParen) depth--;
    else if (depth <= 0 && (ch === Ch.Comma || isSpace(ch))) break;
    c.pos++;
  }
  return c.text.slice(s, c.pos);
}

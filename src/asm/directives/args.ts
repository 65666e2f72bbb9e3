/** Helpers for directive arguments, which stay text in the AST: split at commas, parse expressions. */
import type { Expr, Statement } from "../ast.js";
import { Ch, Cursor, isSpace } from "../cursor.js";
import { parseExpr, readQuoted } from "../expr-parse.js";
import { ParseError } from "../parse-error.js";

type DirectiveStmt = Extract<Statement, { kind: "directive" }>;

/**
 * One argument: a cursor positioned on it (columns match the source line) and its text, trimmed.
 * The text is sliced when first asked for: most directives only parse the cursor.
 */
export class Arg {
  private trimmed: string | undefined;

  constructor(
    readonly cur: Cursor,
    private readonly source: string,
    private readonly from: number,
    private readonly to: number,
  ) {}

  get text(): string {
    return (this.trimmed ??= this.source.slice(this.from, this.to).trim());
  }
}

/** Splits directive arguments at top-level commas (not inside strings or parentheses). */
export function splitArgs(s: DirectiveStmt): Arg[] {
  const text = s.args;
  const base = s.argsSpan.col - 1;
  const out: Arg[] = [];
  let depth = 0;
  let start = 0;
  const n = text.length;
  if (isBlank(text)) return out;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : Ch.Comma;
    if (c === Ch.Quote) {
      i++;
      while (i < n && text.charCodeAt(i) !== Ch.Quote) i += text.charCodeAt(i) === Ch.Backslash ? 2 : 1;
      continue;
    }
    if (c === Ch.Apos) {
      // A character constant: `'c`, `'\n`, optionally closed (`'c'`).
      i += text.charCodeAt(i + 1) === Ch.Backslash ? 2 : 1;
      if (text.charCodeAt(i + 1) === Ch.Apos) i++;
      if (i >= n) i = n - 1;
      continue;
    }
    if (c === Ch.LParen) depth++;
    else if (c === Ch.RParen) depth--;
    else if (c === Ch.Comma && depth <= 0) {
      out.push(new Arg(trimmedCursor(text, start, i, s, base), text, start, i));
      start = i + 1;
    }
  }
  return out;
}

/** `text.trim() === ""`, without making the trimmed copy. */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // String.prototype.trim's white space and line terminators in Latin-1, and the few above it.
    if (!(c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000)) return false;
  }
  return true;
}

function trimmedCursor(text: string, start: number, end: number, s: DirectiveStmt, base: number): Cursor {
  let a = start;
  let b = end;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  return new Cursor(text, s.argsSpan.file, s.argsSpan.line, base, a, b);
}

/** Parses a whole argument as one expression. */
export function exprArg(a: Arg): Expr {
  const e = parseExpr(a.cur);
  a.cur.skipSpace();
  if (!a.cur.atEnd) throw new ParseError("A004", `junk \`${a.cur.rest()}\` after expression`, a.cur.span(a.cur.pos, a.cur.end));
  return e;
}

/** Parses a "string" argument (GNU escapes). */
export function stringArg(a: Arg): string {
  a.cur.skipSpace();
  if (a.cur.peek() !== Ch.Quote) throw new ParseError("A021", "expected a string in double quotes", a.cur.span(a.cur.pos, a.cur.end));
  const v = readQuoted(a.cur);
  a.cur.skipSpace();
  if (!a.cur.atEnd) throw new ParseError("A021", `junk \`${a.cur.rest()}\` after string`, a.cur.span(a.cur.pos, a.cur.end));
  return v;
}

/** A symbol name argument. */
export function nameArg(a: Arg): string {
  a.cur.skipSpace();
  if (a.cur.peek() === Ch.Quote) return readQuoted(a.cur);
  const n = a.cur.ident();
  if (!n) throw new ParseError("A021", `expected a symbol name, found \`${a.text}\``, a.cur.span(a.cur.pos, a.cur.end));
  a.cur.skipSpace();
  if (!a.cur.atEnd) throw new ParseError("A021", `junk \`${a.cur.rest()}\` after symbol name`, a.cur.span(a.cur.pos, a.cur.end));
  return n;
}

export function argsError(s: DirectiveStmt, message: string): ParseError {
  return new ParseError("A021", message, s.argsSpan.length && s.argsSpan.length > 0 ? s.argsSpan : s.span);
}

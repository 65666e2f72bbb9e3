/**
 * A character-code scanner over one logical line. The assembler reads about a million lines a second,
 * so nothing here allocates per character or runs a regular expression per token: every method walks
 * `charCodeAt` and slices only the token it returns.
 */
import type { SourceSpan } from "../diag/diagnostic.js";

export const enum Ch {
  Tab = 9, Newline = 10, CR = 13, Space = 32, Bang = 33, Quote = 34, Hash = 35, Dollar = 36, Percent = 37,
  Amp = 38, Apos = 39, LParen = 40, RParen = 41, Star = 42, Plus = 43, Comma = 44, Minus = 45, Dot = 46,
  Slash = 47, D0 = 48, D1 = 49, D7 = 55, D9 = 57, Colon = 58, Semi = 59, Lt = 60, Eq = 61, Gt = 62, At = 64,
  A = 65, F = 70, Z = 90, LBracket = 91, Backslash = 92, RBracket = 93, Caret = 94, Underscore = 95,
  a = 97, b = 98, f = 102, x = 120, z = 122, LBrace = 123, Pipe = 124, RBrace = 125, Tilde = 126,
}

export function isIdentStart(c: number): boolean {
  return (c >= Ch.a && c <= Ch.z) || (c >= Ch.A && c <= Ch.Z) || c === Ch.Underscore || c === Ch.Dot || c === Ch.Dollar || c >= 0x80;
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= Ch.D0 && c <= Ch.D9);
}

export function isDigit(c: number): boolean {
  return c >= Ch.D0 && c <= Ch.D9;
}

export function isSpace(c: number): boolean {
  return c === Ch.Space || c === Ch.Tab || c === Ch.CR || c === 12 || c === 11;
}

/** Position within a line, with the file and line number for spans. */
export class Cursor {
  pos: number;
  constructor(
    readonly text: string,
    readonly file: string,
    readonly line: number,
    /** Column (0-based) of `text[0]` in the physical line: directive arguments are sub-strings. */
    readonly colBase = 0,
    start = 0,
    /** End of the region this cursor reads (exclusive). */
    public end = text.length,
  ) {
    this.pos = start;
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  peek(ahead = 0): number {
    const p = this.pos + ahead;
    return p < this.end ? this.text.charCodeAt(p) : -1;
  }

  skipSpace(): void {
    while (this.pos < this.end && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** Consumes `c` (after optional spaces) if it is next. */
  eat(c: number): boolean {
    this.skipSpace();
    if (this.peek() === c) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Reads an identifier (symbol, directive or mnemonic name) or returns "". */
  ident(): string {
    const s = this.pos;
    if (s >= this.end || !isIdentStart(this.text.charCodeAt(s))) return "";
    let p = s + 1;
    while (p < this.end && isIdentPart(this.text.charCodeAt(p))) p++;
    this.pos = p;
    return this.text.slice(s, p);
  }

  span(start: number, end = this.pos): SourceSpan {
    return { file: this.file, line: this.line, col: this.colBase + start + 1, length: Math.max(1, end - start) };
  }

  rest(): string {
    return this.text.slice(this.pos, this.end);
  }
}

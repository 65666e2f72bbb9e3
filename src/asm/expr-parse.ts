/**
 * GNU as expressions, parsed by precedence climbing. Ranks follow GNU as 2.40's `op_rank`, which the
 * manual describes only loosely (checked against `as`: `1 == 0 + 1` is −1, `3 | 4 + 1` is 8):
 *
 *     6  *  /  %  <<  >>          (tightest)
 *     5  |  &  ^  !               (`a ! b` is `a | ~b`)
 *     4  +  -
 *     3  ==  !=  <>  <  <=  >  >=  (true is −1)
 *     2  &&
 *     1  ||                       (loosest)
 *
 * Operands: numbers (decimal, 0x hex, 0b binary, 0 octal, 'c character constants), symbols (also
 * "quoted"), `.`, numeric local label references `1b`/`1f`, unary `- ~ ! +`, parentheses.
 */
import type { BinaryOp, Expr, UnaryOp } from "./ast.js";
import { Ch, Cursor, isDigit, isIdentPart, isIdentStart } from "./cursor.js";
import { ParseError } from "./parse-error.js";

const rank = (op: BinaryOp): number => {
  switch (op) {
    case "*": case "/": case "%": case "<<": case ">>": return 6;
    case "|": case "&": case "^": case "!": return 5;
    case "+": case "-": return 4;
    case "==": case "!=": case "<>": case "<": case "<=": case ">": case ">=": return 3;
    case "&&": return 2;
    case "||": return 1;
  }
};

/** Parses one expression at the cursor. */
export function parseExpr(cur: Cursor): Expr {
  return parseBinary(cur, 1);
}

function parseBinary(cur: Cursor, minRank: number): Expr {
  let left = parseUnary(cur);
  for (;;) {
    cur.skipSpace();
    const save = cur.pos;
    const op = readBinaryOp(cur);
    if (!op) return left;
    const r = rank(op);
    if (r < minRank) {
      cur.pos = save;
      return left;
    }
    const right = parseBinary(cur, r + 1);
    left = { kind: "binary", op, left, right, span: spanOf(cur, left, right) };
  }
}

function spanOf(cur: Cursor, a: Expr, b: Expr) {
  const end = b.span.col + (b.span.length ?? 1);
  return { file: cur.file, line: cur.line, col: a.span.col, length: end - a.span.col };
}

function readBinaryOp(cur: Cursor): BinaryOp | undefined {
  const c = cur.peek();
  const d = cur.peek(1);
  let op: BinaryOp | undefined;
  let len = 1;
  switch (c) {
    case Ch.Star: op = "*"; break;
    case Ch.Slash: op = "/"; break;
    case Ch.Percent: op = "%"; break;
    case Ch.Plus: op = "+"; break;
    case Ch.Minus: op = "-"; break;
    case Ch.Caret: op = "^"; break;
    case Ch.Pipe: if (d === Ch.Pipe) { op = "||"; len = 2; } else op = "|"; break;
    case Ch.Amp: if (d === Ch.Amp) { op = "&&"; len = 2; } else op = "&"; break;
    case Ch.Bang: if (d === Ch.Eq) { op = "!="; len = 2; } else op = "!"; break;
    case Ch.Eq: if (d === Ch.Eq) { op = "=="; len = 2; } else return undefined; break;
    case Ch.Lt:
      if (d === Ch.Lt) { op = "<<"; len = 2; }
      else if (d === Ch.Eq) { op = "<="; len = 2; }
      else if (d === Ch.Gt) { op = "<>"; len = 2; }
      else op = "<";
      break;
    case Ch.Gt:
      if (d === Ch.Gt) { op = ">>"; len = 2; }
      else if (d === Ch.Eq) { op = ">="; len = 2; }
      else op = ">";
      break;
    default: return undefined;
  }
  cur.pos += len;
  return op;
}

function parseUnary(cur: Cursor): Expr {
  cur.skipSpace();
  const start = cur.pos;
  const c = cur.peek();
  let op: UnaryOp | undefined;
  if (c === Ch.Minus) op = "-";
  else if (c === Ch.Tilde) op = "~";
  else if (c === Ch.Bang) op = "!";
  else if (c === Ch.Plus) op = "+";
  if (op) {
    cur.pos++;
    const arg = parseUnary(cur);
    return { kind: "unary", op, arg, span: { ...cur.span(start), length: arg.span.col + (arg.span.length ?? 1) - (cur.colBase + start + 1) } };
  }
  return parsePrimary(cur);
}

function parsePrimary(cur: Cursor): Expr {
  cur.skipSpace();
  const start = cur.pos;
  const c = cur.peek();
  if (c === Ch.LParen) {
    cur.pos++;
    const inner = parseExpr(cur);
    if (!cur.eat(Ch.RParen)) throw new ParseError("A004", "missing `)` in expression", cur.span(cur.pos));
    return inner;
  }
  if (isDigit(c)) return parseNumber(cur);
  if (c === Ch.Apos) {
    cur.pos++;
    const v = readCharConst(cur, start);
    if (cur.peek() === Ch.Apos) cur.pos++;
    return { kind: "num", value: BigInt(v), span: cur.span(start) };
  }
  if (c === Ch.Quote) {
    const name = readQuoted(cur);
    return { kind: "sym", name, span: cur.span(start), sym: undefined };
  }
  if (isIdentStart(c)) {
    const name = cur.ident();
    if (name === ".") return { kind: "dot", span: cur.span(start) };
    // `sym@PLT`: on x86-64 GNU as 2.40 emits the same PLT32 for a branch with or without it.
    if (cur.peek() === Ch.At) {
      const save = cur.pos;
      cur.pos++;
      const suffix = cur.ident();
      if (suffix.toUpperCase() !== "PLT") {
        throw new ParseError("A012", `relocation operator \`@${suffix}\` is not supported (only @PLT)`, cur.span(save));
      }
    }
    return { kind: "sym", name, span: cur.span(start), sym: undefined };
  }
  if (cur.atEnd) throw new ParseError("A004", "missing expression", cur.span(Math.max(0, start - 1)));
  throw new ParseError("A004", `unexpected \`${String.fromCharCode(c)}\` in expression`, cur.span(start));
}

function parseNumber(cur: Cursor): Expr {
  const start = cur.pos;
  const t = cur.text;
  const end = cur.end;
  let p = start;
  while (p < end && isDigit(t.charCodeAt(p))) p++;
  const next = p < end ? t.charCodeAt(p) : -1;
  // `1b` / `1f`: a numeric local label reference, unless it is the start of 0b101 or 0x1f.
  if ((next === Ch.b || next === Ch.f || next === 66 || next === 70) && !(p + 1 < end && isIdentPart(t.charCodeAt(p + 1)))) {
    cur.pos = p + 1;
    return { kind: "local", label: digitsValue(t, start, p), dir: next === Ch.b || next === 66 ? "b" : "f", span: cur.span(start) };
  }
  let value: bigint;
  if (t.charCodeAt(start) === Ch.D0 && p === start + 1 && (next === Ch.x || next === 88)) {
    let q = p + 1;
    // Up to 13 hex digits fit a double exactly: no string to build and parse as a BigInt.
    let small = 0;
    while (q < end && isHex(t.charCodeAt(q))) {
      const h = t.charCodeAt(q);
      small = small * 16 + (h <= Ch.D9 ? h - Ch.D0 : (h | 0x20) - Ch.a + 10);
      q++;
    }
    if (q === p + 1) throw new ParseError("A005", "bad hex number", cur.span(start, q));
    value = q - (p + 1) <= 13 ? BigInt(small) : BigInt("0x" + t.slice(p + 1, q));
    p = q;
  } else if (t.charCodeAt(start) === Ch.D0 && p === start + 1 && (next === Ch.b || next === 66)) {
    let q = p + 1;
    while (q < end && (t.charCodeAt(q) === Ch.D0 || t.charCodeAt(q) === Ch.D1)) q++;
    value = BigInt("0b" + (t.slice(p + 1, q) || "0"));
    p = q;
  } else if (t.charCodeAt(start) === Ch.D0 && p > start + 1) {
    const digits = t.slice(start + 1, p);
    if (/[89]/.test(digits)) throw new ParseError("A005", `bad octal number ${t.slice(start, p)}`, cur.span(start, p));
    value = BigInt("0o" + digits);
  } else {
    // Up to 15 decimal digits fit a double exactly.
    if (p - start <= 15) {
      let small = 0;
      for (let q = start; q < p; q++) small = small * 10 + (t.charCodeAt(q) - Ch.D0);
      value = BigInt(small);
    } else value = BigInt(t.slice(start, p));
  }
  if (p < end && isIdentPart(t.charCodeAt(p)) && t.charCodeAt(p) !== Ch.Dot) {
    let q = p;
    while (q < end && isIdentPart(t.charCodeAt(q))) q++;
    throw new ParseError("A005", `bad number \`${t.slice(start, q)}\``, cur.span(start, q));
  }
  cur.pos = p;
  // Wrapping only matters past 2^63; the test is cheaper than BigInt.asIntN.
  return { kind: "num", value: value >= TWO63 ? BigInt.asIntN(64, value) : value, span: cur.span(start) };
}

const TWO63 = 1n << 63n;

/**
 * The decimal number written in `t[from, to)` (digits only). Faster than `Number(t.slice(…))`, which
 * goes through V8's general string-to-number conversion; beyond 15 digits it falls back to that.
 */
export function digitsValue(t: string, from: number, to: number): number {
  if (to - from > 15) return Number(t.slice(from, to));
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (t.charCodeAt(i) - Ch.D0);
  return n;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= Ch.a && c <= Ch.f) || (c >= Ch.A && c <= Ch.F);
}

/** Reads the character after `'` in a character constant, with GNU's escapes. */
function readCharConst(cur: Cursor, start: number): number {
  if (cur.atEnd) throw new ParseError("A005", "missing character after `'`", cur.span(start));
  const c = cur.peek();
  cur.pos++;
  if (c !== Ch.Backslash) return c;
  return readEscape(cur, start);
}

/** Reads an escape after a backslash (the backslash already consumed), as in GNU strings. */
export function readEscape(cur: Cursor, start: number): number {
  const e = cur.peek();
  cur.pos++;
  switch (e) {
    case 98: return 8; // \b
    case 102: return 12; // \f
    case 110: return 10; // \n
    case 114: return 13; // \r
    case 116: return 9; // \t
    case 118: return 11; // \v
    case Ch.Backslash: return 92;
    case Ch.Quote: return 34;
    case Ch.Apos: return 39;
    case Ch.x: case 88: {
      let v = 0;
      let n = 0;
      while (isHex(cur.peek())) {
        v = ((v << 4) | parseInt(String.fromCharCode(cur.peek()), 16)) & 0xff;
        cur.pos++;
        n++;
      }
      if (n === 0) throw new ParseError("A005", "bad \\x escape", cur.span(start));
      return v;
    }
    default:
      if (e >= Ch.D0 && e <= Ch.D7) {
        let v = e - Ch.D0;
        for (let i = 0; i < 2 && cur.peek() >= Ch.D0 && cur.peek() <= Ch.D7; i++) {
          v = v * 8 + (cur.peek() - Ch.D0);
          cur.pos++;
        }
        return v & 0xff;
      }
      if (e < 0) throw new ParseError("A002", "unterminated escape", cur.span(start));
      return e;
  }
}

/** Reads a "quoted" string (the opening quote at the cursor) and returns its bytes as a latin1 string. */
export function readQuoted(cur: Cursor): string {
  const start = cur.pos;
  cur.pos++;
  let out = "";
  for (;;) {
    if (cur.atEnd) throw new ParseError("A002", "unterminated string", cur.span(start));
    const c = cur.peek();
    cur.pos++;
    if (c === Ch.Quote) return out;
    if (c === Ch.Backslash) out += String.fromCharCode(readEscape(cur, start));
    else out += String.fromCharCode(c);
  }
}

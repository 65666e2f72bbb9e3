/**
 * Values of expressions: a 64-bit constant plus a linear combination of symbols,
 * `c + Σ kᵢ·symᵢ`. Labels, undefined symbols and `.` are symbols; absolute symbols fold into `c`.
 * This is the general form of GNU's `expressionS` (`X_add_symbol - X_op_symbol + X_add_number`):
 * addition and subtraction keep it linear; any other operator needs both sides constant. When all
 * symbols are placed, terms of one section cancel and what is left is a constant, or one symbol plus
 * a constant (a relocation), or a symbol minus a location in the same section (a PC-relative one).
 */
import type { Sym } from "./symbols.js";

export interface Term {
  sym: Sym;
  k: bigint;
}

export interface Value {
  c: bigint;
  /** Empty for constants. Each symbol appears at most once, with a non-zero factor. */
  terms: Term[];
}

const NONE: Term[] = [];

export function constant(c: bigint): Value {
  return { c, terms: NONE };
}

/**
 * The value `sym`. Made once per symbol and shared: values are never modified, and a kernel file
 * refers to the same few symbols (a function, a per-CPU variable) thousands of times, each reference
 * kept in a fixup until the object is written.
 */
export function symbolValue(sym: Sym): Value {
  return (sym.asValue ??= { c: 0n, terms: [{ sym, k: 1n }] });
}

export function isConstant(v: Value): boolean {
  return v.terms.length === 0;
}

const wrap = (x: bigint) => BigInt.asIntN(64, x);

/** a + s·b */
export function addScaled(a: Value, b: Value, s: bigint): Value {
  const c = wrap(a.c + s * b.c);
  const bt = b.terms;
  if (bt.length === 0) return { c, terms: a.terms };
  const at = a.terms;
  // Term lists are never modified once made, so `0 + b` shares b's.
  if (at.length === 0 && s === 1n) return { c, terms: bt };
  const terms = at.slice();
  for (const t of bt) {
    let i = 0;
    while (i < terms.length && terms[i]!.sym !== t.sym) i++;
    // Terms are never modified either: with a factor of one, b's own term serves.
    if (i === terms.length) terms.push(s === 1n ? t : { sym: t.sym, k: s * t.k });
    else {
      const k = terms[i]!.k + s * t.k;
      if (k === 0n) terms.splice(i, 1);
      else terms[i] = { sym: t.sym, k };
    }
  }
  return { c, terms };
}

/**
 * Expression evaluation. `evaluate()` turns an `Expr` into a linear `Value`, folding what is already
 * known: constants, absolute equates, and differences of labels whose distance is fixed. Which
 * distances are fixed depends on when we ask:
 *
 * - `"frag"` — while reading the source, as GNU as does when it meets an expression: two labels in
 *   the same frag (no relaxable branch, alignment or `.org` between them);
 * - `"section"` — after layout, when every label of a section has its final offset.
 *
 * Operators other than `+`/`-` need constant operands; when they do not have them yet the caller
 * defers the whole expression (see `NotYet`).
 */
import type { Expr } from "./ast.js";
import { DiagnosticError, error } from "../diag/diagnostic.js";
import type { Sym, SymbolTable } from "./symbols.js";
import { fragAddress } from "./section.js";
import { addScaled, constant, symbolValue, type Value } from "./value.js";

export type FoldLevel = "frag" | "section";

export interface EvalEnv {
  symbols: SymbolTable;
  level: FoldLevel;
  /** The symbol that `.` stands for here (created on demand by the caller). */
  dot(): Sym;
  /** Called for every symbol an expression mentions (marks it referenced). */
  onSymbol?(sym: Sym): void;
  /** Nesting of expression-equates being expanded (a cycle ends as "not yet"). */
  depth?: number;
}

/**
 * Thrown when an operator needs constants that are not known yet; the caller may defer. A signal,
 * not an error: it does not extend `Error`, because capturing a stack trace for each deferred
 * expression cost more than evaluating it (kernel sources defer thousands of `.skip` counts).
 */
export class NotYet {
  readonly message = "expression not yet constant";
  constructor(readonly expr: Expr) {}
}

const M64 = (x: bigint) => BigInt.asIntN(64, x);
const U64 = (x: bigint) => BigInt.asUintN(64, x);

/** Evaluates `e`; throws `NotYet` when an operator needs constants that are not known yet. */
export function evaluate(e: Expr, env: EvalEnv): Value {
  const v = tryEvaluate(e, env);
  if (v === undefined) throw new NotYet(stuck!);
  return v;
}

/**
 * Evaluates `e`, or returns undefined when an operator needs constants that are not known yet
 * (`stuckAt()` then names that operator's expression). The statement loop defers such expressions
 * all the time (a kernel file's `.skip` counts of alternatives, for one), and throwing took longer
 * than the evaluation itself.
 */
export function tryEvaluate(e: Expr, env: EvalEnv): Value | undefined {
  switch (e.kind) {
    case "num":
      return constant(e.value);
    case "dot":
      return symbolValue(env.dot());
    case "linear":
      // Numeric labels are labels (or undefined), never equates: the sum needs no symbol's value.
      return e.value;
    case "sym": {
      // The symbol is found once per node: kept expressions are evaluated again in every layout pass.
      // (A name finds another symbol only after a `.set` replaced its symbol: see SymbolTable.replace.)
      let sym = e.sym;
      if (sym === undefined || sym.replaced) sym = e.sym = env.symbols.intern(e.name);
      env.onSymbol?.(sym);
      return symValue(sym, env);
    }
    case "local": {
      const sym = env.symbols.referLocal(e.label, e.dir);
      if (!sym) throw new DiagnosticError([error("A014", `backward reference to undefined local label \`${e.label}b\``, e.span)]);
      env.onSymbol?.(sym);
      return symValue(sym, env);
    }
    case "unary": {
      const v = tryEvaluate(e.arg, env);
      if (v === undefined) return undefined;
      if (e.op === "+") return v;
      if (e.op === "-") return addScaled(constant(0n), v, -1n);
      const c = fold(v, env.level);
      if (c === undefined) return stuckOn(e);
      return constant(e.op === "~" ? M64(~c) : c === 0n ? 1n : 0n);
    }
    case "binary": {
      // As with a throw, a left side that cannot be evaluated stops before the right side is read
      // (which could create symbols).
      const a = tryEvaluate(e.left, env);
      if (a === undefined) return undefined;
      const b = tryEvaluate(e.right, env);
      if (b === undefined) return undefined;
      if (e.op === "+") return addScaled(a, b, 1n);
      if (e.op === "-") {
        const d = addScaled(a, b, -1n);
        const c = fold(d, env.level);
        return c === undefined ? d : constant(c);
      }
      const x = fold(a, env.level);
      const y = fold(b, env.level);
      if (x === undefined || y === undefined) {
        // GNU allows comparing two symbols of one section before layout only if their distance is known.
        return stuckOn(e);
      }
      return constant(binary(e.op, x, y, e));
    }
  }
}

/** The expression the last `tryEvaluate` that returned undefined stopped at. */
let stuck: Expr | undefined;

export function stuckAt(): Expr {
  return stuck!;
}

function stuckOn(e: Expr): undefined {
  stuck = e;
  return undefined;
}

function symValue(sym: Sym, env: EvalEnv): Value | undefined {
  const d = sym.def;
  if (d.kind === "equate") {
    // An equate to a constant is that constant; any other stays the symbol (resolved after layout,
    // and a global one may be the relocation's symbol), as in GNU as.
    return d.value.terms.length === 0 ? d.value : symbolValue(sym);
  }
  if (d.kind === "expr") {
    if (env.depth !== undefined && env.depth > 64) return stuckOn(d.expr);
    return tryEvaluate(d.expr, { ...env, dot: () => d.dot, depth: (env.depth ?? 0) + 1 });
  }
  return symbolValue(sym);
}

function binary(op: string, x: bigint, y: bigint, e: Expr): bigint {
  switch (op) {
    case "*": return M64(x * y);
    case "/":
      if (y === 0n) throw new DiagnosticError([error("A013", "division by zero", e.span)]);
      return M64(x / y);
    case "%":
      if (y === 0n) throw new DiagnosticError([error("A013", "division by zero", e.span)]);
      return M64(x % y);
    case "<<": return y >= 64n || y < 0n ? 0n : M64(x << y);
    case ">>": return y >= 64n || y < 0n ? 0n : M64(U64(x) >> y);
    case "|": return M64(x | y);
    case "&": return M64(x & y);
    case "^": return M64(x ^ y);
    case "!": return M64(x | ~y);
    case "==": return x === y ? -1n : 0n;
    case "!=": case "<>": return x !== y ? -1n : 0n;
    case "<": return x < y ? -1n : 0n;
    case "<=": return x <= y ? -1n : 0n;
    case ">": return x > y ? -1n : 0n;
    case ">=": return x >= y ? -1n : 0n;
    case "&&": return x !== 0n && y !== 0n ? 1n : 0n;
    case "||": return x !== 0n || y !== 0n ? 1n : 0n;
  }
  throw new Error(`unknown operator ${op}`);
}

/**
 * The constant a value folds to at this level, or undefined. Labels fold in groups whose factors sum
 * to zero: per frag before layout, per section after it.
 */
export function fold(v: Value, level: FoldLevel): bigint | undefined {
  if (v.terms.length === 0) return v.c;
  const terms = expandEquates(v).terms;
  // Most values asked about do not fold (a symbol, or labels in different frags): that is found
  // before any offset is added up. One term never folds: its factor is not zero.
  if (terms.length === 1) return undefined;
  for (const t of terms) if (t.sym.def.kind !== "label") return undefined;
  // Each group's factors must cancel. A value has a few terms: the groups are found by a scan (a Map
  // per fold showed in profiles); a long sum gets the Map.
  if (terms.length <= 8) {
    for (const t of terms) {
      const key = groupOf(t.sym, level);
      let k = 0n;
      for (const u of terms) if (groupOf(u.sym, level) === key) k += u.k;
      if (k !== 0n) return undefined;
    }
  } else {
    const groups = new Map<object, bigint>();
    for (const t of terms) {
      const key = groupOf(t.sym, level);
      groups.set(key, (groups.get(key) ?? 0n) + t.k);
    }
    for (const k of groups.values()) if (k !== 0n) return undefined;
  }
  let c = v.c;
  for (const t of terms) {
    const d = t.sym.def as Extract<Sym["def"], { kind: "label" }>;
    c += t.k * (level === "frag" ? BigInt(d.offset) : BigInt(fragAddress(d.frag) + d.offset));
  }
  return M64(c);
}

/** What a label's distance is fixed within at this level: its frag, or after layout its section. */
function groupOf(sym: Sym, level: FoldLevel): object {
  const d = sym.def as Extract<Sym["def"], { kind: "label" }>;
  return level === "frag" ? d.frag : d.frag.section;
}

/** Replaces equate symbols by their values (for folding only; relocations keep global equates). */
function expandEquates(v: Value, depth = 0): Value {
  let plain = true;
  for (const t of v.terms) if (t.sym.def.kind === "equate") plain = false;
  if (plain) return v;
  let out: Value = { c: v.c, terms: [] };
  for (const t of v.terms) {
    const d = t.sym.def;
    if (d.kind === "equate" && depth < 32) out = addScaled(out, expandEquates(d.value, depth + 1), t.k);
    else out = addScaled(out, { c: 0n, terms: [t] }, 1n);
  }
  return out;
}

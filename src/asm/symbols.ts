/**
 * Symbols and the symbol table. GNU as keeps symbols in creation order (a symbol is created when it
 * is first mentioned, not when it is defined) and ELF's table is that order with locals moved before
 * globals; we keep the same list so that our `.symtab` matches GNU's entry for entry.
 */
import { hashText } from "./hash-tables.js";
import type { SourceSpan } from "../diag/diagnostic.js";
import type { Frag, Section } from "./section.js";
import type { Value } from "./value.js";
import { STB_LOCAL, STT_NOTYPE, STV_DEFAULT } from "../obj/elf.js";
import type { Expr } from "./ast.js";

export type SymDef =
  | { kind: "undefined" }
  /** A label: a place in a frag. */
  | { kind: "label"; frag: Frag; offset: number }
  /** `.set`/`.equ`/`=`: the value as evaluated when it was set (may still hold symbols). */
  | { kind: "equate"; value: Value }
  /** An equate whose operators needed values not known when it was set: evaluated where used. */
  | { kind: "expr"; expr: Expr; dot: Sym }
  /** `.comm` (global common) — `size` and alignment. */
  | { kind: "common"; size: bigint; align: bigint };

/** The definition of every symbol not defined yet (definitions are replaced, never modified). */
const UNDEFINED: SymDef = { kind: "undefined" };

export class Sym {
  def: SymDef = UNDEFINED;
  bind = STB_LOCAL;
  /** Whether `.globl`/`.weak` was written: a global stays global. */
  explicitBind = false;
  type = STT_NOTYPE;
  visibility = STV_DEFAULT;
  /** `.size` expression, evaluated when the object is written. */
  sizeExpr?: Expr;
  /** What `.` meant where `.size` was written. */
  sizeDot?: Sym;
  /** `.local` was written (a later `.comm` then allocates in .bss). */
  declaredLocal = false;
  sizeValue?: bigint;
  /** Referenced by an expression that became (or may become) a relocation. */
  usedInReloc = false;
  /** Mentioned anywhere but in its own definition. */
  referenced = false;
  /** Section symbol of this section (created with the section). */
  sectionOf?: Section;
  /** Not written to .symtab: `.L` labels, numeric local labels, `.` temporaries. */
  temporary: boolean;
  /** `.equiv` was used: redefinition is an error. */
  equiv = false;
  span?: SourceSpan;
  /**
   * A later `.set` of the name made a new symbol (see `SymbolTable.replace`): references made before
   * keep this one and its value; the name now finds the new one.
   */
  replaced = false;
  /** The value `sym` (see `symbolValue`), made on first use. */
  asValue: Value | undefined = undefined;
  /** Position in creation order. */
  readonly order: number;

  constructor(readonly name: string, order: number, temporary?: boolean) {
    this.order = order;
    this.temporary = temporary ?? (name.startsWith(".L") || name.includes("\u0002") || name.includes("\u0001"));
  }

  get defined(): boolean {
    return this.def.kind !== "undefined";
  }
}

/** The name of every temporary (\u0001: no source text can spell it). */
const TEMP_NAME = "\u0001tmp";

export class SymbolTable {
  readonly list: Sym[] = [];
  private readonly byName = new NameIndex(this.list);
  /**
   * Numeric local labels: per N, how many times `N:` has been defined so far and the instances made
   * (by instance number), so that `1b`/`1f` find theirs without building and looking up a name.
   */
  private readonly locals = new Map<number, { count: number; syms: Sym[] }>();

  get(name: string): Sym | undefined {
    return this.byName.get(name);
  }

  /** Finds or creates (GNU's `symbol_find_or_make`). */
  intern(name: string): Sym {
    let s = this.byName.get(name);
    if (!s) {
      s = new Sym(name, this.list.length);
      this.list.push(s);
      this.byName.add(s);
    }
    return s;
  }

  /**
   * GNU's `symbol_clone` on reassignment: a new symbol takes `sym`'s name and place (so it is the one
   * written, at the same position), with its attributes; `sym` stays, with its value, for the
   * expressions that referred to it before.
   */
  replace(sym: Sym): Sym {
    const c = new Sym(sym.name, sym.order, sym.temporary);
    c.bind = sym.bind;
    c.explicitBind = sym.explicitBind;
    c.type = sym.type;
    c.visibility = sym.visibility;
    c.declaredLocal = sym.declaredLocal;
    c.sizeExpr = sym.sizeExpr;
    c.sizeDot = sym.sizeDot;
    c.sizeValue = sym.sizeValue;
    c.referenced = sym.referenced;
    c.equiv = sym.equiv;
    c.span = sym.span;
    this.list[sym.order] = c;
    sym.replaced = true;
    return c;
  }

  /** A symbol with no name in the table, for `.` and other temporaries. */
  temp(): Sym {
    // One name for all of them: a temporary is never looked up or written by name.
    return new Sym(TEMP_NAME, -1, true);
  }

  /** `N:` — defines the next instance of numeric label N and returns it. */
  defineLocal(n: number): Sym {
    const l = this.localsOf(n);
    l.count++;
    return (l.syms[l.count] ??= this.createLocal(n, l.count));
  }

  /** `Nb` / `Nf`: the instance referred to (`Nb` may not exist yet: returns undefined). */
  referLocal(n: number, dir: "b" | "f"): Sym | undefined {
    const l = this.localsOf(n);
    if (dir === "b") return l.count === 0 ? undefined : l.syms[l.count];
    return (l.syms[l.count + 1] ??= this.createLocal(n, l.count + 1));
  }

  /**
   * A numeric label's instance: in creation order like any symbol, but not indexed by name. Its name
   * holds \u0002, which no source text can spell, and `1b`/`1f` find it through `locals`.
   */
  private createLocal(n: number, instance: number): Sym {
    const s = new Sym(localName(n, instance), this.list.length, true);
    this.list.push(s);
    return s;
  }

  private localsOf(n: number): { count: number; syms: Sym[] } {
    let l = this.locals.get(n);
    if (l === undefined) {
      l = { count: 0, syms: [] };
      this.locals.set(n, l);
    }
    return l;
  }
}

/**
 * The symbols of `list` by name: open addressing over an Int32Array of (hash + 1, position in list),
 * with FNV-1a and the comparison done over `charCodeAt`. A Map keyed by the names was the slowest part
 * of looking a symbol up: the names are slices of the source, which V8 hashes and compares on its
 * generic (runtime) string paths, and the table of a large file is too big for the cache anyway.
 */
class NameIndex {
  private slots = new Int32Array(2 * 1024);
  private mask = 1023;
  private count = 0;

  constructor(private readonly list: readonly Sym[]) {}

  get(name: string): Sym | undefined {
    const h = hashText(name) + 1;
    const slots = this.slots;
    const n = name.length;
    for (let i = (h - 1) & this.mask; ; i = (i + 1) & this.mask) {
      const sh = slots[i * 2]!;
      if (sh === 0) return undefined;
      if (sh !== h) continue;
      const sym = this.list[slots[i * 2 + 1]!]!;
      const other = sym.name;
      if (other.length !== n) continue;
      let j = 0;
      while (j < n && other.charCodeAt(j) === name.charCodeAt(j)) j++;
      if (j === n) return sym;
    }
  }

  /** Adds a symbol whose name is not in the index yet (it must be in `list`, at `sym.order`). */
  add(sym: Sym): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.place(hashText(sym.name) + 1, sym.order);
    this.count++;
  }

  private place(h: number, at: number): void {
    let i = (h - 1) & this.mask;
    while (this.slots[i * 2] !== 0) i = (i + 1) & this.mask;
    this.slots[i * 2] = h;
    this.slots[i * 2 + 1] = at;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array((this.mask + 1) * 2);
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.place(old[i]!, old[i + 1]!);
  }
}


/** GNU names numeric local labels `.L<N>^B<instance>`; we do the same so they never clash. */
function localName(n: number, instance: number): string {
  return `.L${n}\u0002${instance}`;
}

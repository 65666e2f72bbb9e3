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

/** What few symbols have: a section's own symbol, a `.size`. */
interface RareFields {
  sizeExpr?: Expr;
  sizeDot?: Sym;
  sizeValue?: bigint;
  sectionOf?: Section;
}

// The bits of `Sym.bits`: flags, then the binding, type and visibility as small fields.
const EXPLICIT_BIND = 1;
const DECLARED_LOCAL = 2;
const USED_IN_RELOC = 4;
const REFERENCED = 8;
const TEMPORARY = 16;
const EQUIV = 32;
const REPLACED = 64;
const BIND_SHIFT = 8;
const TYPE_SHIFT = 12;
const VISIBILITY_SHIFT = 16;
const FIELD_MASK = 15;

/**
 * A symbol. Every label, numeric-label instance and `.` of a file is one (a kernel file makes
 * hundreds of thousands), so the flags and the small fields share one integer and what few symbols
 * have (`.size`, a section's symbol) lives in `rare`: 80 bytes a symbol instead of 176, and less for
 * the collector to copy. Accessors keep the fields' names.
 */
export class Sym {
  def: SymDef = UNDEFINED;
  private bits: number;
  private rare: RareFields | undefined = undefined;
  span?: SourceSpan = undefined;
  /** The value `sym` (see `symbolValue`), made on first use. */
  asValue: Value | undefined = undefined;
  /** Position in creation order. */
  readonly order: number;

  constructor(readonly name: string, order: number, temporary?: boolean) {
    this.order = order;
    const temp = temporary ?? (name.startsWith(".L") || name.includes("\u0002") || name.includes("\u0001"));
    this.bits = (temp ? TEMPORARY : 0) | (STB_LOCAL << BIND_SHIFT) | (STT_NOTYPE << TYPE_SHIFT) | (STV_DEFAULT << VISIBILITY_SHIFT);
  }

  get defined(): boolean {
    return this.def.kind !== "undefined";
  }

  private flag(f: number): boolean {
    return (this.bits & f) !== 0;
  }

  private setFlag(f: number, on: boolean): void {
    this.bits = on ? this.bits | f : this.bits & ~f;
  }

  private field(shift: number): number {
    return (this.bits >>> shift) & FIELD_MASK;
  }

  private setField(shift: number, v: number): void {
    this.bits = (this.bits & ~(FIELD_MASK << shift)) | ((v & FIELD_MASK) << shift);
  }

  private rareFields(): RareFields {
    return (this.rare ??= {});
  }

  get bind(): number { return this.field(BIND_SHIFT); }
  set bind(v: number) { this.setField(BIND_SHIFT, v); }
  get type(): number { return this.field(TYPE_SHIFT); }
  set type(v: number) { this.setField(TYPE_SHIFT, v); }
  get visibility(): number { return this.field(VISIBILITY_SHIFT); }
  set visibility(v: number) { this.setField(VISIBILITY_SHIFT, v); }

  /** Whether `.globl`/`.weak` was written: a global stays global. */
  get explicitBind(): boolean { return this.flag(EXPLICIT_BIND); }
  set explicitBind(v: boolean) { this.setFlag(EXPLICIT_BIND, v); }
  /** `.local` was written (a later `.comm` then allocates in .bss). */
  get declaredLocal(): boolean { return this.flag(DECLARED_LOCAL); }
  set declaredLocal(v: boolean) { this.setFlag(DECLARED_LOCAL, v); }
  /** Referenced by an expression that became (or may become) a relocation. */
  get usedInReloc(): boolean { return this.flag(USED_IN_RELOC); }
  set usedInReloc(v: boolean) { this.setFlag(USED_IN_RELOC, v); }
  /** Mentioned anywhere but in its own definition. */
  get referenced(): boolean { return this.flag(REFERENCED); }
  set referenced(v: boolean) { this.setFlag(REFERENCED, v); }
  /** Not written to .symtab: `.L` labels, numeric local labels, `.` temporaries. */
  get temporary(): boolean { return this.flag(TEMPORARY); }
  set temporary(v: boolean) { this.setFlag(TEMPORARY, v); }
  /** `.equiv` was used: redefinition is an error. */
  get equiv(): boolean { return this.flag(EQUIV); }
  set equiv(v: boolean) { this.setFlag(EQUIV, v); }
  /**
   * A later `.set` of the name made a new symbol (see `SymbolTable.replace`): references made before
   * keep this one and its value; the name now finds the new one.
   */
  get replaced(): boolean { return this.flag(REPLACED); }
  set replaced(v: boolean) { this.setFlag(REPLACED, v); }

  /** `.size` expression, evaluated when the object is written. */
  get sizeExpr(): Expr | undefined { return this.rare?.sizeExpr; }
  set sizeExpr(v: Expr | undefined) { this.rareFields().sizeExpr = v; }
  /** What `.` meant where `.size` was written. */
  get sizeDot(): Sym | undefined { return this.rare?.sizeDot; }
  set sizeDot(v: Sym | undefined) { this.rareFields().sizeDot = v; }
  get sizeValue(): bigint | undefined { return this.rare?.sizeValue; }
  set sizeValue(v: bigint | undefined) { this.rareFields().sizeValue = v; }
  /** Section symbol of this section (created with the section). */
  get sectionOf(): Section | undefined { return this.rare?.sectionOf; }
  set sectionOf(v: Section | undefined) { this.rareFields().sectionOf = v; }
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
    // The name is hashed once, for the lookup and the insertion.
    const h = hashText(name) + 1;
    let s = this.byName.find(name, h);
    if (!s) {
      s = new Sym(name, this.list.length);
      this.list.push(s);
      this.byName.add(s, h);
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
    return this.find(name, hashText(name) + 1);
  }

  /** `get`, given the name's hash + 1. */
  find(name: string, h: number): Sym | undefined {
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
  add(sym: Sym, h = hashText(sym.name) + 1): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.place(h, sym.order);
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

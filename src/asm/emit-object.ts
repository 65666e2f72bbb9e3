/**
 * From laid-out sections to an `ObjectFile`: section images, fixups resolved or turned into
 * relocations, and the symbol table in GNU's order.
 *
 * A fixup's value is `c + Σ k·sym`. Pairs `+a −b` of labels in one section cancel (their distance is
 * known); equates expand. What is left must be nothing (a constant, written into the bytes), `+X` (an
 * absolute relocation against X), or `+X −L` with L a label in the fixup's own section, or an implicit
 * PC-relative field (`sym(%rip)`, `call`): a PC-relative relocation. A relocation against a local label
 * is made against its section's symbol with the label's offset in the addend, as GNU as does; one
 * against a global, weak or undefined symbol names the symbol. An implicit PC-relative field against a
 * global defined in the same section still gets a relocation (the symbol may be preempted), while an
 * explicit difference `g - .` is folded — GNU's distinction, kept.
 */
import { DiagnosticError, error, warning, type Diagnostic } from "../diag/diagnostic.js";
import {
  R_X86_64_16, R_X86_64_32, R_X86_64_32S, R_X86_64_64, R_X86_64_8, R_X86_64_PC16, R_X86_64_PC32, R_X86_64_PC64,
  R_X86_64_PC8, R_X86_64_PLT32, SHT_NOBITS, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_SECTION, STT_NOTYPE,
  STV_DEFAULT, SHT_PROGBITS, SHF_MERGE, SHF_STRINGS,
} from "../obj/elf.js";
import type { LineEntry, ObjectFile, ObjSection, ObjSymbol, Reloc } from "../obj/object.js";
import type { Assembler } from "./assembler.js";
import { writeInt } from "./assembler.js";
import { evaluate, fold, NotYet, tryEvaluate } from "./eval.js";
import type { Fixup, Section } from "./section.js";
import type { Sym } from "./symbols.js";
import { addScaled, type Term, type Value } from "./value.js";

/**
 * Relocations found while resolving fixups, before the symbol table exists: the final Reloc objects
 * (their `symbol` is set once symbols are numbered), with their symbols and sections alongside. One
 * object per relocation, not a pending record and then a Reloc: an object file has as many
 * relocations as a kernel file has symbol references.
 */
class PendingRelocs {
  readonly relocs: Reloc[] = [];
  /** Undefined: a relocation against no symbol (symbol 0). */
  readonly syms: (Sym | undefined)[] = [];
  readonly sections: Section[] = [];

  push(section: Section, offset: number, type: number, sym: Sym | undefined, addend: bigint, span: Fixup["span"]): void {
    this.relocs.push({ offset, type, symbol: -1, addend, span });
    this.syms.push(sym);
    this.sections.push(section);
  }
}

export function emitObject(asm: Assembler, fileName: string): ObjectFile {
  const errors: Diagnostic[] = [];
  symbolsOf = asm.symbols;
  const images = asm.sections.map((sec) => sec.image!);
  const pending = new PendingRelocs();
  for (const sec of asm.sections) {
    for (const list of [sec.fixups, sec.lateFixups]) {
      for (const fx of list) {
        try {
          resolveFixup(asm, sec, fx, images[sec.index]!, pending, errors);
        } catch (e) {
          if (e instanceof DiagnosticError) errors.push(...e.diagnostics);
          else throw e;
        }
      }
    }
  }
  for (const s of asm.symbols.list) {
    if (s.sizeExpr && s.sizeValue === undefined) {
      try {
        const v = evaluate(s.sizeExpr, { symbols: asm.symbols, level: "section", dot: () => s.sizeDot! });
        const c = fold(v, "section");
        if (c === undefined) errors.push(error("A011", `.size of \`${s.name}\` is not a constant expression`, s.sizeExpr.span));
        else s.sizeValue = c;
      } catch (e) {
        if (e instanceof NotYet) errors.push(error("A011", `.size of \`${s.name}\` is not a constant expression`, s.sizeExpr.span));
        else if (e instanceof DiagnosticError) errors.push(...e.diagnostics);
        else throw e;
      }
    }
  }
  for (const d of errors) asm.report(d);
  asm.diags.check();

  // Symbol table: which symbols appear, in creation order, locals first.
  const usedInReloc = new Set<Sym | undefined>(pending.syms);
  const emitted: Sym[] = [];
  for (const s of asm.symbols.list) if (isEmitted(s, usedInReloc)) emitted.push(s);
  const locals = emitted.filter((s) => bindOf(s) === STB_LOCAL);
  const globals = emitted.filter((s) => bindOf(s) !== STB_LOCAL);
  const symbols: ObjSymbol[] = [];
  for (const name of asm.fileSymbols.slice(0, 1)) {
    symbols.push({ name, value: 0n, size: 0n, bind: STB_LOCAL, type: STT_FILE, visibility: STV_DEFAULT, section: "abs" });
  }
  const index = new Map<Sym, number>();
  for (const s of [...locals, ...globals]) {
    index.set(s, symbols.length);
    symbols.push(objSymbol(s));
  }

  const sections: ObjSection[] = asm.sections.map((sec, i) => {
    const s: ObjSection = {
      name: sec.name,
      type: sec.type,
      flags: sec.flags,
      align: sec.align,
      entsize: sec.entsize,
      data: sec.isNobits ? new Uint8Array(0) : images[i]!,
      size: images[i]!.length,
      relocs: [],
    };
    if (sec.lines.count) defineLines(s, sec);
    return s;
  });
  for (let k = 0; k < pending.relocs.length; k++) {
    const rel = pending.relocs[k]!;
    const sym = pending.syms[k];
    rel.symbol = sym === undefined ? -1 : index.get(sym)!;
    sections[pending.sections[k]!.index]!.relocs.push(rel);
  }
  return { kind: "object", fileName, sections, symbols };
}

/**
 * `s.lines`, made when first read: one entry per instruction, which only the linker wants. The frags'
 * addresses are final once the object is made, so the offsets can wait too; an object written to disk
 * never needs them.
 */
function defineLines(s: ObjSection, sec: Section): void {
  const lines = sec.lines;
  let entries: LineEntry[] | undefined;
  Object.defineProperty(s, "lines", {
    enumerable: true,
    configurable: true,
    get: () => {
      if (entries) return entries;
      entries = new Array<LineEntry>(lines.count);
      for (let k = 0; k < lines.count; k++) entries[k] = { offset: lines.offset(k, sec.frags), file: lines.file(k), line: lines.line(k) };
      return entries;
    },
  });
}

function bindOf(s: Sym): number {
  if (s.def.kind === "undefined" || s.def.kind === "common") return s.bind === STB_WEAK ? STB_WEAK : STB_GLOBAL;
  return s.bind;
}

function isEmitted(s: Sym, used: ReadonlySet<Sym | undefined>): boolean {
  if (s.sectionOf) return used.has(s);
  if (s.temporary) return used.has(s);
  switch (s.def.kind) {
    case "undefined":
      // Every undefined symbol GNU has seen is written, but a weak one nothing refers to.
      return used.has(s) || s.bind !== STB_WEAK;
    case "expr":
    case "equate": {
      const v = expand(s.def.kind === "equate" ? s.def.value : exprValue(s), true);
      return v.terms.length === 0 || place(s) !== undefined || used.has(s);
    }
    default:
      return true;
  }
}

function objSymbol(s: Sym): ObjSymbol {
  const sym = objSymbolAt(s);
  // Where it was defined, so that the linker's duplicate-symbol errors can point at the line.
  if (s.span && sym.section !== "undef" && !s.sectionOf) sym.span = s.span;
  return sym;
}

/** An ObjSymbol with its fields in one order (made by one literal: every symbol gets one shape). */
function objSym(name: string, size: bigint, bind: number, type: number, visibility: number, value: bigint, section: ObjSymbol["section"]): ObjSymbol {
  return { name, size, bind, type, visibility, value, section };
}

function objSymbolAt(s: Sym): ObjSymbol {
  const base = { name: s.sectionOf ? "" : s.name, size: s.sizeValue ?? 0n, bind: bindOf(s), type: s.sectionOf ? STT_SECTION : s.type, visibility: s.visibility };
  const d = s.def;
  switch (d.kind) {
    case "label":
      // The common case, without the spread of `base` (which showed in profiles of symbol-heavy files).
      return objSym(base.name, base.size, base.bind, base.type, base.visibility, BigInt(d.frag.address + d.offset), d.frag.section.index);
    case "common":
      return { ...base, value: d.align, size: d.size, section: "common" };
    case "expr":
    case "equate": {
      const v = d.kind === "equate" ? d.value : exprValue(s);
      const p = place(s);
      if (p) {
        // An alias (`.set a, b + k`) takes b's type and size unless it has its own, as in GNU as.
        const anchor = expand(v, true).terms[0]!.sym;
        if (base.type === STT_NOTYPE) base.type = anchor.type;
        if (s.sizeValue === undefined && anchor.sizeValue !== undefined) base.size = anchor.sizeValue;
        return { ...base, value: p.addr, section: p.section.index };
      }
      const c = fold(expand(v, true), "section");
      return { ...base, value: BigInt.asUintN(64, c ?? 0n), section: "abs" };
    }
    case "undefined":
      return objSym(base.name, base.size, base.bind, s.type === STT_SECTION ? STT_NOTYPE : s.type, base.visibility, 0n, "undef");
  }
}

/** The value of an expression-equate after layout (0 if it cannot be evaluated; reported elsewhere). */
function exprValue(s: Sym): Value {
  const d = s.def;
  if (d.kind !== "expr") return { c: 0n, terms: [] };
  try {
    return evaluate(d.expr, { symbols: symbolsOf!, level: "section", dot: () => d.dot });
  } catch {
    return { c: 0n, terms: [] };
  }
}

let symbolsOf: Assembler["symbols"] | undefined;

/** Where a symbol sits after layout: labels, and equates to `label + k` (GNU turns those into labels). */
function place(sym: Sym): { section: Section; addr: bigint } | undefined {
  const d = sym.def;
  if (d.kind === "label") return { section: d.frag.section, addr: BigInt(d.frag.address + d.offset) };
  if (d.kind === "equate" || d.kind === "expr") {
    const v = expand(d.kind === "equate" ? d.value : exprValue(sym), true);
    const labels = v.terms.filter((t) => place(t.sym));
    if (v.terms.length === 1 && v.terms[0]!.k === 1n && labels.length === 1) {
      const p = place(v.terms[0]!.sym)!;
      return { section: p.section, addr: p.addr + v.c };
    }
  }
  return undefined;
}

/** `place(sym).section`, without building the place of a label. */
function locatedSection(sym: Sym): Section | undefined {
  const d = sym.def;
  if (d.kind === "label") return d.frag.section;
  if (d.kind === "undefined" || d.kind === "common") return undefined;
  return place(sym)?.section;
}

/** For label differences: where a symbol is placed, except that a weak one never is (it may be replaced). */
function placedSection(sym: Sym): Section | undefined {
  return sym.bind === STB_WEAK ? undefined : locatedSection(sym);
}

/** `place(sym).addr` of a symbol `locatedSection` found a section for. */
function placedAddress(sym: Sym): bigint {
  const d = sym.def;
  if (d.kind === "label") return BigInt(d.frag.address + d.offset);
  return place(sym)!.addr;
}

/**
 * Expands local equates (a local alias is just its value; a relocation through it is made against
 * the section, as GNU does). Global and weak equates stay: they are symbols of their own.
 */
function expand(v: Value, all = false): Value {
  // Most values name only labels and undefined symbols: nothing to expand, nothing to allocate.
  let plain = true;
  for (const t of v.terms) {
    const k = t.sym.def.kind;
    if (k === "equate" || k === "expr") plain = false;
  }
  if (plain) return v;
  let out: Value = { c: v.c, terms: [] };
  for (const t of v.terms) {
    const d = t.sym.def;
    const local = all || t.sym.bind === STB_LOCAL;
    if (local && d.kind === "equate") out = addScaled(out, localized(expand(d.value)), t.k);
    else if (local && d.kind === "expr") out = addScaled(out, localized(expand(exprValue(t.sym))), t.k);
    else out = addScaled(out, { c: 0n, terms: [t] }, 1n);
  }
  return out;
}

/** Through a local alias, a global label is reached as its section plus an offset. */
function localized(v: Value): Value {
  let out: Value = { c: v.c, terms: [] };
  for (const t of v.terms) {
    const d = t.sym.def;
    if (d.kind === "label" && t.sym.bind === STB_GLOBAL) {
      out = addScaled(out, { c: BigInt(d.frag.address + d.offset), terms: [{ sym: d.frag.section.sym, k: 1n }] }, t.k);
    } else out = addScaled(out, { c: 0n, terms: [t] }, 1n);
  }
  return out;
}

function isPreemptible(s: Sym): boolean {
  return s.bind === STB_GLOBAL || s.bind === STB_WEAK || locatedSection(s) === undefined;
}

function resolveFixup(asm: Assembler, sec: Section, fx: Fixup, image: Uint8Array, pending: PendingRelocs, errors: Diagnostic[]): void {
  let value = fx.value;
  if (fx.deferred) {
    const d = fx.deferred;
    const v = tryEvaluate(d.expr, { symbols: asm.symbols, level: "section", dot: () => d.dot });
    if (v === undefined) {
      errors.push(error("A012", "expression cannot be resolved: an operator other than + or − applies to symbols of different sections or undefined ones", fx.span));
      return;
    }
    value = v;
  }
  const v = expand(value);
  const where = fx.frag.address + fx.offset;
  let c = v.c;
  // Pairs `+a −b` of symbols placed in one section cancel (weak ones never: they may be replaced).
  // A value has a term or two: their sections are found by a scan, and a label's place is read from
  // its definition without building a place object (this runs once per fixup, for every symbol
  // reference in the file).
  const terms = v.terms;
  // A single term cannot cancel (a Value's factors are never zero): it remains as it is.
  let remain: Term[] = terms;
  if (terms.length > 1) {
    remain = [];
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      const ps = placedSection(t.sym);
      let sum = 0n;
      if (ps) for (let j = 0; j < terms.length; j++) if (placedSection(terms[j]!.sym) === ps) sum += terms[j]!.k;
      if (ps && sum === 0n) c += t.k * placedAddress(t.sym);
      else remain.push(t);
    }
  }
  for (const t of remain) {
    if (t.k !== 1n && t.k !== -1n) {
      errors.push(error("A012", `symbol \`${displayName(t.sym)}\` is multiplied by ${t.k}; ELF cannot express that`, fx.span));
      return;
    }
  }

  let pcrel = fx.pcrel;
  let target: Term | undefined;
  if (fx.pcrel) {
    if (remain.length === 0 && fx.branch) {
      // `call 0x1000`: relative to the field's end, against no symbol (GNU: R_X86_64_PC32 *ABS*).
      pending.push(sec, where, R_X86_64_PC32, undefined, BigInt.asIntN(64, c - BigInt(fx.pcEnd)), fx.span);
      return;
    }
    if (remain.length !== 1 || remain[0]!.k !== 1n) {
      errors.push(error("A012", remain.length === 0 ? "PC-relative reference to an absolute address" : "PC-relative expression must be one symbol plus a constant", fx.span));
      return;
    }
    target = remain[0]!;
    // The field is relative to the end of the instruction, `pcEnd` bytes after the field.
    if (locatedSection(target.sym) === sec && !isPreemptible(target.sym)) {
      writeField(image, where, fx, c + placedAddress(target.sym) - BigInt(where + fx.pcEnd), errors);
      return;
    }
    c -= fx.pcEnd < SMALL.length ? SMALL[fx.pcEnd]! : BigInt(fx.pcEnd);
  } else {
    if (remain.length === 0) {
      writeField(image, where, fx, c, errors);
      return;
    }
    // Every factor left is +1 or −1 (checked above): one `+X`, or `+X −L`.
    const r0 = remain[0]!;
    const r1 = remain.length === 2 ? remain[1]! : undefined;
    const plus = remain.length === 1 ? (r0.k === 1n ? r0 : undefined) : r1 && r0.k !== r1.k ? (r0.k === 1n ? r0 : r1) : undefined;
    if (plus && remain.length === 1) target = plus;
    else if (plus && r1) {
      const m = (plus === r0 ? r1 : r0).sym;
      if (locatedSection(m) !== sec) {
        errors.push(error("A012", `cannot subtract \`${displayName(m)}\`: it is not defined in this section (${sec.name})`, fx.span));
        return;
      }
      // `X - L` with L here: PC-relative to the field, plus L's distance from the field.
      c += BigInt(where) - placedAddress(m);
      pcrel = true;
      target = plus;
    } else {
      errors.push(error("A012", "expression cannot be relocated: it must be a symbol plus a constant, or a symbol minus a label of this section", fx.span));
      return;
    }
  }
  // Relocation against the symbol, or against its section for a local label.
  let sym = target.sym;
  let addend = c;
  const ps = locatedSection(sym);
  // GNU keeps the symbol for relocations into mergeable sections (the linker may move the string).
  if (ps && sym.bind === STB_LOCAL && !(ps.flags & SHF_MERGE)) {
    addend += placedAddress(sym);
    sym = ps.sym;
  } else if (sym.def.kind === "undefined" && sym.bind === STB_LOCAL) {
    sym.bind = STB_GLOBAL;
  }
  sym.usedInReloc = true;
  const type = relocType(fx, pcrel, target.sym);
  if (type === undefined) {
    errors.push(error("A012", `no ${pcrel ? "PC-relative " : ""}relocation for a ${fx.size}-byte field`, fx.span));
    return;
  }
  pending.push(sec, where, type, sym, addend >= MIN64 && addend <= MAX64 ? addend : BigInt.asIntN(64, addend), fx.span);
}

/** Small constants as BigInts, made once (a PC-relative field's distance to the instruction's end). */
const SMALL: readonly bigint[] = Array.from({ length: 16 }, (_, i) => BigInt(i));
const MIN64 = -(1n << 63n);
const MAX64 = (1n << 63n) - 1n;

function relocType(fx: Fixup, pcrel: boolean, sym: Sym): number | undefined {
  if (pcrel) {
    switch (fx.size) {
      case 1: return R_X86_64_PC8;
      case 2: return R_X86_64_PC16;
      case 4: return fx.branch && fx.code64 && isPreemptible(sym) ? R_X86_64_PLT32 : R_X86_64_PC32;
      case 8: return R_X86_64_PC64;
    }
  }
  switch (fx.size) {
    case 1: return R_X86_64_8;
    case 2: return R_X86_64_16;
    case 4: return fx.signedness === "signed" ? R_X86_64_32S : R_X86_64_32;
    case 8: return R_X86_64_64;
  }
  return undefined;
}

function displayName(s: Sym): string {
  return s.name.replace(/\u0002\d+$/, "").replace(/^\.L(\d+)$/, "$1");
}

/** Per field size (1, 2, 4 bytes): the signed minimum, signed maximum and unsigned maximum. */
const FIELD_RANGE: Record<number, [bigint, bigint, bigint]> = {
  1: [-(1n << 7n), (1n << 7n) - 1n, (1n << 8n) - 1n],
  2: [-(1n << 15n), (1n << 15n) - 1n, (1n << 16n) - 1n],
  4: [-(1n << 31n), (1n << 31n) - 1n, (1n << 32n) - 1n],
};

function writeField(image: Uint8Array, at: number, fx: Fixup, value: bigint, errors: Diagnostic[]): void {
  if (fx.size < 8) {
    const bits = fx.size * 8;
    const [min, maxS, maxU] = FIELD_RANGE[fx.size]!;
    if (fx.pcrel ? value < min || value > maxS : value < min || value > maxU) {
      if (fx.pcrel) {
        errors.push(error("A035", `value ${value} does not fit in a ${fx.size}-byte PC-relative field`, fx.span));
        return;
      }
      errors.push(warning("W002", `value 0x${BigInt.asUintN(64, value).toString(16)} truncated to 0x${BigInt.asUintN(bits, value).toString(16)}`, fx.span));
    }
  }
  writeInt(image, at, fx.size, value);
}

export { SHT_NOBITS };

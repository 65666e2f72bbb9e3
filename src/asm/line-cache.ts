/**
 * Lines already assembled. A line that is exactly one instruction whose operands are registers and
 * constant expressions (no symbol, no `.`, no local label) assembles to the same bytes wherever it
 * appears: nothing in it depends on the position, on symbols or on anything read since, except the
 * mode (`.code32`) and which names are macros. So the statement loop remembers such a line's bytes,
 * keyed by its text, and the next time it meets that text it copies them instead of parsing, evaluating
 * and encoding the line again.
 *
 * A line whose operands also name symbols (`call foo`, `leaq table+8(%rip), %rdi`,
 * `movq %gs:var, %rax`) is remembered with a `LineTemplate`: its fields that hold those values are
 * zero in the bytes, and each becomes a fixup. The bytes stay the same as long as each such value is
 * still not a constant when the line is met again (the encoder then picks the same form); the
 * statement loop evaluates the template's expressions again and assembles the line in full if one is.
 *
 * Source repeats such lines often — register saves and restores, `xorl %eax, %eax`, `ret`, and all the
 * lines macros expand to — and a lookup costs a small part of what assembling the line does. A line
 * with a symbol, a label, two statements, or a diagnostic is never remembered. A change of mode or a
 * new macro (which could make a remembered mnemonic a macro call) forgets everything. At most
 * MAX_ENTRIES lines are kept, the first ones met.
 *
 * The table is hand-made (open addressing over Int32Arrays, the texts copied into one arena): with a
 * Map keyed by the line strings, each lookup hashed a sliced or concatenated string and compared it
 * on V8's generic string paths, which cost more than anything else in the statement loop.
 */

import type { SourceSpan } from "../diag/diagnostic.js";
import { ensureLength, hashBytes, hashText } from "./hash-tables.js";
import type { Expr } from "./ast.js";
import type { Fixup } from "./section.js";

const MAX_ENTRIES = 1 << 16;
/**
 * Integers per slot (four: a slot never straddles a cache line): hash + 1 (0 marks a free slot), text
 * offset, text length + template number (+ 1, 0: none) × 2^14, bytes (offset × 16 + count).
 */
const SLOT = 4;
/** Texts longer than this are not remembered (the length has 14 bits of its word). */
const MAX_TEXT = (1 << 14) - 1;
const TEXT_BITS = 1 << 14;

/** The fixups of a remembered line whose operands name symbols. */
export interface LineTemplate {
  /** Column and length of the statement's span (the file and line are where the line is met). */
  col: number;
  length: number;
  fields: FieldTemplate[];
}

/** One field of the bytes: where it is, and the operand expression whose value it holds. */
export interface FieldTemplate {
  /** Only numbers, symbols, unary + − ~ and binary + −: it cannot raise a diagnostic, or mean `.`. */
  expr: Expr;
  /** Offset of the field from the instruction's start. */
  offset: number;
  size: Fixup["size"];
  pcrel: boolean;
  pcEnd: number;
  /** A direct `call` (the value must be one symbol plus a constant). */
  branch: boolean;
  signedness: Fixup["signedness"];
}

/** Whether `e` may be kept in a template (see FieldTemplate.expr). */
export function templateExpr(e: Expr): boolean {
  switch (e.kind) {
    case "num":
    case "sym":
      return true;
    case "unary":
      return e.op !== "!" && templateExpr(e.arg);
    case "binary":
      return (e.op === "+" || e.op === "-") && templateExpr(e.left) && templateExpr(e.right);
    default:
      return false;
  }
}

/** The span a template's statement has when met at `file:line`. */
export function templateSpan(t: LineTemplate, file: string, line: number): SourceSpan {
  return { file, line, col: t.col, length: t.length };
}

/**
 * `T` is what a remembered line carries besides its bytes: the statement loop keeps one cache of texts
 * with `LineTemplate`s, and one of number keys (number-key.ts) with where each number goes.
 */
export class LineCache<T = LineTemplate> {
  /** `slots` slots (a power of two, at most half full), grown as lines are added. */
  private table = new Int32Array(256 * SLOT);
  private slots = 256;
  private count = 0;
  /**
   * The remembered texts, one after another, a byte per character: source is read as Latin-1, and
   * a line with a character above 0xff is not remembered.
   */
  private texts = new Uint8Array(1 << 18);
  private textsUsed = 0;
  /** The remembered bytes (an instruction has at most 15). */
  private bytes = new Uint8Array(1 << 16);
  private bytesUsed = 0;
  private bits: 64 | 32 = 64;
  private macroGeneration = 0;
  private templates: T[] = [];

  /** The slot of `text` (see `length`, `copy`, `template`), or −1. Call `sync` first. */
  find(text: string): number {
    const h = hashText(text);
    const table = this.table;
    const texts = this.texts;
    const n = text.length;
    const mask = this.slots - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = i * SLOT;
      const sh = table[s]!;
      if (sh === 0) return -1;
      if (sh !== h + 1 || (table[s + 2]! & MAX_TEXT) !== n) continue;
      const from = table[s + 1]!;
      let j = 0;
      while (j < n && texts[from + j] === text.charCodeAt(j)) j++;
      if (j === n) return i;
    }
  }

  /**
   * `find` of the text whose characters are `key[0, n)` (see number-key.ts). The same probe as
   * `find`, written out again over bytes: the text lookup runs for every line and must not copy it.
   */
  findBytes(key: Uint8Array, n: number): number {
    const h = hashBytes(key, n);
    const table = this.table;
    const texts = this.texts;
    const mask = this.slots - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = i * SLOT;
      const sh = table[s]!;
      if (sh === 0) return -1;
      if (sh !== h + 1 || (table[s + 2]! & MAX_TEXT) !== n) continue;
      const from = table[s + 1]!;
      let j = 0;
      while (j < n && texts[from + j] === key[j]) j++;
      if (j === n) return i;
    }
  }

  /**
   * Counts the times slots moved or emptied: a slot number remembered under one epoch (see
   * ParsedLines) is good while the epoch lasts.
   */
  epoch = 0;

  /** Forgets everything if the mode or the set of macros changed since the last call. */
  sync(bits: 64 | 32, macroGeneration: number): void {
    if (bits !== this.bits || macroGeneration !== this.macroGeneration) {
      this.clear();
      this.bits = bits;
      this.macroGeneration = macroGeneration;
    }
  }

  /**
   * Remembers that `text` assembled to `bytes[start, start + n)` (right after `find` missed it), with
   * the fields of its symbolic operands if it has any.
   */
  add(text: string, bytes: Uint8Array, start: number, n: number, template?: T): void {
    const len = text.length;
    if (len > MAX_TEXT) return;
    for (let j = 0; j < len; j++) if (text.charCodeAt(j) > 0xff) return;
    if (!this.room(len, n)) return;
    for (let j = 0; j < len; j++) this.texts[this.textsUsed + j] = text.charCodeAt(j);
    this.addEntry(hashText(text), len, bytes, start, n, template);
  }

  /** `add` of the text whose characters are `key[0, len)`. */
  addBytes(key: Uint8Array, len: number, bytes: Uint8Array, start: number, n: number, template?: T): void {
    if (len > MAX_TEXT || !this.room(len, n)) return;
    for (let j = 0; j < len; j++) this.texts[this.textsUsed + j] = key[j]!;
    this.addEntry(hashBytes(key, len), len, bytes, start, n, template);
  }

  /** Makes room for an entry of a `len`-character text and `n` bytes; false if it is not kept. */
  private room(len: number, n: number): boolean {
    if (this.count >= MAX_ENTRIES || n > 15) return false;
    this.texts = ensureLength(this.texts, this.textsUsed + len);
    this.bytes = ensureLength(this.bytes, this.bytesUsed + n);
    if ((this.count + 1) * 2 > this.slots) this.grow();
    return true;
  }

  /** Adds the entry whose text is already at `textsUsed` (see `room`). */
  private addEntry(hash: number, len: number, bytes: Uint8Array, start: number, n: number, template: T | undefined): void {
    let t = 0;
    if (template) t = this.templates.push(template);
    this.place(hash + 1, this.textsUsed, len + t * TEXT_BITS, this.bytesUsed * 16 + n);
    for (let j = 0; j < n; j++) this.bytes[this.bytesUsed + j] = bytes[start + j]!;
    this.textsUsed += len;
    this.bytesUsed += n;
    this.count++;
  }

  /** The template of the line in `slot`, if it has symbolic fields. */
  template(slot: number): T | undefined {
    const t = Math.floor(this.table[slot * SLOT + 2]! / TEXT_BITS);
    return t === 0 ? undefined : this.templates[t - 1];
  }

  /** The number of bytes of the line in `slot`. */
  length(slot: number): number {
    return this.table[slot * SLOT + 3]! & 15;
  }

  /** Copies the bytes of the line in `slot` to `out` at `at`. */
  copy(slot: number, out: Uint8Array, at: number): void {
    const entry = this.table[slot * SLOT + 3]!;
    const from = entry >>> 4;
    const n = entry & 15;
    const src = this.bytes;
    for (let j = 0; j < n; j++) out[at + j] = src[from + j]!;
  }

  private place(h1: number, textAt: number, lenAndTemplate: number, entry: number): void {
    const table = this.table;
    const mask = this.slots - 1;
    let i = (h1 - 1) & mask;
    while (table[i * SLOT] !== 0) i = (i + 1) & mask;
    const s = i * SLOT;
    table[s] = h1;
    table[s + 1] = textAt;
    table[s + 2] = lenAndTemplate;
    table[s + 3] = entry;
  }

  private grow(): void {
    this.epoch++;
    const old = this.table;
    this.slots *= 2;
    this.table = new Int32Array(this.slots * SLOT);
    for (let s = 0; s < old.length; s += SLOT) if (old[s] !== 0) this.place(old[s]!, old[s + 1]!, old[s + 2]!, old[s + 3]!);
  }

  private clear(): void {
    if (this.count === 0) return;
    this.epoch++;
    this.table.fill(0);
    this.count = 0;
    this.textsUsed = 0;
    this.bytesUsed = 0;
    this.templates = [];
  }
}

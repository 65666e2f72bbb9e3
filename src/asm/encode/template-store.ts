/**
 * Every template made so far, packed: the bytes of all of them in one arena, and per template where its
 * bytes are and the (operand, offset, size) of each value field, in Int32Arrays.
 *
 * Why packed: emitting an instruction from `Template` objects read the table's slot, the template, its
 * Uint8Array, that array's storage and its patch objects — a chain of dependent loads, each a likely
 * cache miss among thousands of templates, and together the largest cost of a cached instruction. Here
 * they are two or three independent reads from flat arrays. The `Template` objects are kept too, for
 * `templateFor()` and the fields left to fixups.
 */
import { ensureLength } from "../hash-tables.js";
import type { Patch, Template } from "./template.js";

/** Integers per template in `entries`: first byte, byte count, first field, field count. */
const ENTRY = 4;
/** Integers per value field in `fields`: operand index, offset in the instruction, size. */
const FIELD = 3;

export class TemplateStore {
  private bytes = new Uint8Array(1 << 16);
  private bytesUsed = 0;
  private entries = new Int32Array(ENTRY * 1024);
  private fields = new Int32Array(FIELD * 1024);
  private fieldsUsed = 0;
  private readonly templates: Template[] = [];

  /** Adds a template; returns its number. */
  add(t: Template): number {
    const id = this.templates.length;
    this.templates.push(t);
    this.bytes = ensureLength(this.bytes, this.bytesUsed + t.bytes.length);
    this.bytes.set(t.bytes, this.bytesUsed);
    this.entries = ensureLength(this.entries, (id + 1) * ENTRY);
    this.fields = ensureLength(this.fields, (this.fieldsUsed + t.patches.length) * FIELD);
    const e = id * ENTRY;
    this.entries[e] = this.bytesUsed;
    this.entries[e + 1] = t.bytes.length;
    this.entries[e + 2] = this.fieldsUsed;
    this.entries[e + 3] = t.patches.length;
    for (const p of t.patches) {
      const f = this.fieldsUsed++ * FIELD;
      this.fields[f] = p.operand;
      this.fields[f + 1] = p.offset;
      this.fields[f + 2] = p.size;
    }
    this.bytesUsed += t.bytes.length;
    return id;
  }

  template(id: number): Template {
    return this.templates[id]!;
  }

  /** The byte count of template `id`. */
  length(id: number): number {
    return this.entries[id * ENTRY + 1]!;
  }

  /** Copies template `id`'s bytes to `out` at `at`. */
  copy(id: number, out: Uint8Array, at: number): void {
    const src = this.bytes;
    const start = this.entries[id * ENTRY]!;
    const n = this.entries[id * ENTRY + 1]!;
    // A loop beats TypedArray.set for a handful of bytes.
    for (let j = 0; j < n; j++) out[at + j] = src[start + j]!;
  }

  /** How many value fields template `id` has. */
  fieldCount(id: number): number {
    return this.entries[id * ENTRY + 3]!;
  }

  /** Field `k` of template `id`: its operand index, offset and size. */
  fieldOperand(id: number, k: number): number {
    return this.fields[(this.entries[id * ENTRY + 2]! + k) * FIELD]!;
  }

  fieldOffset(id: number, k: number): number {
    return this.fields[(this.entries[id * ENTRY + 2]! + k) * FIELD + 1]!;
  }

  fieldSize(id: number, k: number): number {
    return this.fields[(this.entries[id * ENTRY + 2]! + k) * FIELD + 2]!;
  }

  /** Field `k` of template `id` as its Patch (for a fixup). */
  patch(id: number, k: number): Patch {
    return this.templates[id]!.patches[k]!;
  }
}

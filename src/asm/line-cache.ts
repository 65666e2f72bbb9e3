/**
 * Lines already assembled. A line that is exactly one instruction whose operands are registers and
 * constant expressions (no symbol, no `.`, no local label) assembles to the same bytes wherever it
 * appears: nothing in it depends on the position, on symbols or on anything read since, except the
 * mode (`.code32`) and which names are macros. So the statement loop remembers such a line's bytes,
 * keyed by its text, and the next time it meets that text it copies them instead of parsing, evaluating
 * and encoding the line again.
 *
 * Source repeats such lines often — register saves and restores, `xorl %eax, %eax`, `ret`, and all the
 * lines macros expand to — and the lookup (hashing the line) costs a small part of what assembling it
 * does. A line with a symbol, a label, two statements, or a diagnostic is never remembered. A change
 * of mode or a new macro (which could make a remembered mnemonic a macro call) forgets everything.
 * At most MAX_ENTRIES lines are kept, the first ones met.
 */

const MAX_ENTRIES = 1 << 16;

export class LineCache {
  /** Line text → offset in `arena` × 16 + byte count (an instruction has at most 15 bytes). */
  private readonly entries = new Map<string, number>();
  private arena = new Uint8Array(1 << 16);
  private used = 0;
  private bits: 64 | 32 = 64;
  private macroGeneration = 0;

  /** The entry for `text` (see `length`, `copy`), or −1. Forgets everything if the context changed. */
  find(text: string, bits: 64 | 32, macroGeneration: number): number {
    if (bits !== this.bits || macroGeneration !== this.macroGeneration) {
      this.entries.clear();
      this.used = 0;
      this.bits = bits;
      this.macroGeneration = macroGeneration;
      return -1;
    }
    return this.entries.get(text) ?? -1;
  }

  /** Remembers that `text` assembled to `bytes[start, start + n)`. */
  add(text: string, bytes: Uint8Array, start: number, n: number): void {
    if (this.entries.size >= MAX_ENTRIES || n > 15 || this.entries.has(text)) return;
    if (this.used + n > this.arena.length) {
      const bigger = new Uint8Array(this.arena.length * 2);
      bigger.set(this.arena);
      this.arena = bigger;
    }
    for (let j = 0; j < n; j++) this.arena[this.used + j] = bytes[start + j]!;
    this.entries.set(text, this.used * 16 + n);
    this.used += n;
  }

  length(entry: number): number {
    return entry & 15;
  }

  /** Copies an entry's bytes to `out` at `at`. */
  copy(entry: number, out: Uint8Array, at: number): void {
    const from = entry >>> 4;
    const n = entry & 15;
    const arena = this.arena;
    for (let j = 0; j < n; j++) out[at + j] = arena[from + j]!;
  }
}

/**
 * ELF string tables built the way BFD builds them (`_bfd_elf_strtab_*`), so that our `.strtab` and
 * `.shstrtab` come out byte-identical to GNU as's:
 *
 * - offset 0 holds the empty string; every other string is stored once (duplicates share an entry);
 * - a string that is a suffix of another one is not stored at all: it points into the tail of the
 *   longer string (`.text` lives inside `.rela.text`, `foo` inside `barfoo`);
 * - the strings that remain are laid out in the order they were first added.
 *
 * BFD finds suffixes by sorting the strings by their reversed text; a string is merged into its
 * neighbour in that order when it is the neighbour's suffix. We do the same so that the choice of host
 * string (and therefore every offset) matches.
 */

export class StringTable {
  private readonly order: string[] = [];
  private readonly seen = new Set<string>();
  private offsets: Map<string, number> | undefined;
  private bytes: Uint8Array | undefined;

  /** Adds a string (the empty string is always present and need not be added). */
  add(s: string): void {
    if (this.offsets) throw new Error("StringTable: add() after finish()");
    if (s === "" || this.seen.has(s)) return;
    this.seen.add(s);
    this.order.push(s);
  }

  /** Offset of a string previously added. */
  offsetOf(s: string): number {
    if (s === "") return 0;
    this.finish();
    const off = this.offsets!.get(s);
    if (off === undefined) throw new Error(`StringTable: "${s}" was never added`);
    return off;
  }

  /** The table's contents. */
  data(): Uint8Array {
    this.finish();
    return this.bytes!;
  }

  private finish(): void {
    if (this.offsets) return;
    const enc = new TextEncoder();
    const encoded = new Map<string, Uint8Array>(this.order.map((s) => [s, enc.encode(s)]));
    // Sort by reversed bytes; a shorter string sorts before a longer one with the same tail.
    const byTail = [...this.order].sort((a, b) => compareReversed(encoded.get(a)!, encoded.get(b)!));
    const hostOf = new Map<string, string>();
    let host = byTail[byTail.length - 1];
    for (let i = byTail.length - 2; i >= 0; i--) {
      const s = byTail[i]!;
      if (host !== undefined && isSuffix(encoded.get(s)!, encoded.get(host)!)) hostOf.set(s, host);
      else host = s;
    }
    const offsets = new Map<string, number>();
    let size = 1;
    for (const s of this.order) {
      if (hostOf.has(s)) continue;
      offsets.set(s, size);
      size += encoded.get(s)!.length + 1;
    }
    for (const [s, h] of hostOf) {
      offsets.set(s, offsets.get(h)! + encoded.get(h)!.length - encoded.get(s)!.length);
    }
    const out = new Uint8Array(size);
    for (const s of this.order) {
      if (!hostOf.has(s)) out.set(encoded.get(s)!, offsets.get(s)!);
    }
    this.offsets = offsets;
    this.bytes = out;
  }
}

function compareReversed(a: Uint8Array, b: Uint8Array): number {
  for (let i = a.length - 1, j = b.length - 1; i >= 0 && j >= 0; i--, j--) {
    if (a[i] !== b[j]) return a[i]! - b[j]!;
  }
  return a.length - b.length;
}

function isSuffix(s: Uint8Array, of: Uint8Array): boolean {
  if (s.length > of.length) return false;
  const d = of.length - s.length;
  for (let i = 0; i < s.length; i++) if (s[i] !== of[d + i]) return false;
  return true;
}

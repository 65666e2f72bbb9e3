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
    const order = this.order;
    const n = order.length;
    // Everything by position in `order` (a Map lookup per comparison of the sort was most of the time).
    const encoded = order.map((s) => enc.encode(s));
    // Sort by reversed bytes; a shorter string sorts before a longer one with the same tail.
    const byTail = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareReversed(encoded[a]!, encoded[b]!));
    const hostOf = new Int32Array(n).fill(-1);
    let host = n > 0 ? byTail[n - 1]! : -1;
    for (let i = n - 2; i >= 0; i--) {
      const s = byTail[i]!;
      if (isSuffix(encoded[s]!, encoded[host]!)) hostOf[s] = host;
      else host = s;
    }
    const at = new Array<number>(n);
    let size = 1;
    for (let i = 0; i < n; i++) {
      if (hostOf[i]! >= 0) continue;
      at[i] = size;
      size += encoded[i]!.length + 1;
    }
    for (let i = 0; i < n; i++) {
      const h = hostOf[i]!;
      if (h >= 0) at[i] = at[h]! + encoded[h]!.length - encoded[i]!.length;
    }
    const out = new Uint8Array(size);
    for (let i = 0; i < n; i++) if (hostOf[i]! < 0) out.set(encoded[i]!, at[i]!);
    const offsets = new Map<string, number>();
    for (let i = 0; i < n; i++) offsets.set(order[i]!, at[i]!);
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

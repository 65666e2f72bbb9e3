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
    const order = this.order;
    const n = order.length;
    // Every string's UTF-8 bytes in one arena (ASCII, the usual case, copied without TextEncoder),
    // and everything by position in `order`: no Map lookup or small array per string or comparison.
    const { bytes, start, len } = encodeAll(order);
    // Sort by reversed bytes; a shorter string sorts before a longer one with the same tail.
    const byTail = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareReversed(bytes, start[a]!, len[a]!, start[b]!, len[b]!));
    const hostOf = new Int32Array(n).fill(-1);
    let host = n > 0 ? byTail[n - 1]! : -1;
    for (let i = n - 2; i >= 0; i--) {
      const s = byTail[i]!;
      if (isSuffix(bytes, start[s]!, len[s]!, start[host]!, len[host]!)) hostOf[s] = host;
      else host = s;
    }
    const at = new Array<number>(n);
    let size = 1;
    for (let i = 0; i < n; i++) {
      if (hostOf[i]! >= 0) continue;
      at[i] = size;
      size += len[i]! + 1;
    }
    for (let i = 0; i < n; i++) {
      const h = hostOf[i]!;
      if (h >= 0) at[i] = at[h]! + len[h]! - len[i]!;
    }
    const out = new Uint8Array(size);
    for (let i = 0; i < n; i++) if (hostOf[i]! < 0) out.set(bytes.subarray(start[i]!, start[i]! + len[i]!), at[i]!);
    const offsets = new Map<string, number>();
    for (let i = 0; i < n; i++) offsets.set(order[i]!, at[i]!);
    this.offsets = offsets;
    this.bytes = out;
  }
}

function encodeAll(strings: readonly string[]): { bytes: Uint8Array; start: Int32Array; len: Int32Array } {
  let total = 0;
  for (const s of strings) total += s.length * 3; // UTF-8 needs at most 3 bytes per UTF-16 unit
  const bytes = new Uint8Array(total);
  const start = new Int32Array(strings.length);
  const len = new Int32Array(strings.length);
  const enc = new TextEncoder();
  let p = 0;
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    start[i] = p;
    let ascii = true;
    for (let j = 0; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      bytes[p + j] = c;
    }
    if (ascii) p += s.length;
    else p += enc.encodeInto(s, bytes.subarray(p)).written;
    len[i] = p - start[i]!;
  }
  return { bytes, start, len };
}

function compareReversed(b: Uint8Array, as: number, al: number, bs: number, bl: number): number {
  for (let i = as + al - 1, j = bs + bl - 1; i >= as && j >= bs; i--, j--) {
    if (b[i] !== b[j]) return b[i]! - b[j]!;
  }
  return al - bl;
}

function isSuffix(b: Uint8Array, ss: number, sl: number, os: number, ol: number): boolean {
  if (sl > ol) return false;
  const d = os + ol - sl;
  for (let i = 0; i < sl; i++) if (b[ss + i] !== b[d + i]) return false;
  return true;
}

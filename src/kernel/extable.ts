/**
 * `__ex_table` with its self-relative fields turned into absolute addresses, and the lookup the fault
 * handler does in it (reference/linux-x86.md §2). The byte layout and the type numbers are
 * src/isa/extable-types.ts; this file only reads the table and searches it.
 *
 * The table is sorted by absolute `insn` address at link time (src/link/extable-sort.ts), so a lookup
 * is a binary search for the exact faulting address, as Linux's `search_extable` does over the
 * kernel's table. Several entries for one address are a table error Linux does not check; the search
 * returns one of them, as bsearch would.
 */
import { decodeExtableData, EXTABLE_ENTRY_SIZE, type ExtableData } from "../isa/extable-types.js";

/** One `struct exception_table_entry`, its two relative fields resolved. */
export interface ExtableEntry {
  /** Address of the instruction that may fault: the entry's address + `insn`. */
  insn: number;
  /** Address to resume at: the address of the `fixup` field (entry + 4) + `fixup`. */
  fixup: number;
  /** The `data` word as stored (signed 32-bit): type, register, flags, immediate. */
  data: number;
}

/** A table whose size is not a multiple of the entry size. */
export class ExtableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExtableError";
  }
}

/**
 * Decodes `__ex_table` whose first entry sits at address `base`.
 *
 * @example
 *   // one entry at 0x2000: insn 0x2000 + (−0x1000), fixup 0x2004 + (−0xff8), EX_TYPE_DEFAULT
 *   decodeExtable(bytes, 0x2000)  // [{ insn: 0x1000, fixup: 0x100c, data: 1 }]
 */
export function decodeExtable(bytes: Uint8Array, base: number): ExtableEntry[] {
  if (bytes.length % EXTABLE_ENTRY_SIZE !== 0) {
    throw new ExtableError(`__ex_table is 0x${bytes.length.toString(16)} bytes, not a multiple of ${EXTABLE_ENTRY_SIZE}`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: ExtableEntry[] = [];
  for (let p = 0; p < bytes.length; p += EXTABLE_ENTRY_SIZE) {
    const at = base + p;
    out.push({ insn: at + dv.getInt32(p, true), fixup: at + 4 + dv.getInt32(p + 4, true), data: dv.getInt32(p + 8, true) });
  }
  return out;
}

/** Encodes entries as a table whose first entry will sit at `base`; the inverse of {@link decodeExtable}. */
export function encodeExtable(entries: readonly ExtableEntry[], base: number): Uint8Array {
  const out = new Uint8Array(entries.length * EXTABLE_ENTRY_SIZE);
  const dv = new DataView(out.buffer);
  entries.forEach((e, k) => {
    const p = k * EXTABLE_ENTRY_SIZE;
    dv.setInt32(p, e.insn - (base + p), true);
    dv.setInt32(p + 4, e.fixup - (base + p + 4), true);
    dv.setInt32(p + 8, e.data | 0, true);
  });
  return out;
}

/** The entry's `data` word split into its fields. */
export function entryData(e: ExtableEntry): ExtableData {
  return decodeExtableData(e.data);
}

/**
 * `search_extable`: the entry for exactly `addr` in a table sorted by `insn`, or `undefined`.
 *
 * @example
 *   searchExtable(table, 0x1000n)?.fixup  // 0x100c
 */
export function searchExtable(table: readonly ExtableEntry[], addr: bigint | number): ExtableEntry | undefined {
  const want = typeof addr === "bigint" ? addr : BigInt(addr);
  let lo = 0;
  let hi = table.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const e = table[mid]!;
    const at = BigInt(e.insn);
    if (at === want) return e;
    if (at < want) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}

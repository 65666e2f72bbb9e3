/**
 * `struct alt_instr` records (reference/linux-x86.md §1) with their self-relative offsets turned into
 * absolute addresses, and the grouping of records into patch sites. The byte layout itself is
 * src/isa/alt-instr.ts; this file only reads and writes it.
 *
 * A site is a run of consecutive records with the same site address: `ALTERNATIVE_2` and friends nest,
 * and every level emits one record for the same original bytes, innermost first. Records of one site
 * that are not consecutive are a table error (src/kernel/alternatives-check.ts), not a second site
 * the patcher would silently treat apart.
 */
import { ALT_FLAG_NOT, ALT_INSTR_SIZE, altInstrFields } from "../isa/alt-instr.js";

/** One record, decoded. Field names are Linux's, except that the two offsets are resolved. */
export interface AltInstr {
  /** Position in the table (0-based). */
  index: number;
  /** Address of the record itself. */
  address: number;
  /** Address of the original instruction: the record's address + `instr_offset`. */
  site: number;
  /** Address of the replacement: the address of `repl_offset` (record + 4) + `repl_offset`. */
  repl: number;
  /** `word*32 + bit` (src/isa/features.ts). */
  feature: number;
  /** `ALT_FLAG_NOT`, `ALT_FLAG_DIRECT_CALL` (src/isa/alt-instr.ts). */
  flags: number;
  /** Bytes of the original, padding included (shorter than the site for inner records of a nest). */
  instrlen: number;
  replacementlen: number;
}

/** What {@link encodeAltInstrs} needs of a record: everything but the positions it computes itself. */
export type AltInstrFields = Omit<AltInstr, "index" | "address">;

/** A malformed table or a record that cannot be encoded. */
export class AltInstrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AltInstrError";
  }
}

/**
 * Decodes `.altinstructions` whose first record sits at address `base`.
 *
 * @example
 *   // one record at 0x1000: site 0x1000 + 0x10, replacement 0x1004 + 0x20, X86_FEATURE_WRMSRNS, 3 → 3 bytes
 *   decodeAltInstrs(bytes, 0x1000)[0]  // { index: 0, address: 0x1000, site: 0x1010, repl: 0x1024, feature: 403, … }
 */
export function decodeAltInstrs(bytes: Uint8Array, base: number): AltInstr[] {
  if (bytes.length % ALT_INSTR_SIZE !== 0) {
    throw new AltInstrError(`size 0x${bytes.length.toString(16)} is not a multiple of ${ALT_INSTR_SIZE}`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: AltInstr[] = [];
  for (let index = 0; index * ALT_INSTR_SIZE < bytes.length; index++) {
    const p = index * ALT_INSTR_SIZE;
    const address = base + p;
    out.push({
      index,
      address,
      site: address + altInstrFields.instr_offset + dv.getInt32(p + altInstrFields.instr_offset, true),
      repl: address + altInstrFields.repl_offset + dv.getInt32(p + altInstrFields.repl_offset, true),
      feature: dv.getUint16(p + altInstrFields.feature, true),
      flags: dv.getUint16(p + altInstrFields.flags, true),
      instrlen: dv.getUint8(p + altInstrFields.instrlen),
      replacementlen: dv.getUint8(p + altInstrFields.replacementlen),
    });
  }
  return out;
}

/** Encodes records as a table whose first record will sit at `base`; the inverse of {@link decodeAltInstrs}. */
export function encodeAltInstrs(records: readonly AltInstrFields[], base: number): Uint8Array {
  const out = new Uint8Array(records.length * ALT_INSTR_SIZE);
  const dv = new DataView(out.buffer);
  records.forEach((r, index) => {
    const p = index * ALT_INSTR_SIZE;
    const rel = (what: string, target: number, field: number): number => {
      const v = target - (base + p + field);
      if (!Number.isInteger(v) || v < -0x8000_0000 || v > 0x7fff_ffff) {
        throw new AltInstrError(`record ${index}: ${what} 0x${target.toString(16)} is out of reach of a 32-bit offset`);
      }
      return v;
    };
    const unsigned = (what: string, v: number, max: number): number => {
      if (!Number.isInteger(v) || v < 0 || v > max) throw new AltInstrError(`record ${index}: ${what} ${v} does not fit (0..${max})`);
      return v;
    };
    dv.setInt32(p + altInstrFields.instr_offset, rel("site", r.site, altInstrFields.instr_offset), true);
    dv.setInt32(p + altInstrFields.repl_offset, rel("replacement", r.repl, altInstrFields.repl_offset), true);
    dv.setUint16(p + altInstrFields.feature, unsigned("feature", r.feature, 0xffff), true);
    dv.setUint16(p + altInstrFields.flags, unsigned("flags", r.flags, 0xffff), true);
    dv.setUint8(p + altInstrFields.instrlen, unsigned("instrlen", r.instrlen, 0xff));
    dv.setUint8(p + altInstrFields.replacementlen, unsigned("replacementlen", r.replacementlen, 0xff));
  });
  return out;
}

/** Whether a record's condition holds: the feature is present, or absent with `ALT_FLAG_NOT`. */
export function altInstrApplies(record: AltInstr, has: (feature: number) => boolean): boolean {
  return has(record.feature) !== ((record.flags & ALT_FLAG_NOT) !== 0);
}

/** A patch site: consecutive records with one site address. */
export interface AltSite {
  site: number;
  /** The largest `instrlen` among the records: the outermost level's padding covers every variant. */
  len: number;
  /** The records in table order (innermost nesting level first). */
  records: AltInstr[];
}

/** Groups a table into sites, in table order. */
export function altSites(records: readonly AltInstr[]): AltSite[] {
  const out: AltSite[] = [];
  let cur: AltSite | undefined;
  for (const r of records) {
    if (cur && cur.site === r.site) {
      cur.records.push(r);
      cur.len = Math.max(cur.len, r.instrlen);
    } else {
      cur = { site: r.site, len: r.instrlen, records: [r] };
      out.push(cur);
    }
  }
  return out;
}

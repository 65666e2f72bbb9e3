/**
 * The build-time sort of `__ex_table` (Linux's `scripts/sorttable`): the fault handler binary-searches
 * the table, so it must be in ascending order of the faulting address. Each entry's `insn` and `fixup`
 * are relative to their own fields, so moving an entry means rewriting them for its new position; the
 * `data` word is absolute and moves unchanged. Entries with equal addresses keep their link order.
 *
 * When the image defines `main_extable_sort_needed` (an `int` the kernel checks at boot), it is set
 * to 0: the table no longer needs sorting at run time.
 */
import { DiagnosticError, error } from "../diag/diagnostic.js";
import { EXTABLE_ENTRY_SIZE } from "../isa/extable-types.js";
import type { OutputSection } from "./image.js";

export const EXTABLE_SECTION = "__ex_table";

export interface ExtableEntryAbs {
  insn: number;
  fixup: number;
  data: number;
}

/** Reads the entries of an `__ex_table` output section with absolute addresses. */
export function readExtable(sec: OutputSection): ExtableEntryAbs[] {
  if (sec.size % EXTABLE_ENTRY_SIZE !== 0) {
    throw new DiagnosticError([error("L006", `${EXTABLE_SECTION} is 0x${sec.size.toString(16)} bytes, not a multiple of ${EXTABLE_ENTRY_SIZE} (struct exception_table_entry)`)]);
  }
  const dv = new DataView(sec.data.buffer, sec.data.byteOffset, sec.data.byteLength);
  const out: ExtableEntryAbs[] = [];
  for (let off = 0; off < sec.size; off += EXTABLE_ENTRY_SIZE) {
    const at = sec.address + off;
    out.push({ insn: at + dv.getInt32(off, true), fixup: at + 4 + dv.getInt32(off + 4, true), data: dv.getInt32(off + 8, true) });
  }
  return out;
}

/** Sorts the table in place (stable), rewriting the relative fields. */
export function sortExtable(sec: OutputSection): void {
  const entries = readExtable(sec);
  const sorted = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.insn - b.e.insn || a.i - b.i);
  const dv = new DataView(sec.data.buffer, sec.data.byteOffset, sec.data.byteLength);
  sorted.forEach(({ e }, k) => {
    const off = k * EXTABLE_ENTRY_SIZE;
    const at = sec.address + off;
    dv.setInt32(off, e.insn - at, true);
    dv.setInt32(off + 4, e.fixup - (at + 4), true);
    dv.setInt32(off + 8, e.data, true);
  });
}

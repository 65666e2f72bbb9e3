/**
 * The build-time sort of `__ex_table` (Linux's `scripts/sorttable`): the fault handler binary-searches
 * the table, so it must be in ascending order of the faulting address. Each entry's `insn` and `fixup`
 * are relative to their own fields, so moving an entry means rewriting them for its new position; the
 * `data` word is absolute and moves unchanged. Entries with equal addresses keep their link order.
 * The codec is src/kernel/extable.ts, the one the fault model and the emulator read the table with.
 *
 * When the image defines `main_extable_sort_needed` (an `int` the kernel checks at boot), the linker
 * sets it to 0: the table no longer needs sorting at run time.
 */
import { DiagnosticError, error } from "../diag/diagnostic.js";
import { decodeExtable, encodeExtable, ExtableError } from "../kernel/extable.js";
import type { OutputSection } from "./image.js";

export const EXTABLE_SECTION = "__ex_table";

/** Sorts the table in place (stable), rewriting the relative fields. */
export function sortExtable(sec: OutputSection): void {
  let entries;
  try {
    entries = decodeExtable(sec.data, sec.address);
  } catch (e) {
    if (e instanceof ExtableError) throw new DiagnosticError([error("L006", `${e.message} (struct exception_table_entry)`)]);
    throw e;
  }
  const sorted = entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.insn - b.e.insn || a.i - b.i).map((x) => x.e);
  sec.data.set(encodeExtable(sorted, sec.address));
}

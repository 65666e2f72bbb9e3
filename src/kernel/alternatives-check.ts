/**
 * The checks objtool makes on `.altinstructions` (reference/linux-x86.md §1, "Checks objtool makes"),
 * over a decoded table. Problems come back as data; the linker attaches source locations and turns
 * them into L005 diagnostics.
 *
 * Nested alternatives are not overlaps: every level of `ALTERNATIVE_2` names the same site address, and
 * the inner records' `instrlen` is shorter than the final site. What objtool calls "weirdly
 * overlapping" is two *different* site addresses whose byte ranges intersect — patching one would tear
 * the other.
 */
import { ALT_FLAG_DIRECT_CALL, ALT_INSTR_SIZE } from "../isa/alt-instr.js";
import { altSites, type AltInstr } from "./alt-instr.js";
import { directCallProblems, type PatchMemory } from "./alternatives.js";

export type AltProblemKind =
  /** The section size is not a multiple of 14. */
  | "table-size"
  /** `instrlen` 0: a record for no original instruction. */
  | "empty-original"
  /** Two sites whose bytes overlap without starting at the same address. */
  | "weird-overlap"
  /** Records of one site separated by records of another. */
  | "split-site"
  /** `replacementlen` greater than the site length: the replacement would not fit. */
  | "replacement-too-long"
  /** An `ALT_FLAG_DIRECT_CALL` record not shaped as `call *disp(%rip)` (6) → `call rel32` (5). */
  | "direct-call";

export interface AltProblem {
  /** Index of the offending record; for `table-size`, the index of the partial record at the end. */
  index: number;
  /** The offending record's site address (absent for `table-size`). */
  site?: number;
  kind: AltProblemKind;
  message: string;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

/**
 * Checks a decoded table. `sectionSize` is the size of `.altinstructions` (for the multiple-of-14
 * check); `mem`, when given, lets the DIRECT_CALL check look at the instruction bytes too.
 *
 * @example
 *   checkAltInstrs(decodeAltInstrs(bytes, addr), bytes.length)  // [] for a good table
 */
export function checkAltInstrs(records: readonly AltInstr[], sectionSize?: number, mem?: Pick<PatchMemory, "read">): AltProblem[] {
  const problems: AltProblem[] = [];
  if (sectionSize !== undefined && sectionSize % ALT_INSTR_SIZE !== 0) {
    problems.push({
      index: Math.floor(sectionSize / ALT_INSTR_SIZE),
      kind: "table-size",
      message: `.altinstructions size ${hex(sectionSize)} is not a multiple of ${ALT_INSTR_SIZE}`,
    });
  }
  const problem = (r: AltInstr, kind: AltProblemKind, message: string): void => {
    problems.push({ index: r.index, site: r.site, kind, message });
  };

  const sites = altSites(records);
  const firstSeen = new Map<number, number>(); // site address → index into `sites`
  sites.forEach((s, k) => {
    const head = s.records[0]!;
    const seen = firstSeen.get(s.site);
    if (seen !== undefined) {
      problem(head, "split-site", `records of site ${hex(s.site)} are not consecutive (the site's first record is ${sites[seen]!.records[0]!.index})`);
    } else {
      firstSeen.set(s.site, k);
    }
    for (const r of s.records) {
      if (r.instrlen === 0) problem(r, "empty-original", "empty original instruction (instrlen 0)");
      if (r.replacementlen > s.len) problem(r, "replacement-too-long", `replacement of ${r.replacementlen} bytes does not fit the ${s.len}-byte site`);
      if (r.flags & ALT_FLAG_DIRECT_CALL) {
        const original = mem && r.instrlen >= 2 ? mem.read(r.site, 2) : undefined;
        const replacement = mem && r.replacementlen >= 1 ? mem.read(r.repl, 1) : undefined;
        for (const m of directCallProblems(r, original, replacement)) problem(r, "direct-call", m);
      }
    }
  });

  // Overlaps: each distinct site address once, with its widest extent (split sites included).
  const extent = new Map<number, { end: number; record: AltInstr }>();
  for (const r of records) {
    const e = extent.get(r.site);
    if (!e) extent.set(r.site, { end: r.site + r.instrlen, record: r });
    else e.end = Math.max(e.end, r.site + r.instrlen);
  }
  const ordered = [...extent.entries()].sort((x, y) => x[0] - y[0]);
  let reach: { end: number; site: number } | undefined;
  for (const [site, e] of ordered) {
    if (reach && site < reach.end) {
      problem(e.record, "weird-overlap", `weirdly overlapping alternative: site ${hex(site)} starts inside the site at ${hex(reach.site)} (which ends at ${hex(reach.end)})`);
    }
    if (!reach || e.end > reach.end) reach = { end: e.end, site };
  }
  return problems.sort((x, y) => x.index - y.index);
}

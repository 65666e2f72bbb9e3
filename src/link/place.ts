/**
 * Placement: input sections into output sections, output sections at addresses, and the segments.
 *
 * Each input section goes to the first rule of the layout with a matching pattern; orphans (no rule)
 * get an output section of their own name after the last output section of the same kind, as GNU ld
 * places them. Addresses grow from the layout's base; each input is aligned to its own alignment and
 * an output section to the largest of its inputs'. Sections are grouped into segments by permission
 * (R, RX, RW): consecutive sections of one kind share a `PT_LOAD`, and a new kind starts on a new page.
 * Zero-fill (`SHT_NOBITS`) may only end a segment; data after bss starts a new one.
 */
import { DiagnosticError, error } from "../diag/diagnostic.js";
import {
  PF_R, PF_W, PF_X, PT_LOAD, PT_NOTE, SHF_ALLOC, SHF_EXECINSTR, SHF_WRITE, SHT_NOBITS, SHT_NOTE, SHT_PROGBITS,
} from "../obj/elf.js";
import { fillNops } from "../isa/nops.js";
import type { OutputSection, PlacedInput, Segment } from "./image.js";
import { sectionSize, type InputSection, type InputTable } from "./inputs.js";
import { matchesPattern, statementPatterns, type LinkLayout } from "./layout-spec.js";
import type { GlobalDef } from "./resolve.js";

type Kind = "rx" | "r" | "rw";

/** The longest NOP GNU ld uses to fill code (its 10-byte `66 2e 0f 1f 84 00…`). */
const LD_MAX_NOP = 10;

interface Draft {
  name: string;
  /** Inputs per input statement of the rule, in placement order. */
  statements: InputSection[][];
  inputs: InputSection[];
  commons: Extract<GlobalDef, { kind: "common" }>[];
}

export interface Placement {
  sections: OutputSection[];
  segments: Segment[];
}

const kindOf = (flags: number): Kind => ((flags & SHF_EXECINSTR) !== 0 ? "rx" : (flags & SHF_WRITE) !== 0 ? "rw" : "r");
const alignUp = (v: number, a: number): number => Math.ceil(v / a) * a;

export function place(inputs: InputTable, commons: Extract<GlobalDef, { kind: "common" }>[], layout: LinkLayout): Placement {
  const rules = layout.sections.map((r) => r.inputs.map(statementPatterns));
  const drafts: Draft[] = layout.sections.map((r) => ({ name: r.name, statements: r.inputs.map(() => []), inputs: [], commons: [] }));
  const commonRule = layout.sections.findIndex((r) => r.inputs.includes("COMMON"));
  const orphans: InputSection[] = [];
  for (const row of inputs) {
    for (const inp of row) {
      if (!inp) continue;
      const name = inp.section.name;
      let placed = false;
      for (let r = 0; r < rules.length && !placed; r++) {
        const k = rules[r]!.findIndex((pats) => pats.some((p) => p !== "COMMON" && matchesPattern(name, p)));
        if (k < 0) continue;
        drafts[r]!.statements[k]!.push(inp);
        drafts[r]!.inputs.push(inp);
        placed = true;
      }
      if (!placed) orphans.push(inp);
    }
  }
  for (const d of drafts) if (d.statements.length > 1) d.inputs = d.statements.flat();
  if (commons.length) {
    if (commonRule < 0) drafts.push({ name: ".bss", statements: [], inputs: [], commons });
    else drafts[commonRule]!.commons.push(...commons);
  }
  // Orphans last, once the rules' sections know their kinds; this may insert drafts between rules.
  for (const inp of orphans) placeOrphan(drafts, inp);

  const sections: OutputSection[] = [];
  const segments: Segment[] = [];
  const pageOf = new Set(layout.sections.filter((r) => r.pageAlign).map((r) => r.name));
  let addr = layout.base;
  let seg: Segment | undefined;
  let segKind: Kind | undefined;
  let segHasBss = false;
  for (const d of drafts) {
    if (d.inputs.length === 0 && d.commons.length === 0) continue;
    let flags = SHF_ALLOC;
    let allNobits = d.commons.length > 0 || d.inputs.length > 0;
    let allNotes = d.commons.length === 0;
    let align = 1;
    for (const i of d.inputs) {
      flags |= i.section.flags & (SHF_WRITE | SHF_EXECINSTR);
      if (i.section.type !== SHT_NOBITS) allNobits = false;
      if (i.section.type !== SHT_NOTE) allNotes = false;
      align = Math.max(align, i.section.align);
    }
    for (const c of d.commons) {
      flags |= SHF_WRITE;
      align = Math.max(align, c.align);
    }
    const type = allNobits ? SHT_NOBITS : allNotes ? SHT_NOTE : SHT_PROGBITS;
    const kind = kindOf(flags);
    const newSegment = !seg || kind !== segKind || pageOf.has(d.name) || (segHasBss && type !== SHT_NOBITS);
    if (newSegment) addr = alignUp(addr, layout.pageSize);
    addr = alignUp(addr, align);
    const index = sections.length;
    const start = addr;
    const placed: PlacedInput[] = [];
    for (const i of d.inputs) {
      addr = alignUp(addr, Math.max(1, i.section.align));
      i.address = addr;
      i.out = index;
      const size = sectionSize(i.section);
      placed.push({ file: i.file, name: i.section.name, address: addr, size, align: i.section.align, objectIndex: i.objectIndex, sectionIndex: i.sectionIndex });
      addr += size;
    }
    for (const c of d.commons) {
      addr = alignUp(addr, c.align);
      c.address = addr;
      placed.push({ file: "COMMON", name: c.sym.name, address: addr, size: c.size, align: c.align, objectIndex: c.objectIndex, sectionIndex: -1 });
      addr += c.size;
    }
    if (addr > 0x1_0000_0000) {
      throw new DiagnosticError([error("L008", `output section \`${d.name}\` ends at 0x${addr.toString(16)}, beyond 4 GiB: images are linked at low physical addresses`)]);
    }
    const size = addr - start;
    const data = new Uint8Array(type === SHT_NOBITS ? 0 : size);
    let filled = start;
    for (const i of d.inputs) {
      // GNU ld pads code between input sections with NOPs of at most 10 bytes, data with zeros.
      if (flags & SHF_EXECINSTR && i.address > filled && data.length) fillNops(data, filled - start, i.address - filled, LD_MAX_NOP);
      if (i.section.type !== SHT_NOBITS) data.set(i.section.data, i.address - start);
      filled = i.address + sectionSize(i.section);
    }
    sections.push({ name: d.name, type, flags, address: start, size, align, data, inputs: placed });
    if (newSegment) {
      seg = { type: PT_LOAD, flags: segFlags(kind), address: start, memSize: 0, fileSize: 0, align: layout.pageSize, sections: [] };
      segments.push(seg);
      segKind = kind;
      segHasBss = false;
    }
    seg!.sections.push(index);
    seg!.memSize = addr - seg!.address;
    if (type === SHT_NOBITS) segHasBss = true;
    else seg!.fileSize = addr - seg!.address;
  }
  sections.forEach((s, i) => {
    if (s.type === SHT_NOTE) segments.push({ type: PT_NOTE, flags: PF_R, address: s.address, memSize: s.size, fileSize: s.size, align: 4, sections: [i] });
  });
  return { sections, segments };
}

function segFlags(kind: Kind): number {
  return kind === "rx" ? PF_R | PF_X : kind === "rw" ? PF_R | PF_W : PF_R;
}

/** An orphan goes after the last output section of its kind (or at the end), named as its input. */
function placeOrphan(drafts: Draft[], inp: InputSection): void {
  const same = drafts.find((d) => d.statements.length === 0 && d.name === inp.section.name && d.inputs.every((i) => kindOf(i.section.flags) === kindOf(inp.section.flags)));
  if (same) {
    same.inputs.push(inp);
    return;
  }
  const kind = kindOf(inp.section.flags);
  const nobits = inp.section.type === SHT_NOBITS;
  let at = -1;
  drafts.forEach((d, i) => {
    const first = d.inputs[0];
    if (!first) return;
    if (kindOf(first.section.flags) === kind && (nobits || first.section.type !== SHT_NOBITS)) at = i;
  });
  const draft: Draft = { name: inp.section.name, statements: [], inputs: [inp], commons: [] };
  if (at < 0) drafts.push(draft);
  else drafts.splice(at + 1, 0, draft);
}

/**
 * Input sections: which sections of which objects take part in the link. An allocated section takes
 * part unless the layout discards it or it belongs to a COMDAT group already seen (GNU ld keeps the
 * first group of each signature, in command-line order). Non-allocated sections (`.comment`,
 * `.note.GNU-stack`, debug info) are not placed in the image.
 */
import { GRP_COMDAT, SHF_ALLOC, SHT_GROUP, SHT_NOBITS, SHT_NOTE } from "../obj/elf.js";
import type { ObjectFile, ObjSection } from "../obj/object.js";
import { matchesPattern, type LinkLayout } from "./layout-spec.js";

export interface InputSection {
  objectIndex: number;
  sectionIndex: number;
  file: string;
  section: ObjSection;
  /** Set by placement: the output section's index and the piece's address. */
  out: number;
  address: number;
}

/** `inputs[objectIndex][sectionIndex]`: the input section, or undefined when it is not placed. */
export type InputTable = (InputSection | undefined)[][];

export function collectInputs(objects: readonly ObjectFile[], layout: LinkLayout): InputTable {
  const seenGroups = new Set<string>();
  return objects.map((obj, objectIndex) => {
    const dropped = droppedGroupMembers(obj, seenGroups);
    return obj.sections.map((section, sectionIndex) => {
      if (section.type === SHT_GROUP || dropped.has(sectionIndex)) return undefined;
      if ((section.flags & SHF_ALLOC) === 0) return undefined;
      if (layout.discard.some((p) => matchesPattern(section.name, p))) return undefined;
      return { objectIndex, sectionIndex, file: obj.fileName, section, out: -1, address: 0 };
    });
  });
}

/** Members of COMDAT groups whose signature an earlier object already brought. */
function droppedGroupMembers(obj: ObjectFile, seen: Set<string>): Set<number> {
  const dropped = new Set<number>();
  obj.sections.forEach((g) => {
    if (g.type !== SHT_GROUP || !g.groupSignature) return;
    const comdat = g.data.length >= 4 && (g.data[0]! & GRP_COMDAT) !== 0;
    if (!comdat) return;
    if (!seen.has(g.groupSignature)) {
      seen.add(g.groupSignature);
      return;
    }
    obj.sections.forEach((s, i) => {
      if (s.groupSignature === g.groupSignature && s.type !== SHT_GROUP) dropped.add(i);
    });
  });
  return dropped;
}

/** Bytes a section occupies in memory. */
export function sectionSize(s: ObjSection): number {
  return s.type === SHT_NOBITS ? s.size : s.data.length;
}

export function isNote(s: ObjSection): boolean {
  return s.type === SHT_NOTE;
}

/**
 * The linker's two uses of `.altinstructions`: checking the table as objtool does (every problem an
 * error at the site's source line), and, with `--cpu`, patching every site for one CPU profile with the
 * same `apply_alternatives` model the emulator and `objdump --cpu` use (src/kernel/alternatives.ts).
 * A statically patched image records its profile in a `.note.alternator` note, and its runtime sees
 * an empty table (src/link/boundary.ts) so that boot does not patch it again.
 */
import { DiagnosticError, error, type Diagnostic, type SourceSpan } from "../diag/diagnostic.js";
import { findProfile, cpuProfiles } from "../isa/cpu-profiles.js";
import { ALTERNATOR_NOTE_SECTION, encodeProfileNote } from "../obj/alternator-note.js";
import { SHT_NOTE } from "../obj/elf.js";
import type { ObjectFile } from "../obj/object.js";
import { decodeAltInstrs, type AltInstr } from "../kernel/alt-instr.js";
import { applyAlternatives } from "../kernel/alternatives.js";
import { checkAltInstrs } from "../kernel/alternatives-check.js";
import { imageMemory, type Image, type OutputSection } from "./image.js";
import type { InputTable } from "./inputs.js";
import { symbolize } from "./symbolize.js";

export const ALTINSTR_SECTION = ".altinstructions";

export function altInstrs(image: Image): AltInstr[] {
  const sec = image.sections.find((s) => s.name === ALTINSTR_SECTION);
  if (!sec) return [];
  try {
    return decodeAltInstrs(sec.data, sec.address);
  } catch (e) {
    throw new DiagnosticError([error("L005", `${ALTINSTR_SECTION}: ${(e as Error).message}`)]);
  }
}

/** Where a record came from: the source line of its first relocation, else `file(section+offset)`. */
function recordOrigin(sec: OutputSection, objects: readonly ObjectFile[], inputs: InputTable, address: number): { text: string; span?: SourceSpan } {
  const piece = sec.inputs.find((p) => address >= p.address && address < p.address + p.size);
  if (!piece || piece.sectionIndex < 0) return { text: `${sec.name}+0x${(address - sec.address).toString(16)}` };
  const off = address - piece.address;
  const input = inputs[piece.objectIndex]![piece.sectionIndex]!;
  const rel = input.section.relocs.find((r) => r.offset === off && r.span);
  return rel?.span ? { text: `${rel.span.file}:${rel.span.line}`, span: rel.span } : { text: `${piece.file}(${piece.name}+0x${off.toString(16)})` };
}

export function checkAlternatives(image: Image, objects: readonly ObjectFile[], inputs: InputTable): void {
  const sec = image.sections.find((s) => s.name === ALTINSTR_SECTION);
  if (!sec) return;
  const records = altInstrs(image);
  const problems = checkAltInstrs(records, sec.size);
  if (problems.length === 0) return;
  const errors: Diagnostic[] = problems.map((p) => {
    const rec = records[p.index];
    const origin = rec ? recordOrigin(sec, objects, inputs, rec.address) : { text: ALTINSTR_SECTION };
    const site = rec ? ` (site ${symbolize(image, rec.site)})` : "";
    return error("L005", `${origin.text}: alternatives record ${p.index}${site}: ${p.message}`, origin.span);
  });
  throw new DiagnosticError(errors);
}

export function applyStaticAlternatives(image: Image, profileName: string): void {
  const profile = findProfile(profileName);
  if (!profile) {
    throw new DiagnosticError([error("L009", `unknown CPU profile \`${profileName}\` (known: ${cpuProfiles.map((p) => p.name).join(", ")})`)]);
  }
  const features = new Set(profile.features);
  const nop = image.symbols.find((s) => s.name === "nop_func");
  const bug = image.symbols.find((s) => s.name === "BUG_func");
  try {
    applyAlternatives(altInstrs(image), imageMemory(image), (f) => features.has(f), {
      ...(nop ? { nopFunc: Number(nop.value) } : {}),
      ...(bug ? { bugFunc: Number(bug.value) } : {}),
    });
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    throw new DiagnosticError([error("L005", `patching alternatives for \`${profile.name}\`: ${(e as Error).message}`)]);
  }
  image.patchedFor = profile.name;
  image.sections.push(profileNote(profile.name));
}

/** The non-allocated `.note.alternator` recording the profile (src/obj/alternator-note.ts). */
function profileNote(profile: string): OutputSection {
  const data = encodeProfileNote(profile);
  return { name: ALTERNATOR_NOTE_SECTION, type: SHT_NOTE, flags: 0, address: 0, size: data.length, align: 4, data, inputs: [] };
}

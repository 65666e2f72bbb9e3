/**
 * Alternator as the differential tests see it: `assemble()` and `writeElf()` loaded lazily, so that a
 * missing or unfinished module makes the Alternator half of a suite skip with a clear reason instead
 * of failing to load (the GNU half still runs and still re-verifies the data).
 */
import { writeFileSync } from "node:fs";
import type { AssembleOptions, AssembleResult } from "../../src/asm/assemble.js";
import type { ObjectFile } from "../../src/obj/object.js";

export interface Alternator {
  assemble: (source: string, options: AssembleOptions) => AssembleResult;
  writeElf?: (obj: ObjectFile) => Uint8Array;
}

export interface AlternatorStatus {
  /** Set when `assemble("nop")` works. */
  api?: Alternator;
  /** Why the Alternator half is skipped. */
  reason?: string;
}

/** A plain `nop` must assemble; anything else means the assembler is not there yet. */
export async function loadAlternator(): Promise<AlternatorStatus> {
  let api: Alternator;
  try {
    const asm = (await import("../../src/asm/assemble.js")) as { assemble: Alternator["assemble"] };
    api = { assemble: asm.assemble };
  } catch (e) {
    return { reason: `src/asm/assemble.ts does not load: ${String(e)}` };
  }
  try {
    const elf = (await import("../../src/obj/write-elf.js" as string)) as { writeElf?: Alternator["writeElf"] };
    if (elf.writeElf) api.writeElf = elf.writeElf;
  } catch {
    // The ELF writer is optional for the encoding vectors; the object-level suites check for it.
  }
  try {
    api.assemble("nop\n", { file: "probe.s" });
  } catch (e) {
    return { reason: `assemble("nop") throws: ${e instanceof Error ? e.message : String(e)}` };
  }
  return { api };
}

/** Writes the object with Alternator's ELF writer, for binutils to read. */
export function writeAlternatorObject(api: Alternator, obj: ObjectFile, path: string): void {
  if (!api.writeElf) throw new Error("src/obj/write-elf.ts (writeElf) is not available");
  writeFileSync(path, api.writeElf(obj));
}

/** Names the diagnostics for error messages: `file:line:col code message`, one per line. */
export function describeError(e: unknown): string {
  if (e && typeof e === "object" && "diagnostics" in e && Array.isArray((e as { diagnostics: unknown }).diagnostics)) {
    const ds = (e as { diagnostics: { code?: string; message?: string; span?: { file?: string; line?: number; col?: number } }[] }).diagnostics;
    const where = (d: (typeof ds)[number]): string =>
      `${d.span?.file ? `${d.span.file.split("/").pop()}:` : ""}${d.span?.line ?? "?"}:${d.span?.col ?? "?"}`;
    return ds.map((d) => `${where(d)} ${d.code ?? "<no code>"} ${d.message ?? ""}`).join("\n");
  }
  return e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e);
}

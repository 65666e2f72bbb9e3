import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import { DiagnosticError, error } from "../diag/diagnostic.js";

/** Writes to `path.tmp-PID` and renames, so a failed run never leaves a half-written output. */
export function writeFileAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Nothing was written.
    }
    throw new DiagnosticError([error("C002", `cannot write \`${path}\`: ${(e as Error).message}`)]);
  }
}

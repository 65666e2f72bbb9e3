/**
 * The instruction-vector format, LLVM-MC style: one instruction per line followed by what it must
 * become. `# CHECK: 83 c0 01` gives the bytes (checked against GNU as 2.40); `# ERROR: A037` says the
 * line must be rejected with that diagnostic code. Lines starting with `#` and blank lines are comments.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Vector {
  /** 1-based line in the vector file, for messages. */
  fileLine: number;
  source: string;
  expect: { kind: "bytes"; hex: string } | { kind: "error"; code: string };
}

export const VECTOR_DIR = new URL("../encode/vectors/", import.meta.url).pathname;

export function parseVectors(text: string): Vector[] {
  const out: Vector[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const m = /^(.*?)\s+#\s*(CHECK|ERROR):\s*(.*)$/.exec(line);
    if (!m) throw new Error(`vector line ${i + 1}: no CHECK or ERROR: ${raw}`);
    const [, source, kind, rest] = m as unknown as [string, string, string, string];
    out.push({
      fileLine: i + 1,
      source: source.trim(),
      expect: kind === "CHECK" ? { kind: "bytes", hex: rest.trim().toLowerCase() } : { kind: "error", code: rest.trim() },
    });
  });
  return out;
}

export function vectorFiles(): string[] {
  return readdirSync(VECTOR_DIR).filter((f) => f.endsWith(".txt")).sort();
}

export function readVectors(file: string): Vector[] {
  return parseVectors(readFileSync(join(VECTOR_DIR, file), "utf8"));
}

/** The label that marks vector `i` when a whole file is assembled at once. */
export function vectorLabel(i: number): string {
  return `v_${i}`;
}

/**
 * One source for a whole vector file: `v_<i>: <instruction>` per line, so line i+1 of the source is
 * vector i (GNU as messages then name the vector directly) and its bytes run from label v_i to v_(i+1).
 * A final label marks the end.
 */
export function labelledSource(sources: string[]): string {
  return sources.map((s, i) => `${vectorLabel(i)}: ${s}\n`).join("") + `${vectorLabel(sources.length)}:\n`;
}

/** Splits `text` at label offsets into per-vector hex strings. */
export function splitByLabels(text: Uint8Array, offsets: number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < offsets.length; i++) {
    out.push(
      Array.from(text.subarray(offsets[i]!, offsets[i + 1]!), (b) => b.toString(16).padStart(2, "0")).join(" "),
    );
  }
  return out;
}

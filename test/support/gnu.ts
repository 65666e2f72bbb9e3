/**
 * The oracle: GNU binutils 2.40, called as plain processes. Every differential test and the vector
 * generator go through these helpers so that the exact command lines (`as --64`, default options) are
 * written down once.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const GNU_AS = "/usr/bin/as";

/** One message GNU as printed, with the 1-based line it names. */
export interface GnuMessage {
  line: number;
  severity: "error" | "warning";
  text: string;
}

export interface GnuAsResult {
  ok: boolean;
  /** The object file's path (only meaningful when `ok`). */
  object: string;
  messages: GnuMessage[];
  stderr: string;
}

/** A scratch directory that callers remove with `rmSync(dir, { recursive: true })`. */
export function scratchDir(prefix = "alternator-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Assembles `source` with `as --64` in `dir` as `name` (so messages name that file) and reports every
 * error and warning by line. `-I` directories and `--defsym`s are passed through.
 */
export function gnuAs(
  source: string,
  dir: string,
  name = "input.s",
  opts: { includeDirs?: string[]; defsyms?: Record<string, bigint>; cwd?: string } = {},
): GnuAsResult {
  const src = join(dir, name);
  const object = join(dir, name.replace(/\.[sS]$/, "") + ".gnu.o");
  writeFileSync(src, source);
  const args = ["--64", src, "-o", object];
  for (const d of opts.includeDirs ?? []) args.push("-I", d);
  for (const [k, v] of Object.entries(opts.defsyms ?? {})) args.push("--defsym", `${k}=${v}`);
  const r = spawnSync(GNU_AS, args, { encoding: "utf8", cwd: opts.cwd ?? dir });
  const stderr = r.stderr ?? "";
  return { ok: r.status === 0, object, messages: parseGnuMessages(stderr), stderr };
}

/** `file:LINE: Error: text` / `Warning:` lines; "Assembler messages:" headers are skipped. */
export function parseGnuMessages(stderr: string): GnuMessage[] {
  const out: GnuMessage[] = [];
  for (const l of stderr.split("\n")) {
    const m = /^[^:]*:(\d+): (Error|Warning): (.*)$/.exec(l);
    if (m) out.push({ line: Number(m[1]), severity: m[2] === "Error" ? "error" : "warning", text: m[3]! });
  }
  return out;
}

/** Runs a binutils tool and returns its stdout (throws with stderr on failure). */
export function binutils(tool: "readelf" | "objdump" | "objcopy" | "nm" | "ld", args: string[]): string {
  return execFileSync(`/usr/bin/${tool}`, args, { encoding: "utf8", maxBuffer: 1 << 28 });
}

/** A section's bytes as objcopy extracts them (empty for SHT_NOBITS). */
export function sectionBytes(object: string, section: string, dir: string): Uint8Array {
  const out = join(dir, `section-${process.pid}-${Math.random().toString(36).slice(2)}.bin`);
  execFileSync("/usr/bin/objcopy", ["-O", "binary", "--only-section", section, object, out]);
  const bytes = new Uint8Array(readFileSync(out));
  rmSync(out);
  return bytes;
}

/** Symbol name → value, from `nm` (defined symbols only). */
export function symbolValues(object: string): Map<string, bigint> {
  const map = new Map<string, bigint>();
  for (const l of binutils("nm", ["--defined-only", object]).split("\n")) {
    const m = /^([0-9a-f]+) \S (\S+)$/.exec(l);
    if (m) map.set(m[2]!, BigInt("0x" + m[1]));
  }
  return map;
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");
}

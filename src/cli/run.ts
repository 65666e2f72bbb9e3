/**
 * `alternator run IMAGE [--cpu PROFILE]... [--trace] [--max-steps N] [--json] [--expect FILE]`: boot an
 * image in the bundled emulator on each profile. With one profile the console goes straight to stdout
 * and the exit status is the guest's exit code; with several, each profile gets a block and a summary
 * line follows, and the exit status is the first non-zero guest code. `--expect FILE` (JSON:
 * `{"console": "...", "exitCode": N, "profiles": {"xen-pv": {...}}}`, per-profile entries overriding)
 * compares each run and prints a diff; any mismatch, cross-check disagreement or run that did not exit
 * makes the status 1.
 */
import { readFileSync } from "node:fs";
import { DiagnosticError, error } from "../diag/diagnostic.js";
import { cpuProfiles, findProfile, type CpuProfile } from "../isa/cpu-profiles.js";
import { readExec } from "../obj/read-exec.js";
import { runImage, type RunResult } from "../emu/run-image.js";
import { compareExpectation, type Expectation } from "../emu/expect.js";

export interface RunCommandOptions {
  cpus: string[];
  trace: boolean;
  maxSteps?: number;
  json: boolean;
  expect?: string;
}

function profiles(names: string[]): CpuProfile[] {
  const list = names.length ? names : ["legacy"];
  return list.map((n) => {
    const p = findProfile(n);
    if (!p) throw new DiagnosticError([error("L009", `unknown CPU profile \`${n}\` (known: ${cpuProfiles.map((x) => x.name).join(", ")})`)]);
    return p;
  });
}

function readExpectation(file: string): Expectation {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Expectation;
  } catch (e) {
    throw new DiagnosticError([error("C002", `cannot read expectations \`${file}\`: ${(e as Error).message}`)]);
  }
}

/** Runs; returns the exit status. Output goes through `out`/`err`. */
export function runCommand(file: string, opts: RunCommandOptions, out: (s: string) => void, err: (s: string) => void): number {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new DiagnosticError([error("C002", `cannot read \`${file}\`: ${(e as Error).message}`)]);
  }
  const exe = readExec(bytes, file);
  const list = profiles(opts.cpus);
  const expectation = opts.expect ? readExpectation(opts.expect) : undefined;
  const single = list.length === 1 && !opts.json;
  const results: RunResult[] = [];
  let status = 0;
  for (const p of list) {
    if (!single && !opts.json) out(`== ${p.name} ==\n`);
    const r = runImage(exe, p, {
      ...(opts.maxSteps !== undefined ? { maxSteps: opts.maxSteps } : {}),
      ...(opts.trace ? { trace: (l: string) => err(l + "\n") } : {}),
      ...(!opts.json ? { onConsole: (b: Uint8Array) => out(Buffer.from(b).toString("latin1")) } : {}),
    });
    results.push(r);
    if (!opts.json && r.console.length && !r.console.endsWith("\n")) out("\n");
    if (r.stop.kind !== "exit") err(`alternator run: ${p.name}: ${r.stopReason}\n`);
    for (const d of r.disagreements) err(`alternator run: ${p.name}: cross-check (${d.kind}) at ${d.at}: ${d.message}\n    runtime: ${d.runtime}\n    model:   ${d.model}\n`);
    if (expectation) {
      const diff = compareExpectation(expectation, r);
      if (diff) {
        err(`alternator run: ${p.name}: output differs from ${opts.expect}:\n${diff}`);
        status = 1;
      }
    }
    if (status === 0 && r.exitCode !== undefined && r.exitCode !== 0 && !expectation) status = r.exitCode;
    if (r.stop.kind !== "exit" || r.disagreements.length) status = status || 1;
  }
  if (opts.json) {
    out(JSON.stringify(list.length === 1 ? results[0] : results, (_k, v) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v), 2) + "\n");
  } else if (!single) {
    out(`\n${results.map((r) => `${r.profile}: ${r.stopReason}${r.disagreements.length ? `, ${r.disagreements.length} cross-check disagreement(s)` : ""}`).join("\n")}\n`);
  }
  return status;
}

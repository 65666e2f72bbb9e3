/**
 * Expectations for a run: the console output and exit code an image must produce, optionally per
 * profile. The same check serves `alternator run --expect FILE` and, later, a build's smoke stage.
 */
import type { RunResult } from "./run-image.js";

export interface ProfileExpectation {
  console?: string;
  exitCode?: number;
}

export interface Expectation extends ProfileExpectation {
  /** Overrides by profile name. */
  profiles?: Record<string, ProfileExpectation>;
}

/** A readable diff of what differs, or "" when the run meets the expectation. */
export function compareExpectation(expect: Expectation, run: RunResult): string {
  const want: ProfileExpectation = { ...expect, ...(expect.profiles?.[run.profile] ?? {}) };
  const out: string[] = [];
  if (want.exitCode !== undefined && run.exitCode !== want.exitCode) {
    out.push(`  exit code: got ${run.exitCode ?? `none (${run.stopReason})`}, want ${want.exitCode}`);
  }
  if (want.console !== undefined && run.console !== want.console) out.push(lineDiff(want.console, run.console));
  return out.length ? out.join("\n") + "\n" : "";
}

/** Line by line: `-` expected, `+` got, ` ` same (a plain LCS diff; consoles are short). */
export function lineDiff(want: string, got: string): string {
  const a = want.split("\n");
  const b = got.split("\n");
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      lines.push(`   ${a[i]}`);
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) lines.push(`  +${b[j++]}`);
    else lines.push(`  -${a[i++]}`);
  }
  return `  console (- expected, + got):\n${lines.join("\n")}`;
}

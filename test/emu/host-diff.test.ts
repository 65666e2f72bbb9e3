/**
 * The host CPU as the final word (the issue: "where Unicorn and the emulator disagree, the final word
 * is the host CPU itself"): the instructions Unicorn 2.0.1 gets wrong — 32-bit CMPXCHG, LOCK NEG,
 * POPCNT — in random sequences, plus a sample of the general sequences, run natively in user mode by
 * test/emu/host-runner.c (gcc) from the same registers and memory, compared like the Unicorn test.
 *
 * The host may be AMD or Intel: only what the SDM defines is compared (the same masks).
 */
import { describe, expect, it } from "vitest";
import { assembleCases, differences, runOurs } from "./diff/compare.js";
import { generateCases } from "./diff/gen.js";
import { buildHostRunner, hostUnavailable, runHost } from "./diff/host.js";

const why = hostUnavailable();

describe("raw mode against the host CPU", () => {
  if (why && !process.env.CI) {
    it.skip(`host reference unavailable (${why}): skipped`, () => {});
    return;
  }
  const exe = why ? "" : buildHostRunner();

  const check = (label: string, seed: number, n: number, hostOnly: boolean) =>
    it(label, () => {
      expect(why, "CI needs gcc on linux/x64 for the host reference").toBeUndefined();
      const cases = assembleCases(generateCases(seed, n, { hostOnly }).filter((c) => !hostOnly || c.hostOnly));
      const refs = runHost(exe, cases);
      const bad: string[] = [];
      cases.forEach((c, i) => {
        const d = differences(c, runOurs(c), refs[i]!);
        if (d.length) bad.push(`${c.name}\n${c.source.replace(/^/gm, "    ")}\n  ${d.join("\n  ")}`);
      });
      expect(bad.slice(0, 10).join("\n\n"), `${bad.length} of ${cases.length} cases differ`).toBe("");
    });

  check("agrees on the instructions Unicorn gets wrong (cmpxchg r32, lock neg, popcnt)", 0xc0ffee, 1200, true);
  check("agrees on a sample of the general sequences", 0xbeef, 1000, false);
});

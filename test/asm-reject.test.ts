/**
 * Sources GNU as 2.40 rejects, and the diagnostic Alternator must give for each: its code and the
 * line it points at. Each case is run through GNU as too, so a case that GNU accepts fails here
 * instead of quietly testing our own opinion.
 */
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { DiagnosticError } from "../src/diag/diagnostic.js";
import { assemble } from "../src/asm/assemble.js";
import { gnuAs, scratchDir } from "./support/gnu.js";

interface Case {
  name: string;
  source: string;
  code: string;
  line: number;
}

const CASES: Case[] = [
  { name: "an equate defined by itself", source: "x = x + 1\n\t.long x\n", code: "A016", line: 1 },
  { name: "two equates defined by each other", source: "a = b + 1\nb = a + 1\n\t.long a\n", code: "A016", line: 2 },
  { name: "a loop through .set", source: "\t.set p, q\n\t.set q, p - 4\n\t.quad q\n", code: "A016", line: 2 },
];

const dir = scratchDir("alternator-reject-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sources GNU as rejects", () => {
  for (const c of CASES) {
    it(c.name, () => {
      expect(gnuAs(c.source, dir, "case.s").ok, "GNU as accepts this source: the case is wrong").toBe(false);
      let thrown: unknown;
      try {
        assemble(c.source, { file: "case.s" });
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DiagnosticError);
      const found = (thrown as DiagnosticError).diagnostics.map((d) => `${d.code}@${d.span?.line}`);
      expect(found).toContain(`${c.code}@${c.line}`);
    });
  }
});

describe("redefinitions GNU as accepts", () => {
  it("`x = x + 1` counts when x has a value", () => {
    const source = "x = 1\nx = x + 1\n\t.long x\n";
    expect(gnuAs(source, dir, "ok.s").ok).toBe(true);
    const { object } = assemble(source, { file: "ok.s" });
    const text = object.sections.find((s) => s.name === ".text")!;
    expect([...text.data]).toEqual([2, 0, 0, 0]);
  });
});

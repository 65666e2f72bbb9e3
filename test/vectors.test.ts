/**
 * Instruction vectors (test/encode/vectors/*.txt). For every file:
 *  1. GNU as 2.40 assembles all its lines once (label before each line) and must produce exactly the
 *     CHECK bytes — the data is re-verified against the oracle on every run;
 *  2. Alternator's assemble() does the same and must produce GNU's bytes line by line.
 * msr-imm.txt is not assemblable by GNU as 2.40: its CHECK lines are compared with Alternator only and
 * its ERROR lines must be rejected with a DiagnosticError carrying that code.
 */
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { DiagnosticError } from "../src/diag/diagnostic.js";
import { describeError, loadAlternator } from "./support/alternator.js";
import { gnuAs, scratchDir, sectionBytes, symbolValues } from "./support/gnu.js";
import { labelledSource, readVectors, splitByLabels, type Vector, vectorFiles, vectorLabel } from "./support/vectors.js";

const GNU_UNSUPPORTED = new Set(["msr-imm.txt"]);
const alternator = await loadAlternator();
const dir = scratchDir("vectors-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mismatches(file: string, vectors: Vector[], got: string[], who: string): string[] {
  const out: string[] = [];
  vectors.forEach((v, i) => {
    if (v.expect.kind !== "bytes") return;
    if (got[i] !== v.expect.hex) {
      out.push(`${file}:${v.fileLine}: ${v.source}\n    expected: ${v.expect.hex}\n    ${who}: ${got[i] || "(no bytes)"}`);
    }
  });
  return out;
}

function report(problems: string[], total: number): string {
  const shown = problems.slice(0, 40).join("\n");
  return `${problems.length} of ${total} vectors differ${problems.length > 40 ? " (first 40 shown)" : ""}:\n${shown}`;
}

/**
 * Alternator's bytes for each vector: the whole file at once (label before each line). If the file is
 * rejected, every line is assembled on its own instead, so the report lists each rejected line with
 * its diagnostic next to the lines that merely encode differently.
 */
function alternatorBytes(vectors: Vector[]): string[] {
  const api = alternator.api!;
  const sources = vectors.map((v) => v.source);
  try {
    const { object } = api.assemble(labelledSource(sources), { file: "vectors.s" });
    const text = object.sections.findIndex((s) => s.name === ".text");
    expect(text, "object has a .text section").toBeGreaterThanOrEqual(0);
    const values = new Map(object.symbols.filter((s) => s.section === text).map((s) => [s.name, Number(s.value)]));
    const offsets = sources.map((_, i) => i).concat(sources.length).map((i) => values.get(vectorLabel(i)) ?? NaN);
    return splitByLabels(object.sections[text]!.data, offsets);
  } catch (e) {
    if (!(e instanceof DiagnosticError)) throw new Error(`Alternator crashed on the file:\n${describeError(e)}`);
    return sources.map((src) => {
      try {
        const { object } = api.assemble(`${src}\n`, { file: "vector.s" });
        const text = object.sections.find((s) => s.name === ".text");
        return text ? splitByLabels(text.data, [0, text.data.length])[0]! : "(no .text)";
      } catch (err) {
        return `(rejected: ${describeError(err).split("\n")[0]})`;
      }
    });
  }
}

for (const file of vectorFiles()) {
  const all = readVectors(file);
  const checks = all.filter((v) => v.expect.kind === "bytes");
  const errors = all.filter((v) => v.expect.kind === "error");

  describe(file, () => {
    if (!GNU_UNSUPPORTED.has(file)) {
      it(`GNU as 2.40 still produces the ${checks.length} CHECK encodings`, () => {
        const res = gnuAs(labelledSource(checks.map((v) => v.source)), dir, `${file}.s`);
        expect(res.stderr, "GNU as accepts every line without warnings").toBe("");
        const syms = symbolValues(res.object);
        const offsets = checks.map((_, i) => i).concat(checks.length).map((i) => Number(syms.get(vectorLabel(i))));
        const got = splitByLabels(sectionBytes(res.object, ".text", dir), offsets);
        const problems = mismatches(file, checks, got, "GNU as");
        expect(problems, report(problems, checks.length)).toEqual([]);
      });
    }

    it.skipIf(!alternator.api)(`Alternator encodes the ${checks.length} CHECK lines like GNU as`, () => {
      const got = alternatorBytes(checks);
      const problems = mismatches(file, checks, got, "Alternator");
      expect(problems, report(problems, checks.length)).toEqual([]);
    });

    it.skipIf(!alternator.api)(`Alternator gives the same bytes for the ${checks.length} CHECK lines on lines of their own, twice over`, () => {
      // Without a label in front, a line of one instruction is remembered by the line caches (by its
      // text, or by its text with the numbers left out) and the second time round its bytes are
      // copied: each vector then checks a remembered line against its neighbours' numbers.
      const sources = checks.map((v) => v.source);
      const want = checks.map((v) => (v.expect.kind === "bytes" ? v.expect.hex : "")).join(" ");
      const { object } = alternator.api!.assemble(sources.concat(sources).join("\n") + "\n", { file: `${file}.s` });
      const text = object.sections.find((s) => s.name === ".text")!;
      const got = splitByLabels(text.data, [0, text.data.length])[0]!;
      expect(got).toBe(`${want} ${want}`);
    });

    if (errors.length && !GNU_UNSUPPORTED.has(file)) {
      it(`GNU as 2.40 rejects each of the ${errors.length} ERROR lines too`, () => {
        const accepted = errors.filter((v) => gnuAs(`${v.source}\n`, dir, `${file}.error.s`).ok);
        expect(accepted.map((v) => `${file}:${v.fileLine}: ${v.source}`)).toEqual([]);
      });
    }

    if (errors.length) {
      it.skipIf(!alternator.api)(`Alternator rejects the ${errors.length} ERROR lines with their codes`, () => {
        const problems: string[] = [];
        for (const v of errors) {
          const want = v.expect.kind === "error" ? v.expect.code : "";
          try {
            alternator.api!.assemble(`${v.source}\n`, { file: "error.s" });
            problems.push(`${file}:${v.fileLine}: ${v.source}: accepted, expected ${want}`);
          } catch (e) {
            const codes = e instanceof DiagnosticError ? e.diagnostics.map((d) => d.code) : [];
            if (!(e instanceof DiagnosticError)) problems.push(`${file}:${v.fileLine}: ${v.source}: threw a non-diagnostic ${describeError(e)}`);
            else if (!codes.includes(want as never)) problems.push(`${file}:${v.fileLine}: ${v.source}: got ${codes.join(",")}, expected ${want}`);
          }
        }
        expect(problems, problems.join("\n")).toEqual([]);
      });
    }
  });
}

if (!alternator.api) {
  describe("Alternator", () => {
    it("Alternator loads (the assembler exists: failing to load is a failure, not a skip)", () => {
      expect(alternator.reason).toBeUndefined();
    });
  });
}

/**
 * Random instruction lines against GNU as 2.40: every mnemonic of the vector files with zero to three
 * operands drawn from registers of every class, immediates at the field edges and memory operands of
 * every addressing shape. Most such lines are nonsense, and that is the point: for each one, GNU as and
 * Alternator must agree — the same bytes where GNU accepts the line, a diagnostic where GNU rejects it,
 * and never a crash. (This found the `vmsave %eax` prefix, the `*` on non-branches, the shift-count
 * ranges and more; operand-checks.txt pins each of those down.)
 *
 * Lines GNU accepts only with a warning (a guessed suffix) are not compared: GNU guessed. The MSR
 * immediate forms are left out: GNU as 2.40 predates them (msr-imm.txt covers them).
 */
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../../src/asm/assemble.js";
import { DiagnosticError } from "../../src/diag/diagnostic.js";
import { gnuAs, scratchDir, sectionBytes, symbolValues } from "../support/gnu.js";
import { Prng } from "../support/prng.js";
import { labelledSource, readVectors, splitByLabels, vectorFiles, vectorLabel } from "../support/vectors.js";

/** Each run: a seed, and whether the lines are 32-bit code (`.code32`, as the boot stub is). */
const RUNS = [
  { seed: 0x5eed1, code32: false },
  { seed: 0x5eed2, code32: false },
  { seed: 0x5eed3, code32: true },
];
const LINES_PER_SEED = 3000;

const REGISTERS = ["%al", "%cl", "%ah", "%spl", "%r9b", "%ax", "%si", "%r10w", "%eax", "%esp", "%r13d", "%rax", "%rsp", "%rbp",
  "%r12", "%r13", "%r15", "%cs", "%ds", "%fs", "%gs", "%ss", "%cr0", "%cr3", "%cr8", "%dr7", "%dx", "%st", "%xmm0"];
const IMMEDIATES = ["$0", "$1", "$3", "$0x7f", "$0x80", "$-1", "$-128", "$-129", "$0xff", "$0x100", "$0x7fff", "$0xffff",
  "$0x7fffffff", "$0x80000000", "$0xffffffff", "$0x100000000", "$-0x80000000", "$0x123456789"];
const MEMORY = ["(%rax)", "8(%rsp)", "-0x80(%rbp,%rcx,4)", "0x12345678", "%gs:0x10", "(%r13)", "(%eax)", "0x80(%rip)", "(,%rdx,8)",
  "-1(%r12,%r13)", "(%rsp,%rbp)", "0x7fffffff(%rbx)", "%fs:(%rsi)", "*%rax", "*(%rbx)", "*8(%rsp,%rax,2)"];

/** The mnemonics (and prefix words) the vector files use, MSR-immediate forms aside. */
function mnemonics(): string[] {
  const names = new Set<string>();
  for (const f of vectorFiles()) {
    if (f === "msr-imm.txt") continue;
    for (const v of readVectors(f)) names.add(v.source.split(/\s+/)[0]!);
  }
  return [...names].sort();
}

function randomLines(seed: number, n: number, names: readonly string[]): string[] {
  const rng = new Prng(seed);
  const pick = <T>(a: readonly T[]): T => a[rng.int(a.length)]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const ops: string[] = [];
    for (let k = rng.int(4); k > 0; k--) {
      const c = rng.int(3);
      ops.push(pick(c === 0 ? REGISTERS : c === 1 ? IMMEDIATES : MEMORY));
    }
    out.push(ops.length ? `${pick(names)} ${ops.join(", ")}` : pick(names));
  }
  return out;
}

const dir = scratchDir("alternator-random-diff-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ours(line: string, mode: string): { bytes?: string; error?: string; crash?: string } {
  try {
    const { object } = assemble(`${mode}${line}\n`, { file: "line.s" });
    const text = object.sections.find((s) => s.name === ".text")!;
    return { bytes: Array.from(text.data, (b) => b.toString(16).padStart(2, "0")).join(" ") };
  } catch (e) {
    if (e instanceof DiagnosticError) return { error: e.diagnostics[0]?.code ?? "?" };
    return { crash: String(e) };
  }
}

describe("random instruction lines agree with GNU as 2.40", () => {
  const names = mnemonics();
  for (const { seed, code32 } of RUNS) {
    it(`seed 0x${seed.toString(16)}: ${LINES_PER_SEED} lines${code32 ? " of 32-bit code" : ""}`, () => {
      const mode = code32 ? ".code32\n" : "";
      const lines = randomLines(seed, LINES_PER_SEED, names);
      // What GNU takes without a word: drop the lines it complains about until it complains no more.
      let kept = lines;
      for (let round = 0; round < 8; round++) {
        const r = gnuAs(mode + labelledSource(kept), dir, "random.s");
        const bad = new Set(r.messages.map((m) => m.line - 1 - (code32 ? 1 : 0)));
        if (r.ok && bad.size === 0) break;
        kept = kept.filter((_, i) => !bad.has(i));
      }
      const r = gnuAs(mode + labelledSource(kept), dir, "random.s");
      expect(r.stderr).toBe("");
      const syms = symbolValues(r.object);
      const offsets = kept.map((_, i) => i).concat(kept.length).map((i) => Number(syms.get(vectorLabel(i))));
      const gnu = splitByLabels(sectionBytes(r.object, ".text", dir), offsets);

      const problems: string[] = [];
      kept.forEach((line, i) => {
        const o = ours(line, mode);
        if (o.crash) problems.push(`${line}: crashed: ${o.crash}`);
        else if (o.error) problems.push(`${line}: rejected (${o.error}), GNU as encodes ${gnu[i]}`);
        else if (o.bytes !== gnu[i]) problems.push(`${line}: ours ${o.bytes}, GNU as ${gnu[i]}`);
      });
      const keptSet = new Set(kept);
      for (const line of lines) {
        if (keptSet.has(line)) continue;
        const o = ours(line, mode);
        if (o.crash) problems.push(`${line}: crashed: ${o.crash}`);
        // Accepted by us: fine if GNU only warned; not if GNU rejects it.
        else if (o.bytes !== undefined && !gnuAs(`${mode}${line}\n`, dir, "one.s").ok) problems.push(`${line}: accepted, GNU as rejects it`);
      }
      expect(problems, problems.join("\n")).toEqual([]);
      // The run must compare a fair number of lines GNU accepts, or it tests nothing.
      expect(kept.length).toBeGreaterThan(100);
    });
  }
});

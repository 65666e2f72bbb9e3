/**
 * Robustness fuzzing of assemble(): random token soup built from AT&T fragments, and mutations of the
 * corpus files (characters and lines deleted, duplicated, swapped; random directives inserted). Every
 * source must either assemble or be rejected with a DiagnosticError whose diagnostics all carry a
 * catalogued code and a line. Anything else — a TypeError, a RangeError, a plain Error, a diagnostic
 * without a position — is a bug, reported with the seed, the case number and the input.
 * The seed is fixed, so a failure reproduces exactly; FUZZ_SEED=n explores other seeds.
 */
import { describe, expect, it } from "vitest";
import { codes } from "../src/diag/codes.js";
import { DiagnosticError } from "../src/diag/diagnostic.js";
import { loadAlternator } from "./support/alternator.js";
import { CORPUS_DIR, CORPUS_INCLUDE, corpusFiles, readCorpus } from "./support/corpus.js";
import { Prng } from "./support/prng.js";

const SEED = Number(process.env["FUZZ_SEED"] ?? 0x5eed2024);
const SOUP_CASES = 600;
const MUTATION_CASES = 600;
const alternator = await loadAlternator();

// ---------------------------------------------------------------------------------------------------
// Grammar fragments

const MNEMONICS = [
  "mov", "movq", "movl", "movb", "movw", "movabs", "movzbl", "movslq", "lea", "leaq", "add", "addq", "sub", "subl",
  "and", "or", "xor", "cmp", "cmpq", "test", "inc", "dec", "neg", "not", "shl", "sar", "rol", "imul", "div", "idiv",
  "push", "pushq", "pop", "call", "jmp", "je", "jne", "jz", "jg", "ja", "ret", "lret", "iretq", "sysretq", "syscall",
  "rdmsr", "wrmsr", "wrmsrns", "cpuid", "rdtsc", "swapgs", "lgdt", "lidt", "ltr", "invlpg", "hlt", "cli", "sti",
  "ud2", "int3", "int", "nop", "pause", "lfence", "rep", "lock", "ds", "cs", "data16", "addr32", "movsb", "stosq",
  "cmovz", "sete", "bt", "bts", "bsf", "popcnt", "xchg", "cmpxchg", "xadd", "in", "out", "enter", "leave", "cqto",
];
const REGISTERS = [
  "%rax", "%rcx", "%rsp", "%rbp", "%r8", "%r12", "%r13", "%r15", "%eax", "%r9d", "%ax", "%r10w", "%al", "%ah",
  "%sil", "%r11b", "%rip", "%eip", "%cr0", "%cr3", "%cr4", "%dr7", "%ds", "%fs", "%gs", "%ss", "%cl", "%dx",
  "%xmm0", "%st", "%bogus", "%", "%r16",
];
const DIRECTIVES = [
  ".text", ".data", ".bss", ".section .foo,\"ax\"", ".section .bar,\"aw\",@nobits", ".pushsection .x", ".popsection",
  ".previous", ".globl sym", ".weak w", ".hidden h", ".type sym, @function", ".size sym, .-sym", ".byte", ".word",
  ".long", ".quad", ".ascii", ".asciz", ".string", ".zero", ".skip", ".fill", ".org", ".align", ".balign", ".p2align",
  ".set", ".equ", ".equiv", ".macro", ".endm", ".exitm", ".purgem", ".irp", ".irpc", ".rept", ".endr", ".if",
  ".ifdef", ".ifndef", ".ifc", ".ifb", ".else", ".elseif", ".endif", ".include", ".incbin", ".print", ".warning",
  ".error", ".code32", ".code64", ".comm", ".lcomm", ".nops", ".file", ".ident", ".local", ".cfi_startproc", ".unknown",
];
const ATOMS = [
  "$0", "$1", "$-1", "$0x7fffffff", "$0x80000000", "$0xffffffffffffffff", "$0x10000000000000000", "$sym", "$(1<<63)",
  "$'a", "$1/0", "$1%0", "0", "8", "-8", "0x1234", "sym", "sym+4", "1b", "1f", "2b", ".", ".-4", ".L1", "\\@", "\\x",
  "(%rax)", "8(%rsp)", "(%rax,%rcx,8)", "(,%rdx,4)", "(%rax,%rsp)", "(%rax,%rcx,3)", "0x10(%rip)", "(%eax)",
  "%gs:0x28", "%fs:(%rax)", "*%rax", "*(%rax)", "\"str\"", "\"unterminated", "'", "'\\n", "<", ">", "(", ")",
  "[", "]", "{", "}", "~", "!", "==", "<<", ">>", "&&", "||", "^", "|", "&", "*", "/", "%", "+", "-", ";", ":",
  "#", "/*", "*/", "\\", "@function", "@nobits", "1:", "sym:", ".L1:", "0x", "0b", "09", "1e5", "99999999999999999999",
];
const SEPARATORS = [" ", " ", " ", ", ", ",", "\t", "\n", "\n", "; "];

function soup(rng: Prng): string {
  const lines: string[] = [];
  const n = 1 + rng.int(12);
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    const head = rng.int(10);
    if (head < 5) parts.push(rng.pick(MNEMONICS));
    else if (head < 8) parts.push(rng.pick(DIRECTIVES));
    else parts.push(rng.pick(ATOMS));
    const k = rng.int(5);
    for (let j = 0; j < k; j++) {
      parts.push(rng.pick(SEPARATORS), rng.chance(0.5) ? rng.pick(ATOMS) : rng.pick(REGISTERS));
    }
    lines.push(parts.join(""));
  }
  return lines.join("\n") + (rng.chance(0.9) ? "\n" : "");
}

/** Random directives with sane sizes, for insertion into corpus files. */
function randomDirective(rng: Prng): string {
  return rng.pick([
    ".text", ".data", ".bss", ".previous", ".popsection", ".pushsection .fz, \"ax\"", ".section .fz2, \"aw\", @nobits",
    ".endm", ".endr", ".endif", ".else", ".if 1", ".if 0", ".ifdef undefined_sym", ".rept 3", ".irp x, 1, 2", ".exitm",
    ".macro fz a, b=1", ".purgem fz", ".set fz_sym, .", ".equiv fz_sym, 1", "fz_sym = fz_sym + 1", ".org .+8", ".org 0",
    ".balign 16", ".p2align 3, 0xcc", ".skip -1", ".fill 2, 3, 1", ".byte 256", ".word fz_undefined", ".long 1b - .",
    ".quad . - 2f", "2:", "1:", "jmp 1b", "jmp 1f", "call fz_undefined", ".globl fz_g", ".weak fz_g", ".size fz_g, 4",
    ".type fz_g, @object", ".include \"no-such-file.inc\"", ".incbin \"blob.bin\", 1000", ".code32", ".code64",
    "movl $0x80000000, %eax", "rdmsr $0x10, %rax", "wrmsrns %rax, $0x10", ".error \"fuzz\"", ".warning \"fuzz\"",
  ]);
}

function mutate(rng: Prng, source: string): { text: string; what: string[] } {
  let lines = source.split("\n");
  const what: string[] = [];
  const count = 1 + rng.int(4);
  for (let m = 0; m < count; m++) {
    const i = rng.int(lines.length);
    const line = lines[i] ?? "";
    switch (rng.int(8)) {
      case 0: lines.splice(i, 1); what.push(`deleted line ${i + 1}`); break;
      case 1: lines.splice(i, 0, line); what.push(`duplicated line ${i + 1}`); break;
      case 2: {
        const j = rng.int(lines.length);
        [lines[i], lines[j]] = [lines[j]!, line];
        what.push(`swapped lines ${i + 1} and ${j + 1}`);
        break;
      }
      case 3: {
        const d = randomDirective(rng);
        lines.splice(i, 0, `\t${d}`);
        what.push(`inserted "${d}" at line ${i + 1}`);
        break;
      }
      default: {
        if (!line.length) break;
        const c = rng.int(line.length);
        const op = rng.int(3);
        const edited = op === 0 ? line.slice(0, c) + line.slice(c + 1)
          : op === 1 ? line.slice(0, c) + line[c] + line.slice(c)
          : line.slice(0, c) + (line[c + 1] ?? "") + line[c] + line.slice(c + 2);
        lines[i] = edited;
        what.push(`${["deleted", "duplicated", "swapped"][op]} a character in line ${i + 1}: ${edited.trim()}`);
      }
    }
  }
  lines = lines.slice(0, 2000);
  return { text: lines.join("\n"), what };
}

// ---------------------------------------------------------------------------------------------------
// The property

/** Undefined when the outcome is acceptable; otherwise why not. */
function check(source: string, file: string): string | undefined {
  try {
    const result = alternator.api!.assemble(source, { file, includeDirs: [CORPUS_INCLUDE] });
    if (!result || typeof result !== "object" || result.object?.kind !== "object") return "returned something that is not an AssembleResult";
    return undefined;
  } catch (e) {
    if (!(e instanceof DiagnosticError)) {
      return `threw ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split("\n").slice(1, 6).join("\n")}` : String(e)}`;
    }
    if (!e.diagnostics.length) return "DiagnosticError without diagnostics";
    const bad = e.diagnostics.filter((d) => !(d.code in codes) || !d.span || !(d.span.line >= 1));
    if (bad.length) return `diagnostics without a catalogued code or a line: ${JSON.stringify(bad.slice(0, 3))}`;
    return undefined;
  }
}

function excerpt(text: string, around: number[]): string {
  const lines = text.split("\n");
  if (lines.length <= 60) return lines.map((l, i) => `${String(i + 1).padStart(4)}| ${l}`).join("\n");
  const keep = new Set<number>();
  for (const a of around) for (let i = a - 4; i <= a + 4; i++) if (i >= 0 && i < lines.length) keep.add(i);
  return [...keep].sort((x, y) => x - y).map((i) => `${String(i + 1).padStart(4)}| ${lines[i]}`).join("\n");
}

describe.skipIf(!alternator.api)(`fuzz (seed 0x${SEED.toString(16)})`, () => {
  it(`${SOUP_CASES} token-soup sources assemble or fail with positioned diagnostics`, () => {
    const rng = new Prng(SEED);
    const failures: string[] = [];
    for (let n = 0; n < SOUP_CASES && failures.length < 5; n++) {
      const text = soup(rng);
      const why = check(text, "soup.s");
      if (why) failures.push(`soup case ${n}: ${why}\n--- input ---\n${excerpt(text, [])}\n-------------`);
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
  });

  it(`${MUTATION_CASES} mutated corpus files assemble or fail with positioned diagnostics`, () => {
    const rng = new Prng(SEED ^ 0x9e3779b9);
    const files = corpusFiles();
    const sources = files.map((f) => readCorpus(f));
    const failures: string[] = [];
    for (let n = 0; n < MUTATION_CASES && failures.length < 5; n++) {
      const k = rng.int(files.length);
      const { text, what } = mutate(rng, sources[k]!);
      const why = check(text, `${CORPUS_DIR}${files[k]}`);
      if (why) {
        const at = what.map((w) => Number(/line (\d+)/.exec(w)?.[1] ?? 1) - 1);
        failures.push(`mutation case ${n} of ${files[k]} (${what.join("; ")}): ${why}\n--- input (excerpt) ---\n${excerpt(text, at)}\n-------------`);
      }
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
  });
});

if (!alternator.api) {
  describe("fuzz", () => {
    it("Alternator loads (the assembler exists: failing to load is a failure, not a skip)", () => {
      expect(alternator.reason).toBeUndefined();
    });
  });
}

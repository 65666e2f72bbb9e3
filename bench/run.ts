/**
 * `npm run bench [-- --lines N] [-- --only NAME]`: every benchmark measures Alternator against its peer
 * in the same run, on the same input, the two taking turns, best of five each, and prints throughput for both and the ratio
 * alternator/peer (time; lower is better). A benchmark whose Alternator side is not available yet
 * prints why and still measures the peer.
 *
 * Every run starts from an empty heap (see collectGarbage), as a run of the peer, a new process, does.
 *
 * Alternator runs as the published package does: compiled by tsc into `dist/` (the bench builds it
 * first, with bench/tsconfig.build.json), not through tsx, whose keep-names wrappers cost time on every
 * closure.
 *
 * To add a benchmark, add one entry to BENCHES.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AssembleOptions, AssembleResult } from "../src/asm/assemble.js";
import type { ObjectFile } from "../src/obj/object.js";
import { describeError } from "../test/support/alternator.js";
import { generateKernel } from "./gen-kernel.js";
import { ldScript } from "../test/link/support.js";
import { compareObjects } from "../test/support/compare.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

interface CompiledAlternator {
  api?: { assemble: (source: string, options: AssembleOptions) => AssembleResult; writeElf: (obj: ObjectFile) => Uint8Array };
  /** Why it is not available. */
  reason?: string;
}

/** Compiles the assembler and the ELF writer with tsc into dist/ and loads them from there. */
async function loadCompiled(): Promise<CompiledAlternator> {
  try {
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "bench", "tsconfig.build.json")], { stdio: "pipe" });
  } catch (e) {
    const out = e && typeof e === "object" && "stdout" in e ? String((e as { stdout: unknown }).stdout).split("\n")[0] : String(e);
    return { reason: `tsc failed: ${out}` };
  }
  try {
    const asm = (await import(pathToFileURL(join(root, "dist", "asm", "assemble.js")).href)) as { assemble: NonNullable<CompiledAlternator["api"]>["assemble"] };
    const elf = (await import(pathToFileURL(join(root, "dist", "obj", "write-elf.js")).href)) as { writeElf: NonNullable<CompiledAlternator["api"]>["writeElf"] };
    return { api: { assemble: asm.assemble, writeElf: elf.writeElf } };
  } catch (e) {
    return { reason: `dist/ does not load: ${String(e)}` };
  }
}

interface Options {
  lines: number;
  runs: number;
}

/** One side of a comparison: `run` does the work once; `unavailable` says why it cannot run. */
interface Side {
  name: string;
  /** Short name for the ratio line, e.g. "gnu-as". */
  key: string;
  run?: () => void;
  unavailable?: string;
  /** How this side runs, printed under the input line. */
  note?: string;
}

interface Bench {
  name: string;
  /** What the throughput counts, e.g. "lines". */
  unit: string;
  /** Prepares inputs in `dir`; returns the amount of work (in `unit`) and the two sides. */
  setup: (dir: string, opts: Options) => Promise<{ amount: number; peer: Side; ours: Side; check?: () => string }>;
}

const BENCHES: Bench[] = [
  {
    name: "assembler: kernel-like source",
    unit: "lines",
    async setup(dir, opts) {
      const src = join(dir, "kernel.S");
      const text = generateKernel(opts.lines);
      writeFileSync(src, text);
      const amount = text.split("\n").length - 1;
      const peer: Side = {
        name: "GNU as",
        key: "gnu-as",
        run: () => execFileSync("/usr/bin/as", ["--64", src, "-o", join(dir, "kernel.gnu.o")]),
      };
      const alt = await loadCompiled();
      let ours: Side;
      if (!alt.api) ours = { name: "Alternator", key: "alternator", unavailable: alt.reason ?? "not available" };
      else {
        const { assemble } = alt.api;
        const writeElf = alt.api.writeElf;
        ours = {
          name: "Alternator (assemble + writeElf)",
          note: "compiled with tsc (dist/), run by node",
          key: "alternator",
          run: () => {
            // Read as the CLI reads a source (src/cli/as.ts): bytes, as Latin-1.
            const source = readFileSync(src).toString("latin1");
            const { object } = assemble(source, { file: src });
            writeFileSync(join(dir, "kernel.alternator.o"), writeElf(object));
          },
        };
      }
      // Speed bought with a wrong byte is no speed: the last objects of both sides must be the same.
      const check = (): string => compareObjects(join(dir, "kernel.gnu.o"), join(dir, "kernel.alternator.o"));
      return { amount, peer, ours, check };
    },
  },
  {
    // The object of the same generated file (assembled by GNU as, so both linkers read the same bytes),
    // plus a small object defining its external symbols; GNU ld gets our default layout as a script.
    name: "linker: object of the kernel-like source",
    unit: "relocations",
    async setup(dir, opts) {
      const src = join(dir, "kernel.S");
      writeFileSync(src, generateKernel(opts.lines));
      const obj = join(dir, "kernel.o");
      execFileSync("/usr/bin/as", ["--64", src, "-o", obj]);
      const undef = execFileSync("/usr/bin/nm", ["-u", obj], { encoding: "utf8", maxBuffer: 1 << 30 }).split("\n").map((l) => l.trim().replace(/^U\s+/, "")).filter(Boolean);
      const ext = join(dir, "externs.S");
      writeFileSync(ext, `\t.text\n${undef.map((n) => `\t.globl ${n}\n${n}:\n\tret\n`).join("")}\t.globl _start64\n_start64:\n\thlt\n`);
      const extObj = join(dir, "externs.o");
      execFileSync("/usr/bin/as", ["--64", ext, "-o", extObj]);
      const script = join(dir, "layout.ld");
      writeFileSync(script, ldScript());
      const relocs = execFileSync("/usr/bin/readelf", ["-rW", obj], { encoding: "utf8", maxBuffer: 1 << 30 }).split("\n").filter((l) => /^[0-9a-f]{16}\s/.test(l)).length;
      const peer: Side = {
        name: "GNU ld",
        key: "gnu-ld",
        run: () => execFileSync("/usr/bin/ld", ["-static", "-nostdlib", "-z", "max-page-size=0x1000", "--no-warn-rwx-segments", "-T", script, "-o", join(dir, "ld.elf"), obj, extObj]),
      };
      const alt = await loadCompiled();
      let ours: Side;
      if (!alt.api) ours = { name: "Alternator", key: "alternator", unavailable: alt.reason ?? "not available" };
      else {
        const { link, writeExec } = (await import(pathToFileURL(join(root, "dist", "link", "index.js")).href)) as typeof import("../src/link/index.js");
        const { readElf } = (await import(pathToFileURL(join(root, "dist", "obj", "read-elf.js")).href)) as typeof import("../src/obj/read-elf.js");
        ours = {
          name: "Alternator (readElf + link + writeExec)",
          note: "compiled with tsc (dist/), run by node",
          key: "alternator",
          run: () => {
            const objects = [obj, extObj].map((f) => readElf(readFileSync(f), f));
            writeFileSync(join(dir, "alternator.elf"), writeExec(link(objects)));
          },
        };
      }
      return { amount: relocs, peer, ours };
    },
  },
  ...emulatorBenches(),
];

/**
 * The emulator against Unicorn (python3-unicorn, under /usr/bin/python3) on three loops, each run to
 * its HLT from the same flat code at 0x400000 with a data page at 0x600000 and a stack page at
 * 0x700000. Alternator runs raw mode (src/emu/raw.ts) compiled by tsc into dist/; Unicorn's time
 * includes starting python and importing unicorn (printed under the input line), so the counts are
 * large enough for that to matter little. Throughput is in millions of instructions per second.
 */
function emulatorBenches(): Bench[] {
  const loops: { name: string; iterations: number; fixed: number; perIteration: number; source: (n: number) => string }[] = [
    {
      name: "ALU loop",
      // Large, so that Unicorn's JIT runs long enough for its startup not to be the whole measure.
      iterations: 100_000_000,
      fixed: 4,
      perIteration: 6,
      source: (n) => `mov $${n}, %rdx\nxor %eax, %eax\nmov $1, %ebx\n1: add %rbx, %rax\nxor %rax, %rcx\nadd $7, %esi\nsub $1, %rdx\ncmp $0, %rdx\njnz 1b\nhlt\n`,
    },
    {
      name: "load/store loop",
      iterations: 2_000_000,
      fixed: 3,
      perIteration: 8,
      source: (n) => `mov $${n}, %rdx\nmov $0x600000, %edi\n1: mov (%rdi), %rax\nadd %rax, %rcx\nmov %rcx, 8(%rdi)\nmov 16(%rdi), %rbx\nadd %rcx, %rbx\nmov %rbx, 16(%rdi)\ndec %rdx\njnz 1b\nhlt\n`,
    },
    {
      name: "call/ret loop",
      iterations: 4_000_000,
      fixed: 4,
      perIteration: 5,
      source: (n) => `jmp 2f\nf: add $1, %rax\nret\n2: mov $${n}, %rdx\nmov $0x700800, %esp\n1: call f\ndec %rdx\njnz 1b\nhlt\n`,
    },
  ];
  const unicornScript = [
    "import sys",
    "from unicorn import Uc, UC_ARCH_X86, UC_MODE_64",
    "code = open(sys.argv[1], 'rb').read()",
    "uc = Uc(UC_ARCH_X86, UC_MODE_64)",
    "for a in (0x400000, 0x600000, 0x700000): uc.mem_map(a, 0x1000)",
    "uc.mem_write(0x400000, code)",
    "uc.emu_start(0x400000, 0x400000 + len(code) - 1)",
  ].join("\n");
  return loops.map((loop) => ({
    name: `emulator: ${loop.name}`,
    unit: "M instructions",
    async setup(dir) {
      const instructions = loop.fixed + loop.perIteration * loop.iterations;
      const amount = instructions / 1e6;
      const script = join(dir, "unicorn-loop.py");
      writeFileSync(script, unicornScript);
      const alt = await loadCompiled();
      const emu = await loadEmulator();
      if (!alt.api) return { amount, peer: unicornSide(script, undefined), ours: { name: "Alternator", key: "alternator", unavailable: alt.reason ?? "not available" } };
      const text = alt.api.assemble(loop.source(loop.iterations), { file: "loop.S" }).object.sections.find((s) => s.name === ".text")!.data;
      const bin = join(dir, "loop.bin");
      writeFileSync(bin, text);
      const peer = unicornSide(script, bin);
      if (!emu.runRaw) return { amount, peer, ours: { name: "Alternator", key: "alternator", unavailable: emu.reason ?? "not available" } };
      const runRaw = emu.runRaw;
      const state = { mem: [{ addr: "0x600000", hex: "00".repeat(64) }, { addr: "0x700000", hex: "00".repeat(4096) }] };
      const ours: Side = {
        name: "Alternator (raw mode)",
        note: "compiled with tsc (dist/), run by node",
        key: "alternator",
        run: () => {
          const r = runRaw(state, text, 0x400000n, { maxSteps: 1e12 });
          if (r.exception || r.steps !== instructions) throw new Error(`the loop ended badly: ${JSON.stringify({ steps: r.steps, exception: r.exception })}`);
        },
      };
      return { amount, peer, ours };
    },
  }));
}

/** Unicorn running `bin`; its name says how long starting python and importing unicorn takes. */
function unicornSide(script: string, bin: string | undefined): Side {
  const python = "/usr/bin/python3";
  try {
    execFileSync(python, ["-c", "import unicorn"], { stdio: "pipe" });
  } catch {
    return { name: "Unicorn", key: "unicorn", unavailable: "python3-unicorn is not installed (apt-get install python3-unicorn)" };
  }
  if (bin === undefined) return { name: "Unicorn", key: "unicorn", unavailable: "no code to run" };
  const t0 = performance.now();
  execFileSync(python, ["-c", "import unicorn"], { stdio: "pipe" });
  const startup = (performance.now() - t0) / 1000;
  return {
    name: `Unicorn 2 (incl. ${startup.toFixed(2)} s startup)`,
    key: "unicorn",
    run: () => execFileSync(python, [script, bin], { stdio: "pipe" }),
  };
}

/** Compiles raw mode and the CPU core with tsc into dist/ and loads them from there. */
async function loadEmulator(): Promise<{ runRaw?: typeof import("../src/emu/raw.js").runRaw; reason?: string }> {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const args = ["--ignoreConfig", "--outDir", join(root, "dist"), "--rootDir", join(root, "src"), "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--skipLibCheck", "--types", "node", "--declaration", "false", "--sourceMap", "false", join(root, "src", "emu", "raw.ts")];
  try {
    execFileSync(process.execPath, [tsc, ...args], { stdio: "pipe" });
  } catch (e) {
    const out = e && typeof e === "object" && "stdout" in e ? String((e as { stdout: unknown }).stdout).split("\n")[0] : String(e);
    return { reason: `tsc failed on src/emu/raw.ts: ${out}` };
  }
  try {
    const mod = (await import(pathToFileURL(join(root, "dist", "emu", "raw.js")).href)) as typeof import("../src/emu/raw.js");
    return { runRaw: mod.runRaw };
  } catch (e) {
    return { reason: `dist/emu/raw.js does not load: ${String(e)}` };
  }
}

/**
 * Collects all garbage now. Each run of a peer is a new process with an empty heap; without this,
 * each run of ours after the first would pay, inside its timing, for collecting the one before it
 * (a full mark-compact of the previous million-line assembly), which no single `alternator as`
 * does. (The flag is set at run time: the bench runs under tsx, whose command line it does not own.)
 */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
})();

/** Wall time of one run, in seconds, from an empty heap. */
function time(run: () => void): number {
  collectGarbage();
  const t0 = performance.now();
  run();
  return (performance.now() - t0) / 1000;
}

function parseArgs(argv: string[]): Options & { only?: string } {
  const opts: Options & { only?: string } = { lines: 1_000_000, runs: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === "--lines" && v) { opts.lines = Number(v); i++; }
    else if (a === "--runs" && v) { opts.runs = Number(v); i++; }
    else if (a === "--only" && v) { opts.only = v; i++; }
    else { console.error(`unknown argument ${a}\nusage: npm run bench -- [--lines N] [--runs N] [--only NAME]`); process.exit(2); }
  }
  return opts;
}

const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  for (const bench of BENCHES) {
    if (opts.only && !bench.name.includes(opts.only)) continue;
    const dir = mkdtempSync(join(tmpdir(), "alternator-bench-"));
    try {
      console.log(`\n${bench.name}`);
      const { amount, peer, ours, check } = await bench.setup(dir, opts);
      console.log(`  input: ${fmt(amount)} ${bench.unit}, best of ${opts.runs}`);
      if (ours.note) console.log(`  ${ours.name}: ${ours.note}`);
      // The two sides take turns, so that a slower or faster spell of this shared machine falls on
      // both and cancels in the ratio; each side's best run counts.
      let tPeer = Infinity;
      let tOurs = Infinity;
      let failed: string | undefined;
      for (let i = 0; i < opts.runs; i++) {
        tPeer = Math.min(tPeer, time(peer.run!));
        if (!ours.run || failed) continue;
        try {
          tOurs = Math.min(tOurs, time(ours.run));
        } catch (e) {
          failed = describeError(e).split("\n")[0];
        }
      }
      console.log(`  ${peer.name.padEnd(34)} ${tPeer.toFixed(3)} s  ${fmt(amount / tPeer)} ${bench.unit}/s`);
      if (!ours.run) {
        console.log(`  ${ours.name.padEnd(34)} skipped: ${ours.unavailable}`);
        continue;
      }
      if (failed) {
        console.log(`  ${ours.name.padEnd(34)} failed: ${failed}`);
        continue;
      }
      console.log(`  ${ours.name.padEnd(34)} ${tOurs.toFixed(3)} s  ${fmt(amount / tOurs)} ${bench.unit}/s`);
      console.log(`  ratio ${ours.key}/${peer.key} time: ${(tOurs / tPeer).toFixed(2)}x`);
      if (check) {
        const diff = check();
        console.log(diff === "" ? `  output: identical to ${peer.name}'s (sections, symbols, relocations)` : `  output DIFFERS from ${peer.name}'s:\n${diff.split("\n").slice(0, 20).join("\n")}`);
        if (diff !== "") process.exitCode = 1;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

await main();

/**
 * `npm run bench [-- --lines N] [-- --only NAME]`: every benchmark measures Alternator against its peer
 * in the same run, on the same input, best of three, and prints throughput for both and the ratio
 * alternator/peer (time; lower is better). A benchmark whose Alternator side is not available yet
 * prints why and still measures the peer.
 *
 * Alternator runs as the published package does: compiled by tsc into `dist/` (the bench builds it
 * first, with bench/tsconfig.build.json), not through tsx, whose keep-names wrappers cost time on every
 * closure.
 *
 * To add a benchmark (linker vs ld, emulator vs Unicorn, …), add one entry to BENCHES.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AssembleOptions, AssembleResult } from "../src/asm/assemble.js";
import type { ObjectFile } from "../src/obj/object.js";
import { describeError } from "../test/support/alternator.js";
import { generateKernel } from "./gen-kernel.js";
import { ldScript } from "../test/link/support.js";

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
  setup: (dir: string, opts: Options) => Promise<{ amount: number; peer: Side; ours: Side }>;
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
            const source = readFileSync(src, "utf8");
            const { object } = assemble(source, { file: src });
            writeFileSync(join(dir, "kernel.alternator.o"), writeElf(object));
          },
        };
      }
      return { amount, peer, ours };
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
  // Next: { name: "emulator: …", unit: "instructions", … Unicorn … }
];

/** Best wall time of `runs` runs, in seconds. */
function best(run: () => void, runs: number): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    min = Math.min(min, (performance.now() - t0) / 1000);
  }
  return min;
}

function parseArgs(argv: string[]): Options & { only?: string } {
  const opts: Options & { only?: string } = { lines: 1_000_000, runs: 3 };
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
      const { amount, peer, ours } = await bench.setup(dir, opts);
      console.log(`  input: ${fmt(amount)} ${bench.unit}, best of ${opts.runs}`);
      if (ours.note) console.log(`  ${ours.name}: ${ours.note}`);
      const tPeer = best(peer.run!, opts.runs);
      console.log(`  ${peer.name.padEnd(34)} ${tPeer.toFixed(3)} s  ${fmt(amount / tPeer)} ${bench.unit}/s`);
      if (!ours.run) {
        console.log(`  ${ours.name.padEnd(34)} skipped: ${ours.unavailable}`);
        continue;
      }
      let tOurs: number;
      try {
        tOurs = best(ours.run, opts.runs);
      } catch (e) {
        console.log(`  ${ours.name.padEnd(34)} failed: ${describeError(e).split("\n")[0]}`);
        continue;
      }
      console.log(`  ${ours.name.padEnd(34)} ${tOurs.toFixed(3)} s  ${fmt(amount / tOurs)} ${bench.unit}/s`);
      console.log(`  ratio ${ours.key}/${peer.key} time: ${(tOurs / tPeer).toFixed(2)}x`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

await main();

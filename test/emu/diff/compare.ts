/**
 * Runs differential cases in raw mode and in a reference, and lists every difference: GPRs, RIP,
 * the defined arithmetic flags and DF, memory windows, and the exception (vector and RIP) if any.
 */
import { spawn, spawnSync } from "node:child_process";
import { Decoder, DecoderOptions } from "iced-x86";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runRaw, type RawResult } from "../../../src/emu/raw.js";
import { assemble } from "../../../src/asm/assemble.js";
import { describeError } from "../../support/alternator.js";
import { ALL6, CODE_BASE, type DiffCase } from "./gen.js";
import { DF } from "../../../src/emu/cpu/flags.js";

const here = dirname(fileURLToPath(import.meta.url));
export const UNICORN_RUNNER = join(here, "..", "unicorn-runner.py");
export const PYTHON = "/usr/bin/python3";

export interface Assembled extends DiffCase {
  bytes: Uint8Array;
}

/**
 * Assembles the cases with our assembler, a thousand per call (one source, a global label before
 * each case; the bytes of a case run from its label to the next).
 */
export function assembleCases(cases: DiffCase[]): Assembled[] {
  const out: Assembled[] = [];
  for (let at = 0; at < cases.length; at += 1000) {
    const chunk = cases.slice(at, at + 1000);
    const source = chunk.map((c, i) => `.globl case_${i}\ncase_${i}:\n${c.source}\n`).join("") + `.globl case_end\ncase_end:\n`;
    let object;
    try {
      object = assemble(source, { file: "cases.s" }).object;
    } catch (e) {
      throw new Error(`the generated cases do not assemble: ${describeError(e)}`);
    }
    const text = object.sections.find((s) => s.name === ".text")!;
    const offsets = new Map(object.symbols.map((s) => [s.name, Number(s.value)]));
    chunk.forEach((c, i) => {
      const start = offsets.get(`case_${i}`)!;
      const end = offsets.get(i + 1 < chunk.length ? `case_${i + 1}` : "case_end")!;
      out.push({ ...c, bytes: text.data.slice(start, end) });
    });
  }
  return out;
}

export interface RefResult {
  [reg: string]: unknown;
  rip: string;
  rflags: string;
  mem: { addr: string; hex: string }[];
  exception?: { vector: number; rip: string; error?: string };
}

/** Whether python3-unicorn can be imported. */
export function unicornAvailable(): boolean {
  const r = spawnSync(PYTHON, ["-c", "import unicorn"], { encoding: "utf8" });
  return r.status === 0;
}

function unicornInput(cases: Assembled[]): string {
  return JSON.stringify(
    cases.map((c) => ({ code: Buffer.from(c.bytes).toString("hex"), base: `0x${CODE_BASE.toString(16)}`, regs: c.regs, rflags: c.rflags, mem: c.mem, dump: c.dump })),
  );
}

/** One python process for the whole batch. */
export function runUnicorn(cases: Assembled[]): RefResult[] {
  const r = spawnSync(PYTHON, [UNICORN_RUNNER], { input: unicornInput(cases), encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`unicorn runner failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as RefResult[];
}

/** The same, in the background (so that raw mode runs meanwhile on the other core). */
export function runUnicornAsync(cases: Assembled[]): Promise<RefResult[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(PYTHON, [UNICORN_RUNNER], { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    p.stdout.on("data", (b: Buffer) => out.push(b));
    p.stderr.on("data", (b: Buffer) => err.push(b));
    p.on("error", reject);
    p.on("close", (code) => {
      if (code !== 0) reject(new Error(`unicorn runner failed (${code}): ${Buffer.concat(err).toString()}`));
      else resolve(JSON.parse(Buffer.concat(out).toString()) as RefResult[]);
    });
    p.stdin.end(unicornInput(cases));
  });
}

export function runOurs(c: Assembled): RawResult {
  return runRaw({ ...c.regs, rflags: c.rflags, mem: c.mem, dump: c.dump }, c.bytes, BigInt(CODE_BASE), { maxSteps: 100_000 });
}

/** Index of the instruction at `rip` in the case's straight-line code (iced decodes it), or -1. */
function instructionIndex(c: Assembled, rip: bigint): number {
  const d = new Decoder(64, c.bytes, DecoderOptions.None);
  d.ip = BigInt(CODE_BASE);
  try {
    for (let k = 0; d.canDecode; k++) {
      if (d.ip === rip) return k;
      d.decode().free();
    }
  } finally {
    d.free();
  }
  return -1;
}

const NAMES = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];

/** The differences between our result and the reference's, as readable lines (empty: none). */
export function differences(c: Assembled, ours: RawResult, ref: RefResult, opts: { trapRipIsNext?: boolean } = {}): string[] {
  const d: string[] = [];
  const big = (v: unknown) => BigInt(String(v));
  const oe = ours.exception;
  const re = ref.exception;
  if (!!oe !== !!re || (oe && re && oe.vector !== re.vector)) {
    d.push(`exception: ours ${oe ? `${oe.vector} at ${oe.rip} (${oe.reason})` : "none"}, reference ${re ? `${re.vector} at ${re.rip}${re.error ? ` ${re.error}` : ""}` : "none"}`);
    return d;
  }
  for (const n of NAMES) if (big(ours[n]) !== big(ref[n])) d.push(`${n}: ours ${ours[n]}, reference ${ref[n]}`);
  let refRip = big(ref.rip);
  // Unicorn reports a trap (INT3) with RIP after it; raw mode names the instruction.
  if (oe && re && opts.trapRipIsNext && oe.vector === 3) refRip -= 1n;
  if (big(ours.rip) !== refRip) d.push(`rip: ours ${ours.rip}, reference ${ref.rip}`);
  // A case that faulted stopped before its instruction k: the flags then are those after k - 1.
  let undef = c.undefMask;
  if (oe) {
    const k = instructionIndex(c, BigInt(oe.rip));
    if (k >= 0) undef = c.undefBefore[k] ?? undef;
  }
  const mask = (ALL6 | DF) & ~undef;
  const of = Number(big(ours.rflags)) & mask;
  const rf = Number(big(ref.rflags)) & mask;
  if (of !== rf) d.push(`rflags (mask 0x${mask.toString(16)}): ours 0x${of.toString(16)}, reference 0x${rf.toString(16)}`);
  ours.mem.forEach((w, i) => {
    const r = ref.mem[i];
    if (!r || r.hex !== w.hex) {
      let at = 0;
      while (r && at < w.hex.length && w.hex[at] === r.hex[at]) at++;
      const off = at >> 1;
      d.push(`memory ${w.addr}+0x${off.toString(16)}: ours ${w.hex.slice(off * 2, off * 2 + 16)}, reference ${r?.hex.slice(off * 2, off * 2 + 16)}`);
    }
  });
  return d;
}

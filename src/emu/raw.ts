/**
 * Raw mode (DESIGN.md, "Raw mode state"): flat code at a base address, registers from a JSON state,
 * run to HLT, the final state out — the form the differential tests compare against Unicorn and the
 * host CPU, and what `alternator run --raw` / `--raw-batch` print.
 *
 * The machine is the bare core: long mode, CPL 0, flat segments, no IDT (an exception ends the run
 * and is reported), identity-mapped memory made of exactly the pages the code, the `mem` fills and the
 * `dump` windows cover — any other access is a page fault, which is how a test checks precise faults.
 * The platform has every optional instruction, the baseline CPUID of the `msr-imm` profile, MSRs as a
 * plain map that accepts anything (reads of unwritten MSRs give 0), and I/O that reads 0 and ignores
 * writes; VMCALL is #UD.
 */
import { findProfile } from "../isa/cpu-profiles.js";
import { gpr64Names } from "../isa/registers.js";
import { Cpu } from "./cpu/cpu.js";
import { PhysicalMemory } from "./memory/physical.js";
import { cpuidTable } from "./cpuid.js";
import type { Platform, Stop } from "./platform.js";

/** STATE.json: every GPR as a hex string (missing ones are 0), optional rip and rflags, fills, windows. */
export interface RawState {
  [reg: string]: unknown;
  rip?: string;
  rflags?: string;
  mem?: { addr: string; hex: string }[];
  dump?: { addr: string; len: number }[];
}

export interface RawException {
  vector: number;
  /** 0 for vectors without an error code. */
  error_code: number;
  /** The instruction that raised it. */
  rip: string;
  /** Why (e.g. "#PF", "divide by zero", "unimplemented instruction rdrand"). */
  reason: string;
}

/** The final state: the same GPR keys, rip (of the HLT, or of the faulting instruction), rflags, windows. */
export interface RawResult {
  [reg: string]: unknown;
  rip: string;
  rflags: string;
  mem: { addr: string; hex: string }[];
  steps: number;
  exception?: RawException;
  /** Present when the step budget ran out before HLT (the state is where it stopped). */
  budget?: number;
}

export interface RawOptions {
  /** Step budget (default 10,000,000). */
  maxSteps?: number;
}

/** A malformed STATE.json. */
export class RawStateError extends Error {}

const hex = (v: bigint): string => `0x${v.toString(16)}`;

function parseHex(v: unknown, what: string): bigint {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v !== "string" || !/^(0x)?[0-9a-f]+$/i.test(v)) throw new RawStateError(`${what}: expected a hex string, got ${JSON.stringify(v)}`);
  const b = BigInt(v.startsWith("0x") || v.startsWith("0X") ? v : `0x${v}`);
  if (b >= 1n << 64n) throw new RawStateError(`${what}: ${v} does not fit in 64 bits`);
  return b;
}

function parseBytes(s: unknown, what: string): Uint8Array {
  const out = typeof s === "string" && s.length % 2 === 0 ? Buffer.from(s, "hex") : undefined;
  // Buffer stops at the first character that is not a hex digit: a short result means a bad string.
  if (out === undefined || out.length * 2 !== (s as string).length) throw new RawStateError(`${what}: expected an even number of hex digits`);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString("hex");
}

/** The raw-mode platform (see the file comment). */
export function rawPlatform(): Platform {
  const msrs = new Map<number, bigint>();
  const cpuid = cpuidTable(findProfile("msr-imm")!);
  return {
    has: () => true,
    cpuid,
    rdmsr: (msr) => ({ ok: true, value: msrs.get(msr) ?? 0n }),
    wrmsr: (msr, value) => {
      msrs.set(msr, value);
      return { ok: true, value };
    },
    ioRead: () => 0,
    ioWrite: () => undefined,
    vmcall: () => "ud",
    tscAux: () => Number((msrs.get(0xc0000103) ?? 0n) & 0xffffffffn),
  };
}

/**
 * Runs flat `code` loaded at `base` from `state` until HLT (or an exception, or the budget).
 *
 * @example
 *   runRaw({ rax: "0x1" }, new Uint8Array([0x48, 0xff, 0xc0, 0xf4]), 0x1000n)
 *   // { rax: "0x2", …, rip: "0x1003", rflags: "0x2", mem: [], steps: 2 }
 */
export function runRaw(state: RawState, code: Uint8Array, base: bigint, options: RawOptions = {}): RawResult {
  if (typeof state !== "object" || state === null || Array.isArray(state)) throw new RawStateError("the state must be a JSON object");
  const memory = new PhysicalMemory();
  const platform = rawPlatform();
  const cpu = new Cpu({ platform, memory });
  const mem = state.mem ?? [];
  const dump = state.dump ?? [];
  if (!Array.isArray(mem)) throw new RawStateError(`"mem" must be an array`);
  if (!Array.isArray(dump)) throw new RawStateError(`"dump" must be an array`);
  const windows = dump.map((d, i) => {
    const addr = parseHex(d?.addr, `dump[${i}].addr`);
    const len = d?.len;
    if (typeof len !== "number" || !Number.isSafeInteger(len) || len < 0 || len > 1 << 24) throw new RawStateError(`dump[${i}].len: expected a length`);
    return { addr, len };
  });
  memory.map(base, code);
  for (const w of windows) if (w.len > 0) memory.reserve(w.addr, w.len);
  mem.forEach((m, i) => memory.map(parseHex(m?.addr, `mem[${i}].addr`), parseBytes(m?.hex, `mem[${i}].hex`)));
  gpr64Names.forEach((name, n) => {
    if (state[name] !== undefined) cpu.setReg(n, parseHex(state[name], name));
  });
  cpu.rip = state.rip !== undefined ? parseHex(state.rip, "rip") : base;
  cpu.rflags = state.rflags !== undefined ? parseHex(state.rflags, "rflags") : 2n;
  const maxSteps = options.maxSteps ?? 10_000_000;
  const before = cpu.counters.instructions;
  const stop = cpu.run(maxSteps);
  return result(cpu, stop, cpu.counters.instructions - before, windows);
}

function result(cpu: Cpu, stop: Stop, steps: number, windows: { addr: bigint; len: number }[]): RawResult {
  const out: RawResult = { rip: "", rflags: "", mem: [], steps };
  gpr64Names.forEach((name, n) => (out[name] = hex(cpu.getReg(n))));
  out.rip = hex(stop.kind === "hlt" && stop.rip !== undefined ? stop.rip : cpu.rip);
  out.rflags = hex(cpu.rflags);
  out.mem = windows.map((w) => ({ addr: hex(w.addr), hex: toHex(cpu.memory.read(w.addr, w.len)) }));
  if (stop.kind === "exception") out.exception = { vector: stop.vector, error_code: stop.errorCode ?? 0, rip: hex(stop.rip), reason: stop.reason };
  else if (stop.kind === "triple-fault") out.exception = { vector: 8, error_code: 0, rip: hex(stop.rip), reason: `triple fault: ${stop.reason}` };
  else if (stop.kind === "budget") out.budget = steps;
  return out;
}

export interface RawCase {
  state: RawState;
  code: Uint8Array;
  base: bigint;
}

/** Runs cases one after another (the `--raw-batch` form): one result per case, in order. */
export function runRawBatch(cases: Iterable<RawCase>, options: RawOptions = {}): RawResult[] {
  const out: RawResult[] = [];
  for (const c of cases) out.push(runRaw(c.state, c.code, c.base, options));
  return out;
}

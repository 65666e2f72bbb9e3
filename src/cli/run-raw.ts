/**
 * `alternator run --raw FILE.bin --base ADDR [--regs STATE.json] --json` and
 * `alternator run --raw-batch LIST.json --json` (DESIGN.md, "Raw mode state"): flat code from a
 * register state until HLT, the final state as JSON — one object, or one line per case (JSON Lines).
 * Exit status 3 when a (single) run ends in an exception, as the design specifies.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DiagnosticError, error } from "../diag/diagnostic.js";
import { runRaw, RawStateError, type RawState } from "../emu/raw.js";

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new DiagnosticError([error("C002", `cannot read \`${file}\`: ${(e as Error).message}`)]);
  }
}

function readJson(file: string): unknown {
  const text = Buffer.from(readBytes(file)).toString("utf8");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new DiagnosticError([error("C002", `${file}: not valid JSON: ${(e as Error).message}`)]);
  }
}

function parseBase(v: unknown, what: string): bigint {
  const s = String(v ?? "");
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(s)) throw new DiagnosticError([error("C001", `${what}: expected an address such as 0x1000, not \`${s}\``)]);
  return BigInt(s);
}

function guarded<T>(file: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RawStateError) throw new DiagnosticError([error("C002", `${file}: ${e.message}`)]);
    throw e;
  }
}

export function runRawCommand(bin: string, base: unknown, regs: string | undefined, maxSteps: number | undefined, out: (s: string) => void): number {
  const state = (regs ? readJson(regs) : {}) as RawState;
  const r = guarded(regs ?? bin, () => runRaw(state, readBytes(bin), parseBase(base, "--base"), maxSteps !== undefined ? { maxSteps } : {}));
  out(JSON.stringify(r) + "\n");
  return r.exception ? 3 : 0;
}

export function runRawBatchCommand(list: string, maxSteps: number | undefined, out: (s: string) => void): number {
  const cases = readJson(list);
  if (!Array.isArray(cases)) throw new DiagnosticError([error("C002", `${list}: expected a JSON array of {"bin", "base", "regs"}`)]);
  const here = dirname(resolve(list));
  cases.forEach((c: { bin?: string; base?: string; regs?: string }, i) => {
    if (!c || typeof c.bin !== "string") throw new DiagnosticError([error("C002", `${list}: case ${i}: "bin" must be a path`)]);
    const state = (c.regs ? readJson(resolve(here, c.regs)) : {}) as RawState;
    const r = guarded(`${list}: case ${i}`, () => runRaw(state, readBytes(resolve(here, c.bin!)), parseBase(c.base, `case ${i} base`), maxSteps !== undefined ? { maxSteps } : {}));
    out(JSON.stringify(r) + "\n");
  });
  return 0;
}

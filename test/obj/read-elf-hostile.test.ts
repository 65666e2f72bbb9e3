/**
 * readElf on hostile input: real objects from GNU as, truncated at every interesting length and
 * mutated at random (bytes, 16/32/64-bit fields set to extremes, header fields pointed elsewhere).
 * Whatever the damage, readElf must either return a model or throw a DiagnosticError with E001/E002 —
 * never a RangeError from a DataView, never a hang, never a huge allocation.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DiagnosticError } from "../../src/diag/diagnostic.js";
import { readElf } from "../../src/obj/read-elf.js";
import { writeElf } from "../../src/obj/write-elf.js";
import { gnuAs, scratchDir } from "../support/gnu.js";
import { samples } from "./samples.js";

const dir = scratchDir("alternator-fuzz-");
afterAll(() => rmSync(dir, { recursive: true }));
const originals = samples.map((s) => new Uint8Array(readFileSync(gnuAs(s.source, dir, s.name).object)));

/** A small deterministic PRNG (xorshift32), so a failure reproduces from its case number. */
function rng(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

/** Reads the file and reports what happened: "ok", or the diagnostic code. Anything else throws. */
function outcome(bytes: Uint8Array): string {
  try {
    const obj = readElf(bytes, "fuzz.o");
    writeElf(obj); // a model the reader accepted must be writable
    return "ok";
  } catch (e) {
    if (e instanceof DiagnosticError) return e.diagnostics[0]!.code;
    throw e;
  }
}

function mutate(orig: Uint8Array, rand: () => number): Uint8Array {
  const b = orig.slice();
  const dv = new DataView(b.buffer);
  const at = (n: number): number => Math.floor(rand() * Math.max(1, b.length - n));
  const extremes = [0, 1, 0x7f, 0x80, 0xff, 0xffff, 0xff00, 0xfff1, 0x7fffffff, 0xffffffff];
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const kind = Math.floor(rand() * 5);
    if (kind === 0) b[at(1)] = Math.floor(rand() * 256);
    else if (kind === 1) dv.setUint16(at(2), extremes[Math.floor(rand() * extremes.length)]! & 0xffff, true);
    else if (kind === 2) dv.setUint32(at(4), extremes[Math.floor(rand() * extremes.length)]!, true);
    else if (kind === 3) dv.setBigUint64(at(8), rand() < 0.5 ? 0xffffffffffffff00n : BigInt(Math.floor(rand() * b.length * 2)), true);
    else {
      // Section header table and ELF header fields are where the interesting damage happens.
      const shoff = Number(dv.getBigUint64(40, true));
      const target = rand() < 0.5 && shoff + 64 < b.length ? shoff + Math.floor(rand() * (b.length - shoff - 8)) : Math.floor(rand() * 56);
      dv.setUint32(target, Math.floor(rand() * 0x100), true);
    }
  }
  return b;
}

describe("readElf on damaged objects", () => {
  it("accepts the undamaged samples", () => {
    for (const o of originals) expect(outcome(o)).toBe("ok");
  });

  it("truncation at every length throws E001/E002 only", () => {
    let cases = 0;
    for (const o of originals) {
      for (let len = 0; len < o.length; len++) {
        expect(["E001", "E002", "ok"]).toContain(outcome(o.subarray(0, len)));
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(1000);
  });

  it("5000 random mutations throw only DiagnosticError", () => {
    const seen = new Map<string, number>();
    for (let c = 0; c < 5000; c++) {
      const rand = rng(0x9e3779b9 ^ (c * 2654435761));
      const bytes = mutate(originals[c % originals.length]!, rand);
      let r: string;
      try {
        r = outcome(bytes);
      } catch (e) {
        throw new Error(`case ${c}: ${e instanceof Error ? e.stack : String(e)}`);
      }
      seen.set(r, (seen.get(r) ?? 0) + 1);
    }
    // Both verdicts must occur, or the mutator is not reaching the checks.
    expect(seen.get("E002") ?? 0).toBeGreaterThan(100);
    expect(seen.get("ok") ?? 0).toBeGreaterThan(100);
  });
});

describe("readElf diagnostics name the problem", () => {
  const good = originals[0]!;
  const code = (bytes: Uint8Array): { code: string; message: string } => {
    try {
      readElf(bytes, "bad.o");
    } catch (e) {
      if (e instanceof DiagnosticError) return { code: e.diagnostics[0]!.code, message: e.diagnostics[0]!.message };
      throw e;
    }
    return { code: "ok", message: "" };
  };
  const patched = (f: (dv: DataView) => void): Uint8Array => {
    const b = good.slice();
    f(new DataView(b.buffer));
    return b;
  };

  it("E001 for something that is not ELF", () => expect(code(new TextEncoder().encode("#!/bin/sh\n")).code).toBe("E001"));
  it("E001 for ELF32", () => expect(code(patched((dv) => dv.setUint8(4, 1))).code).toBe("E001"));
  it("E001 for ET_EXEC", () => expect(code(patched((dv) => dv.setUint16(16, 2, true))).code).toBe("E001"));
  it("E001 for another machine", () => expect(code(patched((dv) => dv.setUint16(18, 183, true))).code).toBe("E001"));
  it("E002 for a truncated header", () => expect(code(good.subarray(0, 40))).toMatchObject({ code: "E002", message: expect.stringContaining("ELF header truncated") }));

  it("E002 naming the section whose contents run past the end", () => {
    const shoff = Number(new DataView(good.buffer).getBigUint64(40, true));
    const bad = patched((dv) => dv.setBigUint64(shoff + 2 * 64 + 32, 0x100000n, true)); // section 2 = .rela.text
    expect(code(bad)).toMatchObject({ code: "E002", message: expect.stringMatching(/section 2 \(\.rela\.text\): offset 0x[0-9a-f]+ \+ size 0x100000 past end of file/) });
  });

  it("E002 for a relocation naming a symbol that does not exist", () => {
    const shoff = Number(new DataView(good.buffer).getBigUint64(40, true));
    const relaOff = Number(new DataView(good.buffer).getBigUint64(shoff + 2 * 64 + 24, true));
    const bad = patched((dv) => dv.setUint32(relaOff + 12, 999, true));
    expect(code(bad)).toMatchObject({ code: "E002", message: expect.stringContaining("names symbol 999") });
  });
});

/**
 * Raw mode as DESIGN.md specifies it: flat code at a base, registers from the state (hex strings),
 * memory fills and dump windows, the final state with the HLT's RIP, steps, and an exception when one
 * ends the run.
 */
import { describe, expect, it } from "vitest";
import { RawStateError, runRaw, runRawBatch } from "../../src/emu/raw.js";
import { code } from "./support.js";

describe("raw mode", () => {
  it("runs from the state to HLT and prints every GPR, the HLT's RIP, RFLAGS and steps", () => {
    const r = runRaw({ rax: "0x1", rbx: "0xffffffffffffffff", rip: "0x1000", unknown: 5 }, code("inc %rax; add %rax, %rbx; hlt"), 0x1000n);
    expect(r).toMatchObject({ rax: "0x2", rbx: "0x1", rcx: "0x0", r15: "0x0", rip: "0x1006", steps: 3, mem: [] });
    expect(Number(r.rflags) & 0x1).toBe(1);
    expect(r.exception).toBeUndefined();
  });

  it("fills memory before the run and dumps windows after it", () => {
    const r = runRaw(
      { rsi: "0x8000", rdi: "0x9000", mem: [{ addr: "0x8000", hex: "0102030405" }], dump: [{ addr: "0x9000", len: 6 }, { addr: "0x8003", len: 2 }] },
      code("mov $5, %ecx; rep movsb; hlt"),
      0x400000n,
    );
    expect(r.mem).toEqual([{ addr: "0x9000", hex: "010203040500" }, { addr: "0x8003", hex: "0405" }]);
  });

  it("ends with the exception, its error code and the faulting RIP when there is no handler", () => {
    const r = runRaw({ rsi: "0x123000" }, code("nop; mov (%rsi), %eax; hlt"), 0x1000n);
    expect(r.exception).toMatchObject({ vector: 14, error_code: 0, rip: "0x1001" });
    expect(r.rip).toBe("0x1001");
    expect(r.steps).toBe(1);
    expect(runRaw({}, code("ud2"), 0x1000n).exception).toMatchObject({ vector: 6, error_code: 0, rip: "0x1000" });
    expect(runRaw({}, code("mov $0x800000000000, %rax; mov (%rax), %al; hlt"), 0x1000n).exception).toMatchObject({ vector: 13, error_code: 0 });
  });

  it("reports a run that exhausts the budget", () => {
    expect(runRaw({}, code("1: jmp 1b"), 0x1000n, { maxSteps: 500 })).toMatchObject({ budget: 500, steps: 500, rip: "0x1000" });
  });

  it("rejects a malformed state with a clear error", () => {
    expect(() => runRaw({ rax: "zz" }, code("hlt"), 0x1000n)).toThrow(RawStateError);
    expect(() => runRaw({ mem: [{ addr: "0x10", hex: "abc" }] }, code("hlt"), 0x1000n)).toThrow(/mem\[0\]\.hex/);
    expect(() => runRaw({ rax: "0x10000000000000000" }, code("hlt"), 0x1000n)).toThrow(/64 bits/);
  });

  it("runs a batch in order", () => {
    const out = runRawBatch([
      { state: { rax: "0x5" }, code: code("shl $1, %rax; hlt"), base: 0x1000n },
      { state: {}, code: code("ud2"), base: 0x2000n },
    ]);
    expect(out.map((r) => [r.rax, r.exception?.vector])).toEqual([["0xa", undefined], ["0x0", 6]]);
  });
});

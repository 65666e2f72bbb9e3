import { describe, expect, it } from "vitest";
import { run } from "./support.js";

describe("cpu basics", () => {
  it("runs a counted loop to HLT and reports where the HLT is", () => {
    const r = run(`
      mov $10, %ecx
      xor %eax, %eax
    1: add %rcx, %rax
      dec %ecx
      jnz 1b
      hlt`);
    expect(r.stop).toEqual({ kind: "hlt", rip: 0x10000n + 14n });
    expect(r.reg(0)).toBe(55n);
    expect(r.cpu.rip).toBe(0x10000n + 15n);
    expect(r.cpu.counters.instructions).toBe(2 + 30 + 1);
  });

  it("stops at the step budget", () => {
    const r = run(`1: jmp 1b`, undefined, { maxSteps: 1000 });
    expect(r.stop).toEqual({ kind: "budget", steps: 1000 });
    expect(r.cpu.counters.instructions).toBe(1000);
  });

  it("stops mid-block at the budget, with the registers of that instruction boundary", () => {
    const r = run(`inc %rax; inc %rax; inc %rax; inc %rax; hlt`, undefined, { maxSteps: 3 });
    expect(r.stop.kind).toBe("budget");
    expect(r.reg(0)).toBe(3n);
    expect(r.cpu.rip).toBe(0x10000n + 9n);
  });
});

/** The platform model alone: CPUID per profile, the MSR file's hardware rules, and the Xen PV policy. */
import { describe, expect, it } from "vitest";
import { findProfile } from "../../src/isa/cpu-profiles.js";
import { MachinePlatform } from "../../src/emu/machine-platform.js";
import { MSR } from "../../src/emu/msr-file.js";
import type { GuestRegs, MsrResult } from "../../src/emu/platform.js";

function guest(mem: Record<number, number[]> = {}): GuestRegs & { gpr: bigint[]; seg: Record<string, bigint> } {
  const gpr = new Array<bigint>(16).fill(0n);
  const seg: Record<string, bigint> = { fs: 0n, gs: 0n, kernelGs: 0n };
  return {
    gpr, seg, rip: 0x100000n, efer: 0xd00n, tsc: 1000n,
    get: (r) => gpr[r]!,
    set: (r, v) => { gpr[r] = BigInt.asUintN(64, v); },
    getSegBase: (w) => seg[w]!,
    setSegBase: (w, v) => { seg[w] = v; },
    readMemory: (a, n) => new Uint8Array(mem[Number(a)]?.slice(0, n) ?? new Array(n).fill(0)),
  };
}

const platform = (name: string): MachinePlatform => new MachinePlatform(findProfile(name)!);
const GP: MsrResult = { ok: false, vector: 13, errorCode: 0 };

describe("CPUID tells each profile's features", () => {
  const cases: [string, { wrmsrns: boolean; msrImm: boolean; hypervisor: boolean; xen: boolean }][] = [
    ["legacy", { wrmsrns: false, msrImm: false, hypervisor: false, xen: false }],
    ["wrmsrns", { wrmsrns: true, msrImm: false, hypervisor: false, xen: false }],
    ["msr-imm", { wrmsrns: true, msrImm: true, hypervisor: false, xen: false }],
    ["xen-pv", { wrmsrns: true, msrImm: true, hypervisor: true, xen: true }],
  ];
  for (const [name, want] of cases) {
    it(name, () => {
      const p = platform(name);
      const [, , ecx1] = p.cpuid(1, 0);
      const [eax71, , ecx71] = p.cpuid(7, 1);
      const [max, b, c, d] = p.cpuid(0x40000000, 0);
      const sig = Buffer.from(new Uint32Array([b, c, d]).buffer).toString("latin1");
      expect({
        wrmsrns: ((eax71 >>> 19) & 1) === 1, msrImm: ((ecx71 >>> 5) & 1) === 1, hypervisor: ecx1 >>> 31 === 1, xen: sig === "XenVMMXenVMM" && max >= 0x40000002,
      }).toEqual(want);
      expect(p.has("wrmsrns")).toBe(want.wrmsrns);
      expect(p.has("msr-imm")).toBe(want.msrImm);
      const [, vb, vc, vd] = p.cpuid(0, 0);
      expect(Buffer.from(new Uint32Array([vb, vd, vc]).buffer).toString("latin1")).toBe("GenuineIntel");
    });
  }
});

describe("MSR file follows the hardware, not QEMU", () => {
  const cases: [string, number, bigint, MsrResult | "ok"][] = [
    ["unknown MSR", 0x12345, 0n, GP],
    ["IA32_PKRS bits 63:32 (the fault QEMU agrees on)", MSR.IA32_PKRS, 1n << 32n, GP],
    ["IA32_PKRS low bits", MSR.IA32_PKRS, 0x5n, "ok"],
    ["reserved EFER bit", MSR.EFER, (1n << 8n) | (1n << 10n) | (1n << 11n) | (1n << 1n), GP],
    ["EFER SCE", MSR.EFER, 0xd01n, "ok"],
    ["EFER LMA is read-only: writing 0 there keeps it", MSR.EFER, 0x901n, "ok"],
    ["non-canonical LSTAR", MSR.LSTAR, 0x0000800000000000n, GP],
    ["canonical LSTAR", MSR.LSTAR, 0xffffffff81000000n, "ok"],
    ["PAT with a reserved type 2", MSR.IA32_PAT, 0x0007040600070402n, GP],
    ["SPEC_CTRL reserved bit", MSR.IA32_SPEC_CTRL, 1n << 8n, GP],
    ["read-only PERF_GLOBAL_STATUS", MSR.IA32_PERF_GLOBAL_STATUS, 0n, GP],
    ["SYSCALL_MASK upper half", MSR.SYSCALL_MASK, 1n << 32n, GP],
  ];
  for (const [what, msr, value, want] of cases) {
    it(`wrmsr ${what}`, () => {
      const r = platform("legacy").wrmsr(msr, value, "wrmsr", guest());
      if (want === "ok") expect(r.ok).toBe(true);
      else expect(r).toEqual(want);
    });
  }

  it("EFER and the TSC are the core's: writes land there, LMA stays", () => {
    const g = guest();
    const p = platform("legacy");
    expect(p.wrmsr(MSR.EFER, 0x901n, "wrmsr", g).ok).toBe(true);
    expect(g.efer).toBe(0xd01n);
    expect(p.rdmsr(MSR.EFER, "rdmsr", g)).toEqual({ ok: true, value: 0xd01n });
    p.wrmsr(MSR.IA32_TSC, 5n, "wrmsr", g);
    expect(g.tsc).toBe(5n);
    p.wrmsr(MSR.TSC_AUX, 7n, "wrmsr", g);
    expect(p.tscAux()).toBe(7);
  });

  it("unknown MSRs fault on read; PRED_CMD is write-only", () => {
    const p = platform("legacy");
    expect(p.rdmsr(0x12345, "rdmsr", guest())).toEqual(GP);
    expect(p.rdmsr(MSR.IA32_PRED_CMD, "rdmsr", guest())).toEqual(GP);
    expect(p.wrmsr(MSR.IA32_PRED_CMD, 1n, "wrmsr", guest()).ok).toBe(true);
  });

  it("FS_BASE/GS_BASE/KERNEL_GS_BASE move the CPU's segment bases", () => {
    const g = guest();
    const p = platform("msr-imm");
    p.wrmsr(MSR.FS_BASE, 0x1000n, "wrmsrns-imm", g);
    p.wrmsr(MSR.GS_BASE, 0x2000n, "wrmsr", g);
    p.wrmsr(MSR.KERNEL_GS_BASE, 0x3000n, "wrmsrns", g);
    expect(g.seg).toEqual({ fs: 0x1000n, gs: 0x2000n, kernelGs: 0x3000n });
    expect(p.rdmsr(MSR.GS_BASE, "rdmsr-imm", g)).toEqual({ ok: true, value: 0x2000n });
    expect(p.counters.msr).toEqual({ rdmsr: 0, wrmsr: 1, wrmsrns: 1, "rdmsr-imm": 1, "wrmsrns-imm": 1 });
  });

  it("read-only bits keep their value (APIC_BASE BSP bit)", () => {
    const p = platform("legacy");
    const g = guest();
    expect(p.wrmsr(MSR.IA32_APIC_BASE, 0xfee00800n, "wrmsr", g).ok).toBe(true);
    expect(p.rdmsr(MSR.IA32_APIC_BASE, "rdmsr", g)).toEqual({ ok: true, value: 0xfee00900n });
    expect(p.wrmsr(MSR.IA32_APIC_BASE, 0xfee00c00n, "wrmsr", g)).toEqual(GP); // x2APIC enable: absent
  });
});

describe("Xen PV: every direct MSR access traps, then Linux's policy", () => {
  it("syscall MSR writes are ignored, segment bases set, the rest passes through", () => {
    const p = platform("xen-pv");
    const g = guest();
    expect(p.wrmsr(MSR.LSTAR, 0x1234n, "wrmsr", g).ok).toBe(true);
    expect(p.rdmsr(MSR.LSTAR, "rdmsr", g)).toEqual({ ok: true, value: 0n }); // ignored
    expect(p.wrmsr(MSR.FS_BASE, 0x5000n, "wrmsrns-imm", g).ok).toBe(true);
    expect(g.seg.fs).toBe(0x5000n);
    expect(p.wrmsr(MSR.IA32_PKRS, 1n << 40n, "wrmsrns", g)).toEqual(GP); // passed through: #GP injected
    expect(p.counters.hypervisorTraps).toBe(4);
  });

  it("APIC_BASE reads clear x2APIC enable and set BSP", () => {
    const p = platform("xen-pv");
    expect(p.rdmsr(MSR.IA32_APIC_BASE, "rdmsr", guest())).toEqual({ ok: true, value: 0xfee00900n });
  });

  it("hypercalls: console_io, set_segment_base, sched_op(shutdown); vmcall is #UD without Xen", () => {
    const p = platform("xen-pv");
    const g = guest({ 0x2000: [...Buffer.from("hi\n")], 0x3000: [3, 0, 0, 0] });
    g.gpr[0] = 18n; g.gpr[7] = 0n; g.gpr[6] = 3n; g.gpr[2] = 0x2000n;
    expect(p.vmcall(g)).toBeUndefined();
    expect(p.consoleText()).toBe("hi\n");
    expect(g.gpr[0]).toBe(3n);
    g.gpr[0] = 25n; g.gpr[7] = 2n; g.gpr[6] = 0x7000n;
    p.vmcall(g);
    expect(g.seg.gs).toBe(0x7000n);
    expect(g.gpr[0]).toBe(0n);
    g.gpr[0] = 29n; g.gpr[7] = 2n; g.gpr[6] = 0x3000n;
    expect(p.vmcall(g)).toEqual({ kind: "exit", code: 3 });
    expect(p.counters.hypercalls).toEqual({ console_io: 1, set_segment_base: 1, sched_op: 1 });
    expect(p.counters.hypervisorTraps).toBe(0);
    expect(platform("legacy").vmcall(g)).toBe("ud");
  });
});

describe("devices", () => {
  it("console on 0xE9, exit on 0xF4", () => {
    const p = platform("legacy");
    for (const c of Buffer.from("ok")) expect(p.ioWrite(0xe9, 1, c)).toBeUndefined();
    expect(p.consoleText()).toBe("ok");
    expect(p.ioWrite(0xf4, 1, 0x107)).toEqual({ kind: "exit", code: 7 });
  });
});

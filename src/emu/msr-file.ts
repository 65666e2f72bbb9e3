/**
 * The model-specific registers a profile implements, as hardware behaves (not as QEMU TCG does: QEMU
 * lets unknown MSRs read 0 and drops reserved EFER bits silently; hardware raises #GP(0)):
 *
 * - an MSR not in the file: #GP(0) on read and on write;
 * - a write that sets a reserved bit, or a non-canonical address where an address is required: #GP(0);
 * - read-only bits keep their value (writes to them are ignored); a read-only MSR refuses writes;
 * - a write-only MSR (PRED_CMD) refuses reads.
 *
 * FS_BASE, GS_BASE and KERNEL_GS_BASE are not stored here: they are the CPU's segment bases, reached
 * through the guest's registers, so that `wrmsr` moves the base that `%fs:` addressing uses.
 */
import type { GuestRegs, MsrResult } from "./platform.js";
import { PHYS_ADDR_BITS } from "./cpuid.js";

export const MSR = {
  IA32_TSC: 0x10,
  IA32_APIC_BASE: 0x1b,
  IA32_FEATURE_CONTROL: 0x3a,
  IA32_SPEC_CTRL: 0x48,
  IA32_PRED_CMD: 0x49,
  IA32_UCODE_REV: 0x8b,
  IA32_PMC0: 0xc1,
  IA32_SYSENTER_CS: 0x174,
  IA32_SYSENTER_ESP: 0x175,
  IA32_SYSENTER_EIP: 0x176,
  IA32_MCG_CAP: 0x179,
  IA32_MCG_STATUS: 0x17a,
  IA32_PERFEVTSEL0: 0x186,
  IA32_MISC_ENABLE: 0x1a0,
  IA32_PAT: 0x277,
  IA32_FIXED_CTR0: 0x309,
  IA32_PERF_CAPABILITIES: 0x345,
  IA32_FIXED_CTR_CTRL: 0x38d,
  IA32_PERF_GLOBAL_STATUS: 0x38e,
  IA32_PERF_GLOBAL_CTRL: 0x38f,
  IA32_PERF_GLOBAL_OVF_CTRL: 0x390,
  IA32_A_PMC0: 0x4c1,
  IA32_TSC_DEADLINE: 0x6e0,
  IA32_PKRS: 0x6e1,
  EFER: 0xc0000080,
  STAR: 0xc0000081,
  LSTAR: 0xc0000082,
  CSTAR: 0xc0000083,
  SYSCALL_MASK: 0xc0000084,
  FS_BASE: 0xc0000100,
  GS_BASE: 0xc0000101,
  KERNEL_GS_BASE: 0xc0000102,
  TSC_AUX: 0xc0000103,
} as const;

const ALL = (1n << 64n) - 1n;
const mask = (...bits: number[]): bigint => bits.reduce((a, b) => a | (1n << BigInt(b)), 0n);
const low = (n: number): bigint => (1n << BigInt(n)) - 1n;

interface MsrSpec {
  reset: bigint;
  /** Bits a write may change. */
  writable: bigint;
  /** Bits that must be written as 0 (#GP otherwise). Bits neither writable nor reserved are read-only. */
  reserved: bigint;
  /** The value must be a canonical address. */
  canonical?: boolean;
  access?: "ro" | "wo";
  /** Extra validity check of the whole value (PAT memory types). */
  valid?: (v: bigint) => boolean;
}

const PAT_TYPES = new Set([0, 1, 4, 5, 6, 7]);
const EFER_SCE = 0, EFER_LME = 8, EFER_LMA = 10, EFER_NXE = 11;

/** Number of general-purpose and fixed counters the PMU model has. */
const GP_COUNTERS = 4;
const FIXED_COUNTERS = 3;

function specs(): Map<number, MsrSpec> {
  const m = new Map<number, MsrSpec>();
  const rw = (msr: number, reset: bigint, writable: bigint, extra: Partial<MsrSpec> = {}): void => {
    m.set(msr, { reset, writable, reserved: ALL & ~writable, ...extra });
  };
  rw(MSR.IA32_TSC, 0n, ALL);
  // APIC base: BSP (8, read-only), enable (11), base address up to MAXPHYADDR; x2APIC (10) is absent.
  m.set(MSR.IA32_APIC_BASE, { reset: 0xfee00900n, writable: mask(11) | (low(PHYS_ADDR_BITS) & ~low(12)), reserved: ALL & ~(mask(8, 11) | (low(PHYS_ADDR_BITS) & ~low(12))) });
  m.set(MSR.IA32_FEATURE_CONTROL, { reset: 1n, writable: 0n, reserved: 0n, access: "ro" }); // locked by firmware
  rw(MSR.IA32_SPEC_CTRL, 0n, mask(0, 1, 2));
  m.set(MSR.IA32_PRED_CMD, { reset: 0n, writable: mask(0), reserved: ALL & ~mask(0), access: "wo" });
  m.set(MSR.IA32_UCODE_REV, { reset: 0xb4n << 32n, writable: 0n, reserved: 0n, access: "ro" });
  for (let i = 0; i < GP_COUNTERS; i++) {
    rw(MSR.IA32_PMC0 + i, 0n, low(48));
    rw(MSR.IA32_A_PMC0 + i, 0n, low(48));
    rw(MSR.IA32_PERFEVTSEL0 + i, 0n, low(32));
  }
  for (let i = 0; i < FIXED_COUNTERS; i++) rw(MSR.IA32_FIXED_CTR0 + i, 0n, low(48));
  rw(MSR.IA32_FIXED_CTR_CTRL, 0n, low(4 * FIXED_COUNTERS));
  m.set(MSR.IA32_PERF_GLOBAL_STATUS, { reset: 0n, writable: 0n, reserved: 0n, access: "ro" });
  rw(MSR.IA32_PERF_GLOBAL_CTRL, 0n, low(GP_COUNTERS) | (low(FIXED_COUNTERS) << 32n));
  rw(MSR.IA32_PERF_GLOBAL_OVF_CTRL, 0n, low(GP_COUNTERS) | (low(FIXED_COUNTERS) << 32n) | mask(62, 63));
  m.set(MSR.IA32_PERF_CAPABILITIES, { reset: 0x2000n | 0x1c3n, writable: 0n, reserved: 0n, access: "ro" }); // full-width writes
  rw(MSR.IA32_SYSENTER_CS, 0n, low(16));
  rw(MSR.IA32_SYSENTER_ESP, 0n, ALL, { canonical: true });
  rw(MSR.IA32_SYSENTER_EIP, 0n, ALL, { canonical: true });
  m.set(MSR.IA32_MCG_CAP, { reset: 0x0c09n, writable: 0n, reserved: 0n, access: "ro" });
  rw(MSR.IA32_MCG_STATUS, 0n, low(3));
  // MISC_ENABLE: fast strings (0), thermal monitor (3, RO), perfmon available (7, RO), BTS/PEBS
  // unavailable (11, 12, RO), MONITOR (18), limit CPUID (22), XD disable (34).
  m.set(MSR.IA32_MISC_ENABLE, { reset: 0x850089n, writable: mask(0, 18, 22, 34), reserved: ALL & ~(mask(0, 3, 7, 11, 12, 16, 18, 22, 23, 34)) });
  rw(MSR.IA32_PAT, 0x0007040600070406n, ALL, { valid: (v) => [0, 1, 2, 3, 4, 5, 6, 7].every((i) => PAT_TYPES.has(Number((v >> BigInt(8 * i)) & 0xffn))) });
  rw(MSR.IA32_TSC_DEADLINE, 0n, ALL);
  rw(MSR.IA32_PKRS, 0n, low(32));
  // EFER: LMA is read-only (set while in long mode); the emulator starts in long mode with NX on.
  m.set(MSR.EFER, { reset: mask(EFER_LME, EFER_LMA, EFER_NXE), writable: mask(EFER_SCE, EFER_LME, EFER_NXE), reserved: ALL & ~mask(EFER_SCE, EFER_LME, EFER_LMA, EFER_NXE) });
  rw(MSR.STAR, 0n, ALL);
  rw(MSR.LSTAR, 0n, ALL, { canonical: true });
  rw(MSR.CSTAR, 0n, ALL, { canonical: true });
  rw(MSR.SYSCALL_MASK, 0n, low(32));
  rw(MSR.TSC_AUX, 0n, low(32));
  return m;
}

const SPECS = specs();

export function isCanonical(v: bigint): boolean {
  const top = v >> 47n;
  return top === 0n || top === (1n << 17n) - 1n;
}

const gp: MsrResult = { ok: false, vector: 13, errorCode: 0 };

const SEG: Readonly<Record<number, "fs" | "gs" | "kernelGs">> = { [MSR.FS_BASE]: "fs", [MSR.GS_BASE]: "gs", [MSR.KERNEL_GS_BASE]: "kernelGs" };

/**
 * One CPU's MSR values. EFER and the TSC live in the core (it needs them on every page walk and
 * RDTSC); this file applies their write rules and stores the accepted value there.
 */
export class MsrFile {
  private readonly values = new Map<number, bigint>();

  constructor() {
    for (const [msr, s] of SPECS) this.values.set(msr, s.reset);
  }

  /** IA32_TSC_AUX, which RDTSCP loads into ECX. */
  tscAux(): number {
    return Number(this.values.get(MSR.TSC_AUX)!);
  }

  /** Whether the MSR exists at all. */
  implements(msr: number): boolean {
    return SPECS.has(msr) || msr in SEG;
  }

  read(msr: number, regs: GuestRegs): MsrResult {
    const seg = SEG[msr];
    if (seg) return { ok: true, value: regs.getSegBase(seg) };
    const s = SPECS.get(msr);
    if (!s || s.access === "wo") return gp;
    if (msr === MSR.IA32_TSC) return { ok: true, value: BigInt.asUintN(64, regs.tsc) };
    if (msr === MSR.EFER) return { ok: true, value: regs.efer };
    return { ok: true, value: this.values.get(msr)! };
  }

  write(msr: number, value: bigint, regs: GuestRegs): MsrResult {
    const v = BigInt.asUintN(64, value);
    const seg = SEG[msr];
    if (seg) {
      if (!isCanonical(v)) return gp;
      regs.setSegBase(seg, v);
      return { ok: true, value: v };
    }
    const s = SPECS.get(msr);
    if (!s || s.access === "ro") return gp;
    if ((v & s.reserved) !== 0n) return gp;
    if (s.canonical && !isCanonical(v)) return gp;
    if (s.valid && !s.valid(v)) return gp;
    if (msr === MSR.IA32_TSC) {
      regs.tsc = v;
      return { ok: true, value: v };
    }
    const old = msr === MSR.EFER ? regs.efer : this.values.get(msr)!;
    const next = (old & ~s.writable) | (v & s.writable);
    if (msr === MSR.EFER) regs.efer = next;
    else if (s.access !== "wo") this.values.set(msr, next);
    return { ok: true, value: next };
  }
}

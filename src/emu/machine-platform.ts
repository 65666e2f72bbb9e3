/**
 * The platform of a booted image: one CPU profile's CPUID, MSR file and instruction set, the two
 * devices (console on port 0xE9, exit on port 0xF4), and, for a Xen PV profile, the hypervisor model.
 * It also keeps the counters `alternator run --json` reports: MSR accesses by path and hypervisor
 * traps (the Xen-thunk count is kept by the runner, which knows the image's symbols).
 */
import type { CpuProfile } from "../isa/cpu-profiles.js";
import { features } from "../isa/features.js";
import { cpuidTable } from "./cpuid.js";
import { MsrFile } from "./msr-file.js";
import type { GuestRegs, IsaFeature, MsrPath, MsrResult, Platform, Stop } from "./platform.js";
import { XenPv } from "./xen.js";

export const CONSOLE_PORT = 0xe9;
export const EXIT_PORT = 0xf4;

export interface PlatformCounters {
  msr: Record<MsrPath, number>;
  msrFaults: number;
  hypervisorTraps: number;
  hypercalls: Record<string, number>;
  ioWrites: number;
}

export class MachinePlatform implements Platform {
  readonly msrs: MsrFile;
  readonly xen: XenPv | undefined;
  readonly console: number[] = [];
  readonly counters: PlatformCounters = {
    msr: { rdmsr: 0, wrmsr: 0, wrmsrns: 0, "rdmsr-imm": 0, "wrmsrns-imm": 0 },
    msrFaults: 0, hypervisorTraps: 0, hypercalls: {}, ioWrites: 0,
  };
  private readonly cpuidFn: (leaf: number, subleaf: number) => [number, number, number, number];

  constructor(readonly profile: CpuProfile, private readonly onConsole?: (bytes: Uint8Array) => void) {
    this.msrs = new MsrFile();
    this.cpuidFn = cpuidTable(profile);
    this.xen = profile.xenpv ? new XenPv(this.msrs, (b) => this.emit(b)) : undefined;
  }

  has(feature: IsaFeature): boolean {
    const n = feature === "wrmsrns" ? features.X86_FEATURE_WRMSRNS : features.X86_FEATURE_MSR_IMM;
    return this.profile.features.includes(n);
  }

  cpuid(leaf: number, subleaf: number): [number, number, number, number] {
    return this.cpuidFn(leaf, subleaf);
  }

  rdmsr(msr: number, path: MsrPath, regs: GuestRegs): MsrResult {
    this.counters.msr[path]++;
    const r = this.xen ? this.xen.rdmsr(msr, regs) : this.msrs.read(msr, regs);
    return this.count(r);
  }

  wrmsr(msr: number, value: bigint, path: MsrPath, regs: GuestRegs): MsrResult {
    this.counters.msr[path]++;
    const r = this.xen ? this.xen.wrmsr(msr, value, regs) : this.msrs.write(msr, value, regs);
    return this.count(r);
  }

  private count(r: MsrResult): MsrResult {
    if (!r.ok) this.counters.msrFaults++;
    if (this.xen) this.counters.hypervisorTraps = this.xen.counters.traps;
    return r;
  }

  tscAux(): number {
    return this.msrs.tscAux();
  }

  ioRead(_port: number, size: 1 | 2 | 4): number {
    // No device answers reads: an open bus reads all ones.
    return size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
  }

  ioWrite(port: number, _size: 1 | 2 | 4, value: number): Stop | undefined {
    this.counters.ioWrites++;
    if (port === CONSOLE_PORT) {
      this.emit(new Uint8Array([value & 0xff]));
      return undefined;
    }
    if (port === EXIT_PORT) return { kind: "exit", code: value & 0xff };
    return undefined;
  }

  vmcall(regs: GuestRegs): Stop | "ud" | undefined {
    if (!this.xen) return "ud"; // VMCALL outside a guest of a hypervisor that handles it: #UD
    const stop = this.xen.hypercall(regs);
    this.counters.hypercalls = { ...this.xen.counters.hypercalls };
    return stop;
  }

  consoleText(): string {
    return Buffer.from(this.console).toString("latin1");
  }

  private emit(bytes: Uint8Array): void {
    for (const b of bytes) this.console.push(b);
    this.onConsole?.(bytes);
  }
}

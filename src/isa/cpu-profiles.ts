/**
 * The CPU profiles (DESIGN.md, "CPU profiles and the platform model") as data: which Linux feature bits
 * the kernel's detection would set on each model, and whether it runs under the Xen PV model. The
 * linker's `--cpu`, `objdump --cpu` and the emulator all read this one list; the emulator adds the
 * CPUID leaves and MSR files that produce these bits.
 *
 * Every profile has the synthetic `X86_FEATURE_ALWAYS` (set unconditionally by Linux) and
 * `X86_FEATURE_NOPL` (set for every 64-bit CPU).
 */
import { features } from "./features.js";

export type CpuVendor = "GenuineIntel";

export interface CpuProfile {
  /** The name `--cpu` takes. */
  name: string;
  description: string;
  vendor: CpuVendor;
  /** Runs as a Xen PV guest: MSR instructions trap into the hypervisor's policy. */
  xenpv: boolean;
  /** Linux feature numbers (`word*32 + bit`) the kernel's detection sets, ascending. */
  features: readonly number[];
}

const { X86_FEATURE_ALWAYS, X86_FEATURE_NOPL, X86_FEATURE_WRMSRNS, X86_FEATURE_MSR_IMM, X86_FEATURE_XENPV, X86_FEATURE_HYPERVISOR } = features;

const baseline = [X86_FEATURE_NOPL, X86_FEATURE_ALWAYS];
const withWrmsrns = [...baseline, X86_FEATURE_WRMSRNS];
const withMsrImm = [...withWrmsrns, X86_FEATURE_MSR_IMM];

const sorted = (list: readonly number[]): readonly number[] => Object.freeze([...list].sort((a, b) => a - b));

export const cpuProfiles: readonly CpuProfile[] = Object.freeze([
  {
    name: "legacy",
    description: "baseline x86-64: WRMSR only, no WRMSRNS, no MSR immediates",
    vendor: "GenuineIntel",
    xenpv: false,
    features: sorted(baseline),
  },
  {
    name: "wrmsrns",
    description: "x86-64 with WRMSRNS (CPUID 7.1 EAX bit 19)",
    vendor: "GenuineIntel",
    xenpv: false,
    features: sorted(withWrmsrns),
  },
  {
    name: "msr-imm",
    description: "x86-64 with WRMSRNS and the MSR immediate forms (CPUID 7.1 ECX bit 5)",
    vendor: "GenuineIntel",
    xenpv: false,
    features: sorted(withMsrImm),
  },
  {
    name: "xen-pv",
    description: "the msr-imm CPU as a Xen PV guest (MSR accesses trap into the hypervisor)",
    vendor: "GenuineIntel",
    xenpv: true,
    features: sorted([...withMsrImm, X86_FEATURE_HYPERVISOR, X86_FEATURE_XENPV]),
  },
]);

/** The profile called `name`, or `undefined`. */
export function findProfile(name: string): CpuProfile | undefined {
  return cpuProfiles.find((p) => p.name === name);
}

/**
 * CPUID for each CPU profile: a baseline x86-64 Intel model (SSE…SSE4.2, POPCNT, CX16, NX, SYSCALL,
 * LM, 1 GiB pages, RDTSCP, LZCNT, FSGSBASE, ERMS) plus the profile's own bits, so that what a kernel detects
 * from CPUID is exactly the profile's feature set in Linux numbering (src/isa/cpu-profiles.ts):
 *
 *   X86_FEATURE_WRMSRNS  leaf 7.1 EAX bit 19      X86_FEATURE_MSR_IMM  leaf 7.1 ECX bit 5
 *   X86_FEATURE_HYPERVISOR  leaf 1 ECX bit 31     X86_FEATURE_XENPV    the Xen leaves at 0x40000000
 *
 * The Xen leaves are what Xen exposes to a PV guest: 0x40000000 gives the largest Xen leaf and the
 * signature "XenVMMXenVMM", 0x40000001 the version, 0x40000002 the hypercall page count and MSR base.
 * Leaves beyond the maximum return zeros (Intel returns the highest basic leaf's values; zeros keep
 * detection honest and are what a kernel treats as "absent").
 */
import { features } from "../isa/features.js";
import type { CpuProfile } from "../isa/cpu-profiles.js";

type Regs4 = [number, number, number, number];

const str4 = (s: string): number => s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24);
const bit = (n: number): number => (n === 31 ? 0x80000000 : 1 << n) >>> 0;
const bits = (...ns: number[]): number => ns.reduce((a, n) => (a | bit(n)) >>> 0, 0);

/** Family 6 model 0x8c stepping 1 (a Tiger Lake-like part). */
const SIGNATURE = 0x000806c1;
export const XEN_CPUID_BASE = 0x40000000;

export function cpuidTable(profile: CpuProfile): (leaf: number, subleaf: number) => Regs4 {
  const has = (f: number): boolean => profile.features.includes(f);
  const leaf1Ecx = bits(0, 9, 13, 19, 20, 23) | (has(features.X86_FEATURE_HYPERVISOR) ? bit(31) : 0); // SSE3 SSSE3 CX16 SSE4.1 SSE4.2 POPCNT
  const leaf1Edx = bits(0, 4, 5, 6, 8, 9, 11, 12, 13, 15, 16, 19, 23, 24, 25, 26); // FPU TSC MSR PAE CX8 APIC SEP MTRR PGE CMOV PAT CLFSH MMX FXSR SSE SSE2
  // FSGSBASE ERMS. Not BMI1/BMI2: the core does not implement ANDN, BLSR, SHLX… (TZCNT runs as
  // TZCNT, as on a CPU with BMI1; LZCNT is advertised through ABM).
  const leaf7Ebx = bits(0, 9);
  const leaf71Eax = has(features.X86_FEATURE_WRMSRNS) ? bit(19) : 0;
  const leaf71Ecx = has(features.X86_FEATURE_MSR_IMM) ? bit(5) : 0;
  const xen = profile.xenpv;
  const vendor = profile.vendor;
  return (leaf, subleaf) => {
    switch (leaf >>> 0) {
      case 0: return [7, str4(vendor.slice(0, 4)), str4(vendor.slice(8, 12)), str4(vendor.slice(4, 8))];
      case 1: return [SIGNATURE, 0x00000800, leaf1Ecx, leaf1Edx]; // EBX: CLFLUSH line 8*8, APIC id 0
      case 7: return subleaf === 0 ? [1, leaf7Ebx, 0, 0] : subleaf === 1 ? [leaf71Eax, 0, leaf71Ecx, 0] : [0, 0, 0, 0];
      case 0x40000000: return xen ? [XEN_CPUID_BASE + 2, str4("XenV"), str4("MMXe"), str4("nVMM")] : [0, 0, 0, 0];
      case 0x40000001: return xen ? [(4 << 16) | 17, 0, 0, 0] : [0, 0, 0, 0];
      case 0x40000002: return xen ? [1, 0x40000000, 0, 0] : [0, 0, 0, 0];
      case 0x80000000: return [0x80000008, 0, 0, 0];
      case 0x80000001: return [0, 0, bits(0, 5), bits(11, 20, 26, 27, 29)]; // LAHF ABM/LZCNT; SYSCALL NX PDPE1GB RDTSCP LM
      case 0x80000008: return [0x3027, 0, 0, 0]; // 39 physical, 48 linear address bits
      default: return [0, 0, 0, 0];
    }
  };
}

/** Physical address width the profile reports (reserved-bit checks above it). */
export const PHYS_ADDR_BITS = 39;

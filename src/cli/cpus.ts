/** `alternator cpus`: the CPU profiles, what each runs as, and its features by Linux name. */
import { cpuProfiles } from "../isa/cpu-profiles.js";
import { featureName } from "../isa/features.js";

/** What every profile's CPUID reports besides its own features (src/emu/cpuid.ts). */
const BASELINE = "baseline x86-64 (FPU TSC MSR PAE CX8 APIC SEP PGE CMOV PAT CLFLUSH MMX FXSR SSE SSE2 SSE3 SSSE3 CX16 SSE4.1 SSE4.2 POPCNT; FSGSBASE ERMS; SYSCALL NX PDPE1GB RDTSCP LM LAHF LZCNT)";

export function cpusCommand(): string {
  const lines: string[] = [];
  for (const p of cpuProfiles) {
    lines.push(`${p.name.padEnd(10)} ${p.description}`);
    lines.push(`${"".padEnd(10)} vendor ${p.vendor}${p.xenpv ? ", Xen PV guest" : ""}`);
    const names = p.features.map((f) => `${featureName(f) ?? `feature ${f}`} (${Math.floor(f / 32)}*32+${f % 32})`);
    lines.push(`${"".padEnd(10)} features: ${names.join(", ")}`);
    lines.push(`${"".padEnd(10)} CPUID: ${BASELINE}${p.xenpv ? "; Xen leaves at 0x40000000 (XenVMMXenVMM)" : ""}`, "");
  }
  return lines.join("\n");
}

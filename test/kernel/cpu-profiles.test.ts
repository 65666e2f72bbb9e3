/** The CPU profiles as data: each profile's feature set, written out by name. */
import { describe, expect, it } from "vitest";
import { cpuProfiles, findProfile } from "../../src/isa/cpu-profiles.js";
import { featureName } from "../../src/isa/features.js";

const expected: [name: string, xenpv: boolean, features: string[]][] = [
  ["legacy", false, ["X86_FEATURE_NOPL", "X86_FEATURE_ALWAYS"]],
  ["wrmsrns", false, ["X86_FEATURE_NOPL", "X86_FEATURE_ALWAYS", "X86_FEATURE_WRMSRNS"]],
  ["msr-imm", false, ["X86_FEATURE_NOPL", "X86_FEATURE_ALWAYS", "X86_FEATURE_WRMSRNS", "X86_FEATURE_MSR_IMM"]],
  ["xen-pv", true, ["X86_FEATURE_NOPL", "X86_FEATURE_ALWAYS", "X86_FEATURE_HYPERVISOR", "X86_FEATURE_XENPV", "X86_FEATURE_WRMSRNS", "X86_FEATURE_MSR_IMM"]],
];

describe("cpuProfiles", () => {
  it("lists the four profiles in order", () => {
    expect(cpuProfiles.map((p) => p.name)).toEqual(expected.map((e) => e[0]));
  });

  it.each(expected)("%s: xenpv %s, features %j (ascending numbers)", (name, xenpv, names) => {
    const p = findProfile(name);
    expect(p).toBeDefined();
    expect(p!.vendor).toBe("GenuineIntel");
    expect(p!.xenpv).toBe(xenpv);
    expect(p!.description).not.toBe("");
    expect(p!.features.map(featureName)).toEqual(names);
  });

  it("finds nothing for an unknown name", () => {
    expect(findProfile("pentium")).toBeUndefined();
  });
});

/**
 * Linux feature numbers (`X86_FEATURE_*` = word * 32 + bit), as reference/linux-x86.md §4 lists them.
 * This table is the one definition: the assembler's predefined symbols, the CPU profiles, the
 * alternatives patcher and the dumper all read it.
 */
export const features = {
  X86_FEATURE_NOPL: 3 * 32 + 20,
  X86_FEATURE_ALWAYS: 3 * 32 + 21,
  X86_FEATURE_HYPERVISOR: 4 * 32 + 31,
  X86_FEATURE_XENPV: 8 * 32 + 16,
  X86_FEATURE_FRED: 12 * 32 + 17,
  X86_FEATURE_LKGS: 12 * 32 + 18,
  X86_FEATURE_WRMSRNS: 12 * 32 + 19,
  X86_FEATURE_MSR_IMM: 21 * 32 + 16,
} as const;

export type FeatureName = keyof typeof features;

const byNumber = new Map<number, FeatureName>(Object.entries(features).map(([k, v]) => [v, k as FeatureName]));

/** `X86_FEATURE_WRMSRNS` for 403; `undefined` for a number we have no name for. */
export function featureName(n: number): FeatureName | undefined {
  return byNumber.get(n);
}

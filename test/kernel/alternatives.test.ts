/**
 * applyAlternatives, one case per behaviour of reference/linux-x86.md §1 "Patching at boot". Each case
 * is data: the site's original bytes, the records (replacement bytes, feature, flags), the CPU's
 * features, and the site's bytes afterwards, worked out by hand from the rules (the working is in the
 * comment beside each case, never in code).
 *
 * Layout of every case: the site at 0x1000; replacement k at 0x2000 + 0x100·k (so `repl − site` is
 * 0x1000 for the first record) unless the record says `at`; the table at 0x3000, encoded and decoded
 * through the codec as the linker does.
 */
import { describe, expect, it } from "vitest";
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from "../../src/isa/alt-instr.js";
import { features } from "../../src/isa/features.js";
import { decodeAltInstrs, encodeAltInstrs, type AltInstr } from "../../src/kernel/alt-instr.js";
import { AlternativesError, applyAlternatives, type AlternativesOptions } from "../../src/kernel/alternatives.js";
import { bytes, hex, SparseMemory } from "./support.js";

const { X86_FEATURE_ALWAYS: ALWAYS, X86_FEATURE_WRMSRNS: WRMSRNS, X86_FEATURE_MSR_IMM: MSR_IMM, X86_FEATURE_XENPV: XENPV } = features;

const SITE = 0x1000;
const REPL = 0x2000;
const TABLE = 0x3000;

interface Alt {
  repl: string;
  feature: number;
  flags?: number;
  /** Defaults to the length of the site's bytes. */
  instrlen?: number;
  /** Address of the replacement, when the default layout is not wanted. */
  at?: number;
}

interface Case {
  name: string;
  site: string;
  alts: Alt[];
  has: number[];
  /** The site afterwards, or the error the patcher must throw. */
  expect: string | { error: RegExp };
  /** Other memory: pointers for DIRECT_CALL. */
  mem?: { addr: number; hex: string }[];
  opts?: AlternativesOptions;
}

// ds wrmsr / wrmsrns / wrmsrns %rax,$0x10 / rdmsr $0xc0000080,%rax: the MSR site of reference §3.
const DS_WRMSR = "3e 0f 30";
const WRMSR_NS = "0f 01 c6";
const WRMSRNS_IMM = "c4 e7 7a f6 c0 10 00 00 00";
const RDMSR_IMM = "c4 e7 7b f6 c0 80 00 00 c0";

// The pv-ops site: `call *0x2ffa(%rip)` reads its target at 0x1000 + 6 + 0x2ffa = 0x4000.
const PV_CALL = "ff 15 fa 2f 00 00";
const SLOT = 0x4000;
const THUNK = 0x5000;
const NOP_FUNC = 0x6000;
const BUG_FUNC = 0x7000;
const pointer = (v: number): { addr: number; hex: string } => ({ addr: SLOT, hex: hex(new Uint8Array(new BigUint64Array([BigInt(v)]).buffer)) });

const cases: Case[] = [
  // Selection.
  { name: "feature present: the replacement", site: DS_WRMSR, alts: [{ repl: WRMSR_NS, feature: WRMSRNS }], has: [WRMSRNS], expect: WRMSR_NS },
  { name: "feature absent: the original, untouched", site: DS_WRMSR, alts: [{ repl: WRMSR_NS, feature: WRMSRNS }], has: [], expect: DS_WRMSR },
  { name: "ALT_FLAG_NOT, feature absent: patched", site: WRMSR_NS, alts: [{ repl: DS_WRMSR, feature: WRMSRNS, flags: ALT_FLAG_NOT }], has: [], expect: DS_WRMSR },
  { name: "ALT_FLAG_NOT, feature present: untouched", site: WRMSR_NS, alts: [{ repl: DS_WRMSR, feature: WRMSRNS, flags: ALT_FLAG_NOT }], has: [WRMSRNS], expect: WRMSR_NS },
  // No record chosen: even NOP padding Linux 2026 would tidy stays as it is (the reference's rule).
  { name: "no record chosen: padding NOPs left alone", site: "0f 30 90 90 90", alts: [{ repl: "0f 01 c6 90 90", feature: WRMSRNS }], has: [], expect: "0f 30 90 90 90" },

  // ALTERNATIVE_2(wrmsr, wrmsrns, WRMSRNS, wrmsrns-imm, MSR_IMM): inner padding 1 (3 − 2), outer 6 (9 − 3);
  // the inner record's instrlen is 3, the site's 9.
  ...(() => {
    const site = "0f 30 90 90 90 90 90 90 90";
    const alts: Alt[] = [
      { repl: WRMSR_NS, feature: WRMSRNS, instrlen: 3 },
      { repl: WRMSRNS_IMM, feature: MSR_IMM, instrlen: 9 },
    ];
    return [
      { name: "ALTERNATIVE_2, neither: untouched", site, alts, has: [], expect: site },
      // 0f 01 c6 + six 90 → NOP at 3 is not last, run 3..9 → add_nop(6)
      { name: "ALTERNATIVE_2, first only: inner replacement padded to the whole site", site, alts, has: [WRMSRNS], expect: "0f 01 c6 66 0f 1f 44 00 00" },
      { name: "ALTERNATIVE_2, both: the last eligible wins", site, alts, has: [WRMSRNS, MSR_IMM], expect: WRMSRNS_IMM },
      { name: "ALTERNATIVE_2, second only", site, alts, has: [MSR_IMM], expect: WRMSRNS_IMM },
    ] satisfies Case[];
  })(),
  // ALTERNATIVE_TERNARY(old, MSR_IMM, yes, no) = ALTERNATIVE_2(old, no, ALWAYS, yes, MSR_IMM).
  ...(() => {
    const site = "90 90 90 90 90 90 90 90 90";
    const alts: Alt[] = [
      { repl: "0f 01 c6", feature: ALWAYS },
      { repl: WRMSRNS_IMM, feature: MSR_IMM },
    ];
    return [
      // 0f 01 c6 + six 90 → add_nop(6)
      { name: "ALTERNATIVE_TERNARY, condition false: the `no` side", site, alts, has: [ALWAYS], expect: "0f 01 c6 66 0f 1f 44 00 00" },
      { name: "ALTERNATIVE_TERNARY, condition true: the `yes` side", site, alts, has: [ALWAYS, MSR_IMM], expect: WRMSRNS_IMM },
    ] satisfies Case[];
  })(),

  // Padding and NOP optimisation.
  // c3 + seven 90 → NOP at 1, run 1..8 → add_nop(7)
  { name: "short replacement: padding becomes one NOP", site: "0f 1f 84 00 00 00 00 00", alts: [{ repl: "c3", feature: WRMSRNS }], has: [WRMSRNS], expect: "c3 0f 1f 80 00 00 00 00" },
  // 0f 30 + 90: the NOP is the last instruction, already optimal
  { name: "a NOP that ends the site stays", site: WRMSR_NS, alts: [{ repl: "0f 30", feature: WRMSRNS }], has: [WRMSRNS], expect: "0f 30 90" },
  // 66 66 90 (a NOP: opcode 90, no f3) is the last instruction: left as it is
  { name: "a non-canonical NOP that ends the site stays", site: "90 90 90 90 90", alts: [{ repl: "31 c0 66 66 90", feature: WRMSRNS }], has: [WRMSRNS], expect: "31 c0 66 66 90" },
  // …but elsewhere it is a run of 3 (no 90 follows): add_nop(3)
  { name: "a non-canonical NOP inside the site is rewritten", site: "90 90 90 90 90", alts: [{ repl: "66 66 90 31 c0", feature: WRMSRNS }], has: [WRMSRNS], expect: "0f 1f 00 31 c0" },
  // 0f 1f 00 is a NOP, the two 90 after it join its run: add_nop(5)
  { name: "a long NOP and the 90s after it merge", site: "90 90 90 90 90 90", alts: [{ repl: "0f 1f 00 90 90 c3", feature: WRMSRNS }], has: [WRMSRNS], expect: "0f 1f 44 00 00 c3" },
  // skip_nops skips only single-byte 90s: each 66 90 is its own run, rewritten as itself
  { name: "multi-byte NOPs do not merge with each other", site: "90 90 90 90 90", alts: [{ repl: "66 90 66 90 c3", feature: WRMSRNS }], has: [WRMSRNS], expect: "66 90 66 90 c3" },
  // f3 90 is PAUSE, not a NOP: the run starts at 2 (90 90) → add_nop(2)
  { name: "PAUSE is not a NOP", site: "90 90 90 90 90", alts: [{ repl: "f3 90 90 90 c3", feature: WRMSRNS }], has: [WRMSRNS], expect: "f3 90 66 90 c3" },

  // Relocation (repl − site = 0x1000 unless `at`).
  // call: target 5 + 0x10 = 0x15 > 5 → 0x10 + 0x1000; then 90 90 90 → add_nop(3)
  { name: "call leaving the replacement (forward)", site: "0f 1f 84 00 00 00 00 00", alts: [{ repl: "e8 10 00 00 00", feature: WRMSRNS }], has: [WRMSRNS], expect: "e8 10 10 00 00 0f 1f 00" },
  // target 5 − 16 < 0 → −0x10 + 0x1000 = 0xff0
  { name: "call leaving the replacement (backward)", site: "0f 1f 44 00 00", alts: [{ repl: "e8 f0 ff ff ff", feature: WRMSRNS }], has: [WRMSRNS], expect: "e8 f0 0f 00 00" },
  // 0x10 + 0x1000 = 0x1010; + 3 does not fit 8 bits → stays e9
  { name: "jmp rel32 leaving, too far to shorten", site: "0f 1f 44 00 00", alts: [{ repl: "e9 10 00 00 00", feature: WRMSRNS }], has: [WRMSRNS], expect: "e9 10 10 00 00" },
  // repl at 0x1040: 0x10 + 0x40 = 0x50; + 3 = 0x53 fits → eb 53, int3 × 3
  { name: "jmp rel32 leaving, shortened to jmp rel8 + int3", site: "0f 1f 44 00 00", alts: [{ repl: "e9 10 00 00 00", feature: WRMSRNS, at: 0x1040 }], has: [WRMSRNS], expect: "eb 53 cc cc cc" },
  // aimed at 0x1020 from 0x2005: −0xfe5 (1b f0 ff ff); + 0x1000 = 0x1b; + 3 = 0x1e; site + 2 + 0x1e = 0x1020 ✓
  { name: "jmp rel32 from a distant replacement, shortened", site: "0f 1f 44 00 00", alts: [{ repl: "e9 1b f0 ff ff", feature: WRMSRNS }], has: [WRMSRNS], expect: "eb 1e cc cc cc" },
  // 0f 85 +0x10: target 6 + 0x10 > 6 → 0x10 + 0x1000
  { name: "jcc rel32 leaving", site: "66 0f 1f 44 00 00", alts: [{ repl: "0f 85 10 00 00 00", feature: WRMSRNS }], has: [WRMSRNS], expect: "0f 85 10 10 00 00" },
  // repl at 0x1040: 2 + 0x10 > 2 → 0x10 + 0x40 = 0x50 fits rel8
  { name: "jcc rel8 leaving, still in reach", site: "66 90", alts: [{ repl: "74 10", feature: WRMSRNS, at: 0x1040 }], has: [WRMSRNS], expect: "74 50" },
  { name: "jcc rel8 leaving, out of reach: an error naming the site", site: "66 90", alts: [{ repl: "74 10", feature: WRMSRNS }], has: [WRMSRNS], expect: { error: /site 0x1000.*rel8/ } },
  // je +2 at 0 → target 4 < 6: inside, not relocated
  { name: "jcc inside the replacement: not relocated", site: "66 0f 1f 44 00 00", alts: [{ repl: "74 02 31 c0 31 d2", feature: WRMSRNS }], has: [WRMSRNS], expect: "74 02 31 c0 31 d2" },
  // e9 0 → target 5 < 6: inside, neither relocated nor shortened
  { name: "jmp rel32 inside the replacement: left as it is", site: "66 0f 1f 44 00 00", alts: [{ repl: "e9 00 00 00 00 c3", feature: WRMSRNS, at: 0x1040 }], has: [WRMSRNS], expect: "e9 00 00 00 00 c3" },
  // eb 00 at 2 → target 4 = replacementlen: the end counts as inside ("after the site"); 90 90 → add_nop(2)
  { name: "jmp to the replacement's end: not relocated", site: "66 0f 1f 44 00 00", alts: [{ repl: "31 c0 eb 00", feature: WRMSRNS }], has: [WRMSRNS], expect: "31 c0 eb 00 66 90" },
  // je +2 → 4 = replacementlen
  { name: "jcc to the replacement's end: not relocated", site: "0f 1f 40 00", alts: [{ repl: "74 02 31 c0", feature: WRMSRNS }], has: [WRMSRNS], expect: "74 02 31 c0" },
  // eb 01 → target 3 > replacementlen 2, though inside the site: relocated by 0x40; 6 × 90 → add_nop(6)
  { name: "jmp into the padding counts as outside", site: "90 90 90 90 90 90 90 90", alts: [{ repl: "eb 01", feature: WRMSRNS, at: 0x1040 }], has: [WRMSRNS], expect: "eb 41 66 0f 1f 44 00 00" },
  // mov 0x10(%rip),%rax: 7 + 0x10 > 7 → disp 0x1010
  { name: "RIP-relative load leaving the replacement", site: "0f 1f 80 00 00 00 00", alts: [{ repl: "48 8b 05 10 00 00 00", feature: WRMSRNS }], has: [WRMSRNS], expect: "48 8b 05 10 10 00 00" },
  // lea -7(%rip),%rax: 7 − 7 = 0, the replacement's start: inside
  { name: "RIP-relative operand inside the replacement", site: "0f 1f 80 00 00 00 00", alts: [{ repl: "48 8d 05 f9 ff ff ff", feature: WRMSRNS }], has: [WRMSRNS], expect: "48 8d 05 f9 ff ff ff" },

  // MSR immediates: iced cannot decode them; the shim gives 9 bytes, so the 3 padding bytes become one NOP.
  { name: "rdmsr $imm,%rax with padding", site: "b9 80 00 00 c0 0f 32 90 90 90 90 90", alts: [{ repl: RDMSR_IMM, feature: MSR_IMM }], has: [MSR_IMM], expect: `${RDMSR_IMM} 0f 1f 00` },

  // ALT_FLAG_DIRECT_CALL (pointer at 0x4000).
  // call 0x5000 from 0x1000: 0x5000 − 0x1005 = 0x3ffb; pad 1 (last, stays 90)
  { name: "DIRECT_CALL: retargeted to the pointer", site: PV_CALL, alts: [{ repl: "e8 00 00 00 00", feature: XENPV, flags: ALT_FLAG_DIRECT_CALL }], has: [XENPV], mem: [pointer(THUNK)], opts: { nopFunc: NOP_FUNC, bugFunc: BUG_FUNC }, expect: "e8 fb 3f 00 00 90" },
  { name: "DIRECT_CALL to nop_func: all NOPs", site: PV_CALL, alts: [{ repl: "e8 00 00 00 00", feature: XENPV, flags: ALT_FLAG_DIRECT_CALL }], has: [XENPV], mem: [pointer(NOP_FUNC)], opts: { nopFunc: NOP_FUNC, bugFunc: BUG_FUNC }, expect: "66 0f 1f 44 00 00" },
  // 0x7000 − 0x1005 = 0x5ffb
  { name: "DIRECT_CALL through a null pointer: BUG_func", site: PV_CALL, alts: [{ repl: "e8 00 00 00 00", feature: XENPV, flags: ALT_FLAG_DIRECT_CALL }], has: [XENPV], mem: [pointer(0)], opts: { bugFunc: BUG_FUNC }, expect: "e8 fb 5f 00 00 90" },
  { name: "DIRECT_CALL through a null pointer, no BUG_func: an error", site: PV_CALL, alts: [{ repl: "e8 00 00 00 00", feature: XENPV, flags: ALT_FLAG_DIRECT_CALL }], has: [XENPV], mem: [pointer(0)], expect: { error: /null/ } },
  { name: "DIRECT_CALL with a non-call replacement: an error", site: PV_CALL, alts: [{ repl: "90 90 90 90 90", feature: XENPV, flags: ALT_FLAG_DIRECT_CALL }], has: [XENPV], mem: [pointer(THUNK)], expect: { error: /non-call replacement/ } },
  { name: "DIRECT_CALL over a direct call: an error", site: "e8 00 00 00 00 90", alts: [{ repl: "e8 00 00 00 00", feature: XENPV, flags: ALT_FLAG_DIRECT_CALL }], has: [XENPV], mem: [pointer(THUNK)], expect: { error: /unrecognized indirect call/ } },
  // The 2026 case: ALTERNATIVE_2(PARAVIRT_CALL, wrmsrns, WRMSRNS, ALT_CALL_INSTR, XENPV). Patched record by
  // record, the wrmsrns would have replaced the `ff 15` before the DIRECT_CALL record read it.
  ...(() => {
    const alts: Alt[] = [
      { repl: WRMSR_NS, feature: WRMSRNS },
      { repl: "e8 00 00 00 00", feature: XENPV, flags: ALT_FLAG_DIRECT_CALL },
    ];
    const mem = [pointer(THUNK)];
    return [
      { name: "pv-ops ALTERNATIVE_2 under Xen: DIRECT_CALL reads the original", site: PV_CALL, alts, has: [WRMSRNS, XENPV], mem, expect: "e8 fb 3f 00 00 90" },
      // 0f 01 c6 + 90 90 90 → add_nop(3)
      { name: "pv-ops ALTERNATIVE_2 native", site: PV_CALL, alts, has: [WRMSRNS], mem, expect: "0f 01 c6 0f 1f 00" },
    ] satisfies Case[];
  })(),

  { name: "replacement longer than the site: an error", site: "0f 30", alts: [{ repl: WRMSR_NS, feature: WRMSRNS }], has: [WRMSRNS], expect: { error: /longer than the site/ } },
];

/**
 * NOP runs of every length: an empty replacement leaves the whole site as 90s. One byte is the last
 * instruction and stays; 2–11 are x86_nops[len]; 12–127 `eb len−2` then int3s; from 128 `e9 len−5`.
 */
const nopRuns: [number, string][] = [
  [1, "90"],
  [2, "66 90"],
  [3, "0f 1f 00"],
  [4, "0f 1f 40 00"],
  [5, "0f 1f 44 00 00"],
  [6, "66 0f 1f 44 00 00"],
  [7, "0f 1f 80 00 00 00 00"],
  [8, "0f 1f 84 00 00 00 00 00"],
  [9, "2e 0f 1f 84 00 00 00 00 00"],
  [10, "66 2e 0f 1f 84 00 00 00 00 00"],
  [11, "66 66 2e 0f 1f 84 00 00 00 00 00"],
  [12, "eb 0a cc cc cc cc cc cc cc cc cc cc"],
  [13, "eb 0b cc cc cc cc cc cc cc cc cc cc cc"],
  [14, "eb 0c cc cc cc cc cc cc cc cc cc cc cc cc"],
  [15, "eb 0d cc cc cc cc cc cc cc cc cc cc cc cc cc"],
  [16, "eb 0e cc cc cc cc cc cc cc cc cc cc cc cc cc cc"],
  [17, "eb 0f cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc"],
  [18, "eb 10 cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc"],
  [19, "eb 11 cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc"],
  [20, "eb 12 cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc"],
  [127, `eb 7d${" cc".repeat(125)}`],
  [128, `e9 7b 00 00 00${" cc".repeat(123)}`],
  [200, `e9 c3 00 00 00${" cc".repeat(195)}`],
];
for (const [len, expect] of nopRuns) {
  cases.push({ name: `NOP run of ${len}`, site: "90 ".repeat(len), alts: [{ repl: "", feature: WRMSRNS }], has: [WRMSRNS], expect });
}

/** Lays a case out in memory and returns the decoded table, as the linker would see it. */
function layOut(c: Case): { mem: SparseMemory; records: AltInstr[] } {
  const mem = new SparseMemory();
  const site = bytes(c.site);
  mem.load(SITE, site);
  for (const m of c.mem ?? []) mem.load(m.addr, bytes(m.hex));
  const table = encodeAltInstrs(
    c.alts.map((a, k) => {
      const repl = bytes(a.repl);
      const at = a.at ?? REPL + 0x100 * k;
      mem.load(at, repl);
      return { site: SITE, repl: at, feature: a.feature, flags: a.flags ?? 0, instrlen: a.instrlen ?? site.length, replacementlen: repl.length };
    }),
    TABLE,
  );
  mem.load(TABLE, table);
  return { mem, records: decodeAltInstrs(table, TABLE) };
}

describe("applyAlternatives", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const { mem, records } = layOut(c);
    const has = new Set(c.has);
    const run = (): ReturnType<typeof applyAlternatives> => applyAlternatives(records, mem, (f) => has.has(f), c.opts);
    if (typeof c.expect !== "string") {
      expect(run).toThrow(AlternativesError);
      expect(run).toThrow(c.expect.error);
      return;
    }
    const [patch] = run();
    const len = bytes(c.site).length;
    expect(hex(mem.read(SITE, len))).toBe(hex(bytes(c.expect)));
    expect(patch!.len).toBe(len);
    expect(hex(patch!.before)).toBe(hex(bytes(c.site)));
    expect(hex(patch!.after)).toBe(hex(bytes(c.expect)));
  });

  it("leaves a site with no eligible record unwritten, and says so", () => {
    const { mem, records } = layOut(cases.find((c) => c.name.startsWith("no record chosen"))!);
    const [patch] = applyAlternatives(records, mem, () => false);
    expect(patch!.chosen).toBeUndefined();
    expect(mem.writes).toBe(0);
  });

  it("reports the chosen record: the last eligible one of the site", () => {
    const { mem, records } = layOut(cases.find((c) => c.name === "ALTERNATIVE_2, both: the last eligible wins")!);
    const [patch] = applyAlternatives(records, mem, () => true);
    expect(patch!.chosen?.index).toBe(1);
    expect(mem.writes).toBe(1);
  });

  it("patches each site of a table in table order, one write each", () => {
    // Two sites: 0x1000 (ds wrmsr → wrmsrns) and 0x1010 (ALTERNATIVE_2 of 9 bytes).
    const mem = new SparseMemory();
    mem.load(0x1000, bytes(DS_WRMSR));
    mem.load(0x1010, bytes("0f 30 90 90 90 90 90 90 90"));
    mem.load(0x2000, bytes(WRMSR_NS));
    mem.load(0x2003, bytes(WRMSR_NS));
    mem.load(0x2006, bytes(WRMSRNS_IMM));
    const table = encodeAltInstrs(
      [
        { site: 0x1000, repl: 0x2000, feature: WRMSRNS, flags: 0, instrlen: 3, replacementlen: 3 },
        { site: 0x1010, repl: 0x2003, feature: WRMSRNS, flags: 0, instrlen: 3, replacementlen: 3 },
        { site: 0x1010, repl: 0x2006, feature: MSR_IMM, flags: 0, instrlen: 9, replacementlen: 9 },
      ],
      TABLE,
    );
    const patches = applyAlternatives(decodeAltInstrs(table, TABLE), mem, (f) => f === WRMSRNS);
    expect(patches.map((p) => [p.site, p.len, p.chosen?.index])).toEqual([
      [0x1000, 3, 0],
      [0x1010, 9, 1],
    ]);
    expect(mem.writes).toBe(2);
    expect(hex(mem.read(0x1000, 3))).toBe(WRMSR_NS);
    expect(hex(mem.read(0x1010, 9))).toBe("0f 01 c6 66 0f 1f 44 00 00");
  });
});

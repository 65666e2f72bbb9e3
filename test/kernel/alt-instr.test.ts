/**
 * The `struct alt_instr` codec (absolute addresses from self-relative offsets) and the objtool-like
 * table checks. Tables are written out byte by byte from the layout in reference/linux-x86.md §1.
 */
import { describe, expect, it } from "vitest";
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT } from "../../src/isa/alt-instr.js";
import { features } from "../../src/isa/features.js";
import { AltInstrError, altInstrApplies, altSites, decodeAltInstrs, encodeAltInstrs, type AltInstr, type AltInstrFields } from "../../src/kernel/alt-instr.js";
import { checkAltInstrs, type AltProblemKind } from "../../src/kernel/alternatives-check.js";
import { bytes, hex, SparseMemory } from "./support.js";

const { X86_FEATURE_WRMSRNS: WRMSRNS, X86_FEATURE_MSR_IMM: MSR_IMM, X86_FEATURE_XENPV: XENPV } = features;

// Two records at 0x3000 and 0x300e.
//   record 0: site 0x1000 = 0x3000 − 0x2000; repl 0x2000 = 0x3004 − 0x1004; WRMSRNS (403 = 0x193), NOT, 3, 3
//   record 1: site 0x1010 = 0x300e − 0x1ffe; repl 0x2003 = 0x3012 − 0x100f; MSR_IMM (688 = 0x2b0), DIRECT_CALL, 6, 5
const TABLE = bytes(`
  00 e0 ff ff  fc ef ff ff  93 01  01 00  03  03
  02 e0 ff ff  f1 ef ff ff  b0 02  02 00  06  05
`);
const DECODED: AltInstr[] = [
  { index: 0, address: 0x3000, site: 0x1000, repl: 0x2000, feature: WRMSRNS, flags: ALT_FLAG_NOT, instrlen: 3, replacementlen: 3 },
  { index: 1, address: 0x300e, site: 0x1010, repl: 0x2003, feature: MSR_IMM, flags: ALT_FLAG_DIRECT_CALL, instrlen: 6, replacementlen: 5 },
];

describe("alt_instr codec", () => {
  it("decodes offsets into absolute site and replacement addresses", () => {
    expect(decodeAltInstrs(TABLE, 0x3000)).toEqual(DECODED);
  });

  it("encodes back to the same bytes", () => {
    expect(hex(encodeAltInstrs(DECODED, 0x3000))).toBe(hex(TABLE));
  });

  it("decodes an empty table", () => {
    expect(decodeAltInstrs(new Uint8Array(0), 0x3000)).toEqual([]);
  });

  it("rejects a size that is not a multiple of 14", () => {
    expect(() => decodeAltInstrs(TABLE.subarray(0, 27), 0x3000)).toThrow(AltInstrError);
    expect(() => decodeAltInstrs(TABLE.subarray(0, 27), 0x3000)).toThrow(/0x1b is not a multiple of 14/);
  });

  it("refuses what the record cannot hold", () => {
    const ok: AltInstrFields = { site: 0x1000, repl: 0x2000, feature: WRMSRNS, flags: 0, instrlen: 3, replacementlen: 3 };
    expect(() => encodeAltInstrs([{ ...ok, site: 0x1_0000_0000 }], 0)).toThrow(/site 0x100000000 is out of reach/);
    expect(() => encodeAltInstrs([{ ...ok, instrlen: 256 }], 0)).toThrow(AltInstrError);
    expect(() => encodeAltInstrs([{ ...ok, feature: -1 }], 0)).toThrow(AltInstrError);
  });

  it("groups consecutive records of one address into a site as long as its longest record", () => {
    const sites = altSites([
      rec(0, 0x1000, 3),
      rec(1, 0x1000, 9),
      rec(2, 0x1010, 5),
    ]);
    expect(sites.map((s) => [s.site, s.len, s.records.map((r) => r.index)])).toEqual([
      [0x1000, 9, [0, 1]],
      [0x1010, 5, [2]],
    ]);
  });

  it.each([
    // feature present, NOT flag → applies
    [true, 0, true],
    [false, 0, false],
    [true, ALT_FLAG_NOT, false],
    [false, ALT_FLAG_NOT, true],
    [true, ALT_FLAG_DIRECT_CALL, true],
  ])("has=%s flags=%i → applies %s", (has, flags, applies) => {
    expect(altInstrApplies({ ...rec(0, 0x1000, 3), flags }, () => has)).toBe(applies);
  });
});

function rec(index: number, site: number, instrlen: number, more: Partial<AltInstr> = {}): AltInstr {
  return { index, address: 0x3000 + 14 * index, site, repl: 0x2000 + 0x10 * index, feature: WRMSRNS, flags: 0, instrlen, replacementlen: Math.min(instrlen, 3), ...more };
}

interface CheckCase {
  name: string;
  records: AltInstr[];
  sectionSize?: number;
  /** Bytes at addresses, for the DIRECT_CALL byte checks. */
  mem?: [number, string][];
  want: [index: number, kind: AltProblemKind][];
}

const checks: CheckCase[] = [
  { name: "a good table, nested sites included", records: [rec(0, 0x1000, 3), rec(1, 0x1000, 9), rec(2, 0x1010, 5)], sectionSize: 42, want: [] },
  { name: "size not a multiple of 14", records: [rec(0, 0x1000, 3)], sectionSize: 20, want: [[1, "table-size"]] },
  { name: "empty original", records: [rec(0, 0x1000, 0, { replacementlen: 0 })], want: [[0, "empty-original"]] },
  { name: "sites that overlap without coinciding", records: [rec(0, 0x1000, 6), rec(1, 0x1004, 3)], want: [[1, "weird-overlap"]] },
  { name: "a site inside a longer earlier one", records: [rec(0, 0x1000, 12), rec(1, 0x1004, 2), rec(2, 0x1008, 2)], want: [[1, "weird-overlap"], [2, "weird-overlap"]] },
  { name: "sites that touch do not overlap", records: [rec(0, 0x1000, 6), rec(1, 0x1006, 3)], want: [] },
  { name: "the widest record of a site counts for overlap", records: [rec(0, 0x1000, 2), rec(1, 0x1000, 8), rec(2, 0x1004, 2)], want: [[2, "weird-overlap"]] },
  { name: "records of one site not consecutive", records: [rec(0, 0x1000, 3), rec(1, 0x1010, 3), rec(2, 0x1000, 3)], want: [[2, "split-site"]] },
  { name: "replacement longer than the site", records: [rec(0, 0x1000, 3, { replacementlen: 4 })], want: [[0, "replacement-too-long"]] },
  { name: "an inner replacement longer than its own instrlen but within the site", records: [rec(0, 0x1000, 2, { replacementlen: 3 }), rec(1, 0x1000, 9)], want: [] },
  {
    name: "DIRECT_CALL of the right shape",
    records: [rec(0, 0x1000, 6, { flags: ALT_FLAG_DIRECT_CALL, feature: XENPV, replacementlen: 5 })],
    mem: [[0x1000, "ff 15 fa 2f 00 00"], [0x2000, "e8 00 00 00 00"]],
    want: [],
  },
  { name: "DIRECT_CALL with a 3-byte replacement", records: [rec(0, 0x1000, 6, { flags: ALT_FLAG_DIRECT_CALL, replacementlen: 3 })], want: [[0, "direct-call"]] },
  { name: "DIRECT_CALL with a 5-byte original", records: [rec(0, 0x1000, 5, { flags: ALT_FLAG_DIRECT_CALL, replacementlen: 5 })], want: [[0, "direct-call"]] },
  {
    name: "DIRECT_CALL over bytes that are not call *disp(%rip), to bytes that are not a call",
    records: [rec(0, 0x1000, 6, { flags: ALT_FLAG_DIRECT_CALL, replacementlen: 5 })],
    mem: [[0x1000, "e8 00 00 00 00 90"], [0x2000, "e9 00 00 00 00"]],
    want: [[0, "direct-call"], [0, "direct-call"]],
  },
];

describe("checkAltInstrs", () => {
  it.each(checks.map((c) => [c.name, c] as const))("%s", (_, c) => {
    let mem: SparseMemory | undefined;
    if (c.mem) {
      mem = new SparseMemory();
      for (const [addr, text] of c.mem) mem.load(addr, bytes(text));
    }
    const problems = checkAltInstrs(c.records, c.sectionSize, mem);
    expect(problems.map((p) => [p.index, p.kind])).toEqual(c.want);
    for (const p of problems) {
      expect(p.message).not.toBe("");
      if (p.kind !== "table-size") expect(p.site).toBe(c.records[p.index]!.site);
    }
  });

  it("accepts the decoded example table", () => {
    expect(checkAltInstrs(DECODED, TABLE.length)).toEqual([]);
  });
});

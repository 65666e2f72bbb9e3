/**
 * disassemble() against objdump 2.40: every instruction of the encoding vectors (test/encode/vectors,
 * each line already checked against GNU as) is assembled by GNU as into one `.text`, disassembled by
 * `objdump -d` and by us, and the texts must agree line for line — except for the few objdump habits
 * iced cannot reproduce, listed in KNOWN_DIFFERENCES with the reason. The MSR-immediate vectors, which
 * GNU as 2.40 cannot assemble, are checked against their own source lines in binutils 2.44 syntax.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disassemble } from "../../src/isa/disasm.js";
import { binutils, gnuAs, scratchDir } from "../support/gnu.js";
import { readVectors, vectorFiles } from "../support/vectors.js";

const dir = scratchDir("alternator-disasm-");
afterAll(() => rmSync(dir, { recursive: true }));

/**
 * objdump output we accept not to match, as [objdump's text, ours]:
 * - prefixes that do nothing (`rex.W nop`, `data16`, `addr32`, a stray `repnz`): iced drops them, and
 *   then decodes `48 90` as `xchg %rax,%rax`;
 * - `66 c3`: iced decodes the operand-size prefix on a 64-bit near RET as ignored (Intel), objdump as `retw`.
 */
const KNOWN_DIFFERENCES: RegExp[] = [/^(rex(\.\w+)?|data16|addr32|repnz) /, /^retw\b/];

function normalize(s: string): string {
  return s.replace(/\s+/g, " ").replace(/, /g, ",").trim();
}

describe("disassemble matches objdump -d", () => {
  const lines = vectorFiles()
    .filter((f) => f !== "msr-imm.txt")
    .flatMap((f) => readVectors(f))
    .filter((v) => v.expect.kind === "bytes")
    .map((v) => v.source);
  const res = gnuAs(`\t.text\nfoo:\n${lines.map((l) => `\t${l}\n`).join("")}`, dir, "vectors.s");
  const bin = join(dir, "text.bin");
  execFileSync("/usr/bin/objcopy", ["-O", "binary", "--only-section=.text", res.object, bin]);
  const objdump = new Map<bigint, string>();
  for (const l of binutils("objdump", ["-d", res.object]).split("\n")) {
    const m = /^\s+([0-9a-f]+):\t[0-9a-f ]+\t(.*)$/.exec(l);
    if (m) objdump.set(BigInt(`0x${m[1]}`), m[2]!);
  }
  const ours = disassemble(new Uint8Array(readFileSync(bin)), 0n, 64, (a) => (a === 0n ? "foo" : `foo+0x${a.toString(16)}`));

  it(`covers the ${lines.length} vector instructions`, () => {
    expect(res.ok).toBe(true);
    expect(ours.length).toBe(objdump.size);
  });

  it("prints the same text, apart from the known differences", () => {
    const unexpected: string[] = [];
    let known = 0;
    for (const l of ours) {
      const want = objdump.get(l.address);
      if (want === l.text) continue;
      if (want !== undefined && KNOWN_DIFFERENCES.some((re) => re.test(want))) known++;
      else unexpected.push(`${l.address.toString(16)}: objdump "${want}", ours "${l.text}"`);
    }
    expect(unexpected).toEqual([]);
    expect(known).toBeLessThan(20);
  });
});

describe("the MSR-immediate shim", () => {
  const vectors = readVectors("msr-imm.txt").filter((v) => v.expect.kind === "bytes");
  it.each(vectors.map((v) => [v.source, v.expect.kind === "bytes" ? v.expect.hex : ""]))("%s", (source, hex) => {
    const bytes = new Uint8Array(hex.split(" ").map((b) => parseInt(b, 16)));
    const [line, ...rest] = disassemble(bytes, 0x1000n, 64);
    expect(rest).toEqual([]);
    expect(line!.length).toBe(bytes.length);
    expect(normalize(line!.text)).toBe(normalize(source));
  });

  it("names a segment prefix in front, as objdump does for `ds wrmsr`", () => {
    const [line] = disassemble(new Uint8Array([0x3e, 0xc4, 0xe7, 0x7a, 0xf6, 0xc0, 0x10, 0, 0, 0]), 0n, 64);
    expect(line!.text).toBe("ds wrmsrns %rax,$0x10");
  });
});

describe("objdump conventions", () => {
  const text = (hex: string, sym?: (a: bigint) => string | undefined): string[] =>
    disassemble(new Uint8Array(hex.split(" ").map((b) => parseInt(b, 16))), 0x10n, 64, sym).map((l) => l.text);

  it("branch targets: bare address with a symbol, 0x… without", () => {
    expect(text("e8 00 00 00 00", () => "foo+0x15")).toEqual(["call   15 <foo+0x15>"]);
    expect(text("e8 00 00 00 00")).toEqual(["call   0x15"]);
    expect(disassemble(new Uint8Array([0xeb, 0xfe]), 0x10n, 64)[0]!.target).toBe(0x10n);
  });
  it("RIP-relative operands carry the address comment", () => {
    expect(text("48 8d 05 10 00 00 00")).toEqual(["lea    0x10(%rip),%rax        # 0x27"]);
  });
  it("an undecodable byte is one (bad)", () => {
    expect(text("c4")).toEqual(["(bad)"]);
  });
  it("32-bit code decodes as 32-bit", () => {
    expect(text("89 c2 c3").length).toBe(2);
    expect(disassemble(new Uint8Array([0x40]), 0n, 32)[0]!.text).toBe("inc    %eax");
  });
});

/** `alternator objdump IMAGE [--cpu PROFILE]`: addresses as objdump prints them, tables decoded with symbols, sites patched per profile. */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { objdumpCommand } from "../../src/cli/objdump.js";
import { link, writeExec } from "../../src/link/index.js";
import { binutils, scratchDir } from "../support/gnu.js";
import { imageSource, ours, runtimeFiles } from "./support.js";

const dir = scratchDir("alternator-objdump-image-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, "tables.elf");
writeFileSync(path, writeExec(link([...runtimeFiles(), imageSource("tables.S"), imageSource("lib.S"), imageSource("hello.S")].map((f) => ours(f, dir).object))));

describe("objdump of a linked image", () => {
  it("prints the same instruction lines as GNU objdump for the 64-bit code", () => {
    const lines = (text: string): string[] => text.split("\n").filter((l) => /^\s+[0-9a-f]+:\t/.test(l));
    const from = (text: string): string => text.slice(text.indexOf("<_start64>:"), text.indexOf("Disassembly of section .altinstr_replacement"));
    const gnu = lines(from(binutils("objdump", ["-d", path])));
    expect(gnu.length).toBeGreaterThan(30);
    expect(lines(from(objdumpCommand(path, {})))).toEqual(gnu);
  });

  it("names table targets by symbol", () => {
    const out = objdumpCommand(path, {});
    expect(out).toMatch(/site 0x[0-9a-f]+ <tables_entry\+0x9> replacement/);
    expect(out).toMatch(/from 0x[0-9a-f]+ <tables_entry\+0xc> to 0x[0-9a-f]+ <tables_entry\+0x11> data 0x0000000b: EX_TYPE_RDMSR_SAFE/);
  });

  const cases: [string, string, string][] = [
    ["legacy", "original (no record applies)", "0f 30 90"],
    ["wrmsrns", "record 0: feature 403 X86_FEATURE_WRMSRNS", "0f 01 c6"],
    ["msr-imm", "record 0: feature 403 X86_FEATURE_WRMSRNS", "0f 01 c6"],
  ];
  for (const [cpu, why, after] of cases) {
    it(`--cpu ${cpu} shows the site as that profile runs it`, () => {
      const out = objdumpCommand(path, { cpu });
      expect(out).toContain(`<tables_entry+0x9> len 3: ${why}`);
      expect(out).toMatch(new RegExp(`before: 0f 30 90\\n\\s+after:  ${after}`));
      expect(out).toMatch(new RegExp(`\\t${after === "0f 30 90" ? "wrmsr" : "wrmsrns"}`));
    });
  }
});

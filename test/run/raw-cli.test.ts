/** `alternator run --raw` and `--raw-batch` as DESIGN.md specifies them (the core itself is tested in test/emu). */
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scratchDir } from "../support/gnu.js";

const dir = scratchDir("alternator-raw-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CLI = join(import.meta.dirname, "..", "..", "bin", "alternator.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, "run", ...args], { encoding: "utf8", cwd: dir });

writeFileSync(join(dir, "inc.bin"), Buffer.from([0x48, 0xff, 0xc0, 0x88, 0x04, 0x25, 0x00, 0x20, 0x00, 0x00, 0xf4])); // inc %rax; mov %al, 0x2000; hlt
writeFileSync(join(dir, "ud.bin"), Buffer.from([0x90, 0x0f, 0x0b])); // nop; ud2
writeFileSync(join(dir, "state.json"), JSON.stringify({ rax: "0x41", rbx: "0xffffffffffffffff", rflags: "0x202", extra: "ignored", dump: [{ addr: "0x2000", len: 2 }], mem: [{ addr: "0x2001", hex: "aa" }] }));
writeFileSync(join(dir, "list.json"), JSON.stringify([{ bin: "inc.bin", base: "0x1000", regs: "state.json" }, { bin: "ud.bin", base: "0x4000" }]));

describe("run --raw", () => {
  it("runs to HLT and prints every GPR, rip of the HLT, rflags, the windows and steps", () => {
    const r = cli("--raw", "inc.bin", "--base", "0x1000", "--regs", "state.json", "--json");
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ rax: "0x42", rbx: "0xffffffffffffffff", rip: "0x100a", steps: 3, mem: [{ addr: "0x2000", hex: "42aa" }] });
    expect(s.rflags).toBe("0x206"); // inc 0x41 → 0x42: PF (two bits set), IF kept, the rest clear
    expect(Object.keys(s)).toEqual(expect.arrayContaining(["rcx", "rdx", "rsp", "rbp", "rsi", "rdi", "r8", "r15"]));
  });

  it("an exception with no handler: exception object and exit status 3", () => {
    const r = cli("--raw", "ud.bin", "--base", "0x1000", "--json");
    expect(r.status).toBe(3);
    expect(JSON.parse(r.stdout).exception).toMatchObject({ vector: 6, error_code: 0, rip: "0x1001" });
  });

  it("--raw-batch prints one JSON line per case, in order", () => {
    const r = cli("--raw-batch", "list.json", "--json");
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0].rax).toBe("0x42");
    expect(lines[1].exception.vector).toBe(6);
  });

  it("bad input is a clear error", () => {
    writeFileSync(join(dir, "bad.json"), "{ not json");
    const r = cli("--raw", "inc.bin", "--base", "0x1000", "--regs", "bad.json", "--json");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[C002\]: bad\.json: not valid JSON/);
    expect(cli("--raw", "inc.bin", "--json").stderr).toMatch(/--base ADDR is required/);
  });
});

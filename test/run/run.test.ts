/**
 * `alternator run` end to end: images linked with the runtime boot in the bundled emulator on every
 * profile, the exit status is the guest's code, a run that would never end stops at its budget with a
 * report, and `--expect` prints a diff. (The runtime linked here is whatever runtime/ holds.)
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../../src/asm/assemble.js";
import { cpuProfiles, findProfile } from "../../src/isa/cpu-profiles.js";
import { link, runtimeObjects, writeExec } from "../../src/link/index.js";
import { readExec } from "../../src/obj/read-exec.js";
import { runImage } from "../../src/emu/run-image.js";
import { scratchDir } from "../support/gnu.js";

const dir = scratchDir("alternator-run-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CLI = join(import.meta.dirname, "..", "..", "bin", "alternator.js");

function image(name: string, src: string): string {
  const obj = assemble(src, { file: `${name}.S` }).object;
  const path = join(dir, `${name}.elf`);
  writeFileSync(path, writeExec(link([...runtimeObjects(), obj])));
  return path;
}

const hello = image("hello", `
	.globl main
main:
	leaq msg(%rip), %rdi
	call console_puts
	movl $5, %eax
	ret
	.section .rodata
msg: .asciz "hi from the emulator\\n"
`);

const spin = image("spin", `
	.globl main
main:
1:	jmp 1b
`);

const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, "run", ...args], { encoding: "utf8" });

describe("alternator run", () => {
  for (const p of cpuProfiles) {
    it(`hello on ${p.name}: console and exit code`, () => {
      const r = runImage(readExec(new Uint8Array(readFileSync(hello)), hello), findProfile(p.name)!);
      expect(r.console).toBe("hi from the emulator\n");
      expect(r.exitCode).toBe(5);
      expect(r.disagreements).toEqual([]);
    });
  }

  it("the exit status is the guest's exit code; console on stdout", () => {
    const r = cli(hello);
    expect(r.stdout).toBe("hi from the emulator\n");
    expect(r.status).toBe(5);
  });

  it("several profiles: a block each and a summary", () => {
    const r = cli(hello, "--cpu", "legacy", "--cpu", "xen-pv");
    expect(r.stdout).toBe("== legacy ==\nhi from the emulator\n== xen-pv ==\nhi from the emulator\n\nlegacy: exited with code 5\nxen-pv: exited with code 5\n");
  });

  it("a run that never ends stops at its step budget and says where", () => {
    const r = cli(spin, "--max-steps", "100000");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/step budget of 100000 instructions used up/);
  });

  it("--trace prints each instruction with its symbol and source line", () => {
    const r = cli(hello, "--trace", "--max-steps", "100000");
    expect(r.stderr).toMatch(/^[0-9a-f]{8} main\s+48 8d 3d [0-9a-f ]+ hello\.S:4$/m);
    expect(r.stderr).toMatch(/^[0-9a-f]{8} _start64\s+.* \S*runtime\/start\.S:\d+$/m);
  });

  it("--json reports counters", () => {
    const r = cli(hello, "--json");
    const j = JSON.parse(r.stdout);
    expect(j.exitCode).toBe(5);
    expect(j.counters.instructions).toBeGreaterThan(50);
    expect(j.counters.msr).toEqual({ immediate: 0, wrmsrns: 0, wrmsr: 0, rdmsr: expect.any(Number), xenThunk: 0, hypervisorTrap: 0 });
  });

  it("--expect prints a diff and fails on a mismatch", () => {
    const want = join(dir, "want.json");
    writeFileSync(want, JSON.stringify({ console: "hi from the emulator\n", exitCode: 5 }));
    expect(cli(hello, "--expect", want).status).toBe(0);
    writeFileSync(want, JSON.stringify({ console: "hello\n", exitCode: 0 }));
    const r = cli(hello, "--expect", want);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("exit code: got 5, want 0");
    expect(r.stderr).toContain("  -hello\n  +hi from the emulator");
  });

  it("an image patched at link time (--cpu) is not patched again at boot", () => {
    const src = `
	.globl main
main:
	movl $0x48, %ecx	/* IA32_SPEC_CTRL := 0 */
	xorl %eax, %eax
	xorl %edx, %edx
661:	wrmsr
662:	.skip -(((6651f-6641f)-(662b-661b)) > 0) * ((6651f-6641f)-(662b-661b)), 0x90
663:
	.pushsection .altinstructions, "a"
	.long 661b - ., 6641f - .
	.2byte 12*32+19, 0
	.byte 663b - 661b, 6651f - 6641f
	.popsection
	.pushsection .altinstr_replacement, "ax"
6641:	wrmsrns
6651:
	.popsection
	movzbl 661b+1(%rip), %eax	/* 0x30 (wrmsr) or 0x01 (wrmsrns) */
	ret
`;
    const obj = assemble(src, { file: "static.S" }).object;
    const path = join(dir, "static.elf");
    writeFileSync(path, writeExec(link([...runtimeObjects(), obj], { cpu: "wrmsrns" })));
    const exe = readExec(new Uint8Array(readFileSync(path)), path);
    for (const p of ["legacy", "wrmsrns", "msr-imm"]) {
      const r = runImage(exe, findProfile(p)!, { maxSteps: 1_000_000 });
      // wrmsrns (0f 01 c6) runs on every profile: on legacy it is #UD, which no extable entry covers.
      if (p === "legacy") expect(r.exitCode).toBe(0x7f);
      else expect(r.exitCode).toBe(0x01);
      expect(r.disagreements.filter((d) => d.kind === "alternatives")).toEqual([]);
    }
  });

  it("an unknown profile is a clear error", () => {
    const r = cli(hello, "--cpu", "486");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[L009\]: unknown CPU profile `486`/);
  });
});

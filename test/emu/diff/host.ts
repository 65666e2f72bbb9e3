/**
 * The host CPU as a reference: test/emu/host-runner.c, compiled with gcc, runs each case natively in
 * user mode at the differential layout's addresses (gen.ts), from the same registers and memory.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Assembled, RefResult } from "./compare.js";
import { DATA, STACK, STACK_WINDOW } from "./gen.js";

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(here, "..", "host-runner.c");
const NAMES = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];

/** Why the host reference cannot run here, or undefined when it can. */
export function hostUnavailable(): string | undefined {
  if (process.arch !== "x64" || process.platform !== "linux") return `the host is ${process.platform}/${process.arch}, not linux/x64`;
  const r = spawnSync("gcc", ["--version"], { encoding: "utf8" });
  if (r.status !== 0) return "gcc is not installed";
  return undefined;
}

/** Compiles the runner into a temporary directory. */
export function buildHostRunner(): string {
  const dir = mkdtempSync(join(tmpdir(), "alternator-host-"));
  const exe = join(dir, "host-runner");
  execFileSync("gcc", ["-O1", "-o", exe, SOURCE], { stdio: "pipe" });
  return exe;
}

export function runHost(exe: string, cases: Assembled[]): RefResult[] {
  const lines = cases.map((c) => {
    const data = c.mem.find((m) => Number(m.addr) === DATA)!.hex;
    const stack = c.mem.find((m) => Number(m.addr) === STACK + STACK_WINDOW)!.hex;
    const regs = NAMES.map((n) => (c.regs[n] ?? "0x0").replace(/^0x/, ""));
    return [Buffer.from(c.bytes).toString("hex"), ...regs, c.rflags.replace(/^0x/, ""), data, stack].join(" ");
  });
  const out = execFileSync(exe, { input: lines.join("\n") + "\n", encoding: "utf8", maxBuffer: 1 << 30 });
  return out.trim().split("\n").map((l) => {
    const f = l.split(" ");
    const r: RefResult = { rip: `0x${f[17]}`, rflags: `0x${f[16]}`, mem: [{ addr: `0x${DATA.toString(16)}`, hex: f[19]! }, { addr: `0x${(STACK + STACK_WINDOW).toString(16)}`, hex: f[20]! }] };
    NAMES.forEach((n, i) => (r[n] = `0x${f[i]}`));
    const v = Number(f[18]);
    if (v >= 0) r.exception = { vector: v, rip: `0x${f[17]}` };
    return r;
  });
}

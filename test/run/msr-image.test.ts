/**
 * The MSR test image (examples/msr): kernel-style hand-written alternatives sites with their
 * exception-table entries and the proposal's Xen thunk with its EX_TYPE_INDIRECT error path. The same
 * console output on every profile of the bundled emulator and in QEMU TCG; on each profile the site
 * takes its expected path (the counters say which), the faulting write reaches the site's own fixup
 * with -EIO (on xen-pv through EX_TYPE_INDIRECT), and the accesses the thunk handles itself (segment
 * bases by hypercall, syscall MSRs ignored) make no hypervisor trap.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assemble } from "../../src/asm/assemble.js";
import { findProfile } from "../../src/isa/cpu-profiles.js";
import { link, runtimeObjects, writeExec } from "../../src/link/index.js";
import { readExec } from "../../src/obj/read-exec.js";
import { runImage } from "../../src/emu/run-image.js";
import { scratchDir } from "../support/gnu.js";
import { bootInQemu, haveQemu } from "../support/qemu.js";

const SRC = join(import.meta.dirname, "..", "..", "examples", "msr");
const dir = scratchDir("alternator-msr-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The image; `faultingRead` adds a read of an MSR that does not exist (hardware and emulator only). */
function build(name: string, faultingRead: boolean): { path: string; exe: ReturnType<typeof readExec> } {
  const defsyms = faultingRead ? { FAULTING_READ: 1n } : {};
  const objects = ["main.S", "xen-thunk.S"].map((f) => assemble(readFileSync(join(SRC, f), "latin1"), { file: join(SRC, f), includeDirs: [SRC], defsyms }).object);
  const path = join(dir, name);
  writeFileSync(path, writeExec(link([...runtimeObjects(), ...objects])));
  return { path, exe: readExec(new Uint8Array(readFileSync(path)), path) };
}
const { path, exe } = build("msr.elf", false);
const withRead = build("msr-read.elf", true).exe;

const CONSOLE = [
  "wrmsr FS_BASE := 0x1234000, error 0x0000000000000000",
  "rdmsr FS_BASE = 0x0000000001234000",
  "  error 0x0000000000000000",
  "wrmsr LSTAR := 0xffffffff81000000, error 0x0000000000000000",
  "wrmsr IA32_PKRS := 0x100000000, error 0xfffffffffffffffb",
  "msr: done",
  "",
].join("\n");

/** Per profile: MSR accesses by path, fixups by the type that handled them, hypercalls. */
const PATHS: Record<string, { msr: Record<string, number>; fixups: Record<string, number>; hypercalls: Record<string, number> }> = {
  legacy: { msr: { immediate: 0, wrmsrns: 0, wrmsr: 3, rdmsr: 1, xenThunk: 0, hypervisorTrap: 0 }, fixups: { EX_TYPE_WRMSR_SAFE: 1 }, hypercalls: {} },
  wrmsrns: { msr: { immediate: 0, wrmsrns: 3, wrmsr: 0, rdmsr: 1, xenThunk: 0, hypervisorTrap: 0 }, fixups: { EX_TYPE_WRMSR_SAFE: 1 }, hypercalls: {} },
  "msr-imm": { msr: { immediate: 4, wrmsrns: 0, wrmsr: 0, rdmsr: 0, xenThunk: 0, hypervisorTrap: 0 }, fixups: { EX_TYPE_WRMSR_SAFE: 1 }, hypercalls: {} },
  // The thunk: FS_BASE by hypercall and LSTAR ignored (no trap); the FS_BASE read and the PKRS write
  // trap; the PKRS #GP is caught in the thunk (DEFAULT), which then ud2s into INDIRECT → WRMSR_SAFE.
  "xen-pv": { msr: { immediate: 0, wrmsrns: 0, wrmsr: 1, rdmsr: 1, xenThunk: 4, hypervisorTrap: 2 }, fixups: { EX_TYPE_DEFAULT: 1, EX_TYPE_WRMSR_SAFE: 1 }, hypercalls: { set_segment_base: 1 } },
};

describe("the MSR test image", () => {
  for (const [profile, want] of Object.entries(PATHS)) {
    it(`${profile}: same console, expected path, fixup with -EIO, no cross-check disagreement`, () => {
      const r = runImage(exe, findProfile(profile)!);
      expect(r.console).toBe(CONSOLE);
      expect(r.exitCode).toBe(0);
      expect(r.counters.msr).toEqual(want.msr);
      expect(r.counters.fixups).toEqual(want.fixups);
      expect(r.counters.hypercalls).toEqual(want.hypercalls);
      expect(r.disagreements).toEqual([]);
    });
  }

  const READ_LINES = "rdmsr 0x12345 = 0x0000000000000000\n  error 0xfffffffffffffffb\n";
  /** The faulting read adds one RDMSR_SAFE fixup (on xen-pv after the thunk's DEFAULT) and one access. */
  const READ_EXTRA: Record<string, { msr: string; fixups: string[] }> = {
    legacy: { msr: "rdmsr", fixups: ["EX_TYPE_RDMSR_SAFE"] },
    wrmsrns: { msr: "rdmsr", fixups: ["EX_TYPE_RDMSR_SAFE"] },
    "msr-imm": { msr: "immediate", fixups: ["EX_TYPE_RDMSR_SAFE"] },
    "xen-pv": { msr: "rdmsr", fixups: ["EX_TYPE_DEFAULT", "EX_TYPE_RDMSR_SAFE"] },
  };
  for (const [profile, extra] of Object.entries(READ_EXTRA)) {
    it(`${profile}: a faulting read reaches the site's RDMSR_SAFE fixup with -EIO and a cleared value`, () => {
      const r = runImage(withRead, findProfile(profile)!);
      expect(r.console).toBe(CONSOLE.replace("msr: done\n", READ_LINES + "msr: done\n"));
      const want = PATHS[profile]!;
      const msr = { ...want.msr, [extra.msr]: want.msr[extra.msr]! + 1 };
      if (profile === "xen-pv") { msr.xenThunk! += 1; msr.hypervisorTrap! += 1; }
      expect(r.counters.msr).toEqual(msr);
      const fixups = { ...want.fixups };
      for (const t of extra.fixups) fixups[t] = (fixups[t] ?? 0) + 1;
      expect(r.counters.fixups).toEqual(fixups);
      expect(r.disagreements).toEqual([]);
    });
  }

  it.skipIf(!haveQemu() && !process.env.CI)("QEMU TCG prints the same console output", () => {
    const q = bootInQemu(path);
    expect(q.console).toBe(CONSOLE);
    expect(q.exit).toBe(0);
  });
});

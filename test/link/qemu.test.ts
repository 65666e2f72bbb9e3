/**
 * The image oracle: QEMU boots the image through the PVH note and the 32-bit stub, exactly as it
 * boots a Linux kernel with -kernel. The console is -debugcon on port 0xE9 and the exit code comes
 * from isa-debug-exit on 0xF4 as (V << 1) | 1. CI installs qemu-system-x86 (.ci/run); a machine without
 * it reports the test as skipped with the reason.
 */
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { link, runtimeObjects, writeExec } from "../../src/link/index.js";
import { scratchDir } from "../support/gnu.js";
import { imageSource, ours } from "./support.js";

export const QEMU = "/usr/bin/qemu-system-x86_64";

/** Boots an image in QEMU TCG; returns the console text and the guest's exit code. */
export function bootInQemu(image: string, timeoutMs = 30_000): { console: string; exit: number | null; status: number | null } {
  const r = spawnSync(QEMU, [
    "-accel", "tcg", "-nographic", "-serial", "none", "-monitor", "none", "-no-reboot",
    "-kernel", image, "-debugcon", "stdio", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
  ], { encoding: "latin1", timeout: timeoutMs });
  const status = r.status;
  return { console: r.stdout, status, exit: status !== null && (status & 1) === 1 ? status >> 1 : null };
}

const dir = scratchDir("alternator-qemu-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!existsSync(QEMU))("QEMU boots Alternator images", () => {
  it("hello: prints its line and exits with main's return value", () => {
    const image = link([...runtimeObjects(), ours(imageSource("hello.S"), dir).object]);
    const path = join(dir, "hello.elf");
    writeFileSync(path, writeExec(image));
    const run = bootInQemu(path);
    expect(run.console).toBe("Hello from Alternator\n");
    expect(run.exit).toBe(3);
  });
});

// In CI QEMU must be there (.ci/run installs it): its absence is a failure, not a skip.
it.runIf(!existsSync(QEMU) && !!process.env.CI)("qemu-system-x86_64 is installed in CI", () => {
  expect(existsSync(QEMU), `${QEMU} is missing: .ci/run should have installed qemu-system-x86`).toBe(true);
});

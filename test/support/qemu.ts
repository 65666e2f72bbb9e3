/**
 * The image oracle: QEMU boots an image through the PVH note and the 32-bit stub, exactly as it boots a
 * Linux kernel with -kernel. The console is -debugcon on port 0xE9 and the exit code comes from
 * isa-debug-exit on 0xF4 as (V << 1) | 1. CI installs qemu-system-x86 (.ci/run).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const QEMU = "/usr/bin/qemu-system-x86_64";

export const haveQemu = (): boolean => existsSync(QEMU);

/** Boots an image in QEMU TCG; returns the console text and the guest's exit code. */
export function bootInQemu(image: string, timeoutMs = 30_000): { console: string; exit: number | null; status: number | null } {
  const r = spawnSync(QEMU, [
    "-accel", "tcg", "-nographic", "-serial", "none", "-monitor", "none", "-no-reboot",
    "-kernel", image, "-debugcon", "stdio", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
  ], { encoding: "latin1", timeout: timeoutMs });
  const status = r.status;
  return { console: r.stdout, status, exit: status !== null && (status & 1) === 1 ? status >> 1 : null };
}

/** QEMU boots the linked hello image (test/support/qemu.ts has the command line). */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { link, runtimeObjects, writeExec } from "../../src/link/index.js";
import { scratchDir } from "../support/gnu.js";
import { bootInQemu, QEMU } from "../support/qemu.js";
import { imageSource, ours } from "./support.js";

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
if (!existsSync(QEMU) && process.env.CI) {
  it("qemu-system-x86_64 is installed in CI", () => {
    expect.fail(`${QEMU} is missing: .ci/run should have installed qemu-system-x86`);
  });
}

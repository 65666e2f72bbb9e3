/**
 * The Rollup plugin through Rollup's own JS API: a `.S` import becomes an ELF64 ET_REL asset that
 * readelf accepts, `.include`d files become watch files, and a bad source ends the build with the
 * assembler's diagnostic code and position.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rollup, type OutputAsset, type RollupError } from "rollup";
import { afterAll, describe, expect, it } from "vitest";
import { alternator } from "../../src/host/index.js";
import { ET_REL } from "../../src/obj/elf.js";

const dir = mkdtempSync(join(tmpdir(), "alternator-rollup-"));
afterAll(() => rmSync(dir, { recursive: true }));

/** Writes `files` (name → text) under a fresh folder of `dir` and returns its path. */
function fixture(name: string, files: Record<string, string>): string {
  const root = join(dir, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, ".."), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const tiny = {
  "entry.js": 'import obj from "./tiny.S";\nexport default obj;\n',
  "tiny.S": '\t.include "regs.inc"\n\t.text\n\t.globl f\nf:\tmovl $MSR_EFER, %ecx\n\trdmsr\n\tret\n',
  "inc/regs.inc": "MSR_EFER = 0xc0000080\n",
};

async function build(root: string, includeDirs: string[] = []) {
  const bundle = await rollup({ input: join(root, "entry.js"), plugins: [alternator({ includeDirs })] });
  const { output } = await bundle.generate({ format: "es" });
  await bundle.close();
  return { output, watchFiles: bundle.watchFiles };
}

describe("alternator() under rollup", () => {
  it("emits the assembled object as an ELF64 ET_REL asset named after the source", async () => {
    const root = fixture("ok", tiny);
    const { output } = await build(root, [join(root, "inc")]);
    const asset = output.find((o): o is OutputAsset => o.type === "asset");
    expect(asset?.names).toEqual(["tiny.o"]);
    const bytes = asset!.source as Uint8Array;
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x7f, 0x45, 0x4c, 0x46]);
    expect(new DataView(bytes.buffer, bytes.byteOffset).getUint16(16, true)).toBe(ET_REL);

    const obj = join(root, "tiny.o");
    writeFileSync(obj, bytes);
    const sections = execFileSync("/usr/bin/readelf", ["-S", "-W", obj], { encoding: "utf8" });
    expect(sections).toMatch(/\]\s+\.text\s+PROGBITS/);
  });

  it("exports the asset's URL from the .S module", async () => {
    const root = fixture("url", tiny);
    const { output } = await build(root, [join(root, "inc")]);
    const chunk = output.find((o) => o.type === "chunk")!;
    const asset = output.find((o) => o.type === "asset")!;
    expect(chunk.type === "chunk" && chunk.code).toContain(`new URL('${asset.fileName}', import.meta.url)`);
  });

  it("watches the source and every .include'd file", async () => {
    const root = fixture("watch", tiny);
    const { watchFiles } = await build(root, [join(root, "inc")]);
    expect(watchFiles).toEqual(expect.arrayContaining([join(root, "tiny.S"), join(root, "inc", "regs.inc")]));
  });

  it("fails the build with the diagnostic's code, file:line:col and code frame", async () => {
    const root = fixture("bad", { "entry.js": tiny["entry.js"], "tiny.S": "\t.text\nf:\n\tnop\n\tmovz %eax, %ebx\n" });
    const err: RollupError = await build(root).then(
      () => expect.fail("the build should fail"),
      (e: RollupError) => e,
    );
    expect(err.plugin).toBe("alternator");
    expect(err.pluginCode).toBe("A030");
    expect(err.message).toContain(`${join(root, "tiny.S")}:4:2: error[A030]:`);
    expect(err.message).toContain("4 | \tmovz %eax, %ebx");
    expect(err.loc).toEqual({ file: join(root, "tiny.S"), line: 4, column: 1 });
  });

  it("reports a missing .include as A024 at the directive", async () => {
    const root = fixture("noinc", tiny);
    const err: RollupError = await build(root).then(
      () => expect.fail("the build should fail"),
      (e: RollupError) => e,
    );
    expect(err.pluginCode).toBe("A024");
    expect(err.message).toMatch(/tiny\.S:1:\d+: error\[A024\]: cannot find include file `regs\.inc`/);
  });
});

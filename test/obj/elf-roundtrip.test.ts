/**
 * readElf → writeElf against the oracle: each sample is assembled by GNU as 2.40, read into the object
 * model and written back, and the two files must agree in everything readelf shows (section headers,
 * symbols, relocations, groups), in every section's contents, and — since the writer follows GNU's
 * layout — byte for byte. Our file must also pass `readelf -a` without warnings and link with `ld`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readElf } from "../../src/obj/read-elf.js";
import { writeElf } from "../../src/obj/write-elf.js";
import { binutils, gnuAs, scratchDir } from "../support/gnu.js";
import { samples } from "./samples.js";

const dir = scratchDir("alternator-elf-");
afterAll(() => rmSync(dir, { recursive: true }));

const CORPUS = new URL("../corpus/", import.meta.url).pathname;
const corpus = ["alternative.S", "entry_64.S"].map((name) => ({ name, source: readFileSync(join(CORPUS, name), "utf8") }));

/** readelf's view of a file, with the file name removed so two files compare equal. */
function view(file: string, flags: string): string {
  return binutils("readelf", [flags, file]).replaceAll(file, "FILE");
}

function sectionNames(file: string): string[] {
  return [...view(file, "-SW").matchAll(/^\s+\[\s*\d+\] (\S+)/gm)].map((m) => m[1]!);
}

describe.each([...samples, ...corpus])("round trip of $name", ({ name, source }) => {
  const res = gnuAs(source, dir, name, { includeDirs: [join(CORPUS, "include")] });
  const gnu = res.object;
  const ours = join(dir, `${name}.ours.o`);
  it("GNU as accepts the sample", () => expect(res.stderr).toBe(""));
  if (!res.ok) return;
  const obj = readElf(new Uint8Array(readFileSync(gnu)), gnu);
  writeFileSync(ours, writeElf(obj));

  it.each(["-hW", "-SW", "-sW", "-rW", "-gW"])("readelf %s is the same", (flags) => {
    expect(view(ours, flags)).toBe(view(gnu, flags));
  });

  it("every section has the same contents", () => {
    for (const s of sectionNames(gnu).filter((n) => n !== "NULL")) {
      const dump = (f: string): string => spawnSync("/usr/bin/readelf", ["-x", s, f], { encoding: "utf8" }).stdout.replaceAll(f, "FILE");
      expect(dump(ours), s).toBe(dump(gnu));
    }
  });

  it("is byte-identical to GNU's object", () => {
    expect(Buffer.from(readFileSync(ours)).equals(readFileSync(gnu))).toBe(true);
  });

  it("readelf -a prints no warnings", () => {
    const r = spawnSync("/usr/bin/readelf", ["-a", "-W", ours], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
  });

  it("ld -r accepts it together with a GNU object", () => {
    const other = gnuAs("\t.text\n\t.globl other\nother:\tret\n", dir, `other-${name}.s`).object;
    execFileSync("/usr/bin/ld", ["-r", ours, other, "-o", join(dir, `${name}.r.o`)]);
  });
});

describe("linking a written object into an executable", () => {
  it("ld -e 0 -Ttext=0x100000 resolves our relocations like GNU's", () => {
    const caller = gnuAs("\t.text\n\t.globl _start\n_start:\tcall foo\n\tmov msg(%rip),%eax\n\t.data\nmsg:\t.long 1\n", dir, "caller.s").object;
    const callee = gnuAs("\t.text\n\t.globl foo\n\t.type foo,@function\nfoo:\tlea data(%rip),%rax\n\tret\n\t.data\ndata:\t.quad foo\n", dir, "callee.s").object;
    const oursCallee = join(dir, "callee.ours.o");
    writeFileSync(oursCallee, writeElf(readElf(new Uint8Array(readFileSync(callee)), callee)));
    const link = (obj: string, out: string): string => {
      execFileSync("/usr/bin/ld", ["-e", "0", "-Ttext=0x100000", caller, obj, "-o", out]);
      return binutils("objdump", ["-d", "-s", out]).replaceAll(out, "FILE");
    };
    expect(link(oursCallee, join(dir, "ours.exe"))).toBe(link(callee, join(dir, "gnu.exe")));
  });
});

/**
 * Building the runtime's test images: an image under test/runtime/images, assembled by Alternator with
 * `kernel.inc` on the include path, linked behind the runtime exactly as `alternator link` links it,
 * and written as an ELF file QEMU can boot. The symbols come back by name, so that expected console
 * text can carry the addresses the image prints.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { assemble } from "../../src/asm/assemble.js";
import { link, runtimeObjects, writeExec, type Image } from "../../src/link/index.js";
import type { ObjectFile } from "../../src/obj/object.js";

export const IMAGES = join(import.meta.dirname, "images");

let runtime: ObjectFile[] | undefined;

export interface BuiltImage {
  image: Image;
  /** The ELF file. */
  path: string;
  /** A symbol's address (throws for an unknown name). */
  sym(name: string): number;
  /** A symbol's address as the runtime prints it (`%lx`). */
  hex(name: string): string;
}

/** Assembles `images/NAME.S` (with `--defsym`s), links it behind the runtime, writes `dir/NAME.elf`. */
export function buildImage(name: string, dir: string, defsyms: Record<string, bigint> = {}): BuiltImage {
  const file = join(IMAGES, `${name}.S`);
  const object = assemble(readFileSync(file, "latin1"), { file, includeDirs: [IMAGES], defsyms }).object;
  runtime ??= runtimeObjects();
  const image = link([...runtime, object]);
  const suffix = Object.entries(defsyms).map(([k, v]) => `-${k}${v}`).join("");
  const path = join(dir, `${name}${suffix}.elf`);
  writeFileSync(path, writeExec(image));
  const sym = (n: string): number => {
    const s = image.symbols.find((x) => x.name === n);
    if (!s) throw new Error(`${name}: no symbol ${n}`);
    return Number(s.value);
  };
  return { image, path, sym, hex: (n) => sym(n).toString(16) };
}

/** Where the corpus lives and how both assemblers are pointed at it. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const CORPUS_DIR = new URL("../corpus/", import.meta.url).pathname;
export const CORPUS_INCLUDE = join(CORPUS_DIR, "include");
export const LINK_DIR = join(CORPUS_DIR, "link");

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".S")).sort();
}

export function readCorpus(file: string, dir = CORPUS_DIR): string {
  return readFileSync(join(dir, file), "utf8");
}

/** Lines starting with a `.cfi_` directive: Alternator accepts and ignores them. */
export function usesCfi(source: string): boolean {
  return /^\s*\.cfi_/m.test(source);
}

/** The source GNU as would assemble to what Alternator should produce: `.cfi_*` lines blanked (kept as
 * empty lines so line numbers stay put). */
export function withoutCfi(source: string): string {
  return source.replace(/^\s*\.cfi_.*$/gm, "");
}

/**
 * The Rollup plugin: `.S`/`.s` files become modules of a Rollup build.
 *
 * What it does today, in its one hook (`load`, a "first" hook: the first plugin to return a result
 * wins, so other plugins' `.S` handling runs only for files this one's filter rejects):
 *
 * 1. reads the source as Latin-1 (as `alternator as` does: every byte of a string literal survives);
 * 2. assembles it with `assemble()` from `src/asm`, with the plugin's `-I` directories and defsyms;
 * 3. registers the source and every file read through `.include`/`.incbin` as watch files, so
 *    `rollup --watch` rebuilds when one changes (Rollup watches only the files it reads itself);
 * 4. emits the ELF64 ET_REL object (`writeElf`) as an asset named `<basename>.o` — its final file
 *    name follows `output.assetFileNames`;
 * 5. returns `export default import.meta.ROLLUP_FILE_URL_<ref>`: importing `./boot.S` gives the URL
 *    of its object file.
 *
 * Diagnostics keep their stable codes: errors end the build through `this.error` with the text
 * `alternator as` prints (`file:line:col: error[CODE]: message` and a code frame), warnings go to
 * `this.warn`, `.print` text to `this.info`.
 *
 * Not yet: the pass pipeline (source/unit/object stages), linking the objects into an image, and the
 * other bundlers through unplugin come in later issues (see DESIGN.md).
 */
import { readFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { createFilter, type FilterPattern } from "@rollup/pluginutils";
import type { Plugin, RollupError } from "rollup";
import { assemble } from "../asm/assemble.js";
import { DiagnosticError, type Diagnostic } from "../diag/diagnostic.js";
import { formatDiagnostic } from "../diag/frame.js";
import { writeElf } from "../obj/write-elf.js";

export interface AlternatorOptions {
  /** Files to assemble (default: names ending in `.S` or `.s`). */
  include?: FilterPattern;
  exclude?: FilterPattern;
  /** `-I` directories searched by `.include` and `.incbin`. */
  includeDirs?: string[];
  /** `--defsym NAME=VALUE` for every file. */
  defsyms?: Record<string, bigint | number>;
}

/**
 * @example
 * // rollup.config.ts
 * import { alternator } from "./src/host/index.js";
 * export default { input: "boot.js", plugins: [alternator({ includeDirs: ["include"] })], output: { dir: "dist" } };
 * // boot.js
 * import objectUrl from "./boot.S"; // URL of the emitted boot.o
 */
export function alternator(options: AlternatorOptions = {}): Plugin {
  const filter = createFilter(options.include ?? /\.[sS]$/, options.exclude);
  const includeDirs = (options.includeDirs ?? []).map((d) => resolve(d));
  const defsyms = Object.fromEntries(Object.entries(options.defsyms ?? {}).map(([k, v]) => [k, BigInt(v)]));

  return {
    name: "alternator",
    load(id) {
      if (!filter(id)) return null;
      const source = readFileSync(id).toString("latin1");
      const sources = (file: string): string | undefined => (resolve(file) === id ? source : readText(file));
      let result: ReturnType<typeof assemble>;
      try {
        result = assemble(source, { file: id, includeDirs, defsyms });
      } catch (e) {
        if (e instanceof DiagnosticError) return this.error(toRollupError(e.diagnostics, sources));
        throw e;
      }
      this.addWatchFile(id);
      for (const dep of result.dependencies) this.addWatchFile(resolve(dep));
      for (const d of result.diagnostics) this.warn(toRollupError([d], sources));
      for (const p of result.printed) this.info(p);
      const ref = this.emitFile({ type: "asset", name: basename(id).replace(/\.[sS]$/, "") + ".o", source: writeElf(result.object) });
      return { code: `export default import.meta.ROLLUP_FILE_URL_${ref};\n`, map: { mappings: "" } };
    },
  };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file).toString("latin1");
  } catch {
    return undefined;
  }
}

/**
 * One Rollup error for a list of diagnostics: the message is every diagnostic as the CLI prints it,
 * `pluginCode` the first one's code, `loc` its position (Rollup counts columns from 0).
 */
function toRollupError(ds: readonly Diagnostic[], sources: (file: string) => string | undefined): RollupError {
  const first = ds.find((d) => d.severity === "error") ?? ds[0];
  const err: RollupError = { message: ds.map((d) => formatDiagnostic(d, sources)).join("\n") };
  if (first) err.pluginCode = first.code;
  if (first?.span) err.loc = { file: first.span.file, line: first.span.line, column: first.span.col - 1 };
  return err;
}

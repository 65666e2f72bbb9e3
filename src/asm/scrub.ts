/**
 * GNU as's "scrubber": removes comments before anything is parsed. On x86 ELF targets `#` starts a
 * comment anywhere outside strings, `/` starts one at the beginning of a line, and `/* … *\/` spans
 * lines. Comments become spaces so that columns in diagnostics still match the file; a block comment
 * across lines keeps the line breaks, so line numbers do too.
 *
 * A file is scrubbed as the assembler reads it, one line at a time (`Scrubber`): holding a million
 * lines at once made every one of them survive the young generation and be copied by the garbage
 * collector, for nothing.
 */
import type { RawLine } from "./ast.js";
import type { LineReader } from "./lines.js";

/** The scrubbed lines of one source text, made on demand in order. */
export class Scrubber implements LineReader {
  private i = 0;
  private line = 1;
  /** Inside a block comment that began on an earlier line. */
  private inBlock = false;
  /**
   * The next `#`, `/`, `"` and `'` at or after the scan position (source length when there is none),
   * found with indexOf: a line before all of them has nothing to scrub and is one slice.
   */
  private readonly nextSpecial = [-1, -1, -1, -1];

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {}

  next(): RawLine | undefined {
    const source = this.source;
    const n = source.length;
    let i = this.i;
    if (i >= n) return undefined;
    if (!this.inBlock) {
      let end = source.indexOf("\n", i);
      if (end < 0) end = n;
      if (this.firstSpecial(i) >= end) {
        this.i = end < n ? end + 1 : n;
        return { text: source.slice(i, end), file: this.file, line: this.line++ };
      }
    }
    let inBlock = this.inBlock;
    let buf = "";
    // Fast path: copy runs of ordinary characters with one slice.
    let runStart = i;
    let firstNonSpace = true;
    while (i < n) {
      const c = source.charCodeAt(i);
      if (c === 10) {
        if (!inBlock && i > runStart) buf += source.slice(runStart, i);
        this.i = i + 1;
        this.inBlock = inBlock;
        return { text: buf, file: this.file, line: this.line++ };
      }
      if (inBlock) {
        if (c === 42 && source.charCodeAt(i + 1) === 47) {
          inBlock = false;
          buf += "  ";
          i += 2;
          runStart = i;
        } else {
          buf += c === 9 ? "\t" : " ";
          i++;
          runStart = i;
        }
        continue;
      }
      if (c === 34) {
        // A string: copy through the closing quote, honouring backslash escapes.
        i++;
        while (i < n) {
          const d = source.charCodeAt(i);
          if (d === 10) break;
          if (d === 92) i += 2;
          else if (d === 34) { i++; break; }
          else i++;
        }
        firstNonSpace = false;
        continue;
      }
      if (c === 39) {
        // A character constant: the next character (or escape) is literal, even `#` or `"`.
        const next = source.charCodeAt(i + 1);
        i += next === 10 || Number.isNaN(next) ? 1 : next === 92 && source.charCodeAt(i + 2) !== 10 ? 3 : 2;
        firstNonSpace = false;
        continue;
      }
      if (c === 35 || (c === 47 && firstNonSpace && source.charCodeAt(i + 1) !== 42)) {
        // `#` or a line-leading `/`: comment to end of line.
        if (i > runStart) buf += source.slice(runStart, i);
        let j = i;
        while (j < n && source.charCodeAt(j) !== 10) j++;
        i = j;
        runStart = j;
        continue;
      }
      if (c === 47 && source.charCodeAt(i + 1) === 42) {
        if (i > runStart) buf += source.slice(runStart, i);
        buf += "  ";
        inBlock = true;
        i += 2;
        runStart = i;
        continue;
      }
      if (c !== 32 && c !== 9) firstNonSpace = false;
      i++;
    }
    // The last line, without a newline after it.
    if (!inBlock && n > runStart) buf += source.slice(runStart, n);
    this.i = n;
    this.inBlock = inBlock;
    return { text: buf, file: this.file, line: this.line++ };
  }

  private firstSpecial(i: number): number {
    const next = this.nextSpecial;
    let first = this.source.length;
    for (let k = 0; k < 4; k++) {
      if (next[k]! < i) {
        const at = this.source.indexOf(SPECIAL[k]!, i);
        next[k] = at < 0 ? this.source.length : at;
      }
      if (next[k]! < first) first = next[k]!;
    }
    return first;
  }
}

const SPECIAL = ["#", "/", '"', "'"];

/** Every scrubbed line of `source` at once. */
export function scrub(source: string, file: string): RawLine[] {
  const r = new Scrubber(source, file);
  const out: RawLine[] = [];
  for (let l = r.next(); l !== undefined; l = r.next()) out.push(l);
  return out;
}

/**
 * GNU as's "scrubber": removes comments before anything is parsed. On x86 ELF targets `#` starts a
 * comment anywhere outside strings, `/` starts one at the beginning of a line, and `/* … *\/` spans
 * lines. Comments become spaces so that columns in diagnostics still match the file; a block comment
 * across lines keeps the line breaks, so line numbers do too.
 */
import type { RawLine } from "./ast.js";

export function scrub(source: string, file: string): RawLine[] {
  const out: RawLine[] = [];
  const n = source.length;
  let line = 1;
  let buf = "";
  let inBlock = false;
  let lineStart = 0;
  let i = 0;
  // Fast path: copy runs of ordinary characters with one slice.
  let runStart = 0;
  const flush = (end: number) => {
    if (end > runStart) buf += source.slice(runStart, end);
  };
  let firstNonSpace = true;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      if (!inBlock) flush(i);
      out.push({ text: buf, file, line });
      buf = "";
      line++;
      i++;
      runStart = i;
      lineStart = i;
      firstNonSpace = true;
      continue;
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
      flush(i);
      let j = i;
      while (j < n && source.charCodeAt(j) !== 10) j++;
      i = j;
      runStart = j;
      continue;
    }
    if (c === 47 && source.charCodeAt(i + 1) === 42) {
      flush(i);
      buf += "  ";
      inBlock = true;
      i += 2;
      runStart = i;
      continue;
    }
    if (c !== 32 && c !== 9) firstNonSpace = false;
    i++;
  }
  void lineStart;
  if (!inBlock) flush(n);
  if (buf.length > 0 || (n > 0 && source.charCodeAt(n - 1) !== 10)) out.push({ text: buf, file, line });
  return out;
}

/**
 * How the statement loop reads lines: in order, once. A file comes from the scrubber as it is read;
 * macro, `.rept` and `.irp` bodies are arrays. A block opener hands the reader to `collectBlock`,
 * which takes the body through the closing line, and the loop goes on after it.
 */
import type { RawLine } from "./ast.js";

export interface LineReader {
  /** The next line, or undefined after the last. */
  next(): RawLine | undefined;
}

/** The lines of an array, as a LineReader. */
export class ArrayLines implements LineReader {
  private i = 0;
  constructor(private readonly lines: readonly RawLine[]) {}

  next(): RawLine | undefined {
    return this.i < this.lines.length ? this.lines[this.i++] : undefined;
  }
}

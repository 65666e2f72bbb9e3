/**
 * Statements of lines that are read again and again: the lines of a macro expanded with the same
 * arguments, and of a `.rept` body. Such a line has the same text and the same place each time (the
 * lines of an expansion keep the file and line of the macro body, as GNU reports them), so it parses
 * to the same statements, spans included; they are parsed once and kept here, by position in the
 * body. Statements are never modified once parsed, so one list serves every run.
 *
 * Parsing also depends on which names are macros (a macro call looks like an instruction): a new
 * macro definition forgets everything.
 *
 * Each line's slot in the line cache is kept too, so that a remembered instruction line is found
 * without hashing its text again (the slot is good while the cache's epoch lasts).
 */
import type { RawLine, Statement } from "./ast.js";
import type { LineReader } from "./lines.js";

export class ParsedLines {
  private readonly stmts: (Statement[] | undefined)[];
  private generation = -1;
  /** Line-cache slot + 1 per line (0: not known), under `epoch`. */
  private readonly slots: Int32Array;
  private epoch = -1;

  constructor(readonly lines: readonly RawLine[]) {
    this.stmts = new Array<Statement[] | undefined>(lines.length);
    this.slots = new Int32Array(lines.length);
  }

  /** The line-cache slot of line `i` kept under `epoch`, or −1. */
  slot(i: number, epoch: number): number {
    if (epoch !== this.epoch) {
      this.slots.fill(0);
      this.epoch = epoch;
      return -1;
    }
    return this.slots[i]! - 1;
  }

  keepSlot(i: number, slot: number): void {
    this.slots[i] = slot + 1;
  }

  /** A reader over the lines from the first (one per run: a macro may expand itself). */
  run(): ParsedRun {
    return new ParsedRun(this);
  }

  /** The statements of line `i`, if they were kept while `generation` held. */
  parsed(i: number, generation: number): Statement[] | undefined {
    if (generation !== this.generation) {
      this.stmts.fill(undefined);
      this.generation = generation;
      return undefined;
    }
    return this.stmts[i];
  }

  keep(i: number, stmts: Statement[]): void {
    this.stmts[i] = stmts;
  }
}

/** One run over kept lines: the statement loop asks it for the statements of the line it read last. */
export class ParsedRun implements LineReader {
  private i = -1;

  constructor(private readonly kept: ParsedLines) {}

  next(): RawLine | undefined {
    return ++this.i < this.kept.lines.length ? this.kept.lines[this.i] : undefined;
  }

  parsed(generation: number): Statement[] | undefined {
    return this.kept.parsed(this.i, generation);
  }

  keep(stmts: Statement[]): void {
    this.kept.keep(this.i, stmts);
  }

  slot(epoch: number): number {
    return this.kept.slot(this.i, epoch);
  }

  keepSlot(slot: number): void {
    this.kept.keepSlot(this.i, slot);
  }
}

/**
 * Sections as the assembler builds them: a byte buffer cut into frags. A frag is a run of fixed bytes
 * followed by at most one variable part whose size is known only after layout — a relaxable branch,
 * alignment padding, `.org`, or a `.skip`/`.fill`/`.nops` whose count depends on labels not yet placed.
 * Two labels in the same frag have a known distance as soon as both are defined, which is exactly when
 * GNU as folds a label difference on the spot (its `frag_offset_fixed_p`).
 */
import type { SourceSpan } from "../diag/diagnostic.js";
import type { Expr } from "./ast.js";
import type { Sym } from "./symbols.js";
import type { Value } from "./value.js";

export type VarPart =
  /** `jmp`/`jcc` to a label in this section: short first, long if it must. */
  | { kind: "branch"; cc: number /* -1 for jmp */; target: Sym; addend: bigint; prefix: number[]; long: boolean; code64: boolean; span: SourceSpan }
  /** `.balign`/`.p2align`: pad to `align` unless that takes more than `max` bytes. */
  | { kind: "align"; align: number; fill: number[] | "nop"; max: number }
  /** `.org expr, fill`: pad up to an offset in this section. */
  | { kind: "org"; target: Expr; fill: number; dot: Sym; span: SourceSpan }
  /** `.skip count, fill` / `.fill repeat, size, value` / `.nops count, limit` with a count known only after layout. */
  | { kind: "space"; count: Expr; unit: number[] | "nop"; nopLimit: number; dot: Sym; span: SourceSpan };

export class Frag {
  /** Offset of this frag within its section, set by layout. */
  address = 0;
  /** End of the fixed part in the section buffer (start of the next frag's bytes). */
  end: number;
  var: VarPart | null = null;
  /** Current size of the variable part. */
  varSize = 0;
  constructor(
    readonly section: Section,
    /** Offset of this frag's first fixed byte in the section buffer. */
    readonly start: number,
    /** Position in `section.frags`. */
    readonly index: number,
  ) {
    this.end = start;
  }

  get fixedSize(): number {
    return this.end - this.start;
  }
}

/** A frag's address, also in the middle of a relaxation pass (frags not yet moved this pass count their shift). */
export function fragAddress(f: Frag): number {
  const s = f.section;
  return f.index > s.relaxAt ? f.address + s.relaxShift : f.address;
}

/**
 * Where each instruction of a section starts and the source line it came from (the linker's line
 * table), packed as four integers per instruction: frag index, offset in the section buffer, file
 * number, line. Typed arrays rather than objects or arrays of pointers: a million-instruction file
 * would otherwise give the collector millions of slots to trace.
 */
export class InstructionLines {
  private data = new Int32Array(4 * 256);
  count = 0;
  private readonly files: string[] = [];
  private lastFile: string | undefined;
  private lastFileId = -1;

  add(frag: Frag, at: number, file: string, line: number): void {
    if (file !== this.lastFile) {
      let id = this.files.indexOf(file);
      if (id < 0) id = this.files.push(file) - 1;
      this.lastFile = file;
      this.lastFileId = id;
    }
    if (this.count * 4 + 4 > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const p = this.count++ * 4;
    this.data[p] = frag.index;
    this.data[p + 1] = at;
    this.data[p + 2] = this.lastFileId;
    this.data[p + 3] = line;
  }

  /** Entry k's offset in the section, once the frags are placed. */
  offset(k: number, frags: readonly Frag[]): number {
    const f = frags[this.data[k * 4]!]!;
    return f.address + (this.data[k * 4 + 1]! - f.start);
  }

  file(k: number): string {
    return this.files[this.data[k * 4 + 2]!]!;
  }

  line(k: number): number {
    return this.data[k * 4 + 3]!;
  }
}

export interface Fixup {
  frag: Frag;
  /** Offset of the field from the frag's start (within the fixed part). */
  offset: number;
  size: 1 | 2 | 4 | 8;
  value: Value;
  /**
   * PC-relative instruction field (`sym(%rip)`, `call`, a long branch): the CPU adds the address of
   * the end of the instruction, `pcEnd` bytes after the field's start.
   */
  pcrel: boolean;
  pcEnd: number;
  /** A branch (`call`/`jmp`/`jcc`): PLT32 when the target is global, weak or undefined. */
  branch: boolean;
  /** 64-bit code: branch relocations may be PLT32 (never in `.code32`). */
  code64: boolean;
  signedness: "signed" | "unsigned" | "either";
  span: SourceSpan;
  /**
   * An expression whose operators needed constants that were not known yet: evaluated after layout.
   * Always present (undefined when not deferred), so that every fixup has one object shape.
   */
  deferred: { expr: Expr; dot: Sym } | undefined;
}

export class Section {
  buf: Uint8Array = new Uint8Array(256);
  len = 0;
  readonly frags: Frag[];
  readonly fixups: Fixup[] = [];
  /** Fixups made when relaxed branches are converted, after all others: GNU orders relocations so. */
  readonly lateFixups: Fixup[] = [];
  align = 1;
  /**
   * Relaxation state (see `layout.ts`): while a pass sizes frag `relaxAt`, the frags after it have
   * not been moved yet by the growth of the frags before; `relaxShift` is how far they must move.
   */
  relaxAt = Number.MAX_SAFE_INTEGER;
  relaxShift = 0;
  /** Index in the object's section list. */
  index = -1;
  /** Where each instruction starts and its source line, for the line table. */
  readonly lines = new InstructionLines();
  sym!: Sym;
  /** The section's bytes, made by layout (fixed parts and variable parts written out). */
  image: Uint8Array | undefined = undefined;

  constructor(
    readonly name: string,
    public type: number,
    public flags: number,
    public entsize: number,
  ) {
    this.frags = [new Frag(this, 0, 0)];
  }

  get current(): Frag {
    return this.frags[this.frags.length - 1]!;
  }

  get isNobits(): boolean {
    return this.type === 8; // SHT_NOBITS
  }

  /** Makes room for `n` more bytes and returns the offset to write them at. */
  reserve(n: number): number {
    const at = this.len;
    if (at + n > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < at + n) cap *= 2;
      const nb = new Uint8Array(cap);
      nb.set(this.buf.subarray(0, at));
      this.buf = nb;
    }
    this.len = at + n;
    this.current.end = this.len;
    return at;
  }

  emitByte(b: number): void {
    const at = this.reserve(1);
    this.buf[at] = b;
  }

  emitBytes(bytes: ArrayLike<number>): void {
    const at = this.reserve(bytes.length);
    this.buf.set(bytes, at);
  }

  /** Closes the current frag with a variable part and opens a new one. */
  closeFrag(v: VarPart, initialSize: number): Frag {
    const f = this.current;
    f.var = v;
    f.varSize = initialSize;
    this.frags.push(new Frag(this, this.len, this.frags.length));
    return f;
  }

  /** Offset of the current position within the current frag. */
  get fragOffset(): number {
    return this.len - this.current.start;
  }
}

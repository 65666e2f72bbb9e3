/**
 * The contract between the assembler core and the instruction encoder.
 *
 * The core parses operands and evaluates their expressions as far as it can *at the point the
 * instruction is met*, as GNU as does: a value is either a known constant or not yet known (a
 * symbol, a label ahead, a difference across a relaxable frag). The encoder picks the same form and
 * the same immediate/displacement sizes GNU as 2.40 picks from that knowledge, and reports where each
 * unknown value must be written (a fixup); the core resolves fixups later or turns them into
 * relocations. Direct branches (`jmp`/`jcc`/`call`/`loop`/`jrcxz` to a label) never reach the
 * encoder: the core relaxes them itself.
 */
import type { Operand } from "../ast.js";

/** What the core knows about an immediate or displacement expression. */
export type Known =
  | { known: true; value: bigint }
  /**
   * Not a constant yet. `pcrel` is set for `sym(%rip)`. `small` is a hint that the value is known to
   * fit in a signed byte later (never used by GNU as for sizing; reserved).
   */
  | { known: false };

export interface EncodeRequest {
  /** Lower-case mnemonic as written, suffix included (`movl`, `addq`, `rdmsr`). */
  mnemonic: string;
  /** Prefix words written before it, lower-case (`lock`, `rep`, `repz`, `ds`, `data16`, `addr32`, `rex64`, `notrack`). */
  prefixes: readonly string[];
  operands: readonly Operand[];
  /** Per operand: the immediate's value (kind "imm") or the displacement's (kind "mem" with a `disp`). */
  values: readonly (Known | undefined)[];
  /** `.code64` (default) or `.code32`. */
  bits: 64 | 32;
}

export interface Fixup {
  /** Byte offset of the field within the instruction. */
  offset: number;
  size: 1 | 2 | 4 | 8;
  /** The operand whose immediate or displacement goes here. */
  operand: number;
  /** RIP-relative displacement (the value is relative to the end of the instruction). */
  pcrel: boolean;
  /**
   * How the CPU extends the field: "signed" (imm32 sign-extended to 64 bits, or a 64-bit-mode
   * displacement: GNU uses R_X86_64_32S), "unsigned" (zero-extended, e.g. `mov $x, %r32`:
   * R_X86_64_32), "either" (a field as wide as its use: 8/16-bit immediates, imm64).
   */
  signedness: "signed" | "unsigned" | "either";
}

export interface Encoding {
  bytes: Uint8Array;
  /** Fixups for every operand value that was not known (known values are already in `bytes`). */
  fixups: Fixup[];
}

/** An instruction that cannot be encoded. `operand` points the diagnostic at one operand. */
export class EncodeError extends Error {
  constructor(
    readonly code: "A030" | "A031" | "A032" | "A033" | "A034" | "A036" | "A037" | "A015",
    message: string,
    readonly operand?: number,
  ) {
    super(message);
    this.name = "EncodeError";
  }
}

/**
 * Small facts shared by the core's files: how a canonical address (a number) and an unsigned 64-bit
 * value (a bigint, the outside view) convert, and the segment register numbers.
 */

/** A canonical number → unsigned 64-bit bigint. */
export function toU64(v: number): bigint {
  return BigInt.asUintN(64, BigInt(v));
}

/** A bigint → the canonical number it denotes (non-canonical values become out-of-range numbers). */
export function fromU64(v: bigint): number {
  return Number(BigInt.asIntN(64, v));
}

/** Segment register numbers, as ModRM encodes them. */
export const SEG_ES = 0;
export const SEG_CS = 1;
export const SEG_SS = 2;
export const SEG_DS = 3;
export const SEG_FS = 4;
export const SEG_GS = 5;

export const P32 = 4294967296;

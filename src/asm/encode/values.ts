/**
 * What the encoder needs to know about immediate and displacement values, as cheap predicates.
 *
 * GNU as sizes a field from the value as it is when the instruction is met: a known value gets the
 * shortest field that represents it (after truncating it to the operation size, so that
 * `andl $0xfffffff0, %esp` uses the sign-extended imm8 form); an unknown value always gets the full
 * field. The shape key (`immClass`, `dispClass`) records exactly the predicates the form choice uses,
 * so two instructions with the same key always get the same form and field layout.
 */
import type { Known } from "./types.js";

export const S8_MIN = -128n;
export const S8_MAX = 127n;
const S32_MIN = -0x80000000n;
const S32_MAX = 0x7fffffffn;
const U32_MAX = 0xffffffffn;

const TWO63 = 1n << 63n;
const TWO64 = 1n << 64n;

/** A 64-bit pattern written as a large positive number (`0xffffffffffffffff`) is the negative value. */
export function norm(v: bigint): bigint {
  return v >= TWO63 && v < TWO64 ? v - TWO64 : v;
}

export function fitsS8(v: bigint): boolean {
  return v >= S8_MIN && v <= S8_MAX;
}

export function fitsS32(v: bigint): boolean {
  return v >= S32_MIN && v <= S32_MAX;
}

export function fitsU32(v: bigint): boolean {
  return v >= 0n && v <= U32_MAX;
}

/**
 * Whether an imm8 sign-extended to an operation of `size` bytes can represent `v`. GNU first reduces a
 * value that fits the operation size to that size, so `$0xffff` is −1 for a 16-bit operation; for 16-
 * and 32-bit operations it also reads any value that fits 32 bits as signed (`addw $0xffffffff` is −1).
 */
export function fitsSext8(v: bigint, size: number): boolean {
  if (fitsS8(v)) return true;
  const d = v >= 0xffffff80n && v <= U32_MAX;
  if (size === 2) return d || (v >= 0xff80n && v <= 0xffffn);
  if (size === 4) return d;
  return false;
}

/**
 * A short code for the predicates of a known immediate (`u` when unknown). Values 0…127 and −128…−1
 * are by far the commonest, so they get constant codes without further tests.
 */
export function immClass(k: Known | undefined): string {
  if (k === undefined || !k.known) return "u";
  const v = norm(k.value);
  // 1 selects the shift-by-one forms; 3 turns `int $3` into `int3`.
  if (v === 1n) return "1";
  if (v === 3n) return "3";
  if (v >= 0n && v <= S8_MAX) return "p";
  if (v < 0n && v >= S8_MIN) return "n";
  let c = "";
  if (v >= 0xff80n && v <= 0xffffn) c += "w";
  if (fitsSext8(v, 4)) c += "d";
  if (fitsS32(v)) c += "i";
  if (fitsU32(v)) c += "I";
  return c === "" ? "q" : c;
}

/**
 * The displacement's class: absent (""), a known zero ("0"), a known disp8 ("8"), a known disp32
 * ("L"), a known value that does not fit a 64-bit-mode disp32 ("X"), or unknown ("u").
 */
export function dispClass(k: Known | undefined, hasDisp: boolean, bits: 64 | 32): string {
  if (!hasDisp) return "";
  if (k === undefined || !k.known) return "u";
  const v = norm(k.value);
  if (v === 0n) return "0";
  if (fitsS8(v)) return "8";
  if (fitsS32(v)) return "L";
  // In 32-bit code a disp32 wraps around the address space, so 0x80000000…0xffffffff fit.
  if (bits === 32 && fitsU32(v)) return "L";
  return "X";
}

/** Writes `v` little-endian into `size` bytes at `off`, truncating it as GNU does (with a warning). */
export function writeLE(out: Uint8Array, off: number, size: number, v: bigint): void {
  if (size <= 4) {
    let n = Number(BigInt.asUintN(32, v));
    for (let i = 0; i < size; i++) {
      out[off + i] = n & 0xff;
      n >>>= 8;
    }
    return;
  }
  let u = BigInt.asUintN(64, v);
  for (let i = 0; i < size; i++) {
    out[off + i] = Number(u & 0xffn);
    u >>= 8n;
  }
}

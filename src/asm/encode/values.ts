/**
 * What the encoder needs to know about immediate and displacement values, as cheap predicates.
 *
 * GNU as sizes a field from the value as it is when the instruction is met: a known value gets the
 * shortest field that represents it (after truncating it to the operation size, so that
 * `andl $0xfffffff0, %esp` uses the sign-extended imm8 form); an unknown value always gets the full
 * field. The shape key (`immCode`, `dispCode`) records exactly the predicates the form choice uses,
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
 * A small number for the predicates of a known immediate (0 when unknown). Values 0…127 and −128…−1
 * are by far the commonest, so they get constant codes without further tests; other values get 16
 * plus one bit per predicate.
 */
export function immCode(k: Known | undefined): number {
  if (k === undefined || !k.known) return 0;
  const v = norm(k.value);
  if (v >= S8_MIN && v <= S8_MAX) return smallImmCode(Number(v));
  let c = 16;
  if (v >= 0xff80n && v <= 0xffffn) c |= 1;
  // Whether it fits a byte or a word field that is not the operation's size (a shift count, `ret`'s
  // byte count), which must hold the value (see select.ts).
  if (v >= 128n && v <= 255n) c |= 32;
  if (v >= -32768n && v <= 65535n) c |= 64;
  // Wider than 32 bits: whether its low 32 bits fit a byte or a word (32-bit code keeps only them).
  if (v >= 1n << 32n || v < -(1n << 31n)) {
    const low = BigInt.asUintN(32, v);
    if (low <= 255n) c |= 128;
    if (low <= 0xffffn) c |= 256;
    if (low === 1n) c |= 512;
    if (low === 3n) c |= 1024;
    if (low <= 0x7fn || low >= 0xffffff80n) c |= 2048;
  }
  if (fitsSext8(v, 4)) c |= 2;
  if (fitsS32(v)) c |= 4;
  if (fitsU32(v)) c |= 8;
  return c;
}

/** `immCode` of −128…127. */
function smallImmCode(v: number): number {
  // 1 selects the shift-by-one forms; 3 turns `int $3` into `int3`.
  if (v === 1) return 1;
  if (v === 3) return 2;
  return v >= 0 ? 3 : 4;
}

/** `immCode` of a known safe integer (the line cache's plain numbers): small ones need no BigInt. */
export function immCodeOfNumber(v: number): number {
  return v >= -128 && v <= 127 ? smallImmCode(v) : immCode({ known: true, value: BigInt(v) });
}

/** The displacement classes `dispCode` numbers, as `buildTemplate` reads them. */
const DISP_CLASSES = ["", "0", "8", "L", "X", "u"] as const;

/**
 * The displacement's class: absent (""), a known zero ("0"), a known disp8 ("8"), a known disp32
 * ("L"), a known value that does not fit a 64-bit-mode disp32 ("X"), or unknown ("u").
 */
export function dispClass(k: Known | undefined, hasDisp: boolean, bits: 64 | 32): string {
  return DISP_CLASSES[dispCode(k, hasDisp, bits)]!;
}

/** `dispClass` as its index in DISP_CLASSES (0–5), for the shape key. */
export function dispCode(k: Known | undefined, hasDisp: boolean, bits: 64 | 32): number {
  if (!hasDisp) return 0;
  if (k === undefined || !k.known) return 5;
  const v = norm(k.value);
  if (fitsS8(v)) return smallDispCode(Number(v));
  if (fitsS32(v)) return 3;
  // In 32-bit code a disp32 wraps around the address space, so 0x80000000…0xffffffff fit.
  if (bits === 32 && fitsU32(v)) return 3;
  return 4;
}

/** `dispCode` of −128…127: a zero displacement is left out. */
function smallDispCode(v: number): number {
  return v === 0 ? 1 : 2;
}

/** `dispCode` of a known safe integer present as a displacement. */
export function dispCodeOfNumber(v: number, bits: 64 | 32): number {
  return v >= -128 && v <= 127 ? smallDispCode(v) : dispCode({ known: true, value: BigInt(v) }, true, bits);
}

/**
 * Writes `v` little-endian into `size` bytes at `off`, truncating it as GNU does (with a warning);
 * bytes past the eighth are zero. The bytes come from 32-bit halves as numbers: a BigInt shift per
 * byte cost more than the rest of a `.quad`.
 */
export function writeLE(out: Uint8Array, off: number, size: number, v: bigint): void {
  writeHalves(out, off, size, Number(BigInt.asUintN(32, v)), size <= 4 ? 0 : Number(BigInt.asUintN(32, v >> 32n)));
}

/** `writeLE` of a safe integer (the line cache's plain numbers). */
export function writeNumberLE(out: Uint8Array, off: number, size: number, v: number): void {
  // `>>> 0` keeps the low 32 bits of any safe integer, negative ones as two's complement.
  writeHalves(out, off, size, v >>> 0, size <= 4 ? 0 : Math.floor(v / 0x100000000) >>> 0);
}

/** The low `size` bytes of the 64-bit value `high:low` (unsigned 32-bit halves), zeros past the eighth. */
function writeHalves(out: Uint8Array, off: number, size: number, low: number, high: number): void {
  let n = low;
  const lowBytes = size < 4 ? size : 4;
  for (let i = 0; i < lowBytes; i++) {
    out[off + i] = n & 0xff;
    n >>>= 8;
  }
  if (size <= 4) return;
  let h = high;
  for (let i = 4; i < size; i++) {
    out[off + i] = i < 8 ? h & 0xff : 0;
    h >>>= 8;
  }
}

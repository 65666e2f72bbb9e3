/**
 * NOP patterns. Two tables, because GNU as and Linux disagree on the 9-byte NOP:
 *
 * - `gnuAlignNops`: what GNU as 2.40 writes for code alignment (`.p2align`, `.balign`, `.nops`) with
 *   default tuning — the 9-byte form is `66 0f 1f 84 …`.
 * - `linuxNops` (reference §1): what the kernel's `apply_alternatives` writes (`x86_nops`), whose
 *   9-byte form is `2e 0f 1f 84 …`. Used by `src/kernel/`.
 */
const gnu: readonly (readonly number[])[] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
  [0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

/** Linux's `x86_nops`: GNU's table but for the 9-byte NOP, `2e 0f 1f 84 00 00 00 00 00` (cs nopl). */
export const linuxNops: readonly (readonly number[])[] = gnu.map((nop, len) => (len === 9 ? [0x2e, ...gnu[8]!] : nop));

export const GNU_MAX_NOP = 11;

/**
 * Fills `out[at, at+count)` with NOPs of at most `limit` bytes each, as `.nops count, limit` does: as
 * many of the largest as fit, then one for the remainder.
 */
export function fillNops(out: Uint8Array, at: number, count: number, limit = GNU_MAX_NOP): void {
  const max = Math.max(1, Math.min(limit, GNU_MAX_NOP));
  let p = at;
  let left = count;
  while (left > 0) {
    const n = Math.min(max, left);
    out.set(gnu[n]!, p);
    p += n;
    left -= n;
  }
}

/**
 * Fills alignment padding in a code section as GNU as 2.40 does: NOPs, or from 88 bytes on (eight
 * maximal NOPs) a jump over the padding followed by NOPs (`eb rel8`, `e9 rel32` past 129 bytes).
 */
export function fillAlignNops(out: Uint8Array, at: number, count: number): void {
  if (count < 8 * GNU_MAX_NOP) {
    fillNops(out, at, count);
    return;
  }
  if (count - 2 <= 127) {
    out[at] = 0xeb;
    out[at + 1] = count - 2;
    fillNops(out, at + 2, count - 2);
  } else {
    out[at] = 0xe9;
    new DataView(out.buffer, out.byteOffset).setInt32(at + 1, count - 5, true);
    fillNops(out, at + 5, count - 5);
  }
}

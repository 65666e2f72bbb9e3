/**
 * Naming an address by the nearest symbol at or below it, as `name+0xoff` — what objdump prints in a
 * disassembly, and what the linker's map, errors and the emulator's traces print. The callers decide
 * which symbols count and when an address is too far from its symbol to be named by it.
 */

/** The last of `sorted` (ascending by `addressOf`) at or below `address`, or undefined. */
export function nearestAtOrBelow<T>(sorted: readonly T[], addressOf: (item: T) => bigint, address: bigint): T | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  let best: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (addressOf(sorted[mid]!) <= address) {
      best = sorted[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/** `name`, or `name+0xoff`. */
export function symbolOffset(name: string, offset: bigint): string {
  return offset === 0n ? name : `${name}+0x${offset.toString(16)}`;
}

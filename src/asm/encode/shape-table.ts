/**
 * The encoder's template cache: a hash table whose keys are six integers (the number of the mnemonic
 * with its mode and prefix words, the operand count, and up to four operand shape codes), kept in one
 * Int32Array with open addressing.
 *
 * Why not a Map: as a string the key had to be built and hashed for every instruction, and as a trie of
 * Maps every instruction paid several pointer-chasing probes, each a few cache misses once the cache
 * holds thousands of shapes (a kernel-sized file has about 7,500). Here a lookup mixes the integers and
 * compares them in one slot: one or two cache lines.
 */

/** Integers per slot: mnemonic number (0 marks a free slot), operand count, four operand codes. */
const WIDTH = 6;

/** Maps a shape key to a small non-negative integer (the template's number in `TemplateStore`). */
export class ShapeTable {
  private keys = new Int32Array(WIDTH * 1024);
  private values = new Int32Array(1024);
  private mask = 1023;
  private count = 0;

  /** The value stored under the key, or −1. `mnemonic` must be at least 1. */
  get(mnemonic: number, n: number, c0: number, c1: number, c2: number, c3: number): number {
    const keys = this.keys;
    for (let i = hash(mnemonic, n, c0, c1, c2, c3) & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * WIDTH;
      const m = keys[at]!;
      if (m === 0) return -1;
      if (m === mnemonic && keys[at + 1] === n && keys[at + 2] === c0 && keys[at + 3] === c1 && keys[at + 4] === c2 && keys[at + 5] === c3) {
        return this.values[i]!;
      }
    }
  }

  /** Stores a value under a key that is not in the table yet. */
  add(mnemonic: number, n: number, c0: number, c1: number, c2: number, c3: number, value: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    this.place(mnemonic, n, c0, c1, c2, c3, value);
    this.count++;
  }

  private place(mnemonic: number, n: number, c0: number, c1: number, c2: number, c3: number, value: number): void {
    const keys = this.keys;
    let i = hash(mnemonic, n, c0, c1, c2, c3) & this.mask;
    while (keys[i * WIDTH] !== 0) i = (i + 1) & this.mask;
    const at = i * WIDTH;
    keys[at] = mnemonic;
    keys[at + 1] = n;
    keys[at + 2] = c0;
    keys[at + 3] = c1;
    keys[at + 4] = c2;
    keys[at + 5] = c3;
    this.values[i] = value;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const size = (this.mask + 1) * 2;
    this.keys = new Int32Array(WIDTH * size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < oldValues.length; i++) {
      const at = i * WIDTH;
      if (oldKeys[at] !== 0) {
        this.place(oldKeys[at]!, oldKeys[at + 1]!, oldKeys[at + 2]!, oldKeys[at + 3]!, oldKeys[at + 4]!, oldKeys[at + 5]!, oldValues[i]!);
      }
    }
  }
}

/** Mixes the key's integers (multiply-xorshift, as in murmur3's finalizer). */
function hash(a: number, b: number, c: number, d: number, e: number, f: number): number {
  let h = Math.imul(a, 0x9e3779b1);
  h = Math.imul(h ^ b, 0x85ebca6b);
  h = Math.imul(h ^ c, 0xc2b2ae35);
  h = Math.imul(h ^ d, 0x9e3779b1);
  h = Math.imul(h ^ e, 0x85ebca6b);
  h = Math.imul(h ^ f, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

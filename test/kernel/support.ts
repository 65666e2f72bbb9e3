/** Helpers for the kernel-model tests: hex text ↔ bytes, and a sparse byte-addressed memory. */
export { hex } from "../support/gnu.js";

/** `"0f 1f 44 00 00"` → bytes. */
export function bytes(text: string): Uint8Array {
  const words = text.split(/\s+/).filter((w) => w !== "");
  for (const w of words) if (!/^[0-9a-f]{2}$/i.test(w)) throw new Error(`bad hex byte \`${w}\` in "${text}"`);
  return new Uint8Array(words.map((w) => parseInt(w, 16)));
}

/** A sparse memory (a `PatchMemory`): unwritten bytes read as 0. Counts writes, so tests can see that a site was left alone. */
export class SparseMemory {
  private readonly cells = new Map<number, number>();
  writes = 0;

  load(addr: number, data: Uint8Array): void {
    data.forEach((b, k) => this.cells.set(addr + k, b));
  }

  read(addr: number, len: number): Uint8Array {
    return Uint8Array.from({ length: len }, (_, k) => this.cells.get(addr + k) ?? 0);
  }

  write(addr: number, data: Uint8Array): void {
    this.writes++;
    this.load(addr, data);
  }
}

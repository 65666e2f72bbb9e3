/**
 * What the assembler's hand-made hash tables share (the line cache, the symbol index, the template
 * store's arrays): a string hash over `charCodeAt`, and typed arrays that grow by doubling. They are
 * hand-made because a Map keyed by source slices hashed and compared them on V8's slow string paths.
 */

/** FNV-1a over the UTF-16 code units, kept to 30 bits (so that hash + 1 is a positive int32). */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 2) & 0x3fffffff;
}

/** `hashText` of the text whose characters are `bytes[0, n)` (Latin-1). */
export function hashBytes(bytes: Uint8Array, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return (h >>> 2) & 0x3fffffff;
}

/** `a`, or a copy of it with room for at least `n` elements (the size doubled as often as needed). */
export function ensureLength<A extends Uint8Array | Uint16Array | Int32Array>(a: A, n: number): A {
  if (n <= a.length) return a;
  let size = a.length * 2;
  while (size < n) size *= 2;
  const b = new (a.constructor as new (n: number) => A)(size);
  b.set(a);
  return b;
}

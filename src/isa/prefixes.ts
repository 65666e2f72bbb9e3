/** Prefix words GNU as accepts before a mnemonic (or alone on a line), and the byte each emits. */
export const prefixBytes: Readonly<Record<string, number>> = {
  lock: 0xf0,
  rep: 0xf3, repe: 0xf3, repz: 0xf3,
  repne: 0xf2, repnz: 0xf2,
  xacquire: 0xf2, xrelease: 0xf3,
  cs: 0x2e, ds: 0x3e, es: 0x26, ss: 0x36, fs: 0x64, gs: 0x65,
  data16: 0x66, data32: 0x66, addr16: 0x67, addr32: 0x67,
  rex: 0x40, rex64: 0x48, "rex.w": 0x48, "rex.b": 0x41, "rex.x": 0x42, "rex.r": 0x44,
  notrack: 0x3e, bnd: 0xf2,
};

/** `rex`, `rex64` and every `rex.wrxb`-style word (any subset of the four bits, in order). */
export const REX_WORD = /^rex(64|\.?w?r?x?b?)$/;

const PREFIX_WORDS: ReadonlySet<string> = new Set(Object.keys(prefixBytes));

/** Whether `word` is a prefix word (so that a statement of only prefixes can be emitted). */
export function isPrefixWord(word: string): boolean {
  // The parser asks this of every mnemonic: one set probe, and the REX pattern only for `rex…`.
  return PREFIX_WORDS.has(word) || (word.startsWith("rex") && REX_WORD.test(word));
}

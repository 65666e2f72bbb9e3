/**
 * Prefix words written before a mnemonic (`lock`, `rep`, `ds`, `data16`, `rex64`, `{load}` …).
 *
 * Each byte goes into one of GNU's prefix slots; writing two prefixes of the same slot is an error
 * ("same type of prefix used twice"), as is `lock` before an instruction that cannot take it. The
 * pseudo-prefixes in braces do not emit bytes; they steer the choice of form.
 */
import { REX_WORD, isPrefixWord, prefixBytes } from "../../isa/prefixes.js";
import type { PrefixSet } from "./template.js";
import { Slot, slotOf } from "./template.js";
import { EncodeError } from "./types.js";

export interface Prefixes {
  set: PrefixSet;
  load: boolean;
  /** A `{disp32}` pseudo-prefix: encode a known displacement as disp32. */
  disp32: boolean;
  /** The prefix words that constrain the instruction (for the lock/rep checks). */
  lock: boolean;
  rep: boolean;
  addr32: boolean;
  data16: boolean;
}

export { isPrefixWord };

/** REX bits of `rex`, `rex64`, `rex.wb`, …; undefined if `word` is not a REX word. */
function rexBits(word: string, bits: 64 | 32): number | undefined {
  if (word === "rex64") return 0x48;
  if (!REX_WORD.test(word)) return undefined;
  const m = /^rex\.?([wrxb]*)$/.exec(word);
  if (!m) return undefined;
  if (bits !== 64) throw new EncodeError("A036", `\`${word}' is only supported in 64-bit mode`);
  let r = 0x40;
  for (const c of m[1]!) r |= c === "w" ? 8 : c === "r" ? 4 : c === "x" ? 2 : 1;
  return r;
}

/** Parses prefix words; throws EncodeError("A036") for an unknown word or a repeated slot. */
export function parsePrefixes(words: readonly string[], bits: 64 | 32): Prefixes {
  const set: PrefixSet = { slots: [0, 0, 0, 0, 0], rex: 0 };
  const p: Prefixes = { set, load: false, disp32: false, lock: false, rep: false, addr32: false, data16: false };
  for (const w of words) {
    if (w === "{load}") { p.load = true; continue; }
    if (w === "{store}" || w === "{disp8}" || w === "{nooptimize}") continue;
    if (w === "{disp32}") { p.disp32 = true; continue; }
    const rex = rexBits(w, bits);
    if (rex !== undefined) {
      if (set.rex) throw new EncodeError("A036", "same type of prefix used twice");
      set.rex = rex;
      continue;
    }
    const byte = Object.prototype.hasOwnProperty.call(prefixBytes, w) ? prefixBytes[w]! : undefined;
    if (byte === undefined) throw new EncodeError("A036", `unknown prefix \`${w}'`);
    const slot = slotOf(byte);
    if (set.slots[slot]) throw new EncodeError("A036", "same type of prefix used twice");
    set.slots[slot] = byte;
    if (w === "lock") p.lock = true;
    else if (slot === Slot.Rep && w.startsWith("rep")) p.rep = true;
    else if (w === "addr32") p.addr32 = true;
    else if (w === "data16") p.data16 = true;
  }
  return p;
}

/** The bytes of a statement made only of prefix words (`lock`, `fs`, `rep`), in GNU's slot order. */
export function prefixOnlyBytes(words: readonly string[], bits: 64 | 32): Uint8Array {
  const p = parsePrefixes(words, bits);
  const out: number[] = [];
  for (const b of p.set.slots) if (b) out.push(b);
  if (p.set.rex) out.push(p.set.rex);
  return Uint8Array.from(out);
}

/**
 * The key under which a line of one instruction is remembered whatever its plain numbers are:
 * `imulq $981, %r15, %rbx` and `imulq $77, %r15, %rbx` assemble to the same bytes but for the
 * immediate's field, as long as the encoder picks the same form for both. The encoder picks a form by
 * the values' classes (`immCode`, `dispCode`: the predicates GNU's choice reads), so the key is the
 * line's text with each plain number replaced by its class; the line cache keeps the bytes under it
 * with where each number goes (see LineCache and the statement loop).
 *
 * A plain number is one written alone as an immediate (`$N`, `$-N` before a `,` or the end) or as a
 * displacement (`N(`, `-N(` at the start of an operand), in decimal or hex. Anything else stays in
 * the key as it is written (a scale, `$5+3`, `%gs:8`), so it must match exactly. Octal, binary,
 * character constants and numbers of more than 15 digits are left as they are written too, which is
 * always correct, only not shared.
 */
import { dispCodeOfNumber, immCodeOfNumber } from "./encode/values.js";
import { ensureLength } from "./hash-tables.js";

/**
 * The key of the line last read (`read`), a byte per character, and its plain numbers: value,
 * operand (by textual position). The key marks a number with \u0001 and two bytes of its class.
 */
export class LineNumbers {
  key = new Uint8Array(256);
  keyLength = 0;
  count = 0;
  readonly values: number[] = [];
  readonly operands: number[] = [];

  /**
   * Reads `text`: true if it has plain numbers and a key (a line has none when it holds a character
   * the key could not keep apart from a class: below a space but a tab, or above 0xff).
   */
  read(text: string, bits: 64 | 32): boolean {
    this.count = 0;
    const n = text.length;
    // Room for the text and three bytes per number (a number has at least one digit, `$` stays).
    let key = (this.key = ensureLength(this.key, n * 3));
    let k = 0;
    let operand = 0;
    let depth = 0;
    // Whether an operand may start here: after the mnemonic (a word and blanks) or a comma.
    let atOperand = false;
    let prev = 0;
    for (let i = 0; i < n; ) {
      const c = text.charCodeAt(i);
      if ((c < 32 && c !== 9) || c > 0xff) return false;
      if (c === 32 || c === 9) {
        if (isWordChar(prev)) atOperand = depth === 0;
        key[k++] = c;
        i++;
        continue;
      }
      if (atOperand && (c === 36 || c === 45 || (c >= 48 && c <= 57))) {
        const imm = c === 36;
        const from = imm ? i + 1 : i;
        const end = this.number(text, from);
        if (end > 0) {
          let after = end;
          if (imm) while (after < n && (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9)) after++;
          const next = after < n ? text.charCodeAt(after) : 44;
          if (imm ? next === 44 : next === 40) {
            const value = this.parsed;
            const code = imm ? immCodeOfNumber(value) : dispCodeOfNumber(value, bits);
            if (imm) key[k++] = 36;
            key[k++] = 1;
            key[k++] = 0x80 | (code & 0x7f);
            key[k++] = 0x80 | ((code >> 7) & 0x7f);
            const m = this.count++;
            this.values[m] = value;
            this.operands[m] = operand;
            prev = 48;
            atOperand = false;
            i = end;
            continue;
          }
        }
      }
      atOperand = false;
      if (c === 40) depth++;
      else if (c === 41) depth--;
      else if (c === 44 && depth === 0) {
        operand++;
        atOperand = true;
      }
      key[k++] = c;
      prev = c;
      i++;
    }
    this.keyLength = k;
    return this.count > 0;
  }

  /** The value `number` read last. */
  private parsed = 0;

  /**
   * The end of the plain number (optionally negated) at `i`, its value left in `parsed`; 0 if there
   * is none there.
   */
  private number(text: string, i: number): number {
    const n = text.length;
    const neg = text.charCodeAt(i) === 45;
    if (neg) i++;
    const first = i;
    let v = 0;
    if (text.charCodeAt(i) === 48 && (text.charCodeAt(i + 1) | 0x20) === 120) {
      i += 2;
      const digits = i;
      for (; i < n; i++) {
        const d = hexDigit(text.charCodeAt(i));
        if (d < 0) break;
        v = v * 16 + d;
      }
      if (i === digits || i - digits > MAX_HEX_DIGITS) return 0;
    } else {
      // A leading 0 followed by a digit is octal: left as written.
      if (text.charCodeAt(i) === 48 && isDigit(text.charCodeAt(i + 1))) return 0;
      for (; i < n && isDigit(text.charCodeAt(i)); i++) v = v * 10 + (text.charCodeAt(i) - 48);
      if (i === first || i - first > MAX_DIGITS) return 0;
    }
    // `1b`, `1f`, `0x10h`…: a letter, `_`, `.` or `$` right after makes it something else.
    const c = i < n ? text.charCodeAt(i) : 0;
    if (isWordChar(c) || c === 36) return 0;
    this.parsed = neg ? -v : v;
    return i;
  }
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46;
}

/** The longest plain numbers kept out of a key: their values are exact as doubles (below 2^53). */
const MAX_DIGITS = 15;
const MAX_HEX_DIGITS = 13;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The value of a hex digit, or −1. */
function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/**
 * Registers as the AT&T syntax names them, and the facts every layer needs about them: the iced-x86
 * `Register` value (for the encoder and formatter), the operand size in bytes, the 0–15 (or 0–31)
 * encoding number (for ModRM/REX, extable `data` bits 8–11 and the MSR-immediate codec), and the class.
 *
 * This is the one table of register facts; nothing else spells register names.
 */
import { Register } from "iced-x86";

export type RegClass = "gpr" | "rip" | "seg" | "cr" | "dr" | "st" | "mmx" | "xmm" | "ymm" | "zmm" | "k";

export interface RegInfo {
  /** AT&T name without the `%`. */
  name: string;
  /** iced-x86 `Register` enum value. */
  iced: Register;
  /** Size in bytes (1, 2, 4, 8; 10 for x87, 16/32/64 for vectors). */
  size: number;
  /** Encoding number: 0–15 for GPRs (ah/ch/dh/bh are 4–7 without REX), 0–5 for segments. */
  num: number;
  cls: RegClass;
  /** Position in this table (unique per name): a small integer for the encoder's shape keys. */
  id: number;
  /** ah, ch, dh, bh: cannot be used with a REX prefix. */
  high8?: boolean;
  /** spl, bpl, sil, dil, r8b–r15b: need a REX prefix. */
  needsRex?: boolean;
}

const gpr64 = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"];
const gpr32 = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];
const gpr16 = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"];
const gpr8 = ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"];
const high8 = ["ah", "ch", "dh", "bh"];
const segs = ["es", "cs", "ss", "ds", "fs", "gs"];

function icedReg(name: string): Register {
  const v = (Register as unknown as Record<string, Register>)[name.toUpperCase()];
  if (v === undefined) throw new Error(`iced-x86 has no register ${name}`);
  return v;
}

function build(): Map<string, RegInfo> {
  const m = new Map<string, RegInfo>();
  const add = (name: string, iced: string, size: number, num: number, cls: RegClass, extra: Partial<RegInfo> = {}) =>
    m.set(name, { name, iced: icedReg(iced), size, num, cls, id: m.size, ...extra });
  for (let i = 0; i < 8; i++) {
    add(gpr64[i]!, gpr64[i]!, 8, i, "gpr");
    add(gpr32[i]!, gpr32[i]!, 4, i, "gpr");
    add(gpr16[i]!, gpr16[i]!, 2, i, "gpr");
    add(gpr8[i]!, gpr8[i]!, 1, i, "gpr", i >= 4 ? { needsRex: true } : {});
  }
  for (let i = 0; i < 4; i++) add(high8[i]!, high8[i]!, 1, i + 4, "gpr", { high8: true });
  for (let i = 8; i < 16; i++) {
    add(`r${i}`, `r${i}`, 8, i, "gpr");
    add(`r${i}d`, `r${i}d`, 4, i, "gpr");
    add(`r${i}w`, `r${i}w`, 2, i, "gpr");
    add(`r${i}b`, `r${i}l`, 1, i, "gpr", { needsRex: true });
    add(`r${i}l`, `r${i}l`, 1, i, "gpr", { needsRex: true });
  }
  add("rip", "rip", 8, 0, "rip");
  add("eip", "eip", 4, 0, "rip");
  segs.forEach((s, i) => add(s, s, 2, i, "seg"));
  for (let i = 0; i < 16; i++) {
    add(`cr${i}`, `cr${i}`, 8, i, "cr");
    add(`db${i}`, `dr${i}`, 8, i, "dr");
    add(`dr${i}`, `dr${i}`, 8, i, "dr");
  }
  for (let i = 0; i < 8; i++) {
    add(`st(${i})`, `st${i}`, 10, i, "st");
    add(`mm${i}`, `mm${i}`, 8, i, "mmx");
    add(`k${i}`, `k${i}`, 8, i, "k");
  }
  add("st", "st0", 10, 0, "st");
  for (let i = 0; i < 32; i++) {
    add(`xmm${i}`, `xmm${i}`, 16, i, "xmm");
    add(`ymm${i}`, `ymm${i}`, 32, i, "ymm");
    add(`zmm${i}`, `zmm${i}`, 64, i, "zmm");
  }
  return m;
}

/** Every register by AT&T name (lower case, no `%`). */
export const registers: ReadonlyMap<string, RegInfo> = build();

/**
 * Registers by a number packed from their name, case-insensitively (base 37: digits 1–10, letters
 * 11–36; names of up to five letters and digits, which is all of them but `st(i)`). The parser looks
 * every `%reg` up this way, straight from the line, without making a string for the name.
 */
const byCode: ReadonlyMap<number, RegInfo> = (() => {
  const m = new Map<number, RegInfo>();
  for (const r of registers.values()) {
    const c = registerCode(r.name, 0, r.name.length);
    if (c >= 0) m.set(c, r);
  }
  return m;
})();

function registerCode(text: string, from: number, to: number): number {
  if (to <= from || to - from > 5) return -1;
  let code = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    let v: number;
    if (c >= 48 && c <= 57) v = c - 47;
    else if ((c | 0x20) >= 97 && (c | 0x20) <= 122) v = (c | 0x20) - 86;
    else return -1;
    code = code * 37 + v;
  }
  return code;
}

/** The register named by `text[from, to)` (any case), if its name is made of letters and digits. */
export function registerAt(text: string, from: number, to: number): RegInfo | undefined {
  const c = registerCode(text, from, to);
  return c < 0 ? undefined : byCode.get(c);
}

/** Looks a register up by name, case-insensitively as GNU as does; `undefined` if there is none. */
export function lookupRegister(name: string): RegInfo | undefined {
  return registers.get(name) ?? registers.get(name.toLowerCase());
}

/** The 64-bit GPR names in encoding order: index = number used by ModRM, REX and extable `data`. */
export const gpr64Names: readonly string[] = [...gpr64, "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];

/** The 64-bit GPR with a given encoding number (0–15). */
export function gpr64ByNum(num: number): RegInfo {
  return registers.get(gpr64Names[num]!)!;
}

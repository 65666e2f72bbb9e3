/**
 * AT&T mnemonics that GNU as accepts but iced (Intel names) does not spell the same way.
 *
 * GNU's rule is: a mnemonic is either a template name, or a template name plus a size suffix
 * (`b` `w` `l` `q`). Intel names some size variants separately (`iretd`, `pushfq`, `movsd`, `cwde`),
 * and AT&T has its own names for sign/zero extension and far transfers. This file holds only those
 * facts; the forms themselves come from iced (`forms.ts`).
 */
import { conditionCodes } from "./conditions.js";

/** How an AT&T name maps onto iced forms. */
export interface AttName {
  /** iced mnemonics (lower case) whose forms the name may use. */
  iced: readonly string[];
  /** Operation size in bytes fixed by the name (as a suffix would). */
  size?: number;
  /** `movz*`/`movs*`: size of the source operand in bytes. */
  srcSize?: number;
  /** Whether the name also takes a `b`/`w`/`l`/`q` suffix (`movs` → `movsl`, `iret` → `iretq`). */
  family?: boolean;
  /** `ljmp`, `lcall`, `lret`: only far forms; otherwise far forms are excluded. */
  far?: boolean;
  /** `movabs`: only 64-bit immediate and 64-bit absolute address forms. */
  abs64?: boolean;
  /** The suffixes a family takes, if not all of `bwlq` (GNU 2.40 rejects `ljmpq`). */
  suffixes?: string;
}

/** Size suffix letters → operation size in bytes. */
export const SUFFIX_SIZE: Readonly<Record<string, number>> = { b: 1, w: 2, l: 4, q: 8 };

const ext = (op: "movzx" | "movsx" | "movsxd", src: number, dst?: number): AttName =>
  dst === undefined ? { iced: [op], srcSize: src } : { iced: [op], srcSize: src, size: dst };

const table: Record<string, AttName> = {
  // Zero/sign extension: `movzbl` = movzx r32, r/m8 (GNU: `movz` + source suffix + destination suffix).
  movzbw: ext("movzx", 1, 2), movzbl: ext("movzx", 1, 4), movzbq: ext("movzx", 1, 8),
  movzwl: ext("movzx", 2, 4), movzwq: ext("movzx", 2, 8),
  movsbw: ext("movsx", 1, 2), movsbl: ext("movsx", 1, 4), movsbq: ext("movsx", 1, 8),
  movswl: ext("movsx", 2, 4), movswq: ext("movsx", 2, 8),
  movslq: ext("movsxd", 4, 8),
  movzb: ext("movzx", 1), movzw: ext("movzx", 2),
  movzxb: ext("movzx", 1), movzxw: ext("movzx", 2), movsxb: ext("movsx", 1), movsxw: ext("movsx", 2),
  // Accumulator extension: AT&T names.
  cbtw: { iced: ["cbw"] }, cwtl: { iced: ["cwde"] }, cltq: { iced: ["cdqe"] },
  cwtd: { iced: ["cwd"] }, cltd: { iced: ["cdq"] }, cqto: { iced: ["cqo"] },
  // String instructions: iced names each width (`movsd`); AT&T uses a suffix on the family.
  movs: { iced: ["movsb", "movsw", "movsd", "movsq"], family: true },
  stos: { iced: ["stosb", "stosw", "stosd", "stosq"], family: true },
  lods: { iced: ["lodsb", "lodsw", "lodsd", "lodsq"], family: true },
  scas: { iced: ["scasb", "scasw", "scasd", "scasq"], family: true },
  cmps: { iced: ["cmpsb", "cmpsw", "cmpsd", "cmpsq"], family: true },
  ins: { iced: ["insb", "insw", "insd"], family: true },
  outs: { iced: ["outsb", "outsw", "outsd"], family: true },
  // Widths iced names separately.
  iret: { iced: ["iret", "iretd", "iretq"], family: true },
  pushf: { iced: ["pushf", "pushfd", "pushfq"], family: true },
  popf: { iced: ["popf", "popfd", "popfq"], family: true },
  sysret: { iced: ["sysret", "sysretq"], family: true },
  sysexit: { iced: ["sysexit", "sysexitq"], family: true },
  // Far transfers.
  ljmp: { iced: ["jmp"], far: true, family: true, suffixes: "wl" },
  lcall: { iced: ["call"], far: true, family: true, suffixes: "wl" },
  lret: { iced: ["retf"], far: true, family: true },
  // GNU's `sal` is `shl` (/4); iced's Sal is the undocumented /6 encoding.
  sal: { iced: ["shl"], family: true },
  movabs: { iced: ["mov"], abs64: true, family: true },
  // `xlat` is written `xlatb` by iced.
  xlat: { iced: ["xlatb"] },
  ud2a: { iced: ["ud2"] },
};

/** Canonical iced condition suffix for each condition number (`setnz` → `setne`). */
const CC_NAMES = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"];
for (const [alias, cc] of Object.entries(conditionCodes)) {
  for (const head of ["set", "cmov"]) {
    const name = head + alias;
    const canon = head + CC_NAMES[cc];
    if (name !== canon) table[name] = { iced: [canon], family: true };
  }
}

/** GNU-specific mnemonic facts, by AT&T name. */
export const attNames: ReadonlyMap<string, AttName> = new Map(Object.entries(table));

/**
 * Exception-table entry types and the layout of `exception_table_entry.data` (reference/linux-x86.md
 * §2): type in bits 0–7, register number in bits 8–11, flags in bits 12–15, a signed immediate in
 * bits 16–31. INDIRECT and FUNC_REWIND are our numbers (never assigned upstream); the rest are Linux's.
 */
import { gpr64Names } from "./registers.js";

export const extableTypes = {
  EX_TYPE_DEFAULT: 1,
  EX_TYPE_FAULT: 2,
  EX_TYPE_UACCESS: 3,
  EX_TYPE_WRMSR: 8,
  EX_TYPE_RDMSR: 9,
  EX_TYPE_WRMSR_SAFE: 10,
  EX_TYPE_RDMSR_SAFE: 11,
  EX_TYPE_WRMSR_IN_MCE: 12,
  EX_TYPE_RDMSR_IN_MCE: 13,
  EX_TYPE_DEFAULT_MCE_SAFE: 14,
  EX_TYPE_FAULT_MCE_SAFE: 15,
  EX_TYPE_POP_REG: 16,
  EX_TYPE_IMM_REG: 17,
  EX_TYPE_ZEROPAD: 20,
  EX_TYPE_INDIRECT: 22,
  EX_TYPE_FUNC_REWIND: 23,
} as const;

export type ExtableTypeName = keyof typeof extableTypes;

/** Flag bits of `data` (bits 12–15). */
export const EX_FLAG_CLEAR_AX = 1 << 12;
export const EX_FLAG_CLEAR_DX = 1 << 13;

/** Size of one `struct exception_table_entry`: s32 insn, s32 fixup, s32 data. */
export const EXTABLE_ENTRY_SIZE = 12;

const byNumber = new Map<number, ExtableTypeName>(Object.entries(extableTypes).map(([k, v]) => [v, k as ExtableTypeName]));

export function extableTypeName(type: number): ExtableTypeName | undefined {
  return byNumber.get(type);
}

export interface ExtableData {
  type: number;
  /** Register number 0–15 (rax 0 … r15 15). */
  reg: number;
  /** Bits 12–15 shifted down: bit 0 clear AX, bit 1 clear DX. */
  flags: number;
  /** Sign-extended bits 16–31. */
  imm: number;
}

export function decodeExtableData(data: number): ExtableData {
  return { type: data & 0xff, reg: (data >>> 8) & 0xf, flags: (data >>> 12) & 0xf, imm: data >> 16 };
}

export function encodeExtableData(d: ExtableData): number {
  return ((d.type & 0xff) | ((d.reg & 0xf) << 8) | ((d.flags & 0xf) << 12) | (d.imm << 16)) | 0;
}

export function extableRegName(reg: number): string {
  return gpr64Names[reg] ?? `r${reg}`;
}

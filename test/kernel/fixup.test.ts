/**
 * fixupException, one case per behaviour of reference/linux-x86.md §2. Each case is data: the table
 * (absolute addresses, as the linker leaves it sorted), the registers that differ from the baseline,
 * what trapped, and the outcome worked out by hand from the handler's rules (the working is in the
 * comment beside the case, never in code).
 *
 * Baseline registers: r → 0x100 + r (rax 0x100, rcx 0x101, … r15 0x10f) except rsp = 0x8000; rip is
 * the case's `rip`. `expect.changed` lists every register that must differ afterwards, rip included;
 * every other register must be unchanged.
 */
import { describe, expect, it } from "vitest";
import { encodeExtableData, extableTypes, EX_FLAG_CLEAR_AX, EX_FLAG_CLEAR_DX, type ExtableTypeName } from "../../src/isa/extable-types.js";
import { gpr64Names } from "../../src/isa/registers.js";
import { decodeExtable, encodeExtable, searchExtable, type ExtableEntry } from "../../src/kernel/extable.js";
import { fixupException, type FixupMemory, type RegFile, type Trap } from "../../src/kernel/fixup.js";
import { bytes } from "./support.js";

type Reg = (typeof gpr64Names)[number];
const EIO = 0xffff_ffff_ffff_fffbn; // −5
const GP = 13;
const UD = 6;
const PF = 14;

interface Ent {
  insn: number;
  fixup: number;
  type: ExtableTypeName | number;
  reg?: Reg;
  /** Bits 8–11 as a number, for FUNC_REWIND's word count (which spans the register and flag fields). */
  regNum?: number;
  flags?: number;
  imm?: number;
}

interface Case {
  name: string;
  table: Ent[];
  rip: number;
  regs?: Partial<Record<Reg, bigint>>;
  trap: Trap;
  mem?: { addr: number; hex: string }[];
  expect:
    | { rip: number; changed?: Partial<Record<Reg, bigint>>; warnings?: string[]; chain?: string[] }
    | { oops: RegExp; warnings?: string[] }
    | { panic: string; warnings: string[] };
}

const mk = (e: Ent): ExtableEntry => {
  const type = typeof e.type === "number" ? e.type : extableTypes[e.type];
  const reg = e.regNum ?? (e.reg ? gpr64Names.indexOf(e.reg) : 0);
  return { insn: e.insn, fixup: e.fixup, data: encodeExtableData({ type, reg: reg & 0xf, flags: ((e.flags ?? 0) >> 12) | (reg >> 4), imm: e.imm ?? 0 }) };
};

const baseline = (): bigint[] => Array.from({ length: 16 }, (_, r) => (r === 4 ? 0x8000n : BigInt(0x100 + r)));

function memory(windows: { addr: number; hex: string }[] = []): FixupMemory {
  const cells = new Map<bigint, number>();
  for (const w of windows) bytes(w.hex).forEach((b, k) => cells.set(BigInt(w.addr + k), b));
  return {
    read(addr, len) {
      const out = new Uint8Array(len);
      for (let k = 0; k < len; k++) {
        const b = cells.get(addr + BigInt(k));
        if (b === undefined) return undefined;
        out[k] = b;
      }
      return out;
    },
  };
}

const q = (v: bigint): string => Buffer.from(new BigUint64Array([v]).buffer).toString("hex").replace(/(..)/g, "$1 ").trim();

// The Xen thunk's error path (reference §2): the site's `call xen_thunk` is at 0x1000 (5 bytes), its
// fixup 0x1010; the thunk's `ud2` at 0x2010 has EX_TYPE_INDIRECT with %rdx, which holds 0x1000 after
// `pop %rdx; sub $5, %rdx`.
const SITE = 0x1000;
const SITE_FIXUP = 0x1010;
const UD2 = 0x2010;

const cases: Case[] = [
  // DEFAULT and the flags.
  { name: "DEFAULT: ip = fixup, nothing else", table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_DEFAULT" }], rip: 0x1000, trap: { vector: PF, errorCode: 2 }, expect: { rip: 0x1008 } },
  { name: "DEFAULT with CLEAR_AX", table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_DEFAULT", flags: EX_FLAG_CLEAR_AX }], rip: 0x1000, trap: { vector: GP }, expect: { rip: 0x1008, changed: { rax: 0n } } },
  { name: "DEFAULT with CLEAR_AX | CLEAR_DX", table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_DEFAULT", flags: EX_FLAG_CLEAR_AX | EX_FLAG_CLEAR_DX }], rip: 0x1000, trap: { vector: GP }, expect: { rip: 0x1008, changed: { rax: 0n, rdx: 0n } } },
  { name: "DEFAULT_MCE_SAFE is DEFAULT", table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_DEFAULT_MCE_SAFE" }], rip: 0x1000, trap: { vector: GP }, expect: { rip: 0x1008 } },

  // FAULT: ax = trap number.
  { name: "FAULT on #GP: ax = 13", table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_FAULT" }], rip: 0x1000, trap: { vector: GP, errorCode: 0 }, expect: { rip: 0x1008, changed: { rax: 13n } } },
  { name: "FAULT on #UD: ax = 6", table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_FAULT" }], rip: 0x1000, trap: { vector: UD }, expect: { rip: 0x1008, changed: { rax: 6n } } },
  { name: "FAULT_MCE_SAFE is FAULT", table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_FAULT_MCE_SAFE" }], rip: 0x1000, trap: { vector: PF }, expect: { rip: 0x1008, changed: { rax: 14n } } },
  // FAULT then the flag: ax = 13, then CLEAR_AX clears it again (ex_handler_default runs last)
  { name: "FAULT with CLEAR_AX: the flag wins", table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_FAULT", flags: EX_FLAG_CLEAR_AX }], rip: 0x1000, trap: { vector: GP }, expect: { rip: 0x1008, changed: { rax: 0n } } },

  // UACCESS: DEFAULT, warning on a #GP at a non-canonical address.
  { name: "UACCESS on #PF: DEFAULT, no warning", table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_UACCESS" }], rip: 0x1000, trap: { vector: PF, faultAddress: 0x10n }, expect: { rip: 0x1008, warnings: [] } },
  { name: "UACCESS on #GP, user address: no warning", table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_UACCESS" }], rip: 0x1000, trap: { vector: GP, faultAddress: 0x7fff_ffff_f000n }, expect: { rip: 0x1008, warnings: [] } },
  {
    name: "UACCESS on #GP, non-canonical address: the warning",
    table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_UACCESS" }], rip: 0x1000, trap: { vector: GP, faultAddress: 0x8000_0000_0000_1000n },
    expect: { rip: 0x1008, warnings: ["General protection fault in user access. Non-canonical address?"] },
  },

  // WRMSR / RDMSR: warnings with ECX and EDX:EAX, each truncated to 32 bits.
  {
    // (u32)dx = 0x00000001, (u32)ax = 0x9abcdef0; the upper halves are ignored
    name: "WRMSR: the warning, then DEFAULT",
    table: [{ insn: 0x1000, fixup: 0x1002, type: "EX_TYPE_WRMSR" }], rip: 0x1000,
    regs: { rcx: 0xffff_0000_0000_06e1n, rdx: 0xffff_ffff_0000_0001n, rax: 0x1234_5678_9abc_def0n }, trap: { vector: GP, errorCode: 0 },
    expect: { rip: 0x1002, warnings: ["unchecked MSR access error: WRMSR to 0x6e1 (tried to write 0x000000019abcdef0) at rIP: 0x1000"] },
  },
  {
    name: "RDMSR: the warning, ax = dx = 0",
    table: [{ insn: 0x1000, fixup: 0x1002, type: "EX_TYPE_RDMSR" }], rip: 0x1000, regs: { rcx: 0xc000_0080n }, trap: { vector: GP, errorCode: 0 },
    expect: { rip: 0x1002, changed: { rax: 0n, rdx: 0n }, warnings: ["unchecked MSR access error: RDMSR from 0xc0000080 at rIP: 0x1000"] },
  },
  // the caller's description wins over ECX: it says what the CPU used
  {
    name: "WRMSR: MSR number and value from the trap",
    table: [{ insn: 0x1000, fixup: 0x1002, type: "EX_TYPE_WRMSR" }], rip: 0x1000, trap: { vector: GP, msrInsn: { kind: "wrmsr", msr: 0x48, value: 0xabcdn } },
    expect: { rip: 0x1002, warnings: ["unchecked MSR access error: WRMSR to 0x48 (tried to write 0x000000000000abcd) at rIP: 0x1000"] },
  },
  { name: "WRMSR_SAFE: reg := −EIO, no warning", table: [{ insn: 0x1000, fixup: 0x1002, type: "EX_TYPE_WRMSR_SAFE", reg: "rbx" }], rip: 0x1000, trap: { vector: GP }, expect: { rip: 0x1002, changed: { rbx: EIO }, warnings: [] } },
  { name: "RDMSR_SAFE: ax = dx = 0, reg := −EIO", table: [{ insn: 0x1000, fixup: 0x1002, type: "EX_TYPE_RDMSR_SAFE", reg: "r12" }], rip: 0x1000, trap: { vector: GP }, expect: { rip: 0x1002, changed: { rax: 0n, rdx: 0n, r12: EIO }, warnings: [] } },
  // ax cleared first, then the error register, which is ax
  { name: "RDMSR_SAFE with the error in %eax", table: [{ insn: 0x1000, fixup: 0x1002, type: "EX_TYPE_RDMSR_SAFE", reg: "rax" }], rip: 0x1000, trap: { vector: GP }, expect: { rip: 0x1002, changed: { rax: EIO, rdx: 0n } } },

  // Immediate forms: the MSR is the imm32, only the destination register is cleared.
  {
    name: "immediate RDMSR: its MSR in the warning, only its register cleared",
    table: [{ insn: 0x1000, fixup: 0x1009, type: "EX_TYPE_RDMSR" }], rip: 0x1000, trap: { vector: GP, msrInsn: { kind: "rdmsr", msr: 0x6e1, immediateForm: { reg: 9 } } },
    expect: { rip: 0x1009, changed: { r9: 0n }, warnings: ["unchecked MSR access error: RDMSR from 0x6e1 at rIP: 0x1000"] },
  },
  {
    // the value is the register's, not EDX:EAX
    name: "immediate WRMSRNS: the register's value in the warning",
    table: [{ insn: 0x1000, fixup: 0x1009, type: "EX_TYPE_WRMSR" }], rip: 0x1000, regs: { r10: 0x1_0000_0002n }, trap: { vector: GP, msrInsn: { kind: "wrmsr", msr: 0x6e1, immediateForm: { reg: 10 } } },
    expect: { rip: 0x1009, warnings: ["unchecked MSR access error: WRMSR to 0x6e1 (tried to write 0x0000000100000002) at rIP: 0x1000"] },
  },
  {
    name: "immediate RDMSR_SAFE: destination 0, error register −EIO, ax and dx kept",
    table: [{ insn: 0x1000, fixup: 0x1009, type: "EX_TYPE_RDMSR_SAFE", reg: "rsi" }], rip: 0x1000, trap: { vector: GP, msrInsn: { kind: "rdmsr", msr: 0x6e1, immediateForm: { reg: 8 } } },
    expect: { rip: 0x1009, changed: { r8: 0n, rsi: EIO } },
  },
  {
    // no description from the caller: the bytes at rip, c4 c7 7b f6 c1 = rdmsr $0xc0000101, %r9
    name: "immediate RDMSR found in the instruction bytes",
    table: [{ insn: 0x1000, fixup: 0x1009, type: "EX_TYPE_RDMSR" }], rip: 0x1000, trap: { vector: GP }, mem: [{ addr: 0x1000, hex: "c4 c7 7b f6 c1 01 01 00 c0 90 90 90 90 90 90" }],
    expect: { rip: 0x1009, changed: { r9: 0n }, warnings: ["unchecked MSR access error: RDMSR from 0xc0000101 at rIP: 0x1000"] },
  },

  // *_IN_MCE: the message, then panic.
  {
    name: "WRMSR_IN_MCE: message and panic",
    table: [{ insn: 0x1000, fixup: 0x1002, type: "EX_TYPE_WRMSR_IN_MCE" }], rip: 0x1000, regs: { rcx: 0x179n, rdx: 0n, rax: 1n }, trap: { vector: GP },
    expect: { panic: "MCA architectural violation!", warnings: ["MSR access error: WRMSR to 0x179 (tried to write 0x0000000000000001) at rIP: 0x1000"] },
  },
  {
    name: "RDMSR_IN_MCE: message and panic",
    table: [{ insn: 0x1000, fixup: 0x1002, type: "EX_TYPE_RDMSR_IN_MCE" }], rip: 0x1000, regs: { rcx: 0x17an }, trap: { vector: GP },
    expect: { panic: "MCA architectural violation!", warnings: ["MSR access error: RDMSR from 0x17a at rIP: 0x1000"] },
  },

  // IMM_REG and its composites, POP_REG.
  { name: "IMM_REG: reg := imm, sign-extended", table: [{ insn: 0x1000, fixup: 0x1004, type: "EX_TYPE_IMM_REG", reg: "rcx", imm: -1234 }], rip: 0x1000, trap: { vector: PF }, expect: { rip: 0x1004, changed: { rcx: 0xffff_ffff_ffff_fb2en } } },
  { name: "EFAULT_REG (IMM_REG −14)", table: [{ insn: 0x1000, fixup: 0x1004, type: "EX_TYPE_IMM_REG", reg: "r11", imm: -14 }], rip: 0x1000, trap: { vector: PF }, expect: { rip: 0x1004, changed: { r11: 0xffff_ffff_ffff_fff2n } } },
  { name: "ZERO_REG (IMM_REG 0)", table: [{ insn: 0x1000, fixup: 0x1004, type: "EX_TYPE_IMM_REG", reg: "rdi", imm: 0 }], rip: 0x1000, trap: { vector: PF }, expect: { rip: 0x1004, changed: { rdi: 0n } } },
  { name: "IMM_REG with CLEAR_DX", table: [{ insn: 0x1000, fixup: 0x1004, type: "EX_TYPE_IMM_REG", reg: "rbx", imm: 7, flags: EX_FLAG_CLEAR_DX }], rip: 0x1000, trap: { vector: PF }, expect: { rip: 0x1004, changed: { rbx: 7n, rdx: 0n } } },
  // sp 0x8000 + 8, then rbx := 0 (the `pop %rbx` of a bad saved value, as in the entry code)
  { name: "POP_REG: sp += 8, then IMM_REG", table: [{ insn: 0x1000, fixup: 0x1001, type: "EX_TYPE_POP_REG", reg: "rbx", imm: 0 }], rip: 0x1000, trap: { vector: GP }, expect: { rip: 0x1001, changed: { rsp: 0x8008n, rbx: 0n } } },

  // The lookup.
  { name: "no entry: oops", table: [{ insn: 0x1000, fixup: 0x1008, type: "EX_TYPE_DEFAULT" }], rip: 0x1001, trap: { vector: GP }, expect: { oops: /^no exception table entry for 0x1001$/ } },
  {
    name: "binary search: the exact address among many",
    table: Array.from({ length: 37 }, (_, k) => ({ insn: 0x1000 + 3 * k, fixup: 0x5000 + k, type: "EX_TYPE_DEFAULT" as const })), rip: 0x1000 + 3 * 23, trap: { vector: GP },
    expect: { rip: 0x5000 + 23 },
  },
  {
    name: "binary search: between two entries is no entry",
    table: Array.from({ length: 37 }, (_, k) => ({ insn: 0x1000 + 3 * k, fixup: 0x5000 + k, type: "EX_TYPE_DEFAULT" as const })), rip: 0x1000 + 3 * 23 + 1, trap: { vector: GP },
    expect: { oops: /no exception table entry for 0x1046/ },
  },
  { name: "an unknown type is Linux's BUG(): oops", table: [{ insn: 0x1000, fixup: 0x1008, type: 5 }], rip: 0x1000, trap: { vector: GP }, expect: { oops: /BUG: unknown exception table type 5/ } },

  // INDIRECT: the RFC's Xen error path.
  {
    // ud2 → INDIRECT(%rdx) → rdx = 0x1000 → WRMSR_SAFE(%rbx) at the site: rbx := −EIO, ip = the site's fixup; rdx stays
    name: "INDIRECT to the call site's WRMSR_SAFE",
    table: [{ insn: SITE, fixup: SITE_FIXUP, type: "EX_TYPE_WRMSR_SAFE", reg: "rbx" }, { insn: UD2, fixup: UD2, type: "EX_TYPE_INDIRECT", reg: "rdx" }],
    rip: UD2, regs: { rdx: BigInt(SITE) }, trap: { vector: UD },
    expect: { rip: SITE_FIXUP, changed: { rbx: EIO }, chain: ["EX_TYPE_INDIRECT@0x2010", "EX_TYPE_WRMSR_SAFE@0x1000"] },
  },
  {
    name: "INDIRECT to the call site's RDMSR_SAFE: ax, dx, error register",
    table: [{ insn: SITE, fixup: SITE_FIXUP, type: "EX_TYPE_RDMSR_SAFE", reg: "r13" }, { insn: UD2, fixup: UD2, type: "EX_TYPE_INDIRECT", reg: "rdx" }],
    rip: UD2, regs: { rdx: BigInt(SITE) }, trap: { vector: UD },
    expect: { rip: SITE_FIXUP, changed: { rax: 0n, rdx: 0n, r13: EIO } },
  },
  {
    // the warning names the call site, ECX and EDX:EAX (no instruction bytes to read); rdx holds the site, 0x1000
    name: "INDIRECT to an unchecked WRMSR: the warning names the call site",
    table: [{ insn: SITE, fixup: SITE_FIXUP, type: "EX_TYPE_WRMSR" }, { insn: UD2, fixup: UD2, type: "EX_TYPE_INDIRECT", reg: "rdx" }],
    rip: UD2, regs: { rcx: 0x6e1n, rax: 2n, rdx: BigInt(SITE) }, trap: { vector: UD },
    expect: { rip: SITE_FIXUP, warnings: ["unchecked MSR access error: WRMSR to 0x6e1 (tried to write 0x0000100000000002) at rIP: 0x1000"] },
  },
  {
    // the trap's msrInsn described the ud2, not the site: after the redirect it is not used
    name: "INDIRECT: the trap's MSR description does not follow the redirect",
    table: [{ insn: SITE, fixup: SITE_FIXUP, type: "EX_TYPE_RDMSR" }, { insn: UD2, fixup: UD2, type: "EX_TYPE_INDIRECT", reg: "r8" }],
    rip: UD2, regs: { r8: BigInt(SITE), rcx: 0x10n }, trap: { vector: UD, msrInsn: { kind: "rdmsr", msr: 0x999, immediateForm: { reg: 9 } } },
    expect: { rip: SITE_FIXUP, changed: { rax: 0n, rdx: 0n }, warnings: ["unchecked MSR access error: RDMSR from 0x10 at rIP: 0x1000"] },
  },
  {
    name: "INDIRECT through INDIRECT: both followed",
    table: [{ insn: 0x1000, fixup: 0x1010, type: "EX_TYPE_FAULT" }, { insn: 0x2000, fixup: 0x2000, type: "EX_TYPE_INDIRECT", reg: "rsi" }, { insn: UD2, fixup: UD2, type: "EX_TYPE_INDIRECT", reg: "rdx" }],
    rip: UD2, regs: { rdx: 0x2000n, rsi: 0x1000n }, trap: { vector: UD },
    expect: { rip: 0x1010, changed: { rax: 6n }, chain: ["EX_TYPE_INDIRECT@0x2010", "EX_TYPE_INDIRECT@0x2000", "EX_TYPE_FAULT@0x1000"] },
  },
  {
    name: "INDIRECT with no entry at the target: oops, registers as at the fault",
    table: [{ insn: UD2, fixup: UD2, type: "EX_TYPE_INDIRECT", reg: "rdx" }], rip: UD2, regs: { rdx: 0x1005n }, trap: { vector: UD },
    expect: { oops: /^EX_TYPE_INDIRECT at 0x2010: no exception table entry for 0x1005$/ },
  },
  {
    name: "INDIRECT to itself: a loop, refused",
    table: [{ insn: UD2, fixup: UD2, type: "EX_TYPE_INDIRECT", reg: "rdx" }], rip: UD2, regs: { rdx: BigInt(UD2) }, trap: { vector: UD },
    expect: { oops: /exception table loop: 16 lookups/ },
  },

  // FUNC_REWIND: the handler pops.
  {
    // n = 3: two saved words and the return address 0x1005 at sp + 16; sp 0x8000 + 24; ip 0x1005 − 5 = the call
    name: "FUNC_REWIND: pop 3 words, rewind to the CALL, its WRMSR_SAFE",
    table: [{ insn: SITE, fixup: SITE_FIXUP, type: "EX_TYPE_WRMSR_SAFE", reg: "rbx" }, { insn: UD2, fixup: UD2, type: "EX_TYPE_FUNC_REWIND", regNum: 3, imm: -5 }],
    rip: UD2, trap: { vector: UD }, mem: [{ addr: 0x8000, hex: `${q(0x111n)} ${q(0x222n)} ${q(0x1005n)}` }],
    expect: { rip: SITE_FIXUP, changed: { rsp: 0x8018n, rbx: EIO }, chain: ["EX_TYPE_FUNC_REWIND@0x2010", "EX_TYPE_WRMSR_SAFE@0x1000"] },
  },
  {
    // n = 0x11 spans the register field (1) and the flag field (1): 17 words, the return address at sp + 0x80
    name: "FUNC_REWIND: the count is bits 8–15, flag bits included",
    table: [{ insn: SITE, fixup: SITE_FIXUP, type: "EX_TYPE_DEFAULT" }, { insn: UD2, fixup: UD2, type: "EX_TYPE_FUNC_REWIND", regNum: 0x11, imm: -5 }],
    rip: UD2, trap: { vector: UD }, mem: [{ addr: 0x8080, hex: q(0x1005n) }],
    expect: { rip: SITE_FIXUP, changed: { rsp: 0x8088n } },
  },
  {
    name: "FUNC_REWIND of 0 words: no return address, oops",
    table: [{ insn: UD2, fixup: UD2, type: "EX_TYPE_FUNC_REWIND", regNum: 0, imm: -5 }], rip: UD2, trap: { vector: UD }, mem: [{ addr: 0x8000, hex: q(0x1005n) }],
    expect: { oops: /pops 0 words/ },
  },
  {
    name: "FUNC_REWIND to an address with no entry: oops",
    table: [{ insn: UD2, fixup: UD2, type: "EX_TYPE_FUNC_REWIND", regNum: 1, imm: -5 }], rip: UD2, trap: { vector: UD }, mem: [{ addr: 0x8000, hex: q(0x1005n) }],
    expect: { oops: /^EX_TYPE_FUNC_REWIND at 0x2010: no exception table entry for 0x1000$/ },
  },
  {
    name: "FUNC_REWIND with the stack unreadable: oops",
    table: [{ insn: UD2, fixup: UD2, type: "EX_TYPE_FUNC_REWIND", regNum: 1, imm: -5 }], rip: UD2, trap: { vector: UD },
    expect: { oops: /stack at 0x8000 is not readable/ },
  },

  // ZEROPAD: mov (%rsi), %rax (48 8b 06) reading the 8 bytes at 0x3ffd, which cross into 0x4000.
  {
    // word at 0x3ff8 = 0x8877665544332211, offset 5 → >> 40 = 0x887766
    name: "ZEROPAD: the bytes before the page, shifted down",
    table: [{ insn: 0x1000, fixup: 0x1003, type: "EX_TYPE_ZEROPAD" }], rip: 0x1000, regs: { rsi: 0x3ffdn }, trap: { vector: PF, errorCode: 0, faultAddress: 0x4000n },
    mem: [{ addr: 0x1000, hex: "48 8b 06" }, { addr: 0x3ff8, hex: "11 22 33 44 55 66 77 88" }],
    expect: { rip: 0x1003, changed: { rax: 0x887766n } },
  },
  {
    name: "ZEROPAD with a fault elsewhere: oops",
    table: [{ insn: 0x1000, fixup: 0x1003, type: "EX_TYPE_ZEROPAD" }], rip: 0x1000, regs: { rsi: 0x3ffdn }, trap: { vector: PF, faultAddress: 0x5000n },
    mem: [{ addr: 0x1000, hex: "48 8b 06" }, { addr: 0x3ff8, hex: "11 22 33 44 55 66 77 88" }],
    expect: { oops: /ZEROPAD.*not the next word/ },
  },
];

function run(c: Case, once?: Set<string>) {
  const table = c.table.map(mk).sort((a, b) => a.insn - b.insn);
  const gpr = baseline();
  for (const [name, v] of Object.entries(c.regs ?? {})) gpr[gpr64Names.indexOf(name)] = v!;
  const regs: RegFile = { gpr, rip: BigInt(c.rip) };
  return { regs, result: fixupException(table, regs, c.trap, { memory: memory(c.mem), ...(once ? { once } : {}) }) };
}

describe("fixupException", () => {
  for (const c of cases) {
    it(c.name, () => {
      const { regs, result } = run(c);
      const want = c.expect;
      if ("oops" in want) {
        expect(result.kind).toBe("oops");
        if (result.kind !== "oops") return;
        expect(result.reason).toMatch(want.oops);
        expect(result.regs).toEqual(regs);
        if (want.warnings) expect(result.warnings).toEqual(want.warnings);
        return;
      }
      if ("panic" in want) {
        expect(result.kind).toBe("panic");
        if (result.kind !== "panic") return;
        expect(result.message).toBe(want.panic);
        expect(result.warnings).toEqual(want.warnings);
        return;
      }
      expect(result.kind, result.kind === "oops" ? result.reason : "").toBe("handled");
      if (result.kind !== "handled") return;
      expect(result.rip).toBe(BigInt(want.rip));
      const changed = Object.fromEntries(result.changed.filter((ch) => ch.reg !== "rip").map((ch) => [ch.name, ch.after]));
      expect(changed).toEqual(want.changed ?? {});
      expect(result.changed.find((ch) => ch.reg === "rip")?.after).toBe(want.rip === c.rip ? undefined : BigInt(want.rip));
      expect(result.warnings).toEqual(want.warnings ?? []);
      if (want.chain) expect(result.chain.map((s) => `${s.typeName}@0x${s.at.toString(16)}`)).toEqual(want.chain);
    });
  }

  it("warns once per site: a second fault at the same ip is silent, another ip warns", () => {
    const c = cases.find((x) => x.name === "RDMSR: the warning, ax = dx = 0")!;
    const once = new Set<string>();
    expect(run(c, once).result.warnings).toHaveLength(1);
    expect(run(c, once).result.warnings).toEqual([]);
    const other: Case = { ...c, table: [{ ...c.table[0]!, insn: 0x1100 }], rip: 0x1100 };
    expect(run(other, once).result.warnings).toEqual(["unchecked MSR access error: RDMSR from 0xc0000080 at rIP: 0x1100"]);
  });

  it("does not change the caller's registers", () => {
    const { regs } = run(cases.find((x) => x.name.startsWith("RDMSR_SAFE: ax"))!);
    expect(regs.gpr).toEqual(baseline());
  });
});

describe("the table codec and search", () => {
  const entries: ExtableEntry[] = [
    { insn: 0x1000, fixup: 0x100c, data: 1 },
    { insn: 0x1003, fixup: 0x2000, data: encodeExtableData({ type: 22, reg: 2, flags: 0, imm: 0 }) },
    { insn: 0x1010, fixup: 0x0ff0, data: encodeExtableData({ type: 23, reg: 3, flags: 0, imm: -5 }) },
  ];

  it("encodes relative to each field and decodes back", () => {
    const bytes = encodeExtable(entries, 0x3000);
    // first entry at 0x3000: insn 0x1000 − 0x3000 = −0x2000, fixup 0x100c − 0x3004 = −0x1ff8, data 1
    expect(Buffer.from(bytes.subarray(0, 12)).toString("hex")).toBe("00e0ffff08e0ffff01000000");
    expect(decodeExtable(bytes, 0x3000)).toEqual(entries);
  });

  it("refuses a size that is not a multiple of 12", () => {
    expect(() => decodeExtable(new Uint8Array(13), 0)).toThrow(/not a multiple of 12/);
  });

  it("searches for the exact address", () => {
    expect(searchExtable(entries, 0x1003n)).toBe(entries[1]);
    expect(searchExtable(entries, 0x1010)).toBe(entries[2]);
    expect(searchExtable(entries, 0x1004n)).toBeUndefined();
    expect(searchExtable([], 0x1000n)).toBeUndefined();
  });
});

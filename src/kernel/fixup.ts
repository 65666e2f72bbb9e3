/**
 * `fixup_exception` (arch/x86/mm/extable.c) as a reference model: given the sorted exception table, the
 * registers at a fault and what trapped, where the kernel resumes and what it changed on the way. The
 * emulator checks the image runtime's own handler (runtime/fixup.S) against it on every exception;
 * the rules are reference/linux-x86.md §2.
 *
 * Why a model of something so small. Each handler is a few lines of C, but the lines are the contract
 * that an exception-table entry written by hand (or by a pass) relies on: which register gets −EIO,
 * whether EDX is cleared too, which warning is printed with which number in it, where the stack
 * pointer ends up. Two handlers are not in Linux at all and are exactly what the MSR work needs:
 *
 * - EX_TYPE_INDIRECT (22, from the RFC): the Xen thunk, on error, rewinds its return address to the
 *   5-byte CALL at the site, pops it into a register and executes `ud2`, whose entry is INDIRECT with
 *   that register. The handler looks the table up again at the address in the register and handles the
 *   fault as if it had happened there — so the site's own WRMSR_SAFE entry sets its error register and
 *   resumes at its own fixup. `to` of the INDIRECT entry is unused.
 * - EX_TYPE_FUNC_REWIND (23): the handler does the rewinding instead of the thunk. It pops `n` words
 *   (bits 8–15 of `data`: the register and flag fields read as one count); the last word popped is the
 *   return address, the new ip is that address + `imm` (−5 for a CALL rel32), and the table is looked
 *   up again there. `n` counts the return address, so a thunk that pushed nothing has n = 1; n = 0 has
 *   no return address to use and is refused (an oops).
 *
 * Both lookups again may chain (an INDIRECT whose target is itself INDIRECT); a chain longer than
 * {@link FixupOptions.maxLookups} is refused as a loop, so a table cannot hang the handler.
 *
 * The immediate MSR forms. `rdmsr $imm32, %r64` and `wrmsrns %r64, $imm32` name the MSR in the
 * instruction (the imm32 at offset 5, `c4 e7 7b f6 c0+r id`), not in ECX, and a failed immediate read
 * has one destination register, which is the only register cleared (Linux's posted handler clears AX,
 * since its immediate forms always use %rax, and leaves DX alone). The caller says what trapped
 * ({@link Trap.msrInsn}); after an INDIRECT or FUNC_REWIND the instruction at the new ip is the CALL of
 * a patched site, and the facts come from the bytes there ({@link FixupOptions.memory}) or, without
 * memory, from ECX and EDX:EAX as for the legacy forms.
 *
 * Warnings. Linux prints the "unchecked MSR access error" lines under `__ONCE_LITE_IF`, a static flag
 * per handler: once per boot for all WRMSR faults and once for all RDMSR faults. Alternator prints them
 * once per site (per ip), so that every site of a test image can show its own line; the caller keeps the
 * set of sites already warned ({@link FixupOptions.once}). The texts are Linux's without the
 * ` (%pS)` symbol and the register dump that follow them.
 *
 * A handler that cannot complete (no entry at the new address, a ZEROPAD that does not apply, an
 * unknown type, which is Linux's `BUG()`) leaves the registers as they were at the fault: the result is
 * an oops with those registers, whatever the handler had looked at on the way.
 */
import { extableTypeName, extableTypes, EX_FLAG_CLEAR_AX, EX_FLAG_CLEAR_DX } from "../isa/extable-types.js";
import { decodeInsn } from "../isa/insn.js";
import { decodeMsrImm } from "../isa/msr-imm.js";
import { gpr64Names } from "../isa/registers.js";
import { entryData, searchExtable, type ExtableEntry } from "./extable.js";

/** Registers at the fault. `gpr` is in encoding order (rax 0, rcx 1, rdx 2, rbx 3, rsp 4 … r15 15). */
export interface RegFile {
  /** 16 unsigned 64-bit values; `gpr[4]` is the stack pointer. */
  gpr: readonly bigint[];
  rip: bigint;
}

/** The MSR instruction that trapped, as the CPU saw it. */
export interface MsrInsn {
  kind: "rdmsr" | "wrmsr";
  /** The MSR number: ECX for `rdmsr`/`wrmsr`/`wrmsrns`, the imm32 for the immediate forms. */
  msr: number;
  /** The value a write tried to write (EDX:EAX, or the register of `wrmsrns %r64, $imm`). */
  value?: bigint;
  /** Present for `rdmsr $imm, %r64` / `wrmsrns %r64, $imm`: the register (0–15). */
  immediateForm?: { reg: number };
}

/** What trapped. */
export interface Trap {
  /** The exception vector (Linux's `trapnr`): 6 #UD, 13 #GP, 14 #PF … */
  vector: number;
  errorCode?: number;
  /** CR2 for a #PF (ZEROPAD needs it; UACCESS warns on a non-canonical #GP address). */
  faultAddress?: bigint;
  msrInsn?: MsrInsn;
}

/** Memory the handler may read: the stack (FUNC_REWIND), code bytes, ZEROPAD's load. */
export interface FixupMemory {
  /** `len` bytes at `addr`, or `undefined` when they are not readable. */
  read(addr: bigint, len: number): Uint8Array | undefined;
}

export interface FixupOptions {
  memory?: FixupMemory;
  /**
   * Warnings already printed (keys made here: `msr@0x<ip>`, `uaccess`). Read and extended by the call,
   * so that one set per boot gives "once per site".
   */
  once?: Set<string>;
  /** Lookups allowed in one fault, INDIRECT and FUNC_REWIND chains included. Default 16. */
  maxLookups?: number;
}

/** One lookup of the chain: the address looked up and the entry found there. */
export interface FixupStep {
  at: bigint;
  entry: ExtableEntry;
  type: number;
  typeName: string;
}

/** A register the handler changed. */
export interface RegChange {
  /** 0–15, or "rip". */
  reg: number | "rip";
  name: string;
  before: bigint;
  after: bigint;
}

interface Common {
  /** Lines printed, in order, without their newline. */
  warnings: string[];
  /** The lookups made, in order. */
  chain: FixupStep[];
}

export type FixupResult =
  | (Common & { kind: "handled"; rip: bigint; regs: RegFile; changed: RegChange[] })
  /** Not handled: the kernel oopses with the registers of the fault. */
  | (Common & { kind: "oops"; reason: string; regs: RegFile })
  /** `*_IN_MCE`: the message is printed, then `panic(message)`. */
  | (Common & { kind: "panic"; message: string; regs: RegFile });

const MASK64 = (1n << 64n) - 1n;
const EIO = 5n;
const RAX = 0;
const RDX = 2;
const RSP = 4;
const T = extableTypes;

const u64 = (v: bigint): bigint => v & MASK64;
const hex = (v: bigint | number): string => v.toString(16);
const hex8 = (v: bigint): string => (v & 0xffff_ffffn).toString(16).padStart(8, "0");

/**
 * Handles a fault at `regs.rip` the way Linux's `fixup_exception` does.
 *
 * @example
 *   // wrmsr at 0x1000 with an EX_TYPE_WRMSR_SAFE entry, error register %rbx, fixup 0x1002
 *   const r = fixupException([{ insn: 0x1000, fixup: 0x1002, data: 10 | (3 << 8) }], regs, { vector: 13, errorCode: 0 });
 *   // r.kind === "handled", r.rip === 0x1002n, r.regs.gpr[3] === 0xfffffffffffffffbn (−EIO)
 */
export function fixupException(table: readonly ExtableEntry[], regs: RegFile, trap: Trap, opts: FixupOptions = {}): FixupResult {
  if (regs.gpr.length !== 16) throw new RangeError(`RegFile.gpr has ${regs.gpr.length} registers, want 16`);
  const gpr = regs.gpr.map(u64);
  const original: RegFile = { gpr: gpr.slice(), rip: u64(regs.rip) };
  let rip = original.rip;
  const warnings: string[] = [];
  const chain: FixupStep[] = [];
  const once = opts.once ?? new Set<string>();
  const maxLookups = opts.maxLookups ?? 16;
  let redirected = false;

  const oops = (reason: string): FixupResult => ({ kind: "oops", reason, regs: original, warnings, chain });
  const warnOnce = (key: string, text: string): void => {
    if (once.has(key)) return;
    once.add(key);
    warnings.push(text);
  };
  const done = (e: ExtableEntry): FixupResult => {
    // ex_handler_default
    if (e.data & EX_FLAG_CLEAR_AX) gpr[RAX] = 0n;
    if (e.data & EX_FLAG_CLEAR_DX) gpr[RDX] = 0n;
    rip = BigInt(e.fixup);
    const after: RegFile = { gpr, rip };
    return { kind: "handled", rip, regs: after, changed: changes(original, after), warnings, chain };
  };
  const setReg = (reg: number, v: bigint): void => {
    gpr[reg] = u64(v);
  };

  for (let lookups = 0; ; lookups++) {
    if (lookups === maxLookups) return oops(`exception table loop: ${maxLookups} lookups from 0x${hex(original.rip)} without a final handler`);
    const e = searchExtable(table, rip);
    if (!e) {
      const prev = chain.at(-1);
      return oops(prev ? `${prev.typeName} at 0x${hex(prev.at)}: no exception table entry for 0x${hex(rip)}` : `no exception table entry for 0x${hex(rip)}`);
    }
    const d = entryData(e);
    const typeName = extableTypeName(d.type) ?? `type ${d.type}`;
    chain.push({ at: rip, entry: e, type: d.type, typeName });

    switch (d.type) {
      case T.EX_TYPE_DEFAULT:
      case T.EX_TYPE_DEFAULT_MCE_SAFE:
        return done(e);
      case T.EX_TYPE_FAULT:
      case T.EX_TYPE_FAULT_MCE_SAFE:
        setReg(RAX, BigInt(trap.vector));
        return done(e);
      case T.EX_TYPE_UACCESS:
        if (trap.vector === 13 && trap.faultAddress !== undefined && !gpFaultAddressOk(trap.faultAddress)) {
          warnOnce("uaccess", "General protection fault in user access. Non-canonical address?");
        }
        return done(e);

      case T.EX_TYPE_WRMSR:
      case T.EX_TYPE_RDMSR:
      case T.EX_TYPE_WRMSR_SAFE:
      case T.EX_TYPE_RDMSR_SAFE: {
        // ex_handler_msr(wrmsr, safe, reg)
        const wrmsr = d.type === T.EX_TYPE_WRMSR || d.type === T.EX_TYPE_WRMSR_SAFE;
        const safe = d.type === T.EX_TYPE_WRMSR_SAFE || d.type === T.EX_TYPE_RDMSR_SAFE;
        const m = msrFacts(rip, gpr, redirected ? undefined : trap.msrInsn, opts.memory);
        if (!safe) warnOnce(`msr@0x${hex(rip)}`, wrmsr ? wrmsrText("unchecked MSR access error", m.msr, m.value, rip) : rdmsrText("unchecked MSR access error", m.msr, rip));
        if (!wrmsr) {
          // Pretend that the read succeeded and returned 0.
          if (m.immReg !== undefined) setReg(m.immReg, 0n);
          else {
            setReg(RAX, 0n);
            setReg(RDX, 0n);
          }
        }
        if (safe) setReg(d.reg, -EIO);
        return done(e);
      }
      case T.EX_TYPE_WRMSR_IN_MCE:
      case T.EX_TYPE_RDMSR_IN_MCE: {
        // ex_handler_msr_mce: pr_emerg, then panic
        const m = msrFacts(rip, gpr, redirected ? undefined : trap.msrInsn, opts.memory);
        warnings.push(d.type === T.EX_TYPE_WRMSR_IN_MCE ? wrmsrText("MSR access error", m.msr, m.value, rip) : rdmsrText("MSR access error", m.msr, rip));
        return { kind: "panic", message: "MCA architectural violation!", regs: original, warnings, chain };
      }

      case T.EX_TYPE_POP_REG: // IMM_REG after popping one word
      case T.EX_TYPE_IMM_REG:
        if (d.type === T.EX_TYPE_POP_REG) setReg(RSP, gpr[RSP]! + 8n);
        setReg(d.reg, BigInt(d.imm));
        return done(e);

      case T.EX_TYPE_ZEROPAD: {
        const why = zeropad(e, rip, gpr, trap, opts.memory);
        if (why) return oops(`EX_TYPE_ZEROPAD at 0x${hex(rip)}: ${why}`);
        return done(e);
      }

      case T.EX_TYPE_INDIRECT:
        rip = gpr[d.reg]!;
        redirected = true;
        continue;
      case T.EX_TYPE_FUNC_REWIND: {
        const n = (e.data >>> 8) & 0xff;
        if (n === 0) return oops(`EX_TYPE_FUNC_REWIND at 0x${hex(rip)} pops 0 words: no return address`);
        const sp = gpr[RSP]!;
        const ret = readU64(opts.memory, u64(sp + 8n * BigInt(n - 1)));
        if (ret === undefined) return oops(`EX_TYPE_FUNC_REWIND at 0x${hex(rip)}: the stack at 0x${hex(sp)} is not readable`);
        setReg(RSP, sp + 8n * BigInt(n));
        rip = u64(ret + BigInt(d.imm));
        redirected = true;
        continue;
      }

      default:
        return oops(`BUG: unknown exception table type ${d.type} at 0x${hex(rip)}`);
    }
  }
}

/** "…: WRMSR to 0x%x (tried to write 0x%08x%08x) at rIP: 0x%lx". */
function wrmsrText(prefix: string, msr: number, value: bigint, ip: bigint): string {
  return `${prefix}: WRMSR to 0x${hex(msr >>> 0)} (tried to write 0x${hex8(value >> 32n)}${hex8(value)}) at rIP: 0x${hex(ip)}`;
}

/** "…: RDMSR from 0x%x at rIP: 0x%lx". */
function rdmsrText(prefix: string, msr: number, ip: bigint): string {
  return `${prefix}: RDMSR from 0x${hex(msr >>> 0)} at rIP: 0x${hex(ip)}`;
}

interface MsrFacts {
  msr: number;
  /** What a write tried to write. */
  value: bigint;
  /** The register of an immediate form. */
  immReg?: number;
}

/**
 * The MSR number and value as the handler sees them at `ip`: from the caller's description of the
 * trapping instruction, else from the instruction bytes at `ip`, else ECX and EDX:EAX.
 */
function msrFacts(ip: bigint, gpr: readonly bigint[], insn: MsrInsn | undefined, memory: FixupMemory | undefined): MsrFacts {
  const edxEax = ((gpr[RDX]! & 0xffff_ffffn) << 32n) | (gpr[RAX]! & 0xffff_ffffn);
  const ecx = Number(gpr[1]! & 0xffff_ffffn);
  if (insn) {
    if (insn.immediateForm) return { msr: insn.msr, value: insn.value ?? gpr[insn.immediateForm.reg]!, immReg: insn.immediateForm.reg };
    return { msr: insn.msr, value: insn.value ?? edxEax };
  }
  const bytes = memory?.read(ip, 15) ?? memory?.read(ip, 9);
  const imm = bytes ? decodeMsrImm(bytes, 0) : null;
  if (imm && imm.reg < 16) return { msr: imm.imm, value: gpr[imm.reg]!, immReg: imm.reg };
  return { msr: ecx, value: edxEax };
}

function readU64(memory: FixupMemory | undefined, addr: bigint): bigint | undefined {
  const b = memory?.read(addr, 8);
  if (!b || b.length < 8) return undefined;
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
}

/**
 * `gp_fault_address_ok`: a #GP in a user access is expected when the address is in the user half or
 * just above it (one page). We take the user half as the 47-bit canonical lower half.
 */
function gpFaultAddressOk(addr: bigint): boolean {
  const USER_MAX = (1n << 47n) - 1n;
  return addr <= USER_MAX || u64(addr - 4096n) <= USER_MAX;
}

/**
 * `ex_handler_zeropad` (load_unaligned_zeropad): the faulting instruction is `mov m64, r64` (8b with
 * REX.W) that read across into an unmapped page; the register gets the bytes before the page, shifted
 * down, as if the rest were zeros. Returns why it does not apply, or `undefined` when the register
 * was set. Segment bases (fs:, gs:) are not added to the address.
 */
function zeropad(e: ExtableEntry, ip: bigint, gpr: bigint[], trap: Trap, memory: FixupMemory | undefined): string | undefined {
  const len = Number(BigInt(e.fixup) - ip);
  if (!(len > 0 && len <= 15)) return `fixup 0x${hex(e.fixup)} is not right after the instruction`;
  const bytes = memory?.read(ip, len);
  if (!bytes) return "the instruction bytes are not readable";
  const insn = decodeInsn(bytes, 0);
  if (!insn || insn.length !== len) return "the instruction does not end at the fixup";
  const rex = insn.rex ?? 0;
  if (insn.encoding !== "legacy" || insn.map !== 0 || insn.opcode[0] !== 0x8b || !(rex & 8)) return "not a 64-bit `mov m64, r64`";
  const at = insn.opcodeOffset + 1;
  const modrm = bytes[at]!;
  const mod = modrm >> 6;
  if (mod === 3) return "the source is a register";
  const disp = BigInt(insn.displacement?.value ?? 0);
  let addr: bigint;
  if (mod === 0 && (modrm & 7) === 5) {
    addr = ip + BigInt(len) + disp;
  } else if ((modrm & 7) === 4) {
    const sib = bytes[at + 1]!;
    const index = ((sib >> 3) & 7) | (rex & 2 ? 8 : 0);
    const base = (sib & 7) | (rex & 1 ? 8 : 0);
    addr = disp;
    if (!(mod === 0 && (sib & 7) === 5)) addr += gpr[base]!;
    if (index !== 4) addr += gpr[index]! << BigInt(sib >> 6);
  } else {
    addr = gpr[(modrm & 7) | (rex & 1 ? 8 : 0)]! + disp;
  }
  addr = insn.prefixes.includes(0x67) ? addr & 0xffff_ffffn : u64(addr);
  const offset = addr & 7n;
  const aligned = addr & ~7n;
  if (trap.faultAddress !== aligned + 8n) return `the fault address is not the next word (0x${hex(aligned + 8n)})`;
  const word = readU64(memory, aligned);
  if (word === undefined) return `0x${hex(aligned)} is not readable`;
  gpr[((modrm >> 3) & 7) | (rex & 4 ? 8 : 0)] = word >> (offset * 8n);
  return undefined;
}

/** Registers whose values differ, in encoding order, then rip. */
function changes(before: RegFile, after: RegFile): RegChange[] {
  const out: RegChange[] = [];
  for (let r = 0; r < 16; r++) {
    if (before.gpr[r] !== after.gpr[r]) out.push({ reg: r, name: gpr64Names[r]!, before: before.gpr[r]!, after: after.gpr[r]! });
  }
  if (before.rip !== after.rip) out.push({ reg: "rip", name: "rip", before: before.rip, after: after.rip });
  return out;
}

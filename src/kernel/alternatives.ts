/**
 * `apply_alternatives` (arch/x86/kernel/alternative.c), as a reference model over any memory: the linker
 * patches an image statically with it (`--cpu`), `objdump --cpu` shows its result, and the emulator
 * checks the runtime patcher against it. Rules: reference/linux-x86.md §1, "Patching at boot".
 *
 * Why sites, not records. `ALTERNATIVE_2(old, new1, f1, new2, f2)` is `ALTERNATIVE(ALTERNATIVE(old,
 * new1, f1), new2, f2)`: the inner level pads `old` to fit `new1` and emits its record, the outer level
 * pads the result to fit `new2` and emits its own. Both records name the same site address, but the
 * inner record's `instrlen` only covers what existed when it was emitted — the outer padding came later.
 * Until 2026 Linux walked the records one by one and let each eligible one overwrite the site (after
 * first widening every record of the site to the largest `instrlen`), so the last eligible record won
 * but earlier ones were visible in between, and an `ALT_FLAG_DIRECT_CALL` record, which reads the call
 * target from the original `call *disp(%rip)`, broke if an earlier record had already replaced it.
 * Juergen Gross's rewrite (tip x86/alternatives, January 2026: "Patch a single alternative location
 * only once") evaluates all records of a site first and writes the site once, from its original bytes,
 * with the last eligible record. The final bytes are the same as before except for DIRECT_CALL. We
 * follow the 2026 semantics.
 *
 * Per site, then:
 *  1. length = the largest `instrlen`; chosen = the last record whose condition holds;
 *  2. buffer = the replacement (`ALT_FLAG_DIRECT_CALL`: a `call` to the pointer the original reads),
 *     padded with `90` to the site length;
 *  3. relocation: relative operands aimed outside the replacement are moved by `repl − site`
 *     (`__apply_relocation`); a relocated `jmp rel32` that now fits becomes `jmp rel8` + `int3`s;
 *  4. NOP runs become single NOPs or a short jump over `int3`s (`optimize_nops`);
 *  5. one write.
 *
 * One difference from Linux, on purpose (the reference says so): a site with no eligible record keeps
 * its original bytes. Linux 2026 also runs `optimize_nops` over an unpatched site's own bytes.
 */
import { ALT_FLAG_DIRECT_CALL } from "../isa/alt-instr.js";
import { decodeInsn, type InsnInfo } from "../isa/insn.js";
import { linuxNops } from "../isa/nops.js";
import { altInstrApplies, altSites, type AltInstr } from "./alt-instr.js";

/** The address space the patcher reads replacements and pointers from and writes sites to. */
export interface PatchMemory {
  read(addr: number, len: number): Uint8Array;
  write(addr: number, bytes: Uint8Array): void;
}

export interface AlternativesOptions {
  /** Address of `nop_func`: a DIRECT_CALL to it becomes NOPs. */
  nopFunc?: number;
  /** Address of `BUG_func`: a DIRECT_CALL through a null pointer calls it. */
  bugFunc?: number;
}

/** What happened at one site. */
export interface SitePatch {
  site: number;
  /** Site length: the largest `instrlen` of its records. */
  len: number;
  /** The record whose replacement was written; absent when no record's condition held. */
  chosen?: AltInstr;
  /** The site's bytes before patching. */
  before: Uint8Array;
  /** The site's bytes after patching (equal to `before` when nothing was chosen). */
  after: Uint8Array;
}

/** A site the patcher cannot patch (Linux would `BUG()`). */
export class AlternativesError extends Error {
  readonly site: number;
  /** Table index of the record being applied. */
  readonly index: number;
  constructor(record: AltInstr, message: string) {
    super(`alternative at site 0x${record.site.toString(16)} (record ${record.index}): ${message}`);
    this.name = "AlternativesError";
    this.site = record.site;
    this.index = record.index;
  }
}

const NOP = 0x90;
const INT3 = 0xcc;
const JMP8 = 0xeb;
const JMP32 = 0xe9;
const CALL_INSN_OPCODE = 0xe8;
/** `call *disp32(%rip)`: `ff /2` with ModRM mod 00, rm 101. */
const CALL_RIP_REL_OPCODE = 0xff;
const CALL_RIP_REL_MODRM = 0x15;

/**
 * What is wrong with an `ALT_FLAG_DIRECT_CALL` record's shape (`alt_replace_call`): the replacement must
 * be a 5-byte `e8 rel32`, the original a 6-byte `ff 15 disp32`. The bytes are checked when given.
 */
export function directCallProblems(a: AltInstr, original?: Uint8Array, replacement?: Uint8Array): string[] {
  const out: string[] = [];
  if (a.replacementlen !== 5 || (replacement && replacement[0] !== CALL_INSN_OPCODE)) {
    out.push("ALT_FLAG_DIRECT_CALL set for a non-call replacement instruction (want the 5-byte `e8 rel32`)");
  }
  if (a.instrlen !== 6 || (original && (original[0] !== CALL_RIP_REL_OPCODE || original[1] !== CALL_RIP_REL_MODRM))) {
    out.push("ALT_FLAG_DIRECT_CALL set for unrecognized indirect call (want the 6-byte `ff 15 disp32`)");
  }
  return out;
}

/**
 * Patches every site of `records` for a CPU on which `has(feature)` tells the feature bits, and returns
 * one {@link SitePatch} per site in table order.
 *
 * @example
 *   const patches = applyAlternatives(decodeAltInstrs(table, tableAddr), mem, (f) => profile.features.includes(f));
 */
export function applyAlternatives(
  records: readonly AltInstr[],
  mem: PatchMemory,
  has: (feature: number) => boolean,
  opts: AlternativesOptions = {},
): SitePatch[] {
  const out: SitePatch[] = [];
  for (const { site, len, records: group } of altSites(records)) {
    const before = mem.read(site, len).slice();
    let chosen: AltInstr | undefined;
    for (const r of group) if (altInstrApplies(r, has)) chosen = r;
    if (!chosen) {
      out.push({ site, len, before, after: before.slice() });
      continue;
    }
    const buf = prepareSite(chosen, before, len, mem, opts);
    optimizeNops(buf);
    mem.write(site, buf);
    out.push({ site, len, chosen, before, after: buf.slice() });
  }
  return out;
}

/** Steps 2 and 3: the replacement in a site-sized buffer, padded and relocated (`prep_patch_site`). */
function prepareSite(a: AltInstr, original: Uint8Array, len: number, mem: PatchMemory, opts: AlternativesOptions): Uint8Array {
  if (a.replacementlen > len) throw new AlternativesError(a, `replacement of ${a.replacementlen} bytes is longer than the site (${len})`);
  const buf = new Uint8Array(len).fill(NOP);
  buf.set(mem.read(a.repl, a.replacementlen).subarray(0, a.replacementlen));
  let relocFrom = 0;
  if (a.flags & ALT_FLAG_DIRECT_CALL) {
    const kept = directCall(a, original, buf, mem, opts);
    buf.fill(NOP, kept);
    relocFrom = kept; // the call is already relative to the site
  }
  relocate(a, buf, relocFrom);
  return buf;
}

/**
 * `alt_replace_call`: the replacement `call BUG_func` becomes a direct call to the function the
 * original `call *disp(%rip)` reads its target from. Returns the bytes of the buffer to keep: 5, or 0
 * when the target is `nop_func` (the whole site becomes NOPs).
 */
function directCall(a: AltInstr, original: Uint8Array, buf: Uint8Array, mem: PatchMemory, opts: AlternativesOptions): number {
  const shape = directCallProblems(a, original, buf);
  if (shape.length > 0) throw new AlternativesError(a, shape.join("; "));
  const disp = new DataView(original.buffer, original.byteOffset).getInt32(2, true);
  const slot = a.site + 6 + disp; // RIP-relative: from the end of the 6-byte call
  const pointer = new DataView(mem.read(slot, 8).slice().buffer).getBigUint64(0, true);
  let target: number;
  if (pointer === 0n) {
    if (opts.bugFunc === undefined) throw new AlternativesError(a, `call pointer at 0x${slot.toString(16)} is null and no BUG_func address was given`);
    target = opts.bugFunc;
  } else {
    target = Number(pointer);
  }
  if (opts.nopFunc !== undefined && target === opts.nopFunc) return 0;
  const rel = target - (a.site + 5);
  if (!fits(rel, 4)) throw new AlternativesError(a, `call target 0x${target.toString(16)} is out of reach of a rel32 call`);
  buf[0] = CALL_INSN_OPCODE;
  new DataView(buf.buffer).setInt32(1, rel, true);
  return 5;
}

/**
 * `__apply_relocation`: walks the buffer from `from` to the site's end. A relative operand whose target
 * (counted from the start of the replacement) lies outside it — before its first byte or after its last,
 * its end itself counting as inside, which is how a jump "to after the site" is written — was aimed at
 * something else in the kernel, and gets `repl − site` added, since the bytes now run at the site.
 */
function relocate(a: AltInstr, buf: Uint8Array, from: number): void {
  const delta = a.repl - a.site;
  const outside = (target: number): boolean => target < 0 || target > a.replacementlen;
  for (let i = from; i < buf.length; ) {
    const insn = decodeInsn(buf, i);
    if (!insn) return; // Linux: WARN and stop
    const next = i + insn.length;
    if (isRelocatedBranch(insn) && insn.immediate) {
      const imm = insn.immediate;
      if (outside(next + imm.value)) {
        const v = imm.value + delta;
        if (!fits(v, imm.size)) throw new AlternativesError(a, `relative branch at +${i} does not reach its target from the site (rel${imm.size * 8} overflow)`);
        writeSigned(buf, i + imm.offset, imm.size, v);
        // Linux turns a `jmp rel32` into `jmp rel8` when the result fits. It computes the test for
        // every `e9`, relocated or not; we do it for relocated ones only, as the reference says.
        // The rel8 counts from the end of the 2-byte jmp instead of the end of the whole jmp.
        if (insn.opcode[0] === JMP32) {
          const short = v + insn.length - 2;
          if (fits(short, 1)) {
            buf[i] = JMP8;
            buf[i + 1] = short & 0xff;
            buf.fill(INT3, i + 2, next);
          }
        }
      }
    }
    if (insn.ripRelative && insn.displacement && outside(next + insn.displacement.value)) {
      const d = insn.displacement;
      const v = d.value + delta;
      if (!fits(v, d.size)) throw new AlternativesError(a, `RIP-relative operand at +${i} does not reach its target from the site`);
      writeSigned(buf, i + d.offset, d.size, v);
    }
    i = next;
  }
}

/** The branches Linux relocates: `e8`, `e9`, `eb`, `70`–`7f`, `0f 80`–`0f 8f` (not loop or jrcxz). */
function isRelocatedBranch(insn: InsnInfo): boolean {
  if (!insn.relativeBranch) return false;
  const op = insn.opcode[0]!;
  return !(op >= 0xe0 && op <= 0xe3);
}

/**
 * `optimize_nops`: every NOP that is not the last instruction, together with the single-byte `90`s
 * right after it (`skip_nops`), is rewritten as one NOP (`add_nop`). A NOP that ends the site is
 * already as good as it gets.
 */
function optimizeNops(buf: Uint8Array): void {
  for (let i = 0; i < buf.length; ) {
    const insn = decodeInsn(buf, i);
    if (!insn) return;
    let next = i + insn.length;
    if (insn.isNop) {
      if (next === buf.length) return;
      while (next < buf.length && buf[next] === NOP) next++;
      addNop(buf, i, next - i);
    }
    i = next;
  }
}

/** `add_nop`: one NOP of `len` bytes up to 11; beyond, a jump over `int3` filler. */
function addNop(buf: Uint8Array, at: number, len: number): void {
  if (len <= 0) return;
  if (len < linuxNops.length) {
    buf.set(linuxNops[len]!, at);
    return;
  }
  if (len < 128) {
    buf[at] = JMP8;
    buf[at + 1] = len - 2;
    buf.fill(INT3, at + 2, at + len);
  } else {
    buf[at] = JMP32;
    new DataView(buf.buffer, buf.byteOffset).setInt32(at + 1, len - 5, true);
    buf.fill(INT3, at + 5, at + len);
  }
}

function fits(v: number, size: number): boolean {
  const half = 2 ** (size * 8 - 1);
  return Number.isInteger(v) && v >= -half && v < half;
}

function writeSigned(buf: Uint8Array, at: number, size: number, v: number): void {
  const dv = new DataView(buf.buffer, buf.byteOffset);
  switch (size) {
    case 1: dv.setInt8(at, v); break;
    case 2: dv.setInt16(at, v, true); break;
    case 4: dv.setInt32(at, v, true); break;
    default: dv.setBigInt64(at, BigInt(v), true);
  }
}

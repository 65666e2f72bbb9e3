/**
 * The emulator's built-in cross-checks: the image's runtime does what a kernel does (patch its
 * alternatives, handle its faults through `__ex_table`), and the emulator checks each result against
 * the reference models in src/kernel — the same code the linker's `--cpu` and `objdump --cpu` use.
 *
 * - Alternatives: at the end of the run every site's bytes are compared with what
 *   `applyAlternatives` gives for the profile, starting from the image's original bytes.
 * - Exceptions: when a fault is delivered to the runtime's handler, `fixupException` computes where
 *   Linux would resume and with which registers; when the handler returns (`iretq`), the emulator
 *   compares the RIP and every general-purpose register with that answer. A fault the model would
 *   oops on must not be resumed at all.
 *
 * A disagreement is reported with the site and both answers; it does not stop the run.
 */
import { altSites, decodeAltInstrs } from "../kernel/alt-instr.js";
import { ALTERNATOR_NOTE_SECTION, decodeProfileNote } from "../obj/alternator-note.js";
import { applyAlternatives } from "../kernel/alternatives.js";
import { decodeExtable, type ExtableEntry } from "../kernel/extable.js";
import { fixupException, type FixupResult, type MsrInsn, type RegFile } from "../kernel/fixup.js";
import { decodeMsrImm } from "../isa/msr-imm.js";
import { gpr64Names } from "../isa/registers.js";
import type { CpuProfile } from "../isa/cpu-profiles.js";
import { symbolAt, type LoadedImage } from "./loader.js";

export interface Disagreement {
  kind: "alternatives" | "fixup";
  /** Where: the site or the faulting instruction, as `symbol+0xoff`. */
  at: string;
  address: bigint;
  message: string;
  /** What the runtime did and what the model says. */
  runtime: string;
  model: string;
}

const hexBytes = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** The image's loaded bytes as patchable memory (callers pass a copy to keep the originals). */
function imageBytes(image: LoadedImage): { read(addr: number, len: number): Uint8Array; write(addr: number, bytes: Uint8Array): void } {
  const find = (addr: number, len: number): { seg: Uint8Array; off: number } => {
    for (const s of image.segments) {
      const off = addr - Number(s.address);
      if (off >= 0 && off + len <= s.bytes.length) return { seg: s.bytes, off };
    }
    throw new RangeError(`0x${addr.toString(16)}+${len} is outside the image`);
  };
  return {
    read(addr, len) {
      const { seg, off } = find(addr, len);
      return seg.slice(off, off + len);
    },
    write(addr, bytes) {
      const { seg, off } = find(addr, bytes.length);
      seg.set(bytes, off);
    },
  };
}

function section(image: LoadedImage, name: string): { data: Uint8Array; address: number } | undefined {
  const i = image.exe.sections.findIndex((s) => s.name === name);
  return i < 0 ? undefined : { data: image.exe.sections[i]!.data, address: Number(image.exe.addresses[i]!) };
}

/** The profile an image was patched for at link time (`.note.alternator`), if any. */
export function staticProfile(image: LoadedImage): string | undefined {
  const note = section(image, ALTERNATOR_NOTE_SECTION);
  return note ? decodeProfileNote(note.data) : undefined;
}

/**
 * Compares every alternatives site in memory with the model's patch of the original image — or, for an
 * image patched at link time (whose runtime sees an empty table), with the file's bytes unchanged.
 */
export function checkAlternativesSites(image: LoadedImage, profile: CpuProfile, readMemory: (addr: bigint, len: number) => Uint8Array): Disagreement[] {
  const alt = section(image, ".altinstructions");
  if (!alt || alt.data.length === 0) return [];
  const original = { ...image, segments: image.segments.map((s) => ({ ...s, bytes: s.bytes.slice() })) };
  const mem = imageBytes(original);
  const patchedFor = staticProfile(image);
  const has = new Set(patchedFor === undefined ? profile.features : []);
  const sym = (n: string): number | undefined => {
    const s = image.symbols.find((x) => x.name === n);
    return s ? Number(s.address) : undefined;
  };
  const nopFunc = sym("nop_func");
  const bugFunc = sym("BUG_func");
  let expected: { site: number; len: number; after: Uint8Array; why: string }[];
  try {
    const records = decodeAltInstrs(alt.data, alt.address);
    if (patchedFor !== undefined) {
      expected = altSites(records).map((s) => ({ site: s.site, len: s.len, after: mem.read(s.site, s.len), why: `none at boot (patched for ${patchedFor} at link time)` }));
    } else {
      expected = applyAlternatives(records, mem, (f) => has.has(f), { ...(nopFunc !== undefined ? { nopFunc } : {}), ...(bugFunc !== undefined ? { bugFunc } : {}) })
        .map((p) => ({ site: p.site, len: p.len, after: p.after, why: p.chosen ? `record ${p.chosen.index} (feature ${p.chosen.feature})` : "no record (original bytes)" }));
    }
  } catch (e) {
    return [{ kind: "alternatives", at: ".altinstructions", address: BigInt(alt.address), message: `the model cannot patch this table: ${(e as Error).message}`, runtime: "", model: "" }];
  }
  const out: Disagreement[] = [];
  for (const p of expected) {
    const actual = readMemory(BigInt(p.site), p.len);
    if (hexBytes(actual) === hexBytes(p.after)) continue;
    out.push({
      kind: "alternatives", at: symbolAt(image, BigInt(p.site)), address: BigInt(p.site),
      message: `site patched differently from apply_alternatives for ${profile.name}: the model chooses ${p.why}`,
      runtime: hexBytes(actual), model: hexBytes(p.after),
    });
  }
  return out;
}

/** The MSR instruction at `rip`, as the fault model needs it (the number, the value, the form). */
export function msrInsnAt(bytes: Uint8Array, gpr: readonly bigint[]): MsrInsn | undefined {
  const imm = decodeMsrImm(bytes, 0);
  if (imm) {
    return imm.op === "rdmsr" ? { kind: "rdmsr", msr: imm.imm, immediateForm: { reg: imm.reg } } : { kind: "wrmsr", msr: imm.imm, value: gpr[imm.reg]!, immediateForm: { reg: imm.reg } };
  }
  let i = 0;
  while (i < 4 && [0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65, 0x66, 0x67, 0xf2, 0xf3].includes(bytes[i]!)) i++;
  if (bytes[i] !== 0x0f) return undefined;
  const ecx = Number(gpr[1]! & 0xffffffffn);
  const edxEax = ((gpr[2]! & 0xffffffffn) << 32n) | (gpr[0]! & 0xffffffffn);
  if (bytes[i + 1] === 0x32) return { kind: "rdmsr", msr: ecx };
  if (bytes[i + 1] === 0x30) return { kind: "wrmsr", msr: ecx, value: edxEax };
  if (bytes[i + 1] === 0x01 && bytes[i + 2] === 0xc6) return { kind: "wrmsr", msr: ecx, value: edxEax };
  return undefined;
}

interface Pending {
  fault: RegFile;
  result: FixupResult;
  vector: number;
}

/** Follows faults into the runtime's handler and back out, checking each against `fixupException`. */
export class FaultChecker {
  readonly disagreements: Disagreement[] = [];
  /** Fixups by the type of the entry that finally handled them (the last of the chain). */
  readonly fixupsByType: Record<string, number> = {};
  readonly oopses: number[] = [];
  private readonly table: ExtableEntry[];
  private readonly pending: Pending[] = [];
  private readonly once = new Set<string>();

  constructor(private readonly image: LoadedImage, private readonly readMemory: (addr: bigint, len: number) => Uint8Array | undefined) {
    const ex = section(image, "__ex_table");
    this.table = ex ? decodeExtable(ex.data, ex.address) : [];
  }

  /** A fault at `fault.rip` is being delivered to the runtime. */
  onFault(vector: number, errorCode: number | undefined, fault: RegFile, faultAddress?: bigint): void {
    const code = this.readMemory(fault.rip, 15);
    const msrInsn = code && (vector === 13 || vector === 6) ? msrInsnAt(code, fault.gpr) : undefined;
    const result = fixupException(this.table, fault, {
      vector, ...(errorCode !== undefined ? { errorCode } : {}), ...(faultAddress !== undefined ? { faultAddress } : {}), ...(msrInsn ? { msrInsn } : {}),
    }, { memory: { read: (a, n) => this.readMemory(a, n) }, once: this.once });
    this.pending.push({ fault, result, vector });
  }

  /** The runtime's handler returned to `rip` with `gpr`. */
  onReturn(rip: bigint, gpr: readonly bigint[]): void {
    const p = this.pending.pop();
    if (!p) return;
    const at = symbolAt(this.image, p.fault.rip);
    if (p.result.kind !== "handled") {
      this.disagreements.push({ kind: "fixup", at, address: p.fault.rip, message: `the runtime resumed after vector ${p.vector}, but fixup_exception would ${p.result.kind === "oops" ? `oops (${p.result.reason})` : "panic"}`, runtime: `resumed at ${symbolAt(this.image, rip)}`, model: p.result.kind });
      return;
    }
    const chain = p.result.chain;
    const last = chain[chain.length - 1];
    if (last) this.fixupsByType[last.typeName] = (this.fixupsByType[last.typeName] ?? 0) + 1;
    const want = p.result.regs;
    const diffs: string[] = [];
    if (rip !== p.result.rip) diffs.push(`rip ${symbolAt(this.image, rip)} (model ${symbolAt(this.image, p.result.rip)})`);
    for (let r = 0; r < 16; r++) {
      if (gpr[r] !== want.gpr[r]) diffs.push(`%${gpr64Names[r]} ${hex(gpr[r]!)} (model ${hex(want.gpr[r]!)})`);
    }
    if (diffs.length) {
      this.disagreements.push({
        kind: "fixup", at, address: p.fault.rip,
        message: `the runtime's fixup for vector ${p.vector} (${chain.map((c) => c.typeName).join(" → ") || "no entry"}) differs from fixup_exception`,
        runtime: diffs.join(", "), model: `resume at ${symbolAt(this.image, p.result.rip)}${p.result.changed.length ? ` with ${p.result.changed.map((c) => `${c.name}=${hex(c.after)}`).join(", ")}` : ""}`,
      });
    }
  }

  /** The run ended: faults never returned from must be ones the model would not handle either. */
  finish(): void {
    for (const p of this.pending.splice(0)) {
      if (p.result.kind === "handled") {
        this.disagreements.push({ kind: "fixup", at: symbolAt(this.image, p.fault.rip), address: p.fault.rip, message: `fixup_exception would handle vector ${p.vector} and resume at ${symbolAt(this.image, p.result.rip)}, but the runtime never returned from it`, runtime: "no return", model: `resume at ${symbolAt(this.image, p.result.rip)}` });
      } else this.oopses.push(p.vector);
    }
  }
}

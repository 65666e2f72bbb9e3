/**
 * One 64-bit instruction, decoded into the few facts that code patchers need: the length, where the
 * opcode starts and what it is, and where the immediate and displacement sit in the bytes. This is the
 * shape of Linux's `struct insn` as `apply_alternatives` uses it (`insn.length`, `insn.opcode.bytes`,
 * `insn.immediate`, `insn.displacement`, `insn_rip_relative`, `insn_is_nop`), built on iced-x86.
 *
 * iced decides validity and length and reports the displacement and immediate offsets
 * (`getConstantOffsets`); the opcode position comes from a small prefix scan here, because iced does not
 * report it. The MSR-immediate forms, which iced 1.21 decodes as invalid, go through the shim first.
 *
 * iced's `Decoder` copies its input into WebAssembly memory when it is made, so making one per call
 * costs a copy and an allocation. We keep one decoder over a copy of a window of the caller's bytes and
 * reuse it while the bytes of the instruction asked for (at most 15) still match the copy; a patcher
 * that walks a buffer, rewrites an immediate and walks it again gets a fresh window, never a stale one.
 */
import { Decoder, DecoderOptions, Instruction, Register } from "iced-x86";
import { decodeMsrImm } from "./msr-imm.js";
import { prefixBytes } from "./prefixes.js";

/** A field of the instruction: its offset from the instruction's first byte, size in bytes, and value. */
export interface InsnField {
  offset: number;
  size: number;
  /**
   * The field read little-endian and sign-extended, as Linux's `insn.immediate.value` and
   * `insn.displacement.value` hold it. Exact for sizes 1, 2 and 4; an 8-byte field (`movabs`) is
   * rounded to the nearest double.
   */
  value: number;
}

export type InsnEncoding = "legacy" | "vex" | "evex" | "xop";

export interface InsnInfo {
  /** Total length in bytes, prefixes included. */
  length: number;
  /** Legacy prefix bytes in the order they appear (REX and VEX/EVEX/XOP are not legacy prefixes). */
  prefixes: readonly number[];
  /** The REX byte that applies to the opcode (`0x40`–`0x4f` right before it), if any. */
  rex?: number;
  encoding: InsnEncoding;
  /**
   * Opcode map: 0 for one-byte opcodes, 1 for `0f xx`, 2 for `0f 38 xx`, 3 for `0f 3a xx`; for VEX,
   * EVEX and XOP the map their prefix names (7 for the MSR-immediate forms).
   */
  map: number;
  /** Offset of the first opcode byte (for legacy encodings the `0f` escape, if any). */
  opcodeOffset: number;
  /**
   * The opcode bytes as Linux's `insn.opcode.bytes` holds them: the escape bytes and the opcode for
   * legacy encodings (`[0xe8]`, `[0x0f, 0x85]`, `[0x0f, 0x38, 0xf0]`), the one byte after the prefix for
   * VEX, EVEX and XOP.
   */
  opcode: readonly number[];
  /**
   * Linux's `insn_is_nop`: opcode `90` unless the first legacy prefix is `f3` (`pause`), or `0f 1f`
   * (NOPL). Legacy encodings only (Linux's decoder would also match a VEX instruction whose opcode byte
   * is `90`, such as `kmovw`; no patch site holds one and we do not copy the accident).
   */
  isNop: boolean;
  /** A direct relative branch: `e8`, `e9`, `eb`, `70`–`7f`, `e0`–`e3` (loop, jrcxz), `0f 80`–`0f 8f`. */
  relativeBranch: boolean;
  /** The first immediate in the instruction stream; for a relative branch, the rel8/rel32. */
  immediate?: InsnField;
  displacement?: InsnField;
  /** ModRM addresses memory relative to RIP (or EIP with an `67` prefix). */
  ripRelative: boolean;
}

/** Every legacy prefix byte: the prefix words' bytes other than REX. */
const LEGACY_PREFIXES: ReadonlySet<number> = new Set(Object.values(prefixBytes).filter((b) => (b & 0xf0) !== 0x40));

const MAX_INSN = 15;
/** Bytes copied into the shared decoder at a time. */
const WINDOW = 1024;

interface Window {
  decoder: Decoder;
  /** Offset in the caller's bytes that `data[0]` was copied from. */
  start: number;
  data: Uint8Array;
}

let cached: Window | undefined;
let instruction: Instruction | undefined;

/**
 * Returns a decoder positioned so that decoding sees exactly what `bytes` holds at `offset`: the same up
 * to 15 bytes and, if `bytes` ends within them, the same end.
 */
function decoderAt(bytes: Uint8Array, offset: number): Decoder {
  const avail = Math.min(MAX_INSN, bytes.length - offset);
  const w = cached;
  if (w) {
    const p = offset - w.start;
    const fits = p >= 0 && p + avail <= w.data.length && (avail === MAX_INSN || p + avail === w.data.length);
    if (fits && sameBytes(w.data, p, bytes, offset, avail)) {
      w.decoder.position = p;
      return w.decoder;
    }
    w.decoder.free();
    cached = undefined;
  }
  const data = bytes.slice(offset, Math.min(bytes.length, offset + WINDOW));
  const decoder = new Decoder(64, data, DecoderOptions.None);
  cached = { decoder, start: offset, data };
  return decoder;
}

function sameBytes(a: Uint8Array, ap: number, b: Uint8Array, bp: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a[ap + k] !== b[bp + k]) return false;
  return true;
}

/** Reads `size` bytes little-endian at `at`, sign-extended. */
function readSigned(bytes: Uint8Array, at: number, size: number): number {
  const dv = new DataView(bytes.buffer, bytes.byteOffset + at, size);
  switch (size) {
    case 1: return dv.getInt8(0);
    case 2: return dv.getInt16(0, true);
    case 4: return dv.getInt32(0, true);
    case 8: return Number(dv.getBigInt64(0, true));
    default: throw new RangeError(`field size ${size}`);
  }
}

function field(bytes: Uint8Array, insnStart: number, offset: number, size: number): InsnField {
  return { offset, size, value: readSigned(bytes, insnStart + offset, size) };
}

interface OpcodeScan {
  prefixes: number[];
  rex?: number;
  encoding: InsnEncoding;
  map: number;
  opcodeOffset: number;
  opcode: number[];
}

/**
 * Finds the opcode of an instruction iced has already accepted (so every byte read here exists): legacy
 * prefixes and REX bytes in any order (a REX byte counts only right before the opcode), then a VEX
 * (`c4`, `c5`), EVEX (`62`) or XOP (`8f` with map ≥ 8) prefix, or the `0f`, `0f 38`, `0f 3a` escapes.
 */
function scanOpcode(bytes: Uint8Array, at: number, length: number): OpcodeScan {
  const end = at + length;
  const prefixes: number[] = [];
  let rex: number | undefined;
  let p = at;
  for (; p < end; p++) {
    const b = bytes[p]!;
    if (LEGACY_PREFIXES.has(b)) {
      prefixes.push(b);
      rex = undefined;
    } else if ((b & 0xf0) === 0x40) {
      rex = b;
    } else {
      break;
    }
  }
  const b0 = bytes[p]!;
  const scan = (encoding: InsnEncoding, map: number, opAt: number, opLen: number): OpcodeScan => {
    const s: OpcodeScan = { prefixes, encoding, map, opcodeOffset: opAt - at, opcode: Array.from(bytes.subarray(opAt, opAt + opLen)) };
    if (rex !== undefined) s.rex = rex;
    return s;
  };
  if (b0 === 0xc5) return scan("vex", 1, p + 2, 1);
  if (b0 === 0xc4) return scan("vex", bytes[p + 1]! & 0x1f, p + 3, 1);
  if (b0 === 0x62) return scan("evex", bytes[p + 1]! & 0x07, p + 4, 1);
  if (b0 === 0x8f && (bytes[p + 1]! & 0x1f) >= 8) return scan("xop", bytes[p + 1]! & 0x1f, p + 3, 1);
  if (b0 === 0x0f) {
    const b1 = bytes[p + 1]!;
    if (b1 === 0x38) return scan("legacy", 2, p, 3);
    if (b1 === 0x3a) return scan("legacy", 3, p, 3);
    return scan("legacy", 1, p, 2);
  }
  return scan("legacy", 0, p, 1);
}

function isRelativeBranch(s: OpcodeScan): boolean {
  if (s.encoding !== "legacy") return false;
  const [o0, o1] = s.opcode as [number, number | undefined];
  if (s.map === 0) return o0 === 0xe8 || o0 === 0xe9 || o0 === 0xeb || (o0 >= 0x70 && o0 <= 0x7f) || (o0 >= 0xe0 && o0 <= 0xe3);
  return s.map === 1 && o1 !== undefined && o1 >= 0x80 && o1 <= 0x8f;
}

/**
 * Linux's `insn_is_nop`. Linux keeps distinct legacy prefixes in four slots and moves the last prefix
 * into slot 3; its "first prefix" is slot 0 after that move, which differs from the first byte only for
 * five or more prefix bytes with repeats.
 */
function isLinuxNop(s: OpcodeScan): boolean {
  if (s.encoding !== "legacy") return false;
  if (s.map === 1) return s.opcode[1] === 0x1f;
  if (s.map !== 0 || s.opcode[0] !== 0x90) return false;
  return s.prefixes.length === 0 || linuxPrefixSlots(s.prefixes)[0] !== 0xf3;
}

/** `insn_get_prefixes`: distinct prefixes in up to four slots, the last prefix swapped into slot 3. */
function linuxPrefixSlots(prefixes: readonly number[]): number[] {
  const slots = [0, 0, 0, 0];
  let n = 0;
  let last = 0;
  for (const b of prefixes) {
    if (!slots.slice(0, n).includes(b)) {
      if (n === 4) break;
      slots[n++] = b;
    }
    last = b;
  }
  if (last !== 0 && last !== slots[3]) {
    if (slots[3] !== 0) for (let k = 0; k < n; k++) if (slots[k] === last) slots[k] = slots[3]!;
    slots[3] = last;
  }
  return slots;
}

/**
 * Decodes the 64-bit instruction at `bytes[offset]`, or returns `undefined` when the bytes there are
 * not a valid instruction (or are cut off by the end of `bytes`).
 *
 * @example
 *   decodeInsn(new Uint8Array([0xe9, 0x10, 0, 0, 0]), 0)
 *   // { length: 5, opcode: [0xe9], relativeBranch: true, immediate: { offset: 1, size: 4, value: 16 }, … }
 */
export function decodeInsn(bytes: Uint8Array, offset: number): InsnInfo | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset >= bytes.length) return undefined;

  const msr = decodeMsrImm(bytes, offset);
  if (msr) {
    const opcodeOffset = msr.immOffset - 2; // [segment prefixes] c4 xx xx | 62 xx xx xx, then f6 modrm imm32
    const vex = bytes[offset + opcodeOffset - 3] === 0xc4;
    const prefixEnd = opcodeOffset - (vex ? 3 : 4);
    return {
      length: msr.length,
      prefixes: Array.from(bytes.subarray(offset, offset + prefixEnd)),
      encoding: vex ? "vex" : "evex",
      map: 7,
      opcodeOffset,
      opcode: [bytes[offset + opcodeOffset]!],
      isNop: false,
      relativeBranch: false,
      immediate: field(bytes, offset, msr.immOffset, 4),
      ripRelative: false,
    };
  }

  const decoder = decoderAt(bytes, offset);
  const ins = (instruction ??= new Instruction());
  decoder.decodeOut(ins);
  if (ins.isInvalid) return undefined;
  const length = ins.length;
  const scan = scanOpcode(bytes, offset, length);
  const info: InsnInfo = {
    length,
    prefixes: scan.prefixes,
    encoding: scan.encoding,
    map: scan.map,
    opcodeOffset: scan.opcodeOffset,
    opcode: scan.opcode,
    isNop: isLinuxNop(scan),
    relativeBranch: isRelativeBranch(scan),
    ripRelative: ins.memoryBase === Register.RIP || ins.memoryBase === Register.EIP,
  };
  if (scan.rex !== undefined) info.rex = scan.rex;
  const co = decoder.getConstantOffsets(ins);
  try {
    if (co.hasImmediate) info.immediate = field(bytes, offset, co.immediateOffset, co.immediateSize);
    if (co.hasDisplacement) info.displacement = field(bytes, offset, co.displacementOffset, co.displacementSize);
  } finally {
    co.free();
  }
  return info;
}

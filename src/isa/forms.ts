/**
 * The mnemonic → form index, derived from iced-x86's `OpCodeInfo` tables at start-up.
 *
 * iced knows every x86 encoding (its `Code` enum has one value per opcode/operand-shape pair). We walk
 * that enum once, keep the legacy- and VEX-encoded instructions, and group them by iced's (Intel) mnemonic. The
 * AT&T names GNU as adds on top (suffixes, `movzbl`, `cltq`, `ljmp`, …) live in `mnemonics.ts`; the
 * choice among several matching forms (GNU's preferences) lives in the encoder. Nothing here is a
 * hand-written opcode table.
 *
 * Building the index costs ~5 000 wasm calls, so it is done lazily, on the first lookup.
 */
import { Code as CodeEnum, CodeExt, EncodingKind, MemorySize, MemorySizeExt, Mnemonic, OpCodeOperandKind as K } from "iced-x86";
import type { Code } from "iced-x86";

/** One encoding of one instruction, as the encoder needs it. */
export interface Form {
  code: Code;
  /** iced's mnemonic, lower case (`add`, `movsd`, `retf`). */
  mnemonic: string;
  /** Operand kinds in Intel order (destination first). */
  ops: readonly K[];
  /**
   * The operation size in bytes that an AT&T suffix names (`b`=1 … `q`=8): the operand size, or for
   * byte-only and size-less-prefix forms the width of their GPR operands; 0 when the form has none
   * (`lgdt`, `invlpg`, `int`).
   */
  size: number;
  /** Address size the form is tied to (`monitor` has one per mode), 0 if any. */
  addrSize: number;
  /** Size in bytes of the memory operand (0 if none or unsized). */
  memSize: number;
  /** A far pointer operand (`m16:32`, `ptr16:32`): only `ljmp`/`lcall`/`lret` reach these. */
  far: boolean;
  /** Operand size defaults to 64 bits in 64-bit mode (push, pop, call, ret, leave, …). */
  d64: boolean;
  lock: boolean;
  rep: boolean;
  repne: boolean;
  mode64: boolean;
  mode32: boolean;
}

const GPR_SIZE: Partial<Record<K, number>> = {
  [K.r8_or_mem]: 1, [K.r8_reg]: 1, [K.r8_opcode]: 1, [K.al]: 1,
  [K.r16_or_mem]: 2, [K.r16_reg]: 2, [K.r16_reg_mem]: 2, [K.r16_rm]: 2, [K.r16_opcode]: 2, [K.ax]: 2,
  [K.r32_or_mem]: 4, [K.r32_or_mem_mpx]: 4, [K.r32_reg]: 4, [K.r32_reg_mem]: 4, [K.r32_rm]: 4, [K.r32_opcode]: 4, [K.eax]: 4,
  [K.r64_or_mem]: 8, [K.r64_or_mem_mpx]: 8, [K.r64_reg]: 8, [K.r64_reg_mem]: 8, [K.r64_rm]: 8, [K.r64_opcode]: 8, [K.rax]: 8,
  [K.r32_vvvv]: 4, [K.r64_vvvv]: 8,
};

/** GPR width in bytes that an operand kind demands, or undefined if it is not a sized GPR kind. */
export function gprKindSize(k: K): number | undefined {
  return GPR_SIZE[k];
}

/** Operand kinds the encoder does not support (VSIB, MPX, AMX, x87 stack, relative branches). */
const UNSUPPORTED = new Set<K>([
  K.mem_mpx, K.mem_mib, K.mem_vsib32x, K.mem_vsib64x, K.mem_vsib32y, K.mem_vsib64y, K.mem_vsib32z, K.mem_vsib64z,
  K.bnd_or_mem_mpx, K.bnd_reg, K.tr_reg, K.br16_1, K.br32_1, K.br64_1, K.br16_2, K.br32_4, K.br64_4,
  K.xbegin_2, K.xbegin_4, K.brdisp_2, K.brdisp_4, K.sibmem, K.tmm_reg, K.tmm_rm, K.tmm_vvvv,
]);

const X87_NUMERIC = new Set<MemorySize>([MemorySize.Float32, MemorySize.Float64, MemorySize.Float80, MemorySize.Int16, MemorySize.Int32, MemorySize.Int64, MemorySize.Bcd]);

/** iced mnemonics of the x87 memory forms left out of the index. */
const x87Memory = new Set<string>();

/** Whether `name` (with or without a GNU size suffix) is an x87 instruction with a memory operand. */
export function isX87MemoryMnemonic(name: string): boolean {
  formIndex(); // the set is filled while the index is built
  return x87Memory.has(name) || (/[slqtw]$/.test(name) && x87Memory.has(name.slice(0, -1)));
}

const MNEMONIC_NAMES: readonly string[] = (() => {
  const names: string[] = [];
  for (const [k, v] of Object.entries(Mnemonic)) if (typeof v === "number") names[v] = k.toLowerCase();
  return names;
})();

/** `Code` is a numeric enum with values 0 … n−1. */
function codeCount(): number {
  let n = 0;
  for (const v of Object.values(CodeEnum)) if (typeof v === "number" && v >= n) n = v + 1;
  return n;
}

function isSegPtr(m: MemorySize): boolean {
  return m === MemorySize.SegPtr16 || m === MemorySize.SegPtr32 || m === MemorySize.SegPtr64;
}

function formSize(ops: readonly K[], operandSize: number, memSize: number): number {
  if (operandSize) return operandSize / 8;
  // `cl` (shift count) and `dx` (port) never carry the operation size.
  for (const k of ops) {
    const s = GPR_SIZE[k];
    if (s !== undefined) return s;
  }
  // Byte string instructions (`movsb`, `insb`) are sized by their memory operands.
  if (ops.some((k) => k === K.es_rDI || k === K.seg_rSI)) return memSize;
  return 0;
}

function buildIndex(): Map<string, Form[]> {
  const index = new Map<string, Form[]>();
  const seen = new Set<string>();
  const n = codeCount();
  for (let code = 0 as Code; code < n; code++) {
    const info = CodeExt.opCode(code);
    try {
      // Legacy and VEX (BMI: `andn`, `shlx`, …); VEX has a 2-byte form only for map 0F, where GNU
      // and iced both prefer it.
      if (!info.isInstruction || (info.encoding !== EncodingKind.Legacy && info.encoding !== EncodingKind.VEX)) continue;
      // Forms that need a decoder option are other CPUs' (Knights Corner, Cyrix, 286 `loadall` …).
      if (info.decoderOption !== 0) continue;
      const mode64 = info.isAvailableInMode(64);
      const mode32 = info.isAvailableInMode(32);
      if (!mode64 && !mode32) continue;
      const ops: K[] = [];
      for (let i = 0; i < info.opCount; i++) ops.push(info.opKind(i));
      if (ops.some((k) => UNSUPPORTED.has(k) || k === K.st0 || k === K.sti_opcode)) continue;
      const mnemonic = MNEMONIC_NAMES[info.mnemonic]!;
      // x87 arithmetic on memory (D8–DF /r with a float, integer or BCD operand) sizes its operand by
      // float-type suffixes (`flds`/`fldl`/`fldt`, `fildl`/`fildq`) that mean something else on
      // integer instructions; it is outside the supported set, refused by name rather than encoded
      // with the integer meaning of the suffix. The control forms (`fnstcw`, `fldcw`, `fnstsw`,
      // `fnstenv`, `fnsave`…) have untyped operands and stay.
      if (info.encoding === EncodingKind.Legacy && info.table === 0 && info.opCode >= 0xd8 && info.opCode <= 0xdf && X87_NUMERIC.has(info.memorySize)) {
        x87Memory.add(mnemonic);
        continue;
      }
      // iced lists undocumented aliases (`test r/m8, imm8` as F6 /1, `lfence` as 0F AE E9…) after
      // the documented encoding with the same shape; the first one is the one assemblers emit.
      const shape = `${mnemonic} ${info.operandSize} ${info.addressSize} ${ops.join(",")} ${info.memorySize} ${mode64} ${mode32}`;
      if (seen.has(shape)) continue;
      seen.add(shape);
      const memSize = MemorySizeExt.size(info.memorySize);
      const far = ops.includes(K.farbr2_2) || ops.includes(K.farbr4_2) || isSegPtr(info.memorySize);
      const form: Form = {
        code,
        mnemonic,
        ops,
        size: formSize(ops, info.operandSize, memSize),
        addrSize: info.addressSize / 8,
        memSize,
        far,
        d64: info.defaultOpSize64 || info.forceOpSize64,
        lock: info.canUseLockPrefix,
        rep: info.canUseRepPrefix,
        repne: info.canUseRepnePrefix,
        mode64,
        mode32,
      };
      let list = index.get(mnemonic);
      if (!list) index.set(mnemonic, (list = []));
      list.push(form);
    } finally {
      info.free();
    }
  }
  return index;
}

let cached: Map<string, Form[]> | undefined;

/** Every legacy- or VEX-encoded form, grouped by iced's lower-case Intel mnemonic. Built on first use. */
export function formIndex(): ReadonlyMap<string, readonly Form[]> {
  return (cached ??= buildIndex());
}

/** The forms of one iced mnemonic (lower case), or an empty list. */
export function formsOf(mnemonic: string): readonly Form[] {
  return formIndex().get(mnemonic) ?? [];
}

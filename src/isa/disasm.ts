/**
 * The disassembler: iced-x86's decoder and GAS formatter, dressed to print what GNU objdump 2.40
 * prints, with the MSR-immediate shim in front (iced 1.21 decodes those VEX/EVEX map-7 bytes as an
 * invalid instruction; binutils 2.44 prints `rdmsr $0xc0000080,%rax` and `wrmsrns %rax,$0x10`).
 *
 * iced's options get most of the way (hex immediates, signed displacements, `0x0(…)` for an encoded zero
 * displacement, a mnemonic column of 7). The rest are objdump habits iced has no option for, fixed up
 * on the formatted parts (mnemonic and operands separately, never by re-parsing a whole line):
 *
 * - branch targets: objdump prints the bare address and `<sym+0x…>` when it has symbols, `0x…` when not;
 * - RIP-relative operands get the objdump comment `        # <address> <sym+0x…>`;
 * - `callq`/`jmpq`/`lretl`/`ljmpl` lose iced's size suffix (objdump 2.40 prints `call *…`, `lret`);
 * - an index without a scale gets `,1`, as objdump writes `(%rax,%rbx,1)` (iced's `alwaysShowScale`
 *   prints `(%rax,)` for a base without index, so it cannot be used);
 * - `in`/`out` through DX print `(%dx)`; shifts by the implicit 1 (`D0`–`D3 /n` forms) drop `$0x1,`;
 * - a segment prefix that iced leaves out of the operands (CS/DS/ES/SS in 64-bit code, or no memory
 *   operand at all) is printed as a prefix word in front: `ds wrmsr`, `cs nopw 0x0(%rax,%rax,1)`;
 *   string instructions show their segments (`movsb %ds:(%rsi),%es:(%rdi)`).
 *
 * Known remaining differences from objdump: an undecodable byte is one `(bad)` (objdump sometimes
 * consumes more); stray REX bytes and lone useless prefixes are not named (`rex.W nop`, `addr32 nop`;
 * repeated `66` bytes are, as `data16`); `66 c3` is `ret` (iced) rather than `retw`; 32-bit code
 * shows an explicit DS override as a `ds` prefix word where objdump writes `%ds:` in the operand.
 */
import { Code, Decoder, DecoderOptions, Formatter, FormatterSyntax, Instruction, OpKind, Register } from "iced-x86";
import { decodeMsrImm, type MsrImmInsn } from "./msr-imm.js";
import { gpr64Names } from "./registers.js";

export interface DisasmLine {
  address: bigint;
  length: number;
  bytes: Uint8Array;
  /** objdump-style AT&T text, mnemonic padded to column 7. */
  text: string;
  /** Target of a direct (near) branch, call or loop. */
  target?: bigint;
}

/** Names an address as objdump does inside `<…>` (e.g. `foo+0x8`), or `undefined` when nothing fits. */
export type Symbolizer = (address: bigint) => string | undefined;

let formatter: Formatter | undefined;

/** One formatter for the process: making one is costly and its options never change after this. */
function gasFormatter(): Formatter {
  if (formatter) return formatter;
  const f = new Formatter(FormatterSyntax.Gas);
  f.firstOperandCharIndex = 0; // we pad the mnemonic ourselves, prefixes included
  f.hexPrefix = "0x";
  f.uppercaseHex = false;
  f.leadingZeros = false;
  f.branchLeadingZeros = false;
  f.smallHexNumbersInDecimal = false;
  f.signedImmediateOperands = false;
  f.signedMemoryDisplacements = true;
  f.showZeroDisplacements = true;
  f.ripRelativeAddresses = true;
  f.spaceAfterOperandSeparator = false;
  f.gasShowMnemonicSizeSuffix = false;
  formatter = f;
  return f;
}

/** iced's explicit size suffixes that objdump does not print. */
const SUFFIX_FIXES: Readonly<Record<string, string>> = {
  callq: "call", jmpq: "jmp", calll: "call", jmpl: "jmp", lretl: "lret", ljmpl: "ljmp", lcalll: "lcall",
  pushq: "push", popq: "pop", iretl: "iret",
};

/** Forms iced prints without the operand-size mark objdump gives them. */
const CODE_MNEMONICS: Readonly<Record<string, string>> = { Retnw: "retw", Retnw_imm16: "retw" };

/** objdump spells the repeat prefixes `repz`/`repnz`, and `rep` only on the string moves and stores. */
const REP_FIXES: Readonly<Record<string, string>> = { repe: "repz", repne: "repnz" };
const REP_STRING = /^(movs|stos|lods|ins|outs)/;

/**
 * Implicit operands objdump shows and iced does not. `monitor`'s first is the address register, as
 * wide as the address size (an 0x67 prefix narrows it, and then objdump names no `addr32`).
 */
function implicitOperands(mnemonic: string, bits: 64 | 32, addr67: boolean): string | undefined {
  if (mnemonic === "mwait") return "%eax,%ecx";
  if (mnemonic === "mwaitx") return "%eax,%ecx,%ebx";
  if (mnemonic === "monitor" || mnemonic === "monitorx") return `${bits === 64 ? (addr67 ? "%eax" : "%rax") : addr67 ? "%ax" : "%eax"},%ecx,%edx`;
  return undefined;
}

const SEGMENT_NAMES = new Map<Register, string>([
  [Register.ES, "es"], [Register.CS, "cs"], [Register.SS, "ss"], [Register.DS, "ds"], [Register.FS, "fs"], [Register.GS, "gs"],
]);
const SEGMENT_BYTES: Readonly<Record<number, string>> = { 0x26: "es", 0x2e: "cs", 0x36: "ss", 0x3e: "ds", 0x64: "fs", 0x65: "gs" };

const SHIFT_BY_ONE = /^(Rol|Ror|Rcl|Rcr|Shl|Shr|Sal|Sar)_rm(8|16|32|64)_1$/;

/**
 * Disassembles `bytes`, the first of which sits at `address`, as `bits`-bit code.
 *
 * @example
 *   disassemble(new Uint8Array([0x48, 0x89, 0xc2]), 0n, 64)[0].text  // "mov    %rax,%rdx"
 */
export function disassemble(bytes: Uint8Array, address: bigint, bits: 64 | 32, symbolize?: Symbolizer): DisasmLine[] {
  const out: DisasmLine[] = [];
  const f = gasFormatter();
  const decoder = new Decoder(bits, bytes, DecoderOptions.None);
  const ins = new Instruction();
  try {
    let pos = 0;
    while (pos < bytes.length) {
      const ip = address + BigInt(pos);
      const msr = bits === 64 ? decodeMsrImm(bytes, pos) : null;
      let line: DisasmLine;
      if (msr) {
        line = { address: ip, length: msr.length, bytes: bytes.slice(pos, pos + msr.length), text: msrImmText(msr) };
      } else {
        decoder.position = pos;
        decoder.ip = ip;
        decoder.decodeOut(ins);
        line = ins.isInvalid
          ? { address: ip, length: 1, bytes: bytes.slice(pos, pos + 1), text: "(bad)" }
          : formatInstruction(f, ins, bits, bytes.slice(pos, pos + ins.length), symbolize);
      }
      out.push(line);
      pos += line.length;
    }
  } finally {
    ins.free();
    decoder.free();
  }
  return out;
}

/** binutils 2.44 syntax for the MSR immediate forms: `rdmsr $imm,%r64`, `wrmsrns %r64,$imm`. */
function msrImmText(m: MsrImmInsn): string {
  const reg = `%${gpr64Names[m.reg] ?? `r${m.reg}`}`;
  const imm = `$0x${m.imm.toString(16)}`;
  const mnemonic = (m.segPrefix !== undefined ? `${SEGMENT_BYTES[m.segPrefix]} ` : "") + m.op;
  return `${mnemonic.padEnd(6)} ${m.op === "rdmsr" ? `${imm},${reg}` : `${reg},${imm}`}`;
}

function formatInstruction(f: Formatter, ins: Instruction, bits: 64 | 32, bytes: Uint8Array, symbolize?: Symbolizer): DisasmLine {
  const line: DisasmLine = { address: ins.ip, length: ins.length, bytes, text: "" };
  const codeName = Code[ins.code] ?? "";
  let mnemonic = f.formatMnemonic(ins);
  mnemonic = mnemonic.replace(/\S+$/, (m) => CODE_MNEMONICS[codeName] ?? SUFFIX_FIXES[m] ?? m);
  const base = mnemonic.replace(/^.* /, "");
  mnemonic = mnemonic.replace(/\b(repe|repne|rep) /, (all, p: string) => (p === "rep" ? (REP_STRING.test(base) ? all : "repz ") : `${REP_FIXES[p]} `));

  let operands: string;
  if (isNearBranch(ins.op0Kind) && ins.opCount === 1) {
    line.target = ins.nearBranchTarget;
    operands = addressText(line.target, symbolize);
  } else {
    f.alwaysShowSegmentRegister = ins.isStringInstruction || base === "xlat";
    try {
      operands = f.formatAllOperands(ins);
    } finally {
      f.alwaysShowSegmentRegister = false;
    }
    if (SHIFT_BY_ONE.test(codeName)) operands = operands.replace(/^\$0x1,/, "");
    operands = operands.replace(/\((%\w+)?,(%\w+)\)/g, "($1,$2,1)");
    operands = operands.replace(/%dr(\d+)/g, "%db$1"); // objdump's name for the debug registers
    if (/^(in|out|ins|outs)[bwl]?$/.test(base)) operands = operands.replace(/(^|,)%dx(?=,|$)/, "$1(%dx)");
    // iced writes `imul $imm,%r,%r` as `imul $imm,%r`; objdump keeps all three operands.
    if (base.startsWith("imul") && ins.opCount === 3 && operands.split(",").length === 2) operands += operands.slice(operands.lastIndexOf(","));
    const addr67 = legacyPrefixes(bytes).includes(0x67);
    const implicit = implicitOperands(base, bits, addr67);
    if (implicit !== undefined) {
      operands = implicit;
      if (base.startsWith("monitor")) mnemonic = mnemonic.replace(/\baddr(16|32) /, "");
    }
  }

  const seg = SEGMENT_NAMES.get(ins.segmentPrefix);
  if (seg && !operands.includes(`%${seg}:`) && !/\bnotrack\b/.test(mnemonic)) mnemonic = `${seg} ${mnemonic}`;

  // objdump names each operand-size prefix beyond the one the instruction uses (`66 66 2e 0f 1f …` is
  // `data16 cs nopw …`, a NOP form Linux pads with).
  const extra66 = legacyPrefixes(bytes).filter((b) => b === 0x66).length - 1;
  if (extra66 > 0) mnemonic = `${"data16 ".repeat(extra66)}${mnemonic}`;

  let text = operands === "" ? mnemonic : `${mnemonic.padEnd(6)} ${operands}`;
  if (bits === 64 && ins.isIpRelMemoryOperand) text += `        # ${addressText(ins.ipRelMemoryAddress, symbolize)}`;
  line.text = text;
  return line;
}

const LEGACY_PREFIXES = new Set([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]);

function legacyPrefixes(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (const b of bytes) {
    if (!LEGACY_PREFIXES.has(b)) break;
    out.push(b);
  }
  return out;
}

function isNearBranch(kind: OpKind): boolean {
  return kind === OpKind.NearBranch16 || kind === OpKind.NearBranch32 || kind === OpKind.NearBranch64;
}

/** `8 <foo+0x8>` with a symbol, `0x8` without: objdump's two ways of printing an address operand. */
function addressText(address: bigint, symbolize?: Symbolizer): string {
  const sym = symbolize?.(address);
  return sym !== undefined ? `${address.toString(16)} <${sym}>` : `0x${address.toString(16)}`;
}

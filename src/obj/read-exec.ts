/**
 * Reads an ELF64 x86-64 `ET_EXEC` image (ours, or one GNU ld linked) for the dumper and, later, the
 * emulator's loader: its sections with their addresses, its symbols (values made section-relative,
 * like an object's, so that the object dumper works on both), its segments and its entry point.
 * Like the object reader it trusts nothing: every offset and size is checked before use, and a bad
 * file is an E001/E002 diagnostic naming what is wrong.
 */
import { DiagnosticError, error } from "../diag/diagnostic.js";
import {
  EM_X86_64, ET_EXEC, ELFCLASS64, ELFDATA2LSB, ELF64_EHDR_SIZE, ELF64_SHDR_SIZE, ELF64_SYM_SIZE, SHN_ABS,
  SHN_UNDEF, SHT_NOBITS, SHT_NULL, SHT_STRTAB, SHT_SYMTAB, STT_SECTION,
} from "./elf.js";
import type { ObjSection, ObjSymbol } from "./object.js";

const PHDR_SIZE = 56;

export interface ExecSegment {
  type: number;
  flags: number;
  offset: number;
  vaddr: bigint;
  paddr: bigint;
  fileSize: number;
  memSize: number;
  align: bigint;
}

export interface ExecFile {
  kind: "exec";
  fileName: string;
  entry: bigint;
  /** Every section but the null one, `.symtab` and the string tables. */
  sections: ObjSection[];
  /** `sh_addr` of each of `sections`. */
  addresses: bigint[];
  /** Symbols with `value` relative to their section (absolute ones keep their value). */
  symbols: ObjSymbol[];
  segments: ExecSegment[];
  /** The whole file, for loaders that copy segments. */
  bytes: Uint8Array;
}

/** Whether the bytes start an ELF64 ET_EXEC (so callers can choose between this and readElf). */
export function isExec(bytes: Uint8Array): boolean {
  return bytes.length >= 18 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46 && bytes[16] === ET_EXEC && bytes[17] === 0;
}

export function readExec(bytes: Uint8Array, fileName: string): ExecFile {
  const fail = (code: "E001" | "E002", msg: string): never => {
    throw new DiagnosticError([error(code, `${fileName}: ${msg}`)]);
  };
  if (bytes.length < ELF64_EHDR_SIZE || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) fail("E001", "not an ELF file");
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[4] !== ELFCLASS64 || bytes[5] !== ELFDATA2LSB) fail("E001", "not a little-endian ELF64 file");
  if (dv.getUint16(16, true) !== ET_EXEC) fail("E001", "not an executable image (ET_EXEC)");
  if (dv.getUint16(18, true) !== EM_X86_64) fail("E001", "not an x86-64 file");
  const small = (v: bigint, what: string): number => (v > BigInt(bytes.length) ? fail("E002", `${what} 0x${v.toString(16)} lies beyond the end of the file`) : Number(v));
  const range = (off: number, size: number, what: string): void => {
    if (off + size > bytes.length) fail("E002", `${what} (0x${off.toString(16)}+0x${size.toString(16)}) lies beyond the end of the file`);
  };
  const entry = dv.getBigUint64(24, true);
  const phoff = small(dv.getBigUint64(32, true), "e_phoff");
  const shoff = small(dv.getBigUint64(40, true), "e_shoff");
  const phnum = dv.getUint16(56, true);
  const shnum = dv.getUint16(60, true);
  const shstrndx = dv.getUint16(62, true);
  range(phoff, phnum * PHDR_SIZE, "program header table");
  range(shoff, shnum * ELF64_SHDR_SIZE, "section header table");

  const segments: ExecSegment[] = [];
  for (let k = 0; k < phnum; k++) {
    const p = phoff + k * PHDR_SIZE;
    const seg: ExecSegment = {
      type: dv.getUint32(p, true), flags: dv.getUint32(p + 4, true),
      offset: small(dv.getBigUint64(p + 8, true), `segment ${k} p_offset`),
      vaddr: dv.getBigUint64(p + 16, true), paddr: dv.getBigUint64(p + 24, true),
      fileSize: small(dv.getBigUint64(p + 32, true), `segment ${k} p_filesz`),
      memSize: Number(dv.getBigUint64(p + 40, true)), align: dv.getBigUint64(p + 48, true),
    };
    range(seg.offset, seg.fileSize, `segment ${k}`);
    segments.push(seg);
  }

  interface Shdr { name: number; type: number; flags: number; addr: bigint; offset: number; size: number; link: number; align: number; entsize: number }
  const shdrs: Shdr[] = [];
  for (let k = 0; k < shnum; k++) {
    const p = shoff + k * ELF64_SHDR_SIZE;
    const type = dv.getUint32(p + 4, true);
    const size = Number(dv.getBigUint64(p + 32, true));
    const offset = Number(dv.getBigUint64(p + 24, true));
    if (type !== SHT_NOBITS && type !== SHT_NULL) range(offset, size, `section ${k}`);
    shdrs.push({ name: dv.getUint32(p, true), type, flags: Number(dv.getBigUint64(p + 8, true)), addr: dv.getBigUint64(p + 16, true), offset, size, link: dv.getUint32(p + 40, true), align: Number(dv.getBigUint64(p + 48, true)), entsize: Number(dv.getBigUint64(p + 56, true)) });
  }
  const str = (tab: Shdr | undefined, off: number, what: string): string => {
    if (!tab || tab.type !== SHT_STRTAB) return fail("E002", `${what}: no string table`);
    if (off >= tab.size) fail("E002", `${what}: name offset 0x${off.toString(16)} is outside its string table`);
    let end = tab.offset + off;
    while (end < tab.offset + tab.size && bytes[end] !== 0) end++;
    return new TextDecoder("latin1").decode(bytes.subarray(tab.offset + off, end));
  };
  const shstr = shstrndx < shdrs.length ? shdrs[shstrndx] : undefined;

  const sections: ObjSection[] = [];
  const addresses: bigint[] = [];
  const modelIndex = new Map<number, number>();
  let symtab: Shdr | undefined;
  shdrs.forEach((h, k) => {
    if (k === 0 || h.type === SHT_NULL) return;
    if (h.type === SHT_SYMTAB) symtab = h;
    if (h.type === SHT_SYMTAB || h.type === SHT_STRTAB) return;
    modelIndex.set(k, sections.length);
    const data = h.type === SHT_NOBITS ? new Uint8Array(0) : bytes.slice(h.offset, h.offset + h.size);
    sections.push({ name: shstr ? str(shstr, h.name, `section ${k}`) : "", type: h.type, flags: h.flags, align: Math.max(1, h.align), entsize: h.entsize, data, size: h.size, relocs: [] });
    addresses.push(h.addr);
  });

  const symbols: ObjSymbol[] = [];
  if (symtab) {
    const strtab = shdrs[symtab.link];
    const n = Math.floor(symtab.size / ELF64_SYM_SIZE);
    for (let k = 1; k < n; k++) {
      const p = symtab.offset + k * ELF64_SYM_SIZE;
      const info = bytes[p + 4]!;
      const shndx = dv.getUint16(p + 6, true);
      const value = dv.getBigUint64(p + 8, true);
      const sym: ObjSymbol = {
        name: str(strtab, dv.getUint32(p, true), `symbol ${k}`), value, size: dv.getBigUint64(p + 16, true),
        bind: info >> 4, type: info & 0xf, visibility: bytes[p + 5]! & 3, section: "abs",
      };
      if (shndx === SHN_UNDEF) sym.section = "undef";
      else if (shndx !== SHN_ABS && shndx < 0xff00) {
        const m = modelIndex.get(shndx);
        if (m === undefined) fail("E002", `symbol ${k} (${sym.name}): section index ${shndx} is not a section with contents`);
        sym.section = m!;
        sym.value = value - addresses[m!]!;
        if (sym.type === STT_SECTION && sym.name === "") sym.name = sections[m!]!.name;
      }
      symbols.push(sym);
    }
  }
  return { kind: "exec", fileName, entry, sections, addresses, symbols, segments, bytes };
}

/**
 * Reads an ELF64 little-endian x86-64 relocatable object (from GNU as or from `writeElf`) into the
 * object model.
 *
 * The input is untrusted: a linker is handed whatever files sit on disk. Every offset, size, count,
 * index and string is checked before it is used, and a bad file ends in a `DiagnosticError` — E001
 * when it is not an ELF64 x86-64 ET_REL at all, E002 when it is one but truncated or corrupt, with a
 * message that names the section or entry at fault. Values are read as `bigint` where ELF stores 64
 * bits and only narrowed to `number` after a range check, so a huge size cannot wrap or allocate.
 *
 * What becomes of each section: the null section, `.symtab`, its string table, `.shstrtab` and the
 * SHT_RELA sections are consumed (their contents become `symbols` and `relocs`); every other section,
 * SHT_GROUP and SHT_NOTE included, becomes an `ObjSection`. Symbol 0 is dropped, so `Reloc.symbol`
 * indexes `ObjectFile.symbols`; a relocation against symbol 0 gets `symbol: -1`.
 */
import { DiagnosticError, error } from "../diag/diagnostic.js";
import {
  EM_X86_64, ET_REL, ELFCLASS64, ELFDATA2LSB, ELF64_EHDR_SIZE, ELF64_SHDR_SIZE, ELF64_SYM_SIZE,
  ELF64_RELA_SIZE, SHF_GROUP, SHF_LINK_ORDER, SHN_ABS, SHN_COMMON, SHN_LORESERVE, SHN_UNDEF, SHN_XINDEX,
  SHT_GROUP, SHT_NOBITS, SHT_NULL, SHT_REL, SHT_RELA, SHT_STRTAB, SHT_SYMTAB, SHT_SYMTAB_SHNDX, STT_SECTION,
  R_X86_64_8, R_X86_64_16, R_X86_64_32, R_X86_64_32S, R_X86_64_64, R_X86_64_GOT32, R_X86_64_GOTPCREL,
  R_X86_64_GOTPCRELX, R_X86_64_PC16, R_X86_64_PC32, R_X86_64_PC64, R_X86_64_PC8, R_X86_64_PLT32,
  R_X86_64_REX_GOTPCRELX,
} from "./elf.js";
import type { ObjectFile, ObjSection, ObjSymbol, Reloc } from "./object.js";

/** A section header as read, sizes still unchecked. */
interface RawShdr {
  index: number;
  nameOff: number;
  name: string;
  type: number;
  flags: bigint;
  offset: bigint;
  size: bigint;
  link: number;
  info: number;
  align: bigint;
  entsize: bigint;
}

/** Bytes of the field each relocation type patches, so a relocation cannot point past its section. */
const relocFieldSize: Readonly<Record<number, number>> = {
  [R_X86_64_64]: 8, [R_X86_64_PC64]: 8,
  [R_X86_64_PC32]: 4, [R_X86_64_PLT32]: 4, [R_X86_64_32]: 4, [R_X86_64_32S]: 4, [R_X86_64_GOT32]: 4,
  [R_X86_64_GOTPCREL]: 4, [R_X86_64_GOTPCRELX]: 4, [R_X86_64_REX_GOTPCRELX]: 4,
  [R_X86_64_16]: 2, [R_X86_64_PC16]: 2, [R_X86_64_8]: 1, [R_X86_64_PC8]: 1,
};

const hex = (n: number | bigint): string => `0x${n.toString(16)}`;

/** Bounds-checked little-endian reads over the file; every failure is an E002 naming `what`. */
class Reader {
  private readonly dv: DataView;
  constructor(readonly bytes: Uint8Array, readonly fileName: string) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  fail(message: string): never {
    throw new DiagnosticError([error("E002", `${this.fileName}: ${message}`)]);
  }
  /** Checks that `[off, off + len)` lies inside the file. */
  range(off: bigint, len: bigint, what: string): void {
    const end = BigInt(this.bytes.length);
    if (off < 0n || len < 0n || off + len > end) this.fail(`${what}: offset ${hex(off)} + size ${hex(len)} past end of file (${hex(end)})`);
  }
  u8(off: number): number { return this.dv.getUint8(off); }
  u16(off: number): number { return this.dv.getUint16(off, true); }
  u32(off: number): number { return this.dv.getUint32(off, true); }
  u64(off: number): bigint { return this.dv.getBigUint64(off, true); }
  i64(off: number): bigint { return this.dv.getBigInt64(off, true); }
}

/** Converts a checked 64-bit value to a number, or fails when it is too large to be meaningful. */
function small(r: Reader, v: bigint, what: string, max = BigInt(Number.MAX_SAFE_INTEGER)): number {
  if (v > max) r.fail(`${what} ${hex(v)} is too large`);
  return Number(v);
}

export function readElf(bytes: Uint8Array, fileName: string): ObjectFile {
  const r = new Reader(bytes, fileName);
  const notObject = (why: string): never => {
    throw new DiagnosticError([error("E001", `${fileName}: not an ELF64 x86-64 relocatable object (${why})`)]);
  };
  if (bytes.length < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) notObject("no ELF magic");
  if (bytes.length < 6) r.fail(`ELF header truncated (${bytes.length} bytes)`);
  if (bytes[4] !== ELFCLASS64) notObject(`ELF class ${bytes[4]}, not ELFCLASS64`);
  if (bytes[5] !== ELFDATA2LSB) notObject("not little-endian");
  if (bytes.length < ELF64_EHDR_SIZE) r.fail(`ELF header truncated (${bytes.length} of ${ELF64_EHDR_SIZE} bytes)`);
  const eType = r.u16(16);
  const eMachine = r.u16(18);
  if (eType !== ET_REL) notObject(`e_type ${eType}, not ET_REL`);
  if (eMachine !== EM_X86_64) notObject(`e_machine ${eMachine}, not EM_X86_64`);

  const shdrs = readSectionHeaders(r);
  const sections = shdrs; // index-aligned with ELF section indices
  const symtabs = sections.filter((h) => h.type === SHT_SYMTAB);
  if (symtabs.length > 1) r.fail(`${symtabs.length} SHT_SYMTAB sections (at most one allowed)`);
  const symtab = symtabs[0];
  const shstrndx = shstrtabIndex(r, shdrs);

  // Which ELF sections become model sections.
  const consumed = new Set<number>([0, shstrndx]);
  if (symtab) {
    consumed.add(symtab.index);
    consumed.add(symtab.link);
  }
  for (const h of sections) {
    if (h.type === SHT_RELA || h.type === SHT_SYMTAB_SHNDX) consumed.add(h.index);
    if (h.type === SHT_REL) r.fail(`section ${h.index} (${h.name}): SHT_REL relocations are not used on x86-64`);
  }
  const modelIndex = new Map<number, number>();
  const out: ObjSection[] = [];
  for (const h of sections) {
    if (consumed.has(h.index) || h.type === SHT_NULL) continue;
    modelIndex.set(h.index, out.length);
    out.push(toSection(r, h));
  }

  const symbols = symtab ? readSymbols(r, symtab, shdrs, modelIndex) : [];
  for (const h of sections) {
    const i = modelIndex.get(h.index);
    if (i === undefined) continue;
    const s = out[i]!;
    if (h.flags & BigInt(SHF_LINK_ORDER)) {
      if (!modelIndex.has(h.link)) r.fail(`section ${h.index} (${h.name}): SHF_LINK_ORDER sh_link ${h.link} is not a section with contents`);
      s.linkName = shdrs[h.link]!.name;
    }
    if (h.type === SHT_GROUP) readGroup(r, h, s, symbols, shdrs, modelIndex, out);
  }
  for (const h of sections) {
    if (h.type === SHT_RELA) readRelocs(r, h, symtab, symbols.length, modelIndex, out);
  }
  return { kind: "object", fileName, sections: out, symbols };
}

function readSectionHeaders(r: Reader): RawShdr[] {
  const shoff = r.u64(40);
  const shentsize = r.u16(58);
  let shnum = r.u16(60);
  if (shoff === 0n) {
    if (shnum !== 0) r.fail(`e_shoff is 0 but e_shnum is ${shnum}`);
    return [];
  }
  if (shentsize !== ELF64_SHDR_SIZE) r.fail(`e_shentsize ${shentsize}, expected ${ELF64_SHDR_SIZE}`);
  r.range(shoff, BigInt(ELF64_SHDR_SIZE), "section header 0");
  // Extended numbering: 0 in e_shnum means the count sits in section 0's sh_size.
  if (shnum === 0) shnum = small(r, r.u64(Number(shoff) + 32), "section count (section 0 sh_size)", 0xffffffffn);
  r.range(shoff, BigInt(shnum) * BigInt(ELF64_SHDR_SIZE), `section header table (${shnum} entries)`);
  const base = Number(shoff);
  const out: RawShdr[] = [];
  for (let i = 0; i < shnum; i++) {
    const p = base + i * ELF64_SHDR_SIZE;
    out.push({
      index: i, nameOff: r.u32(p), name: "", type: r.u32(p + 4), flags: r.u64(p + 8), offset: r.u64(p + 24),
      size: r.u64(p + 32), link: r.u32(p + 40), info: r.u32(p + 44), align: r.u64(p + 48), entsize: r.u64(p + 56),
    });
  }
  // Names first (only .shstrtab must be sound for that), so that later messages can use them.
  const shstrndx = shstrtabIndex(r, out);
  if (shstrndx !== 0) {
    const st = out[shstrndx]!;
    if (st.type !== SHT_STRTAB) r.fail(`section ${shstrndx}: e_shstrndx names a section of type ${st.type}, not SHT_STRTAB`);
    r.range(st.offset, st.size, `section ${shstrndx} (section name table)`);
    for (const h of out) h.name = readString(r, st, h.nameOff, `section ${h.index} name`);
  }
  for (const h of out) {
    if (h.type !== SHT_NOBITS && h.type !== SHT_NULL) r.range(h.offset, h.size, `section ${h.index} (${h.name})`);
  }
  return out;
}

function shstrtabIndex(r: Reader, shdrs: RawShdr[]): number {
  if (shdrs.length === 0) return 0;
  let idx = r.u16(62);
  if (idx === SHN_XINDEX) idx = shdrs[0]?.link ?? 0;
  if (idx >= shdrs.length) r.fail(`e_shstrndx ${idx} is not a section (there are ${shdrs.length})`);
  return idx;
}

/** A NUL-terminated string at `off` inside string table `st`. */
function readString(r: Reader, st: RawShdr, off: number, what: string): string {
  const size = Number(st.size); // already range-checked against the file
  if (off >= size && !(off === 0 && size === 0)) r.fail(`${what}: string offset ${hex(off)} outside ${st.name || "string table"} (size ${hex(size)})`);
  if (size === 0) return "";
  const start = Number(st.offset) + off;
  const end = Number(st.offset) + size;
  let p = start;
  while (p < end && r.bytes[p] !== 0) p++;
  if (p === end) r.fail(`${what}: string at offset ${hex(off)} in ${st.name || "string table"} is not NUL-terminated`);
  return new TextDecoder().decode(r.bytes.subarray(start, p));
}

function toSection(r: Reader, h: RawShdr): ObjSection {
  const what = `section ${h.index} (${h.name})`;
  const align = small(r, h.align === 0n ? 1n : h.align, `${what}: sh_addralign`, 1n << 32n);
  if ((align & (align - 1)) !== 0) r.fail(`${what}: sh_addralign ${align} is not a power of two`);
  if (h.flags > 0xffffffffn) r.fail(`${what}: sh_flags ${hex(h.flags)} has unknown upper bits`);
  const size = small(r, h.size, `${what}: sh_size`);
  const data = h.type === SHT_NOBITS ? new Uint8Array(0) : r.bytes.slice(Number(h.offset), Number(h.offset) + size);
  return {
    name: h.name, type: h.type, flags: Number(h.flags), align, entsize: small(r, h.entsize, `${what}: sh_entsize`, 0xffffffffn),
    data, size, relocs: [],
  };
}

function readSymbols(r: Reader, symtab: RawShdr, shdrs: RawShdr[], modelIndex: Map<number, number>): ObjSymbol[] {
  const what = `section ${symtab.index} (${symtab.name})`;
  if (symtab.entsize !== BigInt(ELF64_SYM_SIZE)) r.fail(`${what}: sh_entsize ${symtab.entsize}, expected ${ELF64_SYM_SIZE}`);
  if (symtab.size % BigInt(ELF64_SYM_SIZE) !== 0n) r.fail(`${what}: size ${hex(symtab.size)} is not a multiple of ${ELF64_SYM_SIZE}`);
  const strtab = shdrs[symtab.link];
  if (!strtab || strtab.type !== SHT_STRTAB) r.fail(`${what}: sh_link ${symtab.link} is not a SHT_STRTAB section`);
  const count = Number(symtab.size) / ELF64_SYM_SIZE;
  const out: ObjSymbol[] = [];
  for (let k = 1; k < count; k++) {
    const p = Number(symtab.offset) + k * ELF64_SYM_SIZE;
    const info = r.u8(p + 4);
    const shndx = r.u16(p + 6);
    const sym: ObjSymbol = {
      name: readString(r, strtab, r.u32(p), `symbol ${k} name`), value: r.u64(p + 8), size: r.u64(p + 16),
      bind: info >> 4, type: info & 0xf, visibility: r.u8(p + 5) & 3, section: "undef",
    };
    if (shndx === SHN_UNDEF) sym.section = "undef";
    else if (shndx === SHN_ABS) sym.section = "abs";
    else if (shndx === SHN_COMMON) sym.section = "common";
    else if (shndx >= SHN_LORESERVE) r.fail(`symbol ${k} (${sym.name}): unsupported special section index ${hex(shndx)}`);
    else {
      const m = modelIndex.get(shndx);
      if (m === undefined) r.fail(`symbol ${k} (${sym.name}): section index ${shndx} is not a section with contents`);
      sym.section = m;
      // Section symbols have no name of their own; GNU tools show the section's name.
      if (sym.type === STT_SECTION && sym.name === "") sym.name = shdrs[shndx]!.name;
    }
    out.push(sym);
  }
  return out;
}

/** Names the group's signature, and tags each member section with it. */
function readGroup(r: Reader, h: RawShdr, s: ObjSection, symbols: ObjSymbol[], shdrs: RawShdr[], modelIndex: Map<number, number>, out: ObjSection[]): void {
  const what = `section ${h.index} (${h.name})`;
  if (h.info < 1 || h.info > symbols.length) r.fail(`${what}: group signature symbol ${h.info} does not exist`);
  const sig = symbols[h.info - 1]!.name;
  s.groupSignature = sig;
  if (s.data.length < 4 || s.data.length % 4 !== 0) r.fail(`${what}: group size ${hex(s.data.length)} is not a positive multiple of 4`);
  const dv = new DataView(s.data.buffer, s.data.byteOffset, s.data.byteLength);
  for (let p = 4; p < s.data.length; p += 4) {
    const member = dv.getUint32(p, true);
    if (member === 0 || member >= shdrs.length) r.fail(`${what}: group member ${member} is not a section`);
    const m = modelIndex.get(member);
    if (m !== undefined && m !== modelIndex.get(h.index)) {
      if (!(out[m]!.flags & SHF_GROUP)) r.fail(`${what}: group member ${member} lacks SHF_GROUP`);
      out[m]!.groupSignature = sig;
    }
  }
}

function readRelocs(r: Reader, h: RawShdr, symtab: RawShdr | undefined, symbolCount: number, modelIndex: Map<number, number>, out: ObjSection[]): void {
  const what = `section ${h.index} (${h.name})`;
  if (h.entsize !== BigInt(ELF64_RELA_SIZE)) r.fail(`${what}: sh_entsize ${h.entsize}, expected ${ELF64_RELA_SIZE}`);
  if (h.size % BigInt(ELF64_RELA_SIZE) !== 0n) r.fail(`${what}: size ${hex(h.size)} is not a multiple of ${ELF64_RELA_SIZE}`);
  const count = Number(h.size) / ELF64_RELA_SIZE;
  if (count === 0) return;
  if (!symtab || h.link !== symtab.index) r.fail(`${what}: sh_link ${h.link} is not the symbol table`);
  const target = modelIndex.get(h.info);
  if (target === undefined) r.fail(`${what}: sh_info ${h.info} is not a section with contents`);
  const t = out[target]!;
  for (let k = 0; k < count; k++) {
    const p = Number(h.offset) + k * ELF64_RELA_SIZE;
    const offset = r.u64(p);
    const rInfo = r.u64(p + 8);
    const sym = Number(rInfo >> 32n);
    const type = Number(rInfo & 0xffffffffn);
    const field = BigInt(relocFieldSize[type] ?? 0);
    if (offset + field > BigInt(t.size)) r.fail(`${what}: relocation ${k} at ${hex(offset)} (${field} bytes) past end of ${t.name} (size ${hex(t.size)})`);
    if (sym > symbolCount) r.fail(`${what}: relocation ${k} names symbol ${sym}, but there are ${symbolCount + 1}`);
    const rel: Reloc = { offset: Number(offset), type, symbol: sym - 1, addend: r.i64(p + 16) };
    t.relocs.push(rel);
  }
}

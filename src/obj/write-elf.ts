/**
 * Writes an `ObjectFile` as an ELF64 x86-64 relocatable object laid out the way GNU as 2.40 lays it
 * out, so that `readelf -a` and `objdump -dr` see the same thing in both and a byte diff between the two
 * stays small:
 *
 *     ELF header (64 bytes)
 *     contents of each section, in section order, each at its own alignment (SHT_NOBITS takes none)
 *     .symtab (8-aligned), .strtab
 *     contents of each .rela<name> section (8-aligned), in section order
 *     .shstrtab
 *     section header table (8-aligned)
 *
 * Section header order: null, then each section followed at once by its `.rela<name>` when it has
 * relocations, then `.symtab`, `.strtab`, `.shstrtab`. Section header indices therefore differ from
 * `ObjectFile.sections` indices; `layoutSections` computes the mapping once.
 *
 * SHT_GROUP sections are written from the model, not copied: the member list is every section with
 * SHF_GROUP whose `groupSignature` equals the group's (plus their relocation sections), because member
 * indices only exist once the layout is known. SHF_LINK_ORDER sections get `sh_link` from `linkName`.
 */
import {
  EM_X86_64, ET_REL, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_NONE, ELFOSABI_GNU, ELF64_EHDR_SIZE,
  ELF64_SHDR_SIZE, ELF64_SYM_SIZE, ELF64_RELA_SIZE, GRP_COMDAT, SHF_GROUP, SHF_INFO_LINK, SHF_LINK_ORDER,
  SHN_ABS, SHN_COMMON, SHN_LORESERVE, SHN_UNDEF, SHT_GROUP, SHT_NOBITS, SHT_RELA, SHT_STRTAB, SHT_SYMTAB,
  STB_GNU_UNIQUE, STB_LOCAL, STT_GNU_IFUNC, STT_SECTION,
} from "./elf.js";
import type { ObjectFile, ObjSection, ObjSymbol } from "./object.js";
import { StringTable } from "./strtab.js";

/** One section header as it will be written. */
interface Shdr {
  name: string;
  type: number;
  flags: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  align: number;
  entsize: number;
  data: Uint8Array;
}

/** Where each model section and its relocation section land in the section header table. */
export interface SectionLayout {
  /** ELF index of `ObjectFile.sections[i]`. */
  index: number[];
  /** ELF index of the `.rela` section of `ObjectFile.sections[i]`, or 0 when it has no relocations. */
  relaIndex: number[];
  symtab: number;
  strtab: number;
  shstrtab: number;
  count: number;
}

export function layoutSections(obj: ObjectFile): SectionLayout {
  const index: number[] = [];
  const relaIndex: number[] = [];
  let next = 1;
  for (const s of obj.sections) {
    index.push(next++);
    relaIndex.push(s.relocs.length > 0 ? next++ : 0);
  }
  return { index, relaIndex, symtab: next, strtab: next + 1, shstrtab: next + 2, count: next + 3 };
}

/**
 * Encodes `obj` as an ELF64 ET_REL file.
 *
 * @example
 *   const bytes = writeElf(assemble(source)); // then fs.writeFileSync("a.o", bytes)
 */
export function writeElf(obj: ObjectFile): Uint8Array {
  const layout = layoutSections(obj);
  if (layout.count >= SHN_LORESERVE) throw new RangeError(`${obj.fileName}: ${layout.count} sections need extended section numbering, which is not supported`);

  const strtab = new StringTable();
  for (const sym of obj.symbols) if (sym.type !== STT_SECTION) strtab.add(sym.name);
  const symtabData = encodeSymbols(obj, layout, strtab);
  const firstGlobal = obj.symbols.findIndex((s) => s.bind !== STB_LOCAL);

  const shdrs: Shdr[] = [];
  obj.sections.forEach((s, i) => {
    shdrs[layout.index[i]!] = sectionHeader(obj, s, layout);
    if (s.relocs.length > 0) {
      shdrs[layout.relaIndex[i]!] = {
        name: relaName(s.name), type: SHT_RELA, flags: SHF_INFO_LINK | (s.flags & SHF_GROUP), offset: 0,
        size: s.relocs.length * ELF64_RELA_SIZE, link: layout.symtab, info: layout.index[i]!, align: 8,
        entsize: ELF64_RELA_SIZE, data: encodeRelocs(s, obj),
      };
    }
  });
  shdrs[layout.symtab] = {
    name: ".symtab", type: SHT_SYMTAB, flags: 0, offset: 0, size: symtabData.length, link: layout.strtab,
    info: firstGlobal < 0 ? obj.symbols.length + 1 : firstGlobal + 1, align: 8, entsize: ELF64_SYM_SIZE,
    data: symtabData,
  };
  const strtabData = strtab.data();
  shdrs[layout.strtab] = { name: ".strtab", type: SHT_STRTAB, flags: 0, offset: 0, size: strtabData.length, link: 0, info: 0, align: 1, entsize: 0, data: strtabData };

  // GNU as enters the names of its own tables first and those of groups last (it makes them last).
  const shstrtab = new StringTable();
  for (const n of [".symtab", ".strtab", ".shstrtab"]) shstrtab.add(n);
  obj.sections.forEach((s) => {
    if (s.type === SHT_GROUP) return;
    shstrtab.add(s.name);
    if (s.relocs.length > 0) shstrtab.add(relaName(s.name));
  });
  for (const s of obj.sections) {
    if (s.type !== SHT_GROUP) continue;
    shstrtab.add(s.name);
    if (s.relocs.length > 0) shstrtab.add(relaName(s.name));
  }
  const shstrtabData = shstrtab.data();
  shdrs[layout.shstrtab] = { name: ".shstrtab", type: SHT_STRTAB, flags: 0, offset: 0, size: shstrtabData.length, link: 0, info: 0, align: 1, entsize: 0, data: shstrtabData };

  // File offsets, in GNU's order (see the comment at the top).
  let pos = ELF64_EHDR_SIZE;
  const place = (idx: number): void => {
    const h = shdrs[idx]!;
    pos = alignUp(pos, h.align);
    h.offset = pos;
    if (h.type !== SHT_NOBITS) pos += h.data.length;
  };
  obj.sections.forEach((_, i) => place(layout.index[i]!));
  place(layout.symtab);
  place(layout.strtab);
  obj.sections.forEach((s, i) => { if (s.relocs.length > 0) place(layout.relaIndex[i]!); });
  place(layout.shstrtab);
  const shoff = alignUp(pos, 8);

  const out = new Uint8Array(shoff + layout.count * ELF64_SHDR_SIZE);
  const dv = new DataView(out.buffer);
  writeHeader(dv, obj, shoff, layout);
  for (let i = 1; i < layout.count; i++) {
    const h = shdrs[i]!;
    if (h.type !== SHT_NOBITS) out.set(h.data, h.offset);
    const p = shoff + i * ELF64_SHDR_SIZE;
    dv.setUint32(p, shstrtab.offsetOf(h.name), true);
    dv.setUint32(p + 4, h.type, true);
    dv.setBigUint64(p + 8, BigInt(h.flags >>> 0), true);
    dv.setBigUint64(p + 16, 0n, true); // sh_addr: always 0 in a relocatable object
    dv.setBigUint64(p + 24, BigInt(h.offset), true);
    dv.setBigUint64(p + 32, BigInt(h.size), true);
    dv.setUint32(p + 40, h.link, true);
    dv.setUint32(p + 44, h.info, true);
    dv.setBigUint64(p + 48, BigInt(h.align), true);
    dv.setBigUint64(p + 56, BigInt(h.entsize), true);
  }
  return out;
}

function writeHeader(dv: DataView, obj: ObjectFile, shoff: number, layout: SectionLayout): void {
  // e_ident: magic, class, data, version, OS ABI (GNU only when GNU extensions are used, as GNU as does).
  const gnu = obj.symbols.some((s) => s.type === STT_GNU_IFUNC || s.bind === STB_GNU_UNIQUE);
  [0x7f, 0x45, 0x4c, 0x46, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, gnu ? ELFOSABI_GNU : ELFOSABI_NONE].forEach((b, i) => dv.setUint8(i, b));
  dv.setUint16(16, ET_REL, true);
  dv.setUint16(18, EM_X86_64, true);
  dv.setUint32(20, EV_CURRENT, true);
  dv.setBigUint64(24, 0n, true); // e_entry
  dv.setBigUint64(32, 0n, true); // e_phoff
  dv.setBigUint64(40, BigInt(shoff), true);
  dv.setUint32(48, 0, true); // e_flags
  dv.setUint16(52, ELF64_EHDR_SIZE, true);
  dv.setUint16(54, 0, true); // e_phentsize: no program headers in ET_REL
  dv.setUint16(56, 0, true);
  dv.setUint16(58, ELF64_SHDR_SIZE, true);
  dv.setUint16(60, layout.count, true);
  dv.setUint16(62, layout.shstrtab, true);
}

function sectionHeader(obj: ObjectFile, s: ObjSection, layout: SectionLayout): Shdr {
  let link = 0;
  let info = 0;
  let data = s.type === SHT_NOBITS ? new Uint8Array(0) : s.data;
  if (s.type === SHT_GROUP) {
    link = layout.symtab;
    info = signatureSymbol(obj, s) + 1;
    data = groupContents(obj, s, layout);
  }
  if (s.flags & SHF_LINK_ORDER && s.linkName !== undefined) {
    const target = obj.sections.findIndex((t) => t.name === s.linkName);
    if (target < 0) throw new RangeError(`${obj.fileName}: section ${s.name}: SHF_LINK_ORDER section ${s.linkName} does not exist`);
    link = layout.index[target]!;
  }
  return {
    name: s.name, type: s.type, flags: s.flags, offset: 0, size: s.type === SHT_NOBITS ? s.size : data.length,
    link, info, align: Math.max(1, s.align), entsize: s.entsize, data,
  };
}

/** The symbol that names a group: by name, or the section symbol of the section so named. */
function signatureSymbol(obj: ObjectFile, group: ObjSection): number {
  const sig = group.groupSignature;
  let i = obj.symbols.findIndex((y) => y.type !== STT_SECTION && y.name === sig);
  if (i < 0) i = obj.symbols.findIndex((y) => y.type === STT_SECTION && y.name === sig);
  if (i < 0) throw new RangeError(`${obj.fileName}: group ${group.name}: no symbol named ${sig ?? "(no signature)"}`);
  return i;
}

/** Flags word (kept from the model's data, COMDAT when none), then the members' section indices. */
function groupContents(obj: ObjectFile, group: ObjSection, layout: SectionLayout): Uint8Array {
  const flags = group.data.length >= 4 ? new DataView(group.data.buffer, group.data.byteOffset).getUint32(0, true) : GRP_COMDAT;
  const members: number[] = [];
  obj.sections.forEach((s, i) => {
    if (s.type === SHT_GROUP || !(s.flags & SHF_GROUP) || s.groupSignature !== group.groupSignature) return;
    members.push(layout.index[i]!);
    if (layout.relaIndex[i]) members.push(layout.relaIndex[i]!);
  });
  const out = new Uint8Array(4 * (1 + members.length));
  const dv = new DataView(out.buffer);
  dv.setUint32(0, flags, true);
  members.forEach((m, k) => dv.setUint32(4 * (k + 1), m, true));
  return out;
}

function encodeSymbols(obj: ObjectFile, layout: SectionLayout, strtab: StringTable): Uint8Array {
  const out = new Uint8Array((obj.symbols.length + 1) * ELF64_SYM_SIZE); // entry 0 is the null symbol
  const dv = new DataView(out.buffer);
  obj.symbols.forEach((sym, k) => {
    const p = (k + 1) * ELF64_SYM_SIZE;
    dv.setUint32(p, sym.type === STT_SECTION ? 0 : strtab.offsetOf(sym.name), true);
    dv.setUint8(p + 4, ((sym.bind & 0xf) << 4) | (sym.type & 0xf));
    dv.setUint8(p + 5, sym.visibility & 3);
    dv.setUint16(p + 6, symbolShndx(obj, sym, layout), true);
    dv.setBigUint64(p + 8, BigInt.asUintN(64, sym.value), true);
    dv.setBigUint64(p + 16, BigInt.asUintN(64, sym.size), true);
  });
  return out;
}

function symbolShndx(obj: ObjectFile, sym: ObjSymbol, layout: SectionLayout): number {
  switch (sym.section) {
    case "undef": return SHN_UNDEF;
    case "abs": return SHN_ABS;
    case "common": return SHN_COMMON;
    default: {
      const idx = layout.index[sym.section];
      if (idx === undefined) throw new RangeError(`${obj.fileName}: symbol ${sym.name}: section ${sym.section} does not exist`);
      return idx;
    }
  }
}

function encodeRelocs(s: ObjSection, obj: ObjectFile): Uint8Array {
  const out = new Uint8Array(s.relocs.length * ELF64_RELA_SIZE);
  const dv = new DataView(out.buffer);
  s.relocs.forEach((r, k) => {
    // Reloc.symbol -1 stands for symbol 0 (no symbol), which the reader produces for such entries.
    if (r.symbol < -1 || r.symbol >= obj.symbols.length) throw new RangeError(`${obj.fileName}: ${s.name}+0x${r.offset.toString(16)}: relocation names symbol ${r.symbol}, which does not exist`);
    const p = k * ELF64_RELA_SIZE;
    // r_offset and r_info as 32-bit halves: no BigInt arithmetic per relocation (objects have many).
    dv.setUint32(p, r.offset >>> 0, true);
    dv.setUint32(p + 4, Math.floor(r.offset / 0x100000000), true);
    dv.setUint32(p + 8, r.type >>> 0, true); // ELF64_R_INFO(sym, type) = sym << 32 | type
    dv.setUint32(p + 12, r.symbol + 1, true);
    dv.setBigInt64(p + 16, BigInt.asIntN(64, r.addend), true);
  });
  return out;
}

function relaName(name: string): string {
  return `.rela${name}`;
}

function alignUp(n: number, a: number): number {
  const al = Math.max(1, a);
  return Math.ceil(n / al) * al;
}

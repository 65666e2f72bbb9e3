/**
 * Writes an image as an ELF64 x86-64 `ET_EXEC`:
 *
 *     ELF header, program headers (PT_LOAD per segment, then PT_NOTE per note section)
 *     each PT_LOAD's bytes at a file offset congruent to its address modulo the page size
 *     non-allocated sections (the profile note), .symtab, .strtab, .shstrtab, section headers
 *
 * `p_paddr` equals `p_vaddr`: the image is linked at physical addresses, and QEMU's PVH loader loads by
 * `p_paddr`. A `PT_NOTE` gets `p_align` 4, because QEMU walks the notes with the segment's alignment.
 */
import {
  ELF64_EHDR_SIZE, ELF64_SHDR_SIZE, ELF64_SYM_SIZE, ELFCLASS64, ELFDATA2LSB, ELFOSABI_NONE, EM_X86_64, ET_EXEC,
  EV_CURRENT, PT_LOAD, SHF_ALLOC, SHN_ABS, SHT_NOBITS, SHT_STRTAB, SHT_SYMTAB, STB_LOCAL,
} from "../obj/elf.js";
import { StringTable } from "../obj/strtab.js";
import type { Image } from "./image.js";

const PHDR_SIZE = 56;
const alignUp = (v: number, a: number): number => Math.ceil(v / a) * a;

export function writeExec(image: Image): Uint8Array {
  const phnum = image.segments.length;
  let off = ELF64_EHDR_SIZE + phnum * PHDR_SIZE;

  // File offsets of the loaded sections: each segment keeps its sections' relative placement.
  const secOffset = new Array<number>(image.sections.length).fill(0);
  const segOffset: number[] = [];
  for (const seg of image.segments) {
    if (seg.type !== PT_LOAD) continue;
    const page = seg.align;
    const base = alignUp(off, page) + (seg.address % page);
    segOffset[image.segments.indexOf(seg)] = base;
    for (const i of seg.sections) secOffset[i] = base + (image.sections[i]!.address - seg.address);
    off = base + seg.fileSize;
  }
  // Non-allocated sections follow.
  image.sections.forEach((s, i) => {
    if ((s.flags & SHF_ALLOC) !== 0) return;
    off = alignUp(off, Math.max(1, s.align));
    secOffset[i] = off;
    off += s.data.length;
  });
  // Note segments point into the loaded copy of their section.
  image.segments.forEach((seg, k) => {
    if (seg.type !== PT_LOAD) segOffset[k] = secOffset[seg.sections[0]!]!;
  });

  const shstr = new StringTable();
  const str = new StringTable();
  for (const s of image.sections) shstr.add(s.name);
  for (const n of [".symtab", ".strtab", ".shstrtab"]) shstr.add(n);
  for (const s of image.symbols) str.add(s.name);
  const shstrData = shstr.data();
  const strData = str.data();

  off = alignUp(off, 8);
  const symtabOff = off;
  const symtabSize = (image.symbols.length + 1) * ELF64_SYM_SIZE;
  off += symtabSize;
  const strtabOff = off;
  off += strData.length;
  const shstrOff = off;
  off += shstrData.length;
  off = alignUp(off, 8);
  const shoff = off;
  const shnum = 1 + image.sections.length + 3;
  const total = shoff + shnum * ELF64_SHDR_SIZE;

  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  // ELF header.
  out.set([0x7f, 0x45, 0x4c, 0x46, ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_NONE]);
  dv.setUint16(16, ET_EXEC, true);
  dv.setUint16(18, EM_X86_64, true);
  dv.setUint32(20, EV_CURRENT, true);
  dv.setBigUint64(24, BigInt(image.entry), true);
  dv.setBigUint64(32, BigInt(ELF64_EHDR_SIZE), true); // e_phoff
  dv.setBigUint64(40, BigInt(shoff), true);
  dv.setUint32(48, 0, true); // e_flags
  dv.setUint16(52, ELF64_EHDR_SIZE, true);
  dv.setUint16(54, PHDR_SIZE, true);
  dv.setUint16(56, phnum, true);
  dv.setUint16(58, ELF64_SHDR_SIZE, true);
  dv.setUint16(60, shnum, true);
  dv.setUint16(62, shnum - 1, true); // .shstrtab is last

  image.segments.forEach((seg, k) => {
    const p = ELF64_EHDR_SIZE + k * PHDR_SIZE;
    dv.setUint32(p, seg.type, true);
    dv.setUint32(p + 4, seg.flags, true);
    dv.setBigUint64(p + 8, BigInt(segOffset[k]!), true);
    dv.setBigUint64(p + 16, BigInt(seg.address), true);
    dv.setBigUint64(p + 24, BigInt(seg.address), true);
    dv.setBigUint64(p + 32, BigInt(seg.fileSize), true);
    dv.setBigUint64(p + 40, BigInt(seg.memSize), true);
    dv.setBigUint64(p + 48, BigInt(seg.align), true);
  });

  image.sections.forEach((s, i) => {
    if (s.type !== SHT_NOBITS) out.set(s.data, secOffset[i]!);
  });

  // Symbols: the null symbol, then the image's (locals first).
  let firstGlobal = image.symbols.length + 1;
  image.symbols.forEach((s, k) => {
    const p = symtabOff + (k + 1) * ELF64_SYM_SIZE;
    if (s.bind !== STB_LOCAL && firstGlobal > image.symbols.length) firstGlobal = k + 1;
    dv.setUint32(p, str.offsetOf(s.name), true);
    out[p + 4] = (s.bind << 4) | (s.type & 0xf);
    out[p + 5] = 0;
    dv.setUint16(p + 6, s.section === "abs" ? SHN_ABS : s.section + 1, true);
    dv.setBigUint64(p + 8, BigInt.asUintN(64, s.value), true);
    dv.setBigUint64(p + 16, BigInt(s.size), true);
  });
  out.set(strData, strtabOff);
  out.set(shstrData, shstrOff);

  const shdr = (k: number, name: number, type: number, flags: number, addr: number, offset: number, size: number, link: number, info: number, align: number, entsize: number): void => {
    const p = shoff + k * ELF64_SHDR_SIZE;
    dv.setUint32(p, name, true);
    dv.setUint32(p + 4, type, true);
    dv.setBigUint64(p + 8, BigInt(flags), true);
    dv.setBigUint64(p + 16, BigInt(addr), true);
    dv.setBigUint64(p + 24, BigInt(offset), true);
    dv.setBigUint64(p + 32, BigInt(size), true);
    dv.setUint32(p + 40, link, true);
    dv.setUint32(p + 44, info, true);
    dv.setBigUint64(p + 48, BigInt(align), true);
    dv.setBigUint64(p + 56, BigInt(entsize), true);
  };
  image.sections.forEach((s, i) => {
    shdr(i + 1, shstr.offsetOf(s.name), s.type, s.flags, s.address, secOffset[i]!, s.size, 0, 0, s.align, 0);
  });
  const symtabIndex = image.sections.length + 1;
  shdr(symtabIndex, shstr.offsetOf(".symtab"), SHT_SYMTAB, 0, 0, symtabOff, symtabSize, symtabIndex + 1, firstGlobal, 8, ELF64_SYM_SIZE);
  shdr(symtabIndex + 1, shstr.offsetOf(".strtab"), SHT_STRTAB, 0, 0, strtabOff, strData.length, 0, 0, 1, 0);
  shdr(symtabIndex + 2, shstr.offsetOf(".shstrtab"), SHT_STRTAB, 0, 0, shstrOff, shstrData.length, 0, 0, 1, 0);
  return out;
}

/**
 * The flat binary: the loaded bytes from the first section's address to the end of the last
 * file-backed one, gaps zero-filled (bss is left out, as `objcopy -O binary` does).
 */
export function writeFlat(image: Image): Uint8Array {
  const loaded = image.sections.filter((s) => (s.flags & SHF_ALLOC) !== 0 && s.type !== SHT_NOBITS);
  if (loaded.length === 0) return new Uint8Array(0);
  const start = loaded[0]!.address;
  const last = loaded[loaded.length - 1]!;
  const out = new Uint8Array(last.address + last.size - start);
  for (const s of loaded) out.set(s.data, s.address - start);
  return out;
}

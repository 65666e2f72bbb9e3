/**
 * The image loader: what a boot loader does with an ELF `ET_EXEC`, reduced to the bundled emulator's
 * needs. Each `PT_LOAD` is copied to its physical address (`p_paddr`), its file bytes then zeros up to
 * `p_memsz`; the entry point is `e_entry`, the 64-bit entry (the emulator starts in long mode, where
 * QEMU would start at the PVH note's 32-bit entry and run the stub first).
 *
 * The symbol table comes along for traces, oops decoding and the runner's cross-checks.
 */
import { DiagnosticError, error } from "../diag/diagnostic.js";
import { nearestAtOrBelow, symbolOffset } from "../obj/nearest-symbol.js";
import { PT_LOAD, STT_FILE, STT_SECTION } from "../obj/elf.js";
import { decodeLineTable, LINE_TABLE_SECTION, type ImageLine } from "../obj/line-table.js";
import type { ExecFile } from "../obj/read-exec.js";

export interface LoadedSegment {
  address: bigint;
  bytes: Uint8Array;
  flags: number;
}

export interface LoadedSymbol {
  name: string;
  address: bigint;
  size: bigint;
}

export interface LoadedImage {
  entry: bigint;
  segments: LoadedSegment[];
  /** Named symbols with addresses, sorted by address. */
  symbols: LoadedSymbol[];
  /** The ELF file, for the cross-checks (tables, original bytes). */
  exe: ExecFile;
  /** Source lines by instruction address (`.alternator.lines`), when the image has them. */
  lines: Map<number, ImageLine>;
}

/** Images are linked at low physical addresses; the emulator's RAM model ends at 4 GiB. */
const MEMORY_LIMIT = 1n << 32n;

export function loadImage(exe: ExecFile): LoadedImage {
  const segments: LoadedSegment[] = [];
  for (const seg of exe.segments) {
    if (seg.type !== PT_LOAD || seg.memSize === 0) continue;
    if (seg.paddr + BigInt(seg.memSize) > MEMORY_LIMIT) {
      throw new DiagnosticError([error("E002", `${exe.fileName}: segment at 0x${seg.paddr.toString(16)} (+0x${seg.memSize.toString(16)}) lies beyond the 4 GiB the emulator models`)]);
    }
    if (seg.fileSize > seg.memSize) throw new DiagnosticError([error("E002", `${exe.fileName}: segment at 0x${seg.paddr.toString(16)} has p_filesz > p_memsz`)]);
    const bytes = new Uint8Array(seg.memSize);
    bytes.set(exe.bytes.subarray(seg.offset, seg.offset + seg.fileSize));
    segments.push({ address: seg.paddr, bytes, flags: seg.flags });
  }
  if (segments.length === 0) throw new DiagnosticError([error("E002", `${exe.fileName}: no PT_LOAD segment to run`)]);
  const symbols: LoadedSymbol[] = [];
  for (const s of exe.symbols) {
    if (typeof s.section !== "number" || s.type === STT_FILE || s.type === STT_SECTION || !s.name) continue;
    symbols.push({ name: s.name, address: exe.addresses[s.section]! + s.value, size: s.size });
  }
  symbols.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const lineSection = exe.sections.find((s) => s.name === LINE_TABLE_SECTION);
  const lines = new Map((lineSection ? decodeLineTable(lineSection.data) : []).map((l) => [l.address, l]));
  return { entry: exe.entry, segments, symbols, exe, lines };
}

/** `symbol+0xoff` for an address, from the nearest symbol at or below it; hex when none. */
export function symbolAt(image: LoadedImage, address: bigint): string {
  const s = nearestAtOrBelow(image.symbols, (x) => x.address, address);
  if (!s) return `0x${address.toString(16)}`;
  const off = address - s.address;
  if (s.size > 0n && off >= s.size && off > 0x1000n) return `0x${address.toString(16)}`;
  return symbolOffset(s.name, off);
}

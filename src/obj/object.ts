/**
 * The object model: what the assembler produces and the linker consumes, whether it came from our
 * assembler or from an ELF64 ET_REL file written by GNU as. It mirrors ELF closely (sections, symbols,
 * RELA relocations) so that writing and reading are straight translations, and keeps source locations
 * where they are known so that the linker's errors can point at a line.
 */
import type { SourceSpan } from "../diag/diagnostic.js";

export interface ObjSection {
  /** Index in `ObjectFile.sections`; ELF section header index = index + 1 for our own objects' writer. */
  name: string;
  /** `SHT_*`. */
  type: number;
  /** `SHF_*` bits. */
  flags: number;
  /** Alignment in bytes (a power of two, at least 1). */
  align: number;
  entsize: number;
  /** Contents; for SHT_NOBITS an empty array and `size` gives the size. */
  data: Uint8Array;
  size: number;
  relocs: Reloc[];
  /**
   * Source lines of the instructions in this section (in memory only: `writeElf` does not write them,
   * an object read from disk has none). The linker turns them into the image's line table.
   */
  lines?: LineEntry[];
  /** For SHF_GROUP members and SHF_LINK_ORDER: the linked section's name (rarely used by kernel code). */
  linkName?: string;
  /** For SHT_GROUP / COMDAT: the signature symbol's name. */
  groupSignature?: string;
}

/** An instruction's offset in its section and the source line it came from. */
export interface LineEntry {
  offset: number;
  file: string;
  line: number;
}

export interface ObjSymbol {
  name: string;
  value: bigint;
  size: bigint;
  /** `STB_*`. */
  bind: number;
  /** `STT_*`. */
  type: number;
  /** `STV_*`. */
  visibility: number;
  /**
   * Index into `ObjectFile.sections`, or `"undef"`, `"abs"`, `"common"`. For common symbols `value`
   * holds the alignment, as in ELF.
   */
  section: number | "undef" | "abs" | "common";
  /** Where it was defined, when known. */
  span?: SourceSpan;
}

export interface Reloc {
  /** Offset within the section. */
  offset: number;
  /** `R_X86_64_*`. */
  type: number;
  /** Index into `ObjectFile.symbols`. */
  symbol: number;
  addend: bigint;
  /** The source line that produced it, when known. */
  span?: SourceSpan;
}

/**
 * An ELF64 x86-64 relocatable object. `symbols` is in symbol-table order (index 0 is NOT the null
 * symbol: the writer adds that), locals first, exactly as GNU as orders them.
 */
export interface ObjectFile {
  kind: "object";
  /** Name for diagnostics: the source file or the `.o` path. */
  fileName: string;
  sections: ObjSection[];
  symbols: ObjSymbol[];
}

/**
 * The linked image: what `link()` hands to the writers (ELF ET_EXEC, flat binary, map file), to the
 * image passes, to `objdump` and to the emulator's loader. Addresses are plain numbers: images are
 * linked at low physical addresses, far below 2^53.
 */
import type { SourceSpan } from "../diag/diagnostic.js";
import { SHF_ALLOC } from "../obj/elf.js";

/** One input section as placed in an output section (for the map file and for error locations). */
export interface PlacedInput {
  /** Object file name. */
  file: string;
  /** Input section name, or `COMMON` for common symbols. */
  name: string;
  /** Address of the piece. */
  address: number;
  size: number;
  align: number;
  /** Index of the input object in link order, and of the section in it (-1 for COMMON). */
  objectIndex: number;
  sectionIndex: number;
}

export interface OutputSection {
  name: string;
  /** `SHT_*`. */
  type: number;
  /** `SHF_*`. */
  flags: number;
  address: number;
  size: number;
  align: number;
  /** Contents (empty for SHT_NOBITS). */
  data: Uint8Array;
  inputs: PlacedInput[];
}

export interface ImageSymbol {
  name: string;
  /** Exact 64-bit value (absolute symbols may hold any 64-bit number). */
  value: bigint;
  size: number;
  /** `STB_*`. */
  bind: number;
  /** `STT_*`. */
  type: number;
  /** Index into `Image.sections`, or "abs". */
  section: number | "abs";
  /** Defining object, for the map file and for diagnostics. */
  file?: string;
  span?: SourceSpan;
}

export interface Segment {
  /** `PT_LOAD` or `PT_NOTE`. */
  type: number;
  /** `PF_*` bits. */
  flags: number;
  address: number;
  /** Bytes in memory (includes bss). */
  memSize: number;
  /** Bytes backed by the file. */
  fileSize: number;
  align: number;
  /** Indices into `Image.sections`, in address order. */
  sections: number[];
}

export interface Image {
  kind: "image";
  /** `e_entry`: the 64-bit entry point. */
  entry: number;
  /** Output sections: the allocated ones in address order (non-empty only), then any non-allocated ones (notes). */
  sections: OutputSection[];
  segments: Segment[];
  /** Every symbol that reaches the output `.symtab` (locals first). */
  symbols: ImageSymbol[];
  /** The CPU profile whose alternatives were applied at link time, if any. */
  patchedFor?: string;
}

/** The output section holding `address`, or undefined. */
export function sectionAt(image: Image, address: number): OutputSection | undefined {
  return image.sections.find((s) => (s.flags & SHF_ALLOC) !== 0 && address >= s.address && address < s.address + s.size);
}

/** Memory access to the loaded bytes of an image (file-backed sections only). */
export function imageMemory(image: Image): { read(address: number, length: number): Uint8Array; write(address: number, bytes: Uint8Array): void } {
  const locate = (address: number, length: number): { sec: OutputSection; off: number } => {
    const sec = sectionAt(image, address);
    if (!sec || sec.data.length < address - sec.address + length) {
      throw new RangeError(`address 0x${address.toString(16)}+${length} is not in a loaded section of the image`);
    }
    return { sec, off: address - sec.address };
  };
  return {
    read(address, length) {
      const { sec, off } = locate(address, length);
      return sec.data.slice(off, off + length);
    },
    write(address, bytes) {
      const { sec, off } = locate(address, bytes.length);
      sec.data.set(bytes, off);
    },
  };
}

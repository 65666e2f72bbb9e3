/**
 * ELF64 constants for x86-64, spelled as the gABI and the x86-64 psABI spell them. One definition each;
 * the writer, the reader, the linker and the dumper import them from here.
 */

export const ET_REL = 1;
export const ET_EXEC = 2;
export const EM_X86_64 = 62;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_HASH = 5;
export const SHT_DYNAMIC = 6;
export const SHT_NOTE = 7;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;
export const SHT_INIT_ARRAY = 14;
export const SHT_FINI_ARRAY = 15;
export const SHT_PREINIT_ARRAY = 16;
export const SHT_GROUP = 17;
export const SHT_X86_64_UNWIND = 0x70000001;

export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;
export const SHF_MERGE = 0x10;
export const SHF_STRINGS = 0x20;
export const SHF_INFO_LINK = 0x40;
export const SHF_LINK_ORDER = 0x80;
export const SHF_GROUP = 0x200;
export const SHF_TLS = 0x400;
export const SHF_EXCLUDE = 0x80000000;

export const SHN_UNDEF = 0;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;

export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;
export const STT_COMMON = 5;
export const STT_TLS = 6;
export const STT_GNU_IFUNC = 10;

export const STV_DEFAULT = 0;
export const STV_INTERNAL = 1;
export const STV_HIDDEN = 2;
export const STV_PROTECTED = 3;

export const PT_LOAD = 1;
export const PT_NOTE = 4;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

/** x86-64 psABI relocation types (those GNU as emits for kernel code, and a few more the reader accepts). */
export const R_X86_64_NONE = 0;
export const R_X86_64_64 = 1;
export const R_X86_64_PC32 = 2;
export const R_X86_64_GOT32 = 3;
export const R_X86_64_PLT32 = 4;
export const R_X86_64_GOTPCREL = 9;
export const R_X86_64_32 = 10;
export const R_X86_64_32S = 11;
export const R_X86_64_16 = 12;
export const R_X86_64_PC16 = 13;
export const R_X86_64_8 = 14;
export const R_X86_64_PC8 = 15;
export const R_X86_64_PC64 = 24;
export const R_X86_64_GOTPCRELX = 41;
export const R_X86_64_REX_GOTPCRELX = 42;

export const relocNames: Readonly<Record<number, string>> = {
  [R_X86_64_NONE]: "R_X86_64_NONE",
  [R_X86_64_64]: "R_X86_64_64",
  [R_X86_64_PC32]: "R_X86_64_PC32",
  [R_X86_64_GOT32]: "R_X86_64_GOT32",
  [R_X86_64_PLT32]: "R_X86_64_PLT32",
  [R_X86_64_GOTPCREL]: "R_X86_64_GOTPCREL",
  [R_X86_64_32]: "R_X86_64_32",
  [R_X86_64_32S]: "R_X86_64_32S",
  [R_X86_64_16]: "R_X86_64_16",
  [R_X86_64_PC16]: "R_X86_64_PC16",
  [R_X86_64_8]: "R_X86_64_8",
  [R_X86_64_PC8]: "R_X86_64_PC8",
  [R_X86_64_PC64]: "R_X86_64_PC64",
  [R_X86_64_GOTPCRELX]: "R_X86_64_GOTPCRELX",
  [R_X86_64_REX_GOTPCRELX]: "R_X86_64_REX_GOTPCRELX",
};

/* Added with the ELF reader/writer (src/obj/read-elf.ts, write-elf.ts). */
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ELFOSABI_NONE = 0;
/** GNU as marks the object ELFOSABI_GNU when it holds STT_GNU_IFUNC or STB_GNU_UNIQUE symbols. */
export const ELFOSABI_GNU = 3;
export const STB_GNU_UNIQUE = 10;
export const SHT_SYMTAB_SHNDX = 18;
export const SHN_LORESERVE = 0xff00;
export const SHN_XINDEX = 0xffff;
/** First word of an SHT_GROUP section: the group is a COMDAT group. */
export const GRP_COMDAT = 0x1;
/** Sizes of the ELF64 structures. */
export const ELF64_EHDR_SIZE = 64;
export const ELF64_SHDR_SIZE = 64;
export const ELF64_SYM_SIZE = 24;
export const ELF64_RELA_SIZE = 24;

/**
 * `struct alt_instr` (reference/linux-x86.md §1): 14 packed little-endian bytes per record in
 * `.altinstructions`. One definition of the layout for the assembler's macros, the patcher and the dumper.
 */
export const ALT_INSTR_SIZE = 14;

/** Field offsets within a record. */
export const altInstrFields = {
  instr_offset: 0, // s32, relative to the field itself
  repl_offset: 4, // s32, relative to the field itself
  feature: 8, // u16
  flags: 10, // u16
  instrlen: 12, // u8
  replacementlen: 13, // u8
} as const;

/** Patch when the feature is absent. */
export const ALT_FLAG_NOT = 1 << 0;
/** The replacement is a call to the function the original's `call *disp(%rip)` reads. */
export const ALT_FLAG_DIRECT_CALL = 1 << 1;

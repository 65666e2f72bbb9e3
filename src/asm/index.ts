/**
 * The assembler's public entry points. `assemble()` turns one GNU-as source into an `ObjectFile`;
 * `writeElf()` (src/obj) writes that as an ELF64 ET_REL file byte-compatible in content with GNU as.
 */
export { assemble } from "./assemble.js";
export type { AssembleOptions, AssembleResult } from "./assemble.js";

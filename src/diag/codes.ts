/**
 * The catalogue of diagnostic codes. Codes are stable: tests and users match on them, never on message
 * text. A code's first letter says which layer raises it (A: assembler, E: ELF reader/writer,
 * L: linker, R: runtime/emulator, C: command line).
 */
export const codes = {
  // Lexing and parsing.
  A001: "unexpected character",
  A002: "unterminated string or comment",
  A003: "syntax error",
  A004: "bad expression",
  A005: "bad number",
  // Symbols and expressions.
  A010: "symbol redefined",
  A011: "expression is not absolute",
  A012: "expression cannot be relocated",
  A013: "division by zero",
  A014: "undefined local label",
  A015: "value out of range",
  A016: "symbol definition loop",
  // Directives.
  A020: "unknown directive",
  A021: "bad directive operands",
  A022: "conditional mismatch",
  A023: "macro error",
  A024: "include error",
  A025: "user .error",
  A026: "section error",
  A027: ".org moves backwards or is not constant",
  A028: "alignment error",
  // Instructions.
  A030: "unknown instruction",
  A031: "operands do not match any form",
  A032: "bad register",
  A033: "bad memory operand",
  A034: "operand size ambiguous",
  A035: "branch out of range",
  A036: "bad prefix",
  A037: "bad MSR immediate form",
  // Warnings.
  W001: "user .warning",
  W002: "value truncated",
  // ELF.
  E001: "not an ELF64 x86-64 relocatable object",
  E002: "truncated or corrupt ELF file",
  // Linker.
  L001: "undefined symbol",
  L002: "duplicate symbol",
  L003: "relocation overflow",
  L004: "unsupported relocation",
  L005: "bad alternatives table",
  L006: "bad exception table",
  L007: "entry symbol not found",
  L008: "bad layout",
  L009: "unknown CPU profile",
  // Command line.
  C001: "usage error",
  C002: "cannot read or write file",
} as const;

export type DiagCode = keyof typeof codes;

/**
 * The typed layout object: what a linker script says, for the small kernels Alternator links. An
 * output section is a list of input statements; each statement is a space-separated list of name
 * patterns (`*` and `?` wildcards), like a linker script's `*(.text .text.*)`. Inputs are placed
 * statement by statement, and within one statement in command-line order of the objects and section
 * order within an object — GNU ld's order. `COMMON` is the statement for common symbols.
 *
 * The default layout is a small kernel's: code, then the alternatives' replacement code, then the
 * read-only data and the two Linux tables, then writable data and bss. Text, read-only data and
 * writable data each start on their own page, so that each gets a `PT_LOAD` with its own permissions.
 * Input sections no rule names ("orphans") go after the last output section with the same
 * permissions, as GNU ld places orphans.
 */

export interface OutputSectionRule {
  /** Output section name (`.text`). */
  name: string;
  /** Input statements, each a space-separated list of patterns (`".text .text.*"`). */
  inputs: string[];
  /** Start this output section on a new page even when the permissions do not change. */
  pageAlign?: boolean;
}

export interface LinkLayout {
  /** Address of the first output section (the image is linked at low physical addresses). */
  base: number;
  /** Output sections, in address order. */
  sections: OutputSectionRule[];
  /** Input section name patterns that are dropped (never placed, never relocated). */
  discard: string[];
  /** Page size for segment alignment. */
  pageSize: number;
}

/** The default layout (DESIGN.md, "Image and boot protocol"). */
export const defaultLayout: LinkLayout = {
  base: 0x100000,
  pageSize: 0x1000,
  sections: [
    { name: ".text", inputs: [".text.boot", ".text .text.*"] },
    { name: ".altinstr_replacement", inputs: [".altinstr_replacement"] },
    { name: ".rodata", inputs: [".rodata .rodata.*"] },
    { name: ".altinstructions", inputs: [".altinstructions"] },
    { name: "__ex_table", inputs: ["__ex_table"] },
    { name: ".notes", inputs: [".note.*"] },
    { name: ".data", inputs: [".data .data.*"] },
    { name: ".bss", inputs: [".bss .bss.*", "COMMON"] },
  ],
  discard: [".note.GNU-stack", ".discard", ".discard.*", ".comment", ".eh_frame", ".debug*"],
};

/** Fills in what a partial layout leaves out from the default. */
export function resolveLayout(partial: Partial<LinkLayout> | undefined): LinkLayout {
  return {
    base: partial?.base ?? defaultLayout.base,
    pageSize: partial?.pageSize ?? defaultLayout.pageSize,
    sections: partial?.sections ?? defaultLayout.sections,
    discard: partial?.discard ?? defaultLayout.discard,
  };
}

const patternCache = new Map<string, RegExp>();

/** The patterns of one input statement. */
export function statementPatterns(statement: string): string[] {
  return statement.split(/\s+/).filter(Boolean);
}

/** Whether an input section name matches a linker-script style pattern (`*` and `?` wildcards). */
export function matchesPattern(name: string, pattern: string): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) return name === pattern;
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`);
    patternCache.set(pattern, re);
  }
  return re.test(name);
}

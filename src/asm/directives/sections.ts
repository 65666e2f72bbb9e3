/**
 * `.text .data .bss .section .pushsection .popsection .previous`. Section types and flags default
 * from the name as in GNU as's table of special sections (`.text*` is "ax", `.bss*` is NOBITS, …).
 */
import type { Statement } from "../ast.js";
import type { Section } from "../section.js";
import type { Assembler } from "../assembler.js";
import {
  SHF_ALLOC, SHF_EXCLUDE, SHF_EXECINSTR, SHF_GROUP, SHF_LINK_ORDER, SHF_MERGE, SHF_STRINGS, SHF_TLS, SHF_WRITE,
  SHT_FINI_ARRAY, SHT_INIT_ARRAY, SHT_NOBITS, SHT_NOTE, SHT_PREINIT_ARRAY, SHT_PROGBITS,
} from "../../obj/elf.js";
import { exprArg, splitArgs, argsError } from "./args.js";
import { Ch, isIdentPart } from "../cursor.js";
import { readQuoted } from "../expr-parse.js";
import { ParseError } from "../parse-error.js";

type DirectiveStmt = Extract<Statement, { kind: "directive" }>;

export interface SectionAttrs {
  type: number;
  flags: number;
  entsize: number;
}

const special: [string, number, number][] = [
  [".text", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR],
  [".data", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE],
  [".bss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE],
  [".rodata", SHT_PROGBITS, SHF_ALLOC],
  [".tdata", SHT_PROGBITS, SHF_ALLOC | SHF_WRITE | SHF_TLS],
  [".tbss", SHT_NOBITS, SHF_ALLOC | SHF_WRITE | SHF_TLS],
  [".init_array", SHT_INIT_ARRAY, SHF_ALLOC | SHF_WRITE],
  [".fini_array", SHT_FINI_ARRAY, SHF_ALLOC | SHF_WRITE],
  [".preinit_array", SHT_PREINIT_ARRAY, SHF_ALLOC | SHF_WRITE],
  [".init", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR],
  [".fini", SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR],
  [".note", SHT_NOTE, 0],
  [".comment", SHT_PROGBITS, SHF_MERGE | SHF_STRINGS],
  [".debug", SHT_PROGBITS, 0],
];

/** The type and flags GNU as gives a section of this name when none are written. */
export function sectionDefaults(name: string): SectionAttrs {
  for (const [n, type, flags] of special) {
    if (name === n || name.startsWith(n + ".") || (n === ".debug" && name.startsWith(".debug_"))) {
      return { type, flags, entsize: n === ".comment" ? 1 : 0 };
    }
  }
  return { type: SHT_PROGBITS, flags: 0, entsize: 0 };
}

const typeNames: Record<string, number> = {
  progbits: SHT_PROGBITS, nobits: SHT_NOBITS, note: SHT_NOTE,
  init_array: SHT_INIT_ARRAY, fini_array: SHT_FINI_ARRAY, preinit_array: SHT_PREINIT_ARRAY,
};

export function sectionDirective(asm: Assembler, s: DirectiveStmt): void {
  switch (s.name) {
    case ".text":
    case ".data":
    case ".bss": {
      if (s.args.trim() !== "" && s.args.trim() !== "0") throw argsError(s, `subsections are not supported (${s.name} ${s.args.trim()})`);
      asm.switchSection(asm.sections.find((x) => x.name === s.name) ?? asm.getSection(s.name, sectionDefaults(s.name)));
      return;
    }
    case ".previous": {
      const p = asm.previous;
      if (!p) throw argsError(s, "no previous section");
      asm.previous = asm.section;
      asm.section = p;
      return;
    }
    case ".popsection": {
      const top = asm.sectionStack.pop();
      if (!top) throw argsError(s, ".popsection without .pushsection");
      asm.section = top.section;
      asm.previous = top.previous;
      return;
    }
    case ".section":
    case ".pushsection": {
      const target = s.section ?? parseSectionArgs(asm, s);
      if (asm.keepingLine) s.section = target;
      if (s.name === ".pushsection") asm.sectionStack.push({ section: asm.section, previous: asm.previous });
      asm.switchSection(target);
      return;
    }
  }
}

function parseSectionArgs(asm: Assembler, s: DirectiveStmt) {
  const args = splitArgs(s);
  if (args.length === 0) throw argsError(s, `${s.name} needs a section name`);
  const nameArg = args[0]!;
  let name: string;
  if (nameArg.cur.peek() === Ch.Quote) name = readQuoted(nameArg.cur);
  else {
    // Section names may hold characters symbols cannot (`.text..refcount`, `__ex_table`).
    name = nameArg.text;
    if (!plainSectionName(name)) throw new ParseError("A026", `bad section name \`${name}\``, nameArg.cur.span(nameArg.cur.pos, nameArg.cur.end));
  }
  // Attributes written here; the rest default from the name if the section is new.
  let type: number | undefined;
  let flags: number | undefined;
  let entsize: number | undefined;
  if (args.length >= 2 && s.name === ".pushsection" && isDigits(args[1]!.text)) {
    if (args[1]!.text !== "0") throw argsError(s, "subsections are not supported");
    args.splice(1, 1);
  }
  if (args.length >= 2) {
    const fa = args[1]!;
    let fl = fa.text;
    if (fl.startsWith('"')) fl = readQuoted(fa.cur);
    else if (fl.startsWith("#")) fl = "";
    flags = 0;
    for (const ch of fl) {
      switch (ch) {
        case "a": flags |= SHF_ALLOC; break;
        case "w": flags |= SHF_WRITE; break;
        case "x": flags |= SHF_EXECINSTR; break;
        case "M": flags |= SHF_MERGE; break;
        case "S": flags |= SHF_STRINGS; break;
        case "G": flags |= SHF_GROUP; break;
        case "T": flags |= SHF_TLS; break;
        case "o": flags |= SHF_LINK_ORDER; break;
        case "e": flags |= SHF_EXCLUDE; break;
        case "R": flags |= 0x100000; break; // SHF_GNU_RETAIN
        case "?": break;
        default:
          throw new ParseError("A026", `unknown section flag \`${ch}\``, fa.cur.span(fa.cur.pos - fl.length, fa.cur.end));
      }
    }
    // With explicit flags, a name GNU knows keeps its type; anything else is PROGBITS.
    if (args.length >= 3) {
      const ta = args[2]!;
      const t = ta.text.replace(/^[@%]/, "").toLowerCase();
      const v = typeNames[t];
      if (v === undefined || !/^[@%]/.test(ta.text)) throw new ParseError("A026", `unknown section type \`${ta.text}\``, ta.cur.span(ta.cur.pos, ta.cur.end));
      type = v;
      if (flags & SHF_MERGE) {
        const ea = args[3];
        if (!ea) throw argsError(s, "entity size expected after the type of a mergeable section");
        entsize = Number(asm.absolute(exprArg(ea), "entity size"));
      }
    }
  }
  let sec: Section | undefined;
  for (const x of asm.sections) if (x.name === name) sec = x;
  if (!sec) {
    const d = sectionDefaults(name);
    sec = asm.getSection(name, { type: type ?? d.type, flags: flags ?? d.flags, entsize: entsize ?? d.entsize });
  }
  return sec;
}

/** /^[^\s"]+$/: a section name written without quotes (no quote, no white space as JS counts it). */
function plainSectionName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === Ch.Quote || c === 32 || (c >= 9 && c <= 13) || c === 0xa0) return false;
    if (c > 0xff && (c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff)) return false;
  }
  return true;
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 48 || text.charCodeAt(i) > 57) return false;
  return true;
}

export { isIdentPart };

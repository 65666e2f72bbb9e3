/** Symbol attributes: `.globl .global .local .weak .hidden .internal .protected .type .size .set .equ .equiv .comm .lcomm .file .ident`. */
import type { Statement } from "../ast.js";
import type { Assembler } from "../assembler.js";
import { DiagnosticError, error } from "../../diag/diagnostic.js";
import {
  STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FUNC, STT_GNU_IFUNC, STT_NOTYPE, STT_OBJECT, STT_TLS, STT_COMMON,
  STV_HIDDEN, STV_INTERNAL, STV_PROTECTED, SHT_NOBITS, SHF_ALLOC, SHF_WRITE, SHT_PROGBITS, SHF_MERGE, SHF_STRINGS,
} from "../../obj/elf.js";
import { exprArg, nameArg, splitArgs, stringArg, argsError } from "./args.js";

type DirectiveStmt = Extract<Statement, { kind: "directive" }>;

const typeNames: Record<string, number> = {
  function: STT_FUNC, object: STT_OBJECT, notype: STT_NOTYPE, tls_object: STT_TLS, common: STT_COMMON,
  gnu_indirect_function: STT_GNU_IFUNC, gnu_unique_object: STT_OBJECT,
};

/** `@function`, `%object`, `#tls_object`, `"function"` → the type's name (a prefix mark, then quotes, dropped). */
function typeName(text: string): string {
  let a = 0;
  let b = text.length;
  const c = text.charCodeAt(0);
  if (c === 64 || c === 37 || c === 35) a++;
  if (b - a >= 2 && text.charCodeAt(a) === 34 && text.charCodeAt(b - 1) === 34) {
    a++;
    b--;
  }
  return a === 0 && b === text.length ? text : text.slice(a, b);
}

export function symbolDirective(asm: Assembler, s: DirectiveStmt): void {
  const args = splitArgs(s);
  switch (s.name) {
    case ".globl":
    case ".global":
    case ".local":
    case ".weak":
      if (args.length === 0) throw argsError(s, `${s.name} needs a symbol name`);
      for (const a of args) {
        const sym = asm.symbols.intern(nameArg(a));
        asm.setBinding(sym, s.name === ".weak" ? STB_WEAK : s.name === ".local" ? STB_LOCAL : STB_GLOBAL);
      }
      return;
    case ".hidden":
    case ".internal":
    case ".protected":
      for (const a of args) {
        const sym = asm.symbols.intern(nameArg(a));
        sym.visibility = s.name === ".hidden" ? STV_HIDDEN : s.name === ".internal" ? STV_INTERNAL : STV_PROTECTED;
      }
      return;
    case ".type": {
      if (args.length !== 2) throw argsError(s, ".type takes a symbol and a type (@function, @object, …)");
      const sym = asm.symbols.intern(nameArg(args[0]!));
      const t = typeName(args[1]!.text);
      const v = typeNames[t] ?? (t === "STT_FUNC" ? STT_FUNC : t === "STT_OBJECT" ? STT_OBJECT : t === "STT_NOTYPE" ? STT_NOTYPE : undefined);
      if (v === undefined) throw argsError(s, `unknown symbol type \`${args[1]!.text}\``);
      sym.type = v;
      return;
    }
    case ".size": {
      if (args.length !== 2) throw argsError(s, ".size takes a symbol and an expression");
      const sym = asm.symbols.intern(nameArg(args[0]!));
      const e = asm.bind(exprArg(args[1]!));
      // Evaluate now if possible (`.-foo` means here); otherwise after layout with `.` fixed here.
      const dot = asm.hereSym();
      sym.sizeExpr = e;
      sym.sizeDot = dot;
      return;
    }
    case ".set":
    case ".equ":
    case ".equiv": {
      if (args.length !== 2) throw argsError(s, `${s.name} takes a symbol and an expression`);
      asm.setSymbol(nameArg(args[0]!), exprArg(args[1]!), s.span, s.name === ".equiv" ? "equiv" : "set");
      return;
    }
    case ".comm":
    case ".lcomm": {
      if (args.length < 2 || args.length > 3) throw argsError(s, `${s.name} takes a symbol, a size and an optional alignment`);
      const sym = asm.symbols.intern(nameArg(args[0]!));
      const size = asm.absolute(exprArg(args[1]!), "size");
      if (sym.defined && sym.def.kind !== "common") throw new DiagnosticError([error("A010", `symbol \`${sym.name}\` is already defined`, s.span)]);
      if (s.name === ".lcomm" && args.length === 3) throw argsError(s, ".lcomm takes a symbol and a size");
      let align = args[2] ? asm.absolute(exprArg(args[2]), "alignment") : undefined;
      if (s.name === ".lcomm") {
        localCommon(asm, sym, size, align ?? lcommAlign(size));
        return;
      }
      if (sym.bind === STB_LOCAL && sym.declaredLocal) {
        localCommon(asm, sym, size, align ?? defaultCommonAlign(size));
        return;
      }
      align ??= defaultCommonAlign(size);
      sym.def = { kind: "common", size, align };
      sym.type = STT_OBJECT;
      if (sym.bind === STB_LOCAL) sym.bind = STB_GLOBAL;
      sym.sizeValue = size;
      return;
    }
    case ".file": {
      if (args.length === 0) return;
      // `.file "name"` makes the STT_FILE symbol; `.file N "name"` is DWARF and ignored.
      if (args.length === 1 && args[0]!.text.startsWith('"')) asm.fileSymbols.push(stringArg(args[0]!));
      return;
    }
    case ".ident":
      if (args.length !== 1) throw argsError(s, ".ident takes one string");
      ident(asm, stringArg(args[0]!));
      return;
  }
}

/** GNU's `.comm` alignment when none is given: the smallest power of two ≥ size, at most 16. */
function defaultCommonAlign(size: bigint): bigint {
  let a = 1n;
  while (a < size && a < 16n) a *= 2n;
  return a;
}

/** GNU's `.lcomm` alignment (`bss_alloc`): the largest power of two ≤ size, at most 8. */
function lcommAlign(size: bigint): bigint {
  let a = 1n;
  while (a * 2n <= size && a < 8n) a *= 2n;
  return a;
}

/** `.lcomm`, or `.comm` of a symbol declared `.local`: space in .bss with a local label. */
function localCommon(asm: Assembler, sym: import("../symbols.js").Sym, size: bigint, align: bigint): void {
  const bss = asm.getSection(".bss", { type: SHT_NOBITS, flags: SHF_ALLOC | SHF_WRITE, entsize: 0 });
  const a = Number(align);
  if (a > bss.align) bss.align = a;
  const pad = (a - (bss.len % a)) % a;
  bss.reserve(pad);
  sym.def = { kind: "label", frag: bss.current, offset: bss.fragOffset };
  bss.reserve(Number(size));
  sym.type = STT_OBJECT;
  sym.sizeValue = size;
}

/** `.ident`: the string goes to .comment (made at the first `.ident`, with a leading NUL), as GNU does. */
function ident(asm: Assembler, text: string): void {
  const fresh = !asm.sections.some((x) => x.name === ".comment");
  const sec = asm.getSection(".comment", { type: SHT_PROGBITS, flags: SHF_MERGE | SHF_STRINGS, entsize: 1 });
  if (fresh) sec.emitByte(0);
  for (let i = 0; i < text.length; i++) sec.emitByte(text.charCodeAt(i) & 0xff);
  sec.emitByte(0);
}

/**
 * The typed AST of one GNU-as source file. Every node keeps its source span. Macro, `.rept`, `.irp`
 * and `.irpc` bodies stay raw lines: GNU as expands them by text substitution, so they are parsed
 * only when they are expanded.
 */
import type { Diagnostic, SourceSpan } from "../diag/diagnostic.js";
import type { RegInfo } from "../isa/registers.js";
import type { Section } from "./section.js";
import type { Sym } from "./symbols.js";
import type { Value } from "./value.js";

export type BinaryOp =
  | "*" | "/" | "%" | "<<" | ">>"
  | "|" | "&" | "^" | "!"
  | "+" | "-"
  | "==" | "!=" | "<>" | "<" | ">" | "<=" | ">="
  | "&&" | "||";

export type UnaryOp = "-" | "~" | "!" | "+";

/** GNU as expressions. Comparisons yield −1 for true, 0 for false; `a ! b` is `a | ~b`. */
export type Expr =
  | { kind: "num"; value: bigint; span: SourceSpan }
  /** `sym` is the evaluator's memo of the symbol the name found (names never change their symbol). */
  | { kind: "sym"; name: string; span: SourceSpan; sym?: Sym }
  /** A numeric local label reference: `1b` (dir "b") or `1f` (dir "f"). */
  | { kind: "local"; label: number; dir: "b" | "f"; span: SourceSpan }
  /** `.`, the current location. */
  | { kind: "dot"; span: SourceSpan }
  | { kind: "unary"; op: UnaryOp; arg: Expr; span: SourceSpan }
  /**
   * A sum of numbers and numeric-label references, already added up (made by `Assembler.bindCount`
   * for counts kept until layout; the parser never makes one).
   */
  | { kind: "linear"; value: Value; span: SourceSpan }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr; span: SourceSpan };

/** An instruction operand in AT&T syntax. `star` is the `*` of indirect `call`/`jmp`. */
export type Operand =
  | { kind: "reg"; reg: RegInfo; star: boolean; span: SourceSpan }
  | { kind: "imm"; expr: Expr; span: SourceSpan }
  | {
      kind: "mem";
      seg?: RegInfo;
      /** Absent for `(%rax)`; a bare `sym` or `0x10` operand is a mem with only a displacement. */
      disp?: Expr;
      base?: RegInfo;
      index?: RegInfo;
      scale: 1 | 2 | 4 | 8;
      star: boolean;
      span: SourceSpan;
    };

export type Statement =
  /** `name:` or a numeric local label `1:` (name "1"). */
  | { kind: "label"; name: string; numeric: boolean; span: SourceSpan }
  /**
   * An instruction, possibly with prefixes written before it (`lock`, `rep`, `ds`, `data16`, …).
   * `mnemonic` is lower-cased as written, suffix included (`movl`, `jmpq`).
   */
  | { kind: "instruction"; prefixes: string[]; mnemonic: string; operands: Operand[]; span: SourceSpan; mnemonicSpan: SourceSpan }
  /**
   * A directive (name lower-cased, with its dot) or a macro invocation (name as written, no dot).
   * The arguments stay text: each directive has its own argument syntax.
   */
  | {
      kind: "directive";
      name: string;
      args: string;
      span: SourceSpan;
      argsSpan: SourceSpan;
      /**
       * The arguments parsed as expressions, by a directive that reads them so (data, `.skip`), kept
       * when the statement itself is kept to be read again (the lines of a macro expansion).
       */
      exprArgs: ExprArgs | undefined;
      /** The section a kept `.section`/`.pushsection` statement names (sections are never removed). */
      section: Section | undefined;
    }
  /** `sym = expr` (same as `.set sym, expr`). */
  | { kind: "assign"; name: string; expr: Expr; span: SourceSpan }
  /** A `.macro` … `.endm` definition: parameters as written, body as raw lines. */
  | { kind: "macro"; name: string; params: MacroParam[]; body: RawLine[]; span: SourceSpan }
  /** `.rept N`, `.irp sym, values`, `.irpc sym, chars` … `.endr`. */
  /** A line that did not parse; reported only if assembly reaches it (false `.if` branches are skipped). */
  | { kind: "invalid"; diagnostic: Diagnostic; span: SourceSpan }
  | { kind: "repeat"; directive: ".rept" | ".irp" | ".irpc"; args: string; body: RawLine[]; span: SourceSpan; argsSpan: SourceSpan };

/** Directive arguments as expressions, each with the span of its text. */
export interface ExprArgs {
  exprs: Expr[];
  spans: SourceSpan[];
}

export interface MacroParam {
  name: string;
  default?: string;
  required: boolean;
  vararg: boolean;
}

/** One physical source line, kept for macro bodies and code frames. */
export interface RawLine {
  text: string;
  file: string;
  line: number;
}

/**
 * The assembler's state and its statement loop. GNU as works in one pass over the source, building
 * frags, then lays them out (relaxation) and resolves fixups; we do the same, so that every decision
 * GNU makes "when it meets the line" (instruction sizes, folded expressions, symbol creation order)
 * is made at the same moment here.
 *
 * Directives live in `directives/`, one file per family; each gets this object as its context.
 */
import { DiagnosticBag, DiagnosticError, error, type Diagnostic, type SourceSpan } from "../diag/diagnostic.js";
import type { Expr, Operand, RawLine, Statement } from "./ast.js";
import { ArrayLines, type LineReader } from "./lines.js";
import { ParsedRun } from "./parsed-lines.js";
import { LineCache, templateExpr, templateSpan, type FieldTemplate, type LineTemplate } from "./line-cache.js";
import { Cursor } from "./cursor.js";
import { fold, NotYet, stuckAt, tryEvaluate, type EvalEnv } from "./eval.js";
import { Frag, Section, type Fixup } from "./section.js";
import { SymbolTable, type Sym } from "./symbols.js";
import { addScaled, constant, symbolValue, type Value } from "./value.js";
import { collectBlock, parseStatements, type ParseContext } from "./parse.js";
import { digitsValue } from "./expr-parse.js";
import { STB_GLOBAL, STB_LOCAL, STB_WEAK } from "../obj/elf.js";
import { encodeInto, isDirectBranch, templateFor, type EncodeRequest } from "./encode/index.js";
import { LineNumbers } from "./number-key.js";
import { writeLE, writeNumberLE } from "./encode/values.js";
import { EncodeError, type Known } from "./encode/types.js";
import { conditionCodes } from "../isa/conditions.js";
import { prefixBytes } from "../isa/prefixes.js";
import { ParseError } from "./parse-error.js";
import { sectionDefaults } from "./directives/sections.js";
import { runDirective } from "./directives/index.js";
import type { MacroDef } from "./directives/macros.js";

export interface CondFrame {
  /** Lines of this branch are assembled. */
  active: boolean;
  /** Some branch of this `.if` chain was taken already. */
  taken: boolean;
  /** The enclosing region was active. */
  parentActive: boolean;
  sawElse: boolean;
  span: SourceSpan;
}

export interface AsmHost {
  readFile(path: string): Uint8Array | undefined;
  includeDirs: string[];
}

export class Assembler implements ParseContext {
  readonly symbols = new SymbolTable();
  readonly sections: Section[] = [];
  readonly diags = new DiagnosticBag();
  section!: Section;
  previous: Section | undefined;
  readonly sectionStack: { section: Section; previous: Section | undefined }[] = [];
  bits: 64 | 32 = 64;
  readonly macros = new Map<string, MacroDef>();
  readonly conds: CondFrame[] = [];
  /** `\@`: counts macro expansions. */
  macroCounter = 0;
  /** Depth of macro/repeat/include nesting, to stop runaway recursion. */
  depth = 0;
  /** Set by `.exitm` to unwind the current macro expansion. */
  exitMacro = false;
  /** Symbols named by `.file` (STT_FILE). */
  readonly fileSymbols: string[] = [];
  readonly idents: string[] = [];
  /** Text from `.print`, in order. */
  readonly printed: string[] = [];
  readonly dependencies: string[] = [];
  /** Macro expansion notes for diagnostics raised inside expansions. */
  readonly expansionNotes: Diagnostic[] = [];

  constructor(readonly host: AsmHost) {
    // GNU as creates .text, .data and .bss before reading anything; their section symbols come first.
    for (const name of [".text", ".data", ".bss"]) this.getSection(name, sectionDefaults(name));
    this.section = this.sections[0]!;
  }

  isMacro(name: string): boolean {
    return this.macros.has(name.toLowerCase());
  }

  get active(): boolean {
    // Test the length first: reading past the end of an array is slow in V8, and this runs per line.
    const n = this.conds.length;
    return n === 0 || this.conds[n - 1]!.active;
  }

  // -------------------------------------------------------------------------------------------------
  // Reading lines.

  /** Assembles raw lines (a file as it is scrubbed, a macro expansion, a repeat body). */
  runLines(lines: readonly RawLine[] | LineReader, note?: Diagnostic): void {
    if (note) this.expansionNotes.push(note);
    const reader = "next" in lines ? lines : new ArrayLines(lines);
    const kept = reader instanceof ParsedRun ? reader : undefined;
    try {
      for (;;) {
        if (this.exitMacro) return;
        const l = reader.next();
        if (l === undefined) return;
        // In a false conditional GNU does not look for block openers either.
        const opener = this.active ? this.blockOpener(l.text) : undefined;
        if (opener) {
          const { body, closed } = collectBlock(reader, opener === ".macro");
          if (!closed) {
            this.report(error("A022", `missing ${opener === ".macro" ? ".endm" : ".endr"} for ${opener}`, { file: l.file, line: l.line, col: 1 }));
            return;
          }
          this.runBlock(opener, l, body);
          continue;
        }
        this.runLine(l, kept);
      }
    } finally {
      if (note) this.expansionNotes.pop();
    }
  }

  private blockOpener(text: string): ".macro" | ".rept" | ".irp" | ".irpc" | undefined {
    let i = 0;
    while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (text.charCodeAt(i) !== 46) return undefined;
    // Asked of every line: most directives do not start with m, r or i, and need no slice.
    const c = text.charCodeAt(i + 1) | 0x20;
    if (c !== 109 && c !== 114 && c !== 105) return undefined;
    const w = text.slice(i, i + 6).toLowerCase();
    if (w.startsWith(".macro") && !/[\w.$]/.test(text.charAt(i + 6))) return ".macro";
    if (w.startsWith(".rept") && !/[\w.$]/.test(text.charAt(i + 5))) return ".rept";
    if (w.startsWith(".irpc") && !/[\w.$]/.test(text.charAt(i + 5))) return ".irpc";
    if (w.startsWith(".irp") && !/[\w.$]/.test(text.charAt(i + 4))) return ".irp";
    return undefined;
  }

  private runBlock(opener: ".macro" | ".rept" | ".irp" | ".irpc", l: RawLine, body: RawLine[]): void {
    const m = /^\s*\.\w+/.exec(l.text)!;
    const argsText = l.text.slice(m[0].length);
    const cur = new Cursor(argsText, l.file, l.line, m[0].length);
    this.guard({ file: l.file, line: l.line, col: 1 }, () => {
      if (opener === ".macro") this.defineMacro(argsText, cur, body, l);
      else this.runRepeat(opener, argsText, cur, body, l);
    });
  }

  // Implemented in directives/macros.ts; bound there to keep this file to the loop.
  defineMacro!: (args: string, cur: Cursor, body: RawLine[], at: RawLine) => void;
  runRepeat!: (kind: ".rept" | ".irp" | ".irpc", args: string, cur: Cursor, body: RawLine[], at: RawLine) => void;
  expandMacro!: (def: MacroDef, args: string, argsSpan: SourceSpan, at: SourceSpan) => void;

  /** Assembles one line; `kept` holds the statements of lines read before, if they may be read again. */
  runLine(l: RawLine, kept?: ParsedRun): void {
    const active = this.active;
    let known = false;
    // The line has plain numbers, read into `numbers` with its key (see number-key.ts).
    let numbered = false;
    if (active && mayBeInstruction(l.text)) {
      const cache = this.lineCache;
      cache.sync(this.bits, this.macroGeneration);
      let e = kept ? kept.slot(cache.epoch) : -1;
      if (e < 0) {
        e = cache.find(l.text);
        if (e >= 0) kept?.keepSlot(e);
      }
      if (e >= 0) {
        if (this.repeatLine(e, l)) return;
        // A symbolic operand is a constant now: the line is assembled in full, and stays remembered.
        known = true;
      } else {
        numbered = this.numbers.read(l.text, this.bits);
        if (numbered) {
          this.numberCache.sync(this.bits, this.macroGeneration);
          const n = this.numberCache.findBytes(this.numbers.key, this.numbers.keyLength);
          if (n >= 0) {
            this.repeatNumbers(n, l);
            return;
          }
        }
      }
    }
    let stmts = kept?.parsed(this.macroGeneration);
    if (stmts === undefined) {
      stmts = parseStatements(l.text, l.file, l.line, this);
      kept?.keep(stmts);
    }
    // A line of one instruction may be remembered (`instruction` says whether it qualifies).
    const single = active && !known && stmts.length === 1 && stmts[0]!.kind === "instruction";
    const reports = this.diags.items.length;
    this.constantStart = -1;
    this.lineTemplate = undefined;
    this.constantRequest = undefined;
    // A macro call among the statements runs lines of its own: the outer line's flag comes back after.
    const keeping = this.keepingLine;
    this.keepingLine = kept !== undefined;
    for (const s of stmts) {
      if (this.exitMacro) break;
      this.runStatement(s);
    }
    this.keepingLine = keeping;
    if (this.exitMacro) return;
    if (single && this.constantStart >= 0 && this.diags.items.length === reports) {
      const sec = this.section;
      const fields = numbered && this.lineTemplate === undefined ? this.numberFields(stmts[0]!) : undefined;
      if (fields) this.numberCache.addBytes(this.numbers.key, this.numbers.keyLength, sec.buf, this.constantStart, sec.len - this.constantStart, fields);
      else this.lineCache.add(l.text, sec.buf, this.constantStart, sec.len - this.constantStart, this.lineTemplate);
    }
  }

  /**
   * Where the plain numbers of the line just assembled (`numbers`) went in its bytes, as (number,
   * offset, size) triples; undefined unless each number is its operand's whole value and has a field
   * of the encoder's template (the MSR immediate forms and `shl $1` have none: their bytes would
   * not change with the number).
   */
  private numberFields(s: Statement): number[] | undefined {
    const req = this.constantRequest;
    if (req === undefined || s.kind !== "instruction") return undefined;
    const nums = this.numbers;
    const patches = templateFor(req).patches;
    const fields: number[] = [];
    for (let k = 0; k < nums.count; k++) {
      const op = s.operands[nums.operands[k]!];
      const e = op === undefined ? undefined : op.kind === "imm" ? op.expr : op.kind === "mem" ? op.disp : undefined;
      const v = e === undefined ? undefined : plainNumber(e);
      if (v === undefined || Number(v) !== nums.values[k]) return undefined;
      const p = patches.find((x) => x.operand === nums.operands[k]);
      if (p === undefined) return undefined;
      fields.push(k, p.offset, p.size);
    }
    return fields;
  }

  /** Emits the bytes of a line remembered by its number key, with this line's numbers written in. */
  private repeatNumbers(slot: number, l: RawLine): void {
    const fields = this.numberCache.template(slot)!;
    const sec = this.section;
    sec.lines.add(sec.current, sec.len, l.file, l.line);
    const at = sec.reserve(this.numberCache.length(slot));
    const buf = sec.buf;
    this.numberCache.copy(slot, buf, at);
    const values = this.numbers.values;
    for (let f = 0; f < fields.length; f += 3) writeNumberLE(buf, at + fields[f + 1]!, fields[f + 2]!, values[fields[f]!]!);
  }

  /** The plain numbers of the line being run, read by its number key. */
  private readonly numbers = new LineNumbers();
  /** Lines remembered by their number keys: the bytes, and (number, offset, size) per number. */
  private readonly numberCache = new LineCache<number[]>();
  /** The encoder's request of the line's instruction, when all its operands are constants. */
  private constantRequest: EncodeRequest | undefined;

  /**
   * The line being run has its statements kept to be read again (see ParsedLines): directives may
   * keep what they parse from their arguments on the statement (`exprArgs`).
   */
  keepingLine = false;

  /** Lines already assembled whose bytes can be copied (see line-cache.ts). */
  private readonly lineCache = new LineCache();
  /** Counts macro definitions: a new macro may turn a remembered instruction line into a call. */
  macroGeneration = 0;
  /**
   * Set by `instruction` to where its bytes start when the line can be remembered: its operands are
   * registers and constants, or also symbols whose fields `lineTemplate` then describes.
   */
  private constantStart = -1;
  private lineTemplate: LineTemplate | undefined;

  /**
   * Emits a remembered line's bytes and fixups, as `instruction` would have. Returns false, having
   * emitted nothing, when a symbolic operand has become a constant (its encoding may differ).
   */
  private repeatLine(slot: number, l: RawLine): boolean {
    const t = this.lineCache.template(slot);
    const sec = this.section;
    if (t === undefined) {
      sec.lines.add(sec.current, sec.len, l.file, l.line);
      const at = sec.reserve(this.lineCache.length(slot));
      this.lineCache.copy(slot, sec.buf, at);
      return true;
    }
    const fields = t.fields;
    // The values first: nothing is emitted unless the remembered bytes are still right. (A line has
    // one such field but for a few instructions; the list is made only for those.)
    const v0 = this.fieldValue(fields[0]!);
    if (v0 === undefined) return false;
    let values: Value[] | undefined;
    if (fields.length > 1) {
      values = [v0];
      for (let i = 1; i < fields.length; i++) {
        const v = this.fieldValue(fields[i]!);
        if (v === undefined) return false;
        values.push(v);
      }
    }
    sec.lines.add(sec.current, sec.len, l.file, l.line);
    const n = this.lineCache.length(slot);
    const at = sec.reserve(n);
    this.lineCache.copy(slot, sec.buf, at);
    const span = templateSpan(t, l.file, l.line);
    const frag = sec.current;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      sec.fixups.push({
        frag,
        offset: at - frag.start + f.offset,
        size: f.size,
        value: i === 0 ? v0 : values![i]!,
        pcrel: f.pcrel,
        pcEnd: f.pcEnd,
        branch: f.branch,
        code64: this.bits === 64,
        signedness: f.signedness,
        span,
        deferred: undefined,
      });
    }
    return true;
  }

  /** The value of a remembered field, or undefined if it is not symbolic any more. */
  private fieldValue(f: FieldTemplate): Value | undefined {
    const v = this.tryEval(f.expr);
    if (v === undefined || (f.branch ? branchTarget(v) === undefined : fold(v, "frag") !== undefined)) return undefined;
    return v;
  }

  runStatement(s: Statement): void {
    // The error handling of `guard`, written out: this runs per statement, and a closure per
    // statement showed in profiles.
    try {
      if (!this.active) {
        // Inside a false conditional only the conditional directives themselves count.
        if (s.kind === "directive" && isCondDirective(s.name)) runDirective(this, s);
        return;
      }
      switch (s.kind) {
        case "label":
          this.defineLabel(s.name, s.numeric, s.span);
          return;
        case "assign":
          this.setSymbol(s.name, s.expr, s.span, "set");
          return;
        case "directive": {
          // Directive names are lower-cased by the parser already; macro names are looked up in lower case.
          const def = this.macros.size === 0 ? undefined : this.macros.get(s.name.charCodeAt(0) === 46 ? s.name : s.name.toLowerCase());
          if (def) {
            this.expandMacro(def, s.args, s.argsSpan, s.span);
            return;
          }
          runDirective(this, s);
          return;
        }
        case "instruction":
          this.instruction(s);
          return;
        case "invalid":
          this.report(s.diagnostic);
          return;
        case "macro":
        case "repeat":
          return;
      }
    } catch (e) {
      this.recover(e, s.span);
    }
  }

  /** Runs `fn`, turning diagnostics it throws into reports so that assembly goes on. */
  guard(span: SourceSpan, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.recover(e, span);
    }
  }

  /** Reports what a statement threw, if it is a diagnostic; anything else is a bug and goes on up. */
  private recover(e: unknown, span: SourceSpan): void {
    if (e instanceof DiagnosticError) for (const d of e.diagnostics) this.report(d);
    else if (e instanceof ParseError) this.report(e.diagnostic);
    else if (e instanceof NotYet) this.report(error("A011", "expression is not constant here (it depends on labels not yet placed)", e.expr.span ?? span));
    else if (e instanceof EncodeError) this.report(error(e.code, e.message, span));
    else throw e;
  }

  report(d: Diagnostic): void {
    if (this.expansionNotes.length > 0 && d.severity === "error" && !d.notes) {
      d = { ...d, notes: [...this.expansionNotes].reverse() };
    }
    this.diags.add(d);
  }

  // -------------------------------------------------------------------------------------------------
  // Sections and symbols.

  getSection(name: string, attrs: { type: number; flags: number; entsize: number }): Section {
    let s = this.sections.find((x) => x.name === name);
    if (!s) {
      s = new Section(name, attrs.type, attrs.flags, attrs.entsize);
      s.index = this.sections.length;
      s.sym = this.symbols.intern(name);
      s.sym.sectionOf = s;
      s.sym.def = { kind: "label", frag: s.frags[0]!, offset: 0 };
      s.sym.temporary = true;
      this.sections.push(s);
    }
    return s;
  }

  switchSection(s: Section): void {
    if (s !== this.section) {
      this.previous = this.section;
      this.section = s;
    }
  }

  /** A label here: `name:`, `1:`. */
  defineLabel(name: string, numeric: boolean, span: SourceSpan): Sym {
    const sym = numeric ? this.symbols.defineLocal(digitsValue(name, 0, name.length)) : this.symbols.intern(name);
    if (sym.defined && !numeric) throw new DiagnosticError([error("A010", `symbol \`${name}\` is already defined`, span)]);
    sym.def = { kind: "label", frag: this.section.current, offset: this.section.fragOffset };
    // Where a named label was defined, for redefinition errors here and duplicate symbols in the
    // linker; a numeric label may be defined again and is never written, so it keeps none.
    if (!numeric) sym.span = span;
    return sym;
  }

  /** `.set`/`.equ`/`=` (mode "set") and `.equiv` (mode "equiv"). */
  setSymbol(name: string, expr: Expr, span: SourceSpan, mode: "set" | "equiv"): void {
    let sym = this.symbols.intern(name);
    if (sym.sectionOf) throw new DiagnosticError([error("A010", `cannot redefine section symbol \`${name}\``, span)]);
    if ((mode === "equiv" || sym.equiv) && sym.defined) throw new DiagnosticError([error("A010", `symbol \`${name}\` is already defined`, span)]);
    if (sym.def.kind === "label") throw new DiagnosticError([error("A010", `symbol \`${name}\` is already defined as a label`, span)]);
    let v = this.tryEval(expr);
    // `a = a + 1` with `a` undefined, or `a = b` after `b = a`: GNU stops at the loop, and so must we
    // (every later use would follow it for ever).
    if (v === undefined ? exprReaches(expr, sym, 0) : valueReaches(v, sym)) throw new DiagnosticError([error("A016", `symbol definition loop encountered at \`${name}\``, span)]);
    // Set again: as GNU does, the name gets a new symbol, and what referred to the old one (a forward
    // reference, a fixup) keeps the value it had. A global keeps its one symbol (it may be a
    // relocation's symbol, which must be the one written).
    if ((sym.def.kind === "equate" || sym.def.kind === "expr") && !sym.explicitBind) sym = this.symbols.replace(sym);
    if (v === undefined) {
      // GNU keeps such a symbol as an expression and evaluates it where it is used.
      sym.def = { kind: "expr", expr: this.bind(expr), dot: this.hereSym() };
      if (mode === "equiv") sym.equiv = true;
      sym.span = span;
      return;
    }
    const c = fold(v, "frag");
    // A label difference known now is a constant; `sym + k` stays symbolic (GNU keeps it equated).
    if (c !== undefined) v = constant(c);
    sym.def = { kind: "equate", value: v };
    if (mode === "equiv") sym.equiv = true;
    sym.span = span;
  }

  setBinding(sym: Sym, bind: number): void {
    if (bind === STB_GLOBAL && sym.bind === STB_WEAK) return;
    sym.bind = bind;
    sym.explicitBind = bind !== STB_LOCAL;
    if (bind === STB_LOCAL) sym.declaredLocal = true;
  }

  /** The symbol that `.` means at the current position (a temporary label). */
  hereSym(): Sym {
    const s = this.symbols.temp();
    s.def = { kind: "label", frag: this.section.current, offset: this.section.fragOffset };
    return s;
  }

  /**
   * The symbol `.` stood for in the last `eval` (the `dot` given, or one made when the expression
   * used `.`; undefined if it did not). Callers that keep an expression for later read it.
   */
  evalDot: Sym | undefined;
  /** One environment for every `eval`: building one (and its closures) per expression showed in profiles. */
  private readonly evalEnv: EvalEnv = {
    symbols: this.symbols,
    level: "frag",
    dot: () => (this.evalDot ??= this.hereSym()),
    onSymbol: markReferenced,
  };

  /** Evaluates at the "frag" level; `.` is the current position. Throws NotYet (see `tryEval`). */
  eval(e: Expr, dot?: Sym): Value {
    const v = this.tryEval(e, dot);
    if (v === undefined) throw new NotYet(stuckAt());
    return v;
  }

  /** `eval`, or undefined when operators need values not known yet (the caller defers `e`). */
  tryEval(e: Expr, dot?: Sym): Value | undefined {
    this.evalDot = dot;
    return tryEvaluate(e, this.evalEnv);
  }

  /**
   * Fixes what `1b`/`1f` mean here, for an expression kept to be evaluated after layout (by then
   * the label counts have moved on).
   */
  bind(e: Expr): Expr {
    switch (e.kind) {
      case "local": {
        const sym = this.symbols.referLocal(e.label, e.dir);
        if (!sym) throw new DiagnosticError([error("A014", `backward reference to undefined local label \`${e.label}b\``, e.span)]);
        return { kind: "sym", name: sym.name, span: e.span, sym };
      }
      case "unary":
        return { ...e, arg: this.bind(e.arg) };
      case "binary":
        return { ...e, left: this.bind(e.left), right: this.bind(e.right) };
      default:
        return e;
    }
  }

  /**
   * `bind` for a count that layout folds as a whole (`.skip`, `.fill`, `.nops`, `.org`): each sum of
   * numbers and numeric-label references becomes one "linear" node. The count of an alternatives
   * site, `-(((6651f-6641f)-(662b-661b)) > 0) * ((6651f-6641f)-(662b-661b))`, is kept as five nodes
   * instead of twenty-five and added up once instead of in every layout pass. Folding the whole gives
   * what folding each difference on the way gave: the same terms are left and the same constant.
   */
  bindCount(e: Expr): Expr {
    const v = this.labelSum(e);
    if (v !== undefined) return { kind: "linear", value: v, span: e.span };
    switch (e.kind) {
      case "unary":
        return { ...e, arg: this.bindCount(e.arg) };
      case "binary":
        return { ...e, left: this.bindCount(e.left), right: this.bindCount(e.right) };
      default:
        return this.bind(e);
    }
  }

  /** The value of `e` if it is a sum (`+`, `-`) of numbers and numeric-label references, else undefined. */
  private labelSum(e: Expr): Value | undefined {
    switch (e.kind) {
      case "num":
        return constant(e.value);
      case "local": {
        const sym = this.symbols.referLocal(e.label, e.dir);
        if (!sym) throw new DiagnosticError([error("A014", `backward reference to undefined local label \`${e.label}b\``, e.span)]);
        return symbolValue(sym);
      }
      case "unary": {
        if (e.op !== "-" && e.op !== "+") return undefined;
        const v = this.labelSum(e.arg);
        return v === undefined || e.op === "+" ? v : addScaled(constant(0n), v, -1n);
      }
      case "binary": {
        if (e.op !== "+" && e.op !== "-") return undefined;
        const a = this.labelSum(e.left);
        if (a === undefined) return undefined;
        const b = this.labelSum(e.right);
        return b === undefined ? undefined : addScaled(a, b, e.op === "+" ? 1n : -1n);
      }
      default:
        return undefined;
    }
  }

  /** Evaluates an expression that must be an absolute constant now (`.if`, `.rept`, counts). */
  absolute(e: Expr, what: string): bigint {
    const v = this.eval(e);
    const c = fold(v, "frag");
    if (c === undefined) throw new DiagnosticError([error("A011", `${what} must be an absolute expression`, e.span)]);
    return c;
  }

  // -------------------------------------------------------------------------------------------------
  // Emitting data.

  /** Emits a `size`-byte field holding `e` (data directives). Unknown values become fixups. */
  emitValue(e: Expr, size: 1 | 2 | 4 | 8, span: SourceSpan): void {
    const sec = this.section;
    if (e.kind === "num") {
      // A number needs no evaluation (`.byte 0x90, 1, 2`).
      const at = sec.reserve(size);
      writeInt(sec.buf, at, size, e.value);
      return;
    }
    const v = this.tryEval(e);
    const deferred = v === undefined;
    // `.` here, for when the expression is evaluated after layout (made only when needed).
    const dot = deferred ? (this.evalDot ?? this.hereSym()) : this.evalDot;
    const at = sec.reserve(size);
    const c = v ? fold(v, "frag") : undefined;
    if (c !== undefined) {
      writeInt(sec.buf, at, size, c);
      return;
    }
    writeInt(sec.buf, at, size, 0n);
    const fx: Fixup = {
      frag: sec.current,
      offset: at - sec.current.start,
      size,
      value: v ?? constant(0n),
      pcrel: false,
      pcEnd: 0,
      branch: false,
      code64: this.bits === 64,
      signedness: "either",
      span,
      deferred: deferred ? { expr: this.bind(e), dot: dot! } : undefined,
    };
    sec.fixups.push(fx);
  }

  // -------------------------------------------------------------------------------------------------
  // Instructions.

  private instruction(s: Extract<Statement, { kind: "instruction" }>): void {
    const sec = this.section;
    sec.lines.add(sec.current, sec.len, s.span.file, s.span.line);
    if (s.operands.length === 0 && s.mnemonic in prefixBytes && s.prefixes.length === 0) {
      // A prefix alone (`rep; movsb`, `lock;`): GNU emits just the prefix byte. A REX byte is an
      // instruction's first byte in 32-bit code (`dec`), so GNU refuses one there.
      if (this.bits === 32 && s.mnemonic.startsWith("rex")) throw new DiagnosticError([error("A036", `\`${s.mnemonic}\` is only supported in 64-bit mode`, s.mnemonicSpan)]);
      sec.emitByte(prefixBytes[s.mnemonic]!);
      return;
    }
    if (isDirectBranch(s.mnemonic) && s.operands.length === 1 && s.operands[0]!.kind === "mem" && !isAddressing(s.operands[0]!)) {
      this.branch(s);
      return;
    }
    const ops = s.operands;
    let dot: Sym | undefined;
    // Lists of exactly one slot per operand (an empty list grown by `push` reserves 17).
    const values: (Known | undefined)[] = new Array<Known | undefined>(ops.length);
    // Per operand, only once some value is not known: the value its fixup will resolve, and the
    // expression to evaluate after layout when operators stopped it.
    let pending: (Value | undefined)[] | undefined;
    let deferredExprs: (Expr | undefined)[] | undefined;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      const e = op.kind === "imm" ? op.expr : op.kind === "mem" ? op.disp : undefined;
      if (e === undefined) {
        values[i] = undefined;
        continue;
      }
      if (e.kind === "num") {
        values[i] = { known: true, value: e.value };
        continue;
      }
      // `.` is the instruction's start; it is made on first use (most operands do not use it).
      const v = this.tryEval(e, dot);
      dot = this.evalDot;
      if (v === undefined) {
        dot ??= this.hereSym();
        // GNU keeps such an operand as an expression and resolves it after layout.
        values[i] = UNKNOWN;
        (pending ??= new Array<Value | undefined>(ops.length))[i] = constant(0n);
        (deferredExprs ??= new Array<Expr | undefined>(ops.length))[i] = this.bind(e);
        continue;
      }
      const c = fold(v, "frag");
      if (c !== undefined) values[i] = { known: true, value: c };
      else {
        values[i] = UNKNOWN;
        (pending ??= new Array<Value | undefined>(ops.length))[i] = v;
      }
    }
    // Fields of values not known yet hold zero: a fixup resolves them later (or they stay zero
    // under a RELA relocation).
    const start = sec.len;
    const req: EncodeRequest = { mnemonic: s.mnemonic, prefixes: s.prefixes, operands: ops, values, bits: this.bits };
    const unknown = encodeInto(req, sec);
    const n = sec.len - start;
    if (pending === undefined && constantOperands(ops)) {
      this.constantStart = start;
      this.constantRequest = req;
    }
    // With symbols (none deferred, no `.`), the line is remembered with the fields to fix up.
    const fields: FieldTemplate[] | undefined =
      pending !== undefined && deferredExprs === undefined && dot === undefined && templateOperands(ops) ? [] : undefined;
    if (fields) this.constantStart = start;
    for (let j = 0; j < unknown.length; j++) {
      const p = unknown[j]!;
      const v = pending?.[p.operand];
      if (v === undefined) continue;
      const de = deferredExprs?.[p.operand];
      const frag = sec.current;
      if (fields) {
        const op = ops[p.operand]!;
        const expr = op.kind === "imm" ? op.expr : op.kind === "mem" ? op.disp! : undefined;
        fields.push({ expr: expr!, offset: p.offset, size: p.size, pcrel: p.pcrel, pcEnd: n - p.offset, branch: false, signedness: p.signedness });
      }
      sec.fixups.push({
        frag,
        offset: start - frag.start + p.offset,
        size: p.size,
        value: v,
        pcrel: p.pcrel,
        pcEnd: n - p.offset,
        branch: false,
        code64: this.bits === 64,
        signedness: p.signedness,
        span: s.span,
        deferred: de ? { expr: de, dot: dot! } : undefined,
      });
    }
    // Every symbolic operand must have its field, or a later constant there would go unnoticed.
    if (fields) {
      let symbolic = 0;
      for (let i = 0; i < ops.length; i++) if (pending![i] !== undefined) symbolic++;
      if (fields.length === symbolic) this.lineTemplate = { col: s.span.col, length: s.span.length ?? 1, fields };
      else this.constantStart = -1;
    }
  }

  /** `jmp`/`jcc`/`call`/`loop`/`jrcxz`/`xbegin` to a label. */
  private branch(s: Extract<Statement, { kind: "instruction" }>): void {
    const sec = this.section;
    const op = s.operands[0] as Extract<Operand, { kind: "mem" }>;
    const v = this.eval(op.disp!);
    const prefix = s.prefixes.length === 0 ? NO_BYTES : s.prefixes.map((p) => prefixBytes[p]!);
    const m = s.mnemonic;
    const target = branchTarget(v);
    const cc = JUMPS.get(m);
    if (!target) {
      if (v.terms.length !== 0) throw new DiagnosticError([error("A031", "branch target must be a symbol plus a constant", op.span)]);
      if (cc !== undefined) {
        // `jmp 0x1000`: GNU makes it a branch frag that can only be long, its relocation (PC32 against
        // no symbol) made when the frag is converted; the target is a temporary equal to the address.
        const abs = this.symbols.temp();
        abs.def = { kind: "equate", value: v };
        sec.emitBytes(prefix);
        sec.closeFrag({ kind: "branch", cc, target: abs, addend: 0n, prefix, long: false, code64: this.bits === 64, span: s.span }, 2);
        return;
      }
      if (m !== "call" && m !== "callq" && m !== "calll") throw new DiagnosticError([error("A031", `\`${m}\` to an absolute address is not supported`, op.span)]);
      // `call 0x1000`: rel32 with a PC-relative relocation against no symbol, as GNU as emits it.
      if (prefix.length) sec.emitBytes(prefix);
      sec.emitBytes(CALL_OPCODE);
      const at = sec.reserve(4);
      writeInt(sec.buf, at, 4, 0n);
      sec.fixups.push({
        frag: sec.current, offset: at - sec.current.start, size: 4, value: v, pcrel: true, pcEnd: 4, branch: true,
        code64: this.bits === 64, signedness: "signed", span: s.span, deferred: undefined,
      });
      return;
    }
    if (cc !== undefined) {
      sec.emitBytes(prefix);
      sec.closeFrag({ kind: "branch", cc, target: target.sym, addend: target.addend, prefix, long: false, code64: this.bits === 64, span: s.span }, 2);
      return;
    }
    let opcode: readonly number[];
    let size: 1 | 4 = 4;
    if (m === "call" || m === "callq" || m === "calll") opcode = CALL_OPCODE;
    else if (m === "xbegin") opcode = XBEGIN_OPCODE;
    else {
      size = 1;
      const loops: Record<string, number[]> = {
        loop: [0xe2], loopl: [0xe2], loopq: [0xe2], loope: [0xe1], loopz: [0xe1], loopne: [0xe0], loopnz: [0xe0],
        jrcxz: this.bits === 64 ? [0xe3] : [],
        jecxz: this.bits === 64 ? [0x67, 0xe3] : [0xe3],
        jcxz: this.bits === 64 ? [] : [0x67, 0xe3],
      };
      const o = loops[m];
      if (!o || o.length === 0) throw new DiagnosticError([error("A030", `\`${m}\` is not valid in ${this.bits}-bit mode`, s.mnemonicSpan)]);
      opcode = o;
    }
    const start = sec.len;
    if (prefix.length) sec.emitBytes(prefix);
    sec.emitBytes(opcode);
    const at = sec.reserve(size);
    writeInt(sec.buf, at, size, 0n);
    if (size === 4 && templateExpr(op.disp!)) {
      // `call sym` is remembered: its bytes do not depend on where the symbol is.
      this.constantStart = start;
      const field: FieldTemplate = { expr: op.disp!, offset: at - start, size, pcrel: true, pcEnd: size, branch: true, signedness: "signed" };
      this.lineTemplate = { col: s.span.col, length: s.span.length ?? 1, fields: [field] };
    }
    // `v` is the target plus the addend already (values are never modified, so it can be kept).
    const value: Value = v;
    sec.fixups.push({
      frag: sec.current,
      offset: at - sec.current.start,
      size,
      value,
      pcrel: true,
      pcEnd: size,
      branch: size === 4,
      code64: this.bits === 64,
      signedness: "signed",
      span: s.span,
      deferred: undefined,
    });
  }
}

/** The condition code of each relaxable jump mnemonic (`jne`, `jnz`, …), −1 for `jmp`. */
const JUMPS: ReadonlyMap<string, number> = new Map([
  ["jmp", -1], ["jmpq", -1], ["jmpl", -1],
  ...Object.entries(conditionCodes).map(([cc, n]): [string, number] => ["j" + cc, n]),
]);

/** The prefix bytes of a branch written without prefixes (never written to). */
const NO_BYTES: number[] = [];
const CALL_OPCODE: readonly number[] = [0xe8];
const XBEGIN_OPCODE: readonly number[] = [0xc7, 0xf8];

/** What the encoder is told about a value not known yet (one object for all of them). */
const UNKNOWN: Known = { known: false };

/**
 * Whether a line can start with a mnemonic: its first non-blank character is a letter or `_`. The
 * others (directives, numeric labels, `.L` labels, blank lines) need not be looked up in the line
 * cache, and hashing a line is what a lookup costs.
 */
function mayBeInstruction(text: string): boolean {
  let i = 0;
  let c = text.charCodeAt(0);
  while (c === 32 || c === 9) c = text.charCodeAt(++i);
  c |= 0x20;
  return (c >= 97 && c <= 122) || c === 0x7f; // 0x7f: `_` (0x5f) with the 0x20 bit set
}

/** Whether every operand is a register or an expression a line template may keep (see line-cache.ts). */
function templateOperands(ops: readonly Operand[]): boolean {
  for (const op of ops) {
    const e = op.kind === "imm" ? op.expr : op.kind === "mem" ? op.disp : undefined;
    if (e !== undefined && !templateExpr(e)) return false;
  }
  return true;
}

/** Whether every operand is a register or a constant expression (nothing that names a symbol or `.`). */
function constantOperands(ops: readonly Operand[]): boolean {
  for (const op of ops) {
    const e = op.kind === "imm" ? op.expr : op.kind === "mem" ? op.disp : undefined;
    if (e !== undefined && !constantExpr(e)) return false;
  }
  return true;
}

/** The value of a number or a negated number (`$-8`), else undefined. */
function plainNumber(e: Expr): bigint | undefined {
  if (e.kind === "num") return e.value;
  if (e.kind === "unary" && e.op === "-" && e.arg.kind === "num") return -e.arg.value;
  return undefined;
}

function constantExpr(e: Expr): boolean {
  switch (e.kind) {
    case "num": return true;
    case "unary": return constantExpr(e.arg);
    case "binary": return constantExpr(e.left) && constantExpr(e.right);
    default: return false;
  }
}

/** Whether evaluating `e` would read `target`'s own definition (through equates and kept expressions). */
function exprReaches(e: Expr, target: Sym, depth: number): boolean {
  switch (e.kind) {
    case "sym": {
      const s = e.sym;
      return s !== undefined && symReaches(s, target, depth);
    }
    case "unary":
      return exprReaches(e.arg, target, depth);
    case "binary":
      return exprReaches(e.left, target, depth) || exprReaches(e.right, target, depth);
    default:
      return false;
  }
}

function valueReaches(v: Value, target: Sym): boolean {
  for (const t of v.terms) if (symReaches(t.sym, target, 0)) return true;
  return false;
}

function symReaches(s: Sym, target: Sym, depth: number): boolean {
  if (s === target) return true;
  // Deeper chains than GNU follows are cut off by the evaluator's own limit.
  if (depth > 64) return false;
  const d = s.def;
  if (d.kind === "expr") return exprReaches(d.expr, target, depth + 1);
  if (d.kind === "equate") {
    for (const t of d.value.terms) if (symReaches(t.sym, target, depth + 1)) return true;
  }
  return false;
}

function markReferenced(s: Sym): void {
  s.referenced = true;
}

export function isCondDirective(name: string): boolean {
  return name.startsWith(".if") || name === ".else" || name === ".elseif" || name === ".endif";
}

/** A memory operand with a base, index or segment: `jmp (%rax)` is not a direct branch. */
function isAddressing(op: Operand): boolean {
  return op.kind === "mem" && (op.base !== undefined || op.index !== undefined || op.seg !== undefined || op.star || op.disp === undefined);
}

function branchTarget(v: Value): { sym: Sym; addend: bigint } | undefined {
  if (v.terms.length === 1 && v.terms[0]!.k === 1n) return { sym: v.terms[0]!.sym, addend: v.c };
  return undefined;
}

/** Writes the low `size` bytes of `v` little-endian (two's complement). */
export function writeInt(buf: Uint8Array, at: number, size: number, v: bigint): void {
  writeLE(buf, at, size, v);
}

export { Frag };

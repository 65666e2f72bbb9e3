/**
 * Layout and relaxation. After the source is read, every frag's variable part gets its size:
 *
 * 1. A branch whose target is not a label of the same section (or is weak) is long from the start and
 *    gets its relocation when it is converted — after all other fixups, as in GNU as.
 * 2. All other branches start short; alignment, `.org` and deferred `.skip` are sized from the current
 *    addresses; any short branch out of reach grows long; repeat until nothing changes. Sizes only
 *    grow for branches, so this ends; a bound stops pathological `.org`/`.skip` oscillation.
 * 3. Each section's image is made: its fixed bytes, and each variable part written out in place
 *    (branch opcodes, NOPs, fill bytes). In place, not in a buffer per frag: a kernel file has one
 *    variable part for every ten lines, and an ArrayBuffer each cost more than writing it.
 */
import { DiagnosticError, error, type Diagnostic } from "../diag/diagnostic.js";
import { STB_WEAK } from "../obj/elf.js";
import { fillAlignNops, fillNops } from "../isa/nops.js";
import type { Assembler } from "./assembler.js";
import { fold, tryEvaluate } from "./eval.js";
import { fragAddress, type Frag, type Section } from "./section.js";
import type { Sym } from "./symbols.js";
import { addScaled, symbolValue } from "./value.js";

/** The label a branch target resolves to, through equates (`.set alias, label`). */
export function labelOf(sym: Sym): { sym: Sym; extra: bigint } | undefined {
  let s = sym;
  let extra = 0n;
  for (let i = 0; i < 32; i++) {
    const d = s.def;
    if (d.kind === "label") return { sym: s, extra };
    if (d.kind === "equate" && d.value.terms.length === 1 && d.value.terms[0]!.k === 1n) {
      extra += d.value.c;
      s = d.value.terms[0]!.sym;
      continue;
    }
    return undefined;
  }
  return undefined;
}

export function symAddress(sym: Sym): number {
  const d = sym.def;
  if (d.kind !== "label") throw new Error("not a label");
  return d.frag.address + d.offset;
}

function longSize(cc: number): number {
  return cc < 0 ? 5 : 6;
}

export function layout(asm: Assembler): void {
  for (const sec of asm.sections) {
    for (const f of sec.frags) {
      const v = f.var;
      if (v?.kind !== "branch") continue;
      const t = labelOf(v.target);
      const relaxable = t !== undefined && t.sym.def.kind === "label" && t.sym.def.frag.section === sec && v.target.bind !== STB_WEAK && t.sym.bind !== STB_WEAK;
      if (!relaxable) {
        v.long = true;
        f.varSize = longSize(v.cc);
      }
    }
  }
  const errors: Diagnostic[] = [];
  for (const sec of asm.sections) placeSection(sec);
  for (let pass = 0; ; pass++) {
    let changed = false;
    for (const sec of asm.sections) if (sizeSection(asm, sec, errors, pass === 99)) changed = true;
    if (!changed) break;
    if (pass >= 100) {
      errors.push(error("A027", "layout does not converge (`.org`/`.skip` sizes keep changing)"));
      break;
    }
  }
  if (errors.length) throw new DiagnosticError(errors);
  for (const sec of asm.sections) sec.image = sectionImage(sec);
}

/** The section's bytes as laid out. */
function sectionImage(sec: Section): Uint8Array {
  const frags = sec.frags;
  const last = frags[frags.length - 1]!;
  const out = new Uint8Array(last.address + last.fixedSize + last.varSize);
  const buf = sec.buf;
  for (let i = 0; i < frags.length; i++) {
    const f = frags[i]!;
    // Most fixed parts are a few bytes: a loop beats set() on a subarray made for each.
    const n = f.end - f.start;
    if (n > 32) out.set(buf.subarray(f.start, f.end), f.address);
    else for (let j = 0; j < n; j++) out[f.address + j] = buf[f.start + j]!;
    if (f.var) convert(f, out, f.address + n);
  }
  return out;
}

/** Gives each frag its address from the current sizes. */
function placeSection(sec: Section): void {
  let addr = 0;
  for (const f of sec.frags) {
    f.address = addr;
    addr += f.fixedSize + f.varSize;
  }
}

/**
 * One relaxation pass over a section: new sizes from the current addresses (of every section, so that
 * forward and cross-section references see this pass's layout). Returns whether any size changed.
 *
 * A size that changes moves every later frag of the section, and the rest of the pass must see the
 * move. Re-placing the section after each change would make a pass quadratic in the number of frags,
 * so the move is kept as one running `relaxShift`: each frag takes it as the pass reaches it, and
 * `fragAddress` adds it for the frags not reached yet (targets of forward branches, labels in `.org`
 * and `.skip` expressions).
 */
function sizeSection(asm: Assembler, sec: Section, errors: Diagnostic[], last: boolean): boolean {
  let changed = false;
  const frags = sec.frags;
  sec.relaxShift = 0;
  try {
    for (let i = 0; i < frags.length; i++) {
      const f = frags[i]!;
      sec.relaxAt = i;
      f.address += sec.relaxShift;
      const v = f.var;
      if (!v) continue;
      const addr = f.address + f.fixedSize;
      let size = f.varSize;
      switch (v.kind) {
        case "branch":
          if (!v.long) {
            const t = labelOf(v.target)!;
            const d = t.sym.def as Extract<Sym["def"], { kind: "label" }>;
            const target = fragAddress(d.frag) + d.offset + Number(t.extra + v.addend);
            const disp = target - (addr + 2);
            if (disp < -128 || disp > 127) {
              v.long = true;
              size = longSize(v.cc);
            } else size = 2;
          } else size = longSize(v.cc);
          break;
        case "align": {
          const pad = (v.align - (addr % v.align)) % v.align;
          size = pad > v.max ? 0 : pad;
          break;
        }
        case "org": {
          const target = sectionConstant(asm, v.target, v.dot, errors, v.span, ".org", sec);
          if (target === undefined) size = 0;
          else if (target < addr) {
            if (last) errors.push(error("A027", `.org would move the location counter backwards (to ${target}, at ${addr})`, v.span));
            size = 0;
          } else size = target - addr;
          break;
        }
        case "space": {
          const n = sectionConstant(asm, v.count, v.dot, errors, v.span, "size");
          const unit = v.unit === "nop" ? 1 : v.unit.length;
          size = n === undefined || n < 0 ? 0 : n * unit;
          break;
        }
      }
      if (size !== f.varSize) {
        // Later frags of this section move now, so that the rest of this pass sees it.
        sec.relaxShift += size - f.varSize;
        f.varSize = size;
        changed = true;
      }
    }
  } finally {
    sec.relaxAt = Number.MAX_SAFE_INTEGER;
    sec.relaxShift = 0;
  }
  return changed;
}

/** Evaluates a deferred count at the section level; must be a constant then. */
function sectionConstant(
  asm: Assembler, e: import("./ast.js").Expr, dot: Sym, errors: Diagnostic[], span: import("../diag/diagnostic.js").SourceSpan, what: string,
  /** For `.org`: the value is an offset in this section, so `label + k` counts from its start. */
  relativeTo?: Section,
): number | undefined {
  let v = tryEvaluate(e, { symbols: asm.symbols, level: "section", dot: () => dot });
  if (v === undefined) {
    pushOnce(errors, error("A011", `${what} is not a constant expression`, span));
    return undefined;
  }
  if (relativeTo) v = addScaled(v, symbolValue(relativeTo.sym), -1n);
  const c = fold(v, "section");
  if (c === undefined) {
    pushOnce(errors, error("A011", `${what} is not a constant expression (symbols from different sections or undefined)`, span));
    return undefined;
  }
  return Number(c);
}

function pushOnce(errors: Diagnostic[], d: Diagnostic): void {
  if (!errors.some((x) => x.message === d.message && x.span?.line === d.span?.line)) errors.push(d);
}

/** Writes a frag's variable part into the section's image at `at`. */
function convert(f: Frag, out: Uint8Array, at: number): void {
  const v = f.var!;
  const size = f.varSize;
  const end = at + size;
  switch (v.kind) {
    case "branch": {
      if (size === 2) {
        const t = labelOf(v.target)!;
        out[at] = v.cc < 0 ? 0xeb : 0x70 + v.cc;
        out[at + 1] = (symAddress(t.sym) + Number(t.extra + v.addend) - end) & 0xff;
        break;
      }
      let field: number;
      if (v.cc < 0) {
        out[at] = 0xe9;
        field = 1;
      } else {
        out[at] = 0x0f;
        out[at + 1] = 0x80 + v.cc;
        field = 2;
      }
      const t = labelOf(v.target);
      const relaxed = t !== undefined && t.sym.def.kind === "label" && t.sym.def.frag.section === f.section && v.target.bind !== STB_WEAK && t.sym.bind !== STB_WEAK;
      if (relaxed) {
        const d = symAddress(t.sym) + Number(t.extra + v.addend) - end;
        for (let j = 0; j < 4; j++) out[at + field + j] = (d >> (8 * j)) & 0xff;
      } else {
        f.section.lateFixups.push({
          frag: f,
          offset: f.fixedSize + field,
          size: 4,
          value: { c: v.addend, terms: [{ sym: v.target, k: 1n }] },
          pcrel: true,
          pcEnd: 4,
          branch: true,
          code64: v.code64,
          signedness: "signed",
          span: v.span,
          deferred: undefined,
        });
      }
      break;
    }
    case "align":
      if (v.fill === "nop") fillAlignNops(out, at, size);
      else out.fill(v.fill[0]!, at, end);
      break;
    case "org":
      out.fill(v.fill, at, end);
      break;
    case "space":
      if (v.unit === "nop") fillNops(out, at, size, v.nopLimit);
      else for (let i = 0; i < size; i++) out[at + i] = v.unit[i % v.unit.length]!;
      break;
  }
}

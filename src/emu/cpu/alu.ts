/**
 * The integer ALU group: ADD, ADC, SUB, SBB, AND, OR, XOR, CMP, TEST, INC, DEC, NEG, NOT.
 *
 * 64-bit operands are added over int32 halves: the low halves as unsigned numbers (the sum, below
 * 2^33, is exact in a double), whose carry goes into the high halves. Flags are lazy (`flags.ts`): the
 * instruction records its operands and result, and only a reader computes CF/OF/…; 8- and 16-bit
 * results are recorded unmasked and the operands zero-extended.
 *
 * Order, for a memory destination: read, compute, write (which may fault), and only then the flags —
 * a fault leaves the flags of before the instruction.
 */
import { Mnemonic } from "iced-x86";
import type { Op } from "./decode.js";
import type { Gen } from "./emit.js";
import { CF, K_ADC, K_ADD, K_DEC, K_INC, K_LOGIC, K_SBB, K_SUB, lazyKind } from "./flags.js";
import type { OpDef } from "./translate.js";

type Arith = "add" | "adc" | "sub" | "sbb" | "and" | "or" | "xor";

const KIND: Record<Arith, number> = { add: K_ADD, adc: K_ADC, sub: K_SUB, sbb: K_SBB, and: K_LOGIC, or: K_LOGIC, xor: K_LOGIC };
const LOGIC_OP: Partial<Record<Arith, string>> = { and: "&", or: "|", xor: "^" };

/** Emits `r` (and `rh`) = a op b for `size`; `ci` names the carry-in local for ADC/SBB. */
function compute(g: Gen, f: Arith, size: number): void {
  const lop = LOGIC_OP[f];
  if (size === 8) {
    if (lop) g.line(`const r=a${lop}b,rh=ah${lop}bh;`);
    else if (f === "add" || f === "adc") g.line(`const t=(a>>>0)+(b>>>0)${f === "adc" ? "+ci" : ""},r=t|0,rh=(ah+bh+(t>4294967295?1:0))|0;`);
    else g.line(`const t=(a>>>0)-(b>>>0)${f === "sbb" ? "-ci" : ""},r=t|0,rh=(ah-bh-(t<0?1:0))|0;`);
    return;
  }
  const fix = size === 4 ? "|0" : "";
  if (lop) g.line(`const r=a${lop}b;`);
  else if (f === "add") g.line(`const r=(a+b)${fix};`);
  else if (f === "adc") g.line(`const r=(a+b+ci)${fix};`);
  else if (f === "sub") g.line(`const r=(a-b)${fix};`);
  else g.line(`const r=(a-b-ci)${fix};`);
}

function binary(f: Arith, store: boolean): OpDef {
  return {
    lazy: true,
    emit(g: Gen, op: Op) {
      const d = op.o[0]!;
      const s = op.o[1]!;
      const size = d.size;
      g.rd(d, "a");
      g.rd(s, "b", size);
      if (f === "adc" || f === "sbb") g.line(`const ci=${g.cf()};`);
      compute(g, f, size);
      if (store) g.wr(d, "r", "rh");
      const w = size === 8;
      g.lazy(lazyKind(KIND[f], size), "r", w ? "rh" : "0", "a", w ? "ah" : "0", "b", w ? "bh" : "0", f === "adc" || f === "sbb" ? "ci" : undefined);
    },
  };
}

/** INC and DEC keep CF: it is read before and recorded with the rest (F[7]). */
function incdec(dec: boolean): OpDef {
  return {
    lazy: true,
    reads: CF,
    emit(g, op) {
      const d = op.o[0]!;
      const size = d.size;
      g.rd(d, "a");
      const live = g.flagsLive;
      if (live) g.line(`const ci=${g.cf()};`);
      if (size === 8) {
        if (dec) g.line(`const t=(a>>>0)-1,r=t|0,rh=(ah-(t<0?1:0))|0;`);
        else g.line(`const t=(a>>>0)+1,r=t|0,rh=(ah+(t>4294967295?1:0))|0;`);
      } else {
        g.line(`const r=(a${dec ? "-" : "+"}1)${size === 4 ? "|0" : ""};`);
      }
      g.wr(d, "r", "rh");
      const w = size === 8;
      g.lazy(lazyKind(dec ? K_DEC : K_INC, size), "r", w ? "rh" : "0", "a", w ? "ah" : "0", "1", "0", "ci");
    },
  };
}

const neg: OpDef = {
  lazy: true,
  emit(g, op) {
    const d = op.o[0]!;
    const size = d.size;
    g.rd(d, "a");
    if (size === 8) g.line(`const t=0-(a>>>0),r=t|0,rh=(0-ah-(t<0?1:0))|0;`);
    else g.line(`const r=(-a)${size === 4 ? "|0" : ""};`);
    g.wr(d, "r", "rh");
    // NEG is 0 - a: a SUB whose first operand is zero.
    g.lazy(lazyKind(K_SUB, size), "r", size === 8 ? "rh" : "0", "0", "0", "a", size === 8 ? "ah" : "0");
  },
};

const not: OpDef = {
  emit(g, op) {
    const d = op.o[0]!;
    g.rd(d, "a");
    if (d.size === 8) g.wr(d, "~a", "~ah");
    else g.wr(d, "~a");
  },
};

export const aluOps: ReadonlyArray<[Mnemonic, OpDef]> = [
  [Mnemonic.Add, binary("add", true)],
  [Mnemonic.Adc, binary("adc", true)],
  [Mnemonic.Sub, binary("sub", true)],
  [Mnemonic.Sbb, binary("sbb", true)],
  [Mnemonic.And, binary("and", true)],
  [Mnemonic.Or, binary("or", true)],
  [Mnemonic.Xor, binary("xor", true)],
  [Mnemonic.Cmp, binary("sub", false)],
  [Mnemonic.Test, binary("and", false)],
  [Mnemonic.Inc, incdec(false)],
  [Mnemonic.Dec, incdec(true)],
  [Mnemonic.Neg, neg],
  [Mnemonic.Not, not],
];

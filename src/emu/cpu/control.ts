/**
 * Near control transfers: JMP, Jcc, CALL, RET, LOOP/LOOPE/LOOPNE, JRCXZ/JECXZ. Each ends its block and
 * returns the next RIP, which the run loop looks up (through the block's successor links).
 *
 * A target that is not canonical raises #GP(0) on the branch itself, before anything is pushed or
 * popped; RET reads the return address and checks it before RSP moves. 66-prefixed near branches are
 * taken as 64-bit (Intel ignores the prefix in 64-bit mode). Far transfers are in `system.ts`.
 */
import { Mnemonic } from "iced-x86";
import { OK, type Op } from "./decode.js";
import { Gen, numLit } from "./emit.js";
import { farCall, farJmp } from "./system.js";
import type { OpDef } from "./translate.js";

const indirect = (op: Op) => op.o.length > 0;
const mayFault = (op: Op) => indirect(op) || Number.isNaN(op.target);
/** A far transfer through memory (m16:64 / m16:32): the operand is 10 or 6 bytes. */
const isFar = (op: Op) => op.o.length > 0 && op.o[0]!.k === OK.Mem && (op.o[0]!.size === 10 || op.o[0]!.size === 6 || op.o[0]!.size === 4);

/** Reads an indirect target into `t` (checked canonical). */
function indirectTarget(g: Gen, op: Op): void {
  g.rd(op.o[0]!, "v", 8);
  g.line(`const t=TGT(vh,v);`);
}

const jmp: OpDef = {
  ends: true, // unless the translator follows it (op.follow)
  faults: mayFault,
  emit(g, op) {
    if (isFar(op)) return farJmp(g, op);
    if (op.follow) return; // the block continues at the target
    if (!indirect(op)) return g.branch("true", op);
    indirectTarget(g, op);
    g.ret("t");
  },
};

const jcc: OpDef = {
  ends: true,
  faults: mayFault,
  emit(g, op) {
    g.branch(g.cond(op.cc), op);
  },
};

const call: OpDef = {
  ends: true,
  faults: true,
  emit(g, op) {
    if (isFar(op)) return farCall(g, op);
    const [lo, hi] = Gen.halves(op.next);
    if (indirect(op)) {
      indirectTarget(g, op);
      g.push(8, lo, hi);
      return g.ret("t");
    }
    if (Number.isNaN(op.target)) return g.ret("CANFAIL(false)");
    g.push(8, lo, hi);
    if (op.follow) return; // the block continues with the callee
    g.ret(numLit(op.target));
  },
};

const ret: OpDef = {
  ends: true,
  faults: true,
  emit(g, op) {
    const extra = op.o.length > 0 && op.o[0]!.k === OK.Imm ? op.o[0]!.lo & 0xffff : 0;
    const sp = g.popSlot();
    g.line(`const v=R64(${sp}),t=TGT(T[0],v);`);
    g.setRsp(`${sp}+${8 + extra}`);
    if (!Number.isNaN(op.predict)) {
      // The block went on at the return address of the call it followed: check the guess.
      g.line(`if(t!==${numLit(op.predict)}){`);
      g.exitHere("t");
      g.line(`}`);
      return;
    }
    g.ret("t");
  },
};

/** LOOP, LOOPE, LOOPNE: RCX (ECX with an address-size prefix) - 1, no flags; branch while non-zero. */
function loop(withCond: boolean): OpDef {
  return {
    ends: true,
    faults: mayFault,
    emit(g, op) {
      if (op.asize === 8) g.line(`const t=(L[1]>>>0)-1,l=t|0,h=(H[1]-(t<0?1:0))|0;L[1]=l;H[1]=h;const nz=(l|h)!==0;`);
      else g.line(`const l=(L[1]-1)|0;L[1]=l;H[1]=0;const nz=l!==0;`);
      g.branch(withCond ? `nz&&${g.cond(op.cc)}` : "nz", op);
    },
  };
}

function jcxz(wide: boolean): OpDef {
  return {
    ends: true,
    faults: mayFault,
    emit(g, op) {
      g.branch(wide ? `(L[1]|H[1])===0` : `L[1]===0`, op);
    },
  };
}

const jccMnemonics: Mnemonic[] = ["o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"].map(
  (cc) => (Mnemonic as unknown as Record<string, Mnemonic>)[`J${cc}`]!,
);

export const controlOps: ReadonlyArray<[Mnemonic, OpDef]> = [
  [Mnemonic.Jmp, jmp],
  ...jccMnemonics.map((m): [Mnemonic, OpDef] => [m, jcc]),
  [Mnemonic.Call, call],
  [Mnemonic.Ret, ret],
  [Mnemonic.Loop, loop(false)],
  [Mnemonic.Loope, loop(true)],
  [Mnemonic.Loopne, loop(true)],
  [Mnemonic.Jrcxz, jcxz(true)],
  [Mnemonic.Jecxz, jcxz(false)],
];

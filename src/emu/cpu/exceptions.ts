/**
 * Exception delivery through the 64-bit IDT (SDM vol. 3, §6.14), for the one privilege level the core
 * runs at:
 *
 *   - the gate: 16 bytes at IDTR.base + 16·vector, within IDTR.limit (else #GP(vector·8 + 2 + EXT)),
 *     an interrupt (0xE) or trap (0xF) gate (else #GP(same)), present (else #NP(same));
 *   - the stack: the current RSP, or the TSS's IST entry when the gate names one, aligned down to 16;
 *   - the frame: SS, RSP, RFLAGS, CS, RIP, then the error code for #DF, #TS, #NP, #SS, #GP, #PF, #AC;
 *   - then CS from the gate, RIP = the gate's offset; TF, NT, RF cleared, and IF for interrupt gates.
 *
 * A fault while delivering is handled as the SDM's table 6-5 says: a contributory fault (#DE, #TS, #NP,
 * #SS, #GP) or #PF during a contributory one, or either during a #PF, becomes #DF; a fault during #DF
 * is a triple fault, which ends the run (a real machine would reset). Other combinations deliver the
 * second exception instead.
 *
 * With no IDT (limit 0, as in raw mode) an exception ends the run with `{ kind: "exception" }`, vector,
 * error code and the RIP of the instruction that raised it.
 */
import type { Stop } from "../platform.js";
import type { Cpu } from "./cpu.js";
import { toU64 } from "./values.js";
import { DE, DF_VEC, Fault, GP, NP, PF_VEC, SS, TS, hasErrorCode, vectorName } from "./fault.js";
import { IF, NT, RF, TF, materialize } from "./flags.js";
import { canonical } from "./mmu.js";

type Class = "benign" | "contributory" | "pf" | "df";

function classOf(v: number): Class {
  if (v === DE || v === TS || v === NP || v === SS || v === GP) return "contributory";
  if (v === PF_VEC) return "pf";
  if (v === DF_VEC) return "df";
  return "benign";
}

/**
 * Delivers `f`, raised by the instruction at `faultRip`; `returnRip` is what the frame saves (the same
 * for faults, the next instruction for traps). Returns a Stop when the run must end.
 */
export function deliver(c: Cpu, f: Fault, faultRip: number, returnRip: number): Stop | undefined {
  let cur = f;
  for (;;) {
    c.counters.exceptions[cur.vector]!++;
    if (cur.vector === PF_VEC) c.cr2 = cur.address;
    if (c.idtLimit === 0) {
      const stop: Stop = { kind: "exception", vector: cur.vector, rip: toU64(faultRip), reason: cur.reason || vectorName(cur.vector) };
      if (cur.errorCode !== undefined) stop.errorCode = cur.errorCode;
      c.pc = faultRip;
      return stop;
    }
    try {
      pushFrame(c, cur, returnRip);
      c.hooks.onException?.(cur.vector, cur.errorCode, toU64(returnRip));
      return undefined;
    } catch (e) {
      if (!(e instanceof Fault)) throw e;
      const first = classOf(cur.vector);
      const second = classOf(e.vector);
      if (first === "df" && (second === "contributory" || second === "pf")) {
        c.pc = faultRip;
        return { kind: "triple-fault", rip: toU64(faultRip), reason: `${vectorName(e.vector)} while delivering #DF (after ${vectorName(f.vector)})` };
      }
      const double = (first === "contributory" && second === "contributory") || (first === "pf" && (second === "contributory" || second === "pf"));
      cur = double ? new Fault(DF_VEC, 0, 0, false, `${vectorName(e.vector)} while delivering ${vectorName(cur.vector)}`) : e;
      // The second exception is a fault of the instruction that raised the first (even for INT n).
      returnRip = faultRip;
    }
  }
}

/** Reads the gate, builds the frame, and switches to the handler. Throws the fault delivery runs into. */
function pushFrame(c: Cpu, f: Fault, returnRip: number): void {
  const m = c.mmu;
  const v = f.vector;
  // Error code of a bad gate: the IDT bit (2) and EXT (1) unless a software INT n / INT3 raised it.
  const gateErr = v * 8 + 2 + (f.trap ? 0 : 1);
  if (v * 16 + 15 > c.idtLimit) throw new Fault(GP, gateErr, 0, false, `vector ${v} beyond the IDT limit`);
  const g = c.idtBase + v * 16;
  const w0 = m.r32(g);
  const w1 = m.r32(g + 4);
  const w2 = m.r32(g + 8);
  const type = (w1 >>> 8) & 0xf;
  // The type is checked before the present bit (an all-zero gate is #GP, not #NP).
  if (type !== 0xe && type !== 0xf) throw new Fault(GP, gateErr, 0, false, `IDT gate ${v} is not a 64-bit interrupt or trap gate`);
  if ((w1 & 0x8000) === 0) throw new Fault(NP, gateErr, 0, false, `IDT gate ${v} not present`);
  const selector = (w0 >>> 16) & 0xffff;
  const offLo = ((w0 & 0xffff) | (w1 & 0xffff0000)) >>> 0;
  const handler = canonical(w2 * 4294967296 + offLo, false);
  const ist = w1 & 7;
  let rsp: number;
  if (ist !== 0) {
    if (c.trLimit < 0x24 + ist * 8 - 1) throw new Fault(TS, c.trSel & 0xfffc, 0, false, "IST entry beyond the TSS limit");
    const p = c.trBase + 0x24 + (ist - 1) * 8;
    const lo = m.r32(p);
    const hi = m.r32(p + 4);
    rsp = canonical(hi * 4294967296 + (lo >>> 0), true);
  } else {
    rsp = canonical(c.H[4]! * 4294967296 + (c.L[4]! >>> 0), true);
  }
  const oldRsp = c.H[4]! * 4294967296 + (c.L[4]! >>> 0);
  const rflags = materialize(c);
  rsp -= ((rsp % 16) + 16) % 16; // 64-bit delivery aligns the new stack to 16 bytes
  const words: number[] = [c.seg[2]!, oldRsp, rflags, c.seg[1]!, returnRip];
  if (hasErrorCode(v) && !f.trap) words.push(f.errorCode ?? 0);
  let sp = rsp;
  for (const w of words) {
    sp = canonical(sp - 8, true);
    m.w64(sp, w | 0, Math.floor(w / 4294967296) | 0);
  }
  // Committed: the handler runs.
  c.L[4] = sp | 0;
  c.H[4] = Math.floor(sp / 4294967296) | 0;
  c.seg[1] = selector;
  c.rf = rflags & ~(TF | NT | RF | (type === 0xe ? IF : 0));
  c.pc = handler;
}

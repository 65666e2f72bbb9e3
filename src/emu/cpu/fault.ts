/**
 * An exception raised by an instruction: thrown (as a plain object, not an `Error`: no stack trace to
 * capture) from wherever it is detected — a memory access, a divide, a system instruction — and caught
 * by the run loop, which knows which instruction of the block was executing and delivers it
 * (`exceptions.ts`). Everything an instruction does to registers and flags happens after its last
 * access that can fault, so a caught fault always leaves the state of the instruction's start.
 */

export const DE = 0;
export const DB = 1;
export const BP = 3;
export const UD = 6;
export const DF_VEC = 8;
export const TS = 10;
export const NP = 11;
export const SS = 12;
export const GP = 13;
export const PF_VEC = 14;

/** #PF error code bits. */
export const PFEC_P = 1;
export const PFEC_W = 2;
export const PFEC_RSVD = 8;
export const PFEC_I = 16;

export class Fault {
  constructor(
    readonly vector: number,
    /** Pushed on the handler's stack for #DF, #TS, #NP, #SS, #GP, #PF (and #AC). */
    readonly errorCode: number | undefined,
    /** For #PF: the linear address, which goes into CR2. */
    readonly address = 0,
    /** A trap (INT3, INT n): the saved RIP is the next instruction's. */
    readonly trap = false,
    /** Why, for reports (e.g. "unimplemented instruction rdrand"). */
    readonly reason = "",
  ) {}
}

export function ud(reason = ""): Fault {
  return new Fault(UD, undefined, 0, false, reason);
}

export function gp(code = 0, reason = ""): Fault {
  return new Fault(GP, code, 0, false, reason);
}

export function pf(address: number, code: number): Fault {
  return new Fault(PF_VEC, code, address);
}

/** Whether `vector` pushes an error code when delivered. */
export function hasErrorCode(vector: number): boolean {
  return vector === DF_VEC || vector === TS || vector === NP || vector === SS || vector === GP || vector === PF_VEC || vector === 17 || vector === 21;
}

export const VECTOR_NAMES: readonly string[] = [
  "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "coprocessor segment overrun", "#TS", "#NP", "#SS", "#GP", "#PF",
  "reserved", "#MF", "#AC", "#MC", "#XM", "#VE", "#CP",
];

export function vectorName(v: number): string {
  return VECTOR_NAMES[v] ?? `vector ${v}`;
}

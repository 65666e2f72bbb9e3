/**
 * RFLAGS, computed lazily.
 *
 * Most instructions that write the arithmetic flags (CF, PF, AF, ZF, SF, OF) are followed by another
 * that overwrites them before anything reads them. So the common writers — ADD, ADC, SUB, SBB, CMP,
 * NEG, INC, DEC and the logic group — do not compute flags: they record what they did in `F`, an
 * `Int32Array` (the translated code keeps it in a local):
 *
 *     F[0] kind = op << 2 | size code (0: 8, 1: 16, 2: 32, 3: 64 bits); 0 means "RFLAGS is exact in rf"
 *     F[1] F[2]  result, low and high halves (8/16-bit results are stored unmasked)
 *     F[3] F[4]  first operand a (the destination's old value; 8/16-bit values zero-extended)
 *     F[5] F[6]  second operand b
 *     F[7]       carry in (ADC, SBB) or the CF that INC and DEC keep
 *
 * `materialize` computes the six flags from that record and folds them into `rf` (the other RFLAGS bits
 * — DF, IF, TF… — always live in `rf`). A conditional branch right after the compare that set its
 * flags does not materialize anything: the translator knows the kind and emits the comparison itself
 * (`condExpr`), e.g. `jl` after a 64-bit `cmp` becomes a signed compare of the two halves.
 *
 * Instructions whose flags are rarer or subtler (shifts, rotates, multiply, bit tests) compute them
 * eagerly and write `rf` directly (kind 0). Undefined flags follow Bochs, whose choices model Intel
 * hardware: the logic group clears AF, multiply sets SF/ZF/PF from the low half and clears AF.
 */

export const CF = 0x1;
export const PF = 0x4;
export const AF = 0x10;
export const ZF = 0x40;
export const SF = 0x80;
export const TF = 0x100;
export const IF = 0x200;
export const DF = 0x400;
export const OF = 0x800;
export const NT = 0x4000;
export const RF = 0x10000;
export const AC = 0x40000;
export const ID = 0x200000;
/** The six arithmetic flags. */
export const ARITH = CF | PF | AF | ZF | SF | OF;
/** Bit 1 of RFLAGS reads as 1. */
export const RFLAGS_FIXED = 0x2;
/** Bits POPF and IRET may change at CPL 0 (VM and VIF/VIP stay 0: no virtual-8086 mode). */
export const RFLAGS_WRITABLE = ARITH | TF | IF | DF | NT | 0x3000 /* IOPL */ | RF | AC | ID;

/** Lazy kinds: `op << 2 | sizeCode`. */
export const K_ADD = 1;
export const K_ADC = 2;
export const K_SUB = 3;
export const K_SBB = 4;
export const K_LOGIC = 5;
export const K_INC = 6;
export const K_DEC = 7;

/** 0, 1, 2, 3 for operand sizes 1, 2, 4, 8 bytes. */
export function sizeCode(size: number): number {
  return size === 8 ? 3 : size === 4 ? 2 : size === 2 ? 1 : 0;
}

export function lazyKind(op: number, size: number): number {
  return (op << 2) | sizeCode(size);
}

/** PF for each low byte: 4 when the number of set bits is even. */
export const PARITY: Uint8Array = (() => {
  const t = new Uint8Array(256);
  for (let i = 0; i < 256; i++) {
    let b = 0;
    for (let v = i; v; v >>= 1) b ^= v & 1;
    t[i] = b ? 0 : PF;
  }
  return t;
})();

/** What the flag code needs of the CPU. */
export interface FlagState {
  F: Int32Array;
  rf: number;
}

/** Unsigned 64-bit a < b over halves. */
function ltu64(ah: number, al: number, bh: number, bl: number): boolean {
  const x = ah >>> 0;
  const y = bh >>> 0;
  return x < y || (x === y && al >>> 0 < bl >>> 0);
}

/** Computes the arithmetic flags from the lazy record (without changing state). */
export function arithFlags(F: Int32Array): number {
  const k = F[0]!;
  const op = k >> 2;
  const sz = k & 3;
  let cf: number, of: number, zf: number, sf: number;
  const rl = F[1]!;
  const al = F[3]!;
  const bl = F[5]!;
  const pf = PARITY[rl & 255]!;
  const af = op === K_LOGIC ? 0 : (al ^ bl ^ rl) & AF;
  if (sz === 3) {
    const rh = F[2]!;
    const ah = F[4]!;
    const bh = F[6]!;
    zf = (rl | rh) === 0 ? ZF : 0;
    sf = rh < 0 ? SF : 0;
    switch (op) {
      case K_ADD:
      case K_ADC:
      case K_INC:
        cf = op === K_INC ? F[7]! : ltu64(rh, rl, ah, al) || (op === K_ADC && F[7]! !== 0 && rh === ah && rl === al) ? 1 : 0;
        of = ((ah ^ rh) & (bh ^ rh)) < 0 ? OF : 0;
        break;
      case K_SUB:
      case K_SBB:
      case K_DEC:
        cf = op === K_DEC ? F[7]! : ltu64(ah, al, bh, bl) || (op === K_SBB && F[7]! !== 0 && ah === bh && al === bl) ? 1 : 0;
        of = ((ah ^ bh) & (ah ^ rh)) < 0 ? OF : 0;
        break;
      default:
        cf = 0;
        of = 0;
    }
  } else {
    const n = 8 << sz;
    const m = sz === 2 ? 0xffffffff : (1 << n) - 1;
    const ru = sz === 2 ? rl >>> 0 : rl & m;
    const au = sz === 2 ? al >>> 0 : al & m;
    const bu = sz === 2 ? bl >>> 0 : bl & m;
    zf = ru === 0 ? ZF : 0;
    sf = (ru >>> (n - 1)) & 1 ? SF : 0;
    switch (op) {
      case K_ADD:
        cf = au + bu > m ? 1 : 0;
        of = (((al ^ rl) & (bl ^ rl)) >>> (n - 1)) & 1 ? OF : 0;
        break;
      case K_ADC:
        cf = au + bu + F[7]! > m ? 1 : 0;
        of = (((al ^ rl) & (bl ^ rl)) >>> (n - 1)) & 1 ? OF : 0;
        break;
      case K_INC:
        cf = F[7]!;
        of = (((al ^ rl) & (bl ^ rl)) >>> (n - 1)) & 1 ? OF : 0;
        break;
      case K_SUB:
        cf = au < bu ? 1 : 0;
        of = (((al ^ bl) & (al ^ rl)) >>> (n - 1)) & 1 ? OF : 0;
        break;
      case K_SBB:
        cf = au < bu + F[7]! ? 1 : 0;
        of = (((al ^ bl) & (al ^ rl)) >>> (n - 1)) & 1 ? OF : 0;
        break;
      case K_DEC:
        cf = F[7]!;
        of = (((al ^ bl) & (al ^ rl)) >>> (n - 1)) & 1 ? OF : 0;
        break;
      default:
        cf = 0;
        of = 0;
    }
  }
  return cf | pf | af | zf | sf | of;
}

/** Makes `rf` exact (folds the lazy record in) and returns it. */
export function materialize(c: FlagState): number {
  const F = c.F;
  if (F[0] === 0) return c.rf;
  const rf = (c.rf & ~ARITH) | arithFlags(F);
  c.rf = rf;
  F[0] = 0;
  return rf;
}

/** CF as 0 or 1, computed from the lazy record alone (INC/DEC read it on every execution). */
export function carry(c: FlagState): number {
  const F = c.F;
  const k = F[0]!;
  if (k === 0) return c.rf & CF;
  const op = k >> 2;
  const sz = k & 3;
  switch (op) {
    case K_INC:
    case K_DEC:
      return F[7]!;
    case K_LOGIC:
      return 0;
    case K_ADD:
    case K_SUB:
      if (sz === 3) return (op === K_ADD ? ltu64(F[2]!, F[1]!, F[4]!, F[3]!) : ltu64(F[4]!, F[3]!, F[6]!, F[5]!)) ? 1 : 0;
      if (sz === 2) return (op === K_ADD ? F[1]! >>> 0 < F[3]! >>> 0 : F[3]! >>> 0 < F[5]! >>> 0) ? 1 : 0;
      return (op === K_ADD ? F[1]! > (sz === 1 ? 0xffff : 0xff) : F[3]! < F[5]!) ? 1 : 0;
    default:
      return arithFlags(F) & CF;
  }
}

/** ZF as a boolean, from the lazy record alone. */
function zero(F: Int32Array): boolean {
  const sz = F[0]! & 3;
  return sz === 3 ? (F[1]! | F[2]!) === 0 : sz === 2 ? F[1] === 0 : (F[1]! & (sz === 1 ? 0xffff : 0xff)) === 0;
}

/** SF as a boolean, from the lazy record alone. */
function sign(F: Int32Array): boolean {
  const sz = F[0]! & 3;
  return sz === 3 ? F[2]! < 0 : sz === 2 ? F[1]! < 0 : (F[1]! & (sz === 1 ? 0x8000 : 0x80)) !== 0;
}

/** Evaluates a condition (iced `ConditionCode`: o=1, no=2, b=3, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g=16). */
export function cond(c: FlagState, cc: number): boolean {
  const F = c.F;
  // The common conditions read one flag of the lazy record without computing the others.
  if (F[0] !== 0) {
    const base = (cc - 1) >> 1;
    let r: boolean | undefined;
    if (base === 2) r = zero(F);
    else if (base === 4) r = sign(F);
    else if (base === 1) r = carry(c) !== 0;
    if (r !== undefined) return (cc & 1) === 1 ? r : !r;
  }
  const f = materialize(c);
  let r: boolean;
  switch ((cc - 1) >> 1) {
    case 0: r = (f & OF) !== 0; break;
    case 1: r = (f & CF) !== 0; break;
    case 2: r = (f & ZF) !== 0; break;
    case 3: r = (f & (CF | ZF)) !== 0; break;
    case 4: r = (f & SF) !== 0; break;
    case 5: r = (f & PF) !== 0; break;
    case 6: r = ((f & SF) !== 0) !== ((f & OF) !== 0); break;
    default: r = (f & ZF) !== 0 || ((f & SF) !== 0) !== ((f & OF) !== 0); break;
  }
  return (cc & 1) === 1 ? r : !r;
}

/**
 * The JS expression for condition `cc` when the kind of the last flag writer is known at translation
 * time (`kind` > 0 lazy, 0 exact in `rf`), or `undefined` to fall back to the runtime `cond`.
 */
export function condExpr(kind: number, cc: number): string | undefined {
  const positive = (cc & 1) === 1;
  const base = (cc - 1) >> 1; // 0 o, 1 b, 2 e, 3 be, 4 s, 5 p, 6 l, 7 le
  let e: string | undefined;
  if (kind === 0) {
    const bit = [OF, CF, ZF, CF | ZF, SF, PF][base];
    if (bit !== undefined) e = `(c.rf&${bit})!==0`;
    else if (base === 6) e = `((c.rf&${SF})!==0)!==((c.rf&${OF})!==0)`;
    else e = `((c.rf&${ZF})!==0||((c.rf&${SF})!==0)!==((c.rf&${OF})!==0))`;
  } else {
    const op = kind >> 2;
    const sz = kind & 3;
    const zero = sz === 3 ? `(F[1]|F[2])===0` : sz === 2 ? `F[1]===0` : `(F[1]&${sz === 1 ? 0xffff : 0xff})===0`;
    const sign = sz === 3 ? `F[2]<0` : sz === 2 ? `F[1]<0` : `(F[1]&${sz === 1 ? 0x8000 : 0x80})!==0`;
    if (base === 2) e = zero;
    else if (base === 4) e = sign;
    else if (base === 1 && (op === K_INC || op === K_DEC)) e = `F[7]!==0`;
    else if (base === 1 && op === K_ADD) {
      // r < a, unsigned (8/16-bit results are unmasked: a carry shows above the width).
      if (sz === 3) e = `((F[2]>>>0)<(F[4]>>>0)||(F[2]===F[4]&&(F[1]>>>0)<(F[3]>>>0)))`;
      else if (sz === 2) e = `(F[1]>>>0)<(F[3]>>>0)`;
      else e = `F[1]>${sz === 1 ? 0xffff : 0xff}`;
    } else if (op === K_LOGIC) {
      if (base === 0 || base === 1) e = "false";
      else if (base === 3) e = zero;
      else if (base === 6) e = sign;
      else if (base === 7) e = `(${zero}||${sign})`;
    } else if (op === K_SUB) {
      const ext = sz === 1 ? "<<16>>16" : "<<24>>24";
      if (sz === 3) {
        // a < b over halves: F[3], F[4] hold a; F[5], F[6] hold b.
        const ltu = (a: number, b: number) => `((F[${a + 1}]>>>0)<(F[${b + 1}]>>>0)||(F[${a + 1}]===F[${b + 1}]&&(F[${a}]>>>0)<(F[${b}]>>>0)))`;
        const lts = (a: number, b: number) => `(F[${a + 1}]<F[${b + 1}]||(F[${a + 1}]===F[${b + 1}]&&(F[${a}]>>>0)<(F[${b}]>>>0)))`;
        if (base === 1) e = ltu(3, 5);
        else if (base === 3) e = `!${ltu(5, 3)}`;
        else if (base === 6) e = lts(3, 5);
        else if (base === 7) e = `!${lts(5, 3)}`;
      } else if (sz === 2) {
        if (base === 1) e = `(F[3]>>>0)<(F[5]>>>0)`;
        else if (base === 3) e = `(F[3]>>>0)<=(F[5]>>>0)`;
        else if (base === 6) e = `F[3]<F[5]`;
        else if (base === 7) e = `F[3]<=F[5]`;
      } else {
        if (base === 1) e = `F[3]<F[5]`;
        else if (base === 3) e = `F[3]<=F[5]`;
        else if (base === 6) e = `(F[3]${ext})<(F[5]${ext})`;
        else if (base === 7) e = `(F[3]${ext})<=(F[5]${ext})`;
      }
    }
  }
  if (e === undefined) return undefined;
  return positive ? e : `!(${e})`;
}

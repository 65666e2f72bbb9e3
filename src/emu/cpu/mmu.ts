/**
 * Linear memory access for the translated code, with a translation cache in front of the page walk.
 *
 * Addresses are canonical linear addresses held as JavaScript numbers (the sign-extended 48-bit value:
 * exact in a double), so an address is one number all the way from the effective-address arithmetic to
 * the cache index, never a bigint. The cache is direct-mapped, 1024 entries per kind of access, each
 * entry the linear page number (tag) and the `DataView` of the physical page: a hit costs a floor, a
 * compare and one `DataView` access.
 *
 * Three caches: reads, writes and instruction fetch. The write cache is filled only by a write walk
 * (which sets the dirty bit and checked R/W) and never for a page holding translated code, so a write
 * to code always takes the slow path, which drops the blocks it overlaps. A CR3 write or INVLPG
 * flushes the caches (`flush`).
 *
 * An access that crosses a page boundary takes the slow path and translates both pages before it
 * changes anything, so a fault on the second page leaves memory untouched.
 */
import { Page, PAGE_SIZE, type PhysicalMemory } from "../memory/physical.js";
import { GP, SS, Fault } from "./fault.js";
import { ACC_EXEC, ACC_READ, ACC_WRITE, translate, type PagingState } from "./paging.js";

const TLB_SIZE = 1024;
const TLB_MASK = TLB_SIZE - 1;
const INV_PAGE = 1 / PAGE_SIZE;
/** 2^47: canonical addresses are in [-2^47, 2^47). */
export const CANON = 140737488355328;
const P32 = 4294967296;

export interface MmuHost extends PagingState {
  /** Scratch: the high half of a 64-bit read. */
  T: Int32Array;
}

export interface Mmu {
  r8(a: number): number;
  r16(a: number): number;
  r32(a: number): number;
  /** Returns the low half; the high half is left in `T[0]`. */
  r64(a: number): number;
  w8(a: number, v: number): void;
  w16(a: number, v: number): void;
  w32(a: number, v: number): void;
  w64(a: number, lo: number, hi: number): void;
  /** Checks that `[a, a + len)` may be written (faults if not) without writing. */
  probeWrite(a: number, len: number): void;
  /** The physical page and offset for fetching code at `a` (faults as an instruction fetch). */
  fetch(a: number): { page: Page; off: number };
  /** Drops every cached translation. */
  flush(): void;
  /** Stops writing `page` on the fast path (it now holds translated code). */
  codePageAdded(page: Page): void;
}

/** #GP(0), or #SS(0) for an access through RSP or RBP. */
export function nonCanonical(stack: boolean): Fault {
  return new Fault(stack ? SS : GP, 0, 0, false, "non-canonical address");
}

/** Exact 64-bit sum of base + index·scale + disp over halves, checked canonical: the slow path of `ea`. */
export function eaExact(bh: number, bl: number, ih: number, il: number, scale: number, disp: number, seg: number, stack: boolean): number {
  let h = BigInt(bh) * 4294967296n + BigInt(bl >>> 0);
  h += (BigInt(ih) * 4294967296n + BigInt(il >>> 0)) * BigInt(scale);
  h += BigInt(disp) + BigInt(seg);
  const v = BigInt.asIntN(64, h);
  if (v < -140737488355328n || v >= 140737488355328n) throw nonCanonical(stack);
  return Number(v);
}

/** base + disp (+ segment base) as a canonical linear address, or #GP/#SS. */
export function ea1(bh: number, bl: number, disp: number, seg: number, stack: boolean): number {
  if (((bh + 0x8000) >>> 16) === 0) {
    const v = bh * P32 + (bl >>> 0) + disp + seg;
    if (v >= -CANON && v < CANON) return v;
  }
  return eaExact(bh, bl, 0, 0, 0, disp, seg, stack);
}

/** base + index·scale + disp (+ segment base). */
export function ea2(bh: number, bl: number, ih: number, il: number, scale: number, disp: number, seg: number, stack: boolean): number {
  if ((((bh + 0x8000) | (ih + 0x8000)) >>> 16) === 0) {
    const v = bh * P32 + (bl >>> 0) + (ih * P32 + (il >>> 0)) * scale + disp + seg;
    if (v >= -CANON && v < CANON) return v;
  }
  return eaExact(bh, bl, ih, il, scale, disp, seg, stack);
}

/** A 32-bit effective address (address-size prefix) plus a segment base. */
export function ea32(v: number, seg: number): number {
  const a = (v >>> 0) + seg;
  if (a >= -CANON && a < CANON) return a;
  throw nonCanonical(false);
}

/** A branch target from halves: the canonical address, or #GP(0) (raised by the branch itself). */
export function target(h: number, l: number): number {
  if (((h + 0x8000) >>> 16) === 0) return h * P32 + (l >>> 0);
  throw new Fault(GP, 0, 0, false, "non-canonical branch target");
}

/** Checks a computed address (e.g. RSP ± n) is canonical: `stack` chooses #SS. */
export function canonical(a: number, stack: boolean): number {
  if (a >= -CANON && a < CANON) return a;
  throw nonCanonical(stack);
}

export function createMmu(host: MmuHost, memory: PhysicalMemory): Mmu {
  const T = host.T;
  const dummy = new DataView(new ArrayBuffer(8));
  const rTag = new Float64Array(TLB_SIZE).fill(NaN);
  const rDv: DataView[] = new Array<DataView>(TLB_SIZE).fill(dummy);
  const wTag = new Float64Array(TLB_SIZE).fill(NaN);
  const wDv: DataView[] = new Array<DataView>(TLB_SIZE).fill(dummy);
  const wPage: (Page | null)[] = new Array<Page | null>(TLB_SIZE).fill(null);
  const xTag = new Float64Array(TLB_SIZE).fill(NaN);
  const xPage: (Page | null)[] = new Array<Page | null>(TLB_SIZE).fill(null);

  /** Physical page for reading linear page `p` (fills the read cache). */
  function readPage(p: number, fault: number): Page {
    const t = translate(host, p * PAGE_SIZE, ACC_READ, fault);
    const i = p & TLB_MASK;
    rTag[i] = p;
    rDv[i] = t.page.dv;
    return t.page;
  }

  /** Physical page for writing linear page `p`: faults, and checks for code (does not fill for code pages). */
  function writePage(p: number, fault: number): Page {
    const t = translate(host, p * PAGE_SIZE, ACC_WRITE, fault);
    return t.page;
  }

  /** After a slow-path write check: drop code in range, and cache the page if it holds none. */
  function wrote(p: number, page: Page, off: number, len: number): void {
    if (page.code !== null) memory.touched(page, off, len);
    if (page.code === null) {
      const i = p & TLB_MASK;
      wTag[i] = p;
      wDv[i] = page.dv;
      wPage[i] = page;
    }
  }

  function rByte(a: number): number {
    const p = Math.floor(a * INV_PAGE);
    const i = p & TLB_MASK;
    const o = a - p * PAGE_SIZE;
    if (rTag[i] === p) return rDv[i]!.getUint8(o);
    return readPage(p, a).dv.getUint8(o);
  }

  /** Checks that the last byte of `[a, a + n)` is readable; CR2 is then the first byte of its page. */
  function probeRead(a: number, n: number): void {
    const p = Math.floor((a + n - 1) * INV_PAGE);
    if (rTag[p & TLB_MASK] !== p) readPage(p, Math.max(a, p * PAGE_SIZE));
  }

  /** Reads `n` bytes little-endian (n ≤ 4) across a page boundary; both pages checked first. */
  function rSplit(a: number, n: number): number {
    rByte(a);
    probeRead(a, n);
    let v = 0;
    for (let k = n - 1; k >= 0; k--) v = (v << 8) | rByte(a + k);
    return v;
  }

  /** Writes `n` bytes (n ≤ 8, as halves) across a page boundary, checking both pages before writing. */
  function wSplit(a: number, n: number, lo: number, hi: number): void {
    const p0 = Math.floor(a * INV_PAGE);
    const p1 = Math.floor((a + n - 1) * INV_PAGE);
    const pg0 = writePage(p0, a);
    const pg1 = p1 === p0 ? pg0 : writePage(p1, p1 * PAGE_SIZE);
    for (let k = 0; k < n; k++) {
      const b = k < 4 ? (lo >>> (8 * k)) & 255 : (hi >>> (8 * (k - 4))) & 255;
      const addr = a + k;
      const p = Math.floor(addr * INV_PAGE);
      const page = p === p0 ? pg0 : pg1;
      const off = addr - p * PAGE_SIZE;
      if (page.code !== null) memory.touched(page, off, 1);
      page.u8[off] = b;
    }
  }

  // The slow paths, out of line: the fast paths below stay small enough for TurboFan to inline
  // several of them into one block function.
  function r8s(a: number): number {
    const p = Math.floor(a * INV_PAGE);
    return readPage(p, a).dv.getUint8(a - p * PAGE_SIZE);
  }
  function r16s(a: number): number {
    const p = Math.floor(a * INV_PAGE);
    const o = a - p * PAGE_SIZE;
    return o <= PAGE_SIZE - 2 ? readPage(p, a).dv.getUint16(o, true) : rSplit(a, 2) & 0xffff;
  }
  function r32s(a: number): number {
    const p = Math.floor(a * INV_PAGE);
    const o = a - p * PAGE_SIZE;
    return o <= PAGE_SIZE - 4 ? readPage(p, a).dv.getInt32(o, true) : rSplit(a, 4) | 0;
  }
  function r64s(a: number): number {
    const p = Math.floor(a * INV_PAGE);
    const o = a - p * PAGE_SIZE;
    if (o <= PAGE_SIZE - 8) {
      const dv = readPage(p, a).dv;
      T[0] = dv.getInt32(o + 4, true);
      return dv.getInt32(o, true);
    }
    rByte(a);
    probeRead(a, 8);
    const lo = rSplit(a, 4);
    T[0] = rSplit(a + 4, 4) | 0;
    return lo | 0;
  }
  /** A write that missed the write cache: check, drop code, cache the page, write (or split). */
  function ws(a: number, size: number, lo: number, hi: number): void {
    const p = Math.floor(a * INV_PAGE);
    const o = a - p * PAGE_SIZE;
    if (o > PAGE_SIZE - size) return wSplit(a, size, lo, hi);
    const page = writePage(p, a);
    wrote(p, page, o, size);
    const dv = page.dv;
    if (size === 1) dv.setUint8(o, lo);
    else if (size === 2) dv.setUint16(o, lo, true);
    else if (size === 4) dv.setInt32(o, lo, true);
    else {
      dv.setInt32(o, lo, true);
      dv.setInt32(o + 4, hi, true);
    }
  }

  const mmu: Mmu = {
    r8(a) {
      const p = Math.floor(a * INV_PAGE);
      const i = p & TLB_MASK;
      if (rTag[i] === p) return rDv[i]!.getUint8(a - p * PAGE_SIZE);
      return r8s(a);
    },
    r16(a) {
      const p = Math.floor(a * INV_PAGE);
      const i = p & TLB_MASK;
      const o = a - p * PAGE_SIZE;
      if (rTag[i] === p && o <= PAGE_SIZE - 2) return rDv[i]!.getUint16(o, true);
      return r16s(a);
    },
    r32(a) {
      const p = Math.floor(a * INV_PAGE);
      const i = p & TLB_MASK;
      const o = a - p * PAGE_SIZE;
      if (rTag[i] === p && o <= PAGE_SIZE - 4) return rDv[i]!.getInt32(o, true);
      return r32s(a);
    },
    r64(a) {
      const p = Math.floor(a * INV_PAGE);
      const i = p & TLB_MASK;
      const o = a - p * PAGE_SIZE;
      if (rTag[i] === p && o <= PAGE_SIZE - 8) {
        const dv = rDv[i]!;
        T[0] = dv.getInt32(o + 4, true);
        return dv.getInt32(o, true);
      }
      return r64s(a);
    },
    w8(a, v) {
      const p = Math.floor(a * INV_PAGE);
      const i = p & TLB_MASK;
      if (wTag[i] === p) wDv[i]!.setUint8(a - p * PAGE_SIZE, v);
      else ws(a, 1, v, 0);
    },
    w16(a, v) {
      const p = Math.floor(a * INV_PAGE);
      const i = p & TLB_MASK;
      const o = a - p * PAGE_SIZE;
      if (wTag[i] === p && o <= PAGE_SIZE - 2) wDv[i]!.setUint16(o, v, true);
      else ws(a, 2, v, 0);
    },
    w32(a, v) {
      const p = Math.floor(a * INV_PAGE);
      const i = p & TLB_MASK;
      const o = a - p * PAGE_SIZE;
      if (wTag[i] === p && o <= PAGE_SIZE - 4) wDv[i]!.setInt32(o, v, true);
      else ws(a, 4, v, 0);
    },
    w64(a, lo, hi) {
      const p = Math.floor(a * INV_PAGE);
      const i = p & TLB_MASK;
      const o = a - p * PAGE_SIZE;
      if (wTag[i] === p && o <= PAGE_SIZE - 8) {
        const dv = wDv[i]!;
        dv.setInt32(o, lo, true);
        dv.setInt32(o + 4, hi, true);
      } else ws(a, 8, lo, hi);
    },
    probeWrite(a, len) {
      const p0 = Math.floor(a * INV_PAGE);
      const p1 = Math.floor((a + len - 1) * INV_PAGE);
      if (wTag[p0 & TLB_MASK] !== p0) writePage(p0, a);
      if (p1 !== p0 && wTag[p1 & TLB_MASK] !== p1) writePage(p1, p1 * PAGE_SIZE);
    },
    fetch(a) {
      const p = Math.floor(a * INV_PAGE);
      const i = p & TLB_MASK;
      let page = xTag[i] === p ? xPage[i]! : null;
      if (page === null) {
        page = translate(host, p * PAGE_SIZE, ACC_EXEC, a).page;
        xTag[i] = p;
        xPage[i] = page;
      }
      return { page, off: a - p * PAGE_SIZE };
    },
    flush() {
      rTag.fill(NaN);
      wTag.fill(NaN);
      xTag.fill(NaN);
      wPage.fill(null);
      xPage.fill(null);
    },
    codePageAdded(page) {
      for (let i = 0; i < TLB_SIZE; i++) {
        if (wPage[i] === page) {
          wTag[i] = NaN;
          wPage[i] = null;
        }
      }
    },
  };
  return mmu;
}

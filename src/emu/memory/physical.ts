/**
 * Physical memory: sparse 4 KiB pages, each a `Uint8Array` with a `DataView` over it (the CPU's
 * translation cache keeps the `DataView` of a page and reads and writes through it, unaligned and
 * little-endian, without asking this module again).
 *
 * A page exists when something put it there: the loader (`map`), a raw-mode fill, or — for addresses
 * below `ramSize` — the first touch (RAM that reads as zeros). An access to a page that does not exist
 * is a page fault in the CPU (raw mode relies on this to test precise faults). Physical addresses are
 * plain numbers: 52 bits fit a double exactly.
 *
 * Pages also carry the list of decoded code blocks that were translated from their bytes. A write that
 * lands on such a page drops the blocks whose bytes it overlaps (alternatives patch text at boot); the
 * CPU keeps pages with code out of its write fast path so that no write can miss this check.
 */

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;
export const PAGE_MASK = PAGE_SIZE - 1;

/** A range of a page that a translated block was decoded from: `[start, end)` in page offsets. */
export interface CodeRange {
  start: number;
  end: number;
  /** Called when a write overlaps the range. */
  invalidate(): void;
  /** Cleared by `invalidate`; a range that is no longer valid is pruned on the next write. */
  valid: boolean;
}

export class Page {
  readonly u8: Uint8Array;
  readonly dv: DataView;
  /** Decoded code on this page, or `null` when there is none (the page may then be written fast). */
  code: CodeRange[] | null = null;
  constructor(readonly ppn: number) {
    this.u8 = new Uint8Array(PAGE_SIZE);
    this.dv = new DataView(this.u8.buffer);
  }
}

export interface PhysicalMemoryOptions {
  /** Pages below this physical address are created (zero-filled) on first access. Default 0: none. */
  ramSize?: number;
}

/** Listens for code being written (the CPU drops its blocks and reports `onCodeWrite`). */
export interface CodeWriteListener {
  /** A page gained its first code range: translation caches must stop writing it on the fast path. */
  codePageAdded(page: Page): void;
  /** Bytes `[addr, addr + len)` (physical) overlapping decoded code were written. */
  codeWritten(addr: number, len: number): void;
}

const toNumber = (addr: bigint | number): number => {
  const n = typeof addr === "bigint" ? Number(addr) : addr;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`physical address ${String(addr)} is out of range`);
  return n;
};

export class PhysicalMemory {
  private readonly pages = new Map<number, Page>();
  readonly ramSize: number;
  private readonly listeners: CodeWriteListener[] = [];

  constructor(options: PhysicalMemoryOptions = {}) {
    this.ramSize = options.ramSize ?? 0;
  }

  /** The page with physical page number `ppn`, created if it is RAM; `undefined` if there is none. */
  page(ppn: number): Page | undefined {
    let p = this.pages.get(ppn);
    if (p === undefined && ppn * PAGE_SIZE < this.ramSize) {
      p = new Page(ppn);
      this.pages.set(ppn, p);
    }
    return p;
  }

  /** The page, created if missing (whatever `ramSize` says). */
  ensure(ppn: number): Page {
    let p = this.pages.get(ppn);
    if (p === undefined) {
      p = new Page(ppn);
      this.pages.set(ppn, p);
    }
    return p;
  }

  /** Whether a page exists at `ppn` (RAM pages not touched yet count as existing). */
  has(ppn: number): boolean {
    return this.pages.has(ppn) || ppn * PAGE_SIZE < this.ramSize;
  }

  /** Creates the pages covering `[addr, addr + bytes.length)` and copies `bytes` there (the loader). */
  map(addr: bigint | number, bytes: Uint8Array): void {
    const a = toNumber(addr);
    this.forRange(a, bytes.length, true, (page, off, n, done) => {
      page.u8.set(bytes.subarray(done, done + n), off);
      this.touched(page, off, n);
    });
  }

  /** Creates zero-filled pages covering `[addr, addr + len)` where none exist yet. */
  reserve(addr: bigint | number, len: number): void {
    this.forRange(toNumber(addr), len, true, () => {});
  }

  /** Reads physical bytes; a byte with no page reads as 0. */
  read(addr: bigint | number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    const a = toNumber(addr);
    this.forRange(a, len, false, (page, off, n, done) => out.set(page.u8.subarray(off, off + n), done));
    return out;
  }

  /** Writes physical bytes, creating pages as needed; decoded code over them is dropped. */
  write(addr: bigint | number, bytes: Uint8Array): void {
    this.map(addr, bytes);
  }

  addListener(l: CodeWriteListener): void {
    if (!this.listeners.includes(l)) this.listeners.push(l);
  }

  removeListener(l: CodeWriteListener): void {
    const i = this.listeners.indexOf(l);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  /** Registers decoded code on a page (the CPU's translator). */
  addCode(page: Page, range: CodeRange): void {
    if (page.code === null) {
      page.code = [range];
      for (const l of this.listeners) l.codePageAdded(page);
    } else {
      page.code.push(range);
    }
  }

  /**
   * Bytes `[off, off + len)` of `page` were (or are about to be) written: drops the code over them.
   * Cheap when the page holds no code.
   */
  touched(page: Page, off: number, len: number): void {
    const code = page.code;
    if (code === null) return;
    let hit = false;
    const end = off + len;
    for (const r of code) {
      if (r.valid && r.start < end && off < r.end) {
        r.invalidate();
        hit = true;
      }
    }
    const left = code.filter((r) => r.valid);
    page.code = left.length ? left : null;
    if (hit) for (const l of this.listeners) l.codeWritten(page.ppn * PAGE_SIZE + off, len);
  }

  /** Physical page numbers that exist, ascending (for dumps and tests). */
  pageNumbers(): number[] {
    return [...this.pages.keys()].sort((a, b) => a - b);
  }

  private forRange(a: number, len: number, create: boolean, f: (page: Page, off: number, n: number, done: number) => void): void {
    let done = 0;
    while (done < len) {
      const addr = a + done;
      const ppn = Math.floor(addr / PAGE_SIZE);
      const off = addr - ppn * PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - off, len - done);
      const page = create ? this.ensure(ppn) : this.page(ppn);
      if (page) f(page, off, n, done);
      done += n;
    }
  }
}

/**
 * Linear → physical translation: the 4-level page walk of long mode (PML4 → PDPT → PD → PT; 1 GiB pages
 * at the PDPT, 2 MiB pages at the PD), as the SDM (vol. 3, §4.5) describes it for CPL 0.
 *
 * Until the guest writes CR3 the address space is identity-mapped (the emulator starts in long mode
 * with "firmware" tables nobody can see): every non-negative canonical address is its own physical
 * address. CR3 reads 0 then, and writing 0 back returns to that map (a program that saves CR3, loads
 * its own tables and restores CR3 gets the identity map back). Any other CR3 is walked. Checked: present bits; R/W on every
 * level against CR0.WP; XD (bit 63) on every level when EFER.NXE, and as a reserved bit without it;
 * PS in a PML4E (reserved). Set: the accessed bit on each entry used, the dirty bit on the leaf of a
 * write. Not modelled: user pages and SMEP/SMAP (the core runs only at CPL 0), PCID, protection keys,
 * memory types (PAT, PCD, PWT) and reserved address bits above MAXPHYADDR (taken as 52).
 *
 * The result is one 4 KiB physical page per linear page, whatever the page size, which is what the
 * translation cache in `mmu.ts` holds.
 */
import type { Page, PhysicalMemory } from "../memory/physical.js";
import { PFEC_I, PFEC_P, PFEC_RSVD, PFEC_W, pf } from "./fault.js";

export const ACC_READ = 0;
export const ACC_WRITE = 1;
export const ACC_EXEC = 2;

export const CR0_PE = 1;
export const CR0_WP = 1 << 16;
export const CR0_PG = 0x80000000;
export const EFER_SCE = 1;
export const EFER_LME = 1 << 8;
export const EFER_LMA = 1 << 10;
export const EFER_NXE = 1 << 11;

/** What the walk needs of the CPU. */
export interface PagingState {
  memory: PhysicalMemory;
  /** CR3 has been written: the guest's tables are in force. */
  paging: boolean;
  cr0: number;
  cr3: number;
  efer: number;
}

/** The outcome of a walk: the physical page and whether a write through this mapping is allowed. */
export interface Translation {
  page: Page;
  writable: boolean;
}

const P39 = 2 ** 39;
const P30 = 2 ** 30;
const P21 = 2 ** 21;
const P48 = 2 ** 48;
const P52 = 2 ** 52;
const P32 = 2 ** 32;

/** Physical address held in bits 51:12 of an entry (given as halves). */
function frame(lo: number, hi: number): number {
  return (hi & 0xfffff) * P32 + ((lo & ~0xfff) >>> 0);
}

/**
 * Translates the page holding canonical linear address `lin` for an access (`ACC_*`), or throws #PF.
 * `fault` is the address reported in CR2 (the accessed byte).
 */
export function translate(s: PagingState, lin: number, acc: number, fault: number = lin): Translation {
  const mem = s.memory;
  const ecode = (acc === ACC_WRITE ? PFEC_W : 0) | (acc === ACC_EXEC ? PFEC_I : 0);
  if (!s.paging) {
    if (lin < 0 || lin >= P52) throw pf(fault, ecode);
    const page = mem.page(Math.floor(lin / 4096));
    if (page === undefined) throw pf(fault, ecode);
    return { page, writable: true };
  }
  const nxe = (s.efer & EFER_NXE) !== 0;
  const u = lin < 0 ? lin + P48 : lin;
  let table = s.cr3 - (s.cr3 % 4096);
  let writable = true;
  let nx = false;
  // Entries used, so that A (and D) are set only once the walk has succeeded.
  const used: { page: Page; off: number }[] = [];
  for (let level = 4; level >= 1; level--) {
    const shift = level === 4 ? P39 : level === 3 ? P30 : level === 2 ? P21 : 4096;
    const index = Math.floor(u / shift) % 512;
    const ea = table + index * 8;
    const page = mem.page(Math.floor(ea / 4096));
    if (page === undefined) throw pf(fault, ecode);
    const off = ea % 4096;
    const lo = page.dv.getInt32(off, true);
    const hi = page.dv.getInt32(off + 4, true);
    if ((lo & 1) === 0) throw pf(fault, ecode);
    if (hi < 0) {
      if (!nxe) throw pf(fault, ecode | PFEC_P | PFEC_RSVD);
      nx = true;
    }
    if ((lo & 2) === 0) writable = false;
    used.push({ page, off });
    const ps = (lo & 0x80) !== 0;
    if (level === 4 && ps) throw pf(fault, ecode | PFEC_P | PFEC_RSVD);
    if (level === 1 || ((level === 3 || level === 2) && ps)) {
      const base = frame(lo, hi);
      const size = level === 3 ? P30 : level === 2 ? P21 : 4096;
      const aligned = base - (base % size);
      const phys = aligned + (u % size);
      const wpOn = (s.cr0 & CR0_WP) !== 0;
      if (acc === ACC_WRITE && !writable && wpOn) throw pf(fault, ecode | PFEC_P);
      if (acc === ACC_EXEC && nx) throw pf(fault, ecode | PFEC_P);
      const target = mem.page(Math.floor(phys / 4096));
      if (target === undefined) throw pf(fault, ecode);
      for (let i = 0; i < used.length; i++) {
        const e = used[i]!;
        const v = e.page.dv.getInt32(e.off, true);
        const set = i === used.length - 1 && acc === ACC_WRITE ? 0x60 : 0x20;
        if ((v & set) !== set) e.page.dv.setInt32(e.off, v | set, true);
      }
      return { page: target, writable: writable || !wpOn };
    }
    table = frame(lo, hi);
  }
  throw new Error("unreachable");
}

/**
 * 4-level paging: the identity map before the first CR3 write, then the guest's tables — 4 KiB, 2 MiB
 * and 1 GiB pages, present/write/NX checks with the #PF error code and CR2, non-canonical addresses,
 * accessed and dirty bits, and the translation cache flushed by CR3 writes and INVLPG.
 */
import { describe, expect, it } from "vitest";
import { Cpu, PhysicalMemory } from "../../src/emu/cpu/index.js";
import { code, testPlatform } from "./support.js";

const P = 1n, W = 2n, PS = 0x80n, NX = 1n << 63n;

/** Page tables built in physical memory from 0x100000 up. */
class Tables {
  next = 0x101000;
  constructor(readonly mem: PhysicalMemory, readonly root = 0x100000) {
    mem.reserve(root, 0x1000);
  }
  private entry(table: number, index: number): bigint {
    const b = this.mem.read(table + index * 8, 8);
    return new DataView(b.buffer).getBigUint64(0, true);
  }
  private set(table: number, index: number, v: bigint): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, v, true);
    this.mem.write(table + index * 8, b);
  }
  private child(table: number, index: number): number {
    const e = this.entry(table, index);
    if (e & P) return Number(e & 0xffffffffff000n);
    const t = this.next;
    this.next += 0x1000;
    this.mem.reserve(t, 0x1000);
    this.set(table, index, BigInt(t) | P | W);
    return t;
  }
  /** Maps linear `va` to physical `pa` with a page of `size` (4K, 2M or 1G) and flags. */
  map(va: bigint, pa: bigint, size: "4k" | "2m" | "1g", flags = P | W): void {
    const u = BigInt.asUintN(48, va);
    const i4 = Number((u >> 39n) & 511n), i3 = Number((u >> 30n) & 511n), i2 = Number((u >> 21n) & 511n), i1 = Number((u >> 12n) & 511n);
    const pdpt = this.child(this.root, i4);
    if (size === "1g") return this.set(pdpt, i3, pa | flags | PS);
    const pd = this.child(pdpt, i3);
    if (size === "2m") return this.set(pd, i2, pa | flags | PS);
    const pt = this.child(pd, i2);
    this.set(pt, i1, pa | flags);
  }
  pte(va: bigint): bigint {
    const u = BigInt.asUintN(48, va);
    let t = this.root;
    for (const shift of [39n, 30n, 21n]) t = Number(this.entry(t, Number((u >> shift) & 511n)) & 0xffffffffff000n);
    return this.entry(t, Number((u >> 12n) & 511n));
  }
}

function machine(): { cpu: Cpu; mem: PhysicalMemory; tables: Tables } {
  const mem = new PhysicalMemory();
  const cpu = new Cpu({ platform: testPlatform(), memory: mem });
  return { cpu, mem, tables: new Tables(mem) };
}

/** Loads code at physical `pa`, maps it at linear `va`, and points RIP there with paging on. */
function start(m: ReturnType<typeof machine>, source: string, va = 0xffffffff80000000n, pa = 0x200000n): void {
  m.mem.map(pa, code(source));
  m.tables.map(va, pa, "4k");
  m.cpu.setCr(3, 0x100000n);
  m.cpu.rip = va;
}

describe("paging", () => {
  it("is an identity map until CR3 is written", () => {
    const m = machine();
    m.mem.map(0x5000, code("movq (0x6000), %rax; hlt"));
    m.mem.map(0x6000, new Uint8Array([0x11, 0x22, 0, 0, 0, 0, 0, 0]));
    m.cpu.rip = 0x5000n;
    expect(m.cpu.run(10).kind).toBe("hlt");
    expect(m.cpu.getReg(0)).toBe(0x2211n);
  });

  it("translates through 4 KiB, 2 MiB and 1 GiB pages", () => {
    const m = machine();
    m.mem.map(0x300123, new Uint8Array([1]));
    m.mem.map(0x400000 + 0x54321, new Uint8Array([2]));
    m.mem.map(0x40000000 + 0x123456, new Uint8Array([3]));
    m.tables.map(0x7000000000n, 0x300000n, "4k");
    m.tables.map(0x7000200000n, 0x400000n, "2m");
    m.tables.map(0x8000000000n, 0x40000000n, "1g");
    start(m, `movzbl (%rsi), %eax; movzbl (%rdi), %ebx; movzbl (%rbp), %ecx; hlt`);
    m.cpu.setReg(6, 0x7000000123n);
    m.cpu.setReg(7, 0x7000254321n);
    m.cpu.setReg(5, 0x8000123456n);
    expect(m.cpu.run(100).kind).toBe("hlt");
    expect([m.cpu.getReg(0), m.cpu.getReg(3), m.cpu.getReg(1)]).toEqual([1n, 2n, 3n]);
  });

  it("raises #PF for a non-present page, with CR2 and the error code, and no state change", () => {
    const m = machine();
    start(m, `mov $5, %eax; movq (%rsi), %rax; hlt`);
    m.cpu.setReg(6, 0x1234567000n);
    const stop = m.cpu.run(100);
    expect(stop).toMatchObject({ kind: "exception", vector: 14, errorCode: 0, rip: 0xffffffff80000005n });
    expect(m.cpu.getCr(2)).toBe(0x1234567000n);
    expect(m.cpu.getReg(0)).toBe(5n);
  });

  it("raises #PF (P|W) for a write to a read-only page when CR0.WP is set, and not when clear", () => {
    const m = machine();
    m.mem.reserve(0x300000, 0x1000);
    m.tables.map(0x600000n, 0x300000n, "4k", P);
    start(m, `movl $7, (%rsi); hlt`);
    m.cpu.setReg(6, 0x600010n);
    expect(m.cpu.run(100)).toMatchObject({ kind: "exception", vector: 14, errorCode: 3 });
    m.cpu.setCr(0, m.cpu.getCr(0) & ~(1n << 16n));
    m.cpu.rip = 0xffffffff80000000n;
    expect(m.cpu.run(100).kind).toBe("hlt");
    expect(m.mem.read(0x300010, 1)[0]).toBe(7);
  });

  it("raises #PF (P|I) fetching from an NX page, and treats XD as reserved without EFER.NXE", () => {
    const m = machine();
    m.mem.map(0x200000, code("hlt"));
    m.tables.map(0x1000000n, 0x200000n, "4k", P | W | NX);
    m.cpu.setCr(3, 0x100000n);
    m.cpu.rip = 0x1000000n;
    expect(m.cpu.run(10)).toMatchObject({ kind: "exception", vector: 14, errorCode: 0x11, rip: 0x1000000n });
    m.cpu.setEfer(0x500n);
    m.cpu.rip = 0x1000000n;
    expect(m.cpu.run(10)).toMatchObject({ kind: "exception", vector: 14, errorCode: 0x19 });
  });

  it("raises #GP(0) for a non-canonical address and #SS(0) through RSP", () => {
    const m = machine();
    m.mem.map(0x5000, code("movq (%rsi), %rax; hlt"));
    m.cpu.rip = 0x5000n;
    m.cpu.setReg(6, 0x0000800000000000n);
    expect(m.cpu.run(10)).toMatchObject({ kind: "exception", vector: 13, errorCode: 0, rip: 0x5000n });
    m.mem.map(0x6000, code("push %rax; hlt"));
    m.cpu.rip = 0x6000n;
    m.cpu.setReg(4, 0x0000800000000010n);
    expect(m.cpu.run(10)).toMatchObject({ kind: "exception", vector: 12, errorCode: 0 });
  });

  it("sets the accessed bit on a read and the dirty bit on a write", () => {
    const m = machine();
    m.mem.reserve(0x300000, 0x2000);
    m.tables.map(0x600000n, 0x300000n, "4k");
    m.tables.map(0x601000n, 0x301000n, "4k");
    start(m, `movq (%rsi), %rax; movq %rax, (%rdi); hlt`);
    m.cpu.setReg(6, 0x600000n);
    m.cpu.setReg(7, 0x601000n);
    expect(m.cpu.run(10).kind).toBe("hlt");
    expect(m.tables.pte(0x600000n) & 0x60n).toBe(0x20n);
    expect(m.tables.pte(0x601000n) & 0x60n).toBe(0x60n);
  });

  it("keeps a stale translation until INVLPG (or a CR3 write) flushes it", () => {
    const m = machine();
    m.mem.map(0x300000, new Uint8Array([0xaa]));
    m.mem.map(0x301000, new Uint8Array([0xbb]));
    m.tables.map(0x600000n, 0x300000n, "4k");
    start(m, `movzbl (%rsi), %eax; hlt; movzbl (%rsi), %ebx; hlt; invlpg (%rsi); movzbl (%rsi), %ecx; hlt; mov %cr3, %rdx; mov %rdx, %cr3; hlt`);
    m.cpu.setReg(6, 0x600000n);
    expect(m.cpu.run(10).kind).toBe("hlt");
    // Remap the page behind the CPU's back: the cached translation stays until it is flushed.
    m.tables.map(0x600000n, 0x301000n, "4k");
    expect(m.cpu.run(10).kind).toBe("hlt");
    expect(m.cpu.run(10).kind).toBe("hlt");
    expect([m.cpu.getReg(0), m.cpu.getReg(3), m.cpu.getReg(1)]).toEqual([0xaan, 0xaan, 0xbbn]);
    expect(m.cpu.run(10).kind).toBe("hlt");
    expect(m.cpu.getReg(2)).toBe(0x100000n);
  });

  it("re-checks translated code after a mapping change (the same linear code, other bytes)", () => {
    const m = machine();
    m.mem.map(0x200000, code("mov $1, %eax; hlt"));
    m.mem.map(0x201000, code("mov $2, %eax; hlt"));
    m.tables.map(0x1000000n, 0x200000n, "4k");
    m.cpu.setCr(3, 0x100000n);
    m.cpu.rip = 0x1000000n;
    m.cpu.run(10);
    expect(m.cpu.getReg(0)).toBe(1n);
    m.tables.map(0x1000000n, 0x201000n, "4k");
    m.cpu.setCr(3, 0x100000n);
    m.cpu.rip = 0x1000000n;
    m.cpu.run(10);
    expect(m.cpu.getReg(0)).toBe(2n);
  });
});

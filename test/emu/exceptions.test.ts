/**
 * Exception delivery through a 64-bit IDT: the frame (SS, RSP, RFLAGS, CS, RIP, error code), faults
 * against traps, #PF's CR2, IRETQ back, IST stacks, #DF when delivery faults, and the triple fault.
 * The handler used by most tests stores the frame in memory and resumes at the address in R15.
 */
import { describe, expect, it } from "vitest";
import { Cpu, PhysicalMemory } from "../../src/emu/cpu/index.js";
import { codeWithSymbols, testPlatform, writeGate } from "./support.js";

const BASE = 0x10000;
const IDT = 0x20000;
const FRAME = 0x30000;
const STACK_TOP = 0x80000;
const GDT = 0x41000;

/** Handlers: `with_code` (vectors that push an error code) and `no_code`, both copying the frame to FRAME. */
const HANDLERS = `
no_code:
    movq $0, FRAME
    jmp 1f
with_code:
    popq FRAME
1:  mov (%rsp), %rax
    mov %rax, FRAME+8
    mov 8(%rsp), %rax
    mov %rax, FRAME+16
    mov 16(%rsp), %rax
    mov %rax, FRAME+24
    mov 24(%rsp), %rax
    mov %rax, FRAME+32
    mov 32(%rsp), %rax
    mov %rax, FRAME+40
    mov %r15, (%rsp)
    iretq
`;

interface Frame {
  error: bigint;
  rip: bigint;
  cs: bigint;
  rflags: bigint;
  rsp: bigint;
  ss: bigint;
}

function boot(body: string, gates: (mem: PhysicalMemory, sym: (n: string) => number) => void, extra = "") {
  const src = `${body}\n${HANDLERS}\n${extra}\n.set FRAME, ${FRAME}`;
  const { bytes, sym } = codeWithSymbols(src);
  const mem = new PhysicalMemory({ ramSize: 0x100000 });
  mem.map(BASE, bytes);
  gates(mem, (n) => BASE + sym(n));
  // A GDT with the flat 64-bit code (0x10) and data (0x18) segments IRETQ reloads.
  const gdt = new DataView(new ArrayBuffer(0x38));
  gdt.setBigUint64(0x10, 0x00af9a000000ffffn, true);
  gdt.setBigUint64(0x18, 0x00cf92000000ffffn, true);
  mem.write(GDT, new Uint8Array(gdt.buffer));
  const cpu = new Cpu({ platform: testPlatform(), memory: mem });
  cpu.gdtBase = GDT;
  cpu.gdtLimit = 0x37;
  cpu.idtBase = IDT;
  cpu.idtLimit = 256 * 16 - 1;
  cpu.rip = BigInt(BASE);
  cpu.setReg(4, BigInt(STACK_TOP));
  const frame = (): Frame => {
    const b = mem.read(FRAME, 48);
    const dv = new DataView(b.buffer);
    const q = (i: number) => dv.getBigUint64(i * 8, true);
    return { error: q(0), rip: q(1), cs: q(2), rflags: q(3), rsp: q(4), ss: q(5) };
  };
  return { cpu, mem, frame, at: (n: string) => BigInt(BASE + sym(n)) };
}

const withCode = new Set([8, 10, 11, 12, 13, 14, 17]);
const allGates = (mem: PhysicalMemory, sym: (n: string) => number) => {
  for (let v = 0; v < 256; v++) writeGate(mem, IDT, v, withCode.has(v) ? sym("with_code") : sym("no_code"));
};

describe("exception delivery", () => {
  it("delivers #DE with a frame whose RIP is the DIV, then IRETQ resumes", () => {
    const m = boot(`lea resume(%rip), %r15; stc; xor %ecx, %ecx; fault: div %ecx; resume: mov $1, %ebx; hlt`, allGates);
    expect(m.cpu.run(100).kind).toBe("hlt");
    const f = m.frame();
    expect(f.rip).toBe(m.at("fault"));
    expect(f.cs).toBe(0x10n);
    expect(f.rsp).toBe(BigInt(STACK_TOP));
    expect(f.ss).toBe(0x18n);
    expect(m.cpu.getReg(3)).toBe(1n);
    expect(m.cpu.getReg(4)).toBe(BigInt(STACK_TOP));
    expect(m.cpu.counters.exceptions[0]).toBe(1);
  });

  it("restores RFLAGS from the frame on IRETQ and clears IF/TF in the handler", () => {
    const m = boot(`lea resume(%rip), %r15; sti; stc; ud2; resume: pushfq; pop %rbx; hlt`, allGates);
    expect(m.cpu.run(100).kind).toBe("hlt");
    const f = m.frame();
    expect(f.rflags & 0x201n).toBe(0x201n); // IF and CF as they were
    expect(m.cpu.getReg(3) & 0x201n).toBe(0x201n);
  });

  it("saves the next RIP for INT3 and INT n (traps)", () => {
    const m = boot(`lea resume(%rip), %r15; int3; after: hlt; resume: hlt`, allGates);
    expect(m.cpu.run(100)).toEqual({ kind: "hlt", rip: m.at("resume") });
    expect(m.frame().rip).toBe(m.at("after"));
    expect(m.cpu.counters.exceptions[3]).toBe(1);
    const n = boot(`lea resume(%rip), %r15; int $0x80; after: hlt; resume: hlt`, allGates);
    expect(n.cpu.run(100).kind).toBe("hlt");
    expect(n.frame().rip).toBe(n.at("after"));
    expect(n.cpu.counters.exceptions[0x80]).toBe(1);
  });

  it("pushes the error code of #GP and of #PF, and sets CR2", () => {
    const m = boot(`lea r1(%rip), %r15; mov $0x800000000000, %rax; g: mov (%rax), %rbx; r1: lea r2(%rip), %r15; mov $0x200000, %eax; p: movl $1, (%rax); r2: hlt`, allGates);
    const seen: [number, number | undefined, bigint][] = [];
    (m.cpu.hooks as { onException?: unknown }).onException = (v: number, e: number | undefined, rip: bigint) => seen.push([v, e, rip]);
    expect(m.cpu.run(100).kind).toBe("hlt");
    expect(seen).toEqual([[13, 0, m.at("g")], [14, 2, m.at("p")]]);
    expect(m.frame().error).toBe(2n);
    expect(m.cpu.getCr(2)).toBe(0x200000n);
  });

  it("switches to the IST stack the gate names (TSS loaded by LTR)", () => {
    const TSS = 0x40000;
    const m = boot(
      `lgdt gdtr(%rip); mov $0x28, %ax; ltr %ax; lea resume(%rip), %r15; ud2; resume: hlt
       gdtr: .word 0x37; .quad ${GDT}`,
      (mem, sym) => {
        allGates(mem, sym);
        writeGate(mem, IDT, 6, sym("no_code"), { ist: 2 });
      },
    );
    // GDT: null, …, 0x10 code64, 0x18 data, 0x28 TSS (16 bytes).
    const gdt = new DataView(new ArrayBuffer(0x38));
    gdt.setBigUint64(0x10, 0x00af9a000000ffffn, true);
    gdt.setBigUint64(0x18, 0x00cf92000000ffffn, true);
    gdt.setBigUint64(0x28, 0x0000890000000067n | (BigInt(TSS & 0xffffff) << 16n), true);
    m.mem.write(GDT, new Uint8Array(gdt.buffer));
    const tss = new DataView(new ArrayBuffer(0x68));
    tss.setBigUint64(0x24 + 8, 0x70008n, true); // IST2 (not 16-aligned: delivery aligns it)
    m.mem.write(TSS, new Uint8Array(tss.buffer));
    expect(m.cpu.run(100).kind).toBe("hlt");
    expect(m.frame().rsp).toBe(BigInt(STACK_TOP));
    // The frame went below the aligned IST top: the handler saw RSP = 0x70000 - 40.
    // (whose RIP slot the handler overwrote with the resume address).
    expect(m.mem.read(0x70000 - 40, 8)).toEqual(new Uint8Array(new BigUint64Array([m.at("resume")]).buffer));
    // LTR marked the TSS busy (type 0xB).
    expect(m.mem.read(GDT + 0x28 + 5, 1)[0]! & 0xf).toBe(0xb);
  });

  it("turns a fault during delivery into #DF, and a fault delivering #DF into a triple fault", () => {
    const m = boot(`lea resume(%rip), %r15; xor %ecx, %ecx; div %ecx; resume: hlt`, (mem, sym) => {
      allGates(mem, sym);
      writeGate(mem, IDT, 0, sym("no_code"), { present: false });
    });
    expect(m.cpu.run(100).kind).toBe("hlt");
    expect(m.cpu.counters.exceptions[8]).toBe(1);
    expect(m.frame().error).toBe(0n);
    const t = boot(`xor %ecx, %ecx; fault: div %ecx; hlt`, (mem, sym) => {
      allGates(mem, sym);
      writeGate(mem, IDT, 0, sym("no_code"), { present: false });
      writeGate(mem, IDT, 8, sym("with_code"), { type: 0x5 });
    });
    expect(t.cpu.run(100)).toMatchObject({ kind: "triple-fault", rip: t.at("fault") });
  });

  it("stops with the exception when there is no IDT", () => {
    const m = boot(`xor %ecx, %ecx; fault: div %ecx; hlt`, () => {});
    m.cpu.idtLimit = 0;
    expect(m.cpu.run(100)).toMatchObject({ kind: "exception", vector: 0, rip: m.at("fault") });
  });
});

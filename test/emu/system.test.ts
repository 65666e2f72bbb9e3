/**
 * System instructions through the Platform (MSRs and their immediate forms, CPUID, I/O, VMCALL), the
 * start-up sequence of a kernel (LGDT, segment loads, LRETQ), FS/GS bases and SWAPGS, self-modifying
 * code, precise REP faults, step budgets inside loops, the TSC and the trace hook.
 */
import { describe, expect, it } from "vitest";
import type { GuestRegs, MsrPath, Platform } from "../../src/emu/platform.js";
import { Cpu, PhysicalMemory } from "../../src/emu/cpu/index.js";
import { BASE, code, codeWithSymbols, run, testPlatform } from "./support.js";

interface MsrLog {
  op: "r" | "w";
  msr: number;
  value?: bigint;
  path: MsrPath;
  rip: bigint;
}

function msrPlatform(log: MsrLog[], opts: { wrmsrns?: boolean; msrImm?: boolean; refuse?: number } = {}): Platform {
  const values = new Map<number, bigint>();
  return testPlatform({
    has: (f) => (f === "wrmsrns" ? opts.wrmsrns ?? true : opts.msrImm ?? true),
    rdmsr: (msr, path, regs: GuestRegs) => {
      log.push({ op: "r", msr, path, rip: regs.rip });
      if (msr === opts.refuse) return { ok: false, vector: 13, errorCode: 0 };
      if (msr === 0xc0000100) return { ok: true, value: regs.getSegBase("fs") };
      return { ok: true, value: values.get(msr) ?? 0x1122334455667788n };
    },
    wrmsr: (msr, value, path, regs: GuestRegs) => {
      log.push({ op: "w", msr, value, path, rip: regs.rip });
      if (msr === opts.refuse) return { ok: false, vector: 13, errorCode: 0 };
      if (msr === 0xc0000100) regs.setSegBase("fs", value);
      if (msr === 0xc0000101) regs.setSegBase("gs", value);
      if (msr === 0xc0000102) regs.setSegBase("kernelGs", value);
      values.set(msr, value);
      return { ok: true, value };
    },
  });
}

describe("MSR instructions", () => {
  it("RDMSR and WRMSR go through the platform with EDX:EAX, the path and the instruction's RIP", () => {
    const log: MsrLog[] = [];
    const r = run(`mov $-1, %rax; mov $0x1b, %ecx; rdmsr; mov %rax, %rbx; mov %rdx, %rsi; mov $0x10, %ecx; mov $0xaabbccdd, %eax; mov $0x11, %edx; wrmsr; hlt`, undefined, { platform: msrPlatform(log) });
    expect(r.stop.kind).toBe("hlt");
    expect(r.reg(3)).toBe(0x55667788n);
    expect(r.reg(6)).toBe(0x11223344n);
    expect(log).toEqual([
      { op: "r", msr: 0x1b, path: "rdmsr", rip: BigInt(BASE + 12) },
      { op: "w", msr: 0x10, value: 0x11aabbccddn, path: "wrmsr", rip: BigInt(BASE + 35) },
    ]);
  });

  it("raises #GP(0) when the platform refuses, leaving the registers", () => {
    const log: MsrLog[] = [];
    const r = run(`mov $0x99, %ecx; mov $7, %eax; rdmsr; hlt`, undefined, { platform: msrPlatform(log, { refuse: 0x99 }) });
    expect(r.stop).toMatchObject({ kind: "exception", vector: 13, errorCode: 0, rip: BigInt(BASE + 10) });
    expect(r.reg(0)).toBe(7n);
  });

  it("WRMSRNS is #UD on a CPU without it", () => {
    const log: MsrLog[] = [];
    expect(run(`wrmsrns; hlt`, undefined, { platform: msrPlatform(log, { wrmsrns: false }) }).stop).toMatchObject({ kind: "exception", vector: 6 });
    expect(log).toEqual([]);
    expect(run(`mov $0x48, %ecx; wrmsrns; hlt`, undefined, { platform: msrPlatform(log) }).stop.kind).toBe("hlt");
    expect(log[0]).toMatchObject({ op: "w", msr: 0x48, path: "wrmsrns" });
  });

  it("the immediate forms read and write a whole 64-bit register, and are #UD without MSR_IMM", () => {
    const log: MsrLog[] = [];
    const r = run(`rdmsr $0x1234, %r9; wrmsrns %r9, $0x4321; hlt`, undefined, { platform: msrPlatform(log) });
    expect(r.stop.kind).toBe("hlt");
    expect(r.reg(9)).toBe(0x1122334455667788n);
    expect(log.map((l) => [l.op, l.msr, l.path, l.value])).toEqual([["r", 0x1234, "rdmsr-imm", undefined], ["w", 0x4321, "wrmsrns-imm", 0x1122334455667788n]]);
    expect(run(`rdmsr $0x10, %rax; hlt`, undefined, { platform: msrPlatform([], { msrImm: false }) }).stop).toMatchObject({ kind: "exception", vector: 6, rip: BigInt(BASE) });
  });

  it("FS/GS bases written through MSRs move %fs:/%gs: addressing, and SWAPGS swaps GS with KERNEL_GS", () => {
    const log: MsrLog[] = [];
    const r = run(
      `mov $0xc0000100, %ecx; mov $0x40000, %eax; xor %edx, %edx; wrmsr
       mov $0xc0000102, %ecx; mov $0x50000, %eax; wrmsr
       movq $5, %fs:8
       swapgs
       movq $6, %gs:16
       movq %fs:8, %rbx
       hlt`,
      undefined,
      { platform: msrPlatform(log) },
    );
    expect(r.stop.kind).toBe("hlt");
    expect(r.reg(3)).toBe(5n);
    expect(r.cpu.read(0x40008, 1)[0]).toBe(5);
    expect(r.cpu.read(0x50010, 1)[0]).toBe(6);
    expect(r.cpu.segBase("fs")).toBe(0x40000n);
    expect(r.cpu.segBase("gs")).toBe(0x50000n);
    expect(r.cpu.segBase("kernelGs")).toBe(0n);
  });
});

describe("the platform", () => {
  it("CPUID asks for EAX/ECX and zero-extends the answer", () => {
    const r = run(`mov $-1, %rbx; mov $7, %eax; mov $1, %ecx; cpuid; hlt`, undefined, { platform: testPlatform({ cpuid: (l, s) => [l, s, 0xffffffff, 3] }) });
    expect([r.reg(0), r.reg(3), r.reg(1), r.reg(2)]).toEqual([7n, 1n, 0xffffffffn, 3n]);
  });

  it("OUT to a port that stops the run ends it after the instruction; IN reads", () => {
    const outs: [number, number, number][] = [];
    const r = run(`in $0x60, %al; mov $0x3f8, %dx; in %dx, %ax; mov $0xe9, %dx; out %al, %dx; mov $42, %eax; out %al, $0xf4; hlt`, undefined, {
      platform: testPlatform({
        ioRead: (port, size) => port + size,
        ioWrite: (port, size, value) => {
          outs.push([port, size, value]);
          return port === 0xf4 ? { kind: "exit", code: value } : undefined;
        },
      }),
    });
    expect(r.stop).toEqual({ kind: "exit", code: 42 });
    expect(outs).toEqual([[0xe9, 1, (0x3f8 + 2) & 0xff], [0xf4, 1, 42]]);
    expect(r.cpu.rip).toBe(BigInt(BASE) + 20n);
  });

  it("VMCALL hands the registers to the platform, which may set them or refuse (#UD)", () => {
    const ok = run(`mov $18, %eax; vmcall; hlt`, undefined, { platform: testPlatform({ vmcall: (regs) => (regs.set(0, regs.get(0) + 1n), undefined) }) });
    expect(ok.reg(0)).toBe(19n);
    expect(run(`vmcall; hlt`).stop).toMatchObject({ kind: "exception", vector: 6 });
  });

  it("the TSC counts completed instructions, and can be set through the platform's regs", () => {
    const r = run(`nop; nop; rdtsc; mov %eax, %ebx; rdtsc; hlt`);
    expect(r.reg(3)).toBe(2n);
    expect(r.reg(0)).toBe(4n);
    r.cpu.regs.tsc = 1000n;
    expect(r.cpu.tsc).toBe(1000n);
  });
});

describe("kernel start-up", () => {
  it("loads a GDT, reloads CS with LRETQ and the data segments with MOV, and reads them back", () => {
    const r = run(`
        lea gdt(%rip), %rax
        mov %rax, gdtr+2(%rip)
        lgdt gdtr(%rip)
        lea 1f(%rip), %rax
        pushq $0x08
        pushq %rax
        lretq
    1:  mov $0x10, %ax
        mov %ax, %ds
        mov %ax, %ss
        mov %ax, %es
        xor %eax, %eax
        mov %ax, %fs
        mov %cs, %ebx
        mov %ss, %ecx
        sgdt out(%rip)
        hlt
    .align 8
    gdt: .quad 0, 0x00af9a000000ffff, 0x00cf92000000ffff
    gdtr: .word 23
        .quad 0
    out: .quad 0, 0`);
    expect(r.stop.kind).toBe("hlt");
    expect(r.reg(3)).toBe(8n);
    expect(r.reg(1)).toBe(0x10n);
    expect(r.cpu.seg[3]).toBe(0x10);
  });

  it("refuses a data segment load beyond the GDT limit with #GP(selector)", () => {
    const r = run(`mov $0x40, %ax; mov %ax, %ds; hlt`, (cpu) => {
      cpu.gdtBase = 0x1000;
      cpu.gdtLimit = 0x17;
    });
    expect(r.stop).toMatchObject({ kind: "exception", vector: 13, errorCode: 0x40 });
  });

  it("MOV to CR3 turns paging on; MOV to CR0 clearing PG is #GP", () => {
    const r = run(`mov %cr0, %rax; btr $31, %rax; mov %rax, %cr0; hlt`);
    expect(r.stop).toMatchObject({ kind: "exception", vector: 13 });
    const s = run(`mov %cr4, %rax; or $0x80, %rax; mov %rax, %cr4; mov %cr4, %rbx; mov $5, %ecx; mov %rcx, %cr8; mov %cr8, %rdx; hlt`);
    expect(s.reg(3) & 0x80n).toBe(0x80n);
    expect(s.reg(2)).toBe(5n);
  });
});

describe("code and data", () => {
  it("runs code a store has just patched (the block over it is dropped)", () => {
    const writes: [bigint, number][] = [];
    const r = run(
      `   mov $3, %ecx
      1:  call patched
          movb $0xc3, patched+0(%rip)     # the second call returns at once
          movw $0x9066, 2f(%rip)          # a 2-byte NOP over the jump below
          dec %ecx
      2:  jmp 3f
      3:  jnz 1b
          hlt
      patched: inc %rax
          ret`,
      (cpu) => {
        (cpu.hooks as { onCodeWrite?: unknown }).onCodeWrite = (a: bigint, n: number) => writes.push([a, n]);
      },
    );
    expect(r.stop.kind).toBe("hlt");
    expect(r.reg(0)).toBe(1n);
    expect(writes.length).toBeGreaterThan(0);
  });

  it("drops translated code when the loader (physical write) changes it", () => {
    const mem = new PhysicalMemory();
    const r = run(`mov $1, %eax; hlt`);
    r.cpu.write(BASE, code(`mov $2, %eax; hlt`));
    r.cpu.rip = BigInt(BASE);
    r.cpu.run(10);
    expect(r.reg(0)).toBe(2n);
    void mem;
  });

  it("stops a REP MOVSB that runs into a missing page with RCX/RSI/RDI of the bytes moved", () => {
    const r = run(`mov $0xff000, %rsi; mov $0x50000, %rdi; mov $0x2000, %ecx; rep movsb; hlt`, undefined, { ramSize: 0x100000 });
    expect(r.stop).toMatchObject({ kind: "exception", vector: 14, rip: BigInt(BASE + 19) });
    expect(r.reg(1)).toBe(0x1000n);
    expect(r.reg(6)).toBe(0x100000n);
    expect(r.reg(7)).toBe(0x51000n);
    expect(r.cpu.getCr(2)).toBe(0x100000n);
  });

  it("counts budget steps exactly inside a loop that runs in one block", () => {
    const r = run(`mov $1000000, %ecx; 1: inc %rax; dec %ecx; jnz 1b; hlt`, undefined, { maxSteps: 1000 });
    expect(r.stop).toEqual({ kind: "budget", steps: 1000 });
    expect(r.reg(0)).toBe(333n);
    expect(r.cpu.run(2)).toEqual({ kind: "budget", steps: 2 });
    expect(r.cpu.counters.instructions).toBe(1002);
  });

  it("reports every instruction to the trace hook", () => {
    const seen: bigint[] = [];
    run(`nop; 1: dec %ecx; jnz 1b; hlt`, (cpu) => {
      cpu.setReg(1, 2n);
      (cpu.hooks as { onInstruction?: unknown }).onInstruction = (rip: bigint) => seen.push(rip - BigInt(BASE));
    });
    expect(seen).toEqual([0n, 1n, 3n, 1n, 3n, 5n]);
  });
});

describe("debug registers and FSGSBASE", () => {
  it("keeps DR values (DR7 reads its reset value) and aliases DR4/DR5 to DR6/DR7", () => {
    const r = run(`mov %dr7, %rbx; mov $0x55, %eax; mov %rax, %dr0; mov %dr0, %rcx; mov %dr5, %rdx; hlt`);
    expect([r.reg(3), r.reg(1), r.reg(2)]).toEqual([0x400n, 0x55n, 0x400n]);
  });

  it("RDFSBASE/WRGSBASE are #UD until CR4.FSGSBASE is set, then move the bases", () => {
    expect(run(`rdfsbase %rax; hlt`).stop).toMatchObject({ kind: "exception", vector: 6 });
    const r = run(`mov %cr4, %rax; bts $16, %rax; mov %rax, %cr4; mov $0x12345, %ecx; wrgsbase %rcx; movq $9, %gs:0; rdgsbase %rdx; hlt`);
    expect(r.reg(2)).toBe(0x12345n);
    expect(r.cpu.read(0x12345, 1)[0]).toBe(9);
  });
});

describe("superblocks", () => {
  it("follows calls and jumps, and leaves the block when a RET does not return where the call would", () => {
    const r = run(`
        call f          # f returns elsewhere: the block's guess is wrong
        mov $1, %ebx    # skipped
    g:  mov $2, %ecx
        jmp h
        hlt
    h:  call k          # k returns normally
        mov $3, %edx
        hlt
    f:  lea g(%rip), %rax
        mov %rax, (%rsp)
        ret
    k:  inc %esi
        ret`);
    expect(r.stop.kind).toBe("hlt");
    expect([r.reg(3), r.reg(1), r.reg(2), r.reg(6)]).toEqual([0n, 2n, 3n, 1n]);
    // call f, lea, mov, ret, mov, jmp, call k, inc, ret, mov, hlt
    expect(r.cpu.counters.instructions).toBe(11);
    expect(r.reg(4)).toBe(0x80000n);
  });

  it("counts a loop of calls exactly under a budget", () => {
    const r = run(`mov $100, %ecx; 1: call f; dec %ecx; jnz 1b; hlt; f: inc %rax; ret`, undefined, { maxSteps: 52 });
    // 1 + 5 per iteration: 10 iterations, then the CALL of the 11th.
    expect(r.stop).toEqual({ kind: "budget", steps: 52 });
    expect(r.reg(0)).toBe(10n);
    expect(r.reg(1)).toBe(90n);
    expect(r.reg(4)).toBe(0x80000n - 8n);
  });
});

describe("breakpoints", () => {
  it("reports each time execution reaches a breakpoint, inside loops and calls too", () => {
    const { bytes, sym } = codeWithSymbols(`mov $3, %ecx; 1: call f; dec %ecx; jnz 1b; hlt; f: inc %rax; g: ret`);
    const mem = new PhysicalMemory();
    mem.map(BASE, bytes);
    const hits: bigint[] = [];
    const cpu = new Cpu({ platform: testPlatform(), memory: mem, breakpoints: [BigInt(BASE + sym("f")), BigInt(BASE + sym("g"))], hooks: { onBreakpoint: (rip) => hits.push(rip - BigInt(BASE)) } });
    cpu.rip = BigInt(BASE);
    cpu.setReg(4, 0x80000n);
    mem.reserve(0x7f000, 0x1000);
    expect(cpu.run(1000).kind).toBe("hlt");
    expect(cpu.getReg(0)).toBe(3n);
    const f = BigInt(sym("f")), g = BigInt(sym("g"));
    expect(hits).toEqual([f, g, f, g, f, g]);
  });
});

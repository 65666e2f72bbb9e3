/**
 * The image runtime (runtime/*.S) booted in QEMU TCG: exception entry and the fixup dispatcher, the
 * oops and the panic, feature detection, apply_alternatives and its instruction decoder. Each test
 * boots one program from test/runtime/images and compares its console with text worked out from
 * reference/linux-x86.md — or, where the answer depends on the layout or on a table, with the
 * src/kernel and src/isa models run on the same linked image.
 *
 * Addresses in expected text come from the image's symbols (`${s.hex("wrmsr_site")}`); every such
 * symbol is a global label at the instruction the message names.
 */
import { existsSync, rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { features } from "../../src/isa/features.js";
import { decodeInsn } from "../../src/isa/insn.js";
import { decodeAltInstrs } from "../../src/kernel/alt-instr.js";
import { applyAlternatives } from "../../src/kernel/alternatives.js";
import { imageMemory } from "../../src/link/index.js";
import { scratchDir } from "../support/gnu.js";
import { bootInQemu, QEMU } from "../support/qemu.js";
import { buildImage, type BuiltImage } from "./support.js";

const OOPS_EXIT_CODE = 0x7f;
const PANIC_EXIT_CODE = 0x7e;
const EIO = "fffffffffffffffb";

const dir = scratchDir("alternator-runtime-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function boot(name: string, defsyms: Record<string, bigint> = {}): BuiltImage & { console: string; exit: number | null } {
  const built = buildImage(name, dir, defsyms);
  const run = bootInQemu(built.path);
  return { ...built, console: run.console, exit: run.exit };
}

describe.skipIf(!existsSync(QEMU))("the runtime in QEMU", () => {
  it("faults of every handled type reach their fixups with Linux's register effects", () => {
    const r = boot("faults");
    const low32 = (n: string): string => (r.sym(n) & 0xffff_ffff).toString(16).padStart(8, "0");
    expect(r.console).toBe(
      [
        "DEFAULT: rax=8000000000000000 rdx=1111",
        "DEFAULT|CLEAR_AX|CLEAR_DX: rax=0 rdx=0",
        "FAULT #UD: rax=6",
        "FAULT #GP: rax=d",
        "FAULT_MCE_SAFE #DE: rax=0",
        "UACCESS, DEFAULT_MCE_SAFE: resumed, rax=55",
        // ECX 0x6e1, EDX:EAX ffffffff:12345678; printed once although the site faults twice
        `unchecked MSR access error: WRMSR to 0x6e1 (tried to write 0xffffffff12345678) at rIP: 0x${r.hex("wrmsr_site")}`,
        "WRMSR: resumed, rax=12345678 rdx=ffffffff",
        "WRMSR: resumed, rax=12345678 rdx=ffffffff",
        `unchecked MSR access error: RDMSR from 0x3a at rIP: 0x${r.hex("rdmsr_site")}`,
        "RDMSR: rax=0 rdx=0",
        `WRMSR_SAFE %rbx: rbx=${EIO} rax=12345678 rdx=ffffffff`,
        `RDMSR_SAFE %r12: r12=${EIO} rax=0 rdx=0`,
        // the MSR is the imm32 (0x6e1), not ECX (0x3a); only %r9 is cleared
        `unchecked MSR access error: RDMSR from 0x6e1 at rIP: 0x${r.hex("rdmsr_imm_site")}`,
        "RDMSR imm: r9=0 rax=aaaa rdx=dddd",
        // the value is %r10's
        `unchecked MSR access error: WRMSR to 0x6e1 (tried to write 0xffffffff00000001) at rIP: 0x${r.hex("wrmsrns_imm_site")}`,
        "WRMSRNS imm: resumed",
        `RDMSR_SAFE imm %rsi: rsi=${EIO} r8=0 rax=aaaa rdx=dddd`,
        // EFAULT_REG: imm −14 sign-extended; ZERO_REG: imm 0
        "IMM_REG: rcx=fffffffffffffff2 rdi=0",
        "POP_REG: rax=7 stack back=1",
        // the thunk's ud2 → INDIRECT(%rdx) → %rdx = the call → its WRMSR_SAFE(%rbx)
        `INDIRECT -> WRMSR_SAFE: rbx=${EIO} stack back=1 rdx=call site 1`,
        // at the call site: ECX 0x6e1, EDX = the call's address (the thunk's pop and sub), EAX 0x600d
        `unchecked MSR access error: WRMSR to 0x6e1 (tried to write 0x${low32("xen_call_site_unchecked")}0000600d) at rIP: 0x${r.hex("xen_call_site_unchecked")}`,
        "INDIRECT -> WRMSR: resumed",
        // three words popped (two saved, the return address), ip = return − 5 = the call → RDMSR_SAFE(%r13)
        `FUNC_REWIND -> RDMSR_SAFE: r13=${EIO} rax=0 rdx=0 stack back=1`,
        "INDIRECT -> INDIRECT -> FAULT: rax=6",
        "done",
        "",
      ].join("\n"),
    );
    expect(r.exit).toBe(0);
  });

  // Each fatal case is one build of fatal.S; `lines` are the first lines of the console, `regs` the
  // whole register dump when the case sets every register.
  const fatal: { n: number; name: string; exit: number; lines: (s: BuiltImage) => string[] }[] = [
    {
      n: 1, name: "a fault with no entry: the oops with every register", exit: OOPS_EXIT_CODE,
      lines: (s) => [
        `Oops: invalid opcode vector 6 error 0x0 at 0x${s.hex("fault_site")}`,
        `RIP: 0010:0x${s.hex("fault_site")}`,
        // main was called (one return address below boot_stack_top) and pushed nothing; popfq set 0xc7
        `RSP: 0018:${(s.sym("boot_stack_top") - 8).toString(16).padStart(16, "0")} EFLAGS: 000000c7`,
        "RAX: 1111111111111111 RBX: 3333333333333333 RCX: 2222222222222222",
        "RDX: 4444444444444444 RSI: 5555555555555555 RDI: 6666666666666666",
        "RBP: 7777777777777777 R08: 8888888888888888 R09: 9999999999999999",
        "R10: aaaaaaaaaaaaaaaa R11: bbbbbbbbbbbbbbbb R12: cccccccccccccccc",
        "R13: dddddddddddddddd R14: eeeeeeeeeeeeeeee R15: ffffffffffffffff",
      ],
    },
    {
      n: 2, name: "INDIRECT to an address with no entry: oops at the ud2", exit: OOPS_EXIT_CODE,
      lines: (s) => [
        `EX_TYPE_INDIRECT at 0x${s.hex("fault_site")}: no exception table entry for 0x${(s.sym("fault_site") + 2).toString(16)}`,
        `Oops: invalid opcode vector 6 error 0x0 at 0x${s.hex("fault_site")}`,
      ],
    },
    {
      n: 3, name: "INDIRECT to itself: the loop is cut after 16 lookups", exit: OOPS_EXIT_CODE,
      lines: (s) => [
        `exception table loop: 16 lookups from 0x${s.hex("fault_site")} without a final handler`,
        `Oops: invalid opcode vector 6 error 0x0 at 0x${s.hex("fault_site")}`,
      ],
    },
    {
      // one word popped: the return address; ip = it − 5 = the call, which has no entry
      n: 4, name: "FUNC_REWIND to a call site with no entry: oops where the thunk trapped", exit: OOPS_EXIT_CODE,
      lines: (s) => [
        `EX_TYPE_FUNC_REWIND at 0x${s.hex("fault_site_rewind")}: no exception table entry for 0x${s.hex("fault_site")}`,
        `Oops: invalid opcode vector 6 error 0x0 at 0x${s.hex("fault_site_rewind")}`,
      ],
    },
    {
      n: 5, name: "an unknown type (Linux's BUG): oops", exit: OOPS_EXIT_CODE,
      lines: (s) => [`BUG: unknown exception table type 5 at 0x${s.hex("fault_site")}`, `Oops: invalid opcode vector 6 error 0x0 at 0x${s.hex("fault_site")}`],
    },
    {
      n: 6, name: "ZEROPAD, which the runtime does not handle: oops", exit: OOPS_EXIT_CODE,
      lines: (s) => [`EX_TYPE_ZEROPAD at 0x${s.hex("fault_site")}: not handled by this runtime`, `Oops: invalid opcode vector 6 error 0x0 at 0x${s.hex("fault_site")}`],
    },
    {
      n: 7, name: "WRMSR_IN_MCE: the message, then panic", exit: PANIC_EXIT_CODE,
      lines: (s) => [
        `MSR access error: WRMSR to 0x6e1 (tried to write 0xffffffff00000000) at rIP: 0x${s.hex("fault_site")}`,
        "Kernel panic - not syncing: MCA architectural violation!",
      ],
    },
    {
      n: 8, name: "RDMSR_IN_MCE: the message, then panic", exit: PANIC_EXIT_CODE,
      lines: (s) => [`MSR access error: RDMSR from 0x17a at rIP: 0x${s.hex("fault_site")}`, "Kernel panic - not syncing: MCA architectural violation!"],
    },
    {
      n: 9, name: "a page fault with no entry: the oops names CR2", exit: OOPS_EXIT_CODE,
      lines: (s) => [`Oops: page fault vector 14 error 0x0 at 0x${s.hex("fault_site")}`, `RIP: 0010:0x${s.hex("fault_site")}`],
    },
  ];
  for (const c of fatal) {
    it(`fatal ${c.n}: ${c.name}`, () => {
      const r = boot("fatal", { CASE: BigInt(c.n) });
      const want = c.lines(r);
      // Real CPUs set RF (bit 16) in the flags image of a fault; QEMU TCG does not.
      const got = r.console.replace(/EFLAGS: 000100/, "EFLAGS: 000000").split("\n");
      expect(got.slice(0, want.length)).toEqual(want);
      if (c.exit === OOPS_EXIT_CODE) expect(got.filter((l) => /^(RIP|RSP|RAX|RDX|RBP|R10|R13): /.test(l))).toHaveLength(7);
      if (c.n === 9) expect(got).toContain("CR2: 0000000040000000");
      expect(r.exit).toBe(c.exit);
    });
  }

  it("feature detection: the capability words of QEMU's default CPU (qemu64, TCG)", () => {
    const r = boot("features");
    const words = new Map<number, string>();
    for (const m of r.console.matchAll(/^x86_capability\[(\d+)\] = ([0-9a-f]{8})$/gm)) words.set(Number(m[1]), m[2]!);
    expect(words.size).toBe(32);
    // qemu64: word 0 = CPUID 1 EDX (fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36
    // clflush mmx fxsr sse sse2), word 4 = CPUID 1 ECX (sse3 cx16, hypervisor: bit 31), word 1 and 6 =
    // CPUID 0x80000001 EDX (the AMD copy of word 0's bits, syscall, nx, lm) and ECX (lahf_lm, svm);
    // word 3 = Linux's synthetic ALWAYS (bit 21) and NOPL (bit 20); CPUID 7 reports nothing.
    const expected: Record<number, string> = { 0: "078bfbfd", 1: "2193fbfd", 3: "00300000", 4: "80002001", 6: "00000005" };
    for (let w = 0; w < 32; w++) expect(words.get(w), `word ${w}`).toBe(expected[w] ?? "00000000");
    // cpu_has agrees with the words, for the features the reference names
    const bit = (f: number): number => (parseInt(words.get(f >> 5)!, 16) >>> (f & 31)) & 1;
    for (const [name, f] of Object.entries(features)) {
      expect(r.console, name).toContain(`cpu_has(${name} = ${f}) = ${bit(f)}\n`);
    }
    expect(bit(features.X86_FEATURE_ALWAYS)).toBe(1);
    expect(bit(features.X86_FEATURE_XENPV)).toBe(0);
    expect(r.exit).toBe(0);
  });

  it("apply_alternatives: every site as the kernel model patches it for the detected features", () => {
    const r = boot("alternatives");
    const caps = /^x86_capability:((?: [0-9a-f]{8}){32})$/m.exec(r.console);
    expect(caps, r.console).not.toBeNull();
    const words = caps![1]!.trim().split(" ").map((w) => parseInt(w, 16));
    const has = (f: number): boolean => ((words[f >> 5]! >>> (f & 31)) & 1) === 1;

    // The model on the same linked image (a fresh link: `r.image` is what QEMU booted, unpatched).
    const { image, sym } = buildImage("alternatives", dir);
    const alt = image.sections.find((s) => s.name === ".altinstructions")!;
    const mem = imageMemory(image);
    applyAlternatives(decodeAltInstrs(alt.data, alt.address), mem, has, { nopFunc: sym("nop_func"), bugFunc: sym("BUG_func") });

    const sites = [...r.console.matchAll(/^site (\w+):((?: [0-9a-f]{2})*)$/gm)].map((m) => ({ name: m[1]!, bytes: m[2]!.trim() }));
    expect(sites.map((s) => s.name)).toEqual([
      "always_call", "nopl_pad", "absent_msr_imm", "absent_xenpv", "not_xenpv", "not_always", "alt2_first", "alt2_last",
      "jmp_short", "jcc_far", "riprel", "direct_call", "direct_call_nop", "vex_imm", "sib_imm", "pad19", "pad129",
    ]);
    for (const s of sites) {
      const at = sym(`alt_${s.name}`);
      const model = Buffer.from(mem.read(at, sym(`alt_${s.name}_end`) - at)).toString("hex").replace(/(..)(?!$)/g, "$1 ");
      expect(s.bytes, `site ${s.name}`).toBe(model);
    }

    // Sites whose bytes do not depend on the layout, by hand from reference §1.
    const byHand: Record<string, string> = {
      nopl_pad: "b8 02 00 00 00 0f 1f 44 00 00", // mov $2 + five 90 → add_nop(5)
      absent_msr_imm: "b8 03 00 00 00", // no MSR_IMM: untouched
      absent_xenpv: "b8 03 00 00 00",
      not_xenpv: "b8 06 00 00 00", // ALT_NOT(XENPV), XENPV absent: patched
      not_always: "b8 05 00 00 00", // ALT_NOT(ALWAYS): untouched
      alt2_first: "48 c7 c0 08 00 00 00 0f 1f 00", // WRMSRNS absent: the first record, + add_nop(3)
      alt2_last: "48 b8 09 00 00 00 00 00 00 00", // NOPL present: the last eligible record wins
      jmp_short: "eb 04 cc cc cc", // jmp to site + 6 (after the ret): rel8 4 from the 2-byte jmp
      direct_call_nop: "66 0f 1f 44 00 00", // the pointer is nop_func: six NOPs → add_nop(6)
      vex_imm: "c4 e7 7b f6 c0 10 00 00 00 66 90", // rdmsr $0x10, %rax (9 bytes), then add_nop(2)
      pad19: ["c3", "eb", "11", ...Array(17).fill("cc")].join(" "), // ret + add_nop(19): eb 17 over int3
      pad129: ["c3", "e9", "7c", "00", "00", "00", ...Array(124).fill("cc")].join(" "), // add_nop(129): e9 rel32
    };
    for (const [name, bytes] of Object.entries(byHand)) expect(sites.find((s) => s.name === name)?.bytes, name).toBe(bytes);

    // And the patched code runs: each site's function leaves its value in %eax.
    const runs = Object.fromEntries([...r.console.matchAll(/^run (\w+) -> ([0-9a-f]+)$/gm)].map((m) => [m[1]!, parseInt(m[2]!, 16)]));
    expect(runs).toEqual({
      always_call: 0x42, nopl_pad: 2, absent_msr_imm: 3, absent_xenpv: 3, not_xenpv: 6, not_always: 5, alt2_first: 8, alt2_last: 9,
      jmp_short: 11, jcc_far: 13, riprel: 0x15, direct_call: 0x16, direct_call_nop: 0x17,
    });
    expect(r.exit).toBe(0);
  });

  it("insn_decode: length, opcode, immediate, displacement and flags as src/isa/insn.ts decodes them", () => {
    const r = boot("insn-len");
    const sec = r.image.sections.find((s) => s.name === ".insns")!;
    const base = r.sym("insns_start") - sec.address;
    const lines = [...r.console.matchAll(/^\+([0-9a-f]+) len (\d+) op@(\d+) map (\d+) ([0-9a-f]{2}) imm (\d+)\/(\d+) disp (\d+)\/(\d+) flags ([0-9a-f]{2})$/gm)];
    expect(lines.length).toBeGreaterThan(100);
    for (const m of lines) {
      const off = base + parseInt(m[1]!, 16);
      const bytes = Buffer.from(sec.data.subarray(off, off + 15)).toString("hex");
      const insn = decodeInsn(sec.data, off);
      expect(insn, bytes).toBeDefined();
      const ours = {
        length: Number(m[2]), opcode: Number(m[3]), map: Number(m[4]), byte: parseInt(m[5]!, 16),
        imm: `${m[6]}/${m[7]}`, disp: `${m[8]}/${m[9]}`, flags: parseInt(m[10]!, 16),
      };
      const op = insn!.opcode.at(-1)!;
      const model = {
        length: insn!.length,
        opcode: insn!.opcodeOffset + insn!.opcode.length - 1,
        map: insn!.map,
        byte: op,
        imm: insn!.immediate ? `${insn!.immediate.offset}/${insn!.immediate.size}` : "0/0",
        disp: insn!.displacement ? `${insn!.displacement.offset}/${insn!.displacement.size}` : "0/0",
        flags:
          (insn!.relativeBranch && !(insn!.map === 0 && op >= 0xe0 && op <= 0xe3) ? 1 : 0) | // INSN_REL: the branches Linux relocates
          (insn!.ripRelative ? 2 : 0) |
          (insn!.isNop ? 4 : 0) |
          (insn!.encoding !== "legacy" ? 8 : 0) |
          (ours.flags & 16), // INSN_HAS_MODRM: the model does not say
      };
      expect(ours, bytes).toEqual(model);
    }
    expect(r.exit).toBe(0);
  });
});

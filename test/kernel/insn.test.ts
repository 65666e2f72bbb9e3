/**
 * decodeInsn: the facts the patcher reads (length, opcode bytes, Linux's NOP test, branch immediates,
 * displacements, RIP-relative), one line per instruction, expected values read off the encodings.
 */
import { describe, expect, it } from "vitest";
import { decodeInsn, type InsnInfo } from "../../src/isa/insn.js";
import { bytes } from "./support.js";

type Expect = Partial<Pick<InsnInfo, "length" | "opcode" | "map" | "encoding" | "isNop" | "relativeBranch" | "ripRelative" | "prefixes" | "immediate" | "displacement">>;

const vectors: [string, string, Expect][] = [
  // instruction                 bytes                                  expected
  ["call rel32", "e8 10 00 00 00", { length: 5, opcode: [0xe8], relativeBranch: true, immediate: { offset: 1, size: 4, value: 0x10 } }],
  ["jmp rel32 backwards", "e9 1b f0 ff ff", { length: 5, opcode: [0xe9], relativeBranch: true, immediate: { offset: 1, size: 4, value: -0xfe5 } }],
  ["jmp to itself", "eb fe", { length: 2, opcode: [0xeb], relativeBranch: true, immediate: { offset: 1, size: 1, value: -2 } }],
  ["je rel8", "74 02", { length: 2, opcode: [0x74], relativeBranch: true, immediate: { offset: 1, size: 1, value: 2 } }],
  ["jne rel32", "0f 85 10 00 00 00", { length: 6, opcode: [0x0f, 0x85], map: 1, relativeBranch: true, immediate: { offset: 2, size: 4, value: 0x10 } }],
  ["jrcxz", "e3 05", { length: 2, opcode: [0xe3], relativeBranch: true, immediate: { offset: 1, size: 1, value: 5 } }],
  ["loop", "e2 fe", { length: 2, opcode: [0xe2], relativeBranch: true }],
  ["call *disp(%rip)", "ff 15 fa 2f 00 00", { length: 6, opcode: [0xff], relativeBranch: false, ripRelative: true, displacement: { offset: 2, size: 4, value: 0x2ffa } }],
  ["mov 0x10(%rip),%rax", "48 8b 05 10 00 00 00", { length: 7, opcode: [0x8b], ripRelative: true, displacement: { offset: 3, size: 4, value: 0x10 } }],
  ["mov 1(%eip),%eax", "67 8b 05 01 00 00 00", { length: 7, prefixes: [0x67], ripRelative: true, displacement: { offset: 3, size: 4, value: 1 } }],
  ["movq $2,0x1(%rip)", "48 c7 05 01 00 00 00 02 00 00 00", { length: 11, ripRelative: true, displacement: { offset: 3, size: 4, value: 1 }, immediate: { offset: 7, size: 4, value: 2 } }],
  ["mov 8(%rax),%rax", "48 8b 40 08", { length: 4, ripRelative: false, displacement: { offset: 3, size: 1, value: 8 } }],
  ["mov $-1,%ecx", "b9 ff ff ff ff", { length: 5, relativeBranch: false, immediate: { offset: 1, size: 4, value: -1 } }],
  ["wrmsr", "0f 30", { length: 2, opcode: [0x0f, 0x30], map: 1, isNop: false }],
  ["ds wrmsr", "3e 0f 30", { length: 3, prefixes: [0x3e], opcode: [0x0f, 0x30] }],
  ["wrmsrns", "0f 01 c6", { length: 3, opcode: [0x0f, 0x01] }],
  ["crc32b (%rdi),%eax", "f2 0f 38 f0 07", { length: 5, opcode: [0x0f, 0x38, 0xf0], map: 2 }],
  // Linux's insn_is_nop.
  ["nop", "90", { length: 1, opcode: [0x90], isNop: true }],
  ["xchg %eax,%r8d (REX.B 90)", "41 90", { length: 2, opcode: [0x90], isNop: true }],
  ["pause", "f3 90", { length: 2, prefixes: [0xf3], isNop: false }],
  ["data16 pause: first prefix 66", "66 f3 90", { length: 3, isNop: true }],
  ["nopl (%rax)", "0f 1f 00", { length: 3, opcode: [0x0f, 0x1f], isNop: true }],
  ["nopw %cs:0(%rax,%rax,1)", "66 66 2e 0f 1f 84 00 00 00 00 00", { length: 11, prefixes: [0x66, 0x66, 0x2e], isNop: true }],
  ["kmovw %k1,%k0 (VEX opcode 90)", "c5 f8 90 c1", { length: 4, encoding: "vex", opcode: [0x90], isNop: false }],
  // MSR immediates, through the shim.
  ["rdmsr $0xc0000080,%rax", "c4 e7 7b f6 c0 80 00 00 c0", { length: 9, encoding: "vex", map: 7, opcode: [0xf6], immediate: { offset: 5, size: 4, value: -0x3fffff80 } }],
  ["ds wrmsrns %r9,$0x10", "3e c4 c7 7a f6 c1 10 00 00 00", { length: 10, prefixes: [0x3e], map: 7, immediate: { offset: 6, size: 4, value: 0x10 } }],
  ["rdmsr $0x10,%r24 (EVEX)", "62 df 7f 08 f6 c0 10 00 00 00", { length: 10, encoding: "evex", map: 7, immediate: { offset: 6, size: 4, value: 0x10 } }],
];

const undecodable: [string, string][] = [
  ["a lone escape byte", "0f"],
  ["a call cut off by the end", "e8 00 00"],
  ["aaa, invalid in 64-bit mode", "37"],
];

describe("decodeInsn", () => {
  it.each(vectors)("%s: %s", (_, text, want) => {
    const info = decodeInsn(bytes(text), 0);
    expect(info).toBeDefined();
    expect(info).toMatchObject(want);
  });

  it.each(undecodable)("undefined for %s", (_, text) => {
    expect(decodeInsn(bytes(text), 0)).toBeUndefined();
  });

  it("decodes at an offset, and not past the end", () => {
    const b = bytes("90 e8 10 00 00 00 c3");
    expect(decodeInsn(b, 1)).toMatchObject({ length: 5, opcode: [0xe8] });
    expect(decodeInsn(b, 6)).toMatchObject({ length: 1, opcode: [0xc3] });
    expect(decodeInsn(b, 7)).toBeUndefined();
    expect(decodeInsn(b, -1)).toBeUndefined();
  });

  it("sees bytes changed since the last call on the same array", () => {
    const b = bytes("e9 10 00 00 00 90");
    expect(decodeInsn(b, 0)).toMatchObject({ length: 5, immediate: { value: 0x10 } });
    b[1] = 0x20;
    expect(decodeInsn(b, 0)).toMatchObject({ length: 5, immediate: { value: 0x20 } });
    b.set([0xeb, 0x03, 0xcc, 0xcc, 0xcc]);
    expect(decodeInsn(b, 0)).toMatchObject({ length: 2, opcode: [0xeb] });
    expect(decodeInsn(b, 2)).toMatchObject({ length: 1, opcode: [0xcc] });
  });

  it("sees where each array ends, whichever array was decoded before", () => {
    const long = bytes("e8 10 00 00 00");
    const short = bytes("e8 10 00 00");
    expect(decodeInsn(long, 0)).toBeDefined();
    expect(decodeInsn(short, 0)).toBeUndefined();
    expect(decodeInsn(long, 0)).toBeDefined();
  });
});

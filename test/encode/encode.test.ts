/**
 * The encoder against GNU as 2.40, line by line (test/encode/forms.txt).
 *
 *  1. GNU as assembles every CHECK line once (a label before each) and must emit exactly the CHECK
 *     bytes, so the data stays honest; its relocations are kept per line.
 *  2. `encode()` gets each line (parsed by the assembler's parser, values folded when they are plain
 *     numbers) and must produce GNU's bytes, and one fixup per GNU relocation, at the same offset and
 *     of the same relocation type.
 *  3. ERROR lines: GNU as must reject each, and `encode()` must throw EncodeError with the code.
 *     ERROR-NEW / CHECK-NEW lines (MSR immediates) GNU 2.40 does not know; they are checked against the
 *     reference bytes only.
 */
import { readFileSync, rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Expr, Operand, Statement } from "../../src/asm/ast.js";
import { encode, EncodeError, isDirectBranch } from "../../src/asm/encode/index.js";
import type { EncodeRequest, Fixup, Known } from "../../src/asm/encode/types.js";
import { parseStatements } from "../../src/asm/parse.js";
import { binutils, gnuAs, scratchDir, sectionBytes, symbolValues } from "../support/gnu.js";

interface Line {
  fileLine: number;
  source: string;
  bits: 64 | 32;
  kind: "CHECK" | "CHECK-NEW" | "ERROR" | "ERROR-NEW";
  /** Hex bytes (CHECK) or the diagnostic code (ERROR). */
  expect: string;
}

function readForms(): Line[] {
  const text = readFileSync(new URL("./forms.txt", import.meta.url), "utf8");
  const out: Line[] = [];
  let bits: 64 | 32 = 64;
  text.split("\n").forEach((raw, i) => {
    const line = raw.trim();
    if (line === ".code32" || line === ".code64") {
      bits = line === ".code32" ? 32 : 64;
      return;
    }
    if (line === "" || line.startsWith("#")) return;
    const m = /^(.*?)\s+#\s*(CHECK-NEW|CHECK|ERROR-NEW|ERROR):\s*(.*)$/.exec(line);
    if (!m) throw new Error(`forms.txt:${i + 1}: no CHECK or ERROR: ${raw}`);
    out.push({ fileLine: i + 1, source: m[1]!.trim(), bits, kind: m[2] as Line["kind"], expect: m[3]!.trim().toLowerCase() });
  });
  return out;
}

/** A GNU source with a label before each line and the mode switches in between. */
function gnuSource(lines: Line[]): string {
  let src = "";
  let bits = 64;
  lines.forEach((l, i) => {
    if (l.bits !== bits) src += (bits = l.bits) === 32 ? ".code32\n" : ".code64\n";
    src += `v_${i}: ${l.source}\n`;
  });
  return src + `v_${lines.length}:\n`;
}

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join(" ");

/** Folds an expression made of numbers only; anything with a symbol is not known yet. */
function fold(e: Expr): bigint | undefined {
  switch (e.kind) {
    case "num": return e.value;
    case "unary": {
      const a = fold(e.arg);
      if (a === undefined) return undefined;
      return e.op === "-" ? -a : e.op === "~" ? ~a : e.op === "!" ? (a === 0n ? -1n : 0n) : a;
    }
    case "binary": {
      const a = fold(e.left);
      const b = fold(e.right);
      if (a === undefined || b === undefined) return undefined;
      switch (e.op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "<<": return a << b;
        case ">>": return a >> b;
        case "|": return a | b;
        case "&": return a & b;
        case "^": return a ^ b;
        default: return undefined;
      }
    }
    default: return undefined;
  }
}

function known(e: Expr | undefined): Known | undefined {
  if (e === undefined) return undefined;
  const v = fold(e);
  return v === undefined ? { known: false } : { known: true, value: v };
}

/**
 * The request for one source line. The parser does not take GNU's `{load}` pseudo-prefix yet, so it
 * is lifted off the text here and handed to the encoder as a prefix word.
 */
function request(source: string, bits: 64 | 32): EncodeRequest {
  const pseudo: string[] = [];
  const text = source.replace(/\{(load|store|disp8|disp32)\}\s*/g, (w) => (pseudo.push(w.trim()), ""));
  const stmts = parseStatements(text, "forms.txt", 1).filter((s): s is Extract<Statement, { kind: "instruction" }> => s.kind === "instruction");
  if (stmts.length !== 1) throw new Error(`expected one instruction in \`${source}'`);
  const s = stmts[0]!;
  const values = s.operands.map((o: Operand) => (o.kind === "imm" ? known(o.expr) : o.kind === "mem" ? known(o.disp) : undefined));
  return { mnemonic: s.mnemonic, prefixes: [...pseudo, ...s.prefixes], operands: s.operands, values, bits };
}

/** The relocation GNU as writes for a fixup. */
function relocType(f: Fixup): string {
  if (f.pcrel) return f.size === 4 ? "R_X86_64_PC32" : `R_X86_64_PC${f.size * 8}`;
  if (f.size === 8) return "R_X86_64_64";
  if (f.size === 4) return f.signedness === "signed" ? "R_X86_64_32S" : "R_X86_64_32";
  return `R_X86_64_${f.size * 8}`;
}

/** GNU's relocations in .text: offset → type. */
function gnuRelocs(object: string): { offset: number; type: string }[] {
  const out: { offset: number; type: string }[] = [];
  for (const l of binutils("readelf", ["-rW", object]).split("\n")) {
    const m = /^([0-9a-f]{16})\s+[0-9a-f]+\s+(R_X86_64_\w+)/.exec(l.trim());
    if (m) out.push({ offset: parseInt(m[1]!, 16), type: m[2]! });
  }
  return out;
}

const lines = readForms();
const checks = lines.filter((l) => l.kind === "CHECK");
const errors = lines.filter((l) => l.kind === "ERROR");
const dir = scratchDir("encode-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("encode() against GNU as 2.40 (forms.txt)", () => {
  const gnu = gnuAs(gnuSource(checks), dir, "forms.s");
  const gnuBytes: string[] = [];
  const gnuFix: string[][] = [];
  if (gnu.ok) {
    const text = sectionBytes(gnu.object, ".text", dir);
    const syms = symbolValues(gnu.object);
    const relocs = gnuRelocs(gnu.object);
    checks.forEach((_, i) => {
      const a = Number(syms.get(`v_${i}`));
      const b = Number(syms.get(`v_${i + 1}`));
      gnuBytes.push(hex(text.subarray(a, b)));
      gnuFix.push(relocs.filter((r) => r.offset >= a && r.offset < b).map((r) => `${r.offset - a} ${r.type}`));
    });
  }

  it(`GNU as still produces the ${checks.length} CHECK encodings`, () => {
    expect(gnu.stderr.split("\n").filter((l) => /Error:/.test(l))).toEqual([]);
    const wrong = checks.flatMap((l, i) => (gnuBytes[i] === l.expect ? [] : [`forms.txt:${l.fileLine}: ${l.source}: CHECK ${l.expect}, GNU ${gnuBytes[i]}`]));
    expect(wrong).toEqual([]);
  });

  it("encodes every CHECK line like GNU as, with GNU's relocations", () => {
    const wrong: string[] = [];
    checks.forEach((l, i) => {
      try {
        const enc = encode(request(l.source, l.bits));
        const got = hex(enc.bytes);
        const fix = enc.fixups.map((f) => `${f.offset} ${relocType(f)}`).sort();
        if (got !== l.expect) wrong.push(`forms.txt:${l.fileLine}: ${l.source}: want ${l.expect}, got ${got}`);
        else if (fix.join() !== [...gnuFix[i]!].sort().join()) {
          wrong.push(`forms.txt:${l.fileLine}: ${l.source}: relocations want [${gnuFix[i]}], got [${fix}]`);
        }
      } catch (e) {
        wrong.push(`forms.txt:${l.fileLine}: ${l.source}: threw ${e instanceof EncodeError ? e.code : ""} ${(e as Error).message}`);
      }
    });
    expect(wrong).toEqual([]);
  });

  it("encodes the MSR-immediate forms as linux-x86.md section 3 gives them", () => {
    const wrong = lines.filter((l) => l.kind === "CHECK-NEW").flatMap((l) => {
      const got = hex(encode(request(l.source, l.bits)).bytes);
      return got === l.expect ? [] : [`forms.txt:${l.fileLine}: ${l.source}: want ${l.expect}, got ${got}`];
    });
    expect(wrong).toEqual([]);
  });

  it(`GNU as rejects the ${errors.length} ERROR lines`, () => {
    const r = gnuAs(gnuSource(errors), dir, "errors.s");
    const bad = new Set(r.messages.filter((m) => m.severity === "error").map((m) => m.line));
    // Line numbers in errors.s: the mode switches take lines of their own.
    const src = gnuSource(errors).split("\n");
    const missing = errors.filter((_, i) => !bad.has(src.findIndex((s) => s.startsWith(`v_${i}:`)) + 1));
    expect(missing.map((l) => `forms.txt:${l.fileLine}: ${l.source}`)).toEqual([]);
  });

  it("rejects every ERROR line with its code", () => {
    const wrong = lines.filter((l) => l.kind === "ERROR" || l.kind === "ERROR-NEW").flatMap((l) => {
      try {
        const enc = encode(request(l.source, l.bits));
        return [`forms.txt:${l.fileLine}: ${l.source}: want ${l.expect}, got bytes ${hex(enc.bytes)}`];
      } catch (e) {
        if (!(e instanceof EncodeError)) return [`forms.txt:${l.fileLine}: ${l.source}: threw ${String(e)}`];
        return e.code.toLowerCase() === l.expect ? [] : [`forms.txt:${l.fileLine}: ${l.source}: want ${l.expect}, got ${e.code} (${e.message})`];
      }
    });
    expect(wrong).toEqual([]);
  });
});

describe("encode() behaviours", () => {
  it("writes known values into a cached shape without calling iced again", () => {
    const a = encode(request("addl $0x11223344, 0x10(%rax)", 64));
    const b = encode(request("addl $0x55667788, 0x20(%rax)", 64));
    expect(hex(a.bytes)).toBe("81 40 10 44 33 22 11");
    expect(hex(b.bytes)).toBe("81 40 20 88 77 66 55");
  });

  it("reports an unknown RIP-relative displacement before a trailing immediate", () => {
    const enc = encode(request("cmpl $1, x(%rip)", 64));
    expect(hex(enc.bytes)).toBe("83 3d 00 00 00 00 01");
    expect(enc.fixups).toEqual([{ offset: 2, size: 4, operand: 1, pcrel: true, signedness: "signed" }]);
  });

  it("leaves direct branches to the core", () => {
    for (const m of ["jmp", "jz", "jnae", "jrcxz", "call", "callq", "loopne", "xbegin"]) expect(isDirectBranch(m)).toBe(true);
    for (const m of ["ljmp", "lcall", "ret", "movl"]) expect(isDirectBranch(m)).toBe(false);
    expect(() => encode(request("jmp label", 64))).toThrow(EncodeError);
    expect(hex(encode(request("jmp *%rax", 64)).bytes)).toBe("ff e0");
  });
});

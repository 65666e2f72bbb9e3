/**
 * `alternator objdump FILE`: `objdump -dr` for our objects, plus decoded `.altinstructions` and
 * `__ex_table`. The disassembly follows GNU objdump 2.40's text so that the two can be diffed:
 *
 * - each executable section is disassembled from symbol to symbol; at each address the one symbol
 *   objdump would prefer gets a `<name>:` header (non-section before section symbols, functions
 *   first, globals before locals), and the section name stands in when no symbol starts the section;
 * - runs of zero bytes are printed as `\t...`: 8 or more, or fewer than 3 that end the section;
 * - relocations are printed under the instruction whose bytes they patch (`\t\t\t2: R_X86_64_PLT32\tbar-0x4`);
 * - addresses are padded as objdump pads them: to a multiple of 4 hex digits, at least 4, enough for
 *   the section's end.
 *
 * The dumper works on `DumpView`, which an object gives directly (every section at address 0) and a
 * linked image (ET_EXEC) gives with real addresses. For an image, `--cpu PROFILE` first patches every
 * alternatives site with the `src/kernel` model of `apply_alternatives` for that profile, so the
 * disassembly shows the code that profile runs, and lists each site: the record chosen and the bytes
 * before and after.
 */
import { readFileSync } from "node:fs";
import { DiagnosticError, error } from "../diag/diagnostic.js";
import { ALT_FLAG_DIRECT_CALL, ALT_FLAG_NOT, ALT_INSTR_SIZE, altInstrFields } from "../isa/alt-instr.js";
import { disassemble, type Symbolizer } from "../isa/disasm.js";
import { decodeExtableData, EXTABLE_ENTRY_SIZE, EX_FLAG_CLEAR_AX, EX_FLAG_CLEAR_DX, extableRegName, extableTypeName } from "../isa/extable-types.js";
import { featureName } from "../isa/features.js";
import { relocNames, SHF_EXECINSTR, SHT_NOBITS, STB_GLOBAL, STB_LOCAL, STT_FILE, STT_FUNC, STT_OBJECT, STT_SECTION } from "../obj/elf.js";
import type { ObjSection, ObjSymbol, Reloc } from "../obj/object.js";
import { readElf } from "../obj/read-elf.js";
import { isExec, readExec, type ExecFile } from "../obj/read-exec.js";
import { findProfile, cpuProfiles } from "../isa/cpu-profiles.js";
import { decodeAltInstrs } from "../kernel/alt-instr.js";
import { applyAlternatives, type SitePatch } from "../kernel/alternatives.js";

/** What the dumper needs: sections with load addresses (0 in an object) and symbols. */
export interface DumpView {
  fileName: string;
  sections: ObjSection[];
  /** Address of `sections[i]`'s first byte. */
  sectionAddress: (index: number) => bigint;
  symbols: ObjSymbol[];
}

export interface ObjdumpOptions {
  /** CPU profile to show an image's alternatives patched for. */
  cpu?: string;
}

export function objdumpCommand(file: string, opts: ObjdumpOptions): string {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    throw new DiagnosticError([error("C002", `${file}: cannot read: ${e instanceof Error ? e.message : String(e)}`)]);
  }
  if (isExec(bytes)) return dumpExec(readExec(bytes, file), opts);
  if (opts.cpu !== undefined) throw new DiagnosticError([error("C001", `${file}: --cpu applies to linked images; an object's alternatives have no addresses yet`)]);
  const obj = readElf(bytes, file);
  return dumpView({ fileName: file, sections: obj.sections, sectionAddress: () => 0n, symbols: obj.symbols }, opts);
}

function dumpExec(exe: ExecFile, opts: ObjdumpOptions): string {
  const view: DumpView = { fileName: exe.fileName, sections: exe.sections, sectionAddress: (i) => exe.addresses[i]!, symbols: exe.symbols };
  if (opts.cpu === undefined) return dumpView(view, opts);
  const profile = findProfile(opts.cpu);
  if (!profile) throw new DiagnosticError([error("L009", `unknown CPU profile \`${opts.cpu}\` (known: ${cpuProfiles.map((p) => p.name).join(", ")})`)]);
  const alt = exe.sections.findIndex((s) => s.name === ".altinstructions");
  const patches = alt < 0 ? [] : patchExec(view, alt, profile.features);
  return dumpView(view, opts) + "\n" + dumpPatches(view, profile.name, patches);
}

/** Patches the view's sections in place for a feature set; returns what happened at each site. */
function patchExec(view: DumpView, alt: number, features: readonly number[]): SitePatch[] {
  const locate = (addr: number, len: number): { data: Uint8Array; off: number } => {
    const i = view.sections.findIndex((s, k) => s.data.length > 0 && BigInt(addr) >= view.sectionAddress(k) && BigInt(addr + len) <= view.sectionAddress(k) + BigInt(s.data.length));
    if (i < 0) throw new DiagnosticError([error("L005", `${view.fileName}: alternatives refer to 0x${addr.toString(16)}, outside the loaded sections`)]);
    return { data: view.sections[i]!.data, off: addr - Number(view.sectionAddress(i)) };
  };
  const mem = {
    read: (addr: number, len: number): Uint8Array => {
      const { data, off } = locate(addr, len);
      return data.slice(off, off + len);
    },
    write: (addr: number, bytes: Uint8Array): void => {
      const { data, off } = locate(addr, bytes.length);
      data.set(bytes, off);
    },
  };
  const sec = view.sections[alt]!;
  const has = new Set(features);
  const sym = (name: string): number | undefined => {
    const s = view.symbols.find((y) => y.name === name && typeof y.section === "number");
    return s ? Number(view.sectionAddress(s.section as number) + s.value) : undefined;
  };
  const nopFunc = sym("nop_func");
  const bugFunc = sym("BUG_func");
  try {
    return applyAlternatives(decodeAltInstrs(sec.data, Number(view.sectionAddress(alt))), mem, (f) => has.has(f), { ...(nopFunc !== undefined ? { nopFunc } : {}), ...(bugFunc !== undefined ? { bugFunc } : {}) });
  } catch (e) {
    if (e instanceof DiagnosticError) throw e;
    throw new DiagnosticError([error("L005", `${view.fileName}: ${(e as Error).message}`)]);
  }
}

function dumpPatches(view: DumpView, profile: string, patches: readonly SitePatch[]): string {
  const sorted = sortedSymbols(view).filter((y) => y.type !== STT_SECTION);
  const name = (addr: number): string => {
    const i = view.sections.findIndex((s, k) => BigInt(addr) >= view.sectionAddress(k) && BigInt(addr) < view.sectionAddress(k) + BigInt(s.size));
    const n = i >= 0 ? symbolizer(view, i, sorted)(BigInt(addr)) : undefined;
    return n ? `0x${addr.toString(16)} <${n}>` : `0x${addr.toString(16)}`;
  };
  const hexBytes = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(" ");
  const lines = [`Alternatives sites as patched for CPU profile ${profile} (${patches.length} site${patches.length === 1 ? "" : "s"}):`];
  for (const p of patches) {
    const c = p.chosen;
    const why = c ? `record ${c.index}: feature ${c.feature}${featureName(c.feature) ? ` ${featureName(c.feature)}` : ""}${c.flags & ALT_FLAG_NOT ? " (NOT)" : ""}` : "original (no record applies)";
    lines.push(`  ${name(p.site)} len ${p.len}: ${why}`, `      before: ${hexBytes(p.before)}`, `      after:  ${hexBytes(p.after)}`);
  }
  return lines.join("\n") + "\n";
}

export function dumpView(view: DumpView, _opts: ObjdumpOptions = {}): string {
  const out: string[] = [`\n${view.fileName}:     file format elf64-x86-64\n\n`];
  view.sections.forEach((s, i) => {
    if (s.flags & SHF_EXECINSTR && s.type !== SHT_NOBITS && s.data.length > 0) out.push(disassembleSection(view, i));
  });
  view.sections.forEach((s, i) => {
    if (s.name === ".altinstructions") out.push(dumpAltInstructions(view, i));
    if (s.name === "__ex_table") out.push(dumpExtable(view, i));
  });
  return out.join("\n");
}

/**
 * objdump's preference among symbols at one address (its `compare_symbols`): file names last, section
 * symbols after others, functions and objects first, globals before locals and weak symbols, larger
 * before smaller, names starting with '.' late, then by name. Lower sorts first.
 */
function symbolRank(s: ObjSymbol): (number | string | bigint)[] {
  return [
    s.type === STT_FILE ? 1 : 0, s.type === STT_SECTION ? 1 : 0, s.type === STT_FUNC ? 0 : 1, s.type === STT_OBJECT ? 0 : 1,
    s.bind === STB_LOCAL ? 1 : 0, s.bind === STB_GLOBAL ? 0 : 1, -s.size, s.name.startsWith(".") ? 1 : 0, s.name,
  ];
}

function compareSymbols(view: DumpView, a: ObjSymbol, b: ObjSymbol): number {
  const va = symbolAddress(view, a);
  const vb = symbolAddress(view, b);
  if (va !== vb) return va < vb ? -1 : 1;
  const ra = symbolRank(a);
  const rb = symbolRank(b);
  for (let i = 0; i < ra.length; i++) {
    if (ra[i]! < rb[i]!) return -1;
    if (ra[i]! > rb[i]!) return 1;
  }
  return 0;
}

function symbolAddress(view: DumpView, s: ObjSymbol): bigint {
  return typeof s.section === "number" ? view.sectionAddress(s.section) + s.value : s.value;
}

/** objdump's sorted symbol list: every defined symbol (undefined and common ones name no address). */
function sortedSymbols(view: DumpView): ObjSymbol[] {
  return view.symbols.filter((s) => s.section !== "undef" && s.section !== "common").sort((a, b) => compareSymbols(view, a, b));
}

/**
 * objdump's `find_symbol_for_address`: the preferred symbol at the highest address not above `vma`;
 * when `vma` lies inside section `sec`, one of `sec`'s own symbols instead if there is any (the
 * nearest below, else the nearest above — hence objdump's `<barfoo-0x1>`), else none.
 */
function findSymbol(view: DumpView, sorted: ObjSymbol[], vma: bigint, sec: number): ObjSymbol | undefined {
  if (sorted.length === 0) return undefined;
  let place = 0;
  while (place + 1 < sorted.length && symbolAddress(view, sorted[place + 1]!) <= vma) place++;
  while (place > 0 && symbolAddress(view, sorted[place - 1]!) === symbolAddress(view, sorted[place]!)) place--;
  const here = symbolAddress(view, sorted[place]!);
  for (let i = place; i < sorted.length && symbolAddress(view, sorted[i]!) === here; i++) {
    if (sorted[i]!.section === sec) return sorted[i];
  }
  const start = view.sectionAddress(sec);
  const s = view.sections[sec]!;
  const wantSection = vma >= start && vma < start + BigInt(s.type === SHT_NOBITS ? s.size : s.data.length);
  if (!wantSection) return sorted[place];
  let found: number | undefined;
  for (let i = place - 1; i >= 0; i--) {
    if (sorted[i]!.section !== sec) continue;
    if (found !== undefined && symbolAddress(view, sorted[i]!) !== symbolAddress(view, sorted[found]!)) break;
    found = i;
  }
  if (found === undefined) {
    for (let i = place + 1; i < sorted.length; i++) {
      if (sorted[i]!.section === sec) {
        found = i;
        break;
      }
    }
  }
  return found === undefined ? undefined : sorted[found];
}

/** objdump's `<name>`, `<name+0x8>`, `<name-0x1>`, or the section name when no symbol fits. */
function placeName(view: DumpView, sym: ObjSymbol | undefined, vma: bigint, sec: number): string {
  const [label, at] = sym ? [sym.name, symbolAddress(view, sym)] : [view.sections[sec]!.name, view.sectionAddress(sec)];
  return vma === at ? label : vma > at ? `${label}+0x${(vma - at).toString(16)}` : `${label}-0x${(at - vma).toString(16)}`;
}

function symbolizer(view: DumpView, index: number, sorted: ObjSymbol[]): Symbolizer {
  return (address) => placeName(view, findSymbol(view, sorted, address, index), address, index);
}

function addressWidth(end: bigint): number {
  const digits = end.toString(16).padStart(16, "0");
  let zeros = 0;
  while (zeros < 16 && digits[zeros] === "0") zeros++;
  const skip = zeros === 0 ? 0 : (zeros - 1) & ~3;
  return 16 - skip;
}

function bytesColumn(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0") + " ").join("").padEnd(21);
}

function relocText(view: DumpView, r: Reloc, base: bigint): string {
  const type = relocNames[r.type] ?? `unknown (${r.type})`;
  const sym = r.symbol >= 0 ? view.symbols[r.symbol] : undefined;
  const name = sym ? sym.name : "*ABS*";
  const add = r.addend === 0n ? (sym ? "" : "+0x0") : r.addend < 0n ? `-0x${(-r.addend).toString(16)}` : `+0x${r.addend.toString(16)}`;
  return `\t\t\t${(base + BigInt(r.offset)).toString(16)}: ${type}\t${name}${add}`;
}

function disassembleSection(view: DumpView, index: number): string {
  const s = view.sections[index]!;
  const base = view.sectionAddress(index);
  const sorted = sortedSymbols(view);
  const symbolize = symbolizer(view, index, sorted);
  const width = addressWidth(base + BigInt(s.data.length));
  const relocs = [...s.relocs].sort((a, b) => a.offset - b.offset);
  let nextReloc = 0;
  const lines: string[] = [`Disassembly of section ${s.name}:`];
  const relocsBefore = (end: number): void => {
    while (nextReloc < relocs.length && relocs[nextReloc]!.offset < end) lines.push(relocText(view, relocs[nextReloc++]!, base));
  };

  // Regions as objdump walks them: the first starts at the section start under whatever symbol
  // findSymbol names there; each later one at the next higher address of one of this section's symbols.
  const size = BigInt(s.data.length);
  const starts: { at: number; label: string }[] = [{ at: 0, label: placeName(view, findSymbol(view, sorted, base, index), base, index) }];
  const first = findSymbol(view, sorted, base, index);
  let last = first && first.section === index ? symbolAddress(view, first) : base;
  if (first && first.section === index && last > base && last < base + size) starts.push({ at: Number(last - base), label: first.name });
  for (const y of sorted) {
    const v = symbolAddress(view, y);
    if (y.section !== index || v <= last || v >= base + size) continue;
    starts.push({ at: Number(v - base), label: y.name });
    last = v;
  }
  starts.forEach((region, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]!.at : s.data.length;
    lines.push("", `${(base + BigInt(region.at)).toString(16).padStart(16, "0")} <${region.label}>:`);
    let pos = region.at;
    while (pos < end) {
      let zeros = 0;
      while (pos + zeros < end && s.data[pos + zeros] === 0) zeros++;
      if (zeros >= 8 || (pos + zeros === s.data.length && zeros > 0 && zeros < 3)) {
        lines.push("\t...");
        pos += zeros;
        relocsBefore(pos);
        continue;
      }
      // Decode to the next skippable zero run or the region's end, whichever comes first.
      for (const l of disassemble(s.data.subarray(pos, end), base + BigInt(pos), 64, symbolize)) {
        const addr = l.address.toString(16).padStart(width);
        lines.push(`${addr}:\t${bytesColumn(l.bytes.subarray(0, 7))}\t${l.text}`);
        for (let extra = 7; extra < l.bytes.length; extra += 7) {
          lines.push(`${(l.address + BigInt(extra)).toString(16).padStart(width)}:\t${Array.from(l.bytes.subarray(extra, extra + 7), (b) => b.toString(16).padStart(2, "0") + " ").join("")}`);
        }
        pos += l.length;
        relocsBefore(pos);
        if (startsZeroRun(s.data, pos, end)) break;
      }
    }
  });
  relocsBefore(Infinity);
  return lines.join("\n") + "\n";
}

/** Whether objdump would print `...` at `pos` (so decoding must stop there and let the caller skip). */
function startsZeroRun(data: Uint8Array, pos: number, end: number): boolean {
  let z = 0;
  while (pos + z < end && data[pos + z] === 0) z++;
  return z >= 8 || (z > 0 && pos + z === data.length && z < 3);
}

/** `sym+0x…` for the place a 32-bit self-relative field points to, from its relocation if it has one. */
function pointedPlace(view: DumpView, secIndex: number, fieldOff: number): string {
  const s = view.sections[secIndex]!;
  const r = s.relocs.find((x) => x.offset === fieldOff);
  if (r) {
    const sym = r.symbol >= 0 ? view.symbols[r.symbol] : undefined;
    // PC32: field = S + A - P, so the place (P + field) is S + A.
    const name = sym ? sym.name : "*ABS*";
    const where = r.addend === 0n ? name : r.addend < 0n ? `${name}-0x${(-r.addend).toString(16)}` : `${name}+0x${r.addend.toString(16)}`;
    if (sym && sym.type === STT_SECTION && typeof sym.section === "number") {
      const sorted = sortedSymbols(view).filter((y) => y.type !== STT_SECTION);
      const named = symbolizer(view, sym.section, sorted)(view.sectionAddress(sym.section) + sym.value + r.addend);
      if (named && !named.startsWith(view.sections[sym.section]!.name)) return `${where} <${named}>`;
    }
    return where;
  }
  const dv = new DataView(s.data.buffer, s.data.byteOffset, s.data.byteLength);
  const target = view.sectionAddress(secIndex) + BigInt(fieldOff) + BigInt(dv.getInt32(fieldOff, true));
  const raw = `0x${BigInt.asUintN(64, target).toString(16)}`;
  // A linked image has no relocations left: name the target from the symbols.
  const inSec = view.sections.findIndex((x, k) => x.size > 0 && target >= view.sectionAddress(k) && target < view.sectionAddress(k) + BigInt(x.size));
  if (inSec < 0) return raw;
  const named = symbolizer(view, inSec, sortedSymbols(view).filter((y) => y.type !== STT_SECTION))(target);
  return named ? `${raw} <${named}>` : raw;
}

function dumpAltInstructions(view: DumpView, index: number): string {
  const s = view.sections[index]!;
  const n = Math.floor(s.data.length / ALT_INSTR_SIZE);
  const lines = [`Alternatives in section ${s.name} (${n} record${n === 1 ? "" : "s"} of ${ALT_INSTR_SIZE} bytes):`];
  if (s.data.length % ALT_INSTR_SIZE !== 0) lines.push(`  warning: size 0x${s.data.length.toString(16)} is not a multiple of ${ALT_INSTR_SIZE}`);
  const dv = new DataView(s.data.buffer, s.data.byteOffset, s.data.byteLength);
  for (let k = 0; k < n; k++) {
    const p = k * ALT_INSTR_SIZE;
    const feature = dv.getUint16(p + altInstrFields.feature, true);
    const flags = dv.getUint16(p + altInstrFields.flags, true);
    const flagNames = [flags & ALT_FLAG_NOT ? "NOT" : "", flags & ALT_FLAG_DIRECT_CALL ? "DIRECT_CALL" : ""].filter(Boolean);
    const rest = flags & ~(ALT_FLAG_NOT | ALT_FLAG_DIRECT_CALL);
    if (rest) flagNames.push(`0x${rest.toString(16)}`);
    const fname = featureName(feature);
    lines.push(
      `  ${p.toString(16).padStart(4)}: site ${pointedPlace(view, index, p + altInstrFields.instr_offset)}` +
        ` replacement ${pointedPlace(view, index, p + altInstrFields.repl_offset)}` +
        ` feature ${feature}${fname ? ` ${fname}` : ""} (${Math.floor(feature / 32)}*32+${feature % 32})` +
        ` flags ${flagNames.length ? flagNames.join("|") : "0"}` +
        ` instrlen ${dv.getUint8(p + altInstrFields.instrlen)} replacementlen ${dv.getUint8(p + altInstrFields.replacementlen)}`,
    );
  }
  return lines.join("\n") + "\n";
}

function dumpExtable(view: DumpView, index: number): string {
  const s = view.sections[index]!;
  const n = Math.floor(s.data.length / EXTABLE_ENTRY_SIZE);
  const lines = [`Exception table in section ${s.name} (${n} entr${n === 1 ? "y" : "ies"} of ${EXTABLE_ENTRY_SIZE} bytes):`];
  if (s.data.length % EXTABLE_ENTRY_SIZE !== 0) lines.push(`  warning: size 0x${s.data.length.toString(16)} is not a multiple of ${EXTABLE_ENTRY_SIZE}`);
  const dv = new DataView(s.data.buffer, s.data.byteOffset, s.data.byteLength);
  for (let k = 0; k < n; k++) {
    const p = k * EXTABLE_ENTRY_SIZE;
    const raw = dv.getInt32(p + 8, true);
    const d = decodeExtableData(raw);
    const type = extableTypeName(d.type) ?? `type ${d.type}`;
    const flags = [d.flags << 12 & EX_FLAG_CLEAR_AX ? "CLEAR_AX" : "", d.flags << 12 & EX_FLAG_CLEAR_DX ? "CLEAR_DX" : ""].filter(Boolean);
    const rest = d.flags & ~3;
    if (rest) flags.push(`0x${(rest << 12).toString(16)}`);
    const relocated = s.relocs.some((r) => r.offset === p + 8);
    lines.push(
      `  ${p.toString(16).padStart(4)}: from ${pointedPlace(view, index, p)} to ${pointedPlace(view, index, p + 4)}` +
        ` data 0x${(raw >>> 0).toString(16).padStart(8, "0")}${relocated ? " (relocated)" : ""}: ${type} reg %${extableRegName(d.reg)}` +
        `${flags.length ? ` flags ${flags.join("|")}` : ""} imm ${d.imm}`,
    );
  }
  return lines.join("\n") + "\n";
}

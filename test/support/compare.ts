/**
 * Compares two ELF64 relocatable objects the way a reviewer would, with binutils as the only reader
 * of both files (never our own ELF reader, so the writer cannot hide a bug behind a matching reader).
 *
 * Each object becomes a text dump — ELF header facts, then every section (name, type, flags,
 * alignment, entsize, size, linked sections by name, contents in 32-byte hex lines), then every
 * symbol in table order (value, size, type, bind, visibility, section name, name), then every
 * relocation per section (offset, type, symbol name, addend) — and the two dumps are diffed line by
 * line. File offsets, symbol indices and string-table layouts are left out: they are layout, not
 * content, and GNU as merges string-table suffixes.
 */
import { binutils } from "./gnu.js";

export interface DumpOptions {
  /** Sections left out entirely (with their relocation sections and symbols), e.g. `.eh_frame`. */
  ignoreSections?: string[];
}

interface SectionRow {
  index: number;
  name: string;
  type: string;
  size: number;
  entsize: string;
  flags: string;
  link: number;
  info: number;
  align: string;
}

/** Sections whose size and bytes are layout (string and symbol tables, relocation records). */
const LAYOUT_SECTIONS = new Set(["STRTAB", "SYMTAB", "RELA", "REL"]);

function parseSections(path: string): SectionRow[] {
  const rows: SectionRow[] = [];
  const re = /^\s*\[\s*(\d+)\]\s+(\S*)\s+(\S+)\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([A-Za-z]*)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/;
  for (const line of binutils("readelf", ["-SW", path]).split("\n")) {
    const m = re.exec(line);
    if (!m) continue;
    rows.push({
      index: Number(m[1]), name: m[2]!, type: m[3]!, size: parseInt(m[4]!, 16), entsize: m[5]!,
      flags: m[6]!, link: Number(m[7]), info: Number(m[8]), align: m[9]!,
    });
  }
  return rows;
}

/** `readelf -x` for several sections at once → section name → hex lines. */
function sectionContents(path: string, rows: SectionRow[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const wanted = rows.filter((r) => r.index > 0 && r.type !== "NOBITS" && !LAYOUT_SECTIONS.has(r.type) && r.size > 0);
  if (!wanted.length) return out;
  const text = binutils("readelf", wanted.flatMap((r) => ["-x", String(r.index)]).concat(path));
  // Dumps come out in the order asked for, one per "Hex dump of section" header.
  const blocks = text.split(/^Hex dump of section '.*':$/m).slice(1);
  blocks.forEach((block, i) => {
    const bytes: string[] = [];
    for (const line of block.split("\n")) {
      const m = /^\s+0x[0-9a-f]+ ((?:[0-9a-f]{2,8} ?){1,4})/.exec(line);
      if (m) bytes.push(...m[1]!.replace(/\s+/g, "").match(/../g)!);
    }
    const lines: string[] = [];
    for (let off = 0; off < bytes.length; off += 32) {
      lines.push(`    ${off.toString(16).padStart(6, "0")}: ${bytes.slice(off, off + 32).join(" ")}`);
    }
    out.set(wanted[i]!.index, lines);
  });
  return out;
}

/** The whole dump, as lines. */
export function dumpObject(path: string, opts: DumpOptions = {}): string[] {
  const ignore = new Set(opts.ignoreSections ?? []);
  const ignored = (name: string): boolean => ignore.has(name) || (name.startsWith(".rela") && ignore.has(name.slice(5)));
  const out: string[] = [];

  const header = binutils("readelf", ["-hW", path]);
  for (const key of ["Class", "Data", "OS/ABI", "ABI Version", "Type", "Machine", "Flags"]) {
    const m = new RegExp(`^\\s*${key.replace("/", "\\/")}:\\s+(.*)$`, "m").exec(header);
    out.push(`header ${key}: ${m ? m[1]!.trim() : "?"}`);
  }

  const rows = parseSections(path);
  const nameOf = (i: number): string => (i === 0 ? "-" : rows.find((r) => r.index === i)?.name ?? `#${i}`);
  const contents = sectionContents(path, rows);
  for (const r of rows) {
    if (r.index === 0 || ignored(r.name)) continue;
    const layout = LAYOUT_SECTIONS.has(r.type);
    // For RELA the info field names the section relocated; for SYMTAB it counts the locals.
    const info = r.type === "RELA" || r.type === "REL" ? nameOf(r.info) : String(r.info);
    const size = layout && r.type !== "SYMTAB" ? "-" : `0x${r.size.toString(16)}`;
    out.push(`section ${r.name} ${r.type} flags=${r.flags || "-"} align=${r.align} entsize=0x${r.entsize.replace(/^0+(?=.)/, "")} size=${size} link=${nameOf(r.link)} info=${info}`);
    for (const l of contents.get(r.index) ?? []) out.push(l);
  }

  const sym = binutils("readelf", ["-sW", path]);
  const symRe = /^\s*(\d+):\s+([0-9a-f]+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*(.*)$/;
  for (const line of sym.split("\n")) {
    const m = symRe.exec(line);
    if (!m || m[1] === "0") continue;
    const [, , value, size, type, bind, vis, ndx, name] = m as unknown as string[];
    const section = /^\d+$/.test(ndx!) ? nameOf(Number(ndx)) : ndx!;
    if (ignored(section)) continue;
    out.push(`symbol ${name || "(no name)"} value=0x${value!.replace(/^0+(?=.)/, "")} size=${size} ${type} ${bind} ${vis} section=${section}`);
  }

  const rel = binutils("readelf", ["-rW", path]);
  let current = "";
  const relRe = /^([0-9a-f]{16})\s+[0-9a-f]+\s+(\S+)\s+(?:[0-9a-f]+\s+(.+?)\s+([+-])\s+([0-9a-f]+)|([0-9a-f]+))\s*$/;
  for (const line of rel.split("\n")) {
    const sec = /^Relocation section '(.*)' at offset/.exec(line);
    if (sec) {
      current = sec[1]!;
      if (!ignored(current)) out.push(`relocations ${current}`);
      continue;
    }
    if (ignored(current)) continue;
    const m = relRe.exec(line);
    if (!m) continue;
    const offset = m[1]!.replace(/^0+(?=.)/, "");
    const target = m[3] !== undefined ? `${m[3]} ${m[4]} 0x${m[5]}` : `(no symbol) 0x${m[6]}`;
    out.push(`    0x${offset} ${m[2]} ${target}`);
  }
  return out;
}

/**
 * A line diff (LCS) printed with `-`/`+` markers and a little context; empty when equal. Long
 * dumps are cut to the first `maxLines` lines of diff.
 */
export function diffLines(expected: string[], actual: string[], maxLines = 120): string {
  if (expected.length === actual.length && expected.every((l, i) => l === actual[i])) return "";
  // Trim the common head and tail, then LCS on the middle (kept small by the trimming).
  let head = 0;
  while (head < expected.length && head < actual.length && expected[head] === actual[head]) head++;
  let tail = 0;
  while (tail < expected.length - head && tail < actual.length - head &&
    expected[expected.length - 1 - tail] === actual[actual.length - 1 - tail]) tail++;
  const a = expected.slice(head, expected.length - tail);
  const b = actual.slice(head, actual.length - tail);
  const ops: string[] = [];
  if (a.length * b.length > 25_000_000) {
    for (const l of a) ops.push(`- ${l}`);
    for (const l of b) ops.push(`+ ${l}`);
  } else {
    const w = b.length + 1;
    const dp = new Uint32Array((a.length + 1) * w);
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        dp[i * w + j] = a[i] === b[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) { ops.push(`  ${a[i]}`); i++; j++; }
      else if (j < b.length && (i === a.length || dp[i * w + j + 1]! >= dp[(i + 1) * w + j]!)) ops.push(`+ ${b[j++]}`);
      else ops.push(`- ${a[i++]}`);
    }
  }
  const context = expected.slice(Math.max(0, head - 3), head).map((l) => `  ${l}`);
  const after = expected.slice(expected.length - tail, expected.length - tail + 3).map((l) => `  ${l}`);
  const lines = [`@@ dump line ${head + 1} (- GNU as, + Alternator)`, ...context, ...ops, ...after];
  return lines.length > maxLines ? [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more diff lines`].join("\n") : lines.join("\n");
}

/** Empty when the objects match; otherwise a readable diff. */
export function compareObjects(gnuObject: string, alternatorObject: string, opts: DumpOptions = {}): string {
  return diffLines(dumpObject(gnuObject, opts), dumpObject(alternatorObject, opts));
}

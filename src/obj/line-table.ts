/**
 * The image's line table: which source line each instruction came from, so that `alternator run
 * --trace` (and later `objdump`) can print `file:line`. Our format, in the non-allocated section
 * `.alternator.lines` (little-endian):
 *
 *     u32 file count, then per file: u32 byte length, the name's bytes
 *     u32 entry count, then per entry (ascending address): u64 address, u32 file index, u32 line
 *
 * Only instructions assembled by Alternator have lines; objects read from disk have none.
 */
export const LINE_TABLE_SECTION = ".alternator.lines";

export interface ImageLine {
  address: number;
  file: string;
  line: number;
}

export function encodeLineTable(lines: readonly ImageLine[]): Uint8Array {
  const files = [...new Set(lines.map((l) => l.file))];
  const fileIndex = new Map(files.map((f, i) => [f, i]));
  const names = files.map((f) => new TextEncoder().encode(f));
  const size = 4 + names.reduce((n, b) => n + 4 + b.length, 0) + 4 + lines.length * 16;
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  let p = 0;
  dv.setUint32(p, files.length, true);
  p += 4;
  for (const b of names) {
    dv.setUint32(p, b.length, true);
    out.set(b, p + 4);
    p += 4 + b.length;
  }
  dv.setUint32(p, lines.length, true);
  p += 4;
  for (const l of [...lines].sort((a, b) => a.address - b.address)) {
    dv.setBigUint64(p, BigInt(l.address), true);
    dv.setUint32(p + 8, fileIndex.get(l.file)!, true);
    dv.setUint32(p + 12, l.line, true);
    p += 16;
  }
  return out;
}

/** Decodes a line table; a malformed one gives what could be read (it is a debugging aid). */
export function decodeLineTable(data: Uint8Array): ImageLine[] {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: ImageLine[] = [];
  try {
    let p = 0;
    const nfiles = dv.getUint32(p, true);
    p += 4;
    const files: string[] = [];
    for (let i = 0; i < nfiles; i++) {
      const n = dv.getUint32(p, true);
      files.push(new TextDecoder().decode(data.subarray(p + 4, p + 4 + n)));
      p += 4 + n;
    }
    const count = dv.getUint32(p, true);
    p += 4;
    for (let i = 0; i < count; i++, p += 16) {
      out.push({ address: Number(dv.getBigUint64(p, true)), file: files[dv.getUint32(p + 8, true)] ?? "?", line: dv.getUint32(p + 12, true) });
    }
  } catch {
    // RangeError past the end: keep what was read.
  }
  return out;
}

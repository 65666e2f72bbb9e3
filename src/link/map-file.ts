/**
 * The map file: output sections with their addresses and sizes, the input sections each holds with
 * the object they came from, and the symbols defined in each, by address — the questions a map file
 * answers ("where did this byte come from", "why is this section so big").
 */
import { SHF_ALLOC, STT_FILE } from "../obj/elf.js";
import type { Image } from "./image.js";

const hex = (n: number | bigint, w = 16): string => `0x${n.toString(16).padStart(w, "0")}`;

export function mapFile(image: Image): string {
  const lines: string[] = [];
  lines.push(`Entry point: ${hex(image.entry)}${image.patchedFor ? `\nAlternatives patched for CPU profile: ${image.patchedFor}` : ""}`, "");
  lines.push("Segments:");
  for (const seg of image.segments) {
    const type = seg.type === 1 ? "LOAD" : "NOTE";
    const flags = `${seg.flags & 4 ? "R" : " "}${seg.flags & 2 ? "W" : " "}${seg.flags & 1 ? "X" : " "}`;
    lines.push(`  ${type.padEnd(5)} ${flags} ${hex(seg.address)} memsz ${hex(seg.memSize, 8)} filesz ${hex(seg.fileSize, 8)}  ${seg.sections.map((i) => image.sections[i]!.name).join(" ")}`);
  }
  lines.push("", "Output section        Address             Size        Align  Input");
  image.sections.forEach((s, i) => {
    if ((s.flags & SHF_ALLOC) === 0) return;
    lines.push(`${s.name.padEnd(21)} ${hex(s.address)}  ${hex(s.size, 8)}  ${String(s.align).padStart(5)}`);
    for (const inp of s.inputs) {
      lines.push(`  ${inp.name.padEnd(19)} ${hex(inp.address)}  ${hex(inp.size, 8)}  ${String(inp.align).padStart(5)}  ${inp.file}`);
      const syms = image.symbols
        .filter((y) => y.section === i && y.type !== STT_FILE && y.value >= BigInt(inp.address) && y.value < BigInt(inp.address + inp.size))
        .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      for (const y of syms) lines.push(`                      ${hex(y.value)}              ${y.bind === 0 ? "  " : "G "}${y.name}`);
    }
  });
  const abs = image.symbols.filter((y) => y.section === "abs" && y.type !== STT_FILE);
  if (abs.length) {
    lines.push("", "Absolute symbols:");
    for (const y of abs) lines.push(`  ${hex(BigInt.asUintN(64, y.value))}  ${y.name}`);
  }
  return lines.join("\n") + "\n";
}

/** Names an image address as `symbol+0xoff` (the nearest symbol at or below it in its section). */
import { STT_FILE, STT_SECTION } from "../obj/elf.js";
import { nearestAtOrBelow, symbolOffset } from "../obj/nearest-symbol.js";
import type { Image, ImageSymbol } from "./image.js";

const sortedCache = new WeakMap<Image, ImageSymbol[]>();

function sortedSymbols(image: Image): ImageSymbol[] {
  let s = sortedCache.get(image);
  if (!s) {
    s = image.symbols.filter((x) => x.section !== "abs" && x.type !== STT_FILE && x.type !== STT_SECTION).sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    sortedCache.set(image, s);
  }
  return s;
}

export function symbolize(image: Image, address: number): string {
  const syms = sortedSymbols(image);
  const a = BigInt(address);
  let best = nearestAtOrBelow(syms, (s) => s.value, a);
  // Prefer a global among several symbols at the same address, as objdump does.
  if (best) {
    const same = syms.filter((s) => s.value === best!.value);
    best = same.find((s) => s.bind !== 0) ?? best;
  }
  if (!best || best.section !== image.sections.findIndex((s) => address >= s.address && address < s.address + Math.max(1, s.size))) return `0x${address.toString(16)}`;
  return symbolOffset(best.name, a - best.value);
}

/**
 * The ELF note an image carries when its alternatives were applied at link time (`link --cpu`):
 * section `.note.alternator` (not allocated), owner "Alternator", type 1 (our number), and the CPU
 * profile's name, NUL-terminated, as the description. Written by the linker, read by the emulator and
 * `objdump`.
 */
export const ALTERNATOR_NOTE_SECTION = ".note.alternator";
export const ALTERNATOR_NOTE_NAME = "Alternator";
export const NT_ALTERNATOR_CPU = 1;

const pad4 = (n: number): number => (n + 3) & ~3;

export function encodeProfileNote(profile: string): Uint8Array {
  const name = new TextEncoder().encode(`${ALTERNATOR_NOTE_NAME}\0`);
  const desc = new TextEncoder().encode(`${profile}\0`);
  const data = new Uint8Array(12 + pad4(name.length) + pad4(desc.length));
  const dv = new DataView(data.buffer);
  dv.setUint32(0, name.length, true);
  dv.setUint32(4, desc.length, true);
  dv.setUint32(8, NT_ALTERNATOR_CPU, true);
  data.set(name, 12);
  data.set(desc, 12 + pad4(name.length));
  return data;
}

/** The profile named by a `.note.alternator` section's contents, or undefined if it holds none. */
export function decodeProfileNote(data: Uint8Array): string | undefined {
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let p = 0; p + 12 <= data.length;) {
    const namesz = dv.getUint32(p, true);
    const descsz = dv.getUint32(p + 4, true);
    const type = dv.getUint32(p + 8, true);
    const nameAt = p + 12;
    const descAt = nameAt + pad4(namesz);
    if (descAt + descsz > data.length) return undefined;
    const name = new TextDecoder("latin1").decode(data.subarray(nameAt, nameAt + namesz)).replace(/\0+$/, "");
    if (name === ALTERNATOR_NOTE_NAME && type === NT_ALTERNATOR_CPU) {
      return new TextDecoder("latin1").decode(data.subarray(descAt, descAt + descsz)).replace(/\0+$/, "");
    }
    p = descAt + pad4(descsz);
  }
  return undefined;
}

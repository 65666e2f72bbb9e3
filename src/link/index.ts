/** The linker's public surface. */
export { link, DEFAULT_ENTRIES, type LinkOptions } from "./link.js";
export { defaultLayout, type LinkLayout, type OutputSectionRule } from "./layout-spec.js";
export type { Image, ImageSymbol, OutputSection, Segment, PlacedInput } from "./image.js";
export { imageMemory, sectionAt } from "./image.js";
export { writeExec, writeFlat } from "./write-exec.js";
export { mapFile } from "./map-file.js";
export { runtimeObjects, runtimeSources, RUNTIME_DIR } from "./runtime.js";
export { symbolize } from "./symbolize.js";

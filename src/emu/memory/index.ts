export { PhysicalMemory, Page, PAGE_SIZE, PAGE_SHIFT, PAGE_MASK } from "./physical.js";
export type { PhysicalMemoryOptions, CodeRange, CodeWriteListener } from "./physical.js";

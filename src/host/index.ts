/** The build-tool integrations. Today: the Rollup plugin (an unplugin factory for other bundlers comes later). */
export { alternator } from "./rollup-plugin.js";
export type { AlternatorOptions } from "./rollup-plugin.js";

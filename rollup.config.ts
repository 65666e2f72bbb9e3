/**
 * Builds the examples through the Alternator Rollup plugin: examples/index.js imports the example
 * .S files; each becomes an ELF object in dist/examples/. Run it with `npm run build:examples`.
 * (Linking the objects into images, and building the package itself, come with later issues.)
 */
import type { RollupOptions } from "rollup";
import { alternator } from "./src/host/index.js";

const config: RollupOptions = {
  input: "examples/index.js",
  plugins: [alternator({ includeDirs: ["examples/include"] })],
  output: { dir: "dist/examples", format: "es", assetFileNames: "[name][extname]" },
};

export default config;

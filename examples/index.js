// Entry of the example build (`npm run build:examples`): each import runs one .S file through the
// Alternator Rollup plugin, which emits its ELF object as an asset; the import's value is that
// object's URL. dist/examples/ then holds index.js, hello.o and xen-thunk.o.
import hello from "./hello.S";
import xenThunk from "./xen-thunk.S";

export const objects = { hello, xenThunk };

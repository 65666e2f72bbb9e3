import type { Mnemonic } from "iced-x86";
import type { OpDef } from "./translate.js";
export const bitOps: ReadonlyArray<[Mnemonic, OpDef]> = [];

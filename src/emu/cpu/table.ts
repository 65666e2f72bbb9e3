/**
 * The dispatch table: every instruction family's ops by iced mnemonic, joined once. The translator
 * looks each decoded instruction up here (`defOf`); a mnemonic no family claims raises #UD, with the
 * mnemonic named in the stop reason.
 */
import type { Mnemonic } from "iced-x86";
import { aluOps } from "./alu.js";
import { bitOps } from "./bits.js";
import { controlOps } from "./control.js";
import { moveOps } from "./move.js";
import { muldivOps } from "./muldiv.js";
import { shiftOps } from "./shift.js";
import { stackOps } from "./stack.js";
import { stringOps } from "./string.js";
import { msrImmDef, systemOps } from "./system.js";
import { defResolver, type DefOf, type OpDef } from "./translate.js";

const families: ReadonlyArray<ReadonlyArray<[Mnemonic, OpDef]>> = [aluOps, moveOps, controlOps, stackOps, shiftOps, muldivOps, bitOps, stringOps, systemOps];

function build(): Map<Mnemonic, OpDef> {
  const m = new Map<Mnemonic, OpDef>();
  for (const fam of families) {
    for (const [mn, def] of fam) {
      if (m.has(mn)) throw new Error(`mnemonic ${mn} claimed twice`);
      m.set(mn, def);
    }
  }
  return m;
}

export const opTable: ReadonlyMap<Mnemonic, OpDef> = build();

export const defOf: DefOf = defResolver(opTable, msrImmDef);

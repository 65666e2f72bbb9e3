/**
 * AT&T mnemonic → candidate form lists. GNU accepts a template name, or a template name plus a size
 * suffix; a name can be both (`movsd` the string move, `movq` the SSE move and `mov` + `q`), so the
 * candidates are tried in order until one takes the operands.
 */
import type { Form } from "../../isa/forms.js";
import { formsOf } from "../../isa/forms.js";
import type { AttName } from "../../isa/mnemonics.js";
import { attNames, SUFFIX_SIZE } from "../../isa/mnemonics.js";
import type { Candidate } from "./select.js";

const memo = new Map<string, Candidate[]>();

function fromAtt(a: AttName, size: number | undefined): Candidate {
  const forms: Form[] = [];
  for (const m of a.iced) forms.push(...formsOf(m));
  const c: Candidate = { forms };
  const s = size ?? a.size;
  if (s !== undefined) c.size = s;
  if (a.srcSize !== undefined) c.srcSize = a.srcSize;
  if (a.far) c.far = true;
  if (a.abs64) c.abs64 = true;
  return c;
}

/** The candidates for `mnemonic` (lower case, suffix included), most specific first. */
export function resolveMnemonic(mnemonic: string): readonly Candidate[] {
  let list = memo.get(mnemonic);
  if (list) return list;
  list = [];
  const att = attNames.get(mnemonic);
  if (att) list.push(fromAtt(att, undefined));
  const direct = formsOf(mnemonic);
  if (direct.length && !att) list.push({ forms: direct });
  const suffix = SUFFIX_SIZE[mnemonic[mnemonic.length - 1] ?? ""];
  if (suffix !== undefined && mnemonic.length > 1) {
    const stem = mnemonic.slice(0, -1);
    const stemAtt = attNames.get(stem);
    if (stemAtt?.family) {
      // A suffix the family does not take is a mismatch ("invalid instruction suffix"), not an unknown name.
      const ok = (stemAtt.suffixes ?? "bwlq").includes(mnemonic[mnemonic.length - 1]!);
      list.push(ok ? fromAtt(stemAtt, suffix) : { forms: [], size: suffix });
    }
    else if (!stemAtt && formsOf(stem).length) list.push({ forms: formsOf(stem), size: suffix });
  }
  memo.set(mnemonic, list);
  return list;
}

/**
 * x86 condition codes (the `cc` of Jcc, SETcc, CMOVcc) with every alias GNU as accepts. The value is
 * the 4-bit condition number: `70+cc` for Jcc rel8, `0F 80+cc` for rel32, `0F 90+cc` SETcc,
 * `0F 40+cc` CMOVcc.
 */
export const conditionCodes: Readonly<Record<string, number>> = {
  o: 0, no: 1,
  b: 2, c: 2, nae: 2,
  ae: 3, nb: 3, nc: 3,
  e: 4, z: 4,
  ne: 5, nz: 5,
  be: 6, na: 6,
  a: 7, nbe: 7,
  s: 8, ns: 9,
  p: 10, pe: 10,
  np: 11, po: 11,
  l: 12, nge: 12,
  ge: 13, nl: 13,
  le: 14, ng: 14,
  g: 15, nle: 15,
};

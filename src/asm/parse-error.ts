import type { DiagCode } from "../diag/codes.js";
import { error, type Diagnostic, type SourceSpan } from "../diag/diagnostic.js";

/** A syntax error found while parsing one statement; the parser turns it into an `invalid` node. */
export class ParseError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(code: DiagCode, message: string, span: SourceSpan) {
    super(message);
    this.diagnostic = error(code, message, span);
  }
}

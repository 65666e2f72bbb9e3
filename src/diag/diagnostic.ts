import type { DiagCode } from "./codes.js";

/** Where a diagnostic points: 1-based line and column, as editors count them. */
export interface SourceSpan {
  file: string;
  line: number;
  col: number;
  /** Characters to underline in the code frame (at least 1). */
  length?: number;
}

export type Severity = "error" | "warning" | "note";

export interface Diagnostic {
  severity: Severity;
  code: DiagCode;
  message: string;
  span?: SourceSpan;
  /** Further locations, e.g. the macro invocation an error came from. */
  notes?: Diagnostic[];
}

/**
 * Thrown by any stage that cannot produce its output. Carries every diagnostic gathered so far, so
 * that one run reports several errors.
 */
export class DiagnosticError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join("\n"));
    this.name = "DiagnosticError";
    this.diagnostics = diagnostics;
  }
}

export function error(code: DiagCode, message: string, span?: SourceSpan): Diagnostic {
  return span ? { severity: "error", code, message, span } : { severity: "error", code, message };
}

export function warning(code: DiagCode, message: string, span?: SourceSpan): Diagnostic {
  return span ? { severity: "warning", code, message, span } : { severity: "warning", code, message };
}

/** Collects diagnostics across a stage; `fail()` throws them together. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  private errorCount = 0;
  /** Past this many errors further ones are dropped: a broken file should not print thousands. */
  constructor(private readonly maxErrors = 50) {}

  add(d: Diagnostic): void {
    if (d.severity === "error") {
      if (this.errorCount >= this.maxErrors) return;
      this.errorCount++;
    }
    this.items.push(d);
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  /** Throws if any error was recorded. */
  check(): void {
    if (this.errorCount > 0) throw new DiagnosticError(this.items);
  }
}

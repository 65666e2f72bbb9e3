import pc from "picocolors";
import type { Diagnostic } from "./diagnostic.js";

/** Source text by file name, for code frames. */
export type SourceLookup = (file: string) => string | undefined;

/**
 * Formats a diagnostic the way compilers do:
 *
 *     file.S:3:5: error[A030]: unknown instruction `movz`
 *        3 |     movz %eax, %ebx
 *          |     ^^^^
 */
export function formatDiagnostic(d: Diagnostic, sources?: SourceLookup, color = false): string {
  const c = color ? pc : noColor;
  const sev = d.severity === "error" ? c.red("error") : d.severity === "warning" ? c.yellow("warning") : c.cyan("note");
  const where = d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : "";
  let out = `${c.bold(where)}${sev}[${d.code}]: ${d.message}`;
  const text = d.span && sources?.(d.span.file);
  if (d.span && text !== undefined) {
    const line = lineAt(text, d.span.line);
    if (line !== undefined) {
      const num = String(d.span.line);
      const gutter = " ".repeat(num.length);
      const caretCol = Math.max(1, d.span.col);
      const caretLen = Math.max(1, Math.min(d.span.length ?? 1, Math.max(1, line.length - caretCol + 1)));
      const pad = line.slice(0, caretCol - 1).replace(/[^\t]/g, " ");
      out += `\n ${c.dim(num + " |")} ${line}\n ${c.dim(gutter + " |")} ${pad}${c.red("^".repeat(caretLen))}`;
    }
  }
  for (const n of d.notes ?? []) out += "\n" + formatDiagnostic(n, sources, color);
  return out;
}

function lineAt(text: string, line: number): string | undefined {
  let start = 0;
  for (let i = 1; i < line; i++) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end < 0 ? text.length : end);
}

const id = (s: string) => s;
const noColor = { red: id, yellow: id, cyan: id, bold: id, dim: id };

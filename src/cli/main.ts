/**
 * The `alternator` command. Each subcommand is one file in this folder; this file wires them to the
 * argument parser and turns diagnostics into `file:line:col: error[CODE]: message` with a code frame
 * on stderr. Exit status: 0 success, 1 user error (bad input), 2 usage error.
 */
import { readFileSync } from "node:fs";
import cac from "cac";
import { DiagnosticError, type Diagnostic } from "../diag/diagnostic.js";
import { formatDiagnostic } from "../diag/frame.js";
import { asCommand } from "./as.js";
import { cpusCommand } from "./cpus.js";
import { linkCommand } from "./link.js";
import { objdumpCommand } from "./objdump.js";
import { runCommand } from "./run.js";
import { runRawBatchCommand, runRawCommand } from "./run-raw.js";

const cli = cac("alternator");
const color = process.stderr.isTTY === true && !process.env.NO_COLOR;

function sources(file: string): string | undefined {
  try {
    return readFileSync(file).toString("latin1");
  } catch {
    return undefined;
  }
}

function printDiagnostics(ds: readonly Diagnostic[]): void {
  for (const d of ds) process.stderr.write(formatDiagnostic(d, sources, color) + "\n");
}

/** Runs a command body; diagnostics become exit status 1, never a stack trace. */
function run(body: () => void): void {
  try {
    body();
  } catch (e) {
    if (e instanceof DiagnosticError) {
      printDiagnostics(e.diagnostics);
      const usage = e.diagnostics.some((d) => d.code === "C001");
      process.exitCode = usage ? 2 : 1;
      return;
    }
    process.stderr.write(`alternator: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 70;
  }
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

cli
  .command("as <file>", "Assemble a GNU-as (AT&T) source into an ELF64 relocatable object")
  .option("-o <file>", "Output object (default: FILE with .o)")
  .option("-I <dir>", "Add a directory to the .include/.incbin search path (repeatable)")
  .option("--defsym <name=value>", "Define an absolute symbol (repeatable)")
  .action((file: string, o: Record<string, unknown>) =>
    run(() => {
      const { warnings, printed } = asCommand(file, { output: o.o as string | undefined, include: list(o.I), defsym: list(o.defsym) });
      for (const p of printed) process.stdout.write(p + "\n");
      printDiagnostics(warnings);
    }),
  );

cli
  .command("link [...files]", "Link ELF64 objects (ours or GNU as's; .S inputs are assembled) into a bootable image")
  .option("-o <file>", "Output image (required)")
  .option("--entry <sym>", "Entry symbol (default: _start64, else _start)")
  .option("--format <fmt>", "elf (ET_EXEC with the PVH note) or bin (flat binary)", { default: "elf" })
  .option("--map <file>", "Write a map file")
  .option("--cpu <profile>", "Apply alternatives statically for a CPU profile")
  .option("--no-runtime", "Do not link the runtime (boot stub, _start64, console, exit)")
  .option("-I <dir>", "Include directory for .S inputs (repeatable)")
  .action((files: string[], o: Record<string, unknown>) =>
    run(() => {
      if (!o.o) throw new DiagnosticError([{ severity: "error", code: "C001", message: "link: -o IMAGE is required" }]);
      const format = String(o.format);
      if (format !== "elf" && format !== "bin") throw new DiagnosticError([{ severity: "error", code: "C001", message: `link: --format must be elf or bin, not \`${format}\`` }]);
      linkCommand(files, {
        output: String(o.o),
        format,
        runtime: o.runtime !== false,
        include: list(o.I),
        ...(o.entry !== undefined ? { entry: String(o.entry) } : {}),
        ...(o.map !== undefined ? { map: String(o.map) } : {}),
        ...(o.cpu !== undefined ? { cpu: String(o.cpu) } : {}),
      });
    }),
  );

cli
  .command("objdump <file>", "Disassemble an object, with symbols, relocations, MSR-immediate forms, alternatives and extable entries")
  .option("--cpu <profile>", "Show alternatives as patched for a CPU profile (images; not yet for objects)")
  .action((file: string, o: Record<string, unknown>) =>
    run(() => {
      process.stdout.write(objdumpCommand(file, o.cpu ? { cpu: String(o.cpu) } : {}));
    }),
  );

cli
  .command("run [image]", "Boot an image in the bundled emulator on CPU profiles (console to stdout, exit status = the guest's exit code)")
  .option("--cpu <profile>", "CPU profile (repeatable; default legacy)")
  .option("--trace", "Print every instruction executed, with its symbol, to stderr")
  .option("--max-steps <n>", "Step budget: stop after N instructions")
  .option("--json", "Print the results and counters as JSON")
  .option("--expect <file>", "Compare console output and exit code with a JSON expectation file")
  .option("--raw <file>", "Raw mode: run flat code from a register state until HLT (with --base, --regs)")
  .option("--base <addr>", "Raw mode: load address of the flat code (and the default RIP)")
  .option("--regs <file>", "Raw mode: STATE.json with the registers, memory fills and dump windows")
  .option("--raw-batch <file>", "Raw mode over a JSON list of {bin, base, regs}: one JSON line per case")
  .action((image: string | undefined, o: Record<string, unknown>) =>
    run(() => {
      const maxSteps = o.maxSteps !== undefined ? Number(o.maxSteps) : undefined;
      if (maxSteps !== undefined && (!Number.isInteger(maxSteps) || maxSteps <= 0)) throw new DiagnosticError([{ severity: "error", code: "C001", message: `run: --max-steps must be a positive integer, not \`${String(o.maxSteps)}\`` }]);
      const write = (t: string): void => void process.stdout.write(t);
      if (o.rawBatch !== undefined) {
        process.exitCode = runRawBatchCommand(String(o.rawBatch), maxSteps, write);
        return;
      }
      if (o.raw !== undefined) {
        if (o.base === undefined) throw new DiagnosticError([{ severity: "error", code: "C001", message: "run --raw: --base ADDR is required" }]);
        process.exitCode = runRawCommand(String(o.raw), o.base, o.regs !== undefined ? String(o.regs) : undefined, maxSteps, write);
        return;
      }
      if (!image) throw new DiagnosticError([{ severity: "error", code: "C001", message: "run: an IMAGE (or --raw FILE) is required" }]);
      process.exitCode = runCommand(image, {
        cpus: list(o.cpu), trace: o.trace === true, json: o.json === true,
        ...(maxSteps !== undefined ? { maxSteps } : {}),
        ...(o.expect !== undefined ? { expect: String(o.expect) } : {}),
      }, (t) => process.stdout.write(t), (t) => process.stderr.write(t));
    }),
  );

cli
  .command("cpus", "List the CPU profiles and their features")
  .action(() => run(() => process.stdout.write(cpusCommand())));

cli.help();
cli.version("0.1.0");

try {
  cli.parse(process.argv, { run: false });
  if (!cli.matchedCommand) {
    if (cli.args.length > 0) {
      process.stderr.write(`alternator: unknown command \`${cli.args[0]}\` (see alternator --help)\n`);
      process.exitCode = 2;
    } else if (!cli.options.help && !cli.options.version) cli.outputHelp();
  } else {
    cli.runMatchedCommand();
  }
} catch (e) {
  process.stderr.write(`alternator: ${(e as Error).message}\n`);
  process.exitCode = 2;
}

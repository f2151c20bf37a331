/**
 * `keycard authorize FILE|DIR...`: evaluates authorize documents (formats.md §3) and prints one
 * result per document, as text or as JSON lines (formats.md §4).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { KeycardUsageError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { ExitCode } from '../../diagnostics/exit-codes.js';
import { authorize, type AuthorizeResult } from '../../iam/authorize.js';
// --- cedar engine hook (owner: Cedar) ---
import { isEngineChoice, runEngine, type EngineChoice, type EngineRunResult } from '../../cedar/engines.js';
import { loadCedar } from '../../cedar/wasm.js';
// --- end cedar engine hook ---
import { renderExplain } from '../../iam/explain-text.js';
import { loadAuthorizeFile, type AuthorizeLoadError } from '../../load/authorize.js';
import { colorEnabled, paint } from '../../report/color.js';
import { displayPath, renderDiagnostics } from '../../report/diagnostic-text.js';

const HELP_AFTER = `
A document holds policies (identity, boundary, session, resource, scp, rcp), one request
(principal, action, resource, resourceAccount, context) and optionally \`expect\`
(Allow | ExplicitDeny | ImplicitDeny). The request is literal: its context holds exactly the
keys given. A file may hold one document or a list; a directory means every .json/.yaml/.yml
file below it. See formats.md §3.

Output:
  text   per document: PASS/FAIL (when it has \`expect\`), the decision and why
  json   one JSON object per document per line: {"id","decision","expected","pass","explain"};
         a document that cannot be read gets {"id","file","error"}

Exit codes: 0 all passed, 1 a decision differs from \`expect\`, 2 usage error, 3 invalid input.

Examples:
  keycard authorize request.yaml
  keycard authorize corpus/iam --format json
  keycard authorize request.yaml --explain`;

interface Options {
  format: string;
  explain?: boolean;
  engine: string; // cedar engine hook
}

/** Files named on the command line, directories expanded (sorted, recursive). */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let isDir = false;
    try {
      isDir = statSync(abs).isDirectory();
    } catch {
      out.push(abs); // the loader reports the missing file as a result line
      continue;
    }
    if (!isDir) {
      out.push(abs);
      continue;
    }
    const found = readdirSync(abs, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.(ya?ml|json)$/i.test(e.name))
      .map((e) => join(e.parentPath ?? abs, e.name))
      .sort();
    out.push(...found);
  }
  return out;
}

function isError(x: object): x is AuthorizeLoadError {
  return 'diagnostics' in x && !('decision' in x) && !('request' in x);
}

export function register(program: Command): void {
  program
    .command('authorize')
    .description('evaluate IAM requests against explicitly given policies (identity, boundary, session, resource, SCP, RCP)')
    .argument('<paths...>', 'authorize documents: .yaml/.yml/.json files or directories')
    .option('--format <format>', 'output format: text or json', 'text')
    .option('--explain', 'text format: show every statement of every policy and why it did or did not match')
    .option('--engine <engine>', 'native (default), cedar, or both (compare them; a disagreement is a warning)', 'native') // cedar engine hook
    .addHelpText('after', HELP_AFTER)
    .action(async (paths: string[], opts: Options) => {
      if (opts.format !== 'text' && opts.format !== 'json') {
        throw new KeycardUsageError(`unknown format \`${opts.format}\``, 'use `--format text` or `--format json`');
      }
      // --- cedar engine hook ---
      if (!isEngineChoice(opts.engine)) throw new KeycardUsageError(`unknown engine \`${opts.engine}\``, 'use `--engine native`, `--engine cedar` or `--engine both`');
      if (opts.engine !== 'native') await loadCedar();
      // --- end cedar engine hook ---
      process.exitCode = runAuthorize(paths, opts);
    });
}

function runAuthorize(paths: string[], opts: Options): number {
  const color = opts.format === 'text' && colorEnabled(process.stdout);
  const diagnostics: Diagnostic[] = [];
  let failed = false;
  let invalid = false;
  for (const file of collectFiles(paths)) {
    for (const loaded of loadAuthorizeFile(file)) {
      const result = isError(loaded) ? loaded : runEngine(loaded, opts.engine as EngineChoice); // cedar engine hook
      if (isError(result)) {
        invalid = true;
        diagnostics.push(...result.diagnostics);
        const error = result.diagnostics.map((d) => d.message).join('; ');
        if (opts.format === 'json') process.stdout.write(JSON.stringify({ id: result.id, file: result.file, error }) + '\n');
        else process.stdout.write(`${paint('ERROR', 'red', color)} ${result.id}  ${displayPath(result.file)}: ${error}\n`);
        continue;
      }
      diagnostics.push(...result.diagnostics);
      if (result.diagnostics.some((d) => d.severity === 'error')) invalid = true;
      if (result.pass === false) failed = true;
      if (opts.format === 'json') {
        const line: Record<string, unknown> = { id: result.id, decision: result.decision };
        if (result.expected !== undefined) {
          line.expected = result.expected;
          line.pass = result.pass;
        }
        line.explain = result.explain;
        if ((result as EngineRunResult).engines) line.engines = (result as EngineRunResult).engines; // cedar engine hook
        process.stdout.write(JSON.stringify(line) + '\n');
      } else {
        process.stdout.write(textResult(result, opts.explain === true, color) + '\n');
      }
    }
  }
  const shown = dedupe(diagnostics).filter((d) => d.severity !== 'info');
  if (shown.length > 0) process.stderr.write(renderDiagnostics(shown, { color: colorEnabled(process.stderr) }) + '\n');
  return invalid ? ExitCode.InvalidInput : failed ? ExitCode.Failed : ExitCode.Ok;
}

function textResult(r: AuthorizeResult, full: boolean, color: boolean): string {
  const status = r.pass === undefined ? '' : r.pass ? paint('PASS', 'green', color) + ' ' : paint('FAIL', 'red', color) + ' ';
  const expected = r.pass === false ? ` (expected ${r.expected})` : '';
  const head = `${status}${r.id}  ${r.decision}${expected}`;
  const body = full ? renderExplain(r.explain, { full: true }) : `  ${r.explain.summary}`;
  return `${head}\n${body}`;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.code}|${d.message}|${d.location?.file}:${d.location?.line}:${d.location?.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The work of `keycard authorize`: load documents, decide them with the chosen engine, print. */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ExitCode } from '../diagnostics/exit-codes.js';
import type { AuthorizeResult } from '../iam/authorize.js';
import { runEngine, type EngineChoice, type EngineRunResult } from '../cedar/engines.js';
import { loadCedar } from '../cedar/wasm.js';
import { renderExplain } from '../iam/explain-text.js';
import { loadAuthorizeFile, type AuthorizeLoadError } from '../load/authorize.js';
import { colorEnabled, paint } from '../text/color.js';
import { renderDiagnostics } from '../report/diagnostic-text.js';
import { displayPath } from '../text/display-path.js';
import type { AuthorizeOptions as Options } from './commands/authorize.js';
import { jsonText } from '../report/json-view.js';
import { stderr, stdout } from '../text/stdio.js';

/** Files named on the command line, directories expanded (sorted, recursive). */
function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    let isDir: boolean;
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

export async function runAuthorize(paths: string[], opts: Options): Promise<number> {
  if (opts.engine !== 'native') await loadCedar();
  const color = opts.format === 'text' && colorEnabled(stdout);
  const diagnostics: Diagnostic[] = [];
  let failed = false;
  let invalid = false;
  for (const file of collectFiles(paths)) {
    for (const loaded of loadAuthorizeFile(file)) {
      // Every format prints the explanation (text: its summary), so it is built in the one evaluation.
      const result = isError(loaded) ? loaded : runEngine(loaded, opts.engine as EngineChoice, { explain: true }); // cedar engine hook
      if (isError(result)) {
        invalid = true;
        diagnostics.push(...result.diagnostics);
        const error = result.diagnostics.map((d) => d.message).join('; ');
        if (opts.format === 'json') stdout.write(jsonText({ id: result.id, file: result.file, error }) + '\n');
        else stdout.write(`${paint('ERROR', 'red', color)} ${result.id}  ${displayPath(result.file)}: ${error}\n`);
        continue;
      }
      diagnostics.push(...result.diagnostics);
      if (result.diagnostics.some((d) => d.severity === 'error')) invalid = true;
      if (result.pass === false) failed = true;
      // Cedar alone that could not decide gives no decision: a script must not read a Deny into it.
      const cedar = (result as EngineRunResult).engines?.cedar;
      const undecided = opts.engine === 'cedar' && (cedar === 'untranslatable' || cedar === 'error');
      if (opts.format === 'json') {
        const line: Record<string, unknown> = { id: result.id, decision: undecided ? null : result.decision };
        if (undecided) line.reason = result.explain.summary;
        if (result.expected !== undefined) {
          line.expected = result.expected;
          line.pass = result.pass;
        }
        line.explain = undecided ? { ...result.explain, decision: null } : result.explain;
        if ((result as EngineRunResult).engines) line.engines = (result as EngineRunResult).engines; // cedar engine hook
        stdout.write(jsonText(line) + '\n');
      } else {
        stdout.write(textResult(result, opts.explain === true, color, undecided) + '\n');
      }
    }
  }
  const shown = dedupe(diagnostics).filter((d) => d.severity !== 'info');
  if (shown.length > 0) stderr.write(renderDiagnostics(shown, { color: colorEnabled(stderr) }) + '\n');
  return invalid ? ExitCode.InvalidInput : failed ? ExitCode.Failed : ExitCode.Ok;
}

function textResult(r: AuthorizeResult, full: boolean, color: boolean, undecided = false): string {
  const status = r.pass === undefined ? '' : r.pass ? paint('PASS', 'green', color) + ' ' : paint('FAIL', 'red', color) + ' ';
  const expected = r.pass === false ? ` (expected ${r.expected})` : '';
  const head = `${status}${r.id}  ${undecided ? 'no decision' : r.decision}${expected}`;
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

/**
 * `--format sarif` for `keycard validate`: SARIF 2.1.0, as GitHub code scanning reads it.
 * One rule per diagnostic code (ruleId = the stable code, helpUri = its docs page), results with
 * paths relative to the working directory under `%SRCROOT%`, and the command's exit code.
 */
import { pathToFileURL } from 'node:url';
import { diagnosticUrl, sortDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { ExitCode } from '../../diagnostics/exit-codes.js';
import { displayPath } from '../../text/display-path.js';
import type { ReporterContext, ValidateReporter } from '../reporter.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;
const SRCROOT = '%SRCROOT%';

/** Code `iam_unknown_action` -> `iam unknown action`: diagnostics carry no separate rule title. */
const ruleTitle = (code: string) => code.replace(/_/g, ' ');

function artifactLocation(file: string, cwd: string): { uri: string; uriBaseId?: string } {
  const shown = displayPath(file, cwd);
  // A file outside the working directory keeps an absolute file: URI, which needs no base.
  if (shown.startsWith('/')) return { uri: pathToFileURL(shown).href };
  return { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function sarifResult(d: Diagnostic, ruleIndex: number, cwd: string): Record<string, unknown> {
  const loc = d.location;
  return {
    ruleId: d.code,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text: d.help ? `${d.message}\nhelp: ${d.help}` : d.message },
    locations: loc && [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(loc.file, cwd),
          region: { startLine: loc.line, startColumn: loc.column, endLine: loc.endLine, endColumn: loc.endColumn },
        },
      },
    ],
  };
}

export function sarifValidateReporter(ctx: ReporterContext): ValidateReporter {
  return {
    onRunEnd(result, end) {
      const diagnostics = sortDiagnostics(result.diagnostics);
      const rules: Record<string, unknown>[] = [];
      const ruleIndex = new Map<string, number>();
      for (const d of diagnostics) {
        if (ruleIndex.has(d.code)) continue;
        ruleIndex.set(d.code, rules.length);
        rules.push({
          id: d.code,
          shortDescription: { text: ruleTitle(d.code) },
          helpUri: d.url ?? diagnosticUrl(d.code),
          defaultConfiguration: { level: LEVEL[d.severity] },
        });
      }
      const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: { name: 'keycard', version: ctx.toolVersion, informationUri: 'https://github.com/keycard-dev/keycard', rules },
            },
            // Findings, even invalid input, are the tool doing its job; only usage and internal errors are not.
            invocations: [
              { executionSuccessful: end.exitCode !== ExitCode.Usage && end.exitCode !== ExitCode.Internal, exitCode: end.exitCode },
            ],
            originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(ctx.cwd.endsWith('/') ? ctx.cwd : `${ctx.cwd}/`).href } },
            results: diagnostics.map((d) => sarifResult(d, ruleIndex.get(d.code)!, ctx.cwd)),
          },
        ],
      };
      ctx.out.write(`${JSON.stringify(log, null, 2)}\n`);
    },
  };
}

/**
 * `--format tap` for `keycard test`: TAP version 14 (readable by TAP 13 consumers), one test point
 * per scenario with a YAML diagnostics block for failures, errors and pending scenarios.
 * Pending is `not ok` without a TODO directive on purpose: a TODO would let harnesses count an
 * unchecked expectation as harmless, and formats.md §4 says pending is never a pass.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { TestCaseResult } from '../../scenario/result.js';
import { displayPath } from '../../text/display-path.js';
import type { ReporterContext, TestReporter } from '../reporter.js';
import { displayLocation, failureLocation, formatValue, relativizeText } from '../result-text.js';

/** Test point descriptions end at `#` (directive) and at the line end, so both are escaped. */
export function escapeTapDescription(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/#/g, '\\#')
    .replace(/\r?\n|\r/g, ' ');
}

/** JSON strings are valid YAML double-quoted scalars, with every control character escaped. */
const yamlString = (s: string) => JSON.stringify(s);

type YamlValue = string | number | undefined | YamlValue[] | { [key: string]: YamlValue };

/** A tiny YAML emitter for the block's known shape: maps, lists, and quoted scalars. */
function yamlLines(value: YamlValue, indent: string): string[] {
  const out: string[] = [];
  const entries = Array.isArray(value) ? value.map((v) => [undefined, v] as const) : Object.entries(value ?? {});
  for (const [key, v] of entries) {
    if (v === undefined) continue;
    const head = key === undefined ? `${indent}-` : `${indent}${key}:`;
    if (typeof v === 'string' || typeof v === 'number') {
      out.push(`${head} ${typeof v === 'string' ? yamlString(v) : v}`);
    } else if (Array.isArray(v) && v.length === 0) {
      out.push(`${head} []`);
    } else {
      out.push(head, ...yamlLines(v, `${indent}  `));
    }
  }
  return out;
}

export function tapTestReporter(ctx: ReporterContext): TestReporter {
  const { cwd } = ctx;
  const points: string[] = [];
  let n = 0;

  function point(ok: boolean, description: string, directive: string, block?: YamlValue): void {
    n++;
    points.push(`${ok ? 'ok' : 'not ok'} ${n} - ${escapeTapDescription(description)}${directive}`);
    if (block) points.push('  ---', ...yamlLines(block, '  '), '  ...');
  }

  function caseBlock(r: TestCaseResult): YamlValue | undefined {
    const at = displayLocation(r.location, cwd) || undefined;
    switch (r.status) {
      case 'fail':
        return {
          status: 'fail',
          at,
          failures: r.failures.map((f) => ({
            message: f.message,
            expected: formatValue(f.expected),
            actual: formatValue(f.actual),
            at: displayLocation(failureLocation(f, r), cwd) || undefined,
            explain: f.explain?.text.map((t) => relativizeText(t, cwd)),
          })),
        };
      case 'error':
        return { status: 'error', at, error: r.error && { code: r.error.code, message: r.error.message } };
      case 'pending':
        return { status: 'pending', at, reasons: (r.pendingReasons ?? []).map((t) => relativizeText(t, cwd)) };
      default:
        return undefined;
    }
  }

  function diagnosticBlock(d: Diagnostic): YamlValue {
    return { status: 'error', code: d.code, message: d.message, help: d.help, at: displayLocation(d.location, cwd) || undefined };
  }

  function diagnosticComment(d: Diagnostic): string {
    const at = displayLocation(d.location, cwd);
    return `# ${d.severity}[${d.code}]: ${at ? `${at}: ` : ''}${d.message}`.replace(/\r?\n|\r/g, ' ');
  }

  return {
    onCaseResult(r) {
      const description = `${displayPath(r.file, cwd)} > ${r.name}`;
      point(r.status === 'pass' || r.status === 'skip', description, r.status === 'skip' ? ' # SKIP' : '', caseBlock(r));
    },
    onRunEnd(run) {
      // Input errors that belong to no scenario still fail the stream, like a JUnit <error>.
      for (const d of run.diagnostics.filter((x) => x.severity === 'error')) {
        const where = d.location ? `${displayPath(d.location.file, cwd)} > ` : '';
        point(false, `${where}error[${d.code}]: ${d.message}`, '', diagnosticBlock(d));
      }
      const notes = run.diagnostics.filter((d) => d.severity !== 'error').map(diagnosticComment);
      const s = run.summary;
      const comments = [
        ...notes,
        `# pass ${s.passed}`,
        `# fail ${s.failed}`,
        `# error ${s.errors}`,
        `# pending ${s.pending}`,
        `# skip ${s.skipped}`,
      ];
      ctx.out.write(['TAP version 14', `1..${n}`, ...points, ...comments].join('\n') + '\n');
    },
  };
}

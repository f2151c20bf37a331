/**
 * `--format junit` for `keycard test`, in the Jenkins/Surefire shape CI systems read: one
 * <testsuite> per scenario file, one <testcase> per scenario (classname = file, name = scenario),
 * <failure> with expected vs actual and the explanation, pending -> <skipped>, error -> <error>.
 * Run-level input errors become <error> test cases too, so that a broken file never looks green.
 */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { TestCaseResult, TestRunResult } from '../../scenario/result.js';
import { displayPath } from '../../text/display-path.js';
import type { ReporterContext, TestReporter } from '../reporter.js';
import { displayLocation, failureDetailLines, failureLocation, relativizeText } from '../result-text.js';

// XML 1.0 cannot carry these even as character references; show them as visible `\uXXXX` text.
/* eslint-disable no-control-regex -- control characters are exactly what must be replaced */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

function visibleCodePoint(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Escapes element text. `\r` is written as a reference because parsers normalise raw CRs away. */
export function escapeXmlText(s: string): string {
  return s
    .replace(XML_FORBIDDEN, visibleCodePoint)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Escapes a double-quoted attribute value; tabs and newlines survive attribute normalisation only as references. */
export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function attrs(pairs: Record<string, string | number | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
    .join('');
}

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

interface Suite {
  name: string;
  cases: string[];
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

export function junitTestReporter(ctx: ReporterContext): TestReporter {
  const { cwd } = ctx;
  const suites = new Map<string, Suite>();
  const suite = (name: string): Suite => {
    let s = suites.get(name);
    if (!s) suites.set(name, (s = { name, cases: [], tests: 0, failures: 0, errors: 0, skipped: 0, ms: 0 }));
    return s;
  };

  function caseXml(r: TestCaseResult, file: string): { xml: string; kind?: 'failures' | 'errors' | 'skipped' } {
    const open = `    <testcase${attrs({ classname: file, name: r.name, time: seconds(r.durationMs), file, line: r.location?.line })}`;
    const child = (inner: string) => `${open}>\n      ${inner}\n    </testcase>`;
    switch (r.status) {
      case 'fail': {
        const body = r.failures
          .map((f) => [f.message, `at ${displayLocation(failureLocation(f, r), cwd)}`, ...failureDetailLines(f, cwd)].join('\n'))
          .join('\n\n');
        const message = r.failures.map((f) => f.message).join('; ');
        return { xml: child(`<failure${attrs({ message, type: 'expectation' })}>${escapeXmlText(body)}</failure>`), kind: 'failures' };
      }
      case 'error': {
        const e = r.error ?? { code: 'error', message: 'the scenario could not be evaluated' };
        const body = `error[${e.code}]: ${e.message}\nat ${displayLocation(r.location, cwd)}`;
        return { xml: child(`<error${attrs({ message: e.message, type: e.code })}>${escapeXmlText(body)}</error>`), kind: 'errors' };
      }
      case 'pending': {
        const message = `pending: ${(r.pendingReasons ?? []).map((t) => relativizeText(t, cwd)).join('; ') || 'some expectations could not be checked'}`;
        return { xml: child(`<skipped${attrs({ message })}/>`), kind: 'skipped' };
      }
      case 'skip':
        return { xml: child('<skipped/>'), kind: 'skipped' };
      case 'pass':
        return { xml: `${open}/>` };
    }
  }

  function diagnosticXml(d: Diagnostic, file: string): string {
    const at = displayLocation(d.location, cwd);
    const body = `error[${d.code}]: ${d.message}${at ? `\nat ${at}` : ''}${d.help ? `\nhelp: ${d.help}` : ''}`;
    const open = `    <testcase${attrs({ classname: file, name: d.message, time: seconds(0), file: d.location ? file : undefined, line: d.location?.line })}>`;
    return `${open}\n      <error${attrs({ message: d.message, type: d.code })}>${escapeXmlText(body)}</error>\n    </testcase>`;
  }

  return {
    onCaseResult(r) {
      const file = displayPath(r.file, cwd);
      const s = suite(file);
      const { xml, kind } = caseXml(r, file);
      s.cases.push(xml);
      s.tests++;
      s.ms += r.durationMs ?? 0;
      if (kind) s[kind]++;
    },
    onRunEnd(run: TestRunResult) {
      for (const d of run.diagnostics.filter((x) => x.severity === 'error')) {
        const file = d.location ? displayPath(d.location.file, cwd) : 'keycard';
        const s = suite(file);
        s.cases.push(diagnosticXml(d, file));
        s.tests++;
        s.errors++;
      }
      const all = [...suites.values()];
      const total = (k: 'tests' | 'failures' | 'errors' | 'ms') => all.reduce((n, s) => n + s[k], 0);
      const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
      out.push(
        `<testsuites${attrs({ name: 'keycard', tests: total('tests'), failures: total('failures'), errors: total('errors'), time: seconds(total('ms')) })}>`,
      );
      for (const s of all) {
        out.push(
          `  <testsuite${attrs({ name: s.name, tests: s.tests, failures: s.failures, errors: s.errors, skipped: s.skipped, time: seconds(s.ms) })}>`,
        );
        out.push(...s.cases);
        out.push('  </testsuite>');
      }
      out.push('</testsuites>');
      ctx.out.write(`${out.join('\n')}\n`);
    },
  };
}

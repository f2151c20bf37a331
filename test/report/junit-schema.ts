/**
 * The JUnit XML shape that Jenkins (xunit-plugin junit-10.xsd), Surefire and GitLab accept, as a
 * structural check: allowed elements and attributes, required ones, numeric formats, and counts
 * that agree with the test cases. Returns the list of violations (empty when valid).
 */
import type { XmlElement } from './xml.js';

interface ElementRule {
  required: string[];
  allowed: string[];
  children: string[];
  /** Only whitespace allowed between children. */
  noText?: boolean;
}

const RULES: Record<string, ElementRule> = {
  testsuites: { required: [], allowed: ['name', 'time', 'tests', 'failures', 'disabled', 'errors'], children: ['testsuite'], noText: true },
  testsuite: {
    required: ['name', 'tests'],
    allowed: [
      'name',
      'tests',
      'failures',
      'errors',
      'time',
      'disabled',
      'skipped',
      'timestamp',
      'hostname',
      'id',
      'package',
      'file',
      'log',
      'url',
      'version',
      'group',
    ],
    children: ['properties', 'testcase', 'system-out', 'system-err'],
    noText: true,
  },
  testcase: {
    required: ['name'],
    allowed: ['name', 'assertions', 'time', 'classname', 'status', 'class', 'file', 'line'],
    children: ['skipped', 'error', 'failure', 'system-out', 'system-err'],
    noText: true,
  },
  // Surefire requires `type` on failures and errors; Jenkins only allows it.
  failure: { required: ['message', 'type'], allowed: ['message', 'type'], children: [] },
  error: { required: ['message', 'type'], allowed: ['message', 'type'], children: [] },
  skipped: { required: [], allowed: ['message'], children: [] },
  'system-out': { required: [], allowed: [], children: [] },
  'system-err': { required: [], allowed: [], children: [] },
};

const INT = /^(0|[1-9][0-9]*)$/;
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
const NUMERIC: Record<string, RegExp> = {
  tests: INT,
  failures: INT,
  errors: INT,
  skipped: INT,
  disabled: INT,
  line: INT,
  assertions: INT,
  time: DECIMAL,
};

function checkElement(el: XmlElement, path: string, problems: string[]): void {
  const rule = RULES[el.name];
  if (!rule) return void problems.push(`${path}: unexpected element <${el.name}>`);
  for (const a of rule.required) if (!(a in el.attrs)) problems.push(`${path}: missing attribute \`${a}\``);
  for (const [a, v] of Object.entries(el.attrs)) {
    if (!rule.allowed.includes(a)) problems.push(`${path}: attribute \`${a}\` is not in the schema`);
    if (NUMERIC[a] && !NUMERIC[a].test(v)) problems.push(`${path}: \`${a}="${v}"\` is not a number`);
  }
  if (rule.noText && el.text.trim() !== '') problems.push(`${path}: unexpected text`);
  if (rule.children.length === 0 && el.children.length > 0) problems.push(`${path}: <${el.name}> has child elements`);
  el.children.forEach((child, i) => {
    if (!rule.children.includes(child.name)) problems.push(`${path}: <${child.name}> is not allowed in <${el.name}>`);
    checkElement(child, `${path}/${child.name}[${i}]`, problems);
  });
}

function count(cases: XmlElement[], child: string): number {
  return cases.filter((c) => c.children.some((x) => x.name === child)).length;
}

export function junitProblems(root: XmlElement): string[] {
  const problems: string[] = [];
  if (root.name !== 'testsuites') return [`root element is <${root.name}>, expected <testsuites>`];
  checkElement(root, 'testsuites', problems);
  const totals = { tests: 0, failures: 0, errors: 0 };
  for (const suite of root.children) {
    const cases = suite.children.filter((c) => c.name === 'testcase');
    const actual = {
      tests: cases.length,
      failures: count(cases, 'failure'),
      errors: count(cases, 'error'),
      skipped: count(cases, 'skipped'),
    };
    for (const [k, v] of Object.entries(actual)) {
      if (suite.attrs[k] !== undefined && Number(suite.attrs[k]) !== v)
        problems.push(`testsuite ${suite.attrs.name}: ${k}="${suite.attrs[k]}" but ${v} test cases`);
    }
    for (const c of cases) {
      const outcomes = c.children.filter((x) => ['failure', 'error', 'skipped'].includes(x.name));
      if (outcomes.length > 1) problems.push(`testcase ${c.attrs.name}: more than one of <failure>, <error>, <skipped>`);
    }
    totals.tests += actual.tests;
    totals.failures += actual.failures;
    totals.errors += actual.errors;
  }
  for (const [k, v] of Object.entries(totals)) {
    if (root.attrs[k] !== undefined && Number(root.attrs[k]) !== v)
      problems.push(`testsuites: ${k}="${root.attrs[k]}" but ${v} in its suites`);
  }
  return problems;
}

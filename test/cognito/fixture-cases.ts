/**
 * Table-driven fixtures for the cognito stage: each file in test/fixtures/cognito holds one or more
 * suites of {project, cases}. Projects go through the real loader (projectFromSource), so
 * locations in traces point into the fixture file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSource } from '../../src/load/source.js';
import { projectFromSource } from '../../src/load/project.js';
import type { Project } from '../../src/model/types.js';
import type { ResolveRequest, TrustCheck, TrustChecker } from '../../src/cognito/types.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cognito');

export interface CaseExpect {
  role?: string;
  error?: string;
  /** The outcome is unknown, depending on these unresolved values (in order). */
  unknown?: string[];
  message?: string;
  source?: string | null;
  provider?: string | null;
  principalTags?: Record<string, string>;
  identityId?: string;
  amr?: string[];
  sessionPolicies?: string[];
  trustStatus?: TrustCheck['status'];
  trustActions?: string[];
  /** cognito-decisions.md numbers that must appear on some trace step. */
  decisions?: number[];
  /** Substrings that must appear in some trace message. */
  trace?: string[];
  /** Outcomes of the `rule` steps, in order. */
  rules?: string[];
  /** Claims the resolution used (subset). */
  claims?: Record<string, unknown>;
  /** Exact set of configurationProblems codes for the suite's project. */
  configCodes?: string[];
}

interface FixtureCase {
  name: string;
  request: ResolveRequest;
  /** `pending`: no checker; otherwise a stub that denies the listed roles and allows the rest. */
  trust: 'pending' | { deny: string[] };
  expect: CaseExpect;
}

export interface FixtureSuite {
  file: string;
  name: string;
  project: Project;
  cases: FixtureCase[];
}

type Obj = Record<string, unknown>;

function toCase(raw: Obj): FixtureCase {
  const request: ResolveRequest = { claims: (raw.claims as Obj | undefined) ?? {} };
  for (const k of ['login', 'identityId', 'customRoleArn', 'flow', 'requestedRoleArn'] as const) {
    if (raw[k] !== undefined) (request as unknown as Obj)[k] = raw[k];
  }
  const trust = raw.trust === 'pending' ? 'pending' : { deny: ((raw.trust as Obj | undefined)?.deny as string[] | undefined) ?? [] };
  return { name: String(raw.name), request, trust, expect: (raw.expect as CaseExpect | undefined) ?? {} };
}

export function loadFixtureSuites(file: string): FixtureSuite[] {
  const src = parseSource(readFileSync(file, 'utf8'), file);
  const value = src.value as Obj;
  const suites = Array.isArray(value.suites) ? (value.suites as Obj[]) : [value];
  return suites.map((suite, i) => {
    const base = Array.isArray(value.suites) ? ['suites', i, 'project'] : ['project'];
    return {
      file,
      name: String(suite.name ?? file.split('/').pop()),
      project: projectFromSource(src, base, dirname(file)),
      cases: ((suite.cases as Obj[] | undefined) ?? []).map(toCase),
    };
  });
}

export function allFixtureSuites(): FixtureSuite[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => loadFixtureSuites(join(FIXTURES, f)));
}

/** A TrustChecker stand-in: the IAM engine decides trust; these tests fix its verdict per role. */
export function stubTrust(deny: readonly string[]): { checker: TrustChecker; calls: Parameters<TrustChecker>[0][] } {
  const calls: Parameters<TrustChecker>[0][] = [];
  const checker: TrustChecker = (input) => {
    calls.push(input);
    const denied = deny.includes(input.role.Arn);
    return {
      status: denied ? 'denied' : 'allowed',
      actions: input.actions,
      context: input.context,
      message: `stub: trust ${denied ? 'denied' : 'allowed'} for ${input.role.Arn}`,
    };
  };
  return { checker, calls };
}

/**
 * Runs scenario files: resolves each user's role through Cognito, builds the session, and checks
 * every expectation (role or error, principal tags, allow / deny / explicitDeny, app lines).
 * Results are data (result.ts); reporters render them.
 */
import { displayPath } from '../text/display-path.js';
import { KeycardInputError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatLocation } from '../diagnostics/diagnostic.js';
import { resolveForScenario } from '../access/resolve.js';
import { decideWithFreeKeys } from '../access/free-keys.js';
import { authorizeInSession, buildSession, type Session } from '../access/session.js';
import type { Resolution } from '../cognito/types.js';
import type { Jwks } from '../cognito/verify-user.js';
import { renderExplain } from '../iam/index.js';
import type { Decision } from '../iam/index.js';
import { findScenarioFiles, loadScenarioFile, type ProjectCache } from '../load/scenario.js';
import type { RequestLine, Scenario } from '../model/types.js';
import { checkAppLines, flushAppAnswers } from './app-lines.js';
import type { Failure, TestCaseResult, TestRunResult } from './result.js';
import { testRunResult } from './result.js';
import { unknownBecause } from '../model/unresolved.js';

export interface RunOptions {
  /** Only scenarios whose name (or file) contains this text, case-insensitively. */
  filter?: string;
  /** Called as each case finishes (streaming reporters). */
  onCase?: (result: TestCaseResult) => void;
  /** Called with every resolution and session (coverage). */
  observe?: (scenario: Scenario, resolution: Resolution, session: Session | undefined) => void;
  cache?: ProjectCache;
  /** `--verify-with`: scenarios that give a raw token must verify against this JWKS. */
  verifyWith?: Jwks;
  /** `--project`: the project of scenario files that name none. */
  project?: string;
}

export async function runScenarioPaths(paths: string[], opts: RunOptions = {}): Promise<TestRunResult> {
  const files = findScenarioFiles(paths);
  const run = newRunState(opts);
  for (const file of files) await runScenarioFile(file, run, opts);
  await flushAppAnswers();
  return testRunResult(run.results, run.diagnostics);
}

/** What a run accumulates over its files (one per process, or one per worker thread). */
export interface RunState {
  results: TestCaseResult[];
  diagnostics: Diagnostic[];
  /** Keys of the session diagnostics already reported (each is shown once per run). */
  reported: Set<string>;
  cache: ProjectCache;
}

export function newRunState(opts: Pick<RunOptions, 'cache'> = {}): RunState {
  return { results: [], diagnostics: [], reported: new Set(), cache: opts.cache ?? new Map() };
}

/** The key under which a session diagnostic is reported once per run. */
export function sessionDiagnosticKey(d: Diagnostic): string {
  return `${d.code} ${formatLocation(d.location)} ${d.message}`;
}

/**
 * Runs the scenarios of one file into `run`. A file that cannot be loaded becomes one error case
 * and its diagnostics (`onLoadDiagnostic`); the errors of policies AWS would refuse are reported
 * once per run (`onSessionDiagnostic` sees each the first time). The worker threads of
 * run-parallel.ts call this for their files, so both paths give the same cases in the same order.
 */
export async function runScenarioFile(
  file: string,
  run: RunState,
  opts: RunOptions & { onSessionDiagnostic?: (d: Diagnostic) => void; onLoadDiagnostic?: (d: Diagnostic) => void } = {},
): Promise<void> {
  const push = (r: TestCaseResult) => {
    run.results.push(r);
    opts.onCase?.(r);
  };
  let scenarios: Scenario[];
  try {
    scenarios = loadScenarioFile(file, run.cache, opts.project).scenarios;
  } catch (e) {
    if (!(e instanceof KeycardInputError)) throw e;
    run.diagnostics.push(...e.diagnostics);
    for (const d of e.diagnostics) opts.onLoadDiagnostic?.(d);
    const first = e.diagnostics[0];
    push({
      file,
      name: displayPath(file),
      status: 'error',
      failures: [],
      error: {
        code: first?.code ?? 'load_error',
        message: first ? `${formatLocation(first.location)}: ${first.message}` : 'cannot load',
      },
      ...(first?.location ? { location: first.location } : {}),
    });
    return;
  }
  const needle = opts.filter?.toLowerCase();
  for (const s of scenarios) {
    if (needle && !s.name.toLowerCase().includes(needle) && !file.toLowerCase().includes(needle)) continue;
    push(
      await runScenario(s, {
        observe: (sc, r, session) => {
          // A policy AWS would refuse grants nothing: show its errors at file:line:col (once each).
          for (const d of session?.diagnostics ?? []) {
            const key = sessionDiagnosticKey(d);
            if (d.severity !== 'error' || run.reported.has(key)) continue;
            run.reported.add(key);
            run.diagnostics.push(d);
            opts.onSessionDiagnostic?.(d);
          }
          opts.observe?.(sc, r, session);
        },
        ...(opts.verifyWith ? { verifyWith: opts.verifyWith } : {}),
      }),
    );
  }
}

/** Runs one scenario and checks all its expectations. */
export async function runScenario(s: Scenario, opts: Pick<RunOptions, 'observe' | 'verifyWith'> = {}): Promise<TestCaseResult> {
  // process.hrtime, not the global `performance`: reading that loads perf_hooks (a few ms per run).
  const started = process.hrtime.bigint();
  const base = { file: s.file, name: s.name, ...(s.location ? { location: s.location } : {}) };
  if (opts.verifyWith && s.token.raw) {
    try {
      // jose is loaded only by runs that verify tokens (`--verify-with`).
      const { verifyUserToken } = await import('../cognito/verify-user.js');
      s = { ...s, token: await verifyUserToken(s.project, s.login, s.token.raw, s.claims, opts.verifyWith, s.token.source) };
    } catch (e) {
      if (!(e instanceof KeycardInputError)) throw e;
      const d = e.diagnostics[0]!;
      return {
        ...base,
        status: 'error',
        failures: [],
        error: { code: d.code, message: d.location ? `${formatLocation(d.location)}: ${d.message}` : d.message },
      };
    }
  }
  let resolution: Resolution;
  try {
    resolution = resolveForScenario(s);
  } catch (e) {
    if (!(e instanceof KeycardInputError)) throw e;
    const d = e.diagnostics[0];
    return { ...base, status: 'error', failures: [], error: { code: d?.code ?? 'error', message: d?.message ?? String(e) } };
  }
  const session = resolution.outcome === 'credentials' ? buildSession(s.project, resolution) : undefined;
  opts.observe?.(s, resolution, session);
  const failures: Failure[] = [...checkRole(s, resolution), ...checkTags(s, resolution)];
  failures.push(...checkLines(s, session, resolution));
  const app = await checkAppLines(s, resolution);
  failures.push(...app.failures);
  const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
  if (failures.length) return { ...base, status: 'fail', failures, durationMs };
  if (app.pending.length) return { ...base, status: 'pending', failures: [], pendingReasons: app.pending, durationMs };
  return { ...base, status: 'pass', failures: [], durationMs };
}

function traceLines(r: Resolution): string[] {
  return r.trace.map((t) => `${t.step}: ${t.message}${t.location ? `  [${formatLocation(t.location)}]` : ''}`);
}

function outcomeText(r: Resolution): string {
  if (r.outcome === 'unknown') return 'unknown';
  return r.outcome === 'credentials' ? (r.role ?? '') : (r.error?.code ?? 'error');
}

/** Why an unknown outcome is unknown, and what to give (imports.md §4). */
function unknownText(r: Resolution): string {
  return unknownBecause(r.unknown ?? []);
}

function checkRole(s: Scenario, r: Resolution): Failure[] {
  const e = s.expect;
  const explain = { text: traceLines(r), json: r.trace };
  if (r.outcome === 'unknown' && (e.role !== undefined || e.error !== undefined)) {
    const key = e.role !== undefined ? 'role' : 'error';
    return [
      {
        expected: e.role ?? e.error,
        actual: 'unknown',
        message: `expected ${key} \`${e.role ?? e.error}\`, but the outcome is ${unknownText(r)}`,
        location: s.locate(['expect', key]),
        explain,
      },
    ];
  }
  if (e.role !== undefined && (r.outcome !== 'credentials' || r.role !== e.role)) {
    const got = r.outcome === 'credentials' ? `role \`${r.role}\`` : `${r.error?.code}: ${r.error?.message}`;
    return [
      {
        expected: e.role,
        actual: outcomeText(r),
        message: `expected role \`${e.role}\`, got ${got}`,
        location: s.locate(['expect', 'role']),
        explain,
      },
    ];
  }
  if (e.error !== undefined && (r.outcome !== 'error' || r.error?.code !== e.error)) {
    const got = r.outcome === 'credentials' ? `credentials for \`${r.role}\`` : `${r.error?.code}: ${r.error?.message}`;
    return [
      {
        expected: e.error,
        actual: outcomeText(r),
        message: `expected error \`${e.error}\`, got ${got}`,
        location: s.locate(['expect', 'error']),
        explain,
      },
    ];
  }
  return [];
}

function checkTags(s: Scenario, r: Resolution): Failure[] {
  const want = s.expect.principalTags;
  if (want === undefined) return [];
  const got = r.principalTags;
  const same =
    Object.keys(want).length === Object.keys(got).length && Object.entries(want).every(([k, v]) => Object.hasOwn(got, k) && got[k] === v);
  if (same) return [];
  return [
    {
      expected: want,
      actual: got,
      message: 'principal tags differ',
      location: s.locate(['expect', 'principalTags']),
      explain: { text: r.trace.filter((t) => t.step === 'tags').map((t) => t.message) },
    },
  ];
}

const EXPECTED: Record<'allow' | 'deny' | 'explicitDeny', { ok: (d: Decision) => boolean; word: string }> = {
  allow: { ok: (d) => d === 'Allow', word: 'Allow' },
  // Unknown (depends on an unresolved value) passes no line: it is neither Allow nor Deny.
  deny: { ok: (d) => d === 'ImplicitDeny' || d === 'ExplicitDeny', word: 'not Allow' },
  explicitDeny: { ok: (d) => d === 'ExplicitDeny', word: 'ExplicitDeny' },
};

function checkLines(s: Scenario, session: Session | undefined, r: Resolution): Failure[] {
  const failures: Failure[] = [];
  for (const kind of ['allow', 'deny', 'explicitDeny'] as const) {
    for (const line of s.expect[kind]) {
      const f = checkLine(kind, line, session, r);
      if (f) failures.push(f);
    }
  }
  return failures;
}

function checkLine(
  kind: 'allow' | 'deny' | 'explicitDeny',
  line: RequestLine,
  session: Session | undefined,
  r: Resolution,
): Failure | undefined {
  const want = EXPECTED[kind];
  if (!session && r.outcome === 'unknown') {
    // Unknown is never shown as Allow or as Deny: every line fails, naming the values to give.
    return {
      expected: want.word,
      actual: 'unknown',
      message: `${line.text}: expected ${want.word}, but the role is ${unknownText(r)}`,
      location: line.location,
    };
  }
  if (!session) {
    // No credentials: nothing is allowed, and nothing is explicitly denied either.
    if (kind === 'deny') return undefined;
    return {
      expected: want.word,
      actual: r.error?.code ?? 'no credentials',
      message: `${line.text}: expected ${want.word}, but the user gets no credentials (${r.error?.code})`,
      location: line.location,
    };
  }
  // allow/deny ask what the user could get: request keys the line leaves out are the user's choice.
  // explicitDeny asks about the request exactly as written.
  const free = kind === 'explicitDeny' ? undefined : decideWithFreeKeys(session, line);
  const decision = free ? free.decision : authorizeInSession(session, line).decision;
  if (want.ok(decision)) return undefined;
  const witnessContext = free?.witness ? { ...line.context, ...free.witness } : line.context;
  const full = authorizeInSession(session, { ...line, context: witnessContext }, { explain: true });
  const text = full.explain ? renderExplain(full.explain, { nearMisses: full.decision !== 'Allow' }, '').split('\n') : [];
  if (decision === 'Unknown') {
    return {
      expected: want.word,
      actual: decision,
      message: `${line.text}: expected ${want.word}, but the decision is ${unknownBecause(full.unresolved ?? [])}`,
      location: line.location,
      explain: { text, json: full.explain },
    };
  }
  if (free?.witness)
    text.unshift(
      `allowed when the request carries ${Object.entries(free.witness)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(', ')}`,
    );
  return {
    expected: want.word,
    actual: decision,
    message: `${line.text}: expected ${want.word}, got ${decision}${free?.witness ? ' (for some values of the request keys the line leaves out)' : ''}`,
    location: line.location,
    explain: { text, json: full.explain },
  };
}

/**
 * Loads scenario files (formats.md §2): the users of a regression suite and what they must get.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { KeycardInputError, type Diagnostic, type PathKey } from '../diagnostics/diagnostic.js';
import type {
  AppRequestLine,
  Claims,
  ContextValue,
  Expectation,
  Project,
  RequestLine,
  Scenario,
  ScenarioFile,
  TokenInfo,
} from '../model/types.js';
import { checkRequest } from '../catalog/request-check.js';
import { decodeJwtOrFail } from './jwt.js';
import { findProjectFile } from './find-project.js';
import { loadProject, projectFromSource } from './project.js';

import { checkReference, checkWalked } from './confine.js';
import { checkResource } from './request-limits.js';
import { checkSchema } from './schema-check.js';
import { scenarioFileSchema } from './schemas/scenario.schema.js';
import { loadSourceFile, readSourceText, subLocator, withoutPrototype, type ParsedSource } from './source.js';
import { References, referenceTable } from './references.js';
import { defaultIdentityId } from '../model/identity-id.js';

type Obj = Record<string, unknown>;

/** Caches projects by path so a directory of scenarios loads keycard.yaml once. */
export type ProjectCache = Map<string, Project>;

/**
 * A scenario file, its project and its scenarios. `defaultProject`: the project of a file that names
 * none (`--project`), instead of the nearest keycard.yaml. `select`, given the names of the file's
 * scenarios, picks the positions of those to build (`--scenario FILE#NAME` builds one); the others
 * are checked by the schema only.
 */
export function loadScenarioFile(
  file: string,
  cache: ProjectCache = new Map(),
  defaultProject?: string,
  select?: (names: string[]) => number[],
): ScenarioFile {
  const abs = resolve(file);
  // A claim may have any name AWS accepts, `__proto__` included: claims are data.
  const src = loadSourceFile(abs, { allowPrototypeKeys: (p) => p.length >= 4 && p[0] === 'scenarios' && p[2] === 'claims' });
  const errors = checkSchema(scenarioFileSchema, src.value, src, 'scenario file');
  if (errors.length) throw new KeycardInputError(errors);
  const v = src.value as Obj;
  const dir = dirname(abs);
  const project = scenarioProject(src, v.project, dir, cache, defaultProject);
  const table = referenceTable(project);
  const all = v.scenarios as Obj[];
  const picked = select ? select(all.map((s) => String(s.name))) : all.map((_, i) => i);
  const scenarios = picked.map((i) => withReferences(toScenario(src, all[i]!, i, project, dir), table));
  return { file: abs, project, scenarios, diagnostics: project.diagnostics };
}

function scenarioProject(src: ParsedSource, ref: unknown, dir: string, cache: ProjectCache, defaultProject?: string): Project {
  if (ref !== undefined && typeof ref === 'object') return projectFromSource(src, ['project'], dir, `${src.file}#project`);
  let file: string | undefined;
  if (typeof ref === 'string') {
    file = isAbsolute(ref) ? ref : resolve(dir, ref);
    checkReference(file, src.file, src.locate(['project']), 'the project file');
    if (!existsSync(file)) {
      throw new KeycardInputError([
        {
          code: 'load_project_not_found',
          severity: 'error',
          message: `project file \`${ref}\` does not exist`,
          help: `the path is relative to the scenario file (${dir})`,
          location: src.locate(['project']),
        },
      ]);
    }
  } else {
    file = defaultProject ?? findProjectFile(dir);
    if (!file) {
      throw new KeycardInputError([
        {
          code: 'load_project_not_found',
          severity: 'error',
          message: 'no `project` given and no keycard.yaml found above the scenario file',
          help: 'add `project: path/to/keycard.yaml` to the scenario file',
          location: { file: src.file, line: 1, column: 1 },
        },
      ]);
    }
  }
  let p = cache.get(file);
  if (!p) {
    p = loadProject(file);
    cache.set(file, p);
  }
  return p;
}

/**
 * Resolves `${...}` references (imports.md §5) in the strings a scenario may name imported things
 * with: login, claim values, identityId, customRoleArn, requestedRoleArn, expect.role, and the
 * request lines with their context values.
 */
function withReferences(sc: Scenario, table: Map<string, string>): Scenario {
  const at = (...p: PathKey[]) => sc.locate(p);
  let refs = new References(table, () => '');
  const login = sc.login === undefined ? undefined : refs.sub(sc.login, at('login'));
  const claims = refs.subDeep(sc.claims, at('claims')) as Claims;
  const given = sc.identityId === undefined ? undefined : refs.sub(sc.identityId, at('identityId'));
  const guest = login === undefined || login === null;
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  // Derived when a reference asks for it (SHA-256: node:crypto is not loaded for nothing).
  let identityId = given;
  refs = refs.withIdentityId(
    () => (identityId ??= defaultIdentityId(sc.project.region, sc.project.identityPool.IdentityPoolId, guest ? undefined : login, sub)),
  );
  const line = (l: RequestLine): RequestLine => {
    if (!l.text.includes('${')) return l;
    const context: Record<string, ContextValue> = {};
    for (const [k, val] of Object.entries(l.context))
      context[k] = Array.isArray(val) ? val.map((x) => refs.sub(x, l.location)) : refs.sub(val, l.location);
    return {
      ...l,
      action: refs.sub(l.action, l.location),
      resource: refs.sub(l.resource, l.location),
      context,
      text: refs.sub(l.text, l.location),
    };
  };
  const e = sc.expect;
  return {
    ...sc,
    login,
    claims,
    identityId: given,
    customRoleArn: sc.customRoleArn === undefined ? undefined : refs.sub(sc.customRoleArn, at('customRoleArn')),
    requestedRoleArn: sc.requestedRoleArn === undefined ? undefined : refs.sub(sc.requestedRoleArn, at('requestedRoleArn')),
    expect: {
      ...e,
      role: e.role === undefined ? undefined : refs.sub(e.role, at('expect', 'role')),
      allow: e.allow.map(line),
      deny: e.deny.map(line),
      explicitDeny: e.explicitDeny.map(line),
    },
  };
}

function toScenario(src: ParsedSource, s: Obj, i: number, project: Project, dir: string): Scenario {
  const base: PathKey[] = ['scenarios', i];
  const locate = subLocator(src.locate, base);
  const { claims, token } = scenarioClaims(src, s, base, dir);
  const e = (s.expect as Obj | undefined) ?? {};
  const lines = (key: string): RequestLine[] => {
    const out = ((e[key] as unknown[] | undefined) ?? []).map((l, j) => requestLine(l, src.locate([...base, 'expect', key, j])));
    // An unknown action or a malformed ARN would match nothing, so the line could never fail.
    const problems = out.flatMap((l) => checkRequest(l.action, l.resource, l.location));
    if (problems.length) throw new KeycardInputError(problems);
    return out;
  };
  const app = e.app as Obj | undefined;
  const appLines = (key: string): AppRequestLine[] =>
    ((app?.[key] as unknown[] | undefined) ?? []).map((l, j) => appLine(l, src.locate([...base, 'expect', 'app', key, j])));
  const expect: Expectation = {
    role: e.role as string | undefined,
    error: e.error as string | undefined,
    principalTags: e.principalTags as Record<string, string> | undefined,
    allow: lines('allow'),
    deny: lines('deny'),
    explicitDeny: lines('explicitDeny'),
    app: app
      ? { allow: appLines('allow'), deny: appLines('deny'), ...(typeof app.error === 'string' ? { error: app.error } : {}) }
      : undefined,
  };
  const problems: Diagnostic[] = [];
  if (expect.role && expect.error)
    problems.push({
      code: 'scenario_role_and_error',
      severity: 'error',
      message: `scenario \`${String(s.name)}\` expects both a role and an error`,
      help: 'a user gets either credentials for a role or an error: keep one',
      location: src.locateKey([...base, 'expect', 'error']),
    });
  if (s.flow === 'basic' && !s.requestedRoleArn)
    problems.push({
      code: 'scenario_basic_without_role',
      severity: 'error',
      message: `scenario \`${String(s.name)}\` uses the basic flow without \`requestedRoleArn\``,
      help: 'in the basic flow the app names the role (AssumeRoleWithWebIdentity RoleArn)',
      location: src.locateKey([...base, 'flow']),
    });
  if (problems.length) throw new KeycardInputError(problems);
  return {
    name: s.name as string,
    description: s.description as string | undefined,
    file: src.file,
    index: i,
    location: src.locate([...base, 'name']),
    project,
    login: s.login as string | undefined,
    claims,
    token,
    identityId: s.identityId as string | undefined,
    customRoleArn: s.customRoleArn as string | undefined,
    flow: (s.flow as 'enhanced' | 'basic' | undefined) ?? 'enhanced',
    requestedRoleArn: s.requestedRoleArn as string | undefined,
    expect,
    locate,
  };
}

function scenarioClaims(src: ParsedSource, s: Obj, base: PathKey[], dir: string): { claims: Claims; token: TokenInfo } {
  const given = ['claims', 'token', 'tokenFile'].filter((k) => s[k] !== undefined);
  if (given.length > 1) {
    throw new KeycardInputError([
      {
        code: 'scenario_claims_conflict',
        severity: 'error',
        message: `give one of \`claims\`, \`token\` or \`tokenFile\`, not ${given.map((g) => `\`${g}\``).join(' and ')}`,
        help: 'a scenario user has one token',
        location: src.locateKey([...base, given[1]!]),
      },
    ]);
  }
  if (typeof s.token === 'string') {
    const at = src.locate([...base, 'token']);
    const d = decodeJwtOrFail(s.token, at);
    return { claims: d.claims, token: { raw: s.token.trim(), verified: false, header: d.header, ...(at ? { source: at } : {}) } };
  }
  if (typeof s.tokenFile === 'string') {
    const f = isAbsolute(s.tokenFile) ? s.tokenFile : resolve(dir, s.tokenFile);
    checkReference(f, src.file, src.locate([...base, 'tokenFile']), 'the token file');
    if (!existsSync(f))
      throw new KeycardInputError([
        {
          code: 'load_token_file_not_found',
          severity: 'error',
          message: `token file \`${s.tokenFile}\` does not exist`,
          help: `the path is relative to the scenario file (${dir})`,
          location: src.locate([...base, 'tokenFile']),
        },
      ]);
    const raw = readSourceText(f).trim();
    const d = decodeJwtOrFail(raw, { file: f, line: 1, column: 1 });
    return { claims: d.claims, token: { raw, verified: false, header: d.header, source: { file: f, line: 1, column: 1 } } };
  }
  return { claims: withoutPrototype((s.claims as Claims | undefined) ?? {}), token: { verified: false } };
}

function contextOf(c: Obj | undefined): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const [k, val] of Object.entries(c ?? {})) out[k] = Array.isArray(val) ? val.map(String) : String(val);
  return out;
}

/** `s3:GetObject arn:aws:s3:::b/k` or `{action, resource, context}`. */
function requestLine(l: unknown, location: RequestLine['location']): RequestLine {
  checkResource(typeof l === 'string' ? l.trim().split(/\s+/)[1] : (l as Obj).resource, location);
  if (typeof l === 'string') {
    const [action, resource] = l.trim().split(/\s+/);
    return { action: action!, resource: resource!, context: {}, text: l.trim(), location };
  }
  const o = l as Obj;
  const context = contextOf(o.context as Obj | undefined);
  const ctxText = Object.keys(context).length ? ` ${JSON.stringify(context)}` : '';
  return {
    action: o.action as string,
    resource: o.resource as string,
    context,
    text: `${String(o.action)} ${String(o.resource)}${ctxText}`,
    location,
  };
}

/** `Action::"viewPhoto" on Photo::"vacation.jpg"` or `{action, resource, context}`. */
export function appLine(l: unknown, location: AppRequestLine['location']): AppRequestLine {
  if (typeof l === 'string') {
    const m = /^\s*(.+?)\s+on\s+(.+?)\s*$/.exec(l);
    if (!m) {
      throw new KeycardInputError([
        {
          code: 'scenario_app_line',
          severity: 'error',
          message: `\`${l}\` is not an app request line`,
          help: 'write `Action::"viewPhoto" on Photo::"vacation.jpg"`',
          location,
        },
      ]);
    }
    return { action: m[1]!, resource: m[2]!, context: {}, text: l.trim(), location };
  }
  const o = l as Obj;
  return {
    action: o.action as string,
    resource: o.resource as string,
    context: (o.context as Obj | undefined) ?? {},
    text: `${String(o.action)} on ${String(o.resource)}`,
    location,
  };
}

/**
 * Expands files and directories into scenario files (.yaml/.yml/.json), sorted. Inside a
 * directory, links are followed only to files within its repository, and each directory once.
 */
export function findScenarioFiles(paths: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (p: string, root: string) => {
    checkWalked(p, root);
    const st = statSync(p);
    if (st.isDirectory()) {
      const key = `${st.dev}:${st.ino}`;
      if (seen.has(key)) return;
      seen.add(key);
      for (const e of readdirSync(p).sort()) {
        if (e === 'node_modules' || e.startsWith('.')) continue;
        walk(join(p, e), root);
      }
    } else if (/\.(ya?ml|json)$/i.test(p)) out.push(resolve(p));
  };
  for (const p of paths) {
    if (!existsSync(p))
      throw new KeycardInputError([
        {
          code: 'load_path_not_found',
          severity: 'error',
          message: `\`${p}\` does not exist`,
          help: 'name scenario files or directories that hold them',
        },
      ]);
    const st = statSync(p);
    if (st.isFile()) out.push(resolve(p));
    else walk(p, resolve(p));
  }
  return [...new Set(out)];
}

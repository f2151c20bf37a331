/**
 * The `<user>` of resolve, access and can: `--login/--claims/--token` as for resolve, or
 * `--scenario FILE#NAME`. One place, so every command reads a user the same way.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { KeycardInputError, KeycardUsageError, type Location } from '../diagnostics/diagnostic.js';
import { scenarioRequest } from '../access/resolve.js';
import type { ResolveRequest } from '../cognito/types.js';
import { decodeJwtOrFail } from '../load/jwt.js';
import { loadProject } from '../load/project.js';
import { projectFileArg } from '../load/find-project.js';
import { loadScenarioFile } from '../load/scenario.js';
import { parseSource, readSourceText, withoutPrototype } from '../load/source.js';
import type { UserOptions } from './user-options.js';
import type { Claims, Project, Scenario, TokenInfo } from '../model/types.js';

export interface UserInput {
  project: Project;
  request: ResolveRequest;
  token: TokenInfo;
  /** Set when the user came from `--scenario`. */
  scenario?: Scenario;
  /** A label for output: the scenario name, the login, or `guest`. */
  label: string;
}

export function projectFrom(opt: string | undefined): Project {
  return loadProject(projectFileArg(opt));
}

/** Claims are data: any name AWS accepts, `__proto__` included, is a claim. */
const ANY_CLAIM_NAME = { allowPrototypeKeys: () => true };

function claimsFrom(value: string): Claims {
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) {
    const src = parseSource(trimmed, '<--claims>', 'json', ANY_CLAIM_NAME);
    return checkObject(src.value, '<--claims>');
  }
  const file = resolve(value);
  if (!existsSync(file))
    throw new KeycardUsageError(
      `--claims \`${value}\` is neither inline JSON nor an existing file`,
      'pass a YAML/JSON file of claims, or inline JSON such as \'{"sub":"...","aud":"..."}\'',
    );
  const src = parseSource(readSourceText(file), file, file.endsWith('.json') ? 'json' : 'yaml', ANY_CLAIM_NAME);
  return checkObject(src.value, file);
}

function checkObject(v: unknown, file: string): Claims {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new KeycardInputError([
      {
        code: 'token_claims_invalid',
        severity: 'error',
        message: 'claims must be a mapping of claim names to values',
        help: 'e.g. {sub: ..., aud: ..., cognito:groups: [admins]}',
        location: { file, line: 1, column: 1 },
      },
    ]);
  }
  return withoutPrototype(v as Claims);
}

/** The position of the scenario `name` names: its number (from 1), its exact name, or the one name it is part of. */
function pickScenario(names: string[], name: string): number | undefined {
  if (/^\d+$/.test(name) && Number(name) >= 1 && Number(name) <= names.length) return Number(name) - 1;
  const exact = names.indexOf(name);
  if (exact >= 0) return exact;
  const partial = names.flatMap((n, i) => (n.toLowerCase().includes(name.toLowerCase()) ? [i] : []));
  return partial.length === 1 ? partial[0] : undefined;
}

function scenarioFrom(spec: string): Scenario {
  const hash = spec.lastIndexOf('#');
  if (hash < 0)
    throw new KeycardUsageError(
      `--scenario \`${spec}\` names no scenario`,
      'write FILE#NAME, e.g. scenarios/photos.yaml#editors, or FILE#2 for the second scenario',
    );
  const file = spec.slice(0, hash);
  const name = spec.slice(hash + 1);
  if (!existsSync(file)) throw new KeycardUsageError(`scenario file \`${file}\` does not exist`);
  let names: string[] = [];
  const sf = loadScenarioFile(file, undefined, undefined, (all) => {
    names = all;
    const i = pickScenario(all, name);
    return i === undefined ? [] : [i];
  });
  const found = sf.scenarios[0];
  if (!found) {
    const partial = names.filter((n) => n.toLowerCase().includes(name.toLowerCase())).length;
    throw new KeycardUsageError(
      partial > 1 ? `\`${name}\` matches ${partial} scenarios in \`${file}\`` : `no scenario \`${name}\` in \`${file}\``,
      `scenarios: ${names.map((n, i) => `${i + 1}. ${n}`).join('; ')}`,
    );
  }
  return found;
}

/** The token checked against the keys in `jwksFile`: jose is loaded only by runs that verify (--verify-with). */
async function verified(
  project: Project,
  login: string | undefined,
  raw: string,
  claims: Claims,
  jwksFile: string,
  tokenAt: Location | undefined,
): Promise<TokenInfo> {
  const { readJwks, verifyUserToken } = await import('../cognito/verify-user.js');
  return verifyUserToken(project, login, raw, claims, readJwks(jwksFile), tokenAt);
}

/** Reads the user from the options; verifies the token when --verify-with is given. */
export async function userFrom(opts: UserOptions): Promise<UserInput> {
  if (opts.scenario) {
    const conflicting = (['login', 'claims', 'token', 'tokenFile'] as const).filter((k) => opts[k] !== undefined);
    if (conflicting.length)
      throw new KeycardUsageError(
        `--scenario cannot be combined with --${conflicting[0]!.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}`,
      );
    const s = scenarioFrom(opts.scenario);
    let token = s.token;
    if (opts.verifyWith) {
      if (!s.token.raw)
        throw new KeycardUsageError(
          `--verify-with: scenario \`${s.name}\` gives claims, not a token, so there is nothing to verify`,
          'give the scenario a `token` or `tokenFile`, or drop --verify-with',
        );
      token = await verified(s.project, s.login, s.token.raw, s.claims, opts.verifyWith, s.token.source);
    }
    return { project: s.project, request: scenarioRequest(s), token, scenario: s, label: s.name };
  }
  const given = (['claims', 'token', 'tokenFile'] as const).filter((k) => opts[k] !== undefined);
  if (given.length > 1) throw new KeycardUsageError('give one of --claims, --token or --token-file');
  if (opts.flow !== undefined && opts.flow !== 'enhanced' && opts.flow !== 'basic')
    throw new KeycardUsageError(`--flow must be enhanced or basic, not \`${opts.flow}\``);
  if (opts.flow === 'basic' && !opts.requestedRoleArn)
    throw new KeycardUsageError('--flow basic needs --requested-role-arn', 'in the basic flow the app names the role it assumes');
  const project = projectFrom(opts.project);
  let claims: Claims = {};
  let token: TokenInfo = { verified: false };
  const raw = opts.token ?? (opts.tokenFile ? readSourceText(resolve(opts.tokenFile)).trim() : undefined);
  if (raw !== undefined) {
    const d = decodeJwtOrFail(raw, opts.tokenFile ? { file: resolve(opts.tokenFile), line: 1, column: 1 } : undefined);
    claims = d.claims;
    token = { raw, verified: false, header: d.header };
    if (opts.verifyWith) {
      token = await verified(
        project,
        opts.login,
        raw,
        claims,
        opts.verifyWith,
        opts.tokenFile ? { file: resolve(opts.tokenFile), line: 1, column: 1 } : undefined,
      );
    }
  } else if (opts.verifyWith) {
    throw new KeycardUsageError('--verify-with needs a token (--token or --token-file)');
  } else if (opts.claims !== undefined) {
    claims = claimsFrom(opts.claims);
  }
  const request: ResolveRequest = { claims, flow: (opts.flow as 'enhanced' | 'basic' | undefined) ?? 'enhanced' };
  if (opts.login) request.login = opts.login;
  if (opts.identityId) request.identityId = opts.identityId;
  if (opts.customRoleArn) request.customRoleArn = opts.customRoleArn;
  if (opts.requestedRoleArn) request.requestedRoleArn = opts.requestedRoleArn;
  return { project, request, token, label: opts.login ?? 'guest' };
}

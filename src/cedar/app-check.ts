/**
 * `expect.app` lines for `keycard test`: loads the project's Cedar app once per configuration and
 * decides each line for the scenario's user. The lead's scenario runner calls `checkAppExpectations`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AppRequestLine, CedarConfig, Claims } from '../model/types.js';
import { authorizeApp } from './avp.js';
import { loadCedarApp, type LoadedCedarApp } from './project.js';
import { checkToken, type AvpError } from './token.js';

export interface AppLineOutcome {
  line: AppRequestLine;
  /** What the scenario expects: a decision, or the error AVP returns (`expect.app.error`). */
  expected: 'Allow' | 'Deny' | 'Error';
  /** `Error`: AVP refuses the request (the token, or a request the schema rejects) and decides nothing. */
  actual: 'Allow' | 'Deny' | 'Error';
  pass: boolean;
  /** Determining policy ids (permits on Allow, forbids on an explicit Deny). */
  determining: string[];
  /** The AVP error when `actual` is `Error`. */
  error?: AvpError;
  errors: Diagnostic[];
}

/** The user as the app presents it: the token's claims and where the token came from. */
export interface AppUser {
  claims: Claims;
  login?: string;
}

/** `expect.app.error` names the AVP exception (`ValidationException`) or a piece of its message. */
export function errorMatches(expected: string, error: AvpError): boolean {
  return expected === error.code || error.message.toLowerCase().includes(expected.toLowerCase());
}

const apps = new Map<string, Promise<LoadedCedarApp>>();

/** The loaded app of a `cedar` section, cached by its files and settings. */
function cedarAppFor(config: CedarConfig): Promise<LoadedCedarApp> {
  const { location: _location, ...key } = config;
  const k = JSON.stringify(key);
  let app = apps.get(k);
  if (!app) apps.set(k, (app = loadCedarApp(config)));
  return app;
}

/**
 * Decides every `expect.app` line for one user. The token is checked first as AVP checks it: a
 * refused token gives every line AVP's error. Load problems come back as diagnostics and no outcomes.
 */
export async function checkAppExpectations(
  config: CedarConfig,
  user: AppUser,
  lines: { allow: AppRequestLine[]; deny: AppRequestLine[]; error?: string },
): Promise<{ outcomes: AppLineOutcome[]; diagnostics: Diagnostic[]; refused?: AvpError }> {
  const loaded = await cedarAppFor(config);
  if (!loaded.app) return { outcomes: [], diagnostics: loaded.diagnostics };
  const token = checkToken(loaded.app.config, user.claims, user.login);
  const decide = (line: AppRequestLine, decision: 'Allow' | 'Deny'): AppLineOutcome => {
    const expected = lines.error !== undefined ? 'Error' : decision;
    const judge = (o: Omit<AppLineOutcome, 'pass' | 'expected'>): AppLineOutcome => ({
      ...o,
      expected,
      pass: expected === 'Error' ? o.actual === 'Error' && errorMatches(lines.error!, o.error!) : o.actual === expected,
    });
    if ('error' in token) return judge({ line, actual: 'Error', determining: [], error: token.error, errors: [] });
    const r = authorizeApp(loaded.app!, user.claims, token.tokenUse, line);
    const rejected = r.errors.find((e) => e.severity === 'error');
    if (rejected) {
      return judge({
        line,
        actual: 'Error',
        determining: [],
        error: { code: 'ValidationException', message: rejected.message, help: rejected.help ?? '' },
        errors: r.errors,
      });
    }
    return judge({ line, actual: r.decision, determining: r.determining, errors: r.errors });
  };
  return {
    outcomes: [...lines.allow.map((l) => decide(l, 'Allow')), ...lines.deny.map((l) => decide(l, 'Deny'))],
    diagnostics: loaded.diagnostics,
    ...('error' in token ? { refused: token.error } : {}),
  };
}

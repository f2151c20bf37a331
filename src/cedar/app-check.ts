/**
 * `expect.app` lines for `keycard test`: loads the project's Cedar app once per configuration and
 * decides each line for the scenario's user. The lead's scenario runner calls `checkAppExpectations`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AppRequestLine, CedarConfig, Claims } from '../model/types.js';
import type { AppDecision, TokenUse } from './avp.js';
import { decisionStoreFor, type AppLoadOutcome } from './decision-cache.js';
export { flushDecisions } from './decision-cache.js';
import type { LoadedCedarApp } from './project.js';
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

/** The loaded app of each `cedar` section object: a project loaded anew (`--watch`) loads its app anew. */
const apps = new WeakMap<CedarConfig, Promise<LoadedCedarApp>>();

/**
 * The loaded app of a `cedar` section. The loader (and cedar-wasm with it) is imported only here:
 * a run whose answers all come from the decision cache never is.
 */
function cedarAppFor(config: CedarConfig): Promise<LoadedCedarApp> {
  let app = apps.get(config);
  if (!app) apps.set(config, (app = import('./project.js').then((m) => m.loadCedarApp(config))));
  return app;
}

/**
 * Decides every `expect.app` line for one user. The token is checked first as AVP checks it: a
 * refused token gives every line AVP's error. Load problems come back as diagnostics and no outcomes.
 * Cedar's answers come from the decision cache (decision-cache.ts) when they were given before:
 * the app, and cedar-wasm with it, is loaded only for a request that was not decided yet.
 */
export async function checkAppExpectations(
  config: CedarConfig,
  user: AppUser,
  lines: { allow: AppRequestLine[]; deny: AppRequestLine[]; error?: string },
): Promise<{ outcomes: AppLineOutcome[]; diagnostics: Diagnostic[]; refused?: AvpError }> {
  const store = decisionStoreFor(config);
  let loaded: LoadedCedarApp | undefined;
  const load = async (): Promise<LoadedCedarApp> => {
    if (!loaded) {
      loaded = await cedarAppFor(config);
      if (store && !store.load) store.setLoad({ ok: loaded.app !== undefined, diagnostics: loaded.diagnostics });
    }
    return loaded;
  };
  let outcome: AppLoadOutcome | undefined = store?.load;
  if (!outcome) {
    const l = await load();
    outcome = { ok: l.app !== undefined, diagnostics: l.diagnostics };
  }
  if (!outcome.ok) return { outcomes: [], diagnostics: outcome.diagnostics };
  const token = checkToken(config, user.claims, user.login);
  const answer = async (tokenUse: TokenUse, line: AppRequestLine): Promise<AppDecision | undefined> => {
    const hit = store?.get(user.claims, tokenUse, line);
    if (hit) return hit;
    const app = (await load()).app;
    if (!app) return undefined; // the files changed under this run: report the load's diagnostics
    const { authorizeApp } = await import('./avp.js');
    const r = authorizeApp(app, user.claims, tokenUse, line);
    store?.set(user.claims, tokenUse, line, r);
    return r;
  };
  const outcomes: AppLineOutcome[] = [];
  for (const [list, decision] of [
    [lines.allow, 'Allow'],
    [lines.deny, 'Deny'],
  ] as const) {
    for (const line of list) {
      const expected = lines.error !== undefined ? 'Error' : decision;
      const judge = (o: Omit<AppLineOutcome, 'pass' | 'expected'>): AppLineOutcome => ({
        ...o,
        expected,
        pass: expected === 'Error' ? o.actual === 'Error' && errorMatches(lines.error!, o.error!) : o.actual === expected,
      });
      if ('error' in token) {
        outcomes.push(judge({ line, actual: 'Error', determining: [], error: token.error, errors: [] }));
        continue;
      }
      const r = await answer(token.tokenUse, line);
      if (!r) return { outcomes: [], diagnostics: loaded!.diagnostics };
      const rejected = r.errors.find((e) => e.severity === 'error');
      if (rejected) {
        outcomes.push(
          judge({
            line,
            actual: 'Error',
            determining: [],
            error: { code: 'ValidationException', message: rejected.message, help: rejected.help ?? '' },
            errors: r.errors,
          }),
        );
        continue;
      }
      outcomes.push(judge({ line, actual: r.decision, determining: r.determining, errors: r.errors }));
    }
  }
  return {
    outcomes,
    diagnostics: outcome.diagnostics,
    ...('error' in token ? { refused: token.error } : {}),
  };
}

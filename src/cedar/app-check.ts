/**
 * `expect.app` lines for `keycard test`: loads the project's Cedar app once per configuration and
 * decides each line for the scenario's user. The lead's scenario runner calls `checkAppExpectations`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AppRequestLine, CedarConfig, Claims } from '../model/types.js';
import { authorizeApp, type TokenUse } from './avp.js';
import { loadCedarApp, type LoadedCedarApp } from './project.js';

export interface AppLineOutcome {
  line: AppRequestLine;
  expected: 'Allow' | 'Deny';
  actual: 'Allow' | 'Deny';
  pass: boolean;
  /** Determining policy ids (permits on Allow, forbids on an explicit Deny). */
  determining: string[];
  errors: Diagnostic[];
}

const apps = new Map<string, Promise<LoadedCedarApp>>();

/** The loaded app of a `cedar` section, cached by its files and settings. */
export function cedarAppFor(config: CedarConfig): Promise<LoadedCedarApp> {
  const { location: _location, ...key } = config;
  const k = JSON.stringify(key);
  let app = apps.get(k);
  if (!app) apps.set(k, (app = loadCedarApp(config)));
  return app;
}

/** Forgets loaded apps (watch mode: files changed). */
export function clearCedarApps(): void {
  apps.clear();
}

/** Decides every `expect.app` line for one user. Load problems come back as diagnostics and no outcomes. */
export async function checkAppExpectations(
  config: CedarConfig,
  claims: Claims,
  lines: { allow: AppRequestLine[]; deny: AppRequestLine[] },
): Promise<{ outcomes: AppLineOutcome[]; diagnostics: Diagnostic[] }> {
  const loaded = await cedarAppFor(config);
  if (!loaded.app) return { outcomes: [], diagnostics: loaded.diagnostics };
  const tokenUse: TokenUse = claims.token_use === 'access' ? 'access' : 'id';
  const decide = (line: AppRequestLine, expected: 'Allow' | 'Deny'): AppLineOutcome => {
    const r = authorizeApp(loaded.app!, claims, tokenUse, line);
    return { line, expected, actual: r.decision, pass: r.decision === expected && r.errors.every((e) => e.severity !== 'error'), determining: r.determining, errors: r.errors };
  };
  return {
    outcomes: [...lines.allow.map((l) => decide(l, 'Allow')), ...lines.deny.map((l) => decide(l, 'Deny'))],
    diagnostics: loaded.diagnostics,
  };
}

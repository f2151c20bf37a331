/**
 * The report `keycard` prints when there is no terminal (CI, a pipe) and what `npm start` shows:
 * the identity pool at a glance, then each scenario user and the role (or error) they get.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { displayPath } from '../text/display-path.js';
import { accessMap } from '../access/map.js';
import { resolveForScenario } from '../access/resolve.js';
import { buildSession } from '../access/session.js';
import { findScenarioFiles, loadScenarioFile, type ProjectCache } from '../load/scenario.js';
import type { Project, Scenario } from '../model/types.js';
import { paint } from '../text/color.js';
import { projectFrom } from './user-input.js';
import { stdout } from '../text/stdio.js';

function short(arn: string): string {
  return arn.split('/').pop() ?? arn;
}

function poolLines(p: Project): string[] {
  const pool = p.identityPool;
  const lines = [
    `Identity pool ${pool.IdentityPoolName ?? ''} ${pool.IdentityPoolId} (account ${p.account}, ${p.region})`.replace('  ', ' '),
  ];
  const roles = p.identityPoolRoles.Roles ?? {};
  const mappings = p.identityPoolRoles.RoleMappings ?? {};
  const described = new Set<string>();
  for (const [key, m] of Object.entries(mappings)) {
    const provider = m.IdentityProvider ?? key;
    described.add(provider);
    const how =
      m.Type === 'Rules'
        ? `rules (${m.RulesConfiguration?.Rules.length ?? 0}), else ${m.AmbiguousRoleResolution ?? '?'}`
        : `role from the token, else ${m.AmbiguousRoleResolution ?? '?'}`;
    lines.push(`  ${provider}: ${how}`);
  }
  for (const cp of pool.CognitoIdentityProviders ?? []) {
    const key = `${cp.ProviderName}:${cp.ClientId}`;
    if (!described.has(key)) lines.push(`  ${key}: default role ${roles.authenticated ? short(roles.authenticated) : '(none)'}`);
  }
  for (const social of Object.keys(pool.SupportedLoginProviders ?? {})) {
    if (!described.has(social)) lines.push(`  ${social}: default role ${roles.authenticated ? short(roles.authenticated) : '(none)'}`);
  }
  lines.push(
    `  guests: ${pool.AllowUnauthenticatedIdentities ? (roles.unauthenticated ? short(roles.unauthenticated) : 'allowed, but no unauthenticated role') : 'not allowed'}`,
  );
  return lines;
}

function userLine(s: Scenario, color: boolean): string {
  const r = resolveForScenario(s);
  const who = s.login ? (s.login.startsWith('cognito-idp.') ? 'user pool' : s.login) : 'guest';
  if (r.outcome !== 'credentials' || !r.role)
    return `  • ${s.name}\n      ${who} → refused: ${paint(r.error?.code ?? 'error', 'red', color)}: ${r.error?.message ?? ''}`;
  const map = accessMap(buildSession(s.project, r));
  const c = map.counts;
  return `  • ${s.name}\n      ${who} → ${paint(short(r.role), 'green', color)} (${r.source}); S3: ${c.allow} allowed, ${c.conditional} conditional, ${c.explicitDeny} explicitly denied`;
}

/** Prints the report for the project (default: the nearest keycard.yaml) and its scenarios/. */
export function printReport(projectFile: string | undefined, out: { write(s: string): unknown } = stdout, color = false): number {
  const project = projectFrom(projectFile);
  const lines = [paint(`keycard — ${displayPath(project.file)}`, 'bold', color), '', ...poolLines(project), ''];
  const dir = join(dirname(project.file), 'scenarios');
  const cache: ProjectCache = new Map([[project.file, project]]);
  let example = 'scenarios/FILE.yaml#NAME';
  if (existsSync(dir)) {
    for (const file of findScenarioFiles([dir])) {
      if (example.includes('FILE')) example = `${displayPath(file)}#1`;
      const sf = loadScenarioFile(file, cache);
      lines.push(`Users in ${displayPath(file)}`);
      for (const s of sf.scenarios) lines.push(userLine(s, color));
      lines.push('');
    }
  } else {
    lines.push('No scenarios/ directory next to the project file: add scenario files to pin what each user gets.', '');
  }
  const next: [string, string][] = [
    ['keycard test', 'check every scenario'],
    [`keycard access --scenario ${example}`, 'what a user may do in S3'],
    [`keycard can --scenario ${example} ACTION RESOURCE`, 'one request, and why'],
    ['keycard explore', 'the interactive explorer (in a terminal)'],
  ];
  const width = Math.max(...next.map(([c]) => c.length)) + 3;
  lines.push('Next:', ...next.map(([c, why]) => `  ${c.padEnd(width)}${why}`));
  out.write(lines.join('\n') + '\n');
  return 0;
}

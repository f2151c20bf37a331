/**
 * Enhanced flow, authenticated identities: which role the pool hands out (cognito-reference §1.3).
 * Developer provider -> default role; no mapping -> default role (SAML: the assertion's role);
 * Token -> CustomRoleArn / preferred_role / ambiguous; Rules -> first matching rule / ambiguous.
 */
import type { RoleMapping } from '../model/types.js';
import { claimTexts, getClaim, hasClaim, roleList, stringClaim } from './claims.js';
import { chose, fail, poolRole, rolesLocation, step, unknown, type Choice, type ResolveContext } from './context.js';
import { unresolvedNames } from '../model/unresolved.js';
import { INVALID_POOL_CONFIGURATION, MESSAGES, NOT_AUTHORIZED } from './errors.js';
import { findMapping, type MappingMatch, type Provider } from './providers.js';
import { evaluateRules, ruleText } from './rules.js';
import type { ResolutionSource } from './types.js';

const SAML_ROLE_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/Role';

export function chooseAuthenticatedRole(ctx: ResolveContext, provider: Provider): Choice {
  const match = findMapping(ctx.project, provider);
  if (provider.kind === 'developer') {
    if (match)
      step(ctx, {
        step: 'mapping',
        message: `role mapping \`${match.key}\` is ignored: developer-authenticated identities always get the default authenticated role`,
        outcome: 'skip',
        location: mappingLocation(ctx, match),
      });
    return defaultRole(ctx, 'default', 'developer-authenticated identity');
  }
  if (!match) {
    const undecided = unresolvedMappingNames(ctx);
    if (undecided.length) {
      return unknown(ctx, undecided, {
        step: 'mapping',
        message: `no role mapping names \`${provider.name}\`, but a mapping's provider is unresolved (\`${undecided.join('`, `')}\`): it may be this one`,
      });
    }
    step(ctx, { step: 'mapping', message: `no role mapping for \`${provider.name}\``, outcome: 'info' });
    if (provider.kind === 'saml') return samlRole(ctx, provider);
    ignoreCustomRoleArn(ctx, 'the provider has no role mapping');
    return defaultRole(ctx, 'default', 'no role mapping');
  }
  const mapping = match.mapping;
  step(ctx, {
    step: 'mapping',
    message: `role mapping \`${match.key}\`${match.key !== match.providerName ? ` (IdentityProvider \`${match.providerName}\`)` : ''}: Type ${mapping.Type}, AmbiguousRoleResolution ${mapping.AmbiguousRoleResolution}`,
    outcome: 'match',
    location: mappingLocation(ctx, match),
  });
  return mapping.Type === 'Token' ? tokenRole(ctx, match) : rulesRole(ctx, match);
}

/** Unresolved values in the keys or IdentityProviders of the pool's role mappings. */
function unresolvedMappingNames(ctx: ResolveContext): string[] {
  const names = new Set<string>();
  for (const [key, m] of Object.entries(ctx.project.identityPoolRoles.RoleMappings ?? {})) {
    for (const n of unresolvedNames(key)) names.add(n);
    if (m && typeof m.IdentityProvider === 'string') for (const n of unresolvedNames(m.IdentityProvider)) names.add(n);
  }
  return [...names];
}

function mappingLocation(ctx: ResolveContext, match: MappingMatch) {
  return ctx.project.locate.identityPoolRoles(['RoleMappings', match.key]);
}

function ignoreCustomRoleArn(ctx: ResolveContext, why: string): void {
  if (ctx.req.customRoleArn === undefined) return;
  step(ctx, {
    step: 'custom',
    message: `CustomRoleArn \`${ctx.req.customRoleArn}\` is ignored: ${why} (AWS documents no behaviour for this case)`,
    outcome: 'skip',
  });
}

function defaultRole(ctx: ResolveContext, source: ResolutionSource, why: string): Choice {
  const role = poolRole(ctx, 'authenticated');
  const location = rolesLocation(ctx, 'authenticated');
  if (role === undefined) {
    return fail(
      ctx,
      { code: INVALID_POOL_CONFIGURATION, message: MESSAGES.invalidConfiguration },
      { step: 'default', message: `${why}: the default authenticated role applies, but the pool has no Roles.authenticated` },
    );
  }
  step(ctx, {
    step: 'default',
    message: `${why}: default authenticated role \`${role}\``,
    outcome: 'match',
    ...(location ? { location } : {}),
  });
  return chose(role, source);
}

function ambiguous(ctx: ResolveContext, match: MappingMatch, why: string, decision?: number): Choice {
  const setting = match.mapping.AmbiguousRoleResolution;
  const location = ctx.project.locate.identityPoolRoles(['RoleMappings', match.key, 'AmbiguousRoleResolution']);
  const decided = decision !== undefined ? { decision } : {};
  if (setting === 'AuthenticatedRole') {
    step(ctx, {
      step: 'ambiguous',
      message: `${why}: AmbiguousRoleResolution is AuthenticatedRole`,
      outcome: 'info',
      location,
      ...decided,
    });
    return defaultRole(ctx, 'ambiguous', 'ambiguous role resolution');
  }
  return fail(
    ctx,
    { code: NOT_AUTHORIZED, message: MESSAGES.ambiguousDenied(match.providerName) },
    { step: 'ambiguous', message: `${why}: AmbiguousRoleResolution is Deny`, location, ...decided },
  );
}

function tokenRole(ctx: ResolveContext, match: MappingMatch): Choice {
  const roles = roleList(getClaim(ctx.claims, 'cognito:roles'));
  const preferred = stringClaim(ctx.claims, 'cognito:preferred_role');
  const custom = ctx.req.customRoleArn;
  const rolesText = roles.length === 0 ? 'no roles' : roles.map((r) => `\`${r}\``).join(', ');
  if (hasClaim(ctx.claims, 'cognito:roles') && typeof getClaim(ctx.claims, 'cognito:roles') === 'string') {
    step(ctx, { step: 'token', message: 'cognito:roles is a comma-separated string; read as a list', outcome: 'info', decision: 9 });
  }
  if (custom !== undefined) {
    if (roles.includes(custom)) {
      step(ctx, { step: 'custom', message: `CustomRoleArn \`${custom}\` is in cognito:roles`, outcome: 'match', decision: 7 });
      return chose(custom, 'custom');
    }
    return fail(
      ctx,
      { code: NOT_AUTHORIZED, message: MESSAGES.roleNotAvailable(custom) },
      { step: 'custom', message: `CustomRoleArn \`${custom}\` is not in cognito:roles (${rolesText})`, decision: 7 },
    );
  }
  if (preferred !== undefined && preferred !== '') {
    step(ctx, { step: 'token', message: `cognito:preferred_role is \`${preferred}\``, outcome: 'match' });
    return chose(preferred, 'token');
  }
  if (roles.length === 0) return ambiguous(ctx, match, 'the token has no cognito:roles (the user is in no group with a role)', 8);
  return ambiguous(ctx, match, `the token has no cognito:preferred_role and cognito:roles holds ${rolesText}`);
}

function rulesRole(ctx: ResolveContext, match: MappingMatch): Choice {
  const mapping: RoleMapping = match.mapping;
  const rules = mapping.RulesConfiguration?.Rules ?? [];
  const custom = ctx.req.customRoleArn;
  // A rule whose claim, match type or value is unresolved cannot be decided: if no earlier rule
  // matched, the role is unknown (imports.md §4).
  const undecidedAt = rules.findIndex(
    (r) => r && typeof r === 'object' && unresolvedNames(`${String(r.Claim)} ${String(r.MatchType)} ${String(r.Value)}`).length > 0,
  );
  const decidable = undecidedAt < 0 ? rules : rules.slice(0, undecidedAt);
  const { evaluations, first } = evaluateRules(decidable, ctx.claims, custom !== undefined);
  if (undecidedAt >= 0 && (first === undefined || custom !== undefined)) {
    const r = rules[undecidedAt]!;
    const names = unresolvedNames(`${String(r.Claim)} ${String(r.MatchType)} ${String(r.Value)}`);
    return unknown(ctx, names, {
      step: 'rule',
      message: `${ruleText(r, undecidedAt)}: cannot be decided, it holds a value no file gives (\`${names.join('`, `')}\`)`,
      ruleIndex: undecidedAt,
      location: ctx.project.locate.identityPoolRoles(['RoleMappings', match.key, 'RulesConfiguration', 'Rules', undecidedAt]),
    });
  }
  for (const e of evaluations) {
    const afterFirst = first !== undefined && e.index > first.index;
    const verdict = e.outcome === 'match' ? (afterFirst ? 'also matches' : 'matches') : e.outcome === 'skip' ? 'skipped' : 'does not match';
    step(ctx, {
      step: 'rule',
      message: `${ruleText(e.rule, e.index)}: ${verdict} (${e.reason}) -> \`${String(e.rule.RoleARN)}\``,
      outcome: e.outcome,
      ruleIndex: e.index,
      location: ctx.project.locate.identityPoolRoles(['RoleMappings', match.key, 'RulesConfiguration', 'Rules', e.index]),
      ...(e.decision !== undefined ? { decision: e.decision } : {}),
    });
  }
  if (custom !== undefined) {
    const allowing = evaluations.find((e) => e.outcome === 'match' && e.rule.RoleARN === custom);
    if (allowing) {
      step(ctx, {
        step: 'custom',
        message: `CustomRoleArn \`${custom}\` is the role of matching rule ${allowing.index + 1}`,
        outcome: 'match',
        decision: 6,
      });
      return chose(custom, 'custom');
    }
    return fail(
      ctx,
      { code: NOT_AUTHORIZED, message: MESSAGES.roleNotAvailable(custom) },
      { step: 'custom', message: `CustomRoleArn \`${custom}\` is not the role of any matching rule`, decision: 6 },
    );
  }
  if (first) return chose(String(first.rule.RoleARN), 'rule');
  return ambiguous(ctx, match, 'no rule matches');
}

/** SAML without a role mapping: the roles the assertion's Role attribute grants for this provider. */
function samlRole(ctx: ResolveContext, provider: Provider): Choice {
  const roles = samlRoles(getClaim(ctx.claims, SAML_ROLE_ATTRIBUTE), provider.login);
  const custom = ctx.req.customRoleArn;
  const listed = roles.map((r) => `\`${r}\``).join(', ');
  if (custom !== undefined) {
    if (roles.includes(custom)) {
      step(ctx, { step: 'saml', message: `CustomRoleArn \`${custom}\` is one of the assertion's roles (${listed})`, outcome: 'match' });
      return chose(custom, 'custom');
    }
    return fail(
      ctx,
      { code: NOT_AUTHORIZED, message: MESSAGES.roleNotAvailable(custom) },
      { step: 'saml', message: `CustomRoleArn \`${custom}\` is not among the assertion's roles (${listed || 'none'})` },
    );
  }
  if (roles.length === 1) {
    step(ctx, { step: 'saml', message: `the SAML assertion grants one role, \`${roles[0]}\``, outcome: 'match' });
    return chose(roles[0]!, 'token');
  }
  if (roles.length > 1) {
    return fail(
      ctx,
      { code: NOT_AUTHORIZED, message: 'The SAML assertion grants several roles; specify CustomRoleArn to choose one.' },
      {
        step: 'saml',
        message: `the SAML assertion grants several roles (${listed}) and no CustomRoleArn chooses one (AWS documents no default; keycard refuses)`,
      },
    );
  }
  step(ctx, {
    step: 'saml',
    message: `the SAML assertion has no \`${SAML_ROLE_ATTRIBUTE}\` role for \`${provider.login}\``,
    outcome: 'info',
  });
  return defaultRole(ctx, 'default', 'no role in the SAML assertion');
}

/** Role ARNs of "roleArn,providerArn" pairs (either order) whose provider is `providerArn`. */
function samlRoles(attribute: unknown, providerArn: string): string[] {
  if (attribute === undefined) return [];
  const roles: string[] = [];
  for (const pair of claimTexts(attribute)) {
    const parts = pair.split(',').map((s) => s.trim());
    const role = parts.find((p) => /:role\//.test(p));
    const idp = parts.find((p) => /:saml-provider\//.test(p));
    if (role !== undefined && idp === providerArn && !roles.includes(role)) roles.push(role);
  }
  return roles;
}

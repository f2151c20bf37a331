/**
 * Identity-pool role configurations that AWS would refuse to store: SetIdentityPoolRoles fails, so
 * in AWS no user ever resolves through them. `validate` reports them as diagnostics, and every
 * resolution through such a pool fails with the error AWS returns (cognito-decisions.md #12 and its
 * last paragraph).
 */
import { diag, type Diagnostic, type PathKey } from '../diagnostics/diagnostic.js';
import type { IdentityPool, Project, RoleMapping } from '../model/types.js';
import { isRoleArn, oidcHost } from './arn.js';
import { isUnresolved } from '../model/unresolved.js';
import { INVALID_PARAMETER, NOT_AUTHORIZED } from './errors.js';

const MAX_ROLE_MAPPINGS = 10;
const MAX_RULES_PER_PROVIDER = 25;
const MATCH_TYPES = new Set(['Equals', 'Contains', 'StartsWith', 'NotEqual']);
const CLAIM_PATTERN = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;

export interface ConfigurationProblem {
  /** Diagnostic code. */
  code: string;
  /** Diagnostic message (lowercase, user input in backticks). */
  message: string;
  help: string;
  /** Path inside identityPoolRoles. */
  path: PathKey[];
  /** What SetIdentityPoolRoles (and so every resolution) returns. */
  awsError: { code: string; message: string };
  /** The cognito-decisions.md row behind the refusal, when there is one. */
  decision?: number;
}

/** Whether a RoleMappings provider name (`IdentityProvider ?? key`) is a provider configured on the pool. */
function isConfiguredProvider(pool: IdentityPool, name: string): boolean {
  if ((pool.CognitoIdentityProviders ?? []).some((p) => `${p.ProviderName}:${p.ClientId}` === name)) return true;
  if (pool.SupportedLoginProviders && Object.hasOwn(pool.SupportedLoginProviders, name)) return true;
  if ((pool.OpenIdConnectProviderARNs ?? []).some((arn) => oidcHost(arn) === oidcHost(name))) return true;
  if ((pool.SamlProviderARNs ?? []).includes(name)) return true;
  return pool.DeveloperProviderName !== undefined && pool.DeveloperProviderName === name;
}

function invalid(
  code: string,
  message: string,
  help: string,
  path: PathKey[],
  awsMessage: string,
  decision?: number,
): ConfigurationProblem {
  return { code, message, help, path, awsError: { code: INVALID_PARAMETER, message: awsMessage }, ...(decision ? { decision } : {}) };
}

function roleArnProblem(arn: unknown, path: PathKey[]): ConfigurationProblem | undefined {
  if (typeof arn === 'string' && (isRoleArn(arn) || isUnresolved(arn))) return undefined; // unresolved: unknown, not invalid
  const text = typeof arn === 'string' ? arn : (JSON.stringify(arn) ?? String(arn));
  return {
    code: 'cognito_role_not_arn',
    message: `\`${text}\` is not an IAM role ARN`,
    help: 'give the full role ARN, e.g. arn:aws:iam::123456789012:role/Name (a role name alone is refused)',
    path,
    awsError: { code: NOT_AUTHORIZED, message: `Access to Role '${text}' is forbidden.` },
  };
}

export function findConfigurationProblems(project: Project): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  const roles = project.identityPoolRoles.Roles;
  if (roles && typeof roles === 'object') {
    for (const key of Object.keys(roles)) {
      if (key !== 'authenticated' && key !== 'unauthenticated') {
        problems.push(
          invalid(
            'cognito_roles_key_invalid',
            `Roles key \`${key}\` is neither \`authenticated\` nor \`unauthenticated\``,
            'Roles has at most two entries, `authenticated` and `unauthenticated`',
            ['Roles', key],
            `1 validation error detected: Value at 'roles' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: (un)?authenticated]`,
          ),
        );
      } else {
        const p = roleArnProblem(roles[key], ['Roles', key]);
        if (p) problems.push(p);
      }
    }
  }
  const mappings = project.identityPoolRoles.RoleMappings;
  if (!mappings || typeof mappings !== 'object') return problems;
  const keys = Object.keys(mappings);
  if (keys.length > MAX_ROLE_MAPPINGS) {
    problems.push(
      invalid(
        'cognito_too_many_mappings',
        `RoleMappings has ${keys.length} providers, over the limit of ${MAX_ROLE_MAPPINGS}`,
        'an identity pool can have role mappings for at most 10 identity providers (not adjustable)',
        ['RoleMappings'],
        `1 validation error detected: Value at 'roleMappings' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ROLE_MAPPINGS}`,
      ),
    );
  }
  const seen = new Map<string, string>();
  for (const key of keys) {
    const mapping = mappings[key];
    problems.push(...mappingProblems(project.identityPool, key, mapping, seen));
  }
  return problems;
}

function mappingProblems(
  pool: IdentityPool,
  key: string,
  mapping: RoleMapping | undefined,
  seen: Map<string, string>,
): ConfigurationProblem[] {
  const at = (...rest: PathKey[]): PathKey[] => ['RoleMappings', key, ...rest];
  if (!mapping || typeof mapping !== 'object') {
    return [
      invalid(
        'cognito_mapping_invalid',
        `role mapping \`${key}\` is not an object`,
        'give Type, AmbiguousRoleResolution and, for Rules, RulesConfiguration',
        at(),
        `Invalid RoleMapping for ${key}.`,
      ),
    ];
  }
  const out: ConfigurationProblem[] = [];
  const name = typeof mapping.IdentityProvider === 'string' ? mapping.IdentityProvider : key;
  const namePath = typeof mapping.IdentityProvider === 'string' ? at('IdentityProvider') : at();
  const notProvider = `(${name}) is not a valid RoleMapping ProviderName or is not a configured provider.`;
  if (name.length < 1 || name.length > 128) {
    out.push(
      invalid(
        'cognito_mapping_key_length',
        `role mapping provider \`${name}\` is ${name.length} characters long; the limit is 1 to 128`,
        'use the provider name, e.g. `cognito-idp.<region>.amazonaws.com/<pool>:<client>`',
        namePath,
        notProvider,
      ),
    );
  } else if (/^https?:\/\//.test(name)) {
    out.push(
      invalid(
        'cognito_mapping_key_url',
        `role mapping provider \`${name}\` is a URL`,
        `drop the \`${name.startsWith('https') ? 'https' : 'http'}://\`: a user pool is named \`cognito-idp.<region>.amazonaws.com/<pool>:<app client id>\``,
        namePath,
        notProvider,
      ),
    );
  } else if (!isConfiguredProvider(pool, name) && !isUnresolved(name)) {
    out.push(
      invalid(
        'cognito_mapping_unknown_provider',
        `role mapping provider \`${name}\` is not a provider configured on the identity pool`,
        'a user pool mapping is keyed `<ProviderName>:<ClientId>` of a CognitoIdentityProviders entry; other keys must be a SupportedLoginProviders key or an OIDC/SAML provider of the pool',
        namePath,
        notProvider,
      ),
    );
  }
  const canonical = oidcHost(name);
  if (seen.has(canonical)) {
    out.push(
      invalid(
        'cognito_mapping_duplicate_provider',
        `role mappings \`${seen.get(canonical)}\` and \`${key}\` are both for provider \`${name}\``,
        'keep one role mapping per provider',
        namePath,
        `Duplicate RoleMapping for ${name}.`,
      ),
    );
  } else seen.set(canonical, key);
  if (mapping.Type !== 'Token' && mapping.Type !== 'Rules') {
    out.push(
      invalid(
        'cognito_mapping_type_invalid',
        `role mapping \`${key}\` has Type \`${String(mapping.Type)}\`; it must be \`Token\` or \`Rules\``,
        'set Type to Token (roles from cognito:roles) or Rules (claim-matching rules)',
        at('Type'),
        `Invalid RoleMapping Type for ${name}.`,
      ),
    );
    return out;
  }
  const ambiguous = mapping.AmbiguousRoleResolution;
  if (ambiguous === undefined) {
    out.push(
      invalid(
        'cognito_ambiguous_resolution_missing',
        `role mapping \`${key}\` of Type ${mapping.Type} has no AmbiguousRoleResolution`,
        'add AmbiguousRoleResolution: AuthenticatedRole or Deny (required for Token and Rules)',
        at(),
        `AmbiguousRoleResolution must be specified for Type ${mapping.Type}.`,
      ),
    );
  } else if (ambiguous !== 'AuthenticatedRole' && ambiguous !== 'Deny') {
    out.push(
      invalid(
        'cognito_ambiguous_resolution_invalid',
        `AmbiguousRoleResolution \`${String(ambiguous)}\` is neither \`AuthenticatedRole\` nor \`Deny\``,
        'use AuthenticatedRole or Deny',
        at('AmbiguousRoleResolution'),
        `Invalid AmbiguousRoleResolution for ${name}.`,
      ),
    );
  }
  if (mapping.Type === 'Rules') out.push(...rulesProblems(key, name, mapping, at));
  return out;
}

function rulesProblems(key: string, name: string, mapping: RoleMapping, at: (...rest: PathKey[]) => PathKey[]): ConfigurationProblem[] {
  const rules = mapping.RulesConfiguration?.Rules;
  if (!mapping.RulesConfiguration || typeof mapping.RulesConfiguration !== 'object' || !Array.isArray(rules)) {
    return [
      invalid(
        'cognito_rules_configuration_missing',
        `role mapping \`${key}\` of Type Rules has no RulesConfiguration.Rules`,
        'add RulesConfiguration: {Rules: [...]}, or use Type Token',
        at(),
        `RulesConfiguration must be specified for Type Rules.`,
      ),
    ];
  }
  const out: ConfigurationProblem[] = [];
  const rulesPath = at('RulesConfiguration', 'Rules');
  if (rules.length === 0) {
    out.push(
      invalid(
        'cognito_rules_empty',
        `role mapping \`${key}\` has no rules`,
        'give at least one rule, or use the default role by removing the mapping',
        rulesPath,
        `1 validation error detected: Value at 'rules' failed to satisfy constraint: Member must have length greater than or equal to 1`,
      ),
    );
  }
  if (rules.length > MAX_RULES_PER_PROVIDER) {
    out.push(
      invalid(
        'cognito_too_many_rules',
        `role mapping \`${key}\` has ${rules.length} rules, over the limit of ${MAX_RULES_PER_PROVIDER} per provider`,
        'AWS allows at most 25 rules per identity provider (not adjustable); merge rules or move logic into groups',
        rulesPath,
        `The number of rules for ${name} exceeds the limit of ${MAX_RULES_PER_PROVIDER}.`,
        12,
      ),
    );
  }
  rules.forEach((rule, i) => out.push(...ruleProblems(rule, at('RulesConfiguration', 'Rules', i), i)));
  return out;
}

function ruleProblems(rule: unknown, path: PathKey[], i: number): ConfigurationProblem[] {
  const bad = (field: string, what: string, help: string) =>
    invalid(
      'cognito_rule_invalid',
      `rule ${i + 1}: ${what}`,
      help,
      [...path, field],
      `1 validation error detected: Value at 'rules.${i + 1}.member.${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint`,
    );
  if (!rule || typeof rule !== 'object' || Array.isArray(rule))
    return [
      invalid(
        'cognito_rule_invalid',
        `rule ${i + 1} is not an object`,
        'a rule has Claim, MatchType, Value and RoleARN',
        path,
        `Invalid MappingRule.`,
      ),
    ];
  const r = rule as Record<string, unknown>;
  const out: ConfigurationProblem[] = [];
  if (Object.values(r).some((v) => typeof v === 'string' && isUnresolved(v))) {
    const arnOnly = roleArnProblem(r.RoleARN, [...path, 'RoleARN']);
    return arnOnly ? [arnOnly] : []; // a rule holding an unresolved value is unknown, not invalid
  }
  if (typeof r.Claim !== 'string' || r.Claim.length < 1 || r.Claim.length > 64 || !CLAIM_PATTERN.test(r.Claim)) {
    out.push(
      bad(
        'Claim',
        `Claim \`${String(r.Claim)}\` must be a claim name of 1 to 64 characters without spaces`,
        'name the token claim, e.g. `cognito:groups` or `custom:dept`',
      ),
    );
  }
  if (typeof r.MatchType !== 'string' || !MATCH_TYPES.has(r.MatchType)) {
    out.push(
      bad(
        'MatchType',
        `MatchType \`${String(r.MatchType)}\` is not Equals, Contains, StartsWith or NotEqual`,
        'use one of Equals, Contains, StartsWith, NotEqual (case matters)',
      ),
    );
  }
  // A YAML `Value: 5` arrives as a number; it compares as its JSON text (decision #5), so accept it.
  const value = typeof r.Value === 'number' || typeof r.Value === 'boolean' ? String(r.Value) : r.Value;
  if (typeof value !== 'string' || value.length < 1 || value.length > 128) {
    out.push(bad('Value', 'Value must be a string of 1 to 128 characters', 'quote numbers and booleans in YAML so that they stay strings'));
  }
  const arn = roleArnProblem(r.RoleARN, [...path, 'RoleARN']);
  if (arn) out.push(arn);
  return out;
}

/** The same problems as diagnostics, located in the identityPoolRoles source (for `keycard validate`). */
export function configurationProblems(project: Project): Diagnostic[] {
  return findConfigurationProblems(project).map((p) =>
    diag(p.code, 'error', `${p.message} (AWS refuses this configuration: ${p.awsError.code})`, {
      help: p.help,
      location: project.locate.identityPoolRoles(p.path),
    }),
  );
}

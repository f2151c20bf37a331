/**
 * Identity-pool role resolution: the whole of cognito-reference §1.3 for both flows, returning the
 * role (or the AWS error) with a trace of every step. Never throws on arbitrary claims.
 */
import type { Claims, Project } from '../model/types.js';
import { roleAccount } from './arn.js';
import { isClaimsObject, stringClaim } from './claims.js';
import { chooseAuthenticatedRole } from './choose-role.js';
import { findConfigurationProblems } from './config-problems.js';
import { unknownBecause, unresolvedNames } from '../model/unresolved.js';
import { fail, poolRole, rolesLocation, step, type AwsError, type ResolveContext } from './context.js';
import { ACCESS_DENIED, INVALID_PARAMETER, INVALID_POOL_CONFIGURATION, MESSAGES, NOT_AUTHORIZED, VALIDATION_ERROR } from './errors.js';
import { deriveUserPoolClaims } from './derive-claims.js';
import { defaultIdentityId } from '../model/identity-id.js';
import { principalTagsFor } from './principal-tags.js';
import { findMapping, identifyProvider } from './providers.js';
import { unauthenticatedSessionPolicies } from './session-policies.js';
import { checkTrust } from './trust.js';
import type { Resolution, ResolveRequest, SessionPolicyRef, TrustCheck, TrustChecker } from './types.js';

const ENHANCED_SESSION_NAME = 'CognitoIdentityCredentials';

interface Granted {
  role: string;
  source: NonNullable<Resolution['source']>;
  sessionPolicies: SessionPolicyRef[];
  principalTags: Record<string, string>;
}

/**
 * The Cognito stage's resolution, with the trust policy checked by the injected checker (none: not
 * checked). The library's `resolveRole` (src/index.ts) is this with the IAM engine's checker.
 */
export function resolveRoleWith(project: Project, req: ResolveRequest, opts: { trust?: TrustChecker } = {}): Resolution {
  const flow = req.flow === 'basic' ? 'basic' : 'enhanced';
  const guest = req.login === undefined || req.login === null;
  const claims: Claims = isClaimsObject(req.claims) ? req.claims : {};
  const identityId =
    typeof req.identityId === 'string' && req.identityId !== ''
      ? req.identityId
      : defaultIdentityId(project.region, project.identityPool.IdentityPoolId, guest ? undefined : req.login, stringClaim(claims, 'sub'));
  const ctx: ResolveContext = { project, req, flow, claims, identityId, trace: [], ...(opts.trust ? { trust: opts.trust } : {}) };
  const amr = guest ? ['unauthenticated'] : ['authenticated'];
  const base = { provider: null as string | null, amr };

  if (!isClaimsObject(req.claims) && req.claims !== undefined)
    step(ctx, { step: 'claims', message: 'the claims are not an object; resolving with no claims', outcome: 'info' });
  step(
    ctx,
    req.identityId
      ? { step: 'identity', message: `identity id \`${identityId}\` (given)`, outcome: 'info' }
      : {
          step: 'identity',
          message: `identity id \`${identityId}\` (derived from the pool id, login and sub)`,
          outcome: 'info',
          decision: 16,
        },
  );

  const problems = findConfigurationProblems(project);
  if (problems.length > 0) {
    for (const p of problems) {
      const location = project.locate.identityPoolRoles(p.path);
      step(ctx, {
        step: 'config',
        message: `${p.message}: AWS refuses to store this configuration`,
        outcome: 'error',
        ...(location ? { location } : {}),
        ...(p.decision ? { decision: p.decision } : {}),
      });
    }
    return errorResult(ctx, base, problems[0]!.awsError);
  }

  if (guest) {
    if (project.identityPool.AllowUnauthenticatedIdentities !== true) {
      const location = project.locate.identityPool(['AllowUnauthenticatedIdentities']);
      fail(
        ctx,
        { code: NOT_AUTHORIZED, message: MESSAGES.unauthenticatedDisabled },
        { step: 'guest', message: 'no login: a guest, but AllowUnauthenticatedIdentities is not true', ...(location ? { location } : {}) },
      );
      return errorResult(ctx, base, { code: NOT_AUTHORIZED, message: MESSAGES.unauthenticatedDisabled });
    }
    step(ctx, { step: 'guest', message: 'no login: an unauthenticated (guest) identity', outcome: 'info' });
    return flow === 'basic' ? basicFlow(ctx, base, {}) : guestEnhanced(ctx, base);
  }

  const identified = identifyProvider(project, String(req.login), claims);
  ctx.trace.push(...identified.steps);
  if (!identified.ok) {
    // A provider of the pool known only after deploy may be this login's: unknown, never refused.
    return identified.unknown ? unknownResult(ctx, base, identified.unknown) : errorResult(ctx, base, identified.error);
  }
  const provider = identified.provider;
  const authBase = { provider: provider.name, amr: ['authenticated', ...provider.amr] };
  if (provider.kind === 'userPool') ctx.claims = deriveUserPoolClaims(ctx);
  const tags = principalTagsFor(project, provider, ctx.claims);
  if (flow === 'basic') {
    ctx.trace.push(...tags.steps);
    return basicFlow(ctx, authBase, tags.tags);
  }
  // Resolution.provider names the RoleMappings key the login resolved to, else the provider itself.
  const mapped = { ...authBase, provider: findMapping(project, provider)?.key ?? provider.name };
  const choice = chooseAuthenticatedRole(ctx, provider);
  if (!choice.ok) return choice.unknown ? unknownResult(ctx, mapped, choice.unknown) : errorResult(ctx, mapped, choice.error);
  ctx.trace.push(...tags.steps);
  return grant(ctx, mapped, { role: choice.role, source: choice.source, sessionPolicies: [], principalTags: tags.tags });
}

function guestEnhanced(ctx: ResolveContext, base: { provider: string | null; amr: string[] }): Resolution {
  if (ctx.req.customRoleArn !== undefined) {
    step(ctx, {
      step: 'custom',
      message: `CustomRoleArn \`${ctx.req.customRoleArn}\` is ignored for guests: they always get the unauthenticated role`,
      outcome: 'skip',
    });
  }
  const role = poolRole(ctx, 'unauthenticated');
  if (role === undefined) {
    const error = { code: INVALID_POOL_CONFIGURATION, message: MESSAGES.invalidConfiguration };
    fail(ctx, error, { step: 'guest', message: 'the pool has no Roles.unauthenticated' });
    return errorResult(ctx, base, error);
  }
  const location = rolesLocation(ctx, 'unauthenticated');
  step(ctx, { step: 'guest', message: `default unauthenticated role \`${role}\``, outcome: 'match', ...(location ? { location } : {}) });
  const sessionPolicies = unauthenticatedSessionPolicies(ctx.project.region);
  step(ctx, {
    step: 'session-policies',
    message: `enhanced flow: Cognito adds its scope-down session policies (${sessionPolicies.map((p) => p.name).join('; ')})`,
    outcome: 'info',
  });
  return grant(ctx, base, { role, source: 'unauthenticated', sessionPolicies, principalTags: {} });
}

function basicFlow(
  ctx: ResolveContext,
  base: { provider: string | null; amr: string[] },
  principalTags: Record<string, string>,
): Resolution {
  const pool = ctx.project.identityPool;
  const classic = ctx.project.locate.identityPool(['AllowClassicFlow']);
  const at = classic ? { location: classic } : {};
  if (pool.AllowClassicFlow === false) {
    const error = { code: INVALID_PARAMETER, message: MESSAGES.classicFlowDisabled };
    fail(ctx, error, { step: 'flow', message: 'basic flow requested, but AllowClassicFlow is false', ...at });
    return errorResult(ctx, base, error);
  }
  if (pool.AllowClassicFlow === undefined) {
    step(ctx, {
      step: 'flow',
      message: 'basic flow: AllowClassicFlow is not set, which AWS treats as enabled',
      outcome: 'info',
      decision: 11,
    });
  } else step(ctx, { step: 'flow', message: 'basic flow: AllowClassicFlow is true', outcome: 'info', ...at });
  const mappings = ctx.project.identityPoolRoles.RoleMappings;
  if (mappings && typeof mappings === 'object' && Object.keys(mappings).length > 0) {
    const error = { code: INVALID_PARAMETER, message: MESSAGES.classicFlowWithRoleMappings };
    const location = ctx.project.locate.identityPoolRoles(['RoleMappings']);
    fail(ctx, error, { step: 'flow', message: 'GetOpenIdToken refuses pools with RoleMappings', ...(location ? { location } : {}) });
    return errorResult(ctx, base, error);
  }
  const requested = ctx.req.requestedRoleArn;
  if (typeof requested !== 'string' || requested === '') {
    const error = { code: VALIDATION_ERROR, message: MESSAGES.missingRoleArn };
    fail(ctx, error, { step: 'flow', message: 'basic flow: AssumeRoleWithWebIdentity needs a RoleArn (requestedRoleArn)' });
    return errorResult(ctx, base, error);
  }
  step(ctx, { step: 'flow', message: `the app calls AssumeRoleWithWebIdentity for \`${requested}\``, outcome: 'info' });
  return grant(ctx, base, { role: requested, source: 'requested', sessionPolicies: [], principalTags });
}

/** The common tail: same-account rule (enhanced flow), then the STS trust check. */
function grant(ctx: ResolveContext, base: { provider: string | null; amr: string[] }, g: Granted): Resolution {
  const undecided = unresolvedNames(g.role);
  if (undecided.length) {
    step(ctx, { step: 'role', message: `the role ARN holds a value no file gives (\`${undecided.join('`, `')}\`)`, outcome: 'info' });
    return unknownResult(ctx, base, undecided);
  }
  const account = roleAccount(g.role);
  if (ctx.flow === 'enhanced' && account !== ctx.project.account) {
    const error = { code: INVALID_POOL_CONFIGURATION, message: MESSAGES.invalidConfiguration };
    const why =
      account === undefined
        ? `\`${g.role}\` is not an IAM role ARN`
        : `role \`${g.role}\` is in account ${account}, not the pool's account ${ctx.project.account}; the enhanced flow requires the same account`;
    fail(ctx, error, { step: 'account', message: why });
    return errorResult(ctx, base, error);
  }
  const { trust, step: trustStep } = checkTrust(
    ctx.project,
    { roleArn: g.role, flow: ctx.flow, identityId: ctx.identityId, amr: base.amr, tagged: Object.keys(g.principalTags).length > 0 },
    ctx.trust,
  );
  ctx.trace.push(trustStep);
  if (trust.status === 'denied') {
    const error =
      ctx.flow === 'enhanced'
        ? { code: INVALID_POOL_CONFIGURATION, message: MESSAGES.invalidConfiguration }
        : { code: ACCESS_DENIED, message: MESSAGES.stsAccessDenied };
    return errorResult(ctx, base, error, trust);
  }
  step(ctx, { step: 'result', message: `credentials for \`${g.role}\``, outcome: 'match' });
  return {
    outcome: 'credentials',
    role: g.role,
    error: null,
    provider: base.provider,
    source: g.source,
    sessionPolicies: g.sessionPolicies,
    principalTags: g.principalTags,
    trace: ctx.trace,
    identityId: ctx.identityId,
    amr: base.amr,
    flow: ctx.flow,
    trust,
    sessionName: ENHANCED_SESSION_NAME,
    claims: ctx.claims,
  };
}

/** Neither credentials nor an error: the outcome depends on values no file gives. */
function unknownResult(ctx: ResolveContext, base: { provider: string | null; amr: string[] }, names: string[]): Resolution {
  step(ctx, { step: 'result', message: unknownBecause(names), outcome: 'info' });
  return { ...noCredentials(ctx, base), outcome: 'unknown', unknown: names };
}

function errorResult(
  ctx: ResolveContext,
  base: { provider: string | null; amr: string[] },
  error: AwsError,
  trust?: TrustCheck,
): Resolution {
  step(ctx, { step: 'result', message: `${error.code}: ${error.message}`, outcome: 'error' });
  return { ...noCredentials(ctx, base, trust), outcome: 'error', error };
}

/** What a resolution without credentials carries, whether it failed or is unknown. */
function noCredentials(ctx: ResolveContext, base: { provider: string | null; amr: string[] }, trust?: TrustCheck): Resolution {
  return {
    outcome: 'error',
    role: null,
    error: null,
    provider: base.provider,
    source: null,
    sessionPolicies: [],
    principalTags: {},
    trace: ctx.trace,
    identityId: ctx.identityId,
    amr: base.amr,
    flow: ctx.flow,
    trust: trust ?? { status: 'unchecked', actions: [], context: {}, message: 'no role was chosen, so no trust policy was checked' },
    sessionName: ENHANCED_SESSION_NAME,
    claims: ctx.claims,
  };
}

/**
 * Asks the IAM engine whether a role's trust policy lets this identity pool's sessions assume it,
 * with the context Cognito sends (cognito-reference §2): aud = the pool id, amr = `authenticated`
 * plus the provider, or `unauthenticated`.
 */
import { textMatches } from '../iam/fast/text-matcher.js';
import { ASSUME_ACTION } from '../cognito/trust.js';
import { checkTrust, COGNITO_PRINCIPAL } from '../iam/index.js';
import type { CompiledStatement, Explain } from '../iam/index.js';
import type { Project, Role } from '../model/types.js';
import type { PoolProvider, PolicyUsage } from './context.js';

export type TrustAnswer = 'allowed' | 'denied' | 'unknown';

const SAMPLE_SUB = '00000000-0000-4000-8000-000000000000';

export function authenticatedAmr(provider: PoolProvider | undefined): string[] {
  if (!provider) return ['authenticated'];
  const extra = provider.kind === 'userPool' ? [`${provider.login}:CognitoSignIn:${SAMPLE_SUB}`] : [];
  return ['authenticated', ...provider.amr, ...extra];
}

export const GUEST_AMR = ['unauthenticated'];

export function trustAnswer(project: Project, role: Role, actions: string[], amr: string[]): TrustAnswer {
  if (!role.trustPolicy) return 'unknown';
  const context = {
    'cognito-identity.amazonaws.com:aud': project.identityPool?.IdentityPoolId ?? '',
    'cognito-identity.amazonaws.com:amr': amr,
    'cognito-identity.amazonaws.com:sub': `${project.region}:${SAMPLE_SUB}`,
  };
  const check = checkTrust({ project, role, actions, context, flow: 'enhanced', crossAccount: false });
  if (check.status === 'allowed') return 'allowed';
  if (check.status !== 'denied' || ((check.explain as Explain[] | undefined) ?? []).some((e) => e.indeterminate)) return 'unknown';
  return 'denied';
}

/** Allow statements that name the Cognito principal and grant AssumeRoleWithWebIdentity. */
export function cognitoAllowStatements(use: PolicyUsage): CompiledStatement[] {
  const assume = ASSUME_ACTION.toLowerCase();
  return use.compiled.statements.filter(
    (s) =>
      s.effect === 'Allow' &&
      !s.notPrincipal &&
      (s.principals ?? []).some((p) => p.type === 'Federated' && p.value.toLowerCase() === COGNITO_PRINCIPAL) &&
      s.actionMatchers.some((m) => textMatches(m, assume)) !== s.notAction,
  );
}

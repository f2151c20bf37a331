/**
 * The whole chain from a user to a role: Cognito's resolution with the IAM engine as its trust
 * checker. Every command and the explorer resolve through here, so they cannot disagree.
 */
import { resolveRoleWith } from '../cognito/resolve.js';
import type { ResolveRequest, Resolution } from '../cognito/types.js';
import { checkTrust } from '../iam/index.js';
import type { Project, Scenario } from '../model/types.js';

export function resolveUser(project: Project, req: ResolveRequest): Resolution {
  return resolveRoleWith(project, req, { trust: checkTrust });
}

/** The fields of a user that resolution reads: a scenario, or a user edited in the explorer. */
export type UserLike = Pick<Scenario, 'claims' | 'flow' | 'login' | 'identityId' | 'customRoleArn' | 'requestedRoleArn'>;

export function scenarioRequest(s: UserLike): ResolveRequest {
  const req: ResolveRequest = { claims: s.claims, flow: s.flow };
  if (s.login !== undefined) req.login = s.login;
  if (s.identityId !== undefined) req.identityId = s.identityId;
  if (s.customRoleArn !== undefined) req.customRoleArn = s.customRoleArn;
  if (s.requestedRoleArn !== undefined) req.requestedRoleArn = s.requestedRoleArn;
  return req;
}

export function resolveForScenario(s: Scenario): Resolution {
  return resolveUser(s.project, scenarioRequest(s));
}

/**
 * The STS step Cognito performs on the chosen role (cognito-reference §2): AssumeRoleWithWebIdentity
 * (+ TagSession when tags are passed) with the identity pool's token as context. keycard does not
 * evaluate the trust policy here: the caller injects a TrustChecker (the IAM engine). Without one
 * the check is reported as pending.
 */
import type { Project } from '../model/types.js';
import { roleAccount } from './arn.js';
import type { TraceStep, TrustCheck, TrustChecker } from './types.js';

export const ASSUME_ACTION = 'sts:AssumeRoleWithWebIdentity';
export const TAG_ACTION = 'sts:TagSession';

export interface TrustRequest {
  roleArn: string;
  flow: 'enhanced' | 'basic';
  identityId: string;
  amr: string[];
  tagged: boolean;
}

function trustContext(project: Project, req: TrustRequest): Record<string, string | string[]> {
  return {
    'cognito-identity.amazonaws.com:aud': project.identityPool.IdentityPoolId,
    'cognito-identity.amazonaws.com:amr': req.amr,
    'cognito-identity.amazonaws.com:sub': req.identityId,
  };
}

export function checkTrust(project: Project, req: TrustRequest, checker: TrustChecker | undefined): { trust: TrustCheck; step: TraceStep } {
  const actions = req.tagged ? [ASSUME_ACTION, TAG_ACTION] : [ASSUME_ACTION];
  const context = trustContext(project, req);
  const role = project.roles.get(req.roleArn);
  const what = `${actions.join(' + ')} on \`${req.roleArn}\``;
  if (!role) {
    const message = `role \`${req.roleArn}\` is not defined in \`iam\`: its trust policy and permissions could not be checked`;
    return { trust: { status: 'unchecked', actions, context, message }, step: { step: 'trust', message, outcome: 'info' } };
  }
  const location = role.trustPolicy?.locate([]) ?? role.location;
  const withLocation = location ? { location } : {};
  if (!checker) {
    const message = `${what}: the role's trust policy will be checked by the IAM engine`;
    const trust: TrustCheck = { status: 'pending', actions, context, message, ...(role.trustPolicy ? { policy: role.trustPolicy } : {}) };
    return { trust, step: { step: 'trust', message, outcome: 'pending', ...withLocation } };
  }
  const crossAccount = roleAccount(req.roleArn) !== project.account;
  const trust = checker({ project, role, actions, context, flow: req.flow, crossAccount });
  const verdict =
    trust.status === 'denied' ? 'error' : trust.status === 'allowed' ? 'match' : trust.status === 'pending' ? 'pending' : 'info';
  const message = trust.message || `${what}: ${trust.status}`;
  return { trust, step: { step: 'trust', message, outcome: verdict, ...withLocation } };
}

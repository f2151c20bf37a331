/**
 * The TrustChecker of the Cognito stage: evaluates the role's trust policy (a resource policy on
 * the role) for the Federated principal `cognito-identity.amazonaws.com`. The statement must name
 * that principal explicitly. cognito-decisions #13: without an `aud` condition the role stays
 * assumable in the same account, but is refused cross-account in the basic flow.
 */
import type { TrustCheck, TrustChecker } from '../cognito/types.js';
import { arnAccount } from './arn.js';
import { compiledOnce } from './compiled-once.js';
import { evaluate } from './evaluate.js';
import { prepareRequest } from './request.js';
import type { CompiledPolicy, Explain } from './types.js';

export const COGNITO_PRINCIPAL = 'cognito-identity.amazonaws.com';
const AUD_KEY = 'cognito-identity.amazonaws.com:aud';

/** True when an Allow statement that matched tests `cognito-identity.amazonaws.com:aud`. */
function matchedWithAud(policy: CompiledPolicy, explain: Explain): boolean {
  const matched = explain.policies.flatMap((p) => p.statements).filter((s) => s.matched && s.effect === 'Allow');
  return matched.some((s) => policy.statements[s.index]?.conditions.some((c) => c.keyLower === AUD_KEY));
}

export const checkTrust: TrustChecker = ({ role, actions, context, flow, crossAccount }) => {
  const base = { actions, context };
  const doc = role.trustPolicy;
  if (!doc) {
    return {
      ...base,
      status: 'unchecked',
      message: `role \`${role.Arn}\` has no trust policy in the project, so it could not be checked`,
    } satisfies TrustCheck;
  }
  const policy = compiledOnce(doc, 'trust');
  const set = { identity: [], session: [], scp: [], rcp: [], resource: policy };
  const explains: Explain[] = [];
  for (const action of actions) {
    const req = prepareRequest({
      principal: COGNITO_PRINCIPAL,
      action,
      resource: role.Arn,
      resourceAccount: arnAccount(role.Arn),
      context,
    });
    const { decision, explain } = evaluate(set, req, { explain: true });
    explains.push(explain!);
    if (decision !== 'Allow') {
      const why = decision === 'ExplicitDeny' ? 'explicitly denies' : 'does not allow';
      return {
        ...base,
        status: 'denied',
        policy: doc,
        explain: explains,
        message: `the trust policy of \`${role.Arn}\` ${why} \`${action}\` for \`${COGNITO_PRINCIPAL}\`: ${explain!.summary}`,
      };
    }
  }
  const assume = explains[0];
  if (assume && crossAccount && flow === 'basic' && !matchedWithAud(policy, assume)) {
    return {
      ...base,
      status: 'denied',
      policy: doc,
      explain: explains,
      message: `the trust policy of \`${role.Arn}\` has no \`${AUD_KEY}\` condition, so STS refuses it cross-account in the basic flow (cognito-decisions #13)`,
    };
  }
  return {
    ...base,
    status: 'allowed',
    policy: doc,
    explain: explains,
    message: `the trust policy of \`${role.Arn}\` allows ${actions.map((a) => `\`${a}\``).join(' and ')} for \`${COGNITO_PRINCIPAL}\``,
  };
};

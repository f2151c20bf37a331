/**
 * The guest (unauthenticated) role may write to S3: anyone who knows the identity pool id gets
 * guest credentials, and Cognito's scope-down session policy keeps `s3:*` (cognito-reference
 * §1.9.1). Statement by statement: an Allow whose actions cover S3 actions of access level Write
 * or Permissions management (catalog) on a Resource that can be an ARN of the type they act on.
 * When the role has a permissions boundary, the boundary must grant the action the same way.
 */
import { textMatches } from '../../iam/fast/text-matcher.js';
import { actionInfo, allS3Actions } from '../../catalog/index.js';
import type { CompiledStatement } from '../../iam/index.js';
import { compiledOnce } from '../../iam/index.js';
import { policyFinding, type LintContext, type PolicyUsage } from '../context.js';
import { actionShapes, s3Shape } from '../s3-shapes.js';
import type { Finding, LintRule } from '../types.js';

const RISKY_LEVELS = new Set(['Write', 'Permissions management']);

let riskyActions: string[] | undefined;
function risky(): string[] {
  return (riskyActions ??= allS3Actions().filter((a) => RISKY_LEVELS.has(String(actionInfo(a)?.accessLevel))));
}

/** The risky actions a statement grants on some resource of the right type. */
function grants(s: CompiledStatement): string[] {
  if (s.effect !== 'Allow' || s.problems.length > 0) return [];
  const shapes = s.notResource ? ['any'] : (s.resources ?? []).map((r) => s3Shape(r.template.source));
  return risky().filter((action) => {
    if (s.actionMatchers.some((m) => textMatches(m, action.toLowerCase())) === s.notAction) return false;
    const acts = actionShapes(actionInfo(action)?.resourceTypes ?? []);
    return shapes.some((shape) => shape === 'any' || (shape === 'bucket' && acts.bucket) || (shape === 'object' && acts.object));
  });
}

export const guestWriteRule: LintRule = {
  name: 'guest-write',
  codes: [
    {
      code: 'iam_guest_s3_write',
      severity: 'warning',
      summary: 'the guest (unauthenticated) role may write, delete or change permissions in S3',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const { project } = ctx;
    if (project.identityPool?.AllowUnauthenticatedIdentities !== true || !ctx.guestRole) return [];
    const role = project.roles.get(ctx.guestRole);
    if (!role) return [];
    const docs = [
      ...role.inlinePolicies,
      ...role.attachedManagedPolicies.flatMap((m) => project.managedPolicies.get(m.PolicyArn)?.document ?? []),
    ];
    const uses = docs.flatMap((doc) => ctx.policies.filter((u) => u.doc === doc && u.kind === 'identity'));
    const boundaryDoc = role.permissionsBoundaryArn ? project.managedPolicies.get(role.permissionsBoundaryArn)?.document : undefined;
    const boundary = boundaryDoc ? new Set(compiledOnce(boundaryDoc, 'boundary').statements.flatMap(grants)) : undefined;
    const out: Finding[] = [];
    const seen = new Set<PolicyUsage>();
    for (const use of uses) {
      if (seen.has(use)) continue;
      seen.add(use);
      for (const s of use.compiled.statements) {
        const actions = grants(s).filter((a) => !boundary || boundary.has(a));
        if (actions.length === 0) continue;
        const shown =
          actions
            .slice(0, 4)
            .map((a) => `\`${a}\``)
            .join(', ') + (actions.length > 4 ? ` and ${actions.length - 4} more` : '');
        out.push(
          policyFinding(
            use,
            'iam_guest_s3_write',
            'warning',
            `the guest role \`${role.RoleName}\` is allowed ${shown} (S3 write or permissions management)`,
            'anyone who knows the identity pool id gets guest credentials; give write, delete and permission actions only to signed-in roles',
            s.path,
          ),
        );
      }
    }
    return out;
  },
};

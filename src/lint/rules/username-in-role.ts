/**
 * `${aws:username}` in a policy of a role: the key is absent for role sessions (IAM variables
 * reference: "not available when using IAM roles"), so the element matches nothing.
 */
import { walkStrings } from '../json-walk.js';
import { policyFinding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

const USERNAME = /\$\{\s*aws:username\s*(,[^}]*)?\}/i;

export const usernameInRoleRule: LintRule = {
  name: 'username-in-role',
  codes: [
    { code: 'iam_username_in_role_policy', severity: 'warning', summary: '`${aws:username}` in a policy of a role, where it is never set' },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const use of ctx.policies.filter((u) => u.forRole && u.compiled.version === '2012-10-17')) {
      walkStrings((use.doc.json as { Statement?: unknown })?.Statement, ['Statement'], (text, path) => {
        const m = USERNAME.exec(text);
        if (!m) return;
        const fallback = m[1] !== undefined;
        out.push(
          policyFinding(
            use,
            'iam_username_in_role_policy',
            'warning',
            `\`${m[0]}\` is never set for a role session${fallback ? ', so the default always applies' : ', so this element matches nothing'}`,
            'for Cognito users use `${cognito-identity.amazonaws.com:sub}` (the identity id) or a principal tag such as `${aws:PrincipalTag/username}`',
            [...path],
          ),
        );
      });
    }
    return out;
  },
};

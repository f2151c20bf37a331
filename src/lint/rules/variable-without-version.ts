/**
 * `${...}` in a policy without `Version: 2012-10-17`: variables are literal text there (IAM
 * reference, Version element), so `${cognito-identity.amazonaws.com:sub}` matches only itself.
 */
import { walkStrings } from '../json-walk.js';
import { policyFinding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

const VARIABLE = /\$\{[^}*?$][^}]*\}/;

export const variableWithoutVersionRule: LintRule = {
  name: 'variable-without-version',
  codes: [
    {
      code: 'iam_variable_without_version',
      severity: 'warning',
      summary: 'a policy variable in a policy without `Version: 2012-10-17` is literal text',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const use of ctx.policies) {
      const json = use.doc.json as { Version?: unknown; Statement?: unknown } | undefined;
      if (!json || typeof json !== 'object' || json.Version === '2012-10-17') continue;
      if (json.Version !== undefined && json.Version !== '2008-10-17') continue; // iam_bad_version already
      const version = json.Version === undefined ? 'no `Version`' : 'Version `2008-10-17`';
      walkStrings(json.Statement, ['Statement'], (text, path) => {
        const element = path[typeof path[1] === 'number' ? 2 : 1];
        if (element !== 'Resource' && element !== 'NotResource' && element !== 'Condition') return;
        const m = VARIABLE.exec(text);
        if (!m) return;
        out.push(
          policyFinding(
            use,
            'iam_variable_without_version',
            'warning',
            `\`${m[0]}\` is literal text: the policy has ${version}, so variables are not substituted`,
            'add `"Version": "2012-10-17"` to the policy (in YAML quote it, or it becomes a date)',
            [...path],
          ),
        );
      });
    }
    return out;
  },
};

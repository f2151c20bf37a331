/**
 * Keys AWS sends that no project file gives a value for (`unknown` in
 * docs/global-condition-keys.md: the organization keys). keycard leaves them absent, which fails
 * closed for the usual forms (a negated Deny applies, a positive Allow does not), but a Deny with a
 * positive operator on such a key is then never applied: there keycard may over-report access.
 */
import { keyRow } from '../../access/global-keys.js';
import { policyFinding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

export const keyValueUnknownRule: LintRule = {
  name: 'key-value-unknown',
  codes: [
    {
      code: 'iam_condition_key_value_unknown',
      severity: 'warning',
      summary: 'a Deny tests a key AWS sends but no project file gives (organization keys), so keycard never applies it',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const use of ctx.policies) {
      for (const s of use.compiled.statements) {
        if (s.effect !== 'Deny') continue;
        for (const c of s.conditions) {
          if (!c.key || keyRow(c.keyLower)?.presence !== 'unknown') continue;
          // Negated operators, IfExists and `Null: true` hold on an absent key: the Deny applies (fail closed).
          if (c.negated || c.ifExists || (c.base === 'Null' && !c.rawValues.includes('false'))) continue;
          out.push(
            policyFinding(
              use,
              'iam_condition_key_value_unknown',
              'warning',
              `the Deny tests \`${c.key}\`, whose value no project file gives; keycard treats it as absent, so this Deny never applies`,
              "keycard may report access that this Deny refuses in AWS; check it by hand, or give the value in a scenario line's `context`",
              c.path,
            ),
          );
        }
      }
    }
    return out;
  },
};

/**
 * A condition operator of the wrong type for its key (issue 13), by the key's type in the catalog:
 * a string operator on a numeric, date or boolean key (`StringEquals s3:signatureage`), a numeric,
 * date, Bool or IP operator on a key of another type. AWS compares such a pair by the operator's
 * rules, which is rarely what the author meant (IAM Access Analyzer reports "type mismatch").
 * ARN operators (also used on string keys that hold ARNs), Binary and Null are not checked, nor
 * keys the catalog does not know.
 */
import { conditionKeyType } from '../../catalog/index.js';
import { policyFinding, type LintContext } from '../context.js';
import { ownPolicies } from '../action-scope.js';
import type { Finding, LintRule } from '../types.js';

type Family = 'string' | 'numeric' | 'date' | 'bool' | 'ip';

/** The key types each operator family is made for. */
const FITS: Record<Family, readonly string[]> = {
  string: ['String', 'ARN'],
  numeric: ['Numeric'],
  date: ['Date'],
  bool: ['Bool'],
  ip: ['IPAddress'],
};

/** Keys AWS documents for more than one family (aws:EpochTime: "date or numeric operators"). */
const ALSO: Record<string, Family[]> = { 'aws:epochtime': ['numeric'] };

/** The operators to use for a key type. */
const OPERATORS: Record<string, string> = {
  String: '`StringEquals`, `StringLike`, …',
  ARN: '`ArnLike`, `ArnEquals` or `StringLike`, …',
  Numeric: '`NumericEquals`, `NumericLessThan`, …',
  Date: '`DateGreaterThan`, `DateLessThan`, …',
  Bool: '`Bool`',
  IPAddress: '`IpAddress` or `NotIpAddress`',
};

export const conditionOperatorTypeRule: LintRule = {
  name: 'condition-operator-type',
  codes: [
    {
      code: 'iam_condition_operator_type',
      severity: 'warning',
      summary: 'a condition operator of another type than its key, e.g. `StringEquals` on the numeric `s3:signatureage`',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const use of ownPolicies(ctx, true)) {
      for (const s of use.compiled.statements) {
        for (const c of s.conditions) {
          if (!c.key || c.unknown || !(c.family in FITS)) continue;
          const family = c.family as Family;
          const type = conditionKeyType(c.key)?.replace(/^ArrayOf/, '');
          if (!type || !(type in OPERATORS)) continue;
          if (FITS[family].includes(type) || ALSO[c.keyLower]?.includes(family)) continue;
          // A string operator is only wrong on the typed scalars; on IP keys AWS matches the text.
          if (family === 'string' && type === 'IPAddress') continue;
          out.push(
            policyFinding(
              use,
              'iam_condition_operator_type',
              'warning',
              `\`${c.operator}\` is a ${family === 'ip' ? 'IP address' : family} operator, but \`${c.key}\` is of type ${type}`,
              `use an operator for ${type} keys: ${OPERATORS[type]}`,
              c.path.slice(0, -1),
            ),
          );
        }
      }
    }
    return out;
  },
};

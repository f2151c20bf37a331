/**
 * The lint rules of `keycard validate`, in reporting order. Adding a rule is one module in
 * ./rules plus one line here; its codes are public and never renamed (docs/diagnostics.md).
 */
import { awsRefusedRule } from './rules/aws-refused.js';
import { bucketPolicyOtherAccountRule } from './rules/bucket-policy-other-account.js';
import { compileDiagnosticsRule } from './rules/compile-diagnostics.js';
import { decisionWarningsRule } from './rules/decision-warnings.js';
import { guestWriteRule } from './rules/guest-write.js';
import { keyValueUnknownRule } from './rules/key-value-unknown.js';
import { importedRule } from './rules/imported.js';
import { inlinePolicySizeRule } from './rules/inline-policy-size.js';
import { providerNamesRule } from './rules/provider-names.js';
import { roleOtherAccountRule } from './rules/role-other-account.js';
import { s3PrefixConditionRule } from './rules/s3-prefix-condition.js';
import { s3ResourceTypeRule } from './rules/s3-resource-type.js';
import { starOnStarRule } from './rules/star-on-star.js';
import { trustAmrRule } from './rules/trust-amr.js';
import { trustAudRule } from './rules/trust-aud.js';
import { trustRefusesPoolRule } from './rules/trust-refuses-pool.js';
import { trustTagSessionRule } from './rules/trust-tag-session.js';
import { undefinedReferencesRule } from './rules/undefined-references.js';
import { unknownConditionKeyRule } from './rules/unknown-condition-key.js';
import { unreachableRuleRule } from './rules/unreachable-rule.js';
import { usernameInRoleRule } from './rules/username-in-role.js';
import { variableWithoutVersionRule } from './rules/variable-without-version.js';
import { actionResourceMismatchRule } from './rules/action-resource-mismatch.js';
import { conditionKeyNotCarriedRule } from './rules/condition-key-not-carried.js';
import { conditionOperatorTypeRule } from './rules/condition-operator-type.js';
import { resourceTypeUnknownRule } from './rules/resource-type-unknown.js';
import type { LintRule, RuleCode } from './types.js';

export const LINT_RULES: readonly LintRule[] = [
  awsRefusedRule,
  decisionWarningsRule,
  providerNamesRule,
  unreachableRuleRule,
  undefinedReferencesRule,
  trustAudRule,
  trustAmrRule,
  trustRefusesPoolRule,
  trustTagSessionRule,
  roleOtherAccountRule,
  compileDiagnosticsRule,
  inlinePolicySizeRule,
  unknownConditionKeyRule,
  variableWithoutVersionRule,
  usernameInRoleRule,
  starOnStarRule,
  guestWriteRule,
  s3ResourceTypeRule,
  s3PrefixConditionRule,
  conditionKeyNotCarriedRule,
  conditionOperatorTypeRule,
  resourceTypeUnknownRule,
  actionResourceMismatchRule,
  bucketPolicyOtherAccountRule,
  keyValueUnknownRule,
  importedRule,
];

/** Codes of the suppression comments themselves. */
const SUPPRESSION_CODES: readonly RuleCode[] = [
  { code: 'lint_suppression_without_reason', severity: 'warning', summary: 'a `# keycard-ignore` comment gives no reason' },
  { code: 'lint_suppression_unused', severity: 'warning', summary: 'a `# keycard-ignore` comment silences nothing' },
];

/** Every code the lint rules report, with its severity. */
export function lintCodes(): RuleCode[] {
  return [...LINT_RULES.flatMap((r) => r.codes), ...SUPPRESSION_CODES];
}

/**
 * Configurations that rely on one of keycard's decisions (cognito-decisions.md #1, #2, #11):
 * Contains/Equals on list claims and AllowClassicFlow left unset. The checks live in
 * cognito/lint.ts (configurationWarnings); this rule only adds documentation links.
 */
import { diagnosticUrl } from '../../diagnostics/diagnostic.js';
import { configurationWarnings } from '../../cognito/lint.js';
import type { LintRule } from '../types.js';

export const decisionWarningsRule: LintRule = {
  name: 'cognito-decisions',
  codes: [
    {
      code: 'cognito_contains_on_list_claim',
      severity: 'warning',
      summary: 'Contains on a list claim also matches longer names (decision #1)',
    },
    {
      code: 'cognito_match_on_list_claim',
      severity: 'warning',
      summary: 'Equals, StartsWith or NotEqual on a list claim is undocumented (decision #2)',
    },
    {
      code: 'cognito_classic_flow_unset',
      severity: 'warning',
      summary: 'AllowClassicFlow is unset, so AWS allows the basic flow (decision #11)',
    },
  ],
  run({ project }) {
    return configurationWarnings(project).map((d) => ({ ...d, url: diagnosticUrl(d.code) }));
  },
};

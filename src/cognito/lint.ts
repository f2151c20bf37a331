/**
 * Warnings where a configuration relies on one of keycard's decisions (cognito-decisions.md, the
 * "lint finding" column): AWS would store the configuration, but its behaviour is undocumented.
 * The trust-policy finding (#13) belongs to the IAM checks, not here.
 */
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Project } from '../model/types.js';

/** Claims that are lists in real tokens. */
const LIST_CLAIMS = new Set(['cognito:groups', 'cognito:roles', 'amr']);

export function configurationWarnings(project: Project): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (project.identityPool && project.identityPool.AllowClassicFlow === undefined) {
    const location = project.locate.identityPool([]);
    // The help names the setting as the file the user edits spells it.
    const setting = fromTerraform(project, location?.file) ? 'allow_classic_flow = false' : 'AllowClassicFlow: false';
    out.push(
      diag('cognito_classic_flow_unset', 'warning', 'AllowClassicFlow is not set, so AWS allows the basic (classic) flow', {
        help: `set ${setting} unless the app needs the basic flow (keycard decision #11)`,
        location,
      }),
    );
  }
  const mappings = project.identityPoolRoles.RoleMappings ?? {};
  for (const key of Object.keys(mappings)) {
    const rules = mappings[key]?.RulesConfiguration?.Rules;
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      if (!rule || !LIST_CLAIMS.has(rule.Claim)) return;
      const location = project.locate.identityPoolRoles(['RoleMappings', key, 'RulesConfiguration', 'Rules', i]);
      if (rule.MatchType === 'Contains') {
        out.push(
          diag(
            'cognito_contains_on_list_claim',
            'warning',
            `rule ${i + 1}: Contains on the list claim \`${rule.Claim}\` also matches longer names (\`super${rule.Value}\` matches \`${rule.Value}\`)`,
            {
              help: 'use Equals to match one group exactly (keycard decision #1)',
              location,
            },
          ),
        );
      } else {
        out.push(
          diag(
            'cognito_match_on_list_claim',
            'warning',
            `rule ${i + 1}: how ${rule.MatchType} applies to the list claim \`${rule.Claim}\` is undocumented`,
            {
              help: 'keycard matches when any element matches (NotEqual: when no element equals); decision #2',
              location,
            },
          ),
        );
      }
    });
  }
  return out;
}

/** True when the identity pool was read from Terraform: a .tf file, or a project whose only sources are Terraform (plan/state JSON). */
function fromTerraform(project: Project, file: string | undefined): boolean {
  if (file?.endsWith('.tf')) return true;
  const sources = project.imports?.sources ?? [];
  return sources.length > 0 && sources.every((s) => s.startsWith('terraform'));
}

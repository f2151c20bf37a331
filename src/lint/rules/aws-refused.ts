/**
 * Configurations AWS would refuse to store (SetIdentityPoolRoles fails): errors, from
 * findConfigurationProblems. For a mapping key that names no configured provider the help says
 * which part of the key is wrong.
 */
import { findConfigurationProblems } from '../../cognito/config-problems.js';
import { finding } from '../context.js';
import { explainProviderName } from '../provider-names.js';
import type { LintRule } from '../types.js';

export const awsRefusedRule: LintRule = {
  name: 'aws-refused',
  codes: [], // the cognito_* configuration codes are documented with config-problems (see registry)
  run({ project }) {
    return findConfigurationProblems(project).map((p) => {
      let help = p.help;
      if (p.code === 'cognito_mapping_unknown_provider') {
        const mapping = project.identityPoolRoles.RoleMappings?.[String(p.path[1])];
        const name = typeof mapping?.IdentityProvider === 'string' ? mapping.IdentityProvider : String(p.path[1]);
        help = explainProviderName(project.identityPool, name) ?? help;
      }
      return finding(
        p.code,
        'error',
        `${p.message} (AWS refuses this configuration: ${p.awsError.code})`,
        help,
        project.locate.identityPoolRoles(p.path),
      );
    });
  },
};

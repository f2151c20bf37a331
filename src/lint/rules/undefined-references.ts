/**
 * References the project cannot resolve. Roles the pool hands out (Roles, rule RoleARNs, group
 * RoleArns) but that `iam` does not define resolve normally with unchecked trust and permissions
 * (formats.md §1); managed policies and boundaries that are not defined come from the loader's
 * warnings (project.diagnostics), passed through here so they are reported once.
 */
import { isRoleArn } from '../../cognito/arn.js';
import { diagnosticUrl, type Location } from '../../diagnostics/diagnostic.js';
import { finding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

function roleReferences(ctx: LintContext): { arn: string; where: string; location: Location | undefined }[] {
  const { project } = ctx;
  const refs: { arn: string; where: string; location: Location | undefined }[] = [];
  for (const [key, arn] of Object.entries(project.identityPoolRoles.Roles ?? {})) {
    if (typeof arn === 'string') refs.push({ arn, where: `Roles.${key}`, location: project.locate.identityPoolRoles(['Roles', key]) });
  }
  for (const [key, mapping] of Object.entries(project.identityPoolRoles.RoleMappings ?? {})) {
    const rules = mapping?.RulesConfiguration?.Rules;
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule, i) => {
      if (typeof rule?.RoleARN === 'string')
        refs.push({
          arn: rule.RoleARN,
          where: `rule ${i + 1} of \`${key}\``,
          location: project.locate.identityPoolRoles(['RoleMappings', key, 'RulesConfiguration', 'Rules', i, 'RoleARN']),
        });
    });
  }
  // userPoolGroups is a list, or list-groups output `{Groups: [...]}`.
  const root = project.locate.userPoolGroups([]);
  const groupsKey = project.locate.userPoolGroups(['Groups']);
  const wrapped = groupsKey !== undefined && root !== undefined && (groupsKey.line !== root.line || groupsKey.column !== root.column);
  (project.userPoolGroups ?? []).forEach((g, i) => {
    if (typeof g?.RoleArn === 'string') {
      refs.push({
        arn: g.RoleArn,
        where: `group \`${g.GroupName}\``,
        location: project.locate.userPoolGroups([...(wrapped ? ['Groups'] : []), i, 'RoleArn']),
      });
    }
  });
  return refs;
}

export const undefinedReferencesRule: LintRule = {
  name: 'undefined-references',
  codes: [
    {
      code: 'project_role_undefined',
      severity: 'warning',
      summary: 'a role the pool hands out is not defined in `iam`, so its trust policy and permissions cannot be checked',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = ctx.project.diagnostics.map((d) => ({ ...d, url: d.url ?? diagnosticUrl(d.code) }));
    for (const ref of roleReferences(ctx)) {
      if (!isRoleArn(ref.arn) || ctx.project.roles.has(ref.arn)) continue;
      out.push(
        finding(
          'project_role_undefined',
          'warning',
          `role \`${ref.arn}\` (${ref.where}) is not defined in \`iam\`: its trust policy and permissions cannot be checked`,
          'add the role to `iam.RoleDetailList` (`aws iam get-account-authorization-details` lists it), or fix the ARN',
          ref.location,
        ),
      );
    }
    return out;
  },
};

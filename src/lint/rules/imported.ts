/**
 * Findings about projects read from infrastructure code (imports.md): the import stage's own
 * diagnostics (intrinsics that cannot be evaluated, conditions that remove every grant of a role),
 * each unresolved value with how to give it, and two mistakes CloudFormation users make that keycard
 * can see in the evaluated model: a role mapping keyed by a user pool *id* (`!Ref UserPool`) instead
 * of a provider name, and a trust policy whose Deny refuses every Cognito session.
 */
import type { Location } from '../../diagnostics/diagnostic.js';
import { unresolvedNames } from '../../model/unresolved.js';
import { finding, type LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

const USER_POOL_ID = /^[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$/;

/** Where each unresolved value decides a role or a rule. */
function decidingUses(ctx: LintContext): Map<string, { what: string; location: Location | undefined }> {
  const { project } = ctx;
  const out = new Map<string, { what: string; location: Location | undefined }>();
  const note = (text: unknown, what: string, location: Location | undefined) => {
    if (typeof text !== 'string') return;
    for (const n of unresolvedNames(text)) if (!out.has(n)) out.set(n, { what, location });
  };
  for (const [key, arn] of Object.entries(project.identityPoolRoles.Roles ?? {}))
    note(arn, `the ${key} role`, project.locate.identityPoolRoles(['Roles', key]));
  for (const [key, m] of Object.entries(project.identityPoolRoles.RoleMappings ?? {})) {
    note(key, `which provider role mapping \`${key}\` covers`, project.locate.identityPoolRoles(['RoleMappings', key]));
    note(
      m?.IdentityProvider,
      `which provider role mapping \`${key}\` covers`,
      project.locate.identityPoolRoles(['RoleMappings', key, 'IdentityProvider']),
    );
    (m?.RulesConfiguration?.Rules ?? []).forEach((r, i) => {
      const at = project.locate.identityPoolRoles(['RoleMappings', key, 'RulesConfiguration', 'Rules', i]);
      note(`${String(r?.Claim)} ${String(r?.MatchType)} ${String(r?.Value)}`, `whether rule ${i + 1} of \`${key}\` matches`, at);
      note(r?.RoleARN, `the role of rule ${i + 1} of \`${key}\``, at);
    });
  }
  (project.userPoolGroups ?? []).forEach((g, i) =>
    note(g?.RoleArn, `the role of group \`${g?.GroupName}\``, project.locate.userPoolGroups([i, 'RoleArn'])),
  );
  return out;
}

export const importedRule: LintRule = {
  name: 'imported',
  codes: [
    {
      code: 'import_unresolved_decides',
      severity: 'warning',
      summary: 'a value no file gives decides a role or a role-mapping rule, so that decision is unknown',
    },
    { code: 'import_unresolved_value', severity: 'info', summary: 'a value no file gives; decisions that depend on it are unknown' },
    {
      code: 'import_mapping_pool_id',
      severity: 'error',
      summary: 'a role mapping names a user pool id (`!Ref UserPool`) instead of a provider name, so it never matches',
    },
    {
      code: 'iam_trust_explicit_deny',
      severity: 'error',
      summary: 'the trust policy of a role the pool hands out denies every Cognito session',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const { project } = ctx;
    const out: Finding[] = [];
    // The import stage's own diagnostics (project.diagnostics) reach validate through undefined-references.
    const deciding = decidingUses(ctx);
    for (const u of project.unresolved ?? []) {
      const use = deciding.get(u.name);
      out.push(
        use
          ? finding(
              'import_unresolved_decides',
              'warning',
              `\`${u.name}\` decides ${use.what}, but no file gives it: that decision is unknown`,
              u.help,
              use.location ?? u.location,
              u.location ? [u.location] : undefined,
            )
          : finding('import_unresolved_value', 'info', `\`${u.name}\` is a value no file gives`, u.help, u.location),
      );
    }
    for (const [key, m] of Object.entries(project.identityPoolRoles.RoleMappings ?? {})) {
      const name = typeof m?.IdentityProvider === 'string' ? m.IdentityProvider : key;
      const idOnly = USER_POOL_ID.test(name) || USER_POOL_ID.test(name.split(':')[0] ?? '');
      if (!idOnly) continue;
      const path = typeof m?.IdentityProvider === 'string' ? ['RoleMappings', key, 'IdentityProvider'] : ['RoleMappings', key];
      const at = project.locate.identityPoolRoles(path);
      const terraform =
        /\.(tf|tf\.json|json)$/.test(at?.file ?? '') && (project.imports?.sources ?? []).some((s) => s.startsWith('terraform '));
      out.push(
        finding(
          'import_mapping_pool_id',
          'error',
          `role mapping \`${key}\` names \`${name}\`, a user pool id, not a provider: it never matches a login`,
          `a user pool mapping names \`cognito-idp.<region>.amazonaws.com/<pool id>:<app client id>\`: ${
            terraform
              ? 'in Terraform, `identity_provider = "${aws_cognito_user_pool.pool.endpoint}:${aws_cognito_user_pool_client.client.id}"`'
              : 'in CloudFormation, `!Join [":", [!GetAtt UserPool.ProviderName, !Ref Client]]`'
          }`,
          at,
        ),
      );
    }
    for (const arn of new Set([...ctx.authenticatedRoles, ...(ctx.guestRole ? [ctx.guestRole] : [])])) {
      const role = project.roles.get(arn);
      const doc = role?.trustPolicy?.json as { Statement?: unknown } | undefined;
      const statements = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
      statements.forEach((st, i) => {
        const s = st as Record<string, unknown>;
        if (s.Effect !== 'Deny' || s.Condition !== undefined) return;
        const actions = ([] as unknown[]).concat(s.Action ?? []).map(String);
        const principal = JSON.stringify(s.Principal ?? '');
        const coversAssume = actions.some((a) => a === '*' || /^sts:(\*|AssumeRoleWithWebIdentity|AssumeRole\*)$/i.test(a));
        const coversCognito = principal === '"*"' || principal.includes('cognito-identity.amazonaws.com') || /"AWS":"\*"/.test(principal);
        if (!coversAssume || !coversCognito) return;
        out.push(
          finding(
            'iam_trust_explicit_deny',
            'error',
            `the trust policy of role \`${role!.RoleName}\` denies \`sts:AssumeRoleWithWebIdentity\` to every Cognito session: the role can never be assumed`,
            'an explicit Deny wins over every Allow; remove the statement or make its Effect Allow',
            role!.trustPolicy!.locate(['Statement', i]),
          ),
        );
      });
    }
    return out;
  },
};

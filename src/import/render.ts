/**
 * `keycard import`'s output (imports.md §7): the project as keycard understood it, in the
 * formats.md §1 sections (a valid keycard.yaml), then the `${...}` names scenarios may use, then
 * the values no file gives. Unresolved values stay markers, so the converted file stays unknown
 * where the sources were.
 */
import { stringify } from 'yaml';
import type { PolicyDocument, Project } from '../model/types.js';
import { showUnresolved } from '../model/unresolved.js';
import { formatLocation } from '../diagnostics/diagnostic.js';
import { relative } from 'node:path';

type Obj = Record<string, unknown>;

const nameIn = (doc: PolicyDocument): string => /`([^`]+)`/.exec(doc.name)?.[1] ?? doc.name;

/** The formats.md §1 sections of a project. */
export function projectSections(p: Project): Obj {
  const out: Obj = { account: p.account, region: p.region, identityPool: p.identityPool, identityPoolRoles: p.identityPoolRoles };
  if (p.principalTags.length) out.principalTags = p.principalTags;
  if (p.userPoolGroups?.length) out.userPoolGroups = p.userPoolGroups;
  const roles = [...p.roles.values()].map((r) => {
    const o: Obj = { RoleName: r.RoleName, Arn: r.Arn, RoleId: r.RoleId };
    if (r.Path) o.Path = r.Path;
    if (r.trustPolicy) o.AssumeRolePolicyDocument = r.trustPolicy.json;
    if (r.inlinePolicies.length) o.RolePolicyList = r.inlinePolicies.map((d) => ({ PolicyName: nameIn(d), PolicyDocument: d.json }));
    if (r.attachedManagedPolicies.length)
      o.AttachedManagedPolicies = r.attachedManagedPolicies.map((m) => ({
        PolicyName: m.PolicyName ?? m.PolicyArn.split('/').pop(),
        PolicyArn: m.PolicyArn,
      }));
    if (r.permissionsBoundaryArn)
      o.PermissionsBoundary = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: r.permissionsBoundaryArn };
    if (Object.keys(r.tags).length) o.Tags = Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value }));
    return o;
  });
  const policies = [...p.managedPolicies.values()]
    .filter((m) => !m.Arn.startsWith('arn:aws:iam::aws:policy/'))
    .map((m) => ({
      PolicyName: m.PolicyName,
      Arn: m.Arn,
      DefaultVersionId: 'v1',
      PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: m.document.json }],
    }));
  if (roles.length || policies.length)
    out.iam = { ...(roles.length ? { RoleDetailList: roles } : {}), ...(policies.length ? { Policies: policies } : {}) };
  if (p.resourcePolicies.size) out.resourcePolicies = Object.fromEntries([...p.resourcePolicies].map(([arn, d]) => [arn, d.json]));
  const { serviceControlPolicies: scp, resourceControlPolicies: rcp } = p.organization;
  if (scp.length || rcp.length)
    out.organization = {
      ...(scp.length ? { serviceControlPolicies: scp.map((d) => d.json) } : {}),
      ...(rcp.length ? { resourceControlPolicies: rcp.map((d) => d.json) } : {}),
    };
  return out;
}

export function importJson(p: Project): Obj {
  return {
    sources: p.imports?.sources ?? [],
    project: projectSections(p),
    references: Object.fromEntries(
      [...(p.imports?.references ?? new Map())].map(([k, r]) => [
        k,
        {
          value: r.value,
          ...(r.placeholder ? { placeholder: true } : {}),
          ...(r.location ? { location: formatLocation(r.location) } : {}),
        },
      ]),
    ),
    unresolved: (p.unresolved ?? []).map((u) => ({ name: u.name, location: formatLocation(u.location), help: u.help })),
  };
}

export function importYaml(p: Project, cwd: string): string {
  const rel = (s: string) => {
    const r = relative(cwd, s);
    return r.startsWith('..') && r.split('/').filter((x) => x === '..').length > 3 ? s : r;
  };
  const loc = (l: { file: string; line: number; column: number } | undefined) => (l ? `${rel(l.file)}:${l.line}:${l.column}` : '');
  const head = [
    '# keycard import: the project as keycard read it from',
    ...(p.imports?.sources ?? []).map((s) => `#   ${s}`),
    '# Names marked (placeholder) exist only after deploy: pin the real ones with `physicalIds:`.',
    '',
  ];
  const body = stringify(projectSections(p), { lineWidth: 0, aliasDuplicateObjects: false });
  const refs = [...(p.imports?.references ?? new Map())];
  const width = Math.min(48, Math.max(0, ...refs.map(([k]) => k.length + 3)));
  const refLines = [
    '',
    '# References scenarios may use as ${Name}:',
    ...refs.map(([k, r]) => `#   ${`\${${k}}`.padEnd(width)} ${r.value}${r.placeholder ? '  (placeholder)' : ''}`),
  ];
  const unresolved = p.unresolved ?? [];
  const unLines = unresolved.length
    ? [
        '',
        `# ${unresolved.length} value${unresolved.length === 1 ? '' : 's'} no file gives (give them under \`values:\`, \`parameters:\` or \`physicalIds:\`):`,
        ...unresolved.flatMap((u) => [`#   ${u.name}  ${loc(u.location)}`, `#     ${showUnresolved(u.help)}`]),
      ]
    : ['', '# Every value resolved.'];
  return [...head, body.trimEnd(), ...refLines, ...unLines, ''].join('\n');
}

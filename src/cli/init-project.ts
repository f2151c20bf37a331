/**
 * `keycard init`: finds infrastructure code in the repository and writes a keycard.yaml that reads
 * it (`from:`), with one starter scenario per role the identity pool can hand out, written from
 * what keycard resolves so that they pass `keycard test` as written. Without infrastructure code
 * it writes a small self-contained starter project.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { resolveUser } from '../access/resolve.js';
import type { Claims, Project } from '../model/types.js';
import { isUnresolved } from '../model/unresolved.js';

export interface FoundSource {
  kind: 'cdk' | 'amplify' | 'cloudformation' | 'serverless' | 'terraform';
  path: string;
}

const SKIP = new Set(['node_modules', '.git', 'dist', 'build', '.venv', 'vendor']);

const TF_POOL = /resource\s+"aws_cognito_identity_pool"|"aws_cognito_identity_pool"\s*:/;

/** The text of a folder's `.tf` and `.tf.json` files. */
function terraformText(d: string, entries: string[]): string {
  return entries
    .filter((e) => e.endsWith('.tf') || e.endsWith('.tf.json'))
    .map((e) => {
      try {
        return readFileSync(join(d, e), 'utf8');
      } catch {
        return '';
      }
    })
    .join('\n');
}

/** The first bytes of a file: enough to tell a `terraform show -json` output by its opening. */
function head(file: string, n = 4096): string {
  try {
    const fd = openSync(file, 'r');
    try {
      const buf = Buffer.alloc(n);
      return buf.subarray(0, readSync(fd, buf, 0, n, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** A plan or state JSON (`terraform show -json`) that declares an identity pool. */
function isTerraformJson(file: string): boolean {
  const start = head(file);
  if (!/"format_version"/.test(start) || !/"(planned_values|values)"/.test(start)) return false;
  try {
    return statSync(file).size < 10 * 1024 * 1024 && readFileSync(file, 'utf8').includes('"aws_cognito_identity_pool"');
  } catch {
    return false;
  }
}

/** The root module that calls a module folder with `source = "./..."`, walking up to `top`. */
function callingRoot(folder: string, top: string): string {
  let current = folder;
  for (let d = dirname(folder); d.startsWith(top) && d !== dirname(d); d = dirname(d)) {
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      break;
    }
    const sources = [...terraformText(d, entries).matchAll(/source\s*[=:]\s*"(\.{1,2}\/[^"]*)"/g)].map((m) => resolve(d, m[1]!));
    if (sources.includes(current)) current = d;
    if (d === top) break;
  }
  return current;
}

/** Infrastructure code under `dir`, nearest first: cdk.out, amplify/, template.*, serverless.yml, Terraform. */
export function findInfrastructure(dir: string, depth = 4): FoundSource[] {
  const out: FoundSource[] = [];
  const plans: FoundSource[] = [];
  const tfRoots = new Set<string>();
  const walk = (d: string, level: number) => {
    let entries: string[];
    try {
      entries = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e);
      const rel = relative(dir, p) || '.';
      if (e === 'cdk.out' && existsSync(join(p, 'manifest.json'))) out.push({ kind: 'cdk', path: rel });
      else if (e === 'amplify' && existsSync(join(p, 'backend'))) out.push({ kind: 'amplify', path: rel });
      else if (/^template\.(ya?ml|json)$/.test(e)) out.push({ kind: 'cloudformation', path: rel });
      else if (/^serverless\.ya?ml$/.test(e)) out.push({ kind: 'serverless', path: rel });
      else if (e.endsWith('.json') && !e.endsWith('.tf.json') && isTerraformJson(p)) plans.push({ kind: 'terraform', path: rel });
    }
    // A folder of .tf files that declares an identity pool; a local module is read through its caller.
    if (TF_POOL.test(terraformText(d, entries))) {
      const root = callingRoot(d, dir);
      if (!tfRoots.has(root)) {
        tfRoots.add(root);
        out.push({ kind: 'terraform', path: relative(dir, root) || '.' });
      }
    }
    if (level >= depth) return;
    for (const e of entries) {
      if (SKIP.has(e) || e.startsWith('.') || e === 'cdk.out' || e === 'amplify') continue;
      const p = join(d, e);
      try {
        if (statSync(p).isDirectory()) walk(p, level + 1);
      } catch {
        // unreadable: skip
      }
    }
  };
  walk(dir, 0);
  // A plan or state JSON when no folder gives the pool (a folder is read as it stands in the repository).
  return tfRoots.size ? out : [...out, ...plans];
}

export function initProjectYaml(sources: FoundSource[], region = 'us-east-1', account = '123456789012'): string {
  const lines = [
    '# keycard project: reads the infrastructure code below where it stands (docs/imports.md).',
    '# Names that exist only after deploy get placeholders; pin real ones under `physicalIds:`,',
    '# and answer values no file gives under `values:` (`keycard import` lists both).',
    `account: "${account}"`,
    `region: ${region}`,
    'from:',
    ...sources.map((s) => `  - ${s.kind}: ${s.path}`),
    '',
  ];
  return lines.join('\n');
}

interface Starter {
  name: string;
  login?: string;
  claims?: Claims;
  expect: Record<string, unknown>;
}

/** One scenario per role the pool can hand out, with what keycard resolves for it. */
export function starterScenarios(project: Project): { scenarios: Starter[]; skipped: string[] } {
  const refs = new Map<string, string>();
  for (const [name, r] of project.imports?.references ?? [])
    if (!refs.has(r.value) || /\.(Arn|ProviderName|arn|endpoint)$/.test(name)) refs.set(r.value, name);
  const ref = (v: string): string => (refs.has(v) ? `\${${refs.get(v)}}` : v);
  const scenarios: Starter[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const add = (name: string, login: string | undefined, claims: Claims) => {
    const r = resolveUser(project, { login, claims });
    if (r.outcome === 'unknown') {
      skipped.push(`${name}: depends on ${(r.unknown ?? []).join(', ')}`);
      return;
    }
    const key = r.outcome === 'credentials' ? `role ${r.role}` : `error ${r.error?.code}`;
    if (seen.has(key) && r.outcome !== 'credentials') return;
    if (r.outcome === 'credentials' && seen.has(key)) return;
    seen.add(key);
    const c: Claims = {};
    for (const [k, v] of Object.entries(claims)) c[k] = typeof v === 'string' ? ref(v) : v;
    scenarios.push({
      name,
      ...(login ? { login: ref(login) } : {}),
      ...(login ? { claims: c } : {}),
      expect: r.outcome === 'credentials' ? { role: ref(r.role!) } : { error: r.error!.code },
    });
  };
  add('a guest', undefined, {});
  const providers = project.identityPool.CognitoIdentityProviders ?? [];
  let n = 0;
  for (const p of providers) {
    const sub = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
    add(`a signed-in user of client ${refs.get(p.ClientId) ?? p.ClientId}`, p.ProviderName, {
      sub: sub(),
      aud: p.ClientId,
      token_use: 'id',
    });
    const poolId = p.ProviderName.split('/').pop();
    for (const g of project.userPoolGroups ?? []) {
      if (g.UserPoolId && g.UserPoolId !== poolId) continue;
      add(`a member of group ${g.GroupName}`, p.ProviderName, {
        sub: sub(),
        aud: p.ClientId,
        token_use: 'id',
        'cognito:groups': [g.GroupName],
      });
    }
    const mapping = Object.entries(project.identityPoolRoles.RoleMappings ?? {}).find(
      ([k, m]) => (m.IdentityProvider ?? k) === `${p.ProviderName}:${p.ClientId}`,
    )?.[1];
    for (const rule of mapping?.RulesConfiguration?.Rules ?? []) {
      if (rule.MatchType === 'NotEqual' || isUnresolved(rule.Value) || isUnresolved(rule.Claim)) continue;
      add(`a user whose ${rule.Claim} is ${rule.Value}`, p.ProviderName, {
        sub: sub(),
        aud: p.ClientId,
        token_use: 'id',
        [rule.Claim]: rule.Claim === 'cognito:groups' ? [rule.Value] : rule.Value,
      });
    }
  }
  return { scenarios, skipped };
}

export function scenariosYaml(scenarios: Starter[], skipped: string[]): string {
  const head = [
    '# Starter scenarios written by `keycard init`: one per role the identity pool hands out, with what',
    '# keycard resolved from the infrastructure code. Check each one, then add the S3 lines your users',
    '# must get (expect.allow) and must not get (expect.deny).',
    ...skipped.map((s) => `# not written (a value no file gives): ${s}`),
  ];
  return `${head.join('\n')}\n${stringify({ project: '../keycard.yaml', scenarios }, { lineWidth: 0 })}`;
}

/** The starter project when there is no infrastructure code: passes validate and test as written. */
export const STARTER_PROJECT = `# keycard project (formats.md): an identity pool, its roles and what they may do in S3.
# Replace these sections with your AWS CLI output (describe-identity-pool, get-identity-pool-roles,
# get-account-authorization-details), or read your infrastructure code with \`from:\` (docs/imports.md).
account: "123456789012"
region: us-east-1
identityPool:
  IdentityPoolId: us-east-1:11111111-2222-4333-8444-555555555555
  IdentityPoolName: Starter
  AllowUnauthenticatedIdentities: true
  AllowClassicFlow: false
  CognitoIdentityProviders:
    - {ProviderName: cognito-idp.us-east-1.amazonaws.com/us-east-1_Starter01, ClientId: starterclient0000000000000}
identityPoolRoles:
  Roles:
    authenticated: arn:aws:iam::123456789012:role/StarterUser
    unauthenticated: arn:aws:iam::123456789012:role/StarterGuest
iam:
  RoleDetailList:
    - RoleName: StarterUser
      Arn: arn:aws:iam::123456789012:role/StarterUser
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: {cognito-identity.amazonaws.com:aud: us-east-1:11111111-2222-4333-8444-555555555555}
              ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: authenticated}
      RolePolicyList:
        - PolicyName: own-prefix
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource: arn:aws:s3:::starter-bucket/private/\${cognito-identity.amazonaws.com:sub}/*
    - RoleName: StarterGuest
      Arn: arn:aws:iam::123456789012:role/StarterGuest
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition:
              StringEquals: {cognito-identity.amazonaws.com:aud: us-east-1:11111111-2222-4333-8444-555555555555}
              ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: unauthenticated}
      RolePolicyList:
        - PolicyName: public-read
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - {Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::starter-bucket/public/*"}
`;

export const STARTER_SCENARIOS = `# What each kind of user must and must not get. \`keycard test\` runs these.
project: ../keycard.yaml
scenarios:
  - name: guests read public/ and nothing else
    expect:
      role: arn:aws:iam::123456789012:role/StarterGuest
      allow: [s3:GetObject arn:aws:s3:::starter-bucket/public/logo.png]
      deny: [s3:PutObject arn:aws:s3:::starter-bucket/public/logo.png]
  - name: a signed-in user owns their private prefix
    login: cognito-idp.us-east-1.amazonaws.com/us-east-1_Starter01
    claims: {sub: 0a0a0a0a-1111-4222-8333-444444444444, aud: starterclient0000000000000, token_use: id}
    expect:
      role: arn:aws:iam::123456789012:role/StarterUser
      allow: ["s3:PutObject arn:aws:s3:::starter-bucket/private/\${identityId}/notes.txt"]
      deny: ["s3:GetObject arn:aws:s3:::starter-bucket/private/us-east-1:00000000-0000-4000-8000-000000000000/notes.txt"]
`;

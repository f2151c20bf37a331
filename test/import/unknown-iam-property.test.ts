// Property (issue 15): an unresolved value never yields Allow or Deny. Generated CloudFormation
// templates put custom-resource outputs and imports at random decisive places of a role's policy
// and of the bucket policy (Action, Resource, a Condition value, Principal). Each request is decided
// with the markers, then with every marker given under `values:` (several random choices). When the
// decision with markers is Allow, ExplicitDeny or ImplicitDeny, every choice must give that same
// decision; when the choices disagree it must be Unknown, naming only values of the template.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authorizeInSession, buildSession, loadProject, resolveRole } from '../../src/index.js';
import { tempDir } from '../temp.js';

type Slot = { kind: 'action' | 'prefix' | 'tag' | 'principal' | 'resource'; name: string; choices: string[] };
interface Statement {
  effect: 'Allow' | 'Deny';
  action: string | Slot;
  prefix: string | Slot;
  tag?: string | Slot;
  principal?: string | Slot;
  resource?: Slot;
}

const ROLE_ARN = 'arn:aws:iam::123456789012:role/app-user';
const CHOICES = {
  action: ['s3:GetObject', 's3:PutObject', 's3:*'],
  prefix: ['', 'a/', 'b/'],
  tag: ['red', 'blue'],
  principal: [ROLE_ARN, 'arn:aws:iam::123456789012:role/other', '*'],
  resource: ['arn:aws:s3:::app-media/*', 'arn:aws:s3:::other-bucket/*'],
};
const REQUESTS = ['s3:GetObject', 's3:PutObject'].flatMap((action) =>
  ['a/x', 'b/x', 'c/x'].map((key) => ({
    action,
    resource: `arn:aws:s3:::app-media/${key}`,
    context: { 's3:ExistingObjectTag/team': 'red' },
  })),
);

/** A value or, one time in three, a slot: a value no file gives (a custom resource's output or an import). */
const slotOr = (kind: Slot['kind'], plain: fc.Arbitrary<string>) =>
  fc.oneof({ arbitrary: plain, weight: 2 }, { arbitrary: fc.constant({ kind, name: '', choices: CHOICES[kind] } as Slot), weight: 1 });
const statement = (bucket: boolean): fc.Arbitrary<Statement> =>
  fc.record(
    {
      effect: fc.constantFrom('Allow', 'Deny'),
      action: slotOr('action', fc.constantFrom(...CHOICES.action)),
      prefix: slotOr('prefix', fc.constantFrom(...CHOICES.prefix)),
      tag: fc.option(slotOr('tag', fc.constantFrom(...CHOICES.tag)), { nil: undefined }),
      resource: fc.option(fc.constant({ kind: 'resource', name: '', choices: CHOICES.resource } as Slot), { nil: undefined, freq: 4 }),
      ...(bucket ? { principal: slotOr('principal', fc.constantFrom(...CHOICES.principal)) } : {}),
    },
    { requiredKeys: ['effect', 'action', 'prefix', ...(bucket ? ['principal' as const] : [])] },
  ) as fc.Arbitrary<Statement>;

/** Names each slot: custom-resource outputs (`Lookup.S1`) and imports (`Fn::ImportValue:shared-S2`). */
function nameSlots(statements: Statement[]): Slot[] {
  const slots: Slot[] = [];
  for (const st of statements) for (const v of Object.values(st)) if (typeof v === 'object' && v) slots.push(v as Slot);
  slots.forEach((s, i) => (s.name = i % 2 ? `Fn::ImportValue:shared-S${i}` : `Lookup.S${i}`));
  return slots;
}

/** The YAML of a value: a plain string, or the intrinsic that gives the slot. */
function yamlOf(v: string | Slot): string {
  if (typeof v === 'string') return JSON.stringify(v);
  return v.name.startsWith('Fn::ImportValue:') ? `!ImportValue ${v.name.slice('Fn::ImportValue:'.length)}` : `!GetAtt ${v.name}`;
}

function statementYaml(st: Statement, indent: string): string {
  const resource = st.resource
    ? yamlOf(st.resource)
    : typeof st.prefix === 'string'
      ? JSON.stringify(`arn:aws:s3:::app-media/${st.prefix}*`)
      : `!Sub ["arn:aws:s3:::app-media/\${P}*", {P: ${yamlOf(st.prefix)}}]`;
  const lines = [`- Effect: ${st.effect}`, `  Action: ${yamlOf(st.action)}`, `  Resource: ${resource}`];
  if (st.principal !== undefined) lines.push(`  Principal: {AWS: ${yamlOf(st.principal)}}`);
  if (st.tag !== undefined) lines.push(`  Condition: {StringEquals: {"s3:ExistingObjectTag/team": ${yamlOf(st.tag)}}}`);
  return lines.map((l) => indent + l).join('\n');
}

function template(identity: Statement[], bucket: Statement[]): string {
  return `Resources:
  UserPool: {Type: AWS::Cognito::UserPool}
  WebClient: {Type: AWS::Cognito::UserPoolClient, Properties: {UserPoolId: !Ref UserPool}}
  Lookup: {Type: Custom::Lookup, Properties: {ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:lookup}}
  Media: {Type: AWS::S3::Bucket, Properties: {BucketName: app-media}}
  IdentityPool:
    Type: AWS::Cognito::IdentityPool
    Properties:
      AllowUnauthenticatedIdentities: false
      CognitoIdentityProviders: [{ProviderName: !GetAtt UserPool.ProviderName, ClientId: !Ref WebClient}]
  UserRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-user
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition: {StringEquals: {cognito-identity.amazonaws.com:aud: !Ref IdentityPool}}
      Policies:
        - PolicyName: user
          PolicyDocument:
            Statement:
${identity.map((s) => statementYaml(s, '              ')).join('\n')}
${
  bucket.length
    ? `  MediaPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Media
      PolicyDocument:
        Statement:
${bucket.map((s) => statementYaml(s, '          ')).join('\n')}
`
    : ''
}  Attachment:
    Type: AWS::Cognito::IdentityPoolRoleAttachment
    Properties:
      IdentityPoolId: !Ref IdentityPool
      Roles: {authenticated: !GetAtt UserRole.Arn}
`;
}

const dir = tempDir('keycard-unknown-prop-');
let run = 0;

/** The decision of each request, in a project whose `values:` give some slots. */
function decide(yaml: string, values: Record<string, string>): { decision: string; unresolved?: string[] }[] {
  const sub = join(dir, `p${run++}`);
  const project = join(`${sub}-keycard.yaml`);
  writeFileSync(`${sub}.yaml`, yaml);
  const given = Object.entries(values)
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}\n`)
    .join('');
  writeFileSync(
    project,
    `account: "123456789012"\nregion: us-east-1\nfrom:\n  - cloudformation: ${sub}.yaml\n${given ? `values:\n${given}` : ''}`,
  );
  const p = loadProject(project);
  const idp = p.identityPool.CognitoIdentityProviders![0]!;
  const resolution = resolveRole(p, { login: idp.ProviderName, claims: { sub: 's', aud: idp.ClientId, token_use: 'id' } });
  expect(resolution.outcome).toBe('credentials');
  const session = buildSession(p, resolution);
  return REQUESTS.map((r) => authorizeInSession(session, r));
}

describe('an unresolved value at any decisive place never yields Allow or Deny', () => {
  it('a decision with markers is Unknown, or the one every value would give', () => {
    let unknowns = 0;
    let decided = 0;
    fc.assert(
      fc.property(
        fc.array(statement(false), { minLength: 1, maxLength: 4 }),
        fc.array(statement(true), { maxLength: 2 }),
        fc.infiniteStream(fc.nat()),
        (generatedIdentity, generatedBucket, picks) => {
          // fc.constant hands out one object: copy, so that each slot is named on its own.
          const [identity, bucket] = JSON.parse(JSON.stringify([generatedIdentity, generatedBucket])) as [Statement[], Statement[]];
          const slots = nameSlots([...identity, ...bucket]);
          const yaml = template(identity, bucket);
          const withMarkers = decide(yaml, {});
          // Three random answers for the slots, plus each slot's first and last choice.
          const answers = [0, 1, 2].map(() =>
            Object.fromEntries(slots.map((s) => [s.name, s.choices[picks.next().value % s.choices.length]!])),
          );
          answers.push(
            Object.fromEntries(slots.map((s) => [s.name, s.choices[0]!])),
            Object.fromEntries(slots.map((s) => [s.name, s.choices.at(-1)!])),
          );
          const given = answers.map((a) => decide(yaml, a));
          withMarkers.forEach((m, i) => {
            const concrete = given.map((g) => g[i]!.decision);
            expect(concrete, `${yaml}\n${JSON.stringify(answers)}`).not.toContain('Unknown'); // every value given: nothing is unknown
            if (m.decision === 'Unknown') {
              unknowns++;
              expect(m.unresolved!.length).toBeGreaterThan(0);
              for (const n of m.unresolved!) expect(slots.map((s) => s.name)).toContain(n);
            } else {
              decided++;
              expect({ request: REQUESTS[i], concrete }, yaml).toEqual({ request: REQUESTS[i], concrete: concrete.map(() => m.decision) });
            }
          });
          if (slots.length === 0) expect(withMarkers.every((m) => m.decision !== 'Unknown')).toBe(true);
        },
      ),
      { numRuns: Number(process.env.KEYCARD_FUZZ_RUNS ?? 40) },
    );
    // The property is not vacuous: both kinds of outcome occurred.
    expect(unknowns).toBeGreaterThan(0);
    expect(decided).toBeGreaterThan(0);
  });
});

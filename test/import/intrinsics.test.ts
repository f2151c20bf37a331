// The CloudFormation evaluator, one fixture case per intrinsic and edge case (imports.md §2).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseTemplate, readTemplate } from '../../src/import/cfn/parse.js';
import { Stack } from '../../src/import/cfn/stack.js';
import { emptyCollected, collectStack, finishCollected } from '../../src/import/cfn/collect.js';
import { ImportState } from '../../src/import/types.js';
import { isUnresolved, unresolvedNames } from '../../src/model/unresolved.js';

const dir = join(import.meta.dirname, '../fixtures/import');

interface Case {
  name: string;
  template: string;
  parameters?: Record<string, unknown>;
  values?: Record<string, unknown>;
  physicalIds?: Record<string, string>;
  outputs: Record<string, unknown>;
  unresolved?: string[];
  errors?: string[];
}

const cases = (parse(readFileSync(join(dir, 'intrinsics.yaml'), 'utf8')) as { cases: Case[] }).cases;

function stateFor(c: Partial<Case> = {}): ImportState {
  return new ImportState({
    account: '123456789012',
    region: 'us-east-1',
    physicalIds: c.physicalIds ?? {},
    values: c.values ?? {},
    dir,
    file: join(dir, 'keycard.yaml'),
  });
}

describe('CloudFormation intrinsics', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const state = stateFor(c);
    const stack = new Stack(state, {
      template: parseTemplate(c.template, join(dir, 'case.yaml')),
      name: 'test-stack',
      label: '',
      parameters: c.parameters ?? {},
      seed: c.name,
    });
    for (const [out, want] of Object.entries(c.outputs)) {
      const got = stack.output(out, ['Outputs', out]);
      if (want !== null && typeof want === 'object' && !Array.isArray(want)) {
        const w = want as Record<string, unknown>;
        if (w.unresolved === true) expect(isUnresolved(String(got)), out).toBe(true);
        else if (typeof w.unresolved === 'string') expect(unresolvedNames(String(got)), out).toEqual([w.unresolved]);
        else if (typeof w.startsWith === 'string') expect(String(got).startsWith(w.startsWith), `${out}: ${String(got)}`).toBe(true);
        else if (typeof w.matches === 'string') expect(String(got), out).toMatch(new RegExp(w.matches));
        else expect(got, out).toEqual(want);
      } else expect(got, out).toEqual(want);
    }
    expect([...state.unresolved.keys()].sort()).toEqual([...(c.unresolved ?? [])].sort());
    expect(state.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(c.errors ?? []);
    for (const d of state.diagnostics) expect(d.location?.file).toBe(join(dir, 'case.yaml'));
  });

  it('placeholders are stable from run to run', () => {
    const t = 'Resources:\n  Pool: {Type: AWS::Cognito::UserPool}\n';
    const run = () =>
      new Stack(stateFor(), { template: parseTemplate(t, join(dir, 'a.yaml')), name: 's', label: '', parameters: {}, seed: 'a.yaml' }).ref(
        'Pool',
        [],
      );
    expect(run()).toBe(run());
  });

  it('short forms keep their position in the template', () => {
    const t = parseTemplate(
      'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: !Sub "x-${AWS::Region}"\n',
      join(dir, 'p.yaml'),
    );
    expect(t.value).toEqual({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { RoleName: { 'Fn::Sub': 'x-${AWS::Region}' } } } } });
    expect(t.locate(['Resources', 'R', 'Properties', 'RoleName', 'Fn::Sub'])).toMatchObject({ line: 5, column: 22 });
  });

  it('an unknown tag is an error at its line', () => {
    expect(() => parseTemplate('Resources:\n  R: !Bogus x\n', 'bad.yaml')).toThrow(/not a CloudFormation short form/);
  });

  it('accepts flow lists closed at the key indentation, as CloudFormation does', () => {
    const t = parseTemplate('Outputs:\n  A:\n    Value: !Join ["", [\n      a,\n      b\n    ]]\nResources: {}\n', 'flow.yaml');
    expect((t.value.Outputs as Record<string, { Value: unknown }>).A!.Value).toEqual({ 'Fn::Join': ['', ['a', 'b']] });
  });
});

describe('nested stacks, resource conditions and JSON-string policies', () => {
  const state = stateFor();
  const parent = new Stack(state, {
    template: readTemplate(join(dir, 'nested/parent.yaml')),
    name: 'app',
    label: '',
    parameters: {},
    seed: 'parent',
  });

  it("reads a local nested stack's outputs, with the parent's parameters", () => {
    expect(parent.output('ChildRole', [])).toBe('arn:aws:iam::123456789012:role/app-prod');
    expect(parent.output('ChildBucket', [])).toBe('data-bucket');
  });

  it("a remote nested stack's output is unresolved", () => {
    expect(unresolvedNames(String(parent.output('RemoteOut', [])))).toEqual(['Remote.Outputs.Thing']);
  });

  it("collects the child's resources: the false condition removes DevOnly, the JSON string is parsed", () => {
    const out = emptyCollected();
    collectStack(parent, out);
    finishCollected(state, out);
    const names = [...out.roles.values()].map((r) => r.RoleName);
    expect(names).toEqual(['app-prod']);
    const role = [...out.roles.values()][0]!;
    expect(role.inlinePolicies[0]!.json).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::data-bucket/*' }],
    });
    expect(role.inlinePolicies[0]!.file).toBe(join(dir, 'nested/child.json'));
    expect(role.inlinePolicies[0]!.locate(['Statement', 0])?.line).toBe(6);
    expect(state.references.get('Auth/Data')?.value).toBe('data-bucket');
  });
});

describe('hostile templates', () => {
  it('YAML anchors and aliases are followed, and alias bombs refused', () => {
    const t = parseTemplate('A: &a {x: 1}\nB: *a\nResources: {}\n', 'alias.yaml');
    expect(t.value.B).toEqual({ x: 1 });
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
      'Resources: {}',
    ].join('\n');
    expect(() => parseTemplate(bomb, 'bomb.yaml')).toThrow(/too many YAML aliases/);
  });
});

// Rule logic that fixtures cover poorly: which rules shadow which, S3 resource shapes, provider names,
// suppression comments.
import { describe, expect, it } from 'vitest';
import { parseDirectives, applySuppressions } from '../../src/lint/suppress.js';
import { covers } from '../../src/lint/rules/unreachable-rule.js';
import { s3Shape } from '../../src/lint/s3-shapes.js';
import { explainProviderName } from '../../src/lint/provider-names.js';
import { lintProject } from '../../src/lint/validate.js';
import type { Finding } from '../../src/lint/types.js';
import { loadProject } from '../../src/load/project.js';
import { join } from 'node:path';

const r = (type: string, value: string, claim = 'custom:dept') => ({ claim, type, value });

describe('covers (unreachable rules)', () => {
  it.each([
    [r('Equals', 'eng'), r('Equals', 'eng'), true, true],
    [r('Equals', 'eng'), r('StartsWith', 'eng'), true, false],
    [r('StartsWith', 'en'), r('Equals', 'eng'), true, true],
    [r('StartsWith', 'en'), r('StartsWith', 'eng'), true, true],
    [r('StartsWith', 'eng'), r('StartsWith', 'en'), true, false],
    [r('StartsWith', 'en'), r('Contains', 'eng'), true, false],
    [r('Contains', 'ng'), r('Equals', 'eng'), true, true],
    [r('Contains', 'ng'), r('StartsWith', 'eng'), true, true],
    [r('Contains', 'ng'), r('Contains', 'ngx'), true, true],
    [r('Contains', 'ng'), r('NotEqual', 'x'), true, false],
    [r('NotEqual', 'x'), r('NotEqual', 'x'), false, true],
    [r('NotEqual', 'x'), r('Equals', 'eng'), true, true],
    [r('NotEqual', 'eng'), r('Equals', 'eng'), true, false],
    // on a list claim `[eng, x]` Equals eng matches and NotEqual x does not
    [r('NotEqual', 'x'), r('Equals', 'eng'), false, false],
    [r('NotEqual', 'engineering'), r('StartsWith', 'eng'), true, false],
    [r('NotEqual', 'x'), r('StartsWith', 'eng'), true, true],
    [r('Equals', 'eng'), r('Equals', 'eng', 'custom:team'), true, false],
  ])('%o covers %o (single-valued %s): %s', (a, b, single, want) => {
    expect(covers(a, b, single)).toBe(want);
  });
});

describe('s3Shape', () => {
  it.each([
    ['*', 'any'],
    ['arn:aws:s3:::b', 'bucket'],
    ['arn:aws:s3:::b/*', 'object'],
    ['arn:aws:s3:::b/${cognito-identity.amazonaws.com:sub}/*', 'object'],
    ['arn:aws:s3:::b*', 'any'],
    ['arn:aws:s3:::${aws:PrincipalTag/bucket}', 'any'],
    ['arn:aws:s3:::b${*}', 'bucket'],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/t', 'other'],
    ['arn:*', 'any'],
  ])('%s is %s', (text, shape) => expect(s3Shape(text)).toBe(shape));
});

describe('explainProviderName', () => {
  const pool = {
    IdentityPoolId: 'us-east-1:x',
    AllowUnauthenticatedIdentities: false,
    CognitoIdentityProviders: [{ ProviderName: 'cognito-idp.us-east-1.amazonaws.com/us-east-1_A', ClientId: 'c1' }],
    OpenIdConnectProviderARNs: ['arn:aws:iam::123456789012:oidc-provider/login.example.com'],
  };
  it.each([
    ['https://cognito-idp.us-east-1.amazonaws.com/us-east-1_A:c1', 'drop the `https://`'],
    ['cognito-idp.us-east-1.amazonaws.com/us-east-1_A', '`cognito-idp.us-east-1.amazonaws.com/us-east-1_A:c1`'],
    ['cognito-idp.us-east-1.amazonaws.com/us-east-1_A:c2', 'configured app clients: `c1`'],
    ['cognito-idp.us-east-1.amazonaws.com/us-east-1_B:c1', "is not in the pool's CognitoIdentityProviders"],
    ['arn:aws:iam::123456789012:oidc-provider/other.example.com', 'no OpenIdConnectProviderARNs entry for `other.example.com`'],
    ['graph.facebook.com', 'not a SupportedLoginProviders key'],
  ])('%s', (name, text) => expect(explainProviderName(pool, name)).toContain(text));
});

describe('suppression comments', () => {
  const text = [
    'a: 1',
    '# keycard-ignore code_a: because',
    '# more words',
    'b: 2',
    'c: 3  # keycard-ignore code_b, code_c',
    '# keycard-ignore code_d: nothing follows',
    '',
    'd: 4',
  ].join('\n');
  const ds = () => parseDirectives('f.yaml', text);
  const at = (code: string, line: number, severity: Finding['severity'] = 'warning'): Finding => ({
    code,
    severity,
    message: 'm',
    location: { file: 'f.yaml', line, column: 1 },
  });

  it('reads codes, reason and the target line', () => {
    expect(ds().map(({ line, target, codes, reason }) => ({ line, target, codes, reason }))).toEqual([
      { line: 2, target: 4, codes: ['code_a'], reason: 'because' },
      { line: 5, target: 5, codes: ['code_b', 'code_c'], reason: undefined },
      { line: 6, target: undefined, codes: ['code_d'], reason: 'nothing follows' },
    ]);
  });

  it('silences only the named code on the target line, never an error', () => {
    const out = applySuppressions([at('code_a', 4), at('code_a', 5), at('code_b', 5), at('code_c', 5, 'error')], ds());
    expect(out.suppressed.map((f) => [f.code, f.location!.line, f.reason])).toEqual([
      ['code_a', 4, 'because'],
      ['code_b', 5, undefined],
    ]);
    expect(out.kept.map((f) => [f.code, f.location!.line])).toEqual([
      ['code_a', 5],
      ['code_c', 5],
    ]);
    expect(out.directiveFindings.map((f) => [f.code, f.location!.line])).toEqual([
      ['lint_suppression_without_reason', 5],
      ['lint_suppression_unused', 5],
      ['lint_suppression_unused', 6],
    ]);
    expect(out.directiveFindings[1]!.message).toContain('errors cannot be silenced');
  });

  it('silences a finding through an anchor (the project line that brings a JSON policy in)', () => {
    const f: Finding = {
      ...at('code_a', 99),
      location: { file: 'policy.json', line: 3, column: 1 },
      anchors: [{ file: 'f.yaml', line: 4, column: 1 }],
    };
    expect(applySuppressions([f], ds()).suppressed).toHaveLength(1);
  });
});

describe('rules without their own fixture', () => {
  const dir = join(import.meta.dirname, '../fixtures/lint/units');
  it('reports Equals on a list claim and a ProviderName with a URL scheme', () => {
    const { diagnostics } = lintProject(loadProject(join(dir, 'keycard.yaml')));
    const pick = (code: string) =>
      diagnostics.filter((d) => d.code === code).map((d) => [d.severity, d.location!.line, d.location!.column]);
    expect(pick('cognito_match_on_list_claim')).toEqual([['warning', 19, 13]]);
    expect(pick('cognito_user_pool_name_invalid')).toEqual([['warning', 8, 22]]);
  });
});

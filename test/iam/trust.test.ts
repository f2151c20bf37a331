// checkTrust: the Cognito stage's trust-policy check, incl. cognito-decisions #13.
import { describe, expect, it } from 'vitest';
import type { Project, Role } from '../../src/model/types.js';
import { checkTrust } from '../../src/iam/trust.js';

const ROLE_ARN = 'arn:aws:iam::111122223333:role/Auth';
const POOL = 'us-east-1:a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

function role(trust: unknown): Role {
  return {
    RoleName: 'Auth',
    Arn: ROLE_ARN,
    RoleId: 'AROAEXAMPLE',
    inlinePolicies: [],
    attachedManagedPolicies: [],
    tags: {},
    trustPolicy:
      trust === undefined
        ? undefined
        : { name: 'trust', json: trust, file: 'trust.json', locate: () => ({ file: 'trust.json', line: 1, column: 1 }) },
  };
}

const withAud = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
      Condition: {
        StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL },
        'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
      },
    },
  ],
};
const withoutAud = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
};
const otherPrincipal = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
};

const ctx = {
  'cognito-identity.amazonaws.com:aud': POOL,
  'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp'],
  'cognito-identity.amazonaws.com:sub': 'us-east-1:x',
};
const project = {} as Project;

const cases = [
  {
    name: 'aud and amr match',
    trust: withAud,
    actions: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
    context: ctx,
    flow: 'enhanced',
    cross: false,
    status: 'allowed',
  },
  {
    name: 'wrong pool id',
    trust: withAud,
    actions: ['sts:AssumeRoleWithWebIdentity'],
    context: { ...ctx, 'cognito-identity.amazonaws.com:aud': 'us-east-1:other' },
    flow: 'enhanced',
    cross: false,
    status: 'denied',
  },
  {
    name: 'guest amr',
    trust: withAud,
    actions: ['sts:AssumeRoleWithWebIdentity'],
    context: { ...ctx, 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] },
    flow: 'enhanced',
    cross: false,
    status: 'denied',
  },
  {
    name: 'TagSession not allowed',
    trust: withoutAud,
    actions: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
    context: ctx,
    flow: 'enhanced',
    cross: false,
    status: 'denied',
  },
  {
    name: 'other federated principal',
    trust: otherPrincipal,
    actions: ['sts:AssumeRoleWithWebIdentity'],
    context: ctx,
    flow: 'enhanced',
    cross: false,
    status: 'denied',
  },
  {
    name: '#13 no aud, same account',
    trust: withoutAud,
    actions: ['sts:AssumeRoleWithWebIdentity'],
    context: ctx,
    flow: 'basic',
    cross: false,
    status: 'allowed',
  },
  {
    name: '#13 no aud, cross-account basic flow',
    trust: withoutAud,
    actions: ['sts:AssumeRoleWithWebIdentity'],
    context: ctx,
    flow: 'basic',
    cross: true,
    status: 'denied',
  },
  {
    name: '#13 aud present, cross-account basic flow',
    trust: withAud,
    actions: ['sts:AssumeRoleWithWebIdentity'],
    context: ctx,
    flow: 'basic',
    cross: true,
    status: 'allowed',
  },
  {
    name: 'no trust policy',
    trust: undefined,
    actions: ['sts:AssumeRoleWithWebIdentity'],
    context: ctx,
    flow: 'enhanced',
    cross: false,
    status: 'unchecked',
  },
] as const;

describe('checkTrust', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const result = checkTrust({
      project,
      role: role(c.trust),
      actions: [...c.actions],
      context: structuredClone(c.context) as Record<string, string | string[]>,
      flow: c.flow,
      crossAccount: c.cross,
    });
    expect(result.status, result.message).toBe(c.status);
    expect(result.actions).toEqual(c.actions);
    expect(result.message).toMatch(/Auth/);
  });
});

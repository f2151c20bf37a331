// Hostile files through the CLI (issue 10 §1, §2): files outside the repository, special files,
// links in scenario folders, deep documents, JWKS and token problems, over-long requests. Each
// ends in a clear error (exit 3, file:line:col, no stack, no hang) and never shows a secret.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnKeycard as keycard, root } from './helpers.js'; // real processes: hostile files and argument parsing are about the process

const LOGIN = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_PhOtO1234';
const editor = {
  sub: '2e2e2e2e-aaaa-4bbb-8ccc-dddddddddddd',
  aud: '3webclient0photoshare0abcd',
  token_use: 'id',
  'cognito:groups': ['editors'],
};
const SECRET = 'AKIAIOSFODNN7SECRET00';

// tmp/home/.aws/credentials (a secret) beside tmp/repo (a repository: .git, the example project).
const tmp = mkdtempSync(join(tmpdir(), 'keycard-hostile-files-'));
const home = join(tmp, 'home');
const repo = join(tmp, 'repo');
mkdirSync(join(home, '.aws'), { recursive: true });
writeFileSync(join(home, '.aws', 'credentials'), `[default]\naws_access_key_id = ${SECRET}\n`);
writeFileSync(
  join(home, 'outside-policy.json'),
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' }],
  }),
);
mkdirSync(join(repo, '.git'), { recursive: true });
cpSync(join(root, 'keycard.yaml'), join(repo, 'keycard.yaml'));
cpSync(join(root, 'policies'), join(repo, 'policies'), { recursive: true });
const write = (rel: string, text: string | Buffer) => {
  const f = join(tmp, rel);
  mkdirSync(join(f, '..'), { recursive: true });
  writeFileSync(f, text);
  return f;
};
/** The example project with one more resource policy, whose document is `ref`. */
const example = readFileSync(join(root, 'keycard.yaml'), 'utf8');
const projectNaming = (name: string, ref: string) => {
  const f = join(repo, name);
  writeFileSync(f, example.replace('resourcePolicies:\n', `resourcePolicies:\n  "arn:aws:s3:::other": ${ref}\n`));
  return f;
};

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const noStack = (out: string) => expect(out).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);

describe('files outside the repository', () => {
  const viaDots = projectNaming('dots.yaml', '../home/.aws/credentials');
  symlinkSync(join(home, '.aws', 'credentials'), join(repo, 'policies', 'innocent.json'));
  const viaLink = projectNaming('link.yaml', 'policies/innocent.json');
  const viaAbsolute = projectNaming('absolute.yaml', join(home, '.aws', 'credentials'));

  it.each([
    ['a ../ path', viaDots],
    ['a symlink inside the repository', viaLink],
    ['an absolute path', viaAbsolute],
  ])('%s is refused at the reference and the secret never shows', (_n, project) => {
    const r = keycard(['validate', project]);
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(3);
    expect(out).toContain('load_path_outside');
    expect(out).toMatch(/\.yaml:\d+:\d+/);
    expect(out).not.toContain(SECRET);
    noStack(out);
  });

  it('--allow-path and KEYCARD_ALLOW_PATHS widen it; the project file cannot', () => {
    const project = projectNaming('allowed.yaml', '../home/outside-policy.json');
    expect(keycard(['validate', project]).code).toBe(3);
    expect(keycard(['validate', project, '--allow-path', home]).code).toBe(0);
    expect(keycard(['--allow-path', home, 'validate', project]).code).toBe(0);
    expect(keycard(['validate', project], { env: { KEYCARD_ALLOW_PATHS: home } }).code).toBe(0);
  });

  it('an imported source outside the repository is refused where keycard.yaml names it (from:)', () => {
    writeFileSync(join(home, 'template.yaml'), 'Resources: {}\n');
    const project = write(
      'repo/imports.yaml',
      'account: "123456789012"\nregion: us-east-1\nfrom:\n  - cloudformation: ../home/template.yaml\n',
    );
    const r = keycard(['validate', project]);
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(3);
    expect(out).toMatch(/imports\.yaml:4:\d+: error\[load_path_outside\]/);
    noStack(out);
    expect(keycard(['validate', project, '--allow-path', home]).code).not.toBe(3);
  });

  it('a scenario tokenFile and project outside the repository are refused', () => {
    writeFileSync(join(home, 'token.jwt'), 'x.y.z');
    const s = write(
      'repo/scenarios/token.yaml',
      `project: ../keycard.yaml\nscenarios:\n  - name: t\n    tokenFile: ../../home/.aws/credentials\n    expect: {role: x}\n`,
    );
    const p = write(
      'repo/scenarios/project.yaml',
      `project: ../../home/.aws/credentials\nscenarios:\n  - name: t\n    expect: {role: x}\n`,
    );
    for (const f of [s, p]) {
      const r = keycard(['test', f]);
      expect(r.code).toBe(3);
      expect(r.stdout + r.stderr).toContain('load_path_outside');
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
  });

  it('an authorize document cannot name a policy outside its repository', () => {
    const f = write(
      'repo/authz/a.yaml',
      'policies:\n  identity: [../../home/.aws/credentials]\nrequest: {principal: "arn:aws:iam::123456789012:role/R", action: s3:GetObject, resource: "arn:aws:s3:::b/k"}\nexpect: Allow\n',
    );
    const r = keycard(['authorize', f]);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('outside the repository');
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it('a file over the size limit is refused without a code frame of its lines', () => {
    write('repo/policies/huge.json', Buffer.concat([Buffer.from('{"Version": "secret line"}\n'), Buffer.alloc(11 * 1024 * 1024, ' ')]));
    const r = keycard(['validate', projectNaming('huge.yaml', 'policies/huge.json')]);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('load_file_too_large');
    expect(r.stdout + r.stderr).not.toContain('secret line');
  });
});

describe('special files and scenario folders', () => {
  execFileSync('mkfifo', [join(repo, 'policies', 'fifo.json')]);
  symlinkSync('/dev/zero', join(repo, 'policies', 'zero.json'));

  it.each([
    ['a FIFO', 'policies/fifo.json'],
    ['a link to /dev/zero', 'policies/zero.json'],
  ])('%s is refused, not read forever', (_n, ref) => {
    const r = keycard(['validate', projectNaming(`special-${ref.length}-${_n.length}.yaml`, ref), '--allow-path', '/dev']);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout + r.stderr).toContain('load_not_regular_file');
  });

  it('a FIFO named on the command line is refused', () => {
    const r = keycard(['validate', join(repo, 'policies', 'fifo.json')]);
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain('load_not_regular_file');
  });

  it.each([
    ['a dangling link', (d: string) => symlinkSync(join(d, 'missing.yaml'), join(d, 'dangling.yaml')), 'load_dangling_link'],
    [
      'a symlink loop',
      (d: string) => (symlinkSync(join(d, 'b.yaml'), join(d, 'a.yaml')), symlinkSync(join(d, 'a.yaml'), join(d, 'b.yaml'))),
      'load_symlink_loop',
    ],
    ['a link to a file outside', (d: string) => symlinkSync(join(home, '.aws', 'credentials'), join(d, 'creds.yaml')), 'load_path_outside'],
  ])('%s in a scenario folder is an input error at that path', (name, make, code) => {
    const d = join(repo, `folder-${name.replace(/\W/g, '-')}`);
    mkdirSync(d);
    make(d);
    const r = keycard(['test', d]);
    const out = r.stdout + r.stderr;
    expect(r.code, out).toBe(3);
    expect(out).toContain(code);
    expect(out).not.toContain('internal error');
    expect(out).not.toContain(SECRET);
  });

  it('a directory link back up a scenario folder is walked once', () => {
    const d = join(repo, 'folder-up');
    mkdirSync(join(d, 'sub'), { recursive: true });
    symlinkSync(d, join(d, 'sub', 'up'));
    const r = keycard(['test', d]);
    expect(r.stderr).toContain('no scenarios found');
    expect(r.code).toBe(1);
  });
});

describe('depth and size of what a request or token carries', () => {
  const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const b64 = (s: string) => Buffer.from(s).toString('base64url');

  it('a JWT payload nested thousands deep is an input error', () => {
    const token = `${b64('{"alg":"none"}')}.${b64(`{"sub":"x","aud":"3webclient0photoshare0abcd","deep":${deep(5000)}}`)}.sig`;
    const r = keycard(['resolve', '--project', join(repo, 'keycard.yaml'), '--login', LOGIN, '--token', token]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('load_too_deep');
    noStack(r.stderr);
  });

  it('an inline JSON policy nested thousands deep is an input error at its line', () => {
    const r = keycard(['validate', projectNaming('deep-inline.yaml', `'${deep(5000)}'`)]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout + r.stderr).toContain('load_too_deep');
    expect(r.stdout + r.stderr).toMatch(/deep-inline\.yaml:\d+:\d+/);
  });

  it.each([
    [
      'a scenario line',
      () =>
        keycard([
          'test',
          write(
            'repo/scenarios/long.yaml',
            `project: ../keycard.yaml\nscenarios:\n  - name: long\n    expect:\n      allow: ["s3:GetObject arn:aws:s3:::photoshare-media/${'k'.repeat(1025)}"]\n`,
          ),
        ]),
    ],
    [
      'keycard can',
      () => keycard(['can', '--project', join(repo, 'keycard.yaml'), 's3:GetObject', `arn:aws:s3:::photoshare-media/${'é'.repeat(513)}`]),
    ],
    [
      'an authorize request',
      () =>
        keycard([
          'authorize',
          write(
            'repo/authz/long.yaml',
            `policies: {identity: [{Version: "2012-10-17", Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}]}\nrequest: {principal: "arn:aws:iam::123456789012:role/R", action: s3:GetObject, resource: "arn:aws:s3:::b/${'k'.repeat(1025)}"}\nexpect: Allow\n`,
          ),
        ]),
    ],
    [
      'an over-long ARN',
      () => keycard(['can', '--project', join(repo, 'keycard.yaml'), 's3:ListBucket', `arn:aws:s3:::${'b'.repeat(3000)}`]),
    ],
  ])('an S3 key over 1,024 bytes in %s is an input error', (_n, run) => {
    const r = run();
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout + r.stderr).toContain('request_resource_too_long');
  });
});

describe('--verify-with wherever the token comes from', () => {
  let jwks: string;
  let sign: (claims: Record<string, unknown>, opts?: { exp?: string | false; key?: CryptoKey }) => Promise<string>;
  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const other = await generateKeyPair('RS256');
    jwks = write('jwks.json', JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] }));
    sign = (claims, o = {}) => {
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(`https://${LOGIN}`).setIssuedAt();
      if (o.exp !== false) jwt.setExpirationTime(o.exp ?? '1h');
      return jwt.sign(o.key ?? (o.exp === 'forged' ? other.privateKey : privateKey));
    };
    const forged = await new SignJWT(editor)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(`https://${LOGIN}`)
      .setExpirationTime('1h')
      .sign(other.privateKey);
    write(
      'repo/scenarios/tokens.yaml',
      `project: ../keycard.yaml\nscenarios:\n  - name: good\n    login: ${LOGIN}\n    token: ${await sign(editor)}\n    expect: {role: "arn:aws:iam::123456789012:role/PhotoShareEditorRole"}\n  - name: forged\n    login: ${LOGIN}\n    token: ${forged}\n    expect: {role: "arn:aws:iam::123456789012:role/PhotoShareEditorRole"}\n`,
    );
    write('repo/scenarios/expired.jwt', await sign(editor, { exp: '-1h' }));
    write(
      'repo/scenarios/expired.yaml',
      `project: ../keycard.yaml\nscenarios:\n  - name: expired\n    login: ${LOGIN}\n    tokenFile: expired.jwt\n    expect: {role: "arn:aws:iam::123456789012:role/PhotoShareEditorRole"}\n`,
    );
  });
  const scenario = (name: string) => `${join(repo, 'scenarios', 'tokens.yaml')}#${name}`;

  it('resolve --scenario verifies the scenario token: a forged one is refused', () => {
    expect(keycard(['resolve', '--scenario', scenario('good'), '--verify-with', jwks]).code).toBe(0);
    const r = keycard(['resolve', '--scenario', scenario('forged'), '--verify-with', jwks]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('token_signature_invalid');
    expect(r.stderr).toContain('tokens.yaml:');
  });

  it('resolve --scenario with a missing JWKS fails instead of resolving', () => {
    const r = keycard(['resolve', '--scenario', scenario('forged'), '--verify-with', join(tmp, 'no-such-jwks.json')]);
    expect(r.code).toBe(3);
    expect(r.stdout).not.toContain('PhotoShareEditorRole');
  });

  it('keycard test --verify-with turns a forged token into an error and keeps the good one', () => {
    const r = keycard(['test', join(repo, 'scenarios', 'tokens.yaml'), '--verify-with', jwks, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { results: { name: string; status: string }[] };
    expect(doc.results.map((x) => [x.name, x.status])).toEqual([
      ['good', 'pass'],
      ['forged', 'error'],
    ]);
    expect(r.code).not.toBe(0);
    expect(keycard(['test', join(repo, 'scenarios', 'tokens.yaml')]).code).toBe(0);
  });

  it('a token error names the file that held the token', () => {
    const r = keycard(['test', join(repo, 'scenarios', 'expired.yaml'), '--verify-with', jwks]);
    expect(r.stdout + r.stderr).toContain('token_expired');
    expect(r.stdout + r.stderr).toContain('expired.jwt');
    const c = keycard([
      'resolve',
      '--project',
      join(repo, 'keycard.yaml'),
      '--login',
      LOGIN,
      '--token-file',
      join(repo, 'scenarios', 'expired.jwt'),
      '--verify-with',
      jwks,
    ]);
    expect(c.code).toBe(3);
    expect(c.stderr).toMatch(/expired\.jwt:1:1/);
  });

  it('a token without exp is not verified', async () => {
    const r = keycard([
      'resolve',
      '--project',
      join(repo, 'keycard.yaml'),
      '--login',
      LOGIN,
      '--token',
      await sign(editor, { exp: false }),
      '--verify-with',
      jwks,
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('token_no_exp');
  });

  it.each([
    ['keys that are not keys', '{"keys": [null, 5, "x"]}'],
    ['no keys', '{"keys": []}'],
    ['not JSON', 'not json at all'],
  ])('a JWKS with %s is an input error at the JWKS file', async (name, text) => {
    const bad = write(`bad-jwks-${name.replace(/\W/g, '-')}.json`, text);
    const r = keycard([
      'resolve',
      '--project',
      join(repo, 'keycard.yaml'),
      '--login',
      LOGIN,
      '--token',
      await sign(editor),
      '--verify-with',
      bad,
    ]);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('token_jwks_invalid');
    expect(r.stderr).toMatch(/bad-jwks-[\w-]+\.json:1:1/);
    noStack(r.stderr);
  });
});

// Project arguments are the same everywhere (issue 10 §5): a file or a directory, as the
// argument or as --project, on every command that reads a project.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnKeycard as keycard, root } from './helpers.js'; // real processes: hostile files and argument parsing are about the process

const elsewhere = mkdtempSync(join(tmpdir(), 'keycard-project-args-'));
afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));
const file = join(root, 'keycard.yaml');
const run = (...args: string[]) => keycard(args, { cwd: elsewhere });

describe('a project named as a file or a directory, by argument or --project', () => {
  it.each([
    ['keycard DIR', [root]],
    ['keycard FILE', [file]],
    ['keycard --project DIR', ['--project', root]],
    ['keycard explore DIR', ['explore', root]],
    ['keycard explore -p DIR', ['explore', '-p', root]],
  ])('%s prints the report without a terminal', (_n, args) => {
    const r = run(...args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^keycard — .*keycard\.yaml/);
  });

  it.each([
    ['validate DIR', ['validate', root]],
    ['validate FILE', ['validate', file]],
    ['validate --project DIR', ['validate', '--project', root]],
    ['resolve -p DIR', ['resolve', '-p', root]],
    ['access --project DIR', ['access', '--project', root]],
    ['can -p FILE', ['can', '-p', file, 's3:GetObject', 'arn:aws:s3:::photoshare-media/public/a.jpg']],
  ])('%s reads the project', (_n, args) => {
    const r = run(...args);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('test --project gives the project of scenario files that name none', () => {
    const s = join(elsewhere, 'guest.yaml');
    writeFileSync(s, 'scenarios:\n  - name: guest\n    expect: {role: "arn:aws:iam::123456789012:role/PhotoShareGuestRole"}\n');
    expect(run('test', s).code).toBe(3);
    const r = run('test', s, '--project', root);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('two different projects are a usage error; a directory without keycard.yaml too', () => {
    expect(run('validate', root, '--project', elsewhere).code).toBe(2);
    const r = run('validate', elsewhere);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no keycard.yaml in');
  });
});

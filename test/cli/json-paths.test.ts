// Every JSON document names files relative to the working directory, as `test` and `validate` do,
// so that output is the same on every machine and in CI.
import { describe, expect, it } from 'vitest';
import { keycard, root } from './helpers.js';

const USER = ['--scenario', 'scenarios/photos.yaml#1'];
const COMMANDS: [string, string[]][] = [
  ['resolve', ['resolve', ...USER, '--format', 'json']],
  ['can', ['can', 's3:GetObject', 'arn:aws:s3:::photoshare-media/private/x.png', ...USER, '--format', 'json']],
  ['authorize', ['authorize', 'authorize/photoshare.yaml', '--format', 'json']],
];

describe('JSON output names files relative to the working directory', () => {
  it.each(COMMANDS)('%s', async (_name, args) => {
    const r = await keycard(args);
    expect(r.stdout).toMatch(/"file"|policies\//);
    expect(r.stdout).not.toContain(`${root}/`);
  });
});

/**
 * Each command but the explorer runs from a CommonJS bundle of its own (scripts/bundle-cli.mjs), and
 * every file of one build names the same build, so that commands, the explorer and the scenario
 * workers share keycard's caches (src/load/build-id.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';

const dir = join(import.meta.dirname, '../../dist/cli-bundle');
const built = existsSync(dir);
if (!built) console.warn('test/cli/command-bundles.test.ts: dist/cli-bundle is not built; run `npm run build` first');
const read = (file: string) => readFileSync(join(dir, file), 'latin1');
const commandsIn = (text: string) => COMMANDS.map(([name]) => name).filter((name) => text.includes(`.command(${JSON.stringify(name)})`));

describe.skipIf(!built)('the CommonJS bundles', () => {
  it.each(COMMANDS.map(([name]) => name).filter((name) => name !== 'explore'))(
    'keycard %s has a bundle that holds only its command',
    (name) => {
      expect(commandsIn(read(`main-${name}.cjs`))).toEqual([name]);
    },
  );

  it('main.cjs holds every command, for help and --version; the explorer has no CommonJS bundle', () => {
    expect(commandsIn(read('main.cjs'))).toEqual(COMMANDS.map(([name]) => name));
    expect(existsSync(join(dir, 'main-explore.cjs'))).toBe(false);
  });

  it('names one build in every file, CommonJS and ES module', () => {
    const builds = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => /^main.*\.cjs$/.test(f)))
      builds.add(/^\/\/ keycard-build (\w+)\n/.exec(read(file))?.[1] ?? `none in ${file}`);
    for (const file of ['main.js', 'worker.js'])
      builds.add(/globalThis\[Symbol\.for\('keycard\.build'\)\] \?\?= '(\w+)'/.exec(read(file))?.[1] ?? `none in ${file}`);
    expect(builds.size, [...builds].join(', ')).toBe(1);
    expect([...builds][0]).toMatch(/^[0-9a-f]{20}$/);
  });
});

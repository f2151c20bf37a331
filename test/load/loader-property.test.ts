// Property: the loaders never throw anything but a KeycardInputError, whatever the bytes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeycardInputError } from '../../src/diagnostics/diagnostic.js';
import { loadProject } from '../../src/load/project.js';
import { loadScenarioFile } from '../../src/load/scenario.js';
import { tempDir } from '../temp.js';

const dir = tempDir('keycard-prop-');
const runs = Number(process.env.KEYCARD_FUZZ_RUNS ?? 300);

function onlyInputErrors(fn: () => unknown): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    return e instanceof KeycardInputError && e.diagnostics.length > 0 && e.diagnostics.every((d) => d.location && d.message);
  }
}

// YAML-ish fragments make the fuzzer reach deeper than uniform random bytes would.
const yamlish = fc.array(
  fc.oneof(
    fc.constantFrom(
      'account: ',
      'region: ',
      'identityPool:',
      'scenarios:',
      '- ',
      '  ',
      '\n',
      '{',
      '}',
      '[',
      ']',
      '&a ',
      '*a',
      '"',
      "'",
      ':',
      '#',
      '__proto__',
      'project: ',
      'claims: ',
      'expect:',
      'role: ',
      '%7B',
    ),
    fc.string({ maxLength: 8 }),
  ),
  { maxLength: 40 },
);

describe('loaders on arbitrary input', () => {
  it.each([
    ['project', (f: string) => loadProject(f)],
    ['scenario', (f: string) => loadScenarioFile(f)],
  ])('%s loader throws only KeycardInputError on random bytes', (_n, load) => {
    let i = 0;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const f = join(dir, `bytes-${i++}.yaml`);
        writeFileSync(f, bytes);
        return onlyInputErrors(() => load(f));
      }),
      { numRuns: runs },
    );
  });

  it.each([
    ['project', (f: string) => loadProject(f)],
    ['scenario', (f: string) => loadScenarioFile(f)],
  ])('%s loader throws only KeycardInputError on YAML-like text', (_n, load) => {
    let i = 0;
    fc.assert(
      fc.property(yamlish, (parts) => {
        const f = join(dir, `text-${i++}.${i % 2 ? 'yaml' : 'json'}`);
        writeFileSync(f, parts.join(''));
        return onlyInputErrors(() => load(f));
      }),
      { numRuns: runs },
    );
  });

  it('the bundled example loads without errors or warnings', () => {
    expect(loadProject(join(import.meta.dirname, '../../keycard.yaml')).diagnostics).toEqual([]);
  });
});

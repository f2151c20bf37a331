// `keycard validate` on an imported project: every finding points into the template.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lint/validate.js';

const dir = join(import.meta.dirname, '../fixtures/import/lints');

describe('lints on imported projects', () => {
  const { result } = validateProject(join(dir, 'keycard.yaml'));
  const at = (code: string) =>
    result.diagnostics
      .filter((d) => d.code === code)
      .map((d) => `${d.location?.file === join(dir, 'template.yaml') ? 'template.yaml' : d.location?.file}:${d.location?.line}`);

  it.each([
    ['import_mapping_pool_id', 'a mapping keyed by a user pool id (!Ref UserPool)', ['template.yaml:43']],
    ['iam_trust_explicit_deny', 'a trust policy with Effect: Deny', ['template.yaml:35']],
    ['import_unresolved_decides', 'an unresolved value that decides a rule', ['template.yaml:47']],
    ['import_condition_removes_grants', 'a Condition that removes every grant of a role', ['template.yaml:24']],
  ])('%s: %s', (code, _what, where) => {
    expect(at(code)).toEqual(where);
  });

  it('no finding points at keycard.yaml', () => {
    expect(result.diagnostics.filter((d) => d.location?.file.endsWith('keycard.yaml'))).toEqual([]);
  });
});

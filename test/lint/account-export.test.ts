// Findings inside an indented account export: the lint locates policies, their anchors and the
// compiled policy's own location only when they are read (issue 17), and must still point at the
// flagged text (fixture in test/fixtures/lint/account-export).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/load/project.js';
import { buildContext } from '../../src/lint/context.js';
import { validateProject } from '../../src/lint/validate.js';

const dir = join(import.meta.dirname, '../fixtures/lint/account-export');
const exportFile = join(dir, 'iam.json');
const lines = readFileSync(exportFile, 'utf8').split('\n');
/** The text of the export from a location on. */
const at = (loc: { line: number; column: number }) => lines[loc.line - 1]!.slice(loc.column - 1);

describe('findings in an account export', () => {
  it('are located at the flagged entry', () => {
    const { result } = validateProject(join(dir, 'keycard.yaml'));
    const found = result.diagnostics.map((d) => [d.code, d.location!.file, at(d.location!)]);
    expect(found).toEqual([
      ['s3_object_action_on_bucket_arn', exportFile, '"s3:GetObject",'],
      ['iam_username_in_role_policy', exportFile, '"arn:aws:s3:::data/${aws:username}/*"'],
      ['s3_bucket_action_on_object_arn', exportFile, '"s3:ListBucket",'],
    ]);
  });

  it('anchors and compiled locations, found when read, are those of the policies', () => {
    const ctx = buildContext(loadProject(join(dir, 'keycard.yaml')));
    const own = ctx.policies.find((u) => u.kind === 'identity' && u.role?.RoleName === 'team-1')!;
    const managed = ctx.policies.find((u) => u.doc.name.includes('shared'))!;
    for (const use of [own, managed]) {
      expect(use.compiled.location).toEqual(use.doc.locate([]));
      expect(at(use.compiled.location!)).toMatch(/^\{/);
      for (const a of use.anchors) expect(a.file).toBe(exportFile);
    }
    // The role, then its RolePolicyList entry.
    expect(own.anchors.map((a) => at(a))).toEqual([expect.stringMatching(/^\{/), expect.stringMatching(/^\{/)]);
    expect(lines[own.anchors[0]!.line]).toContain('"Path": "/"');
    expect(lines[own.anchors[1]!.line]).toContain('"PolicyName": "objects"');
  });
});

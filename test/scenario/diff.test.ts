// `diff` names the users who gained access when a policy change widens a prefix.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffProjects } from '../../src/scenario/diff.js';
import { renderDiff } from '../../src/report/diff-text.js';
import { tempDir } from '../temp.js';

const root = join(import.meta.dirname, '../..');
const spec = parse(readFileSync(join(root, 'test/fixtures/access/widen-protected.yaml'), 'utf8')) as {
  edit: { file: string; from: string; to: string };
  gained: { user: string; lines?: { action: string; label: string; before: string; after: string }[] }[];
  unchanged: string[];
};

function headWithEdit(): string {
  const head = tempDir('keycard-diff-');
  for (const p of ['keycard.yaml', 'policies', 'scenarios']) cpSync(join(root, p), join(head, p), { recursive: true });
  const file = join(head, spec.edit.file);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(spec.edit.from);
  writeFileSync(file, text.replace(spec.edit.from, spec.edit.to));
  return head;
}

describe('keycard diff', () => {
  const head = headWithEdit();
  const d = diffProjects([join(head, 'scenarios')], head, root, { base: 'main', head: 'edited' });

  it.each(spec.gained)('$user gained access', (g) => {
    const u = d.users.find((x) => x.name === g.user)!;
    expect(u.gainedAccess).toBe(true);
    expect(u.roleChanged).toBe(false);
    for (const l of g.lines ?? []) expect(u.gained).toContainEqual(expect.objectContaining(l));
    expect(u.lost).toEqual([]);
  });

  it.each(spec.unchanged)('%s is unchanged', (name) => {
    const u = d.users.find((x) => x.name === name)!;
    expect(u.gained).toEqual([]);
    expect(u.lost).toEqual([]);
  });

  it('reads in the other direction as lost access', () => {
    const back = diffProjects([join(root, 'scenarios')], root, head, { base: 'edited', head: 'main' });
    expect(back.summary).toMatchObject({ gained: 0, lost: spec.gained.length });
  });

  it('says who gained what in text', () => {
    const text = renderDiff(d);
    expect(text).toContain(`Gained access (${spec.gained.length})`);
    expect(text).toMatch(/\+ s3:DeleteObject\s+photoshare-media\/protected\/<another user>\/\*\s+ImplicitDeny → Allow/);
    expect(text).toContain(`${d.users.length} users: ${spec.gained.length} gained access, 0 lost access`);
  });
});

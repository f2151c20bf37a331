// `diff` compares access maps per pair of answers and expands only the cells that differ
// (src/scenario/diff.ts): its changes must be those of a cell-by-cell comparison.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessMap } from '../../src/access/map.js';
import { resolveForScenario } from '../../src/access/resolve.js';
import { buildSession } from '../../src/access/session.js';
import { accessTargets } from '../../src/access/targets.js';
import type { AccessEntry, AccessTarget } from '../../src/access/types.js';
import { loadScenarioFile } from '../../src/load/scenario.js';
import { diffProjects } from '../../src/scenario/diff.js';
import { tempDir } from '../temp.js';

const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'test/fixtures/access/classes.yaml');

/** Edits of the fixture's text, each widening or narrowing access on many prefixes at once. */
const edits: [string, string, string][] = [
  [
    'the TLS-only Deny now denies everything',
    "Condition: {Bool: {aws:SecureTransport: 'false'}}",
    "Condition: {Bool: {aws:SecureTransport: 'true'}}",
  ],
  ['team B may do anything in data', '[arn:aws:s3:::data/team-b/*, arn:aws:s3:::logs]', '[arn:aws:s3:::data/*, arn:aws:s3:::logs]'],
  [
    'partners become team A',
    'Principal: {AWS: arn:aws:iam::222222222222:root}, Action: s3:GetObject, Resource: arn:aws:s3:::data/partner-1/*',
    'Principal: {AWS: arn:aws:iam::123456789012:role/TeamA}, Action: s3:GetObject, Resource: arn:aws:s3:::data/*',
  ],
  ['team A reads every object of every bucket', 'Resource: arn:aws:s3:::logs/*/2024/*', "Resource: 'arn:aws:s3:::*/*'"],
];

const grant = (e: AccessEntry | undefined) => (!e ? 'ImplicitDeny' : e.conditional ? 'Conditional' : e.decision);
const allows = (g: string) => g === 'Allow' || g === 'Conditional';

/** The changes of one user, cell by cell, as `+ action label before → after` lines (sorted). */
function cellByCell(headFile: string, baseFile: string, index: number): string[] {
  const session = (file: string) => {
    const s = loadScenarioFile(file).scenarios[index]!;
    return buildSession(s.project, resolveForScenario(s));
  };
  const head = session(headFile);
  const base = session(baseFile);
  const byArn = new Map<string, AccessTarget>();
  for (const s of [head, base]) for (const t of accessTargets(s)) if (!byArn.has(t.arn)) byArn.set(t.arn, t);
  const targets = [...byArn.values()];
  const cells = (s: typeof head) => new Map(accessMap(s, { targets }).entries.map((e) => [`${e.action} ${e.target.arn}`, e]));
  const before = cells(base);
  const after = cells(head);
  const out: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const b = grant(before.get(key));
    const a = grant(after.get(key));
    const e = (after.get(key) ?? before.get(key))!;
    if (b === a) continue;
    if (allows(a) && (!allows(b) || (b === 'Conditional' && a === 'Allow'))) out.push(`+ ${e.action} ${e.target.label} ${b} → ${a}`);
    else if (allows(b) && (!allows(a) || (b === 'Allow' && a === 'Conditional'))) out.push(`- ${e.action} ${e.target.label} ${b} → ${a}`);
  }
  return out.sort();
}

describe('diff by classes', () => {
  it.each(edits)('%s: the changes of a cell-by-cell comparison', (_, from, to) => {
    const head = tempDir('keycard-diff-classes-');
    const base = tempDir('keycard-diff-classes-');
    copyFileSync(fixture, join(base, 'classes.yaml'));
    const text = readFileSync(fixture, 'utf8');
    expect(text).toContain(from);
    writeFileSync(join(head, 'classes.yaml'), text.replace(from, to));
    for (const [h, b] of [
      [head, base],
      [base, head],
    ] as const) {
      const d = diffProjects([join(h, 'classes.yaml')], h, b, { base: 'b', head: 'h' });
      expect(d.users.length).toBe(2);
      d.users.forEach((u, i) => {
        const lines = [
          ...u.gained.map((c) => `+ ${c.action} ${c.label} ${c.before} → ${c.after}`),
          ...u.lost.map((c) => `- ${c.action} ${c.label} ${c.before} → ${c.after}`),
        ].sort();
        expect(lines).toEqual(cellByCell(join(h, 'classes.yaml'), join(b, 'classes.yaml'), i));
      });
      expect(d.users.some((u) => u.gained.length + u.lost.length > 1)).toBe(true);
    }
  });
});

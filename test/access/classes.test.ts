// The access map decides one target per class and one action per group (src/access/classes.ts):
// every cell must still be what a decision of that very cell says. Never under-report.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { targetClasses } from '../../src/access/classes.js';
import { decideWithFreeKeys } from '../../src/access/free-keys.js';
import { accessMap, entriesOf } from '../../src/access/map.js';
import { renderAccessMap } from '../../src/access/render.js';
import { resolveForScenario } from '../../src/access/resolve.js';
import { buildSession } from '../../src/access/session.js';
import { accessTargets } from '../../src/access/targets.js';
import type { AccessMap } from '../../src/access/types.js';
import { loadScenarioFile } from '../../src/load/scenario.js';

const root = join(import.meta.dirname, '../..');
const users = ['test/fixtures/access/classes.yaml', 'scenarios/photos.yaml'].flatMap((file) =>
  loadScenarioFile(join(root, file))
    .scenarios.map((s, i) => ({ name: `${file}#${i + 1} ${s.name}`, s, r: resolveForScenario(s) }))
    .filter((u) => u.r.outcome === 'credentials'),
);
const sessionOf = (u: (typeof users)[number]) => buildSession(u.s.project, u.r, { now: new Date('2026-01-01T00:00:00Z') });

describe('access map classes', () => {
  it.each(users)('every cell of $name is its own decision', (u) => {
    const session = sessionOf(u);
    const map = accessMap(session);
    expect(map.entries.length).toBeGreaterThan(0);
    for (const e of map.entries) {
      const d = decideWithFreeKeys(session, { action: e.action, resource: e.target.arn });
      const cell = `${e.action} on ${e.target.label}`;
      expect(e.decision, cell).toBe(d.decision);
      expect(e.literal, cell).toBe(d.literal);
      expect(e.witness, cell).toEqual(d.witness);
      expect(e.conditions, cell).toEqual(d.conditions);
    }
  });

  it.each(users.filter((u) => u.name.includes('classes.yaml')))('$name groups targets', (u) => {
    const session = sessionOf(u);
    const targets = accessTargets(session);
    const classes = targetClasses(session, targets);
    expect(classes.count).toBeLessThan(targets.length);
    // Targets a statement of the session names differently stay apart.
    const classOf = (label: string) => classes.classOf.get(targets.find((t) => t.label === label)!);
    expect(classOf('data/team-a/*')).not.toBe(classOf('data/team-b/*'));
    expect(classOf('data/partner-1/*')).toBe(classOf('data/partner-2/*')); // granted to another account only
  });

  it('keeps apart the targets of a bucket whose Resource a request key fills', () => {
    const session = sessionOf(users[0]!);
    const targets = accessTargets(session).filter((t) => t.bucket === 'open' && t.kind === 'object');
    const classes = targetClasses(session, targets);
    expect(new Set(targets.map((t) => classes.classOf.get(t))).size).toBe(targets.length);
  });

  it.each(users)('renders $name from rows as from entries', (u) => {
    const map = accessMap(sessionOf(u));
    const plain: AccessMap = { ...map, entries: entriesOf(map.rows!) };
    expect(Object.keys(plain)).not.toContain('rows');
    for (const opts of [{}, { all: true }, { filter: 'object' }, { filter: 'team-a' }])
      expect(renderAccessMap(map, opts)).toBe(renderAccessMap(plain, opts));
  });

  it('keeps the JSON of a map (entries made when read, rows left out)', () => {
    const map = accessMap(sessionOf(users[0]!));
    const json = JSON.parse(JSON.stringify(map)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['role', 'sessionArn', 'identityId', 'targets', 'entries', 'counts']);
    const counted = Object.values(map.counts).reduce((a, b) => a + b, 0);
    expect((json.entries as unknown[]).length).toBe(counted);
  });
});

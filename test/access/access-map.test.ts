// The access map of the bundled example, cell by cell, and its invariants.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { accessMap } from '../../src/access/map.js';
import { markOf, renderAccessMap } from '../../src/access/render.js';
import { resolveForScenario } from '../../src/access/resolve.js';
import { authorizeInSession, buildSession } from '../../src/access/session.js';
import { allS3Actions } from '../../src/catalog/index.js';
import { loadScenarioFile } from '../../src/load/scenario.js';

const root = join(import.meta.dirname, '../..');
const scenarios = loadScenarioFile(join(root, 'scenarios/photos.yaml')).scenarios;
const cells = parse(readFileSync(join(root, 'test/fixtures/access/photos-map.yaml'), 'utf8')) as {
  user: number;
  action: string;
  target: string;
  mark: string;
  witness?: Record<string, string>;
}[];

function mapOf(user: number) {
  const s = scenarios[user - 1]!;
  const session = buildSession(s.project, resolveForScenario(s));
  return { session, map: accessMap(session) };
}

describe('access map of the bundled example', () => {
  it.each(cells)('user $user: $action on $target is $mark', (c) => {
    const { map } = mapOf(c.user);
    const entry = map.entries.find((e) => e.action === c.action && e.target.label === c.target);
    expect(entry, `no entry for ${c.action} on ${c.target}; targets: ${map.targets.map((t) => t.label).join(', ')}`).toBeDefined();
    expect(markOf(entry)).toBe(c.mark);
    if (c.witness) expect(entry!.witness).toEqual(c.witness);
  });

  it('covers every S3 action of the catalog', () => {
    const { map } = mapOf(3);
    expect(new Set(map.entries.map((e) => e.action))).toEqual(new Set(allS3Actions()));
  });

  it('agrees with a direct evaluation for every unconditional cell', () => {
    const { map, session } = mapOf(3);
    for (const e of map.entries.filter((x) => !x.conditional)) {
      expect(authorizeInSession(session, { action: e.action, resource: e.target.arn }).decision).toBe(e.decision);
    }
  });

  it('a conditional cell is allowed with its witness and not without it', () => {
    const { map, session } = mapOf(3);
    const cond = map.entries.filter((e) => e.conditional);
    expect(cond.length).toBeGreaterThan(0);
    for (const e of cond) {
      expect(authorizeInSession(session, { action: e.action, resource: e.target.arn }).decision).not.toBe('Allow');
      expect(authorizeInSession(session, { action: e.action, resource: e.target.arn, context: e.witness! }).decision).toBe('Allow');
    }
  });

  it('renders a readable text map', () => {
    const text = renderAccessMap(mapOf(3).map);
    expect(text).toContain('[4] photoshare-media/protected/<another user>/*');
    expect(text).toMatch(/s3:DeleteObject\s+✓/);
    expect(text).toContain('s3:ListBucket on [1]: only if the request carries s3:prefix = `public/`');
  });
});

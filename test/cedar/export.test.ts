/** `keycard export cedar`: the bundled project's roles export, validate, and are never overwritten silently. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveForScenario } from '../../src/access/resolve.js';
import { buildExport, exportRoles, exportUser, writeExport } from '../../src/cedar/export.js';
import { loadScenarioFile } from '../../src/load/scenario.js';
import { cedar, validateStrict } from '../../src/cedar/wasm.js';
import { loadProject } from '../../src/load/project.js';
import { tempDir } from '../temp.js';

const PROJECT = resolve(import.meta.dirname, '../../keycard.yaml');

describe('export cedar', () => {
  it('writes a schema and one file per role that validate together', async () => {
    const project = loadProject(PROJECT);
    const result = await buildExport(exportRoles(project));
    expect(result.files.map((f) => f.name)).toContain('s3.cedarschema');
    expect(result.files).toHaveLength(project.roles.size + 1);
    const schema = result.files[0]!.text;
    const parts = result.files.slice(1).flatMap((f) => {
      const r = cedar().policySetTextToParts(f.text);
      return r.type === 'success' ? r.policies : [];
    });
    const texts = Object.fromEntries(parts.map((p, i) => [`p${i}`, p]));
    expect(validateStrict(schema, { texts }).filter((d) => d.severity === 'error')).toEqual([]);
    // Variables without a user are reported, never guessed.
    expect(result.diagnostics.every((d) => d.code === 'cedar_export_untranslatable' && d.location !== undefined)).toBe(true);
  });

  it('exports one user with policy variables substituted from the session', async () => {
    const file = loadScenarioFile(resolve(import.meta.dirname, '../../scenarios/photos.yaml'));
    const s = file.scenarios.find((x) => x.name.startsWith('editors'))!;
    const resolution = resolveForScenario(s);
    const result = await buildExport([exportUser(s.project, resolution, 'eddie')]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = result.files.find((f) => f.name === 'eddie.cedar')!.text;
    expect(text).not.toContain('not translated');
    expect(text).toContain(`resource.s5 like "photoshare-media/private/${resolution.identityId}/*"`);
  });

  it('refuses to overwrite unless forced', () => {
    const dir = tempDir('keycard-export-');
    writeFileSync(join(dir, 'a.cedar'), 'old');
    expect(writeExport(dir, [{ name: 'a.cedar', text: 'new' }], false)).toEqual({ existing: [join(dir, 'a.cedar')] });
    expect(readFileSync(join(dir, 'a.cedar'), 'utf8')).toBe('old');
    expect(writeExport(dir, [{ name: 'a.cedar', text: 'new' }], true)).toEqual([join(dir, 'a.cedar')]);
    expect(readFileSync(join(dir, 'a.cedar'), 'utf8')).toBe('new');
  });
});

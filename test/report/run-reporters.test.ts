/** Sinks: files (with parent dirs) vs stdout, colour only on a TTY without NO_COLOR, streaming hooks. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KeycardUsageError } from '../../src/diagnostics/diagnostic.js';
import { parseFormats } from '../../src/report/formats.js';
import { TEST_FORMATS, TEST_REPORTERS } from '../../src/report/registry.js';
import { openReporters, reportTestRun } from '../../src/report/run-reporters.js';
import { captureStdout } from './capture.js';
import { ROOT, sampleTestRun } from './sample-results.js';
import { tempDir } from '../temp.js';

afterEach(() => vi.unstubAllEnvs());

describe('runReporters', () => {
  it('writes file formats to their files (creating directories) and one format to stdout', async () => {
    const dir = tempDir('keycard-report-');
    const cap = captureStdout();
    const formats = parseFormats(['junit=reports/deep/keycard.xml', 'json=out.json', 'pretty'], { allowed: TEST_FORMATS }, dir);
    const written = await reportTestRun(formats, sampleTestRun(), 1, { cwd: dir, stdout: cap.stdout, color: false, env: {} });
    expect(written).toEqual([join(dir, 'reports/deep/keycard.xml'), join(dir, 'out.json')]);
    expect(readFileSync(written[0]!, 'utf8')).toMatch(/^<\?xml/);
    expect(JSON.parse(readFileSync(written[1]!, 'utf8')).summary).toEqual({ passed: 1, failed: 1, errors: 1, pending: 1, skipped: 1 });
    expect(cap.text().trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed, 1 error, 1 pending, 1 skipped');
  });

  it('reports an unwritable file as a usage error', async () => {
    const dir = tempDir('keycard-report-');
    writeFileSync(join(dir, 'file'), '');
    const formats = parseFormats(['json=file/report.json'], { allowed: TEST_FORMATS }, dir);
    await expect(reportTestRun(formats, sampleTestRun(), 1, { cwd: dir, stdout: captureStdout().stdout, env: {} })).rejects.toBeInstanceOf(
      KeycardUsageError,
    );
  });

  it('colours stdout only on a TTY, and never when NO_COLOR is set or in files', async () => {
    const run = async (isTTY: boolean) => {
      const cap = captureStdout();
      cap.stdout.isTTY = isTTY;
      await reportTestRun([{ name: 'pretty' }], sampleTestRun(), 1, { cwd: ROOT, stdout: cap.stdout, env: {} });
      return cap.text();
    };
    // An empty FORCE_COLOR still forces colour (as in supports-color), so unset both.
    vi.stubEnv('NO_COLOR', undefined);
    vi.stubEnv('FORCE_COLOR', undefined);
    expect(await run(true)).toContain('\u001b[32m✓\u001b[39m');
    expect(await run(false)).not.toContain('\u001b[');
    vi.stubEnv('NO_COLOR', '1');
    expect(await run(true)).not.toContain('\u001b[');
  });

  it('streams: pretty prints each case as it arrives, before the run ends', () => {
    const cap = captureStdout();
    const session = openReporters([{ name: 'pretty' }], TEST_REPORTERS, { cwd: ROOT, stdout: cap.stdout, color: false, env: {} });
    session.onRunStart();
    session.onCaseResult(sampleTestRun().results[0]!);
    expect(cap.text()).toBe('scenarios/photos.yaml\n  ✓ admins get the Admin role\n');
  });
});

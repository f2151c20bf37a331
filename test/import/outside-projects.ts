// Projects written in a temporary directory that name fixtures of this repository: the fixtures
// are allowed as a user would allow them (KEYCARD_ALLOW_PATHS), and everything is undone after
// the file's tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A temporary directory for project files, with test/fixtures/import allowed until the file's tests end. */
export function outsideProjectsDir(prefix: string): string {
  const tmp = mkdtempSync(join(tmpdir(), prefix));
  const savedAllow = process.env.KEYCARD_ALLOW_PATHS;
  process.env.KEYCARD_ALLOW_PATHS = join(import.meta.dirname, '../fixtures/import');
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
    if (savedAllow === undefined) delete process.env.KEYCARD_ALLOW_PATHS;
    else process.env.KEYCARD_ALLOW_PATHS = savedAllow;
  });
  return tmp;
}

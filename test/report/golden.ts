/**
 * Golden files for reporter output, in test/fixtures/report/golden/. Output is normalised first
 * (the fixture root -> `<root>`; ANSI is not stripped, since reporters run without colour and a
 * stray escape sequence is a bug the golden file should show). `UPDATE_GOLDEN=1 npx vitest run test/report`
 * rewrites them; review the diff before keeping it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { ROOT } from './sample-results.js';

const GOLDEN_DIR = fileURLToPath(new URL('../fixtures/report/golden', import.meta.url));

function normalizeOutput(text: string): string {
  return text.split(pathToFileURL(ROOT).href).join('file://<root>').split(ROOT).join('<root>');
}

export function expectGolden(name: string, output: string): void {
  const file = join(GOLDEN_DIR, name);
  const actual = normalizeOutput(output);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

// Runs in every test file: what a file made with tempDir() is removed when the file is done.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(removeTempDirs);

// The cache of Cedar's strict checks (src/cedar/check-cache.ts) is off in tests, and in the CLI
// runs they start, so that every run checks afresh and nothing is written outside temp folders.
process.env.KEYCARD_CACHE_DIR = 'off';

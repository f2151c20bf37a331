// Runs in every test file: what a file made with tempDir() is removed when the file is done.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(removeTempDirs);

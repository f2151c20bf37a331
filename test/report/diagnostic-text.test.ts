// The code frame of a diagnostic shows the file as it is now: an edited file (as under --watch)
// is read again, not served from the cache.
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markInputFile } from '../../src/load/confine.js';
import { renderDiagnostic } from '../../src/report/diagnostic-text.js';
import { tempDir } from '../temp.js';

describe('renderDiagnostic', () => {
  it('shows the current text of a file that changed since the last frame', () => {
    const file = join(tempDir('keycard-frame-'), 'keycard.yaml');
    markInputFile(file); // frames are shown only for files keycard read as input
    const at = (text: string, time: number) => {
      writeFileSync(file, text);
      utimesSync(file, time, time); // two writes within one clock tick still differ
      return renderDiagnostic({ code: 'x_y', severity: 'error', message: 'm', location: { file, line: 2, column: 3 } });
    };
    expect(at('a: 1\nb: old\n', 1_000)).toContain('2 | b: old');
    const edited = at('a: 1\nb: new\n', 2_000);
    expect(edited).toContain('2 | b: new');
    expect(edited).not.toContain('old');
  });
});

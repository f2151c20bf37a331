/** A Diagnostic as a GitHub annotation: severity -> level, code -> title, help on its own line. */
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { displayPath } from '../../text/display-path.js';
import type { Annotation } from './workflow-commands.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function diagnosticAnnotation(d: Diagnostic, cwd: string): Annotation {
  return {
    level: LEVEL[d.severity],
    title: d.code,
    location: d.location && { ...d.location, file: displayPath(d.location.file, cwd) },
    message: d.help ? `${d.message}\nhelp: ${d.help}` : d.message,
  };
}

/**
 * The one diagnostic type of keycard. Every stage reports problems as data in this shape;
 * renderers (text, json, sarif, github) live in src/report.
 */
export type Severity = 'error' | 'warning' | 'info';

/** A position in a user file. Lines and columns are 1-based. */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface Diagnostic {
  /** Stable snake_case code, e.g. `load_yaml_syntax`, `iam_unknown_action`. Never renamed. */
  code: string;
  severity: Severity;
  /** Lowercase, no final period, user input in backticks. */
  message: string;
  /** One line that tells the user what to do about it. */
  help?: string;
  location?: Location;
  /** Documentation link for the code. */
  url?: string;
}

/** Path into a parsed document: object keys and array indexes. */
export type PathKey = string | number;

/** Maps a path inside a parsed document to its position in the source file. */
export type Locator = (path: readonly PathKey[]) => Location | undefined;

const DOCS_BASE = 'https://github.com/keycard-dev/keycard/blob/main/docs/diagnostics.md';

export function diagnosticUrl(code: string): string {
  return `${DOCS_BASE}#${code.replace(/_/g, '-')}`;
}

export function diag(code: string, severity: Severity, message: string, opts: { help?: string; location?: Location } = {}): Diagnostic {
  const d: Diagnostic = { code, severity, message };
  if (opts.help) d.help = opts.help;
  if (opts.location) d.location = opts.location;
  return d;
}

/** Thrown for bad user input. Carries diagnostics; the CLI prints them and exits with 3. */
export class KeycardInputError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
    this.name = 'KeycardInputError';
    this.diagnostics = diagnostics;
  }
}

/** Thrown for bad command-line usage. The CLI exits with 2. */
export class KeycardUsageError extends Error {
  readonly help?: string;
  constructor(message: string, help?: string) {
    super(message);
    this.name = 'KeycardUsageError';
    this.help = help;
  }
}

/** Deterministic order: file, line, column, code, message (OPA's Errors.Sort). */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => {
    const fa = a.location?.file ?? '';
    const fb = b.location?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.location?.line ?? 0;
    const lb = b.location?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.location?.column ?? 0;
    const cb = b.location?.column ?? 0;
    if (ca !== cb) return ca - cb;
    if (a.code !== b.code) return a.code < b.code ? -1 : 1;
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}

export function formatLocation(loc: Location | undefined): string {
  return loc ? `${loc.file}:${loc.line}:${loc.column}` : '';
}

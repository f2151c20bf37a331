/**
 * Parsing of the repeatable `--format` option: `name` (stdout) or `name=path` (a file, relative to
 * the working directory; `name=-` is stdout again). At most one format owns stdout, because a
 * machine-readable document must be the only thing there (formats.md §4). The one exception is
 * `pretty` + `github`: workflow commands are lines that the Actions runner strips from the log.
 */
import { resolve } from 'node:path';
import { KeycardUsageError } from '../diagnostics/diagnostic.js';
import { defaultFormats } from './registry.js';

export interface FormatSelection<N extends string = string> {
  name: N;
  /** File to write, as given; undefined means stdout. */
  path?: string;
}

export interface ParseFormatsOptions<N extends string> {
  /** The formats this command supports, in the order shown in messages. */
  allowed: readonly N[];
  /**
   * Formats used when `values` is empty.
   * @default defaultFormats() (pretty, plus github on GitHub Actions) restricted to `allowed`
   */
  default?: readonly N[];
}

function parseOne<N extends string>(value: string, allowed: readonly N[]): FormatSelection<N> {
  const eq = value.indexOf('=');
  const name = (eq < 0 ? value : value.slice(0, eq)).trim();
  const path = eq < 0 ? undefined : value.slice(eq + 1).trim();
  if (!allowed.includes(name as N)) {
    throw new KeycardUsageError(
      name ? `unknown format \`${name}\`` : `missing format name in \`--format ${value}\``,
      `valid formats: ${allowed.join(', ')}; write one to a file with \`--format NAME=PATH\``,
    );
  }
  if (path === '')
    throw new KeycardUsageError(
      `missing file after \`--format ${name}=\``,
      `give a path, e.g. \`--format ${name}=reports/keycard.out\`, or drop \`=\` for stdout`,
    );
  return path === undefined || path === '-' ? { name: name as N } : { name: name as N, path };
}

function checkStdout(selections: readonly FormatSelection[]): void {
  const onStdout = selections.filter((s) => s.path === undefined).map((s) => s.name);
  if (onStdout.length <= 1) return;
  const isPrettyWithAnnotations = onStdout.length === 2 && onStdout.includes('pretty') && onStdout.includes('github');
  if (isPrettyWithAnnotations) return;
  throw new KeycardUsageError(
    `formats ${onStdout.map((n) => `\`${n}\``).join(', ')} would all write to stdout`,
    `only one format may write to stdout; send the others to files, e.g. \`--format ${onStdout[1]}=reports/keycard.${onStdout[1]}\``,
  );
}

function checkFiles(selections: readonly FormatSelection[], cwd: string): void {
  const seen = new Map<string, string>();
  for (const s of selections) {
    if (s.path === undefined) continue;
    const abs = resolve(cwd, s.path);
    const other = seen.get(abs);
    if (other !== undefined)
      throw new KeycardUsageError(`formats \`${other}\` and \`${s.name}\` would both write \`${s.path}\``, 'give each format its own file');
    seen.set(abs, s.name);
  }
}

/**
 * Turns the `--format` values into selections, or throws a KeycardUsageError (exit 2) naming the
 * valid formats. Accepts commander's `string | string[] | undefined`.
 */
export function parseFormats<N extends string>(
  values: readonly string[] | string | undefined,
  opts: ParseFormatsOptions<N>,
  cwd: string = process.cwd(),
): FormatSelection<N>[] {
  const list = values === undefined ? [] : typeof values === 'string' ? [values] : values;
  if (list.length === 0) {
    const fallback = opts.default ?? defaultFormats().filter((n): n is N & ('pretty' | 'github') => opts.allowed.includes(n as N));
    return fallback.map((name) => ({ name }));
  }
  const selections = list.map((v) => parseOne(v, opts.allowed));
  checkStdout(selections);
  checkFiles(selections, cwd);
  return selections;
}

/**
 * Whether the human report is on stdout. When it is not (json, sarif, ...), the CLI should print
 * run diagnostics to stderr itself, since the pretty reporter is what renders them otherwise.
 */
export function prettyOnStdout(selections: readonly FormatSelection[]): boolean {
  return selections.some((s) => s.name === 'pretty' && s.path === undefined);
}

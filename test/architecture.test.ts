// The stages only import downward (docs/ARCHITECTURE.md): a module may import its own stage and
// the stages listed before it, never one listed after it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Lowest first. Stages on one line may import each other: the CLI opens the explorer and the
 * explorer prints the CLI's report; loading keycard.yaml runs its `from:` sources through import/,
 * which reads templates with load/'s positioned parser.
 */
const STAGES: string[][] = [
  ['diagnostics', 'text'],
  ['model'],
  ['catalog'],
  ['load', 'import'],
  ['cognito'],
  ['iam'],
  ['access'],
  ['cedar'],
  ['scenario'],
  ['lint'],
  ['report'],
  ['cli', 'tui'],
  ['index.ts', 'library.ts'],
];
const rank = new Map(STAGES.flatMap((names, i) => names.map((n) => [n, i] as const)));

const src = resolve(import.meta.dirname, '../src');
const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
const stageOf = (path: string) => path.split(/[\\/]/)[0]!;

/** Every relative import (static, type-only or dynamic) of every source file, as [from, to] paths under src/. */
function imports(): [string, string][] {
  return files.flatMap((f) =>
    [...readFileSync(join(src, f), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.\.?\/[^']+)'/g)].map(
      (m) => [f, relative(src, resolve(dirname(join(src, f)), m[1]!))] as [string, string],
    ),
  );
}

describe('architecture', () => {
  it('places every folder of src/ in the stage order', () => {
    const unknown = [...new Set(files.map(stageOf))].filter((s) => !rank.has(s));
    expect(unknown, 'add the new stage to STAGES here and to docs/ARCHITECTURE.md').toEqual([]);
  });

  it('has no upward import', () => {
    const upward = imports()
      .filter(([from, to]) => (rank.get(stageOf(to)) ?? -1) > (rank.get(stageOf(from)) ?? Infinity))
      .map(([from, to]) => `src/${from} imports src/${to}`);
    expect(upward).toEqual([]);
  });

  it('sees the imports it checks', () => expect(imports().length).toBeGreaterThan(300));
});

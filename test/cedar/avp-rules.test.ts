/**
 * Verified Permissions' rules for Cognito tokens, one small project per rule in
 * test/fixtures/cedar/avp-rules/<rule>/ (each scenarios.yaml quotes the AVP doc it checks).
 * A project passes `keycard test` unless its expected.yaml says which failures it must show.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runScenarioPaths } from '../../src/scenario/run.js';
import { keycard, root } from '../cli/helpers.js';

const RULES = join(root, 'test/fixtures/cedar/avp-rules');
const projects = readdirSync(RULES).sort();

describe('AVP rules, one project each, through the scenario runner', () => {
  it.each(projects)('%s', async (name) => {
    const dir = join(RULES, name);
    const expected = existsSync(join(dir, 'expected.yaml'))
      ? (parse(readFileSync(join(dir, 'expected.yaml'), 'utf8')) as { status: 'fail'; failures: string[] })
      : undefined;
    const run = await runScenarioPaths([join(dir, 'scenarios.yaml')]);
    const summary = run.results.map((r) => ({
      name: r.name,
      status: r.status,
      failures: r.failures.map((f) => f.message),
      error: r.error?.message,
    }));
    if (!expected) {
      expect(summary.filter((r) => r.status !== 'pass')).toEqual([]);
      expect(run.results.length).toBeGreaterThan(0);
      return;
    }
    expect(summary.every((r) => r.status === expected.status)).toBe(true);
    const messages = summary.flatMap((r) => r.failures);
    for (const want of expected.failures)
      expect(
        messages.some((m) => m.includes(want)),
        `a failure mentions ${want}\n${messages.join('\n')}`,
      ).toBe(true);
  });
});

describe('expect.app.error', () => {
  it('fails a scenario whose expected AVP error does not happen, or that expects a decision from a refused token', async () => {
    const run = await runScenarioPaths([join(root, 'test/fixtures/cedar/app-error-mismatch/scenarios.yaml')]);
    expect(run.results.map((r) => [r.status, r.failures.map((f) => f.message).join('\n')])).toEqual([
      ['fail', 'expected Verified Permissions to refuse the token with `ValidationException`, but it accepts the token'],
      [
        'fail',
        expect.stringMatching(
          /^Action::"read" on Doc::"handbook": expected Deny, got ValidationException: the token names no Cognito user pool/,
        ),
      ],
      [
        'fail',
        expect.stringMatching(
          /^expected Verified Permissions to refuse the token with `AccessDeniedException`, got ValidationException: the token has no `token_use` claim/,
        ),
      ],
    ]);
  });
});

describe('through the CLI', () => {
  it('`keycard test` fails a project whose entities AVP refuses, at file:line:col, exit 1', async () => {
    const bad = await keycard(['test', join(RULES, 'entities-user-type/scenarios.yaml')]);
    expect(bad.stdout).toMatch(/entities\.json:3:3: entity of type `Docs::User`/);
    expect(bad.code).toBe(1);
  });
});

/** `keycard can`: may this user do ACTION on RESOURCE? The decision and why. */
import type { Command } from 'commander';
import { checkRequest } from '../../catalog/request-check.js';
import { KeycardInputError, KeycardUsageError } from '../../diagnostics/diagnostic.js';
import { resourceProblem } from '../../load/request-limits.js';
import { ExitCode } from '../../diagnostics/exit-codes.js';
import type { ContextValue } from '../../model/types.js';
import { unknownBecause } from '../../model/unresolved.js';
import { colorEnabled, paint } from '../../text/color.js';
import { addUserOptions, type UserOptions } from '../user-options.js';
import { jsonText } from '../../report/json-view.js';
import { stdout } from '../../text/stdio.js';

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

function parseContext(pairs: string[]): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0)
      throw new KeycardUsageError(`--context \`${p}\` is not KEY=VALUE`, 'e.g. --context s3:prefix=public/ (repeat the key for a list)');
    const k = p.slice(0, eq);
    const v = p.slice(eq + 1);
    const prev = out[k];
    out[k] = prev === undefined ? v : [...(Array.isArray(prev) ? prev : [prev]), v];
  }
  return out;
}

export function register(program: Command): void {
  const cmd = program
    .command('can')
    .description('decide one S3 request of a user: Allow, ExplicitDeny, ImplicitDeny or Unknown, with the statements that decided it')
    .argument('<action>', 'an S3 action, e.g. s3:DeleteObject')
    .argument('<resource>', 'the resource ARN, e.g. arn:aws:s3:::photoshare-media/public/cat.jpg, or * for account-level actions')
    .option('-c, --context <key=value>', 'a request context key, repeatable (s3:prefix=public/, s3:ExistingObjectTag/team=red)', collect)
    .option('-f, --format <format>', 'text or json', 'text')
    .option('--full', 'show every statement, including those that did not match');
  addUserOptions(cmd)
    .addHelpText(
      'after',
      `
Examples:
  $ keycard can --scenario scenarios/photos.yaml#editors s3:DeleteObject \\
      arn:aws:s3:::photoshare-media/protected/us-east-1:5e5e5e5e-6666-4777-8888-999999999999/cat.jpg
  $ keycard can s3:ListBucket arn:aws:s3:::photoshare-media --context s3:prefix=public/

The request is decided as written. When it is not allowed but a request key you left out
(s3:prefix, object tags, source IP...) could make it allowed, keycard says which value would.

Exit codes: 0 allowed, 1 not allowed, unknown (depends on a value no file gives) or no credentials,
2 usage, 3 invalid input.`,
    )
    .action(async (action: string, resource: string, opts: UserOptions & { context?: string[]; format: string; full?: boolean }) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new KeycardUsageError(`unknown format \`${opts.format}\``, 'use --format text or --format json');
      const context = parseContext(opts.context ?? []);
      const tooLong = resourceProblem(resource);
      if (tooLong)
        throw new KeycardInputError([
          {
            code: 'request_resource_too_long',
            severity: 'error',
            message: tooLong,
            help: 'S3 object keys are at most 1,024 bytes (UTF-8); check the request',
          },
        ]);
      const problems = checkRequest(action, resource);
      if (problems.length) throw new KeycardInputError(problems);
      const [{ refusedText, sessionFrom }, { decideWithFreeKeys }, { authorizeInSession }, { renderExplain }] = await Promise.all([
        import('../session-input.js'),
        import('../../access/free-keys.js'),
        import('../../access/session.js'),
        import('../../iam/index.js'),
      ]);
      const { resolution, session } = await sessionFrom(opts);
      if (!session) {
        // No role, or a role that depends on a value no file gives: Unknown, never a Deny.
        const decision = resolution.outcome === 'unknown' ? 'Unknown' : 'ImplicitDeny';
        if (opts.format === 'json')
          stdout.write(
            jsonText(
              {
                decision,
                outcome: resolution.outcome,
                ...(resolution.unknown ? { unresolved: resolution.unknown } : {}),
                error: resolution.error,
              },
              2,
            ) + '\n',
          );
        else stdout.write(`${decision}: ${refusedText(resolution)}\n`);
        process.exitCode = ExitCode.Failed;
        return;
      }
      const result = authorizeInSession(session, { action, resource, context }, { explain: true });
      const free = result.decision === 'Allow' ? undefined : decideWithFreeKeys(session, { action, resource, context });
      const witness = free?.decision === 'Allow' ? free.witness : undefined;
      if (opts.format === 'json') {
        stdout.write(
          jsonText(
            {
              decision: result.decision,
              ...(result.unresolved ? { unresolved: result.unresolved } : {}),
              role: session.roleArn,
              sessionArn: session.arn,
              ...(witness ? { allowedWith: witness } : {}),
              explain: result.explain,
            },
            2,
          ) + '\n',
        );
      } else {
        const color = colorEnabled();
        const style = result.decision === 'Allow' ? 'green' : result.decision === 'ExplicitDeny' ? 'red' : 'yellow';
        stdout.write(`${paint(result.decision, style, color)}: ${action} on ${resource}\n  as ${session.arn}\n`);
        if (result.decision === 'Unknown') stdout.write(`  ${unknownBecause(result.unresolved ?? [])}\n`);
        if (witness)
          stdout.write(
            `  allowed if the request carries ${Object.entries(witness)
              .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
              .join(', ')}\n`,
          );
        // Not allowed: also show the near misses, the statements about this action that did not apply.
        if (result.explain)
          stdout.write('\n' + renderExplain(result.explain, { full: opts.full ?? false, nearMisses: result.decision !== 'Allow' }) + '\n');
      }
      process.exitCode = result.decision === 'Allow' ? ExitCode.Ok : ExitCode.Failed;
    });
}

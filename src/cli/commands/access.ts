/** `keycard access`: everything a user's session may do in S3, by access level and resource. */
import type { Command } from 'commander';
import { KeycardUsageError } from '../../diagnostics/diagnostic.js';
import { ExitCode } from '../../diagnostics/exit-codes.js';
import { colorEnabled } from '../../text/color.js';
import { startProgress } from '../../text/progress.js';
import { addUserOptions, type UserOptions } from '../user-options.js';
import { jsonText } from '../../report/json-view.js';
import { stderr, stdout } from '../../text/stdio.js';

export function register(program: Command): void {
  const cmd = program
    .command('access')
    .description("show the S3 access map of a user's session: every S3 action on the project's buckets and prefixes")
    .option('-f, --format <format>', 'text or json', 'text')
    .option('--all', 'also list actions that are allowed nowhere')
    .option('--filter <text>', 'only actions or resources containing this text');
  addUserOptions(cmd)
    .addHelpText(
      'after',
      `
Examples:
  $ keycard access --scenario scenarios/photos.yaml#editors
  $ keycard access                          # a guest
  $ keycard access --scenario scenarios/photos.yaml#1 --filter Object --format json

Marks: ✓ allowed, ~ allowed only under a condition (e.g. an s3:prefix), ✗ explicitly denied,
· not allowed. Request keys such as s3:prefix are the user's to choose: keycard shows an action
as allowed-under-a-condition when some value makes it allowed, and names that value.

Exit codes: 0 shown, 1 the identity pool gives the user no credentials (or the role is unknown:
it depends on a value no file gives), 2 usage, 3 invalid input.`,
    )
    .action(async (opts: UserOptions & { format: string; all?: boolean; filter?: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new KeycardUsageError(`unknown format \`${opts.format}\``, 'use --format text or --format json');
      const [{ refusedText, sessionFrom }, { accessMap, entriesOf, rowsOf }, { renderAccessMap }] = await Promise.all([
        import('../session-input.js'),
        import('../../access/map.js'),
        import('../../access/render.js'),
      ]);
      const { resolution, session } = await sessionFrom(opts);
      if (!session) {
        if (opts.format === 'json')
          stdout.write(
            jsonText(
              { outcome: resolution.outcome, ...(resolution.unknown ? { unresolved: resolution.unknown } : {}), error: resolution.error },
              2,
            ) + '\n',
          );
        else stderr.write(`keycard: ${refusedText(resolution)}\n`);
        process.exitCode = ExitCode.Failed;
        return;
      }
      const progress = startProgress('access');
      const map = accessMap(session, { onProgress: (done, total) => progress.at(`deciding S3 actions: ${done} of ${total}`) });
      progress.done();
      if (opts.format === 'json') {
        const needle = opts.filter?.toLowerCase();
        const entries = entriesOf(
          rowsOf(map),
          (action, target, cell) =>
            (opts.all || cell.decision !== 'ImplicitDeny') &&
            (!needle || action.toLowerCase().includes(needle) || target.label.toLowerCase().includes(needle)),
        );
        // Not `{...map}`: that would read `map.entries`, an object for every cell.
        const { role, sessionArn, identityId, targets, counts } = map;
        stdout.write(jsonText({ role, sessionArn, identityId, targets, entries, counts }, 2) + '\n');
      } else {
        stdout.write(
          renderAccessMap(map, { color: colorEnabled(), all: opts.all ?? false, ...(opts.filter ? { filter: opts.filter } : {}) }) + '\n',
        );
      }
      process.exitCode = ExitCode.Ok;
    });
}

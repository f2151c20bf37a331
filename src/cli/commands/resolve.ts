/** `keycard resolve`: which role does the identity pool hand this user, and why. */
import type { Command } from 'commander';
import { KeycardUsageError } from '../../diagnostics/diagnostic.js';
import { ExitCode } from '../../diagnostics/exit-codes.js';
import { colorEnabled } from '../../text/color.js';
import { addUserOptions, type UserOptions } from '../user-options.js';
import { jsonText } from '../../report/json-view.js';
import { stdout } from '../../text/stdio.js';

export function register(program: Command): void {
  const cmd = program
    .command('resolve')
    .description('resolve the IAM role a Cognito identity pool hands a user, with the trace of every step')
    .option('-f, --format <format>', 'text or json', 'text');
  addUserOptions(cmd)
    .addHelpText(
      'after',
      `
Omit --login for a guest (unauthenticated identity).

Examples:
  $ keycard resolve --login cognito-idp.us-east-1.amazonaws.com/us-east-1_PhOtO1234 \\
      --claims '{"sub":"1d1d1d1d-aaaa-4bbb-8ccc-dddddddddddd","aud":"3webclient0photoshare0abcd","cognito:groups":["editors"]}'
  $ keycard resolve --scenario scenarios/photos.yaml#editors --format json
  $ keycard resolve                       # a guest

Exit codes: 0 resolved (credentials or an AWS error, both are answers), 2 usage, 3 invalid input
(including a trust, identity, boundary or session policy on the user's path that AWS would refuse).`,
    )
    .action(async (opts: UserOptions & { format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new KeycardUsageError(`unknown format \`${opts.format}\``, 'use --format text or --format json');
      // Engine modules load on use, so `--help` and other commands stay fast.
      const [{ userFrom }, { resolveUser }, { renderResolution }, { printRefused }, { buildSession, refusedPolicies }] = await Promise.all([
        import('../user-input.js'),
        import('../../access/resolve.js'),
        import('../../cognito/render.js'),
        import('../session-input.js'),
        import('../../access/session.js'),
      ]);
      const user = await userFrom(opts);
      const r = resolveUser(user.project, user.request);
      // A policy on the user's path that AWS would refuse to store (trust, identity, boundary,
      // session policies): the diagnostic block at file:line:col, as `can` shows it, and exit 3.
      const refused = refusedPolicies(r, r.outcome === 'credentials' ? buildSession(user.project, r) : undefined);
      printRefused(refused);
      if (opts.format === 'json') {
        const { claims: _claims, ...rest } = r;
        const out = {
          ...rest,
          sessionPolicies: r.sessionPolicies.map((p) => ({ kind: p.kind, name: p.name, ...(p.arn ? { arn: p.arn } : {}) })),
          token: { verified: user.token.verified },
        };
        stdout.write(jsonText(out, 2) + '\n');
      } else {
        stdout.write(renderResolution(r, { color: colorEnabled() }) + '\n');
        if (user.token.raw !== undefined) {
          stdout.write(
            user.token.verified
              ? '\ntoken: verified (signature, exp/nbf, iss, token_use, aud/client_id)\n'
              : '\nnote: the token was decoded but not verified (pass --verify-with jwks.json to check it)\n',
          );
        }
      }
      process.exitCode = refused.length ? ExitCode.InvalidInput : ExitCode.Ok;
    });
}

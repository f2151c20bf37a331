/** `keycard export cedar [--scenario FILE#NAME | --login ... --claims ...] --out DIR`. */
import type { Command } from 'commander';
import { KeycardInputError, KeycardUsageError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { ExitCode } from '../../diagnostics/exit-codes.js';
import { colorEnabled } from '../../text/color.js';
import { renderDiagnostics } from '../../report/diagnostic-text.js';
import { displayPath } from '../../text/display-path.js';
import { addUserOptions, type UserOptions } from '../user-options.js';
import { stderr, stdout } from '../../text/stdio.js';

interface Options extends UserOptions {
  out?: string;
  force?: boolean;
  verbose?: boolean;
}

const HELP_AFTER = `
Writes s3.cedarschema (generated from the S3 action catalog) and one .cedar file per role of
the project, or, with a user (--scenario or --login/--claims), one file for the role that user
gets, with policy variables substituted from the user's session. Each IAM statement becomes one
Cedar policy; identity Allows are gated by the boundary, session policies and SCPs. The output is
validated with Cedar before it is written. Statements Cedar cannot express (\`?\` wildcards,
ForAnyValue:StringLike...) are listed in the file and reported.

Exit codes: 0 written, 1 written but a Deny could not be translated, 2 usage, 3 invalid input.

Examples:
  $ keycard export cedar --out cedar/
  $ keycard export cedar --scenario scenarios/photos.yaml#editors --out cedar/ --force
  $ keycard export cedar --out cedar/ --force --verbose   # every warning, not a one-line summary`;

/** One line for the warnings: how many, of which codes, in which files, and how to list them. */
function summariseWarnings(warnings: Diagnostic[]): string {
  const count = (keys: string[]) => [...new Set(keys)].map((k) => `${keys.filter((x) => x === k).length} ${k}`).join(', ');
  const files = [...new Set(warnings.flatMap((d) => (d.location ? [displayPath(d.location.file)] : [])))];
  const where = files.length ? ` in ${files.slice(0, 3).join(', ')}${files.length > 3 ? ` and ${files.length - 3} more files` : ''}` : '';
  const helps = [...new Set(warnings.map((d) => d.help))];
  const help = helps.length === 1 && helps[0] ? `\n  = help: ${helps[0]}` : '';
  return `keycard: ${warnings.length} warning${warnings.length === 1 ? '' : 's'} (${count(warnings.map((d) => d.code))})${where}; --verbose lists them${help}`;
}

export function register(program: Command): void {
  const exp = program
    .command('export')
    .description("export keycard's model in other formats")
    .addHelpText('after', '\nExamples:\n  $ keycard export cedar --out cedar/\n  $ keycard export cedar --help');
  const cmd = exp
    .command('cedar')
    .description("write the S3 Cedar schema and the Cedar translation of the project's roles (or of one user)")
    .option('-o, --out <dir>', 'directory to write into (required)')
    .option('--force', 'overwrite existing files')
    .option('--verbose', 'list every warning (by default they are summarised in one line)');
  addUserOptions(cmd)
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: Options) => {
      if (!opts.out) throw new KeycardUsageError('missing `--out DIR`', 'name the directory to write the Cedar files into');
      const [{ resolveUser }, { buildExport, exportRoles, exportUser, writeExport }, { projectFrom, userFrom }] = await Promise.all([
        import('../../access/resolve.js'),
        import('../../cedar/export.js'),
        import('../user-input.js'),
      ]);
      const wantsUser =
        opts.scenario !== undefined ||
        opts.login !== undefined ||
        opts.claims !== undefined ||
        opts.token !== undefined ||
        opts.tokenFile !== undefined;
      let inputs;
      if (wantsUser) {
        const user = await userFrom(opts);
        const resolution = resolveUser(user.project, user.request);
        if (resolution.outcome !== 'credentials' || !resolution.role) {
          throw new KeycardInputError([
            {
              code: 'cedar_export_no_role',
              severity: 'error',
              message: `user \`${user.label}\` gets no credentials (${resolution.error?.code ?? 'no role'}), so there is nothing to export`,
              help: 'run `keycard resolve` with the same user to see why',
            },
          ]);
        }
        inputs = [exportUser(user.project, resolution, user.label)];
      } else {
        inputs = exportRoles(projectFrom(opts.project));
      }
      const result = await buildExport(inputs);
      const warnings = opts.verbose ? [] : result.diagnostics.filter((d) => d.severity === 'warning');
      const listed = result.diagnostics.filter((d) => !warnings.includes(d));
      if (listed.length) stderr.write(renderDiagnostics(listed, { color: colorEnabled(stderr), max: opts.verbose ? Infinity : 10 }) + '\n');
      if (warnings.length) stderr.write(summariseWarnings(warnings) + '\n');
      const written = writeExport(opts.out, result.files, opts.force === true);
      if ('existing' in written) {
        throw new KeycardUsageError(
          `refusing to overwrite ${written.existing.map((p) => `\`${displayPath(p)}\``).join(', ')}`,
          'pass --force to overwrite, or choose another --out directory',
        );
      }
      for (const p of written) stdout.write(`wrote ${displayPath(p)}\n`);
      process.exitCode = result.incomplete ? ExitCode.Failed : ExitCode.Ok;
    });
}

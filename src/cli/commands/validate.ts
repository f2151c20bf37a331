/** `keycard validate`: schema errors, configurations AWS would refuse, and lint findings. */
import type { Command } from 'commander';
import { KeycardUsageError, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { ExitCode } from '../../diagnostics/exit-codes.js';
import { colorEnabled } from '../../text/color.js';
import { renderDiagnostics } from '../../report/diagnostic-text.js';
import { parseFormats, prettyOnStdout } from '../../report/formats.js';
import { VALIDATE_FORMATS, type ValidateFormatName } from '../../report/registry.js';
import { reportValidate } from '../../report/run-reporters.js';
import { validateExitCode } from '../../lint/result.js';
import { projectFileArg, projectOption } from '../../load/find-project.js';
import { VERSION } from '../version.js';
import { stderr, stdout } from '../../text/stdio.js';

interface ValidateOptions {
  format?: string[];
  failOn: string;
  showSuppressed?: boolean;
  project?: string;
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

export function register(program: Command): void {
  program
    .command('validate')
    .description('check a project: schema errors, configurations AWS would refuse, and lint findings')
    .argument('[project]', 'the project file, or a directory holding keycard.yaml (default: the nearest keycard.yaml)')
    .option('-p, --project <path>', 'the project file or its directory (the same as the argument)')
    .option('-f, --format <name[=file]>', `output format, repeatable: ${VALIDATE_FORMATS.join(', ')}; NAME=FILE writes to a file`, collect)
    .option('--fail-on <severity>', 'lowest severity that fails the check: error or warning', 'error')
    .option('--show-suppressed', 'also list findings silenced by `# keycard-ignore` comments (as notes, with their reasons)')
    .addHelpText(
      'after',
      `
Findings link to docs/diagnostics.md. Silence one finding with a comment on the line above it
(or at the end of it), with a reason; for a JSON policy, on the project line that names the file:
  # keycard-ignore iam_guest_s3_write: guests upload to uploads/, scanned by a Lambda

Examples:
  $ keycard validate                                # the nearest keycard.yaml
  $ keycard validate keycard.yaml --fail-on warning
  $ keycard validate --format sarif=reports/keycard.sarif --format pretty
  $ keycard validate --format json | jq '.summary'

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, 3 invalid input
(the project cannot be loaded; the errors are still reported in the chosen format).`,
    )
    .action(async (arg: string | undefined, opts: ValidateOptions) => {
      const selections = parseFormats<ValidateFormatName>(opts.format, { allowed: VALIDATE_FORMATS });
      if (opts.failOn !== 'error' && opts.failOn !== 'warning') {
        throw new KeycardUsageError(`--fail-on must be \`error\` or \`warning\`, not \`${opts.failOn}\``);
      }
      const { validateProjectAndCedar } = await import('../../lint/validate.js');
      const { result, suppressed, invalidInput } = await validateProjectAndCedar(projectFileArg(projectOption(arg, opts.project)));
      if (opts.showSuppressed) {
        const notes: Diagnostic[] = suppressed.map(({ reason, ...d }) => ({
          ...d,
          severity: 'info',
          message: `${d.message} (suppressed: ${reason ?? 'no reason given'})`,
        }));
        result.diagnostics = [...result.diagnostics, ...notes];
      }
      const exitCode = invalidInput ? ExitCode.InvalidInput : validateExitCode(result, { failOn: opts.failOn });
      if (invalidInput && !prettyOnStdout(selections)) {
        stderr.write(`${renderDiagnostics(result.diagnostics, { color: colorEnabled(stderr) })}\n`);
      }
      await reportValidate(selections, result, exitCode, { toolVersion: VERSION });
      if (suppressed.length > 0 && !opts.showSuppressed && prettyOnStdout(selections)) {
        stdout.write(`${suppressed.length} suppressed by keycard-ignore comments (list them with --show-suppressed)\n`);
      }
      process.exitCode = exitCode;
    });
}

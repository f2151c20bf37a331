/**
 * The CLI entry. One command per file in ./commands; each exports `register(program)`.
 * Errors become one-screen diagnostics and a named exit code, never a stack trace.
 */
import { existsSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { KeycardInputError, KeycardUsageError } from '../diagnostics/diagnostic.js';
import { ExitCode } from '../diagnostics/exit-codes.js';
import { ALLOW_PATHS_ENV, setAllowedPaths } from '../load/confine.js';
import { projectOption } from '../load/find-project.js';
import { colorEnabled } from '../text/color.js';
import { renderDiagnostics } from '../report/diagnostic-text.js';
import { COMMANDS } from './commands/index.js';
import { VERSION } from './version.js';
import { stderr, stdout } from '../text/stdio.js';

type AllowOpts = { allowPath: string[] };

/** Only the command line may widen which files a project may name (a pull request edits the rest). */
function addAllowPath(command: Command): void {
  command.option(
    '--allow-path <dir>',
    `let input files name files in DIR, outside their repository (repeatable; also ${ALLOW_PATHS_ENV})`,
    (d: string, all: string[]) => [...all, d],
    [] as string[],
  );
}

/**
 * The program. Given the command a run names (`argv[0]`), only that command is added: the others
 * matter only to the program's own help and its errors (a few ms of option parsing a run).
 */
export function buildProgram(only?: string): Command {
  const program = new Command();
  program
    .name('keycard')
    .description(
      "Given a user's token, which IAM role does a Cognito identity pool hand out, and what may it do in S3?\n" +
        'Run without a command in a terminal to open the explorer; without a terminal it prints a report.',
    )
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => stderr.write(s), writeOut: (s) => stdout.write(s) })
    // Each command owns its options (`keycard -p X` and `keycard resolve -p X` are different options).
    .enablePositionalOptions()
    .hook('preAction', (_root, command) => {
      const given = new Set<string>();
      for (let c: Command | null = command; c; c = c.parent) for (const d of c.opts<AllowOpts>().allowPath ?? []) given.add(d);
      setAllowedPaths([...given]);
    });
  const named = COMMANDS.filter(([name]) => name === only);
  for (const [, register] of named.length ? named : COMMANDS) register(program);
  program.addHelpText(
    'after',
    `
Examples:
  $ keycard                                 # the explorer in a terminal, a report otherwise
  $ keycard resolve --scenario scenarios/photos.yaml#editors
  $ keycard test --format pretty --format junit=reports/keycard.xml
  $ keycard validate --format sarif=reports/keycard.sarif --format pretty
  $ keycard test --help                     # each command's own examples

Exit codes: 0 ok, 1 a test or check failed, 2 usage, 3 invalid input, 4 internal error.
Reference: docs/formats.md (files, JSON output, exit codes), docs/decisions.md ([decision #N]).`,
  );
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const command of all(program)) addAllowPath(command);
  program
    .argument('[project]', 'the project file or its directory (default: the nearest keycard.yaml)')
    .option('-p, --project <path>', 'the project file or its directory (the same as the argument)')
    .action(async (arg: string | undefined, opts: { project?: string }) => {
      const project = projectOption(arg, opts.project);
      if (project !== undefined && !existsSync(project)) {
        const names = program.commands.map((c) => c.name());
        throw new KeycardUsageError(
          `\`${project}\` is neither a command nor a project file`,
          `commands: ${names.join(', ')}; see keycard --help`,
        );
      }
      // A person at a terminal gets the explorer; CI and pipes get the report.
      const interactive = Boolean(stdout.isTTY && process.stdin.isTTY) && !process.env.CI;
      if (interactive) {
        const { runExplorer } = await import('../tui/run.js');
        process.exitCode = await runExplorer(project);
        return;
      }
      const { printReport } = await import('./report.js');
      process.exitCode = printReport(project, stdout, colorEnabled());
    });
  return program;
}

/** Runs the CLI and returns the exit code. */
export async function run(argv: string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    // The version, and the date of the AWS managed policy data (imports.md §6).
    const { managedPolicyDataVersion } = await import('../load/aws-managed-data.js');
    stdout.write(`${VERSION}\n${managedPolicyDataVersion()}\n`);
    return ExitCode.Ok;
  }
  const program = buildProgram(argv[0]);
  process.exitCode = undefined;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
  } catch (e) {
    return handleError(e);
  }
}

export function handleError(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.Ok;
    return ExitCode.Usage; // commander already printed the message
  }
  if (e instanceof KeycardInputError) {
    stderr.write(renderDiagnostics(e.diagnostics, { color: colorEnabled(stderr) }) + '\n');
    return ExitCode.InvalidInput;
  }
  if (e instanceof KeycardUsageError) {
    stderr.write(`error: ${e.message}\n${e.help ? `  = help: ${e.help}\n` : ''}`);
    return ExitCode.Usage;
  }
  const msg = e instanceof Error ? e.message : String(e);
  stderr.write(
    `keycard: internal error: ${msg}\n  = help: this is a bug in keycard; rerun with KEYCARD_DEBUG=1 for details and report it\n`,
  );
  if (process.env.KEYCARD_DEBUG && e instanceof Error && e.stack) stderr.write(e.stack + '\n');
  return ExitCode.Internal;
}

/** `keycard test`: run scenario files and check what each user must and must not get. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { KeycardUsageError } from '../../diagnostics/diagnostic.js';
import { ExitCode } from '../../diagnostics/exit-codes.js';
import { colorEnabled } from '../../text/color.js';
import { parseFormats, prettyOnStdout } from '../../report/formats.js';
import { TEST_FORMATS, TEST_REPORTERS, type TestFormatName } from '../../report/registry.js';
import { openReporters } from '../../report/run-reporters.js';
import { renderDiagnostics } from '../../report/diagnostic-text.js';
import { testRunExitCode } from '../../scenario/result.js';
import { VERSION } from '../version.js';
import { stderr, stdout } from '../../text/stdio.js';

interface TestOptions {
  format?: string[];
  filter?: string;
  passWithNoTests?: boolean;
  watch?: boolean;
  coverage?: boolean;
  coverageThreshold?: string;
  timings?: boolean;
  verifyWith?: string;
  project?: string;
  workers?: string;
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

export function register(program: Command): void {
  program
    .command('test')
    .description('run scenario files: check the role or error, principal tags and allow/deny lines of every user')
    .argument('[paths...]', 'scenario files or directories', ['scenarios'])
    .option('-f, --format <name[=file]>', `output format, repeatable: ${TEST_FORMATS.join(', ')}; NAME=FILE writes to a file`, collect)
    .option('-t, --filter <text>', 'run only scenarios whose name or file contains this text')
    .option('--pass-with-no-tests', 'succeed when no scenario is found (default: that is a failure)')
    .option('-w, --watch', 'rerun when a scenario, project or policy file changes')
    .option('--coverage', 'report which role-mapping rules, roles and policy statements the scenarios exercised')
    .option('--coverage-threshold <percent>', 'fail when coverage is below this percentage')
    .option('--timings', 'show how long each scenario took')
    .option('-p, --project <path>', 'the project of scenario files that name none (default: the nearest keycard.yaml)')
    .option('--workers <n>', 'run scenario files on N threads (default 1: the main thread only; see docs/ci.md for when more pay)')
    .option(
      '--verify-with <jwks.json>',
      'verify every scenario token against this JWKS (signature, exp/nbf, iss, token_use, aud); a token that fails is an error',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ keycard test                                   # every file under scenarios/
  $ keycard test scenarios/photos.yaml --filter editors
  $ keycard test --format pretty --format junit=reports/keycard.xml
  $ keycard test --coverage --coverage-threshold 80
  $ keycard test --workers 2                       # two threads (output is the same either way)

The last line of pretty output reads "N passed, N failed". Exit codes: 0 all passed,
1 a scenario failed or is pending (or none ran), 2 usage, 3 invalid input.`,
    )
    .action(async (paths: string[], opts: TestOptions) => {
      const selections = parseFormats<TestFormatName>(opts.format, { allowed: TEST_FORMATS });
      const threshold = opts.coverageThreshold === undefined ? undefined : Number(opts.coverageThreshold);
      if (threshold !== undefined && (!Number.isFinite(threshold) || threshold < 0 || threshold > 100)) {
        throw new KeycardUsageError(`--coverage-threshold must be a number from 0 to 100, not \`${opts.coverageThreshold}\``);
      }
      const workers = opts.workers === undefined ? 1 : Number(opts.workers);
      if (!(Number.isInteger(workers) && workers >= 1)) {
        throw new KeycardUsageError(
          `--workers must be a whole number of at least 1, not \`${opts.workers}\``,
          'use `--workers 1` to run on one thread',
        );
      }
      if (workers > 1) {
        const { workersAvailable } = await import('../../scenario/run-parallel.js');
        // Asked for threads this build cannot start: say so rather than run on one in silence.
        if (!workersAvailable()) stderr.write('keycard: worker threads need the built CLI (npm run build); running on one thread\n');
      }
      const missing = paths.filter((p) => !existsSync(p));
      if (missing.length && !(opts.passWithNoTests && paths.length === 1 && paths[0] === 'scenarios')) {
        throw new KeycardUsageError(`\`${missing[0]}\` does not exist`, 'name scenario files or directories; the default is ./scenarios');
      }
      // jose is loaded only when tokens are verified.
      const jwks = opts.verifyWith === undefined ? undefined : (await import('../../cognito/verify-user.js')).readJwks(opts.verifyWith);
      const { projectFileArg } = await import('../../load/find-project.js');
      const project = opts.project === undefined ? undefined : projectFileArg(opts.project);
      const once = async (): Promise<number> => {
        const session = openReporters(selections, TEST_REPORTERS, { toolVersion: VERSION, timings: opts.timings ?? false });
        session.onRunStart();
        const { runWithCoverage } = await import('../../scenario/coverage-run.js');
        const { result, coverageExit } = await runWithCoverage(
          paths.filter((p) => existsSync(p)),
          {
            filter: opts.filter,
            onCase: (c) => session.onCaseResult(c),
            coverage: opts.coverage || threshold !== undefined,
            threshold,
            ...(jwks ? { verifyWith: jwks } : {}),
            ...(project ? { project } : {}),
            workers,
          },
        );
        let exit: number = testRunExitCode(result, { allowEmpty: opts.passWithNoTests ?? false });
        if (exit === ExitCode.Ok && coverageExit !== ExitCode.Ok) exit = coverageExit;
        if (result.diagnostics.length && !prettyOnStdout(selections)) {
          stderr.write(renderDiagnostics(result.diagnostics, { color: colorEnabled(stderr) }) + '\n');
        }
        if (result.results.length === 0 && !opts.passWithNoTests) {
          stderr.write(
            `keycard: no scenarios found${opts.filter ? ` matching \`${opts.filter}\`` : ''} in ${paths.join(', ')}\n  = help: add scenario files, fix the path or filter, or pass --pass-with-no-tests\n`,
          );
        }
        await session.finish(result, { exitCode: exit });
        if (result.coverage) {
          // The block goes to stdout, unless a machine-readable document owns stdout (it carries the coverage itself).
          const out = selections.some((s) => s.path === undefined && s.name !== 'pretty' && s.name !== 'github') ? stderr : stdout;
          const { renderCoverage } = await import('../../report/coverage-text.js');
          out.write(renderCoverage(result.coverage, threshold) + '\n');
        }
        return exit;
      };
      if (!opts.watch) {
        process.exitCode = await once();
        return;
      }
      const { watchAndRerun } = await import('../watch.js');
      await watchAndRerun(paths, once);
    });
}

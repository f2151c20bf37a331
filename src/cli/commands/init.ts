/** `keycard init`: a keycard.yaml that reads the repository's infrastructure code, and starter scenarios. */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { KeycardInputError, KeycardUsageError } from '../../diagnostics/diagnostic.js';
import { ExitCode } from '../../diagnostics/exit-codes.js';
import { stdout } from '../../text/stdio.js';

export function register(program: Command): void {
  program
    .command('init')
    .description("write a keycard.yaml that reads this repository's infrastructure code, with starter scenarios")
    .argument('[dir]', 'the folder to write into and look in (default: the current directory)')
    .option('--region <region>', 'the AWS region of the project', 'us-east-1')
    .option('--account <id>', 'the AWS account id of the project', '123456789012')
    .addHelpText(
      'after',
      `
Looks for a cdk.out folder, an amplify/ project, a template.yaml/template.json (CloudFormation,
SAM) and a serverless.yml, and writes keycard.yaml with \`from:\` and scenarios/starter.yaml with one
scenario per role the identity pool hands out. Without infrastructure code it writes a small
starter project. Never overwrites: it stops when keycard.yaml or scenarios/starter.yaml exists.

Run it in the repository's root: \`keycard init\`.

Examples:
  $ keycard init new-app                    # a starter project in the folder new-app/
  $ keycard init new-app-eu --region eu-west-1 --account 111122223333

Exit codes: 0 written, 2 usage (a file exists), 3 the infrastructure code cannot be read.`,
    )
    .action(async (dir: string | undefined, opts: { region: string; account: string }) => {
      const cwd = resolve(dir ?? '.');
      const projectFile = join(cwd, 'keycard.yaml');
      const scenarioFile = join(cwd, 'scenarios', 'starter.yaml');
      for (const f of [projectFile, join(cwd, 'keycard.yml'), scenarioFile]) {
        if (existsSync(f))
          throw new KeycardUsageError(`\`${f}\` exists; keycard init never overwrites a file`, 'move it away, or edit it by hand');
      }
      const init = await import('../init-project.js');
      const found = init.findInfrastructure(cwd);
      mkdirSync(join(cwd, 'scenarios'), { recursive: true });
      if (found.length === 0) {
        writeFileSync(projectFile, init.STARTER_PROJECT);
        writeFileSync(scenarioFile, init.STARTER_SCENARIOS);
        stdout.write(
          'no infrastructure code found: wrote a starter keycard.yaml and scenarios/starter.yaml\nnext: keycard validate && keycard test scenarios\n',
        );
        process.exitCode = ExitCode.Ok;
        return;
      }
      writeFileSync(projectFile, init.initProjectYaml(found, opts.region, opts.account));
      const { loadProject } = await import('../../load/project.js');
      let project;
      try {
        project = loadProject(projectFile);
      } catch (e) {
        rmSync(projectFile); // leave nothing half-made behind
        if (e instanceof KeycardInputError) throw e;
        throw e;
      }
      const { scenarios, skipped } = init.starterScenarios(project);
      writeFileSync(scenarioFile, init.scenariosYaml(scenarios, skipped));
      stdout.write(
        `found ${found.map((f) => `${f.kind} ${f.path}`).join(', ')}\nwrote keycard.yaml and scenarios/starter.yaml (${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'})\n` +
          `${project.unresolved?.length ? `${project.unresolved.length} value(s) no file gives: see \`keycard import\`\n` : ''}next: keycard test scenarios\n`,
      );
      process.exitCode = ExitCode.Ok;
    });
}

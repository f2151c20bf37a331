/** `keycard explore`: the interactive explorer (src/tui). Ink and React load only when it runs. */
import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('explore')
    .description('open the interactive explorer: users, claims, the role and its trace, the S3 access map and why')
    .argument('[project]', 'keycard.yaml or a directory holding one (default: the nearest keycard.yaml)')
    .option('-p, --project <path>', 'the project file or its directory (the same as the argument)')
    .addHelpText(
      'after',
      `
In a terminal this opens a full-screen app (press ? for the keys; docs/explore.md).
Without a terminal (CI, a pipe) it prints the same report as \`keycard\` with no command.

Examples:
  $ keycard explore
  $ keycard explore keycard.yaml`,
    )
    .action(async (project: string | undefined, opts: { project?: string }) => {
      const [{ runExplorer }, { projectOption }] = await Promise.all([import('../../tui/run.js'), import('../../load/find-project.js')]);
      process.exitCode = await runExplorer(projectOption(project, opts.project));
    });
}

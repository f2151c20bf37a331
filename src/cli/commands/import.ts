/** `keycard import`: the project as keycard understood its infrastructure code (imports.md §7). */
import type { Command } from 'commander';
import { KeycardUsageError } from '../../diagnostics/diagnostic.js';
import { ExitCode } from '../../diagnostics/exit-codes.js';
import { findProjectFile } from '../../load/find-project.js';
import { stderr, stdout } from '../../text/stdio.js';

export function register(program: Command): void {
  program
    .command('import')
    .description('print the project as keycard read it from its infrastructure code: sections, ${...} names, unresolved values')
    .option('-p, --project <file>', 'the project file (default: the nearest keycard.yaml)')
    .option('-f, --format <format>', 'yaml or json', 'yaml')
    .addHelpText(
      'after',
      `
The YAML output is a valid keycard.yaml, for those who want to convert once
(keycard import > keycard.converted.yaml).

Examples:
  $ keycard import                          # sections, \${...} names, unresolved values
  $ keycard import --format json | jq '.unresolved'
  $ keycard import --project keycard.yaml

Exit codes: 0 everything resolved, 1 some value is unresolved (listed), 2 usage, 3 invalid input.`,
    )
    .action(async (opts: { project?: string; format: string }) => {
      if (opts.format !== 'yaml' && opts.format !== 'json')
        throw new KeycardUsageError(`unknown format \`${opts.format}\``, 'use --format yaml or --format json');
      const file = opts.project ?? findProjectFile(process.cwd());
      if (!file)
        throw new KeycardUsageError('no keycard.yaml found in this directory or above', 'pass it with --project, or run `keycard init`');
      const [{ loadProject }, render, text] = await Promise.all([
        import('../../load/project.js'),
        import('../../import/render.js'),
        import('../../report/diagnostic-text.js'),
      ]);
      const project = loadProject(file);
      const errors = project.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length) stderr.write(text.renderDiagnostics(errors, { color: false }) + '\n');
      stdout.write(
        opts.format === 'json' ? JSON.stringify(render.importJson(project), null, 2) + '\n' : render.importYaml(project, process.cwd()),
      );
      process.exitCode = (project.unresolved?.length ?? 0) > 0 || errors.length > 0 ? ExitCode.Failed : ExitCode.Ok;
    });
}

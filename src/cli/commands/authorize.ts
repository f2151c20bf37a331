/**
 * `keycard authorize FILE|DIR...`: evaluates authorize documents (formats.md §3) and prints one
 * result per document, as text or as JSON lines (formats.md §4). The work lives in
 * ../authorize-run.ts, loaded when the command runs.
 */
import type { Command } from 'commander';
import { KeycardUsageError } from '../../diagnostics/diagnostic.js';
import { isEngineChoice } from '../../cedar/engine-choice.js';

const HELP_AFTER = `
A document holds policies (identity, boundary, session, resource, scp, rcp), one request
(principal, action, resource, resourceAccount, context) and optionally \`expect\`
(Allow | ExplicitDeny | ImplicitDeny). The request is literal: its context holds exactly the
keys given. A file may hold one document or a list; a directory means every .json/.yaml/.yml
file below it. See formats.md §3.

Output:
  text   per document: PASS/FAIL (when it has \`expect\`), the decision and why
  json   one JSON object per document per line: {"id","decision","expected","pass","explain"};
         a document that cannot be read gets {"id","file","error"}

Exit codes: 0 all passed, 1 a decision differs from \`expect\`, 2 usage error, 3 invalid input.

Examples:
  $ keycard authorize authorize/photoshare.yaml
  $ keycard authorize authorize/ --format json
  $ keycard authorize authorize/photoshare.yaml --explain`;

export interface AuthorizeOptions {
  format: string;
  explain?: boolean;
  engine: string; // cedar engine hook
}

export function register(program: Command): void {
  program
    .command('authorize')
    .description('evaluate IAM requests against explicitly given policies (identity, boundary, session, resource, SCP, RCP)')
    .argument('<paths...>', 'authorize documents: .yaml/.yml/.json files or directories')
    .option('--format <format>', 'output format: text or json', 'text')
    .option('--explain', 'text format: show every statement of every policy and why it did or did not match')
    .option('--engine <engine>', 'native (default), cedar, or both (compare them; a disagreement is a warning)', 'native') // cedar engine hook
    .addHelpText('after', HELP_AFTER)
    .action(async (paths: string[], opts: AuthorizeOptions) => {
      if (opts.format !== 'text' && opts.format !== 'json') {
        throw new KeycardUsageError(`unknown format \`${opts.format}\``, 'use `--format text` or `--format json`');
      }
      // --- cedar engine hook ---
      if (!isEngineChoice(opts.engine))
        throw new KeycardUsageError(`unknown engine \`${opts.engine}\``, 'use `--engine native`, `--engine cedar` or `--engine both`');
      // --- end cedar engine hook ---
      const { runAuthorize } = await import('../authorize-run.js');
      process.exitCode = await runAuthorize(paths, opts);
    });
}

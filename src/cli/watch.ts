/**
 * `--watch`: rerun when a scenario, project or policy file changes. Watching the directories of
 * the given paths and the working directory is enough for a keycard repository.
 */
import { watch, type FSWatcher } from 'node:fs';
import { resolve } from 'node:path';
import { stderr, stdout } from '../text/stdio.js';

export async function watchAndRerun(paths: string[], run: () => Promise<number>): Promise<never> {
  const dirs = new Set([process.cwd(), ...paths.map((p) => resolve(p))]);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const rerun = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    stdout.write(`\n${'─'.repeat(20)} ${new Date().toLocaleTimeString()} rerun ${'─'.repeat(20)}\n`);
    try {
      await run();
    } catch (e) {
      stderr.write(`keycard: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    running = false;
    if (again) {
      again = false;
      void rerun();
    }
  };
  await run().catch((e: unknown) => stderr.write(`keycard: ${e instanceof Error ? e.message : String(e)}\n`));
  stderr.write('\nwatching for changes (Ctrl-C to stop)\n');
  const watchers: FSWatcher[] = [];
  for (const d of dirs) {
    try {
      watchers.push(
        watch(d, { recursive: true }, (_e, name) => {
          if (!name || /(^|\/)(node_modules|dist|\.git|reports)(\/|$)/.test(String(name))) return;
          if (!/\.(ya?ml|json|cedar|cedarschema)$/i.test(String(name))) return;
          clearTimeout(timer);
          timer = setTimeout(() => void rerun(), 100);
        }),
      );
    } catch {
      // A path that cannot be watched (e.g. a file on an unsupported FS) is skipped.
    }
  }
  return new Promise<never>(() => {});
}

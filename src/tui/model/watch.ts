/**
 * Reload on change: watches the directories of every file the project was read from (editors
 * often replace a file rather than write it, which a file watch would miss) and the scenarios
 * directory. Changes are debounced; the callback names the file that changed.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const INTERESTING = /\.(ya?ml|json|cedar|cedarschema)$/i;

export function watchFiles(
  files: readonly string[],
  extraDirs: readonly string[],
  onChange: (file: string) => void,
  debounceMs = 150,
): () => void {
  const wanted = new Set(files.map((f) => resolve(f)));
  const dirs = new Set([...files.map((f) => dirname(resolve(f))), ...extraDirs.map((d) => resolve(d))]);
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  for (const dir of dirs) {
    try {
      const w = watch(dir, (_event, name) => {
        if (!name) return;
        const file = join(dir, String(name));
        // Our own temporary files (save-scenario) and editor swap files are not changes.
        if (basename(file).startsWith('.')) return;
        if (!wanted.has(file) && !(extraDirs.some((d) => resolve(d) === dir) && INTERESTING.test(file))) return;
        last = file;
        clearTimeout(timer);
        timer = setTimeout(() => onChange(last), debounceMs);
      });
      w.on('error', () => undefined);
      watchers.push(w);
    } catch {
      // A directory that cannot be watched (removed, unsupported FS) is skipped: reload still works on the others.
    }
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}

/** The directories whose new files matter: the project's scenarios directory. */
export function scenarioDirOf(projectFile: string): string {
  return join(dirname(resolve(projectFile)), 'scenarios');
}

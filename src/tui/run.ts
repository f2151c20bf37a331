/**
 * Entry of the explorer for `keycard explore` and the bare `keycard`. In a terminal it opens the
 * full-screen app (Ink and React are imported only then, so `keycard test` never loads them);
 * without one (CI, a pipe) it prints the same report as `npm start` (src/cli/report.ts).
 */
import { resolve } from 'node:path';
import { projectFileArg } from '../load/find-project.js';
import { displayPath } from '../text/display-path.js';

function projectFileFor(arg?: string): string {
  return projectFileArg(arg);
}

function isInteractive(): boolean {
  return Boolean(process.stdout.isTTY && process.stdin.isTTY) && process.env.TERM !== 'dumb';
}

export async function runExplorer(projectFile?: string): Promise<number> {
  const file = projectFileFor(projectFile);
  if (!isInteractive()) {
    const { printReport } = await import('../cli/report.js');
    return printReport(file);
  }
  // Ink renders only a final frame when it believes it runs in CI; a person at a terminal
  // asked for the explorer, so let it draw (Ink reads this when it is first imported).
  if (process.env.CI !== undefined) process.env.CI = 'false';
  // React's development build checks every render (bench/explore.js: it doubled a key press's
  // CPU time); it is chosen when React is first imported, which is here.
  process.env.NODE_ENV ??= 'production';
  const close = openScreen(file);
  try {
    // The project and the first user's access map first, then Ink draws the first screen full.
    const { prepareFirstScreen } = await import('./first-screen.js');
    const workspace = prepareFirstScreen(file);
    const { startExplorer } = await importWithoutFetch(() => import('./app.js'));
    return await startExplorer(workspace, { timing: process.env.KEYCARD_EXPLORE_TIMING === '1' });
  } finally {
    close();
  }
}

/**
 * The alternate screen (the user's scrollback stays intact, as with other full-screen tools) and
 * a line saying what is loading, written at once: the app's first frame follows when the project
 * is loaded. Keys typed meanwhile are neither echoed nor lost: raw mode keeps them for the app
 * (ctrl-c included, which quits it). Returns what restores the terminal.
 */
function openScreen(projectFile: string): () => void {
  const out = process.stdout;
  const name = out.hasColors?.() ? '\u001B[1;36mkeycard\u001B[0m' : 'keycard';
  out.write(`\u001B[?1049h\u001B[H${name} loading ${displayPath(resolve(projectFile))} and its scenarios…`);
  process.stdin.setRawMode?.(true);
  return () => {
    process.stdin.setRawMode?.(false);
    out.write('\u001B[?1049l');
  };
}

/**
 * Ink's layout engine (yoga-layout) instantiates its WebAssembly, which it carries as a data:
 * URL, when Ink is first imported. Where `fetch` exists it fetches that URL, and Node's first
 * fetch loads its HTTP client (undici): about 80 ms of CPU, a third of the cost of importing Ink.
 * Without `fetch` it decodes the same bytes itself. Nothing else runs while the import does.
 */
async function importWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const g = globalThis as { fetch?: unknown };
  const saved = Object.getOwnPropertyDescriptor(g, 'fetch');
  if (saved?.configurable) Object.defineProperty(g, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    if (saved?.configurable) Object.defineProperty(g, 'fetch', saved);
  }
}

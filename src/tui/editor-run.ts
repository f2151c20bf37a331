/**
 * Runs the user's editor from the explorer: the terminal is handed over (cooked mode, the main
 * screen) while the editor runs, then taken back (raw mode, the alternate screen, a full redraw).
 * The explorer's file watcher reloads what the user changed.
 */
import { spawnSync } from 'node:child_process';
import type { EditorCommand } from './model/editor.js';

/** The editor's exit code, or null when it could not be started. */
export function runEditor(cmd: EditorCommand): number | null {
  const { stdin, stdout } = process;
  const raw = stdin.isTTY ? stdin.isRaw : false;
  if (stdin.isTTY) stdin.setRawMode(false);
  stdout.write('\u001B[?1049l\u001B[?25h');
  try {
    const r = spawnSync(cmd.command, cmd.args, { stdio: 'inherit' });
    return r.error ? null : r.status;
  } finally {
    if (stdin.isTTY) stdin.setRawMode(raw);
    // Back on the alternate screen, cleared: Ink's next frame is drawn whole.
    stdout.write('\u001B[?1049h\u001B[2J\u001B[H');
  }
}

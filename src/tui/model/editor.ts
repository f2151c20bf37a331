/**
 * The command that opens a file at a line in the user's editor ($VISUAL, then $EDITOR), as the Why
 * panel's `e` runs it. Editors take the line in one of three ways: `+LINE FILE` (vi, vim, nvim,
 * nano, emacs, micro, kakoune and most terminal editors), `-g FILE:LINE` (VS Code and its forks),
 * and `FILE:LINE` (Sublime Text, Zed, Helix). Pure, so it is tested without spawning anything.
 */
export interface EditorCommand {
  command: string;
  args: string[];
  /** The editor's name, for the status line. */
  name: string;
}

const GOTO_FLAG = new Set(['code', 'code-insiders', 'codium', 'vscodium', 'cursor', 'windsurf']);
const FILE_COLON_LINE = new Set(['subl', 'sublime_text', 'zed', 'hx', 'helix']);

/** Splits an editor setting as a shell would for the simple cases people write (`code --wait`, `"my editor" -f`). */
function words(setting: string): string[] {
  const out: string[] = [];
  for (const m of setting.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** The command for `file` at `line`, or undefined when neither $VISUAL nor $EDITOR is set. */
export function editorCommand(env: Record<string, string | undefined>, file: string, line: number): EditorCommand | undefined {
  const setting = (env.VISUAL ?? '').trim() || (env.EDITOR ?? '').trim();
  if (!setting) return undefined;
  const [command, ...own] = words(setting);
  if (!command) return undefined;
  const name = command
    .replace(/\\/g, '/')
    .split('/')
    .pop()!
    .replace(/\.(exe|cmd|bat)$/i, '')
    .toLowerCase();
  const at = Math.max(1, Math.floor(line));
  if (GOTO_FLAG.has(name)) return { command, args: [...own, '-g', `${file}:${at}`], name };
  if (FILE_COLON_LINE.has(name)) return { command, args: [...own, `${file}:${at}`], name };
  return { command, args: [...own, `+${at}`, file], name };
}

/** The status line's words when no editor is set. */
export const NO_EDITOR = 'no editor set: export VISUAL or EDITOR (e.g. EDITOR=vim, or EDITOR="code --wait") and press e again';

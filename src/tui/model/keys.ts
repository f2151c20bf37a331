/** A key press, normalised from whatever the terminal library reports, so the keymap stays plain data. */
type KeyName =
  'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'enter' | 'escape' | 'tab' | 'backspace' | 'space' | 'char';

export interface KeyPress {
  name: KeyName;
  /** The character for `char` (may be several for a paste). */
  text: string;
  ctrl: boolean;
  shift: boolean;
}

/** The subset of Ink's Key that keycard reads (kept structural so this file does not import Ink). */
export interface TerminalKey {
  upArrow: boolean;
  downArrow: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
  home: boolean;
  end: boolean;
  return: boolean;
  escape: boolean;
  tab: boolean;
  backspace: boolean;
  delete: boolean;
  ctrl: boolean;
  shift: boolean;
}

function normaliseKey(input: string, key: TerminalKey): KeyPress {
  const base = { text: input, ctrl: key.ctrl, shift: key.shift };
  if (key.upArrow) return { ...base, name: 'up' };
  if (key.downArrow) return { ...base, name: 'down' };
  if (key.leftArrow) return { ...base, name: 'left' };
  if (key.rightArrow) return { ...base, name: 'right' };
  if (key.pageUp) return { ...base, name: 'pageUp' };
  if (key.pageDown) return { ...base, name: 'pageDown' };
  if (key.home) return { ...base, name: 'home' };
  if (key.end) return { ...base, name: 'end' };
  if (key.return) return { ...base, name: 'enter' };
  if (key.escape) return { ...base, name: 'escape' };
  if (key.tab) return { ...base, name: 'tab' };
  // Most terminals send DEL (0x7f) for Backspace, which Ink reports as `delete`.
  if (key.backspace || key.delete) return { ...base, name: 'backspace' };
  if (input === ' ') return { ...base, name: 'space' };
  return { ...base, name: 'char' };
}

const CONTROL: Record<string, KeyName> = {
  '\t': 'tab',
  '\r': 'enter',
  '\n': 'enter',
  ' ': 'space',
  '\u007f': 'backspace',
  '\b': 'backspace',
  '\u001b': 'escape',
};

/**
 * Terminals deliver keys typed faster than they are read in one chunk ("jj", "\r\r", a paste),
 * which Ink reports as one input. Every key of a chunk is kept: each control character (Enter,
 * Tab, Ctrl-U...) is its own key press, and the text between them one `char` press that the
 * reducer types into a field or splits into single keys elsewhere.
 */
export function splitKeys(input: string, key: TerminalKey): KeyPress[] {
  const first = normaliseKey(input, key);
  if (first.name !== 'char' || [...input].length < 2 || key.ctrl) return [first];
  const out: KeyPress[] = [];
  let run = '';
  const flush = () => {
    if (run) out.push({ name: 'char', text: run, ctrl: false, shift: false });
    run = '';
  };
  for (const c of input) {
    const code = c.codePointAt(0)!;
    if (CONTROL[c]) {
      flush();
      out.push({ name: CONTROL[c], text: c, ctrl: false, shift: false });
    } else if (code < 0x20) {
      flush();
      out.push({ name: 'char', text: String.fromCharCode(code + 96), ctrl: true, shift: false });
    } else run += c;
  }
  flush();
  return out;
}

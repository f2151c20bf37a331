/** A key press, normalised from whatever the terminal library reports, so the keymap stays plain data. */
export type KeyName =
  | 'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'home' | 'end'
  | 'enter' | 'escape' | 'tab' | 'backspace' | 'space' | 'char';

export interface KeyPress {
  name: KeyName;
  /** The character for `char` (may be several for a paste). */
  text: string;
  ctrl: boolean;
  shift: boolean;
}

/** The subset of Ink's Key that keycard reads (kept structural so this file does not import Ink). */
export interface TerminalKey {
  upArrow: boolean; downArrow: boolean; leftArrow: boolean; rightArrow: boolean;
  pageUp: boolean; pageDown: boolean; home: boolean; end: boolean;
  return: boolean; escape: boolean; tab: boolean; backspace: boolean; delete: boolean;
  ctrl: boolean; shift: boolean;
}

export function normaliseKey(input: string, key: TerminalKey): KeyPress {
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

const CONTROL: Record<string, KeyName> = { '\t': 'tab', '\r': 'enter', '\n': 'enter', ' ': 'space', '\u007f': 'backspace', '\b': 'backspace', '\u001b': 'escape' };

/**
 * Terminals deliver keys typed faster than they are read in one chunk ("jj", "\t\t"), which Ink
 * reports as one input. Outside text fields each character is its own key press.
 */
export function splitKeys(input: string, key: TerminalKey): KeyPress[] {
  const first = normaliseKey(input, key);
  if (first.name !== 'char' || [...input].length < 2 || key.ctrl) return [first];
  return [...input].map((c) => ({ name: CONTROL[c] ?? 'char', text: c, ctrl: false, shift: false }));
}

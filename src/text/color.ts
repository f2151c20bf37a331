import { stdout } from './stdio.js';
/** Minimal ANSI colouring. Colour only when asked: the CLI decides from TTY, NO_COLOR and FORCE_COLOR. */
export type Style = 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold' | 'magenta';

const CODES: Record<Style, [number, number]> = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  magenta: [35, 39],
  dim: [2, 22],
  bold: [1, 22],
};

export function paint(text: string, style: Style, enabled: boolean): string {
  if (!enabled) return text;
  const [open, close] = CODES[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/** Whether to colour a stream: NO_COLOR wins, then FORCE_COLOR, then whether it is a terminal. */
export function colorEnabled(stream: { isTTY?: boolean } = stdout): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching ANSI escape sequences is the point
  return s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

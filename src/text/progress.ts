import { stderr } from './stdio.js';
/**
 * A progress line for long work (`access`, `diff` on large projects, loading a large file): written to stderr only
 * on a terminal, only once the work has taken more than a second, on one line that is rewritten
 * and cleared at the end, so output to files, pipes and CI logs is never touched.
 */
export interface Progress {
  /** Says what the command is doing now (shown once a second has passed). */
  at(text: string): void;
  /** Clears the line, if one was shown. */
  done(): void;
}

export interface ProgressOptions {
  stream?: { isTTY?: boolean; write(text: string): unknown };
  /** Milliseconds before the line appears. */
  after?: number;
  now?: () => number;
}

const QUIET: Progress = { at() {}, done() {} };

/** `command` names the line (`keycard access: ...`); without one it is `keycard: ...`. */
export function startProgress(command: string | undefined, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? stderr;
  if (!stream.isTTY) return QUIET;
  const now = opts.now ?? Date.now;
  const t0 = now();
  const after = opts.after ?? 1000;
  let shown = false;
  let last = 0;
  return {
    at(text) {
      const t = now();
      if (t - t0 < after) return;
      if (shown && t - last < 100) return; // a terminal need not be rewritten more than ten times a second
      shown = true;
      last = t;
      stream.write(`\r\x1b[Kkeycard${command ? ` ${command}` : ''}: ${text}`);
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

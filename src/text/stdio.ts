/**
 * The CLI's standard output and error. In the library and under the tests they are Node's
 * `process.stdout` and `process.stderr`. The CLI's CommonJS runs (bin/keycard.cjs sets DIRECT_KEY)
 * write to the file descriptors instead: making Node's stream objects loads its stream and net
 * modules, about 6 ms of every run (docs/ARCHITECTURE.md, "Start-up"), for a few synchronous writes.
 * Node writes to files, pipes and terminals synchronously on Linux and macOS too, so what is written,
 * and when, is the same. Windows keeps the streams (bin/keycard.cjs sets no key there; its console
 * and pipes need libuv).
 *
 * A write that the descriptor refuses for now (EAGAIN: a non-blocking pipe that is full) goes to the
 * stream, and so does everything after it, in order. A closed pipe (`keycard ... | head`) ends the
 * run quietly, as it does for the streams (bin/keycard.cjs).
 */
import { fstatSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Set by bin/keycard.cjs for the runs of the CommonJS bundles. */
const DIRECT_KEY = Symbol.for('keycard.direct-stdio');

export interface Output {
  write(text: string): boolean;
  /** Whether it is a terminal. */
  readonly isTTY: boolean;
}

/** The descriptor has closed (EPIPE): end the run as a closed stream does. */
function closed(): never {
  process.exit(process.exitCode ?? 0);
}

function direct(): boolean {
  return (globalThis as Record<symbol, unknown>)[DIRECT_KEY] === true;
}

let nullDevice: number | undefined;

/**
 * isatty(fd) without node:tty, which loads net and streams: a pipe, socket or file is no terminal,
 * nor is /dev/null; only another character device needs the real check.
 */
function isTerminal(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    nullDevice ??= statSync('/dev/null').rdev;
    if (st.rdev === nullDevice) return false;
  } catch {
    return false; // closed
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}

/** What an output writes with: the descriptor's write, and the stream it falls back to (tests give their own). */
export interface OutputIo {
  writeSync(fd: number, buffer: Uint8Array, offset: number): number;
  stream(): NodeJS.WriteStream;
}

export function output(fd: 1 | 2, io: OutputIo = { writeSync, stream: () => (fd === 1 ? process.stdout : process.stderr) }): Output {
  const stream = io.stream;
  let tty: boolean | undefined;
  return {
    write(text) {
      if (!direct()) return stream().write(text);
      const bytes = Buffer.from(text, 'utf8');
      let at = 0;
      try {
        while (at < bytes.length) at += io.writeSync(fd, bytes, at);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') closed();
        if (code !== 'EAGAIN') throw e;
        // Both outputs go to the streams from now on, and the run ends as Node ends it (bin/keycard.cjs).
        (globalThis as Record<symbol, unknown>)[DIRECT_KEY] = 'streams';
        const s = stream();
        s.on('error', (err: NodeJS.ErrnoException) => {
          if (err.code === 'EPIPE') closed();
          throw err;
        });
        return s.write(bytes.subarray(at));
      }
      return true;
    },
    get isTTY() {
      if (!direct()) return Boolean(stream().isTTY);
      return (tty ??= isTerminal(fd));
    },
  };
}

export const stdout: Output = output(1);
export const stderr: Output = output(2);

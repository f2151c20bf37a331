// src/text/stdio.ts: the CLI's direct writes, and what happens when a descriptor refuses one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { output } from '../../src/text/stdio.js';

const DIRECT = Symbol.for('keycard.direct-stdio');
const g = globalThis as Record<symbol, unknown>;
const errno = (code: string) => Object.assign(new Error(code), { code });

/** An output on `fd` whose descriptor writes with `write`, and whose stream records what it is given. */
function fake(fd: 1 | 2, write: (buf: Uint8Array, offset: number) => number) {
  const streamed: string[] = [];
  const stream = { write: (c: string | Uint8Array) => streamed.push(Buffer.from(c).toString()) > 0, on: () => stream };
  const fds: number[] = [];
  const out = output(fd, {
    writeSync: (f, buf, offset) => (fds.push(f), write(buf, offset)),
    stream: () => stream as unknown as NodeJS.WriteStream,
  });
  return { out, streamed, fds };
}

afterEach(() => {
  delete g[DIRECT];
  vi.restoreAllMocks();
});

describe('the CLI standard output', () => {
  it('writes through the stream unless the CLI asked for direct writes', () => {
    const { out, streamed, fds } = fake(1, () => 0);
    out.write('hello\n');
    expect({ streamed, fds }).toEqual({ streamed: ['hello\n'], fds: [] });
  });

  it('writes every byte to its descriptor, across partial writes', () => {
    g[DIRECT] = true;
    const seen: string[] = [];
    const { out, streamed, fds } = fake(2, (buf, offset) => {
      const n = Math.min(3, buf.length - offset);
      seen.push(Buffer.from(buf.subarray(offset, offset + n)).toString('latin1'));
      return n;
    });
    out.write('héllo');
    expect(Buffer.from(seen.join(''), 'latin1').toString()).toBe('héllo');
    expect({ streamed, fds: [...new Set(fds)] }).toEqual({ streamed: [], fds: [2] });
  });

  it('goes on through the stream, in order, when the descriptor refuses a write (EAGAIN)', () => {
    g[DIRECT] = true;
    let calls = 0;
    const { out, streamed } = fake(1, () => {
      if (++calls === 1) return 2;
      throw errno('EAGAIN');
    });
    out.write('abcdef');
    out.write('g');
    expect(streamed).toEqual(['cdef', 'g']);
    expect(g[DIRECT]).toBe('streams'); // bin/keycard.cjs then lets Node end the run
  });

  it('ends the run quietly when the reader has gone (EPIPE)', () => {
    g[DIRECT] = true;
    const { out } = fake(1, () => {
      throw errno('EPIPE');
    });
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('exited');
    }) as never);
    expect(() => out.write('x')).toThrow('exited');
    expect(exit).toHaveBeenCalledWith(process.exitCode ?? 0);
  });
});

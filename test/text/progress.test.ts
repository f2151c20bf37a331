// The progress line of long commands: on a terminal only, after a second, cleared at the end.
import { describe, expect, it } from 'vitest';
import { startProgress } from '../../src/text/progress.js';

function terminal(isTTY: boolean) {
  const written: string[] = [];
  let t = 0;
  return { stream: { isTTY, write: (s: string) => written.push(s) }, written, now: () => t, tick: (ms: number) => (t += ms) };
}

describe('progress line', () => {
  it('stays quiet when stderr is not a terminal', () => {
    const term = terminal(false);
    const p = startProgress('access', { stream: term.stream, now: term.now });
    term.tick(5000);
    p.at('deciding');
    p.done();
    expect(term.written).toEqual([]);
  });

  it('stays quiet for the first second, then rewrites one line and clears it', () => {
    const term = terminal(true);
    const p = startProgress('diff', { stream: term.stream, now: term.now });
    p.at('early');
    term.tick(1200);
    p.at('user 1');
    term.tick(10);
    p.at('too soon'); // at most ten times a second
    term.tick(200);
    p.at('user 2');
    p.done();
    expect(term.written).toEqual(['\r\x1b[Kkeycard diff: user 1', '\r\x1b[Kkeycard diff: user 2', '\r\x1b[K']);
  });

  it('clears nothing when nothing was shown', () => {
    const term = terminal(true);
    const p = startProgress('access', { stream: term.stream, now: term.now });
    p.at('fast');
    p.done();
    expect(term.written).toEqual([]);
  });
});

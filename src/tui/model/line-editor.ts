/**
 * The one-line text input of prompts and filters, edited as in a shell: type or paste at the
 * cursor, Backspace, Ctrl-W (word), Ctrl-U (to the start), Ctrl-K (to the end), Ctrl-A / Ctrl-E
 * and ←/→ to move. `cursor` counts characters; absent means at the end.
 */
export interface LineInput {
  value: string;
  cursor?: number;
}

const chars = (s: string) => [...s];
const cursorOf = (i: LineInput) => Math.min(i.cursor ?? Infinity, chars(i.value).length);

/** The input with `before` and `after` around the cursor. */
function make(before: string[], after: string[]): LineInput {
  return after.length ? { value: [...before, ...after].join(''), cursor: before.length } : { value: before.join('') };
}

function split(i: LineInput): [string[], string[]] {
  const c = chars(i.value);
  const at = cursorOf(i);
  return [c.slice(0, at), c.slice(at)];
}

/** Text as a terminal sends it: a keystroke or a whole paste. Newlines and control bytes are dropped. */
function typeText(input: LineInput, text: string): LineInput {
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what must be dropped
  const clean = text.replace(/[\r\n]+/g, '').replace(/[\u0000-\u001f\u007f]/g, '');
  if (!clean) return input;
  const [before, after] = split(input);
  return make([...before, ...chars(clean)], after);
}

function deleteBack(input: LineInput): LineInput {
  const [before, after] = split(input);
  return before.length ? make(before.slice(0, -1), after) : input;
}

/** Ctrl-W: delete the word before the cursor, as shells do. */
function deleteWord(input: LineInput): LineInput {
  const [before, after] = split(input);
  return make(chars(before.join('').replace(/\S*\s*$/, '')), after);
}

/** Ctrl-U: delete from the start of the line to the cursor. */
function deleteToStart(input: LineInput): LineInput {
  return make([], split(input)[1]);
}

/** Ctrl-K: delete from the cursor to the end of the line. */
function deleteToEnd(input: LineInput): LineInput {
  return make(split(input)[0], []);
}

function moveCursor(input: LineInput, to: 'start' | 'end' | 'left' | 'right'): LineInput {
  const n = chars(input.value).length;
  const at = cursorOf(input);
  const next = to === 'start' ? 0 : to === 'end' ? n : to === 'left' ? Math.max(0, at - 1) : Math.min(n, at + 1);
  return next >= n ? { value: input.value } : { value: input.value, cursor: next };
}

/** Applies one key press to the input; undefined when the key is not an editing key. */
export function editLine(input: LineInput, k: { name: string; text: string; ctrl: boolean }): LineInput | undefined {
  if (k.name === 'backspace') return k.ctrl ? deleteWord(input) : deleteBack(input);
  if (k.name === 'left' || k.name === 'right') return moveCursor(input, k.name);
  if (k.name === 'home') return moveCursor(input, 'start');
  if (k.name === 'end') return moveCursor(input, 'end');
  if (k.name === 'char' && k.ctrl) {
    const byKey: Record<string, (i: LineInput) => LineInput> = {
      w: deleteWord,
      u: deleteToStart,
      k: deleteToEnd,
      a: (i) => moveCursor(i, 'start'),
      e: (i) => moveCursor(i, 'end'),
      b: (i) => moveCursor(i, 'left'),
      f: (i) => moveCursor(i, 'right'),
      h: deleteBack,
    };
    return byKey[k.text.toLowerCase()]?.(input) ?? input;
  }
  if (k.name === 'char' || k.name === 'space') return typeText(input, k.text);
  return undefined;
}

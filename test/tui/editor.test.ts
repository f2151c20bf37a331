// The Why panel's `e`: the editor command for a file and line (no editor is spawned), and the
// reducer's effect.
import { describe, expect, it } from 'vitest';
import { editorCommand } from '../../src/tui/model/editor.js';
import { reducer } from '../../src/tui/model/reducer.js';
import { initialState } from '../../src/tui/model/state.js';
import { NO_FACTS } from '../../src/tui/model/view-facts.js';
import { whyTarget } from '../../src/tui/model/why.js';
import { ch, exampleWorkspace } from './helpers.js';

const FILE = '/repo/infra/template.yaml';

describe('editorCommand', () => {
  it.each([
    [{ EDITOR: 'vim' }, 'vim', ['+12', FILE]],
    [{ EDITOR: 'vi' }, 'vi', ['+12', FILE]],
    [{ EDITOR: '/usr/bin/nano' }, '/usr/bin/nano', ['+12', FILE]],
    [{ EDITOR: 'emacs -nw' }, 'emacs', ['-nw', '+12', FILE]],
    [{ EDITOR: 'code --wait' }, 'code', ['--wait', '-g', `${FILE}:12`]],
    [{ VISUAL: 'codium', EDITOR: 'vim' }, 'codium', ['-g', `${FILE}:12`]],
    [{ VISUAL: '  ', EDITOR: 'nvim' }, 'nvim', ['+12', FILE]],
    [{ EDITOR: 'subl -w' }, 'subl', ['-w', `${FILE}:12`]],
    [{ EDITOR: '"/opt/my editor/bin/vim" -u NONE' }, '/opt/my editor/bin/vim', ['-u', 'NONE', '+12', FILE]],
  ])('%j opens the file at line 12', (env, command, args) => {
    expect(editorCommand(env, FILE, 12)).toMatchObject({ command, args });
  });

  it('is undefined when neither $VISUAL nor $EDITOR is set', () => {
    expect(editorCommand({}, FILE, 3)).toBeUndefined();
    expect(editorCommand({ EDITOR: '', VISUAL: ' ' }, FILE, 3)).toBeUndefined();
  });
});

describe('the e key of the Why panel', () => {
  const why = { ...initialState(exampleWorkspace()), overlay: 'why' as const };

  it('asks the app to open the location on screen', () => {
    const s = reducer(why, { type: 'key', key: ch('e'), view: { ...NO_FACTS, whyTarget: { file: FILE, line: 7 } } });
    expect(s.effect).toEqual({ kind: 'edit', file: FILE, line: 7 });
  });

  it('says so when no statement location is shown, and asks for nothing', () => {
    const s = reducer(why, { type: 'key', key: ch('e'), view: NO_FACTS });
    expect([s.effect, s.status?.text]).toEqual([undefined, 'no statement with a file location is shown here']);
  });

  it('is not bound outside the Why panel', () => {
    const s = reducer(
      { ...why, overlay: 'none', focus: 'map' },
      { type: 'key', key: ch('e'), view: { ...NO_FACTS, whyTarget: { file: FILE, line: 7 } } },
    );
    expect(s.effect).toBeUndefined();
  });

  it('targets the first location among the rows on screen, else the first of the panel', () => {
    const a = { file: 'a.yaml', line: 1 };
    const b = { file: 'b.yaml', line: 2 };
    const lines = [
      { text: 'x', tone: 'plain' as const, at: a },
      { text: 'y', tone: 'plain' as const },
      { text: 'z', tone: 'plain' as const, at: b },
      { text: 'w', tone: 'plain' as const },
    ];
    expect(whyTarget(lines, 0, 2)).toEqual(a);
    expect(whyTarget(lines, 1, 2)).toEqual(b);
    expect(whyTarget(lines, 3, 1)).toEqual(a);
  });
});

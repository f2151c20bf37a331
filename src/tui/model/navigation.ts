/** Cursor movement in each pane: pure functions of the state and what is on screen. */
import type { Command } from './keymap.js';
import { visibleUsers, type ExplorerState } from './state.js';
import type { ViewFacts } from './view-facts.js';
import { clamp, wrap } from './window.js';

type Move = Extract<Command, 'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'top' | 'bottom'>;

function step(cmd: Move, page: number): number {
  return cmd === 'up' ? -1 : cmd === 'down' ? 1 : cmd === 'pageUp' ? -page : cmd === 'pageDown' ? page : 0;
}

/** Lists wrap with ↑↓, stop at the ends with page keys, and jump with g/G. */
function moved(cmd: Move, current: number, count: number, page: number): number {
  if (cmd === 'top') return 0;
  if (cmd === 'bottom') return Math.max(0, count - 1);
  if (cmd === 'up' || cmd === 'down') return wrap(clamp(current, count), step(cmd, page), count);
  return clamp(current + step(cmd, page), count);
}

export function move(s: ExplorerState, cmd: Move, v: ViewFacts): ExplorerState {
  if (s.overlay === 'help') {
    if (cmd === 'left' || cmd === 'right') return s;
    const max = Math.max(0, (v.helpLines ?? 0) - v.pageSize);
    const scroll = cmd === 'top' ? 0 : cmd === 'bottom' ? max : Math.min(Math.max(0, s.helpScroll + step(cmd, v.pageSize)), max);
    return { ...s, helpScroll: scroll };
  }
  if (s.overlay === 'why') {
    if (cmd === 'left' || cmd === 'right') return s;
    const max = Math.max(0, v.whyLines - v.pageSize);
    const scroll = cmd === 'top' ? 0 : cmd === 'bottom' ? max : Math.min(Math.max(0, s.why.scroll + step(cmd, v.pageSize)), max);
    return { ...s, why: { ...s.why, scroll } };
  }
  switch (s.focus) {
    case 'users': {
      if (cmd === 'left' || cmd === 'right') return s;
      const list = visibleUsers(s);
      const at = list.findIndex((u) => u.id === s.userId);
      const i = moved(cmd, at < 0 ? s.cursor.users : at, list.length, v.pageSize);
      return { ...s, cursor: { ...s.cursor, users: i }, userId: list[i]?.id ?? s.userId };
    }
    case 'claims':
      if (cmd === 'left' || cmd === 'right') return s;
      return { ...s, cursor: { ...s.cursor, claims: moved(cmd, s.cursor.claims, v.claimRows.length, v.pageSize) } };
    case 'result': {
      if (cmd === 'left' || cmd === 'right') return s;
      const max = Math.max(0, v.traceLines - 1);
      const scroll = cmd === 'top' ? 0 : cmd === 'bottom' ? max : Math.min(Math.max(0, s.cursor.result + step(cmd, v.pageSize)), max);
      return { ...s, cursor: { ...s.cursor, result: scroll } };
    }
    case 'map':
      if (cmd === 'left' || cmd === 'right')
        return { ...s, cursor: { ...s.cursor, mapCol: wrap(clamp(s.cursor.mapCol, v.grid.cols), cmd === 'left' ? -1 : 1, v.grid.cols) } };
      return { ...s, cursor: { ...s.cursor, map: moved(cmd, s.cursor.map, v.grid.rows, v.pageSize) } };
  }
}

/**
 * Pane sizes for a terminal size. Two columns: users over claims on the left, result over the
 * access map on the right. The focused pane of a column gets the larger share, so 80×24 stays usable.
 */
import type { PaneId } from './types.js';

interface Size {
  width: number;
  height: number;
}

export interface Layout {
  header: number;
  status: number;
  footer: number;
  left: { width: number; users: number; claims: number };
  right: { width: number; result: number; map: number };
  body: number;
}

const MIN_SIZE: Size = { width: 60, height: 16 };

export function layout(cols: number, rows: number, focus: PaneId): Layout {
  const width = Math.max(cols, MIN_SIZE.width);
  const height = Math.max(rows, MIN_SIZE.height);
  const body = height - 3;
  const leftWidth = Math.min(40, Math.max(24, Math.floor(width * 0.32)));
  const users = focus === 'users' ? Math.ceil(body * 0.55) : focus === 'claims' ? Math.floor(body * 0.3) : Math.floor(body * 0.4);
  const result = focus === 'result' ? Math.ceil(body * 0.6) : focus === 'map' ? Math.floor(body * 0.3) : Math.floor(body * 0.4);
  return {
    header: 1,
    status: 1,
    footer: 1,
    body,
    left: { width: leftWidth, users, claims: body - users },
    right: { width: width - leftWidth, result, map: body - result },
  };
}

/** Every scenario user, the guest, and users made here (copies, pasted JWTs). */
import { Text } from 'ink';
import type { ExplorerUser } from '../model/types.js';
import { listWindow } from '../model/window.js';
import { innerRows, Pane } from './Pane.js';

export interface UsersPaneProps {
  users: ExplorerUser[];
  total: number;
  selectedId: string;
  filter: string;
  focused: boolean;
  width: number;
  height: number;
}

const ORIGIN: Record<ExplorerUser['origin'], string> = { scenario: '', guest: '', adhoc: '+', jwt: 'jwt' };

export function UsersPane({ users, total, selectedId, filter, focused, width, height }: UsersPaneProps) {
  const rows = innerRows(height);
  const at = Math.max(
    0,
    users.findIndex((u) => u.id === selectedId),
  );
  const win = listWindow(users.length, at, rows - (users.length > rows ? 0 : 0));
  const info = `${users.length ? at + 1 : 0}/${users.length}${users.length < total ? ` of ${total}` : ''}${filter ? ` /${filter}` : ''}`;
  return (
    <Pane title="Users" info={info} focused={focused} width={width} height={height}>
      {users.length === 0 && <Text dimColor>No users match the filter.</Text>}
      {users.slice(win.start, win.end).map((u, i) => {
        const selected = u.id === selectedId;
        const index = win.start + i;
        const more = (index === win.start && win.above > 0 ? '▲' : '') || (index === win.end - 1 && win.below > 0 ? '▼' : '');
        const tag = ORIGIN[u.origin];
        return (
          <Text key={u.id} wrap="truncate" inverse={selected && focused} bold={selected}>
            {selected ? '●' : more || ' '}
            {u.edited ? '*' : ' '}
            {u.label}
            {tag ? <Text dimColor> {tag}</Text> : null}
          </Text>
        );
      })}
    </Pane>
  );
}

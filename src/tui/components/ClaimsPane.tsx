/** The claims editor: login provider, identity id, group toggles, derived role claims, and every claim. */
import { Text } from 'ink';
import { shortRole, type ClaimRow } from '../model/claim-rows.js';
import { clamp, listWindow } from '../model/window.js';
import { innerRows, Pane } from './Pane.js';

export interface ClaimsPaneProps {
  rows: ClaimRow[];
  cursor: number;
  focused: boolean;
  width: number;
  height: number;
}

function RowText({ row }: { row: ClaimRow }) {
  switch (row.kind) {
    case 'login':
      return (
        <>
          <Text color="cyan">login </Text>
          {row.text}
        </>
      );
    case 'identity':
      return (
        <>
          <Text color="cyan">identity </Text>
          {row.text}
        </>
      );
    case 'group':
      return (
        <>
          <Text color={row.member ? 'green' : undefined}>[{row.member ? 'x' : ' '}]</Text> {row.group.GroupName}
          <Text dimColor>
            {' '}
            {row.group.RoleArn ? shortRole(row.group.RoleArn) : 'no role'}
            {typeof row.group.Precedence === 'number' ? ` p${row.group.Precedence}` : ''}
          </Text>
        </>
      );
    case 'derived':
      return (
        <Text dimColor>
          {row.name} = {row.text} (derived)
        </Text>
      );
    case 'claim':
      return (
        <>
          <Text color="yellow">{row.name}</Text>: {row.text}
        </>
      );
  }
}

export function ClaimsPane({ rows, cursor, focused, width, height }: ClaimsPaneProps) {
  const at = clamp(cursor, rows.length);
  const win = listWindow(rows.length, at, innerRows(height));
  return (
    <Pane title="Claims" info={win.below ? `▼${win.below}` : undefined} focused={focused} width={width} height={height}>
      {rows.slice(win.start, win.end).map((row, i) => {
        const selected = focused && win.start + i === at;
        return (
          <Text
            key={`${row.kind}:${'name' in row ? row.name : row.kind === 'group' ? row.group.GroupName : i}`}
            wrap="truncate"
            inverse={selected}
          >
            <RowText row={row} />
          </Text>
        );
      })}
    </Pane>
  );
}

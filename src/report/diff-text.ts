/** The diff for people: who gained what, first; then who lost what; unchanged users counted. */
import { formatLocation } from '../diagnostics/diagnostic.js';
import { paint } from '../text/color.js';
import { displayPath } from '../text/display-path.js';
import type { AccessChange, AccessDiff, UserDiff } from '../scenario/diff.js';

const short = (o: { role: string | null; error: string | null }) => (o.role ? (o.role.split('/').pop() ?? o.role) : `refused (${o.error})`);

function changeLine(c: AccessChange, sign: '+' | '-', color: boolean): string {
  const text = `  ${sign} ${c.action.padEnd(26)} ${c.label.padEnd(46)} ${c.before} → ${c.after}`;
  const cond =
    c.conditions?.length && (c.after === 'Conditional' || c.before === 'Conditional') ? `\n      when ${c.conditions.join('; ')}` : '';
  return paint(text, sign === '+' ? 'green' : 'red', color) + cond;
}

function userBlock(u: UserDiff, color: boolean): string[] {
  const where = u.location ? `  (${formatLocation({ ...u.location, file: displayPath(u.location.file) })})` : '';
  const lines = [`${paint(u.name, 'bold', color)}${where}`];
  lines.push(
    u.roleChanged ? `  role: ${short(u.before)} → ${paint(short(u.after), 'bold', color)}` : `  role: ${short(u.after)} (unchanged)`,
  );
  for (const c of u.gained) lines.push(changeLine(c, '+', color));
  for (const c of u.lost) lines.push(changeLine(c, '-', color));
  return lines;
}

export function renderDiff(d: AccessDiff, color = false): string {
  const lines = [`keycard diff: ${d.base} → ${d.head}`, ''];
  const gained = d.users.filter((u) => u.gainedAccess);
  const lost = d.users.filter((u) => !u.gainedAccess && (u.lost.length || u.roleChanged));
  if (gained.length) {
    lines.push(paint(`Gained access (${gained.length})`, 'green', color), '');
    for (const u of gained) lines.push(...userBlock(u, color), '');
  }
  if (lost.length) {
    lines.push(paint(`Lost access (${lost.length})`, 'red', color), '');
    for (const u of lost) lines.push(...userBlock(u, color), '');
  }
  const s = d.summary;
  lines.push(`${s.users} users: ${s.gained} gained access, ${s.lost} lost access, ${s.unchanged} unchanged`);
  return lines.join('\n');
}

/** The result pane as lines: role or error, principal tags, then the trace with the deciding step marked. */
import { refusedPolicies } from '../../access/session.js';
import { unknownBecause } from '../../model/unresolved.js';
import { formatLocation } from '../../diagnostics/diagnostic.js';
import { displayPath } from '../../text/display-path.js';
import { shortRole } from './claim-rows.js';
import type { UserResult } from './evaluate.js';
import type { Tone } from './why.js';

export interface ResultLine {
  text: string;
  tone: Tone;
  /** The step that decided the role or the error. */
  deciding?: boolean;
  where?: string;
  /** A policy on the user's path that AWS would refuse (kept on top with the outcome). */
  refused?: boolean;
}

const SOURCE: Record<string, string> = {
  rule: 'the first matching rule',
  token: 'the role claim in the token',
  default: 'the default authenticated role',
  ambiguous: 'AmbiguousRoleResolution',
  custom: 'CustomRoleArn',
  unauthenticated: 'the unauthenticated (guest) role',
  requested: 'the role the app requested',
};

const MARK: Record<string, [string, Tone]> = {
  match: ['✓', 'allow'],
  'no-match': ['✗', 'muted'],
  skip: ['-', 'muted'],
  info: ['·', 'plain'],
  error: ['✗', 'deny'],
  pending: ['?', 'conditional'],
};

/** `arn:aws:iam::123456789012:role/Name` → `role/Name`: the account is the project's, and lines are short. */
function compactArns(text: string): string {
  return text.replace(/arn:aws[\w-]*:iam::\d{12}:role\/([\w+=,.@/-]+)/g, 'role/$1');
}

export function resultLines(r: UserResult): ResultLine[] {
  const res = r.resolution;
  const lines: ResultLine[] = [];
  if (res.outcome === 'credentials' && res.role) {
    lines.push({ text: `✓ role ${shortRole(res.role)} via ${SOURCE[res.source ?? ''] ?? res.source}`, tone: 'allow' });
  } else if (res.error) {
    lines.push({ text: `✗ ${res.error.code}: ${res.error.message}`, tone: 'deny' });
  } else if (res.outcome === 'unknown') {
    // Neither a role nor a refusal: it depends on values no file gives (imports.md §4).
    lines.push({ text: `? role ${unknownBecause(res.unknown ?? [])}`, tone: 'conditional' });
  }
  // A policy AWS would refuse to store grants nothing: say where, under the outcome (issue 9 §3).
  for (const d of refusedPolicies(res, r.session)) {
    const at = d.location ? `${formatLocation({ ...d.location, file: displayPath(d.location.file) })}: ` : '';
    lines.push({ text: `✗ refused policy ${at}error[${d.code}]: ${d.message}`, tone: 'deny', refused: true });
  }
  const tags = Object.entries(res.principalTags);
  lines.push({
    text: `tags ${tags.length ? tags.map(([k, v]) => `${k}=${v}`).join(', ') : '(none)'}  identity ${res.identityId}`,
    tone: 'muted',
  });
  res.trace.forEach((s, i) => {
    const [mark, tone] = MARK[s.outcome ?? 'info']!;
    const deciding = i === r.decidingStep;
    const where = s.location ? formatLocation({ ...s.location, file: displayPath(s.location.file) }) : undefined;
    lines.push({
      text: `${deciding ? '▶' : ' '}${mark} ${s.step}: ${compactArns(s.message)}${s.decision ? ` [#${s.decision}]` : ''}`,
      tone: deciding ? 'heading' : tone,
      ...(deciding ? { deciding } : {}),
      ...(where && !deciding ? { where } : {}),
    });
    // The deciding step's location gets its own line so that truncation never hides it.
    if (deciding && where) lines.push({ text: `   decided at ${where}`, tone: 'conditional' });
  });
  return lines;
}

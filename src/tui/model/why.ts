/**
 * The "why" of one access-map cell: the same request keycard's `authorize --explain` would decide
 * (the entry's witness supplies the request keys of a conditional allow), as lines to show.
 */
import { authorizeInSession, type Session } from '../../access/session.js';
import type { AccessEntry } from '../../access/types.js';
import { formatLocation } from '../../diagnostics/diagnostic.js';
import { isNearMiss } from '../../iam/explain.js';
import type { Explain, StatementExplain } from '../../iam/types.js';
import { displayPath } from '../../text/display-path.js';
import { cellState, STATE_WORDS } from './access-grid.js';

export type Tone = 'allow' | 'deny' | 'conditional' | 'muted' | 'heading' | 'plain' | 'location';

export interface WhyLine {
  text: string;
  tone: Tone;
  /** `file:line:col` of the statement, shown after the text. */
  where?: string;
  /** The statement's file and line, which `e` opens in the user's editor. */
  at?: { file: string; line: number };
}

export function explainEntry(session: Session, e: AccessEntry): Explain {
  const r = authorizeInSession(
    session,
    { action: e.action, resource: e.target.arn, ...(e.witness ? { context: e.witness } : {}) },
    { explain: true },
  );
  return r.explain!;
}

/** An Allow that names the action but missed on resource or condition: the near miss that explains a deny. */
function nearMiss(s: StatementExplain, denied: boolean): boolean {
  return denied && s.effect === 'Allow' && isNearMiss(s);
}

const STEP_TONE: Record<Explain['steps'][number]['outcome'], Tone> = {
  allow: 'allow',
  pass: 'allow',
  deny: 'deny',
  fail: 'deny',
  skip: 'muted',
  info: 'plain',
};

export function whyLines(e: AccessEntry, explain: Explain, full: boolean): WhyLine[] {
  const state = cellState(e);
  const tone: Tone = state === 'allow' ? 'allow' : state === 'conditional' || state === 'unknown' ? 'conditional' : 'deny';
  const lines: WhyLine[] = [
    { text: `${e.action} on ${e.target.label}`, tone: 'heading' },
    { text: `${STATE_WORDS[state].toUpperCase()}: ${explain.summary.slice(explain.decision.length + 2)}`, tone },
  ];
  if (e.conditional) {
    lines.push({
      text: `only for requests with ${Object.entries(e.witness ?? {})
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(', ')}`,
      tone: 'conditional',
    });
    for (const c of e.conditions) lines.push({ text: `  condition: ${c}`, tone: 'conditional' });
  }
  lines.push({ text: `resource ${explain.resource}`, tone: 'muted' });
  lines.push({ text: 'evaluation', tone: 'heading' });
  for (const s of explain.steps) lines.push({ text: `  ${s.outcome.padEnd(5)} ${s.step}: ${s.message}`, tone: STEP_TONE[s.outcome] });
  lines.push({ text: full ? 'every statement' : 'statements that decided it (f: all)', tone: 'heading' });
  let shown = 0;
  for (const p of explain.policies) {
    const statements = full ? p.statements : p.statements.filter((s) => s.matched || nearMiss(s, e.decision !== 'Allow'));
    if (!statements.length) continue;
    lines.push({
      text: `  ${p.kind} ${p.name}: ${p.result}${p.broken ? ` (unreadable: ${p.broken})` : ''}`,
      tone: p.result === 'allow' ? 'allow' : p.result === 'deny' ? 'deny' : 'plain',
    });
    for (const s of statements) {
      shown++;
      const mark = s.matched ? '✓' : '✗';
      const stTone: Tone = !s.matched ? 'muted' : s.effect === 'Allow' ? 'allow' : 'deny';
      const where = s.location ? formatLocation({ ...s.location, file: displayPath(s.location.file) }) : undefined;
      const at = s.location ? { file: s.location.file, line: s.location.line } : undefined;
      lines.push({
        text: `    ${mark} ${s.effect} ${s.sid ?? `#${s.index}`}${s.matched ? ' matches' : ' does not match'}`,
        tone: stTone,
        ...(where ? { where } : {}),
        ...(at ? { at } : {}),
      });
      if (s.reason) lines.push({ text: `        ${s.reason}`, tone: 'muted' });
    }
  }
  if (!shown) lines.push({ text: '  no statement names this action: nothing allows it', tone: 'muted' });
  for (const n of explain.notes) lines.push({ text: `note: ${n}`, tone: 'muted' });
  return lines;
}

/** Wraps long lines to `width`, continuing under the line's own indentation, so scrolling counts real rows. */
export function wrapWhy(lines: readonly WhyLine[], width: number): WhyLine[] {
  const out: WhyLine[] = [];
  for (const l of lines) {
    const full = l.where ? `${l.text}  ${l.where}` : l.text;
    if (full.length <= width) {
      out.push(l);
      continue;
    }
    const indent = ' '.repeat(Math.min(12, /^ */.exec(l.text)![0].length + 2));
    let rest = l.text;
    let first = true;
    while (rest.length) {
      const room = width - (first ? 0 : indent.length);
      const piece =
        rest.length <= room
          ? rest
          : rest.slice(0, Math.max(1, rest.lastIndexOf(' ', room) > room / 2 ? rest.lastIndexOf(' ', room) : room));
      out.push({ text: (first ? '' : indent) + piece.trimEnd(), tone: l.tone, ...(first && l.at ? { at: l.at } : {}) });
      rest = rest.slice(piece.length).trimStart();
      first = false;
    }
    if (l.where) out.push({ text: `${indent}at ${l.where}`, tone: 'location' });
  }
  return out;
}

/** What `e` opens: the first statement location among the rows on screen, else the panel's first. */
export function whyTarget(lines: readonly WhyLine[], scroll: number, rows: number): { file: string; line: number } | undefined {
  const start = Math.min(scroll, Math.max(0, lines.length - rows));
  return lines.slice(start, start + rows).find((l) => l.at)?.at ?? lines.find((l) => l.at)?.at;
}

/**
 * Text rendering of a Resolution for `keycard resolve`: the outcome first (role, error or unknown),
 * then the session facts, then the trace, one line per step, with the decision number and source
 * location where there is one.
 */
import { formatLocation } from '../diagnostics/diagnostic.js';
import { unknownBecause } from '../model/unresolved.js';
import { paint, type Style } from '../text/color.js';
import { displayPath } from '../text/display-path.js';
import type { Resolution, TraceStep } from './types.js';

export interface RenderResolutionOptions {
  color?: boolean;
  /** Show source locations on trace lines (default true). */
  locations?: boolean;
}

const MARK: Record<NonNullable<TraceStep['outcome']>, [string, Style]> = {
  match: ['✓', 'green'],
  'no-match': ['✗', 'dim'],
  skip: ['-', 'dim'],
  info: ['·', 'cyan'],
  error: ['✗', 'red'],
  pending: ['?', 'yellow'],
};

const SOURCE_TEXT: Record<string, string> = {
  rule: 'first matching rule',
  token: 'role claim in the token',
  default: 'default authenticated role',
  ambiguous: 'AmbiguousRoleResolution: AuthenticatedRole',
  custom: 'CustomRoleArn',
  unauthenticated: 'unauthenticated role',
  requested: 'role requested by the app (basic flow)',
};

export function renderResolution(r: Resolution, opts: RenderResolutionOptions = {}): string {
  const color = opts.color ?? false;
  const lines: string[] = [];
  if (r.outcome === 'credentials' && r.role !== null) {
    lines.push(`${paint('role', 'bold', color)}      ${paint(r.role, 'green', color)}`);
    lines.push(`          via ${SOURCE_TEXT[r.source ?? ''] ?? r.source ?? 'unknown'}${r.provider ? ` for \`${r.provider}\`` : ''}`);
  } else if (r.error) {
    lines.push(`${paint('error', 'bold', color)}     ${paint(r.error.code, 'red', color)}: ${r.error.message}`);
  } else if (r.outcome === 'unknown') {
    const why = unknownBecause(r.unknown ?? []).replace(/^unknown: /, '');
    lines.push(`${paint('unknown', 'bold', color)}   ${paint(why, 'yellow', color)}`);
  }
  lines.push(`identity  ${r.identityId} (${r.flow} flow${r.outcome === 'credentials' ? `, session ${r.sessionName}` : ''})`);
  lines.push(`amr       ${r.amr.join(', ')}`);
  const tags = Object.entries(r.principalTags);
  if (tags.length > 0) lines.push(`tags      ${tags.map(([k, v]) => `${k}=${v}`).join(', ')}`);
  for (const p of r.sessionPolicies) lines.push(`session   ${p.name}${p.arn ? ` (${p.arn})` : ''}`);
  if (r.trust.status !== 'unchecked' || r.outcome === 'credentials') {
    const style: Style = r.trust.status === 'allowed' ? 'green' : r.trust.status === 'denied' ? 'red' : 'yellow';
    lines.push(`trust     ${paint(r.trust.status, style, color)}: ${r.trust.message}`);
  }
  lines.push('', paint('trace', 'bold', color));
  for (const s of r.trace) lines.push(renderStep(s, color, opts.locations ?? true));
  return lines.join('\n');
}

function renderStep(s: TraceStep, color: boolean, locations: boolean): string {
  const [mark, style] = MARK[s.outcome ?? 'info'];
  const decision = s.decision !== undefined ? paint(` [decision #${s.decision}]`, 'magenta', color) : '';
  const where =
    locations && s.location ? paint(`  ${formatLocation({ ...s.location, file: displayPath(s.location.file) })}`, 'dim', color) : '';
  return `  ${paint(mark, style, color)} ${s.step.padEnd(9)} ${s.message}${decision}${where}`;
}

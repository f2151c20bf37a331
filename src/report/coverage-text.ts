/** Text rendering of a coverage report: totals, then every item no scenario reached. */
import { formatLocation } from '../diagnostics/diagnostic.js';
import { displayPath } from '../text/display-path.js';
import type { CoverageCount, CoverageReport } from '../scenario/coverage.js';

const pct = (c: CoverageCount) => (c.total === 0 ? '—' : `${Math.floor((c.covered / c.total) * 100)}%`);

export function renderCoverage(r: CoverageReport, threshold?: number): string {
  const s = r.summary;
  const lines = [
    'Coverage',
    `  role-mapping rules  ${s.rules.covered}/${s.rules.total}  ${pct(s.rules)}`,
    `  roles               ${s.roles.covered}/${s.roles.total}  ${pct(s.roles)}`,
    `  policy statements   ${s.statements.covered}/${s.statements.total}  ${pct(s.statements)}`,
    `  all                 ${s.covered}/${s.total}  ${s.percent}%${threshold !== undefined ? (s.percent < threshold ? `  (below the threshold of ${threshold}%)` : `  (threshold ${threshold}% met)`) : ''}`,
  ];
  const missed = r.items.filter((i) => i.hits === 0);
  if (missed.length) {
    lines.push('', `Not exercised by any scenario (${missed.length}):`);
    for (const i of missed) {
      const loc = i.location ? formatLocation({ ...i.location, file: displayPath(i.location.file) }) : '';
      lines.push(`  ${i.kind.padEnd(9)} ${i.label}${loc ? `  ${loc}` : ''}`);
    }
  }
  return lines.join('\n');
}

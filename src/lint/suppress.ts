/**
 * Silencing one finding in the file itself, with a reason (docs/diagnostics.md, "Silencing a
 * finding"):
 *
 *     # keycard-ignore iam_guest_s3_write: guests upload avatars to uploads/, scanned by a Lambda
 *
 * on the line above the flagged line (more comment lines may sit in between), or at the end of it.
 * A finding inside a JSON policy file, which cannot hold comments, is silenced the same way on the
 * line of the project file that brings the policy in (its `AssumeRolePolicyDocument:` or
 * `RolePolicyList` entry, the role, the managed policy, the resource-policy key). Errors cannot be
 * silenced: they are configurations AWS refuses or policies keycard cannot read.
 */
import { readFileSync } from 'node:fs';
import type { Location } from '../diagnostics/diagnostic.js';
import { finding } from './context.js';
import type { Finding } from './types.js';

export interface Directive {
  file: string;
  /** Line of the comment. */
  line: number;
  column: number;
  /** The line it silences (undefined: nothing follows it). */
  target?: number;
  codes: string[];
  reason?: string;
  used: Set<string>;
  /** Codes it matched only on errors, which cannot be silenced. */
  onErrors: Set<string>;
}

export interface SuppressedFinding extends Finding {
  reason?: string;
}

const DIRECTIVE = /(^|\s)#\s*keycard-ignore\b(.*)$/;
const COMMENT_ONLY = /^\s*#/;

export function parseDirectives(file: string, text: string): Directive[] {
  const lines = text.split(/\r?\n/);
  const out: Directive[] = [];
  lines.forEach((line, i) => {
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const body = m[2]!.trim();
    const colon = body.indexOf(':');
    // Codes are snake_case, so the first `:` ends the list; the reason is everything after it.
    const codesText = colon < 0 ? body : body.slice(0, colon);
    const reason = colon < 0 ? '' : body.slice(colon + 1).trim();
    const codes = codesText.split(/[\s,]+/).filter(Boolean);
    const ownLine = COMMENT_ONLY.test(line);
    const d: Directive = { file, line: i + 1, column: m.index + m[1]!.length + 1, codes, used: new Set(), onErrors: new Set() };
    if (reason) d.reason = reason;
    if (!ownLine) d.target = i + 1;
    else {
      for (let k = i + 1; k < lines.length; k++) {
        if (COMMENT_ONLY.test(lines[k]!)) continue;
        if (lines[k]!.trim() !== '') d.target = k + 1;
        break;
      }
    }
    out.push(d);
  });
  return out;
}

/** Directives of every YAML file of the project (JSON cannot hold comments). */
export function readDirectives(files: readonly string[]): Directive[] {
  const out: Directive[] = [];
  for (const file of new Set(files)) {
    if (file.toLowerCase().endsWith('.json')) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    if (text.includes('keycard-ignore')) out.push(...parseDirectives(file, text));
  }
  return out;
}

function at(d: Directive, loc: Location | undefined): boolean {
  return loc !== undefined && loc.file === d.file && loc.line === d.target;
}

export interface SuppressionOutcome {
  kept: Finding[];
  suppressed: SuppressedFinding[];
  /** Findings about the directives themselves (no reason, silences nothing). */
  directiveFindings: Finding[];
}

export function applySuppressions(findings: readonly Finding[], directives: readonly Directive[]): SuppressionOutcome {
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    const places = [f.location, ...(f.anchors ?? [])];
    const d = directives.find((x) => x.codes.includes(f.code) && places.some((p) => at(x, p)));
    if (!d) kept.push(f);
    else if (f.severity === 'error') {
      d.onErrors.add(f.code);
      kept.push(f);
    } else {
      d.used.add(f.code);
      suppressed.push(d.reason ? { ...f, reason: d.reason } : { ...f });
    }
  }
  const directiveFindings: Finding[] = [];
  for (const d of directives) {
    const location = { file: d.file, line: d.line, column: d.column };
    if (d.codes.length === 0) {
      directiveFindings.push(
        finding(
          'lint_suppression_unused',
          'warning',
          '`keycard-ignore` names no code, so it silences nothing',
          'write `# keycard-ignore <code>: <reason>`, e.g. `# keycard-ignore iam_guest_s3_write: uploads are scanned`',
          location,
        ),
      );
      continue;
    }
    if (!d.reason && d.used.size > 0) {
      directiveFindings.push(
        finding(
          'lint_suppression_without_reason',
          'warning',
          `\`keycard-ignore ${d.codes.join(', ')}\` gives no reason`,
          'say why after a colon: `# keycard-ignore <code>: <reason>`, so the next reader knows the finding was judged',
          location,
        ),
      );
    }
    for (const code of d.codes.filter((c) => !d.used.has(c))) {
      const why = d.onErrors.has(code)
        ? `\`${code}\` is an error here, and errors cannot be silenced`
        : d.target === undefined
          ? 'no line follows the comment'
          : `no \`${code}\` finding is on line ${d.target}`;
      directiveFindings.push(
        finding(
          'lint_suppression_unused',
          'warning',
          `\`keycard-ignore ${code}\` silences nothing: ${why}`,
          'remove the comment, or move it to the line above the finding (for a JSON policy: the project line that brings the policy in)',
          location,
        ),
      );
    }
  }
  return { kept, suppressed, directiveFindings };
}

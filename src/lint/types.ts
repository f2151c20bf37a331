/** The shapes shared by the lint rules, the suppression pass and `keycard validate`. */
import type { Diagnostic, Location } from '../diagnostics/diagnostic.js';
import type { LintContext } from './context.js';

/**
 * A diagnostic plus the other places where a `# keycard-ignore` comment may silence it: a finding
 * inside a JSON policy file (which cannot hold comments) can be silenced where the project file
 * brings that policy in.
 */
export interface Finding extends Diagnostic {
  anchors?: Location[];
}

/** What a rule documents about one code it reports (docs/diagnostics.md has a section per code). */
export interface RuleCode {
  code: string;
  severity: Diagnostic['severity'];
  /** One line: what the finding means. */
  summary: string;
}

export interface LintRule {
  /** Short kebab-case name, for tests and messages. */
  name: string;
  codes: RuleCode[];
  run(ctx: LintContext): Finding[];
}

/**
 * What the IAM compiler reports about each policy (malformed statements, unknown actions and
 * services with "did you mean", bad condition values...), with the places that bring the policy in.
 */
import { diagnosticUrl } from '../../diagnostics/diagnostic.js';
import type { LintContext } from '../context.js';
import type { Finding, LintRule } from '../types.js';

export const compileDiagnosticsRule: LintRule = {
  name: 'policy-compile',
  codes: [], // iam_* compiler codes are listed in docs/diagnostics.md with the loader's
  run(ctx: LintContext): Finding[] {
    return ctx.policies.flatMap((use) =>
      use.compiled.diagnostics.map((d) => ({
        ...d,
        url: d.url ?? diagnosticUrl(d.code),
        ...(use.anchors.length ? { anchors: use.anchors } : {}),
      })),
    );
  },
};

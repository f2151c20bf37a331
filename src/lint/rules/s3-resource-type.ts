/**
 * An S3 action named on ARNs of the wrong resource type, so the statement never applies to it:
 * a bucket action (`s3:ListBucket`) only on object ARNs (`bucket/*`), or an object action
 * (`s3:GetObject`) only on bucket ARNs. Only actions named without wildcards, and only statements
 * whose every Resource has a certain shape (see s3-shapes.ts).
 */
import { actionInfo } from '../../catalog/index.js';
import { elementEntries, rawStatements } from '../json-walk.js';
import { policyFinding, type LintContext } from '../context.js';
import { actionShapes, s3Shape, type S3Shape } from '../s3-shapes.js';
import type { Finding, LintRule } from '../types.js';

/** The S3 code this rule reports for an Action entry on these Resource entries, if any. */
export function s3ShapeMismatch(action: string, resources: readonly string[]): string | undefined {
  if (/[*?]/.test(action)) return undefined;
  const info = actionInfo(action);
  if (!info || info.service !== 's3') return undefined;
  const only = onlyShape(resources);
  if (only !== 'bucket' && only !== 'object') return undefined;
  const acts = actionShapes(info.resourceTypes);
  if (only === 'object' && acts.bucket && !acts.object) return 's3_bucket_action_on_object_arn';
  if (only === 'bucket' && acts.object && !acts.bucket) return 's3_object_action_on_bucket_arn';
  return undefined;
}

const shapes = new Map<string, S3Shape>();

/** The shape all the resources share, if they share one (s3Shape per text, once). */
function onlyShape(resources: readonly string[]): S3Shape | undefined {
  let only: S3Shape | undefined;
  for (const r of resources) {
    let shape = shapes.get(r);
    if (shape === undefined) {
      if (shapes.size > 50_000) shapes.clear();
      shapes.set(r, (shape = s3Shape(r)));
    }
    if (only === undefined) only = shape;
    else if (shape !== only) return undefined;
  }
  return only;
}

export const s3ResourceTypeRule: LintRule = {
  name: 's3-resource-type',
  codes: [
    {
      code: 's3_bucket_action_on_object_arn',
      severity: 'warning',
      summary: 'a bucket action such as `s3:ListBucket` is granted only on object ARNs, which it never matches',
    },
    {
      code: 's3_object_action_on_bucket_arn',
      severity: 'warning',
      summary: 'an object action such as `s3:GetObject` is granted only on bucket ARNs, which it never matches',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const use of ctx.policies.filter((u) => u.kind !== 'trust')) {
      for (const { statement, path } of rawStatements(use.doc.json)) {
        const resources = elementEntries(statement, 'Resource', path);
        if (resources.length === 0) continue;
        const texts = resources.map((r) => r.text);
        for (const action of elementEntries(statement, 'Action', path)) {
          const code = s3ShapeMismatch(action.text, texts);
          if (code === undefined) continue;
          const shown = resources.map((r) => `\`${r.text}\``).join(', ');
          if (code === 's3_bucket_action_on_object_arn') {
            out.push(
              policyFinding(
                use,
                's3_bucket_action_on_object_arn',
                'warning',
                `\`${action.text}\` acts on buckets, but the statement names only object ARNs (${shown}), so it never applies`,
                `add the bucket ARN (without \`/…\`), e.g. \`${resources[0]!.text.replace(/\/.*$/s, '')}\`; limit listing with an \`s3:prefix\` condition`,
                action.path,
              ),
            );
          } else if (code === 's3_object_action_on_bucket_arn') {
            out.push(
              policyFinding(
                use,
                's3_object_action_on_bucket_arn',
                'warning',
                `\`${action.text}\` acts on objects, but the statement names only bucket ARNs (${shown}), so it never applies`,
                `name the objects, e.g. \`${resources[0]!.text}/*\``,
                action.path,
              ),
            );
          }
        }
      }
    }
    return out;
  },
};

/**
 * A Resource ARN that fits no resource type of its service (issue 13), e.g.
 * `arn:aws:ec2:*:123456789012:fake_resource_type/*`: no request of that service names such a
 * resource, so the entry grants (or denies) nothing. Checked against every ARN template of the
 * catalog with that service segment; `*`, `?` and policy variables match any text. Not checked:
 * a service segment the catalog does not know or that holds a wildcard, unresolved values,
 * NotResource, ARNs the import guessed. keycard evaluates the entry as IAM does, as a pattern: only the lint reports it.
 */
import { actionInfo, closest } from '../../catalog/index.js';
import { serviceData } from '../../catalog/iam-data.js';
import type { PathKey } from '../../diagnostics/diagnostic.js';
import { policyFinding, type LintContext } from '../context.js';
import {
  arnService,
  elementAt,
  expandActions,
  fitsType,
  holdsGuessedArn,
  ownPolicies,
  resourceType,
  typesOfNamespace,
  type ResourceTypeArn,
} from '../action-scope.js';
import { isUnresolved } from '../../model/unresolved.js';
import type { Finding, LintRule } from '../types.js';

/** Whether the catalog knows the ARN's service and none of its resource types fits; the types when so. */
type UnknownType = { namespace: string; types: { name: string; arn: string }[] } | undefined;
/** Answers per Resource text: the catalog does not change during a run, and a project repeats its patterns. */
const answers = new Map<string, UnknownType>();

export function unknownResourceType(resource: string): UnknownType {
  if (answers.has(resource)) return answers.get(resource);
  if (answers.size > 50_000) answers.clear();
  const answer = findUnknownResourceType(resource);
  answers.set(resource, answer);
  return answer;
}

const ownTypesOf = new Map<string, (ResourceTypeArn | undefined)[]>();

/** The resource types of the service whose prefix is `namespace`, in the catalog's order. */
function ownTypes(namespace: string): (ResourceTypeArn | undefined)[] {
  let own = ownTypesOf.get(namespace);
  if (!own) {
    own = Object.keys(serviceData(namespace)?.resourceTypes ?? {}).map((name) => resourceType(namespace, name));
    ownTypesOf.set(namespace, own);
  }
  return own;
}

function findUnknownResourceType(resource: string): UnknownType {
  if (isUnresolved(resource) || !resource.startsWith('arn:')) return undefined;
  const namespace = arnService(resource);
  if (!namespace) return undefined;
  // Most ARNs are of the service whose prefix they carry: try its types before reading every service.
  if (ownTypes(namespace).some((t) => t && fitsType(resource, t))) return undefined;
  const types = typesOfNamespace(namespace);
  if (types.length === 0) return undefined;
  return types.some((t) => fitsType(resource, t)) ? undefined : { namespace, types };
}

/** The resource-type word of an ARN (`fake_resource_type` in `…:123456789012:fake_resource_type/*`). */
function typeWord(resource: string): string {
  const rest = resource.split(':').slice(5).join(':');
  return rest.split(/[/:]/)[0] ?? rest;
}

/** The resource types in this namespace of the statement's actions, when the catalog knows them all. */
function typesOfActions(json: unknown, path: PathKey[], namespace: string): ResourceTypeArn[] | undefined {
  const actions = expandActions(elementAt(json, path, 'Action').map((e) => e.text));
  if (!actions) return undefined;
  const out = new Map<string, ResourceTypeArn>();
  for (const a of actions) {
    const info = actionInfo(a);
    for (const name of info?.resourceTypes ?? []) {
      const t = resourceType(info!.service, name);
      if (t && arnService(t.arn) === namespace) out.set(t.name, t);
    }
  }
  return out.size ? [...out.values()] : undefined;
}

export const resourceTypeUnknownRule: LintRule = {
  name: 'resource-type-unknown',
  codes: [
    {
      code: 'iam_resource_type_unknown',
      severity: 'warning',
      summary: 'a Resource ARN that fits no resource type of its service, so no request ever names it',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const use of ownPolicies(ctx, false)) {
      for (const s of use.compiled.statements) {
        for (const entry of elementAt(use.doc.json, s.path, 'Resource')) {
          const found = holdsGuessedArn(ctx.project, entry.text) ? undefined : unknownResourceType(entry.text);
          if (!found) continue;
          const word = typeWord(entry.text);
          const guess = closest(
            word,
            found.types.map((t) => t.name),
            3,
          );
          const like = guess ? found.types.find((t) => t.name === guess) : undefined;
          const examples = typesOfActions(use.doc.json, s.path, found.namespace) ?? found.types;
          const shown = examples
            .slice(0, 6)
            .map((t) => `\`${t.name}\``)
            .join(', ');
          const more = examples.length > 6 ? ` and ${examples.length - 6} more` : '';
          out.push(
            policyFinding(
              use,
              'iam_resource_type_unknown',
              'warning',
              `\`${entry.text}\` fits no resource type of \`${found.namespace}\`, so no request names it and this entry never matches`,
              like
                ? `did you mean the resource type \`${like.name}\`: \`${like.arn}\`?`
                : `write the ARN of a resource type of \`${found.namespace}\`: ${shown}${more} (the Service Authorization Reference gives their ARN formats)`,
              entry.path,
            ),
          );
        }
      }
    }
    return out;
  },
};

/**
 * An Action entry that acts on none of the statement's resources (issue 13): no resource type of
 * any action the entry covers has an ARN that a Resource entry can match, so the statement never
 * applies to it (a grant that grants nothing, a Deny that denies nothing). Actions without a
 * resource type are not judged. For every service of the catalog; the S3 cases that
 * `s3_bucket_action_on_object_arn` and `s3_object_action_on_bucket_arn` report keep their codes
 * and words. Not checked: `*` and unknown actions, NotAction, NotResource, unresolved values, a
 * resource type the catalog lists without an ARN (any resource may then be it), ARNs the import
 * guessed, statements with an ARN of no type the catalog knows (iam_resource_type_unknown), prefixes
 * several services share (action-scope.ts).
 */
import { isUnresolved } from '../../model/unresolved.js';
import { policyFinding, type LintContext } from '../context.js';
import {
  arnService,
  elementAt,
  expandAction,
  fitsType,
  holdsGuessedArn,
  ownPolicies,
  resourceType,
  singleEntry,
  knownNamespace,
  type ResourceTypeArn,
} from '../action-scope.js';
import { serviceData } from '../../catalog/iam-data.js';
import { actionInfo } from '../../catalog/index.js';
import { s3ShapeMismatch } from './s3-resource-type.js';
import { unknownResourceType } from './resource-type-unknown.js';
import type { Finding, LintRule } from '../types.js';

const namespaces = new Map<string, Set<string>>();

/** The ARN namespaces of a service's resource types, and its own prefix. */
function namespacesOf(service: string): Set<string> {
  let out = namespaces.get(service);
  if (!out) {
    out = new Set([service]);
    for (const name of Object.keys(serviceData(service)?.resourceTypes ?? {})) {
      const ns = arnService(resourceType(service, name)?.arn ?? '');
      if (ns) out.add(ns);
    }
    namespaces.set(service, out);
  }
  return out;
}

/** Whether the action may apply to one of the resources (true when the catalog cannot say). */
function appliesToAny(action: string, resources: readonly string[]): boolean {
  const info = actionInfo(action);
  if (!info || !singleEntry(action)) return true;
  // An action without a resource type is authorized against `*`; whether a pattern of its own
  // service such as `arn:aws:s3:::*` matches it (AWS's own examples grant `s3:ListAllMyBuckets` so)
  // is not certain, but an ARN of another service never does.
  if (info.resourceTypes.length === 0) return resources.some((r) => !arnService(r) || namespacesOf(info.service).has(arnService(r)!));
  return typesOfAction(action, info.service, info.resourceTypes).some((t) => !t || resources.some((r) => fitsType(r, t)));
}

const actionTypes = new Map<string, (ResourceTypeArn | undefined)[]>();

/** The catalog's resource types of an action (undefined where a type has no ARN), looked up once per action. */
function typesOfAction(action: string, service: string, names: readonly string[]): (ResourceTypeArn | undefined)[] {
  let types = actionTypes.get(action);
  if (!types) actionTypes.set(action, (types = names.map((name) => resourceType(service, name))));
  return types;
}

export const actionResourceMismatchRule: LintRule = {
  name: 'action-resource-mismatch',
  codes: [
    {
      code: 'iam_action_resource_mismatch',
      severity: 'warning',
      summary: 'an action that acts on no resource type of the statement’s resources, so the statement never applies to it',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const use of ownPolicies(ctx, false)) {
      for (const s of use.compiled.statements) {
        if (s.notAction || s.notResource || s.problems.length || s.unclear.resource || s.unresolved.resource) continue;
        const entries = elementAt(use.doc.json, s.path, 'Resource');
        // A resource of no type the catalog knows may be of a newer one: iam_resource_type_unknown says so.
        const unsure = (text: string) =>
          isUnresolved(text) ||
          !text.startsWith('arn:') ||
          holdsGuessedArn(ctx.project, text) ||
          unknownResourceType(text) !== undefined ||
          (arnService(text) !== undefined && !knownNamespace(arnService(text)!));
        if (entries.length === 0 || entries.some((e) => unsure(e.text))) continue;
        const texts = entries.map((e) => e.text);
        for (const action of elementAt(use.doc.json, s.path, 'Action')) {
          const covered = expandAction(action.text);
          if (!covered || covered.some((a) => appliesToAny(a, texts))) continue;
          if (s3ShapeMismatch(action.text, texts)) continue; // reported in S3 words by s3-resource-type
          const shown = texts.map((r) => `\`${r}\``).join(', ');
          const info = covered.length === 1 ? actionInfo(covered[0]!) : undefined;
          const types = info?.resourceTypes ?? [];
          out.push(
            policyFinding(
              use,
              'iam_action_resource_mismatch',
              'warning',
              `\`${action.text}\` acts on none of the statement's resources (${shown}), so this statement never applies to it`,
              types.length
                ? `name a resource it acts on: ${types
                    .slice(0, 3)
                    .map((n) => `\`${resourceType(info!.service, n)?.arn ?? n}\``)
                    .join(', ')}${types.length > 3 ? ', …' : ''}`
                : 'name a resource of a type these actions act on (the Service Authorization Reference lists them per action)',
              action.path,
            ),
          );
        }
      }
    }
    return out;
  },
};

/**
 * A condition key that no action of the statement ever carries (issue 13), per the catalog: the
 * key is always absent, so a positive operator never matches (the statement never applies) and a
 * negated operator, `…IfExists` or `ForAllValues:` always matches (the condition limits nothing;
 * in an Allow the statement grants without it). Only keys the catalog decides for each action:
 * service keys (`s3:prefix`, `iam:ResourceTag/…`) and the per-action tag keys (`aws:ResourceTag/…`,
 * `aws:RequestTag/…`, `aws:TagKeys`). Never flagged: other global keys, web-identity and SAML
 * keys, service keys the catalog lists for no action (`ec2:SourceInstanceARN` travels with
 * requests to other services), `*` or unknown actions, NotAction statements.
 */
import { actionCarriesKey, actionInfo, serviceListsKey } from '../../catalog/index.js';
import { serviceData } from '../../catalog/iam-data.js';
import type { CompiledCondition } from '../../iam/types.js';
import { policyFinding, type LintContext } from '../context.js';
import { elementAt, expandActions, ownPolicies, singleEntry } from '../action-scope.js';
import { s3PrefixReports } from './s3-prefix-condition.js';
import type { Finding, LintRule } from '../types.js';

/** Service keys that requests to other services carry (credentials of an instance, a function, a managed node). */
const CROSS_SERVICE_KEYS = new Set(['ssm:sourceinstancearn']);

const decidableKeys = new Map<string, boolean>();

/** Whether keycard can decide per action that a key is carried: see the module comment. */
function decidable(keyLower: string): boolean {
  let answer = decidableKeys.get(keyLower);
  if (answer === undefined) decidableKeys.set(keyLower, (answer = decidableUncached(keyLower)));
  return answer;
}

function decidableUncached(keyLower: string): boolean {
  const colon = keyLower.indexOf(':');
  if (colon <= 0 || keyLower.includes('${')) return false;
  const prefix = keyLower.slice(0, colon);
  if (prefix === 'aws') return true; // actionCarriesKey answers only for the per-action tag keys
  if (prefix.includes('.') || prefix === 'saml' || CROSS_SERVICE_KEYS.has(keyLower)) return false;
  return serviceData(prefix) !== undefined && serviceListsKey(keyLower);
}

/**
 * Whether a request for the action carries the key. An action of which the catalog lists neither a
 * resource type nor a condition key says nothing about its own service's keys or the tag keys
 * (AWS documents `aws-marketplace:ProductId` for `aws-marketplace:Subscribe`, which the catalog
 * lists without keys), nor does one of a prefix several services share (action-scope.ts): undefined. Another service's key it never carries.
 */
function carries(action: string, keyLower: string): boolean | undefined {
  let byAction = carried.get(keyLower);
  if (!byAction) carried.set(keyLower, (byAction = new Map()));
  if (byAction.has(action)) return byAction.get(action);
  const answer = carriesUncached(action, keyLower);
  byAction.set(action, answer);
  return answer;
}

/** Answers of `carries` per key and action (the catalog does not change during a run). */
const carried = new Map<string, Map<string, boolean | undefined>>();

function carriesUncached(action: string, keyLower: string): boolean | undefined {
  const info = actionInfo(action);
  const silent = info !== undefined && ((info.resourceTypes.length === 0 && info.conditionKeys.length === 0) || !singleEntry(action));
  if (silent && (keyLower.startsWith('aws:') || keyLower.startsWith(`${info.service}:`))) return undefined;
  return actionCarriesKey(action, keyLower);
}

/** The outcome of a condition on a key the request lacks (iam/conditions.ts evaluateCondition). */
export function holdsWhenAbsent(c: CompiledCondition): boolean {
  if (c.qualifier === 'all') return true;
  if (c.qualifier === 'any') return false;
  return c.ifExists || c.negated;
}

function shown(actions: string[], entries: string[]): string {
  const named = entries.length <= 3 ? entries : [...entries.slice(0, 3), '...'];
  return named.map((a) => `\`${a}\``).join(', ') + (actions.length > entries.length ? ` (${actions.length} actions)` : '');
}

export const conditionKeyNotCarriedRule: LintRule = {
  name: 'condition-key-not-carried',
  codes: [
    {
      code: 'iam_condition_key_not_carried',
      severity: 'warning',
      summary: 'a condition key that none of the statement’s actions carries: a positive condition on it never matches',
    },
    {
      code: 'iam_condition_key_absent_grants',
      severity: 'error',
      summary:
        'an Allow whose negated, `…IfExists` or `ForAllValues` condition is on a key none of its actions carries: it always matches, so the statement grants without that limit',
    },
  ],
  run(ctx: LintContext): Finding[] {
    const out: Finding[] = [];
    for (const use of ownPolicies(ctx, true)) {
      for (const s of use.compiled.statements) {
        if (s.conditions.length === 0 || s.notAction || s.unclear.action || s.unresolved.action || s.problems.length) continue;
        let actions: string[] | undefined | null = null;
        let written: string[] | undefined;
        for (const c of s.conditions) {
          if (!c.key || c.unknown || c.unresolved?.length || c.family === 'null' || !decidable(c.keyLower)) continue;
          if (s3PrefixReports(s, c)) continue; // reported by s3_prefix_on_object_action, in S3 words
          written ??= elementAt(use.doc.json, s.path, 'Action').map((e) => e.text);
          if (actions === null) actions = expandActions(written);
          if (!actions?.length) break;
          if (actions.some((a) => carries(a, c.keyLower) !== false)) continue;
          const names = shown(actions, written);
          if (!holdsWhenAbsent(c)) {
            out.push(
              policyFinding(
                use,
                'iam_condition_key_not_carried',
                'warning',
                `no request for ${names} carries \`${c.key}\`, so \`${c.operator}\` never matches and this statement never applies`,
                `use a condition key these actions carry (the Service Authorization Reference lists them per action), or remove the condition`,
                c.path,
              ),
            );
          } else if (s.effect === 'Deny') {
            out.push(
              policyFinding(
                use,
                'iam_condition_key_not_carried',
                'warning',
                `no request for ${names} carries \`${c.key}\`, so \`${c.operator}\` always matches and this Deny applies without that condition`,
                `use a condition key these actions carry (the Service Authorization Reference lists them per action), or remove the condition`,
                c.path,
              ),
            );
          } else {
            out.push(
              policyFinding(
                use,
                'iam_condition_key_absent_grants',
                'error',
                `no request for ${names} carries \`${c.key}\`, so \`${c.operator}\` always matches: this statement grants its actions without that limit`,
                `use a condition key these actions carry (e.g. \`aws:ResourceTag/…\` for the resource's own tags), or a positive operator so that a missing key denies`,
                c.path,
              ),
            );
          }
        }
      }
    }
    return out;
  },
};

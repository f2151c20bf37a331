/**
 * The resources an access map evaluates: the project's buckets, and the prefixes its policies
 * mention with variables substituted for this user (`private/<identityId>/`). Prefixes that hold
 * the user's identity id also get an "another user's" twin, so the map shows what a user may do
 * to other people's files.
 */
import { serviceData } from '../catalog/iam-data.js';
import { ANY_ONE, STAR } from '../iam/glob.js';
import { resolveTemplate } from '../iam/variables.js';
import type { ContextValue, PolicyDocument } from '../model/types.js';
import { resourceTemplates } from './resource-patterns.js';
import { resourceDocumentFor, type Session } from './session.js';
import type { AccessTarget } from './types.js';

const SUB_KEY = 'cognito-identity.amazonaws.com:sub';
/** Stands in for "some other user" in prefixes keyed by identity id. */
const OTHER_IDENTITY = 'us-east-1:00000000-0000-4000-8000-00000000beef';
const EXAMPLE_OBJECT = 'keycard-example.jpg';

function bucketNameOf(arnPattern: string): string | undefined {
  const m = /^arn:[^:]+:s3:::([^/]+)/.exec(arnPattern);
  return m && !m[1]!.includes(STAR) && !m[1]!.includes(ANY_ONE) && m[1] !== '*' ? m[1] : undefined;
}

/** `public/` + STAR → the text up to the first wildcard, and a representative object's ARN. */
function objectKey(bucket: string, keyPattern: string): { prefix: string; exact: boolean; arn: string } {
  const star = keyPattern.indexOf(STAR);
  const one = keyPattern.indexOf(ANY_ONE);
  let cut = keyPattern.length;
  if (star >= 0) cut = star;
  if (one >= 0 && one < cut) cut = one;
  const prefix = keyPattern.slice(0, cut);
  const exact = cut === keyPattern.length;
  const key = exact ? prefix : `${prefix}${prefix.endsWith('/') || prefix === '' ? '' : '-'}${EXAMPLE_OBJECT}`;
  return { prefix, exact, arn: `arn:aws:s3:::${bucket}/${key}` };
}

/** `public/` + STAR → a representative object key and a label. */
function objectTarget(bucket: string, keyPattern: string, identityId: string, owner?: 'own' | 'others'): AccessTarget {
  const { prefix, exact, arn } = objectKey(bucket, keyPattern);
  const show = (s: string) => s.split(STAR).join('*').split(ANY_ONE).join('?');
  let label = `${bucket}/${exact ? show(keyPattern) : show(prefix) + '*'}`;
  if (owner === 'own') label = label.replace(identityId, '<you>');
  if (owner === 'others') label = label.replace(OTHER_IDENTITY, '<another user>');
  return { kind: 'object', arn, label, bucket, ...(owner ? { owner } : {}) };
}

/**
 * Every policy of the project, not only the session's: every user's map then has the same
 * columns, so users can be compared, and a map shows the prefixes a user is kept out of.
 */
function projectDocuments(session: Session): PolicyDocument[] {
  const project = session.project;
  const out: PolicyDocument[] = [];
  for (const role of project.roles.values()) out.push(...role.inlinePolicies);
  for (const mp of project.managedPolicies.values()) out.push(mp.document);
  for (const s of session.resolution.sessionPolicies) out.push(s.document);
  out.push(...project.organization.serviceControlPolicies, ...project.organization.resourceControlPolicies);
  for (const arn of project.resourcePolicies.keys()) {
    const doc = resourceDocumentFor(project, arn);
    if (doc) out.push(doc);
  }
  return out;
}

const targetCache = new WeakMap<Session, AccessTarget[]>();

/** The targets of a session's access map (computed once per session). */
export function accessTargets(session: Session): AccessTarget[] {
  let t = targetCache.get(session);
  if (!t) targetCache.set(session, (t = buildTargets(session)));
  return t;
}

function buildTargets(session: Session): AccessTarget[] {
  const context = new Map<string, ContextValue>();
  for (const [key, v] of Object.entries(session.context)) if (!context.has(key.toLowerCase())) context.set(key.toLowerCase(), v);
  const lookup = (k: string): string | undefined => {
    const v = context.get(k.toLowerCase());
    return typeof v === 'string' ? v : undefined;
  };
  const otherLookup = (k: string) => (k.toLowerCase() === SUB_KEY ? OTHER_IDENTITY : lookup(k));
  const id = session.resolution.identityId;
  const buckets = new Set<string>();
  for (const arn of session.project.resourcePolicies.keys()) {
    const b = bucketNameOf(arn);
    if (b) buckets.add(b);
  }
  const objects = new Map<string, AccessTarget>();
  // The first pattern of each object ARN names it (its label is made once).
  const addObject = (bucket: string, keyPattern: string, owner?: 'own' | 'others') => {
    const arn = objectKey(bucket, keyPattern).arn;
    if (!objects.has(arn)) objects.set(arn, objectTarget(bucket, keyPattern, id, owner));
  };
  for (const doc of projectDocuments(session)) {
    for (const template of resourceTemplates(doc)) {
      const own = resolveTemplate(template, lookup);
      if (own === undefined) continue;
      const bucket = bucketNameOf(own);
      if (!bucket) continue;
      buckets.add(bucket);
      const slash = own.indexOf('/');
      if (slash < 0) continue;
      const usesSub = template.keys.includes(SUB_KEY);
      addObject(bucket, own.slice(slash + 1), usesSub ? 'own' : undefined);
      if (usesSub) {
        const other = resolveTemplate(template, otherLookup);
        if (other && other !== own && other.indexOf('/') > 0) addObject(bucket, other.slice(other.indexOf('/') + 1), 'others');
      }
    }
  }
  const byBucket = new Map<string, AccessTarget[]>();
  for (const t of objects.values()) {
    const list = byBucket.get(t.bucket!);
    if (list) list.push(t);
    else byBucket.set(t.bucket!, [t]);
  }
  const out: AccessTarget[] = [];
  for (const b of [...buckets].sort()) {
    out.push({ kind: 'bucket', arn: `arn:aws:s3:::${b}`, label: b, bucket: b });
    const mine = (byBucket.get(b) ?? []).filter((t) => t.label !== `${b}/*`).sort((x, y) => x.label.localeCompare(y.label));
    out.push(...mine);
    out.push({
      kind: 'object',
      arn: `arn:aws:s3:::${b}/keycard-any-other-key/${EXAMPLE_OBJECT}`,
      label: `${b}/* (any other key)`,
      bucket: b,
    });
  }
  out.push(...accessPointTargets(session));
  out.push({ kind: 'wildcard', arn: '*', label: '* (account-level actions)' });
  return out;
}

/** The project's access points: the access point itself (list actions) and an object through it. */
function accessPointTargets(session: Session): AccessTarget[] {
  const out: AccessTarget[] = [];
  for (const ap of [...(session.project.accessPoints?.values() ?? [])].sort((a, b) => a.AccessPointArn.localeCompare(b.AccessPointArn))) {
    const label = `accesspoint/${ap.Name}`;
    const account = ap.AccessPointArn.split(':')[4];
    const suffix = account === session.project.account ? '' : ` (account ${account})`;
    out.push({ kind: 'bucket', arn: ap.AccessPointArn, label: `${label}${suffix}`, bucket: ap.Bucket, accessPoint: ap.AccessPointArn });
    out.push({
      kind: 'object',
      arn: `${ap.AccessPointArn}/object/${EXAMPLE_OBJECT}`,
      label: `${label}/*${suffix}`,
      bucket: ap.Bucket,
      accessPoint: ap.AccessPointArn,
    });
  }
  return out;
}

const otherTargets = new WeakMap<Session, Map<string, AccessTarget>>();

/** An example ARN for S3 resource types other than bucket and object (access points, jobs...). */
export function otherTarget(resourceType: string, session: Session): AccessTarget {
  let cache = otherTargets.get(session);
  if (!cache) otherTargets.set(session, (cache = new Map()));
  let t = cache.get(resourceType);
  if (!t) cache.set(resourceType, (t = buildOtherTarget(resourceType, session)));
  return t;
}

function buildOtherTarget(resourceType: string, session: Session): AccessTarget {
  const format =
    serviceData('s3')?.resourceTypes[resourceType]?.arn ?? `arn:\${Partition}:s3:\${Region}:\${Account}:${resourceType}/example`;
  const arn = format
    .replace('${Partition}', 'aws')
    .replace('${Region}', session.project.region)
    .replace('${Account}', session.project.account)
    .replace(/\$\{[^}]+\}/g, 'example');
  return { kind: 'other', arn, label: `${resourceType} (${arn})`, resourceType };
}

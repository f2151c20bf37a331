/**
 * Placeholders for names that exist only after deploy (imports.md §3): deterministic from the
 * source and the logical id, shaped as AWS shapes them, stable from run to run.
 */
import { createHash } from 'node:crypto';

function digest(seed: string): Buffer {
  return createHash('sha256').update(seed).digest();
}

function chars(seed: string, n: number, alphabet: string): string {
  const d = digest(seed);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[d[i % d.length]! % alphabet.length];
  return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `us-east-1_` and nine characters. */
export function userPoolId(region: string, seed: string): string {
  return `${region}_${chars(`userpool\n${seed}`, 9, ALNUM)}`;
}

/** 26 lower-case characters. */
export function clientId(seed: string): string {
  return chars(`client\n${seed}`, 26, LOWER);
}

/** `region:uuid`. */
export function identityPoolId(region: string, seed: string): string {
  const h = digest(`identitypool\n${seed}`).toString('hex');
  return `${region}:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** CloudFormation's generated physical name: `stack-LogicalId-SUFFIX`, within `max` characters. */
export function generatedName(stackName: string, logicalId: string, seed: string, max = 64, lower = false): string {
  const suffix = chars(`name\n${seed}`, lower ? 12 : 12, lower ? LOWER : UPPER);
  const room = max - suffix.length - 2;
  let stack = stackName;
  let id = logicalId;
  while (stack.length + id.length > room) {
    if (stack.length >= id.length) stack = stack.slice(0, -1);
    else id = id.slice(0, -1);
  }
  const name = `${stack}-${id}-${suffix}`;
  return lower ? name.toLowerCase() : name;
}

/** A stack id ARN's uuid part. */
export function uuid(seed: string): string {
  const h = digest(`uuid\n${seed}`).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Six digits (the Amplify CLI's stack-name part). */
export function digits(seed: string, n: number): string {
  return chars(`digits\n${seed}`, n, '0123456789');
}

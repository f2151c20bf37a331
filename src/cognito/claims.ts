/**
 * Reading claim values safely. Claims come from user files and tokens, so any JSON value may turn
 * up under any name (including `toString`): lookups use Object.hasOwn and conversions never throw.
 */
import type { Claims } from '../model/types.js';

export function hasClaim(claims: Claims, name: string): boolean {
  return claims !== null && typeof claims === 'object' && Object.hasOwn(claims, name);
}

export function getClaim(claims: Claims, name: string): unknown {
  return hasClaim(claims, name) ? claims[name] : undefined;
}

/** A string claim, or undefined when absent or not a string. */
export function stringClaim(claims: Claims, name: string): string | undefined {
  const v = getClaim(claims, name);
  return typeof v === 'string' ? v : undefined;
}

/** A scalar as the service compares it: strings as-is, anything else as its JSON text (decision #5). */
export function claimText(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json;
  } catch {
    return String(value);
  }
}

/** Values of a claim that may be a list: `[a, b]` gives both elements as text, a scalar gives itself. */
export function claimTexts(value: unknown): string[] {
  return Array.isArray(value) ? value.map(claimText) : [claimText(value)];
}

/** `cognito:roles` is a JSON array in real tokens and a comma-separated string in the docs (decision #9). */
export function roleList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value.map(claimText) : claimText(value).split(',');
  return [...new Set(items.map((s) => s.trim()).filter((s) => s.length > 0))];
}

/** The claims as a JSON-safe record (drops nothing; used for the Resolution output). */
export function isClaimsObject(value: unknown): value is Claims {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

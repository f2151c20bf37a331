/**
 * Conversion of IAM condition values into exact Cedar literals. Anything Cedar cannot represent
 * exactly (numbers beyond 4 decimals or 1e11, odd IP spellings, out-of-range dates) yields
 * undefined, and the caller reports the construct as untranslatable instead of approximating.
 */

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const EPOCH = /^[+-]?\d+(\.\d+)?$/;
const ISO = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]+$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; exact: boolean };

/** IAM number text → Cedar `decimal` text; exact only within 1e11 and 4 fractional digits. */
export function toDecimal(text: string): Parsed<string> {
  const s = text.trim();
  if (!NUMBER.test(s)) return { ok: false, exact: true };
  const n = Number(s);
  if (!Number.isFinite(n) || Math.abs(n) >= 1e11) return { ok: false, exact: false };
  const fixed = n.toFixed(4);
  if (Number(fixed) !== n) return { ok: false, exact: false };
  return { ok: true, value: fixed === '-0.0000' ? '0.0000' : fixed };
}

/** IAM date (ISO 8601 W3C profile, or epoch seconds) → Cedar `datetime` text in UTC. */
export function toDatetime(text: string): Parsed<string> {
  const s = text.trim();
  let ms: number;
  if (EPOCH.test(s)) {
    ms = Number(s) * 1000;
    if (!Number.isInteger(ms)) return { ok: false, exact: false };
  } else if (ISO.test(s)) {
    // A date-time without a zone is UTC, like AWS.
    const withZone = /T/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s;
    ms = Date.parse(withZone);
    if (Number.isNaN(ms)) return { ok: false, exact: true };
  } else {
    return { ok: false, exact: true };
  }
  const d = new Date(ms);
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1 || d.getUTCFullYear() > 9999) return { ok: false, exact: false };
  return { ok: true, value: d.toISOString() };
}

/** An address or CIDR Cedar's `ip()` parses the same way keycard does; undefined otherwise. */
export function toIp(text: string, allowPrefix: boolean): Parsed<string> {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = slash >= 0 ? s.slice(0, slash) : s;
  const prefix = slash >= 0 ? s.slice(slash + 1) : undefined;
  if (prefix !== undefined && (!allowPrefix || !/^(0|[1-9]\d{0,2})$/.test(prefix))) return { ok: false, exact: false };
  if (IPV4.test(addr)) return prefix === undefined || Number(prefix) <= 32 ? { ok: true, value: s } : { ok: false, exact: false };
  if (IPV6.test(addr) && addr.includes(':') && addr.split('::').length <= 2) {
    return prefix === undefined || Number(prefix) <= 128 ? { ok: true, value: s } : { ok: false, exact: false };
  }
  return { ok: false, exact: false };
}

/** ARN text split into six segments (the sixth keeps further colons); undefined when fewer. */
export function arnParts(text: string): string[] | undefined {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < 5; i++) {
    const colon = text.indexOf(':', start);
    if (colon < 0) return undefined;
    out.push(text.slice(start, colon));
    start = colon + 1;
  }
  out.push(text.slice(start));
  return out;
}

/** A policy or context scalar as text (numbers and booleans by their JSON spelling). */
export function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

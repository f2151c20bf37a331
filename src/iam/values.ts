/** Parsing of typed condition values: numbers, dates (ISO 8601 or epoch), booleans. */

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const EPOCH = /^[+-]?\d+(\.\d+)?$/;
// W3C profile of ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, with optional time and zone.
const ISO = /^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** Milliseconds since the epoch; epoch values are seconds (AWS's aws:EpochTime unit). */
export function parseDate(text: string): number | undefined {
  const s = text.trim();
  if (EPOCH.test(s)) return Number(s) * 1000;
  if (!ISO.test(s)) return undefined;
  // A date-time without a zone is read as UTC, like AWS.
  const withZone = /T/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? `${s}Z` : s;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Policy and context scalars are compared as text: numbers and booleans by their JSON spelling. */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

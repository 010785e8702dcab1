/**
 * Comparing a stored column value with the value the entries give, the way
 * the database means it rather than byte for byte: jsonb key order is not
 * kept by PostgreSQL, numeric columns come back as strings, timestamps come
 * back as ISO strings in UTC (src/store/db.ts type parsers), and an absent
 * (undefined) object member is what JSON.stringify drops on the way in.
 */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const NUMERIC = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameNumber(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Same instant, when both strings are ISO date-times (a timestamptz column read back vs an entry's `at`). */
function sameInstant(a: string, b: string): boolean {
  if (!ISO_INSTANT.test(a) || !ISO_INSTANT.test(b)) return false;
  const x = Date.parse(a);
  return Number.isFinite(x) && x === Date.parse(b);
}

/** Does stored value `a` mean the same as expected value `b`? undefined counts as null / absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date) a = a.toISOString();
  if (b instanceof Date) b = b.toISOString();
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a === 'number' && typeof b === 'number') return sameNumber(a, b);
  // numeric / decimal columns are returned as strings by the pg driver.
  if (typeof a === 'string' && typeof b === 'number') return NUMERIC.test(a.trim()) && sameNumber(Number(a), b);
  if (typeof a === 'number' && typeof b === 'string') return NUMERIC.test(b.trim()) && sameNumber(a, Number(b));
  if (typeof a === 'string' && typeof b === 'string') return sameInstant(a, b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return sameBytes(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
  }
  return false;
}

/** Columns whose values differ between a stored row and the expected row, in a stable order. */
export function differingColumns(stored: Record<string, unknown>, expected: Record<string, unknown>): string[] {
  const cols = new Set([...Object.keys(expected), ...Object.keys(stored)]);
  const out: string[] = [];
  for (const c of cols) {
    if (!Object.hasOwn(stored, c) && expected[c] !== undefined) out.push(c);
    else if (!sameValue(stored[c], expected[c])) out.push(c);
  }
  return out;
}

export interface Difference {
  /** Where inside the value, e.g. ".deadlines_hours.triage" or "[2].id"; "" for the value itself. */
  path: string;
  stored: unknown;
  expected: unknown;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The first place two values differ, descending into objects and equal-length
 * arrays, so a jsonb column's report names the member that changed rather
 * than the whole document. undefined when they are the same.
 */
export function firstDifference(stored: unknown, expected: unknown, path = ''): Difference | undefined {
  if (sameValue(stored, expected)) return undefined;
  if (isPlainObject(stored) && isPlainObject(expected)) {
    for (const k of new Set([...Object.keys(expected), ...Object.keys(stored)])) {
      const d = firstDifference(stored[k], expected[k], path + (IDENTIFIER.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`));
      if (d) return d;
    }
  }
  if (Array.isArray(stored) && Array.isArray(expected) && stored.length === expected.length) {
    for (let i = 0; i < stored.length; i++) {
      const d = firstDifference(stored[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  return { path, stored, expected };
}

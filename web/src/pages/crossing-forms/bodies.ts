/**
 * The crossing and movement forms' fields turned into the request bodies the
 * API accepts (pure, no React): the same fields, enumerations and limits as
 * the server's schemas, so most mistakes are explained before anything is
 * sent. A mistake throws Invalid with a message key of ../../i18n/crossing-forms.ts
 * and the key of the field's label. Times are typed in UTC — the time every
 * screen of Annex shows — and sent as UTC ISO strings.
 */
import { MOVEMENT_CATEGORIES, TRAFFIC_TYPES, type Tally } from '../../agreements/api.js';
import {
  CLAUSE_REF, CROSSING_STATUSES, LIMITS, ORG_ID, PUBLICATIONS, STATUS_METHODS, VERIFICATION_OUTCOMES,
  type ComplaintBody, type CountBody, type LinkBody, type Queues, type ReconcileBody, type StatusReportBody, type VerifyBody,
} from '../../agreements/crossing-actions-api.js';
import type { CrossingFormKey } from '../../i18n/crossing-forms.js';
import { SEVERITIES, VISIBILITIES } from '../../lists.js';

/** What to fix: a message key, the label key of the field concerned, and the message's other values. */
export class Invalid extends Error {
  constructor(readonly key: CrossingFormKey, readonly field?: CrossingFormKey, readonly vars: Readonly<Record<string, string | number>> = {}) {
    super(key);
  }
}

/** FormData, or anything that reads fields the same way (the tests). */
export interface Fields {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}

const str = (f: Fields, name: string) => String(f.get(name) ?? '').trim();
const oneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

function required(f: Fields, name: string, field: CrossingFormKey, max?: number): string {
  const v = str(f, name);
  if (!v) throw new Invalid('v.required', field);
  if (max !== undefined && v.length > max) throw new Invalid('v.tooLong', field, { max });
  return v;
}

function optional(f: Fields, name: string, field: CrossingFormKey, max: number): string | undefined {
  const v = str(f, name);
  if (v.length > max) throw new Invalid('v.tooLong', field, { max });
  return v || undefined;
}

function choice<T extends string>(f: Fields, name: string, field: CrossingFormKey, list: readonly T[]): T {
  const v = str(f, name);
  if (!oneOf(list, v)) throw new Invalid('v.required', field);
  return v;
}

function org(f: Fields, name: string, field: CrossingFormKey, need: boolean): string | undefined {
  const v = str(f, name).toUpperCase();
  if (!v) {
    if (need) throw new Invalid('v.required', field);
    return undefined;
  }
  if (!ORG_ID.test(v)) throw new Invalid('v.org', field);
  return v;
}

/** A whole number from 0 to max, or undefined when the field is empty. */
function whole(f: Fields, name: string, field: CrossingFormKey, max: number): number | undefined {
  const v = str(f, name);
  if (!v) return undefined;
  if (!/^\d+$/.test(v) || Number(v) > max) throw new Invalid('v.whole', field, { max });
  return Number(v);
}

/** The value for a datetime-local input showing `d` in UTC ('2025-11-21T06:10'). */
export function utcInputValue(d: Date): string {
  return d.toISOString().slice(0, 16);
}

/** A datetime-local value read as UTC ('2025-11-21T06:10' → '2025-11-21T06:10:00.000Z'), or null if it is not a time. */
export function utcFromInput(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(v)) return null;
  const t = Date.parse(`${v}Z`);
  if (!Number.isFinite(t)) return null;
  const iso = new Date(t).toISOString();
  // Date.parse rolls 2025-02-30 over to March: refuse what is not a real date and time.
  return iso.slice(0, 16) === v.slice(0, 16) ? iso : null;
}

/** A real calendar date 'YYYY-MM-DD' (2025-02-30 is not). */
export function isDate(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && utcFromInput(`${v}T00:00`) !== null;
}

function time(f: Fields, name: string, field: CrossingFormKey, need: boolean): string | undefined {
  const v = str(f, name);
  if (!v) {
    if (need) throw new Invalid('v.required', field);
    return undefined;
  }
  const iso = utcFromInput(v);
  if (!iso) throw new Invalid('v.time', field);
  return iso;
}

function queues(f: Fields): Queues | undefined {
  const trucks = whole(f, 'trucks', 'f.trucks', LIMITS.trucks);
  const people = whole(f, 'people', 'f.people', LIMITS.people);
  if (trucks === undefined && people === undefined) return undefined;
  return { ...(trucks !== undefined ? { trucks } : {}), ...(people !== undefined ? { people } : {}) };
}

/** Only the keys that have a value (the schemas are strict and refuse empty strings). */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The sides the viewer may report for, as the crossing's `report_sides` says (one: fixed; several: chosen). */
export interface StatusReporter {
  sides: readonly string[];
}

export function statusReportBody(f: Fields, reporter: StatusReporter): StatusReportBody {
  const side = reporter.sides.length === 1 ? reporter.sides[0]! : choice(f, 'side', 'f.side', reporter.sides);
  const traffic = f.getAll('traffic_types').map(String).filter((t) => oneOf(TRAFFIC_TYPES, t));
  if (traffic.length === 0) throw new Invalid('v.traffic', 'f.traffic');
  const status = choice(f, 'status', 'f.status', CROSSING_STATUSES);
  const from = time(f, 'effective_from', 'f.from', true)!;
  const to = time(f, 'effective_to', 'f.to', false);
  if (to !== undefined && to <= from) throw new Invalid('v.order', 'f.to');
  return defined({
    side,
    traffic_types: [...new Set(traffic)],
    status,
    effective_from: from,
    effective_to: to,
    announced_by: org(f, 'announced_by', 'f.announcedBy', false),
    method: choice(f, 'method', 'f.method', STATUS_METHODS),
    reason: optional(f, 'reason', 'f.reason', LIMITS.reason),
    queues: queues(f),
    commitment_id: str(f, 'commitment_id') || undefined,
    source: optional(f, 'source', 'f.source', LIMITS.source),
    visibility: choice(f, 'visibility', 'f.visibility', VISIBILITIES),
  });
}

export function verifyBody(f: Fields): VerifyBody {
  return defined({
    outcome: choice(f, 'outcome', 'f.outcome', VERIFICATION_OUTCOMES),
    method: choice(f, 'method', 'f.method', STATUS_METHODS),
    observed_at: time(f, 'observed_at', 'f.observedAt', false),
    queues: queues(f),
    note: optional(f, 'note', 'f.note', LIMITS.verifyNote),
  });
}

export function linkBody(f: Fields): LinkBody {
  const body = defined({ commitment_id: str(f, 'commitment_id') || undefined, incident_id: str(f, 'incident_id') || undefined });
  if (!body.commitment_id && !body.incident_id) throw new Invalid('v.linkOne');
  return body;
}

export function complaintBody(f: Fields): ComplaintBody {
  const ticked = f.getAll('clause_refs').map((v) => String(v).trim());
  const typed = str(f, 'clause_other').split(/[,\s]+/);
  const refs = [...new Set([...ticked, ...typed].filter(Boolean))];
  if (refs.length === 0) throw new Invalid('v.clauses', 'f.clauses');
  const bad = refs.find((r) => !CLAUSE_REF.test(r));
  if (bad) throw new Invalid('v.clause', 'f.clauseOther', { ref: bad });
  if (refs.length > LIMITS.clauseRefs) throw new Invalid('v.tooMany', 'f.clauses', { max: LIMITS.clauseRefs });
  const severity = str(f, 'severity');
  const visibility = str(f, 'visibility');
  return defined({
    clause_refs: refs,
    title: optional(f, 'title', 'f.title', LIMITS.complaintTitle),
    notes: optional(f, 'notes', 'f.notes', LIMITS.complaintNotes),
    severity: oneOf(SEVERITIES, severity) ? severity : undefined,
    visibility: oneOf(VISIBILITIES, visibility) ? visibility : undefined,
  });
}

export function countBody(f: Fields): CountBody {
  const crossing = required(f, 'crossing_id', 'f.crossing');
  const from = required(f, 'period_from', 'f.periodFrom');
  const to = required(f, 'period_to', 'f.periodTo');
  for (const [v, field] of [[from, 'f.periodFrom'], [to, 'f.periodTo']] as const) {
    if (!isDate(v)) throw new Invalid('v.date', field);
  }
  if (to < from) throw new Invalid('v.period', 'f.periodTo');
  const count = whole(f, 'count', 'f.count', LIMITS.count);
  if (count === undefined) throw new Invalid('v.required', 'f.count');
  return defined({
    crossing_id: crossing,
    period_from: from,
    period_to: to,
    direction: `into_${org(f, 'into', 'f.into', true)!}`,
    category: choice(f, 'category', 'f.category', MOVEMENT_CATEGORIES),
    count,
    source: required(f, 'source', 'f.countSource', LIMITS.countSource),
    method: optional(f, 'method', 'f.countMethod', LIMITS.countMethod),
    note: optional(f, 'note', 'f.countNote', LIMITS.countNote),
    visibility: choice(f, 'visibility', 'f.visibility', VISIBILITIES),
  });
}

/** The agreed figure, based on the counts the mediator was shown (refused with 409 if one changed since). */
export function reconcileBody(f: Fields, tally: Pick<Tally, 'counts'>): ReconcileBody {
  const agreed = whole(f, 'agreed_count', 'f.agreed', LIMITS.count);
  if (agreed === undefined) throw new Invalid('v.required', 'f.agreed');
  return {
    agreed_count: agreed,
    note: required(f, 'note', 'f.reconcileNote', LIMITS.reconcileNote),
    publication: choice(f, 'publication', 'f.publication', PUBLICATIONS),
    based_on: Object.fromEntries(tally.counts.map((c) => [c.org, c.entry_index])),
  };
}

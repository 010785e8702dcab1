/**
 * The commitment forms' logic, without React or fetch: form fields in,
 * request bodies out (src/api/routes/commitments.schema.ts and
 * src/domain/entries/commitment.ts, with the same limits), or an Invalid
 * naming the message to show. The server checks everything again (parties,
 * clauses, links, that an extension moves the due day later) and its
 * refusal is shown as it says it. Unit-tested in model.test.ts.
 */
import type { CommitmentDetail, Deadline } from '../../agreements/api.js';
import type { AmendBody, CommitmentVisibility, DDayBody, ExtendBody, KrocStatus, RegisterBody, ReportBody } from '../../agreements/commitment-actions-api.js';
import type { CommitmentFormKey } from '../../i18n/commitment-forms.js';

export const KROC: readonly KrocStatus[] = ['not_started', 'minimal', 'intermediate', 'complete'];
export const VISIBILITY_ORDER: readonly CommitmentVisibility[] = ['mediators', 'parties', 'public'];

/** As the API checks them (src/domain/entries/common.ts, commitment.ts). */
export const ORG_ID = /^[A-Z0-9_-]{2,32}$/;
export const CLAUSE_REF = /^[A-Za-z0-9._-]{1,32}$/;
export const EVIDENCE_ID = /^EV-\d{4}-\d{4,7}$/;
export const COMMITMENT_ID = /^COM-[1-9]\d{0,6}$/;
export const LIMITS = { title: 300, indicator: 2000, evidence_required: 2000, notes: 4000, note: 4000, reason: 4000, evidence: 50, conditions: 10, dDayReason: 2000 } as const;
export const DAYS = { min: -365, max: 3650 } as const;

/** What to tell the user: a message key, its values, and (for {field}) the key of the field's label. */
export class Invalid extends Error {
  constructor(readonly key: CommitmentFormKey, readonly vars: Readonly<Record<string, string | number>> = {}, readonly field?: CommitmentFormKey) {
    super(key);
  }
}

/** A form's values: `get` one (trimmed, '' when absent), `all` the checked values of a group. */
export interface Fields {
  get(name: string): string;
  all(name: string): string[];
}

export function formFields(f: FormData): Fields {
  return {
    get: (k) => String(f.get(k) ?? '').trim(),
    all: (k) => f.getAll(k).map((v) => String(v).trim()).filter(Boolean),
  };
}

function required(fields: Fields, name: string, label: CommitmentFormKey, max: number): string {
  const v = fields.get(name);
  if (!v) throw new Invalid('v.required', {}, label);
  if (v.length > max) throw new Invalid('v.tooLong', { max }, label);
  return v;
}

const isCalendarDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(Date.parse(`${d}T00:00:00.000Z`)).toISOString().slice(0, 10) === d;

/** The deadline fieldset: `deadline_kind` 'date' (with `deadline_date`) or 'relative' (with `deadline_days`). */
export function deadlineFrom(fields: Fields): Deadline {
  if (fields.get('deadline_kind') === 'relative') {
    const raw = fields.get('deadline_days');
    if (!raw) throw new Invalid('v.required', {}, 'deadline.days');
    const days = Number(raw);
    if (!/^-?\d+$/.test(raw) || days < DAYS.min || days > DAYS.max) throw new Invalid('v.days', { min: DAYS.min, max: DAYS.max }, 'deadline.days');
    return { relative_to: 'd_day', days };
  }
  const date = fields.get('deadline_date');
  if (!date) throw new Invalid('v.required', {}, 'deadline.dateLabel');
  if (!isCalendarDate(date)) throw new Invalid('v.date', {}, 'deadline.dateLabel');
  return { date };
}

/** Setting D-day (POST /api/clauses/d-day): a calendar date 'YYYY-MM-DD' (not a time), and the reason. */
export function dDayBody(fields: Fields): DDayBody {
  const d_day = fields.get('d_day');
  if (!d_day) throw new Invalid('v.required', {}, 'dday.date');
  if (!isCalendarDate(d_day)) throw new Invalid('v.date', {}, 'dday.date');
  return { d_day, reason: required(fields, 'reason', 'dday.reason', LIMITS.dDayReason) };
}

/** The day a deadline falls on, as the server resolves it (src/domain/commitment.ts resolveDueDate); null without D-day. */
export function resolveDeadline(d: Deadline, dDay: string | null): string | null {
  if ('date' in d) return d.date;
  if (dDay === null) return null;
  return new Date(Date.parse(`${dDay}T00:00:00.000Z`) + d.days * 86_400_000).toISOString().slice(0, 10);
}

/** What is typed in the evidence field, split at commas, semicolons, spaces or lines. */
const typedIds = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

/** Evidence numbers typed in one field, separated by commas, spaces or lines; each once. */
export function evidenceIds(text: string): string[] {
  const ids = [...new Set(typedIds(text))];
  const bad = ids.find((id) => !EVIDENCE_ID.test(id));
  if (bad !== undefined) throw new Invalid('v.evidenceId', { id: bad });
  if (ids.length > LIMITS.evidence) throw new Invalid('v.tooMany', { max: LIMITS.evidence }, 'f.evidence');
  return ids;
}

/** The evidence field's text with `id` added at its end, unless it is already cited there. */
export function withEvidenceId(text: string, id: string): string {
  const typed = typedIds(text);
  return typed.includes(id) ? text : [...typed, id].join(', ');
}

/** verify and self_report: the status, the evidence cited, and the note (required). */
export function reportBody(fields: Fields, noteLabel: CommitmentFormKey): ReportBody {
  const status = fields.get('status') as KrocStatus;
  if (!KROC.includes(status)) throw new Invalid('v.status');
  const evidence = evidenceIds(fields.get('evidence'));
  return { status, evidence, note: required(fields, 'note', noteLabel, LIMITS.note) };
}

export function extendBody(fields: Fields): ExtendBody {
  const deadline = deadlineFrom(fields);
  return { deadline, reason: required(fields, 'reason', 'f.reason', LIMITS.reason) };
}

function conditions(fields: Fields, self?: string): string[] {
  const ids = [...new Set(fields.all('conditional_on'))].filter((id) => id !== self);
  const bad = ids.find((id) => !COMMITMENT_ID.test(id));
  if (bad !== undefined) throw new Invalid('v.commitmentId', { id: bad });
  if (ids.length > LIMITS.conditions) throw new Invalid('v.tooMany', { max: LIMITS.conditions }, 'f.conditionalOn');
  return ids;
}

function clause(fields: Fields): string {
  const id = fields.get('clause_id');
  if (!id) throw new Invalid('v.required', {}, 'f.clause');
  if (!CLAUSE_REF.test(id)) throw new Invalid('v.clause', {}, 'f.clause');
  return id;
}

function visibility(fields: Fields): CommitmentVisibility {
  const v = fields.get('visibility') as CommitmentVisibility;
  if (!VISIBILITY_ORDER.includes(v)) throw new Invalid('v.required', {}, 'f.visibility');
  return v;
}

export function registerBody(fields: Fields): RegisterBody {
  const title = required(fields, 'title', 'f.title', LIMITS.title);
  const party = required(fields, 'obligated_party', 'f.party', 32).toUpperCase();
  if (!ORG_ID.test(party)) throw new Invalid('v.org', {}, 'f.party');
  const clause_id = clause(fields);
  const indicator = required(fields, 'indicator', 'f.indicator', LIMITS.indicator);
  const evidence_required = required(fields, 'evidence_required', 'f.evidenceRequired', LIMITS.evidence_required);
  const deadline = deadlineFrom(fields);
  const conditional_on = conditions(fields);
  const notes = fields.get('notes');
  if (notes.length > LIMITS.notes) throw new Invalid('v.tooLong', { max: LIMITS.notes }, 'f.notes');
  return {
    title, obligated_party: party, clause_id, indicator, evidence_required, deadline,
    ...(conditional_on.length ? { conditional_on } : {}),
    visibility: visibility(fields),
    ...(notes ? { notes } : {}),
  };
}

/** The visibilities an amendment may choose: the current one and wider ones (visibility only widens). */
export function widerVisibilities(current: string): CommitmentVisibility[] {
  const at = VISIBILITY_ORDER.indexOf(current as CommitmentVisibility);
  return at < 0 ? [...VISIBILITY_ORDER] : VISIBILITY_ORDER.slice(at);
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Only the terms that differ from the commitment's current ones, with the reason; Invalid when nothing changed. */
export function amendBody(c: Pick<CommitmentDetail, 'id' | 'title' | 'clause_id' | 'indicator' | 'evidence_required' | 'conditional_on' | 'visibility'>, fields: Fields): AmendBody {
  const body: Omit<AmendBody, 'reason'> = {};
  // The form shows the current terms trimmed, as it reads them back.
  const title = required(fields, 'title', 'f.title', LIMITS.title);
  if (title !== c.title.trim()) body.title = title;
  // A commitment without a clause (a finding's remedy) may get one; a clause is never removed.
  if (fields.get('clause_id') || c.clause_id !== null) {
    const clause_id = clause(fields);
    if (clause_id !== c.clause_id) body.clause_id = clause_id;
  }
  const indicator = required(fields, 'indicator', 'f.indicator', LIMITS.indicator);
  if (indicator !== c.indicator.trim()) body.indicator = indicator;
  const evidence_required = required(fields, 'evidence_required', 'f.evidenceRequired', LIMITS.evidence_required);
  if (evidence_required !== c.evidence_required.trim()) body.evidence_required = evidence_required;
  const conditional_on = conditions(fields, c.id);
  if (!sameSet(conditional_on, c.conditional_on)) body.conditional_on = conditional_on;
  const vis = visibility(fields);
  if (vis !== c.visibility) body.visibility = vis;
  if (Object.keys(body).length === 0) throw new Invalid('v.nothingChanged');
  return { ...body, reason: required(fields, 'reason', 'amend.reason', LIMITS.reason) };
}

/**
 * Commitment rules, pure (no I/O, no clock: `now` is passed in): due dates
 * (absolute or D+N), overdue, reciprocity and its cycles, extensions. The
 * appliers (src/domain/projections/commitment.ts) hold every entry to the
 * rules that do not depend on time, so `annex verify` does too; the
 * time-dependent ones (overdue, suspended) are computed when read, like an
 * incident's `overdue`.
 *
 * Reciprocity (A is `conditional_on` B, another party's commitment):
 * - B is *in default* when it is not complete and either its due day has
 *   passed or it is itself suspended by reciprocity;
 * - A is *suspended by reciprocity* while any commitment it is conditional
 *   on is in default; a suspended commitment is not overdue (its party is
 *   not in breach while the other side has not delivered), and its deadline
 *   does not move: once B is complete, or B's party gets an extension, A's
 *   own due date applies again (the mediators may extend A);
 * - links join different parties' commitments, never a commitment to
 *   itself, and never form a cycle (A on B on … on A would suspend each
 *   other for ever);
 * - what A is conditional on is at least as widely visible as A, so every
 *   reader of A can see why it is suspended.
 */
import type { Deadline, KrocStatus } from './entries/commitment.js';
import { widerVisibility, type Visibility } from './visibility.js';

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' plus `days` (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The due day of a deadline; null when it counts from a D-day not set yet. */
export function resolveDueDate(deadline: Deadline, dDay: string | null): string | null {
  if ('date' in deadline) return deadline.date;
  return dDay === null ? null : addDays(dDay, deadline.days);
}

/** The instant a due day ends (UTC): due "by 2025-11-20" means before 2025-11-21T00:00Z. */
export function dueAt(dueDate: string | null): string | null {
  return dueDate === null ? null : `${addDays(dueDate, 1)}T00:00:00.000Z`;
}

export function isPastDue(dueDate: string | null, now: Date): boolean {
  return dueDate !== null && now.getTime() >= Date.parse(dueAt(dueDate)!);
}

/** How a deadline reads: '2025-11-20' or 'D+30'. */
export function describeDeadline(deadline: Deadline): string {
  if ('date' in deadline) return deadline.date;
  return `D${deadline.days < 0 ? '-' : '+'}${Math.abs(deadline.days)}`;
}

/** The facts of one commitment that standings are computed from. */
export interface CommitmentFacts {
  id: string;
  status: KrocStatus;
  deadline: Deadline;
  conditional_on: readonly string[];
}

/** Where a commitment stands at `now`. */
export interface Standing {
  due_date: string | null;
  past_due: boolean;
  /** Suspended by reciprocity: a commitment it is conditional on is in default. */
  suspended: boolean;
  /** The commitments it is conditional on that are in default now. */
  suspended_by: string[];
  /** Past due, not complete and not suspended. */
  overdue: boolean;
  /** Not complete and past due or suspended: what suspends the commitments conditional on it. */
  in_default: boolean;
}

/**
 * Standings of every commitment in `all` at `now`. A commitment named in
 * `conditional_on` but absent from `all` counts as not in default (callers
 * pass every commitment a chain reaches). Cycles are refused when links are
 * made; should one appear anyway, the walk stops at it instead of looping.
 */
export function standings(all: ReadonlyMap<string, CommitmentFacts>, dDay: string | null, now: Date): Map<string, Standing> {
  const out = new Map<string, Standing>();
  const visiting = new Set<string>();
  const standingOf = (id: string): Standing | undefined => {
    const known = out.get(id);
    if (known) return known;
    const c = all.get(id);
    if (!c || visiting.has(id)) return undefined;
    visiting.add(id);
    const due = resolveDueDate(c.deadline, dDay);
    const pastDue = isPastDue(due, now);
    const suspendedBy = c.conditional_on.filter((b) => standingOf(b)?.in_default === true);
    visiting.delete(id);
    const complete = c.status === 'complete';
    const suspended = suspendedBy.length > 0;
    const s: Standing = {
      due_date: due,
      past_due: pastDue,
      suspended,
      suspended_by: suspendedBy,
      overdue: !complete && pastDue && !suspended,
      in_default: !complete && (pastDue || suspended),
    };
    out.set(id, s);
    return s;
  };
  for (const id of all.keys()) standingOf(id);
  return out;
}

/** Links: commitment id → the commitments it is conditional on. */
export type Conditions = Readonly<Record<string, readonly string[]>>;

/**
 * The cycle that making `id` conditional on `targets` would close, as a
 * path [id, …, id]; undefined when there is none.
 */
export function cycleThrough(conditions: Conditions, id: string, targets: readonly string[]): string[] | undefined {
  const seen = new Set<string>();
  const walk = (at: string, path: string[]): string[] | undefined => {
    if (at === id) return [...path, at];
    if (seen.has(at)) return undefined;
    seen.add(at);
    for (const next of conditions[at] ?? []) {
      const found = walk(next, [...path, at]);
      if (found) return found;
    }
    return undefined;
  };
  for (const t of targets) {
    const found = walk(t, [id]);
    if (found) return found;
  }
  return undefined;
}

/** Every commitment `id` depends on, directly or through others, nearest first, each with the one it was reached from. */
export function reciprocalChain(conditions: Conditions, id: string): Array<{ id: string; via: string; depth: number }> {
  const out: Array<{ id: string; via: string; depth: number }> = [];
  const seen = new Set([id]);
  let frontier = [id];
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const from of frontier) {
      for (const to of conditions[from] ?? []) {
        if (seen.has(to)) continue;
        seen.add(to);
        out.push({ id: to, via: from, depth });
        next.push(to);
      }
    }
    frontier = next;
  }
  return out;
}

/** The commitments directly conditional on `id`. */
export function dependentsOf(conditions: Conditions, id: string): string[] {
  return Object.keys(conditions).filter((a) => conditions[a]!.includes(id)).sort(byNumber);
}

/** What a reciprocity link is checked against. */
export interface LinkEnd {
  id: string;
  obligated_party: string;
  visibility: Visibility;
}

/** Why `own` may not be conditional on `target` (undefined: it may). */
export function conditionProblem(own: LinkEnd, targetId: string, target: LinkEnd | undefined): string | undefined {
  if (targetId === own.id) return `${own.id} cannot be conditional on itself`;
  if (!target) return `commitment ${targetId} does not exist`;
  if (target.obligated_party === own.obligated_party) {
    return `${targetId} is ${own.obligated_party}'s own commitment: reciprocity links commitments of different parties`;
  }
  if (widerVisibility(target.visibility, own.visibility) !== target.visibility) {
    return `${targetId} is visible to ${target.visibility} only, narrower than ${own.id} (${own.visibility}): a commitment's readers must be able to read what it is conditional on`;
  }
  return undefined;
}

/**
 * Why a new deadline may not replace the current one: an extension moves
 * the due day later. When either day cannot be resolved yet (D-day unset)
 * the two cannot be compared, and the mediators' decision stands.
 */
export function extensionProblem(current: Deadline, next: Deadline, dDay: string | null): string | undefined {
  const from = resolveDueDate(current, dDay);
  const to = resolveDueDate(next, dDay);
  if (from !== null && to !== null && to <= from) return `an extension moves the due day later than ${from}, not to ${to}`;
  return undefined;
}

/** A remedy's deadline: its own due date, or the workspace's remedy period counted from the day the finding was issued. */
export function remedyDeadline(dueDate: string | undefined, issuedAt: string, remedyHours: number): Deadline {
  return { date: dueDate ?? addDays(issuedAt.slice(0, 10), Math.ceil(remedyHours / 24)) };
}

export function nextCommitmentId(lastNumber: number): string {
  return `COM-${lastNumber + 1}`;
}

/** Order COM-2 before COM-10. */
export function byNumber(a: string, b: string): number {
  return Number(a.slice(a.lastIndexOf('-') + 1)) - Number(b.slice(b.lastIndexOf('-') + 1)) || a.localeCompare(b);
}

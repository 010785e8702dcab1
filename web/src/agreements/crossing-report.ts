/**
 * Pure helpers of a crossing status report's details (pages/crossing-report-details.tsx):
 * the queues as labelled lines and a method or outcome as its message. The
 * API types `queues` as loose JSON (crossings.schema.ts), so these read only
 * what the domain defines (src/domain/entries/crossing.ts `queuesSchema`:
 * whole counts of loaded trucks and of people) and drop anything else.
 */
import { STATUS_METHODS, VERIFICATION_OUTCOMES, type StatusMethod, type VerificationOutcome } from './crossing-actions-api.js';

/** The order queues are shown in: trucks, then people (the form's order). */
export const QUEUE_KINDS = ['trucks', 'people'] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

export interface QueueLine { kind: QueueKind; count: number }

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** The counts a queues object holds, in QUEUE_KINDS order; none for null, a non-object or only unknown keys. A zero is a count (nobody waiting), not an absence. */
export function queueLines(queues: unknown): QueueLine[] {
  if (typeof queues !== 'object' || queues === null || Array.isArray(queues)) return [];
  const q = queues as Record<string, unknown>;
  return QUEUE_KINDS.flatMap((kind) => {
    const n = q[kind];
    return isCount(n) ? [{ kind, count: n }] : [];
  });
}

/** The queues as lines of text: each count into its kind's (plural) message, e.g. "{n, plural, one {# loaded truck} …}". */
export function queueText(queues: unknown, message: (kind: QueueKind, count: number) => string): string[] {
  return queueLines(queues).map((l) => message(l.kind, l.count));
}

export const isStatusMethod = (m: string): m is StatusMethod => (STATUS_METHODS as readonly string[]).includes(m);
export const isVerificationOutcome = (o: string): o is VerificationOutcome => (VERIFICATION_OUTCOMES as readonly string[]).includes(o);

/** A known value's message, or the value itself (a newer server's value is shown as sent rather than as a message key). */
export function labelOf<T extends string>(value: string, known: (v: string) => v is T, message: (v: T) => string): string {
  return known(value) ? message(value) : value;
}

/**
 * What the server accepts in the text forms, copied from its schemas
 * (src/domain/entries/common.ts, entries/text.ts, src/api/routes/texts.schema.ts,
 * text-agenda.schema.ts) so the bundle does not pull in zod; limits.test.ts
 * fails when they drift. The tree limits come from src/domain/text.ts itself.
 */
export { MAX_CLAUSE_DEPTH, MAX_CLAUSES } from '../../../../src/domain/text.js';

/** A clause id: 1 to 32 letters, digits, dots, _ or - (CLAUSE_REF). */
export const CLAUSE_ID = /^[A-Za-z0-9._-]{1,32}$/;
/** An organisation id (ORG_ID). */
export const ORG_ID = /^[A-Z0-9_-]{2,32}$/;

export const LIMITS = {
  textTitle: 300,
  textDescription: 4000,
  parties: 10,
  clauseTitle: 300,
  clauseText: 8000,
  /** Clauses at one level of the tree (the top level, or under one clause). */
  siblings: 200,
  note: 4000,
  reason: 4000,
  agendaTitle: 300,
  agendaText: 8000,
} as const;

// The text forms' copies of the server's patterns and limits (limits.ts) must accept exactly what the server's schemas do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { z } from 'zod';
import { CLAUSE_REF, ORG_ID as SERVER_ORG_ID } from '../../../../src/domain/entries/common.js';
import { clauseNodeSchema, MANDATE_RULINGS, TEXT_VISIBILITIES } from '../../../../src/domain/entries/text.js';
import { raiseBody, ruleBody } from '../../../../src/api/routes/text-agenda.schema.js';
import { createTextBody, proposeBody, publishBody } from '../../../../src/api/routes/texts.schema.js';
import { CLAUSE_ID, LIMITS, ORG_ID } from './limits.js';
import { MANDATES, VISIBILITIES } from './open-text-model.js';

/** `max` passes and `max + 1` fails for `field` of `body` (the other fields valid). */
function assertMax(schema: z.ZodType, body: Record<string, unknown>, field: string, max: number): void {
  assert.ok(schema.safeParse({ ...body, [field]: 'x'.repeat(max) }).success, `${field}: ${max} characters pass`);
  assert.ok(!schema.safeParse({ ...body, [field]: 'x'.repeat(max + 1) }).success, `${field}: ${max + 1} characters fail`);
}

test('the patterns are the server\'s', () => {
  assert.equal(CLAUSE_ID.source, CLAUSE_REF.source);
  assert.equal(ORG_ID.source, SERVER_ORG_ID.source);
  assert.deepEqual([...VISIBILITIES], [...TEXT_VISIBILITIES]);
  assert.deepEqual([...MANDATES], [...MANDATE_RULINGS]);
});

test('the length limits are the server\'s', () => {
  assertMax(createTextBody, { title: 't' }, 'title', LIMITS.textTitle);
  assertMax(createTextBody, { title: 't' }, 'description', LIMITS.textDescription);
  assert.ok(createTextBody.safeParse({ title: 't', parties: Array.from({ length: LIMITS.parties }, (_, i) => `P${i}`) }).success);
  assert.ok(!createTextBody.safeParse({ title: 't', parties: Array.from({ length: LIMITS.parties + 1 }, (_, i) => `P${i}`) }).success);
  assertMax(clauseNodeSchema, { id: 'C1', text: 'x' }, 'title', LIMITS.clauseTitle);
  assertMax(clauseNodeSchema, { id: 'C1' }, 'text', LIMITS.clauseText);
  const clauses = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `C${i}`, text: 'x' }));
  assert.ok(proposeBody.safeParse({ clauses: clauses(LIMITS.siblings) }).success);
  assert.ok(!proposeBody.safeParse({ clauses: clauses(LIMITS.siblings + 1) }).success);
  assertMax(proposeBody, { clauses: clauses(1) }, 'note', LIMITS.note);
  assertMax(publishBody, {}, 'reason', LIMITS.reason);
  assertMax(raiseBody, { document_id: 'TXT-2025-0001', text: 'x' }, 'title', LIMITS.agendaTitle);
  assertMax(raiseBody, { document_id: 'TXT-2025-0001', title: 'x' }, 'text', LIMITS.agendaText);
  assertMax(ruleBody, { mandate: 'in_mandate' }, 'reason', LIMITS.reason);
});

// The "open a negotiation text" form: fields to the body of POST /api/texts, refusals as codes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTextBody } from '../../../../src/api/routes/texts.schema.js';
import { openTextBody, parseParties } from './open-text-model.js';

const fields = { title: ' Istanbul follow-up ', description: '', visibility: 'parties', partiesMode: 'all', parties: '' };

test('every registered party by default; the body is one the server accepts', () => {
  const r = openTextBody(fields);
  assert.deepEqual(r, { body: { title: 'Istanbul follow-up', visibility: 'parties' } });
  assert.ok('body' in r && createTextBody.safeParse(r.body).success);
});

test('named parties: capitals, each once, separated by commas or spaces', () => {
  assert.deepEqual(parseParties('afg, PAK  afg\nTUR'), ['AFG', 'PAK', 'TUR']);
  const r = openTextBody({ ...fields, description: ' Modalities. ', visibility: 'public', partiesMode: 'some', parties: 'afg pak' });
  assert.deepEqual(r, { body: { title: 'Istanbul follow-up', description: 'Modalities.', visibility: 'public', parties: ['AFG', 'PAK'] } });
  assert.ok('body' in r && createTextBody.safeParse(r.body).success);
});

test('refusals: no title, no party named, a malformed id, too many', () => {
  assert.deepEqual(openTextBody({ ...fields, title: '  ' }), { problem: { code: 'titleMissing' } });
  assert.deepEqual(openTextBody({ ...fields, partiesMode: 'some', parties: ' , ' }), { problem: { code: 'partiesMissing' } });
  assert.deepEqual(openTextBody({ ...fields, partiesMode: 'some', parties: 'AFG, A' }), { problem: { code: 'partyId', id: 'A' } });
  const many = Array.from({ length: 11 }, (_, i) => `P${i}`).join(' ');
  assert.deepEqual(openTextBody({ ...fields, partiesMode: 'some', parties: many }), { problem: { code: 'tooManyParties', max: 10 } });
});

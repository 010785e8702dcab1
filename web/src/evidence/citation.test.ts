// What a cited evidence id shows: the evidence, "not visible to you", or a failure; each id loaded once per page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from '../api.js';
import type { EvidenceSummary } from './api.js';
import { cachedCitation, citationOf, type CitationCache } from './citation.js';

const summary = (id: string) => ({ id, incident_id: 'INC-2025-0001', kind: 'statement', original_name: 'visit.txt' }) as EvidenceSummary;
const refuse = (status: number) => () => Promise.reject(new ApiError(status, 'x', `refused ${status}`));

test('readable evidence is shown', async () => {
  assert.deepEqual(await citationOf(() => Promise.resolve(summary('EV-2025-00001'))), { state: 'shown', evidence: summary('EV-2025-00001') });
});

test('evidence the viewer may not read is hidden, not an error: 404 (sealed reads as absent), 403, 401', async () => {
  for (const status of [404, 403, 401]) assert.deepEqual(await citationOf(refuse(status)), { state: 'hidden' }, String(status));
});

test('other failures are said as failures, with their message', async () => {
  assert.deepEqual(await citationOf(refuse(500)), { state: 'failed', message: 'refused 500' });
  assert.deepEqual(await citationOf(() => Promise.reject(new TypeError('Failed to fetch'))), { state: 'failed', message: 'Failed to fetch' });
});

test('the cache loads each id once, however often it is asked for', async () => {
  const cache: CitationCache = new Map();
  const asked: string[] = [];
  const load = (id: string) => {
    asked.push(id);
    return id === 'EV-2025-00002' ? refuse(404)() : Promise.resolve(summary(id));
  };
  const got = await Promise.all(['EV-2025-00001', 'EV-2025-00002', 'EV-2025-00001', 'EV-2025-00002'].map((id) => cachedCitation(cache, id, load)));
  assert.deepEqual(asked, ['EV-2025-00001', 'EV-2025-00002']);
  assert.deepEqual(got.map((c) => c.state), ['shown', 'hidden', 'shown', 'hidden']);
  await cachedCitation(cache, 'EV-2025-00001', load);
  assert.deepEqual(asked, ['EV-2025-00001', 'EV-2025-00002'], 'still once, later too');
});

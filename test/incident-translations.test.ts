/**
 * Translations given after filing (POST /api/incidents/:id/translations):
 * who may give one, what it may not be, how it joins the ones filed with the
 * complaint, and that `annex verify` replays it (a translation edited behind
 * the ledger's back is named).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { takeIncidentStep } from '../src/services/incident-steps.js';
import { fileIncident } from '../src/services/incidents.js';
import { formatVerifyReport, verifyStore } from '../src/verify/index.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, filing, seedWorkspace, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
let id: string;

before(async () => {
  env = await openTestEnv();
  u = await seedWorkspace(env);
  const filed = await fileIncident(env.services, u.afg.viewer, filing({
    language: 'en', translations: { tr: { title: 'Weesh yakınında evlere havan ateşi' } },
  }) as never);
  id = filed.incident.id;
  await takeIncidentStep(env.services, u.sec.viewer, id, 'triage', { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C1'], category: 'offensive_fire', severity: 'high' });
  await takeIncidentStep(env.services, u.sec.viewer, id, 'send_notice', {});
});
after(() => env.close());

const translate = (who: keyof Users, body: unknown) => call(env, u[who], 'POST', `/api/incidents/${id}/translations`, body);

test('the complainant adds a translation: it joins those filed with the complaint, and the list and full-text search see it', async () => {
  const r = await translate('afg', { language: 'ps', title: 'په ويش کې پر کورونو د هاوان ډزې', notes: 'ګولۍ د لارې تر څنګ پر کورونو ولګېدې.' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.entry.type, 'incident.translated');
  assert.deepEqual(r.body.incident.translations, {
    tr: { title: 'Weesh yakınında evlere havan ateşi' },
    ps: { title: 'په ويش کې پر کورونو د هاوان ډزې', notes: 'ګولۍ د لارې تر څنګ پر کورونو ولګېدې.', by: ['AFG'] },
  }, 'a translation filed with the complaint names no one: it is the complainant\'s');
  assert.equal(r.body.incident.title, 'Mortar fire on homes near Weesh', 'the text as filed stays the complaint');
  const event = r.body.incident.timeline.find((e: { index: number }) => e.index === r.body.entry.index);
  assert.deepEqual([event.type, event.org, event.visibility], ['incident.translated', 'AFG', 'parties'], 'as visible as the incident');

  const list = await call(env, u.pak, 'GET', `/api/incidents?q=${encodeURIComponent('هاوان')}`);
  assert.deepEqual(list.body.items.map((i: { id: string }) => i.id), [id], 'the translation is searchable');
  assert.equal(list.body.items[0].title_translations.ps, 'په ويش کې پر کورونو د هاوان ډزې');
});

test('a later translation into the same language replaces the fields it gives and keeps the others; it names everyone who gave it', async () => {
  const r = await translate('tur', { language: 'tr', notes: 'Mermiler geçiş noktası yakınındaki evlere düştü.' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.incident.translations.tr, { title: 'Weesh yakınında evlere havan ateşi', notes: 'Mermiler geçiş noktası yakınındaki evlere düştü.', by: ['AFG', 'TUR'] });
  const again = await translate('sec', { language: 'tr', title: 'Weesh yakınındaki evlere havan atışı' });
  assert.equal(again.status, 200);
  assert.deepEqual(again.body.incident.translations.tr, { title: 'Weesh yakınındaki evlere havan atışı', notes: 'Mermiler geçiş noktası yakınındaki evlere düştü.', by: ['AFG', 'TUR', 'SEC'] });
  assert.equal(again.body.incident.timeline.filter((e: { type: string }) => e.type === 'incident.translated').length, 3, 'every translation stays on the timeline');
});

test('refused: the accused party, a translation into the language filed in, an empty or malformed one', async () => {
  const accused = await translate('pak', { language: 'ur', title: 'ترجمہ' });
  assert.equal(accused.status, 403, JSON.stringify(accused.body));
  const monitor = await translate('mon', { language: 'ur', title: 'ترجمہ' });
  assert.equal(monitor.status, 403, 'a monitor of another organisation translates nothing');

  const same = await translate('afg', { language: 'en', title: 'Mortar fire near Weesh' });
  assert.equal(same.status, 409, JSON.stringify(same.body));
  assert.match(same.body.error.message, /filed in en: a translation is into another language/);

  const empty = await translate('afg', { language: 'ur' });
  assert.equal(empty.status, 400);
  assert.match(JSON.stringify(empty.body), /gives the title, the account \(notes\) or both/);
  assert.equal((await translate('afg', { language: 'Urdu', title: 'x' })).status, 400);
  assert.equal((await translate('afg', { language: 'ur', title: 'x', visibility: 'public' })).status, 400, 'no other fields');

  const read = await call(env, u.afg, 'GET', `/api/incidents/${id}`);
  assert.deepEqual(Object.keys(read.body.translations).sort(), ['ps', 'tr'], 'nothing refused was recorded');
  assert.equal(read.body.actions.includes('translate'), true, 'offered to the complainant');
  assert.equal((await call(env, u.pak, 'GET', `/api/incidents/${id}`)).body.actions.includes('translate'), false, 'not to the accused');
});

test('annex verify replays translations and names one edited behind the ledger\'s back', async () => {
  const verify = () => verifyStore(env.store.db, { keysDir: join(env.dir, 'keys'), blobsDir: join(env.dir, 'blobs') });
  const clean = await verify();
  assert.equal(clean.problemCount, 0, formatVerifyReport(clean, 'test'));
  await sql`UPDATE incidents SET record = jsonb_set(record, '{translations,ps,title}', '"Nothing happened"') WHERE id = ${id}`.execute(env.store.db);
  const r = await verify();
  assert.equal(r.ok, false);
  assert.ok(r.problems.some((p) => p.kind === 'changed' && p.message.startsWith(`incidents ${id}: record.translations`)), formatVerifyReport(r, 'test'));
  await sql`UPDATE incidents SET record = jsonb_set(record, '{translations,ps,title}', ${JSON.stringify('په ويش کې پر کورونو د هاوان ډزې')}::jsonb) WHERE id = ${id}`.execute(env.store.db);
  assert.equal((await verify()).problemCount, 0);
});

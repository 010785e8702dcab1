/**
 * The incident lifecycle end to end through the HTTP API (DOMAIN.md
 * "Lifecycle"): filed → triaged → notified → acknowledged → responded →
 * investigating → draft finding → comments → one signature per mediator →
 * issued → remedy → closed, with the deadlines, visibility and timeline each
 * step produces.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, filing, seedWorkspace, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
before(async () => {
  env = await openTestEnv({ start: new Date('2025-10-20T08:00:00.000Z') });
  u = await seedWorkspace(env);
});
after(() => env.close());

const hours = (h: number) => {
  env.clock.now = new Date(env.clock.now.getTime() + h * 3600_000);
};

describe('one complaint through every step', () => {
  let id = '';

  test('a party files a sealed complaint; only it and the mediators can read it', async () => {
    const r = await call(env, u.afg, 'POST', '/api/incidents', filing({ visibility: 'mediators', complainant_identity: 'District elder, Weesh' }));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    id = r.body.incident.id;
    assert.match(id, /^INC-2025-\d{4}$/);
    assert.equal(r.body.incident.status, 'received');
    assert.equal(r.body.incident.complainant_org, 'AFG');
    assert.equal(r.body.incident.complainant_identity, 'District elder, Weesh');
    assert.equal(r.body.incident.pending_step, 'triage');
    assert.equal(r.body.incident.pending_on, 'MEDIATORS');
    assert.equal(r.body.incident.deadline_at, '2025-10-22T08:00:00.000Z', 'triage is due 48 h after filing');
    assert.equal(r.body.entry.type, 'incident.filed');
    assert.deepEqual(r.body.incident.actions, ['translate', 'lodge_evidence'], 'the complainant can only add translations and evidence while it waits for triage');

    for (const who of [u.pak, u.pakAnalyst, u.mon, u.obs, undefined]) {
      const seen = await call(env, who, 'GET', `/api/incidents/${id}`);
      assert.equal(seen.status, 404, `${who?.viewer.username ?? 'anonymous'} must not learn the sealed complaint exists`);
      assert.doesNotMatch(JSON.stringify(seen.body), /Weesh/);
    }
    const tur = await call(env, u.tur, 'GET', `/api/incidents/${id}`);
    assert.equal(tur.status, 200);
    assert.equal(tur.body.complainant_identity, 'District elder, Weesh');
    assert.ok(tur.body.actions.includes('triage'));
  });

  test('the secretariat triages and notifies; the notice shares it with the parties, not the complainant identity', async () => {
    hours(5);
    const bad = await call(env, u.sec, 'POST', `/api/incidents/${id}/triage`, { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C9'], category: 'offensive_fire', severity: 'high' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /unknown clause C9/);
    const notYet = await call(env, u.sec, 'POST', `/api/incidents/${id}/notice`, {});
    assert.equal(notYet.status, 409, 'no notice before triage');

    const t = await call(env, u.sec, 'POST', `/api/incidents/${id}/triage`, { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C1'], category: 'offensive_fire', severity: 'high' });
    assert.equal(t.status, 200, JSON.stringify(t.body));
    assert.equal(t.body.incident.status, 'triaged');
    assert.equal(t.body.incident.pending_step, 'notify');

    hours(1);
    const n = await call(env, u.sec, 'POST', `/api/incidents/${id}/notice`, { note: 'Formal notice under clause C1' });
    assert.equal(n.status, 200);
    assert.equal(n.body.incident.status, 'notified');
    assert.equal(n.body.incident.visibility, 'parties');
    assert.equal(n.body.incident.pending_step, 'acknowledge');
    assert.equal(n.body.incident.pending_on, 'PAK');
    assert.equal(n.body.incident.deadline_at, '2025-10-20T16:00:00.000Z', 'acknowledge within 2 h of the notice');

    const pak = await call(env, u.pak, 'GET', `/api/incidents/${id}`);
    assert.equal(pak.status, 200);
    assert.equal(pak.body.complainant_identity, null, 'the identity stays sealed to the mediators');
    assert.ok(!JSON.stringify(pak.body).includes('District elder'));
    assert.deepEqual(pak.body.actions, ['acknowledge', 'lodge_evidence']);
    const obs = await call(env, u.obs, 'GET', `/api/incidents/${id}`);
    assert.equal(obs.status, 404, 'shared with the parties is still not public');
  });

  test('the accused party acknowledges receipt, then responds; the order is enforced', async () => {
    hours(1);
    const early = await call(env, u.pak, 'POST', `/api/incidents/${id}/response`, { position: 'deny', statement: 'No fire was directed at homes.', counter_evidence: [] });
    assert.equal(early.status, 409);
    assert.match(early.body.error.message, /acknowledge receipt/);
    const other = await call(env, u.afg, 'POST', `/api/incidents/${id}/acknowledgement`, {});
    assert.equal(other.status, 403, 'only the accused party acknowledges');
    const ack = await call(env, u.pak, 'POST', `/api/incidents/${id}/acknowledgement`, {});
    assert.equal(ack.status, 200);
    assert.equal(ack.body.incident.acknowledged, true);
    assert.equal(ack.body.incident.pending_step, 'respond');
    assert.equal(ack.body.incident.deadline_at, '2025-10-23T14:00:00.000Z', 'respond within 72 h of the notice');
    const again = await call(env, u.pak, 'POST', `/api/incidents/${id}/acknowledgement`, {});
    assert.equal(again.status, 409);

    const unknownEvidence = await call(env, u.pak, 'POST', `/api/incidents/${id}/response`, { position: 'deny', statement: 'x', counter_evidence: ['EV-2025-0099'] });
    assert.equal(unknownEvidence.status, 400);
    const resp = await call(env, u.pak, 'POST', `/api/incidents/${id}/response`, { position: 'dispute_evidence', statement: 'The photographs predate the ceasefire.', counter_evidence: [] });
    assert.equal(resp.status, 200);
    assert.equal(resp.body.incident.status, 'responded');
    assert.equal(resp.body.incident.response.position, 'dispute_evidence');
    assert.equal(resp.body.incident.pending_step, 'investigate');
  });

  test('the investigation keeps its notes with the mediators; access denied is recorded', async () => {
    const open = await call(env, u.sec, 'POST', `/api/incidents/${id}/investigation`, { team: ['TUR', 'QAT', 'MON'] });
    assert.equal(open.status, 200);
    assert.equal(open.body.incident.status, 'investigating');
    const note = await call(env, u.mon, 'POST', `/api/incidents/${id}/notes`, { kind: 'site_visit', text: 'Craters consistent with 82 mm mortar rounds.' });
    assert.equal(note.status, 200, JSON.stringify(note.body));
    const denied = await call(env, u.tur, 'POST', `/api/incidents/${id}/notes`, { kind: 'access_denied', text: 'Team refused entry at the checkpoint.', denied_by: 'PAK' });
    assert.equal(denied.status, 200);
    assert.equal(denied.body.incident.investigation.access_denied, 1);
    const badNote = await call(env, u.tur, 'POST', `/api/incidents/${id}/notes`, { kind: 'access_denied', text: 'no one named' });
    assert.equal(badNote.status, 400);
    const partyNote = await call(env, u.pak, 'POST', `/api/incidents/${id}/notes`, { kind: 'note', text: 'x' });
    assert.equal(partyNote.status, 403);

    const pak = await call(env, u.pak, 'GET', `/api/incidents/${id}`);
    assert.ok(!pak.body.timeline.some((e: { type: string }) => e.type === 'incident.investigation_noted'), 'notes are sealed to the mediators');
    assert.ok(!JSON.stringify(pak.body).includes('82 mm'));
    const mon = await call(env, u.mon, 'GET', `/api/incidents/${id}`);
    const monNotes = mon.body.timeline.filter((e: { type: string }) => e.type === 'incident.investigation_noted');
    assert.equal(monNotes.length, 1, 'a monitor sees its own note only');
    const tur = await call(env, u.tur, 'GET', `/api/incidents/${id}`);
    assert.equal(tur.body.timeline.filter((e: { type: string }) => e.type === 'incident.investigation_noted').length, 2);
  });

  let draft = 0;
  const finding = {
    determination: 'violation', clause_violated: 'C1', responsible_party: 'PAK', attribution_confidence: 'medium',
    intent: 'undetermined', grade: 'fair', summary: 'Mortar rounds fired from across the border struck homes.',
    methods: ['site visit', 'witness interviews'], recommendations: ['Withdraw mortar positions 5 km'],
    required_remedies: [{ description: 'Report on disciplinary action', obligated_party: 'PAK', due_date: '2025-12-01' }],
    publication: 'public',
  };

  test('a mediator drafts the finding; the parties comment and dissent', async () => {
    hours(24);
    const noRule = await call(env, u.tur, 'POST', `/api/incidents/${id}/finding`, { ...finding, responsible_party: undefined });
    assert.equal(noRule.status, 400, 'a violation names the responsible party');
    const d = await call(env, u.tur, 'POST', `/api/incidents/${id}/finding`, finding);
    assert.equal(d.status, 200, JSON.stringify(d.body));
    assert.equal(d.body.incident.status, 'draft_finding');
    assert.deepEqual(d.body.incident.finding.signers, ['QAT', 'TUR']);
    draft = d.body.incident.finding.draft_index;
    assert.equal(draft, d.body.entry.index);

    const dissent = await call(env, u.pak, 'POST', `/api/incidents/${id}/finding/comments`, { draft_index: draft, dissent: true, text: 'We reject the attribution.' });
    assert.equal(dissent.status, 200);
    const afgComment = await call(env, u.afg, 'POST', `/api/incidents/${id}/finding/comments`, { dissent: false, text: 'We accept the finding.' });
    assert.equal(afgComment.status, 200);
    const comments = afgComment.body.incident.finding.comments;
    assert.deepEqual(comments.map((c: { org: string; dissent: boolean }) => [c.org, c.dissent]), [['PAK', true], ['AFG', false]]);
    const obs = await call(env, u.obs, 'GET', `/api/incidents/${id}`);
    assert.equal(obs.status, 404);
  });

  test('each mediator signs separately; the finding is issued with both signatures', async () => {
    const sec = await call(env, u.sec, 'POST', `/api/incidents/${id}/finding/signatures`, { draft_index: draft });
    assert.equal(sec.status, 403, 'the secretariat does not sign findings');
    const analyst = await call(env, u.turAnalyst, 'POST', `/api/incidents/${id}/finding/signatures`, { draft_index: draft });
    assert.equal(analyst.status, 403);
    const stale = await call(env, u.tur, 'POST', `/api/incidents/${id}/finding/signatures`, { draft_index: draft - 1 });
    assert.equal(stale.status, 409, 'a signature names the exact draft it signs');

    const tur = await call(env, u.tur, 'POST', `/api/incidents/${id}/finding/signatures`, { draft_index: draft });
    assert.equal(tur.status, 200);
    assert.equal(tur.body.incident.status, 'draft_finding', 'one signature does not issue it');
    assert.ok(!tur.body.incident.actions.includes('sign_finding'));
    const twice = await call(env, u.tur, 'POST', `/api/incidents/${id}/finding/signatures`, { draft_index: draft });
    assert.equal(twice.status, 409);

    const qat = await call(env, u.qat, 'POST', `/api/incidents/${id}/finding/signatures`, { draft_index: draft });
    assert.equal(qat.status, 200);
    assert.equal(qat.body.incident.status, 'finding_issued');
    assert.ok(qat.body.incident.finding.issued_at);
    assert.deepEqual(qat.body.incident.finding.signatures.map((s: { org: string }) => s.org), ['TUR', 'QAT']);
    assert.equal(qat.body.incident.pending_step, 'remedy');
    assert.equal(qat.body.incident.pending_on, 'PAK', 'the responsible party owes the remedy');
  });

  test('remedy, closure, and the timeline names every step with actor, time and ledger index', async () => {
    const early = await call(env, u.sec, 'POST', `/api/incidents/${id}/triage`, { decision: 'rejected', reason: 'late' });
    assert.equal(early.status, 409);
    const rem = await call(env, u.sec, 'POST', `/api/incidents/${id}/remedy`, { note: 'PAK to report disciplinary action by 1 December' });
    assert.equal(rem.status, 200);
    assert.equal(rem.body.incident.status, 'remedy');
    const closed = await call(env, u.sec, 'POST', `/api/incidents/${id}/closure`, { reason: 'Remedy reported and verified' });
    assert.equal(closed.status, 200);
    assert.equal(closed.body.incident.status, 'closed');
    assert.equal(closed.body.incident.deadline_at, null);
    // Who may read it and in which languages stay open after closure; nothing else does.
    assert.deepEqual(closed.body.incident.actions.filter((a: string) => a !== 'change_visibility' && a !== 'translate'), []);

    const tur = (await call(env, u.tur, 'GET', `/api/incidents/${id}`)).body;
    const types = tur.timeline.map((e: { type: string }) => e.type);
    assert.deepEqual(types, [
      'incident.filed', 'incident.complainant_recorded', 'incident.triaged', 'incident.notice_sent', 'incident.acknowledged',
      'incident.responded', 'incident.investigation_opened', 'incident.investigation_noted', 'incident.investigation_noted',
      'incident.finding_drafted', 'incident.finding_commented', 'incident.finding_commented', 'incident.finding_signed',
      'incident.finding_signed', 'incident.remedy_recorded', 'incident.closed',
    ]);
    const indexes = tur.timeline.map((e: { index: number }) => e.index);
    assert.deepEqual(indexes, [...indexes].sort((a: number, b: number) => a - b));
    assert.equal(tur.timeline[4].org, 'PAK');
    assert.equal(tur.timeline[4].user, 'pak');
    const ack = tur.schedule.find((s: { step: string }) => s.step === 'acknowledge');
    assert.deepEqual(ack, { step: 'acknowledge', due_at: '2025-10-20T16:00:00.000Z', done_at: '2025-10-20T15:00:00.000Z' });

    const pak = (await call(env, u.pak, 'GET', `/api/incidents/${id}`)).body;
    assert.ok(!pak.timeline.some((e: { type: string }) => e.type === 'incident.complainant_recorded'));
    assert.equal(pak.finding.grade, 'fair');
  });
});

describe('triage outcomes, re-drafts and deadlines', () => {
  test('a duplicate is merged into the surviving incident; a rejected one is terminal', async () => {
    const a = (await call(env, u.afg, 'POST', '/api/incidents', filing({ title: 'Drone over Spin Boldak' }))).body.incident.id;
    const b = (await call(env, u.mon, 'POST', '/api/incidents', filing({ title: 'Drone seen over Spin Boldak', channel: 'monitor' }))).body.incident.id;
    const self = await call(env, u.sec, 'POST', `/api/incidents/${b}/triage`, { decision: 'merged', duplicate_of: b });
    assert.equal(self.status, 409);
    const missing = await call(env, u.sec, 'POST', `/api/incidents/${b}/triage`, { decision: 'merged', duplicate_of: 'INC-2025-9999' });
    assert.equal(missing.status, 400);
    const m = await call(env, u.sec, 'POST', `/api/incidents/${b}/triage`, { decision: 'merged', duplicate_of: a });
    assert.equal(m.status, 200);
    assert.equal(m.body.incident.status, 'merged');
    assert.equal(m.body.incident.merged_into, a);
    const survivor = await call(env, u.tur, 'GET', `/api/incidents/${a}`);
    assert.deepEqual(survivor.body.merged_from, [b]);

    const c = (await call(env, u.pak, 'POST', '/api/incidents', filing({ accused_party: 'AFG', title: 'Hostile broadcast' }))).body.incident.id;
    const rej = await call(env, u.sec, 'POST', `/api/incidents/${c}/triage`, { decision: 'rejected', reason: 'Outside the mandate of the mechanism' });
    assert.equal(rej.body.incident.status, 'rejected');
    assert.equal(rej.body.incident.deadline_at, null);
    const ev = await call(env, u.pak, 'GET', `/api/incidents/${c}`);
    assert.ok(!ev.body.actions.includes('lodge_evidence'));
  });

  test('re-drafting replaces the draft and lapses its signatures', async () => {
    const id = (await call(env, u.afg, 'POST', '/api/incidents', filing())).body.incident.id;
    for (const [who, path, body] of [
      [u.sec, 'triage', { decision: 'accepted', accused_party: 'PAK', clause_refs: ['C1'], category: 'offensive_fire', severity: 'medium' }],
      [u.sec, 'notice', {}], [u.sec, 'investigation', { team: ['TUR'] }],
    ] as const) {
      assert.equal((await call(env, who, 'POST', `/api/incidents/${id}/${path}`, body)).status, 200, path);
    }
    const f = { determination: 'insufficient_evidence', attribution_confidence: 'low', grade: 'weak', summary: 'One source only.', methods: [], recommendations: [], required_remedies: [], publication: 'parties' };
    const d1 = (await call(env, u.tur, 'POST', `/api/incidents/${id}/finding`, f)).body.incident.finding.draft_index;
    assert.equal((await call(env, u.tur, 'POST', `/api/incidents/${id}/finding/signatures`, { draft_index: d1 })).status, 200);
    const d2r = await call(env, u.qat, 'POST', `/api/incidents/${id}/finding`, { ...f, summary: 'One source only; imagery inconclusive.' });
    assert.equal(d2r.body.incident.finding.version, 2);
    assert.deepEqual(d2r.body.incident.finding.signatures, []);
    const stale = await call(env, u.qat, 'POST', `/api/incidents/${id}/finding/signatures`, { draft_index: d1 });
    assert.equal(stale.status, 409);
  });

  test('an untriaged complaint becomes overdue, shows so everywhere, and the overdue filter finds it', async () => {
    const id = (await call(env, u.pak, 'POST', '/api/incidents', filing({ accused_party: 'AFG', title: 'Shelling at Angoor Adda', visibility: 'public' }))).body.incident.id;
    const before = await call(env, u.obs, 'GET', `/api/incidents/${id}`);
    assert.equal(before.body.overdue, false);
    hours(49);
    const afterDue = await call(env, u.obs, 'GET', `/api/incidents/${id}`);
    assert.equal(afterDue.body.overdue, true);
    const list = await call(env, u.sec, 'GET', '/api/incidents?overdue=true&limit=200');
    assert.ok(list.body.items.some((i: { id: string }) => i.id === id));
    assert.ok(list.body.items.every((i: { overdue: boolean }) => i.overdue));
    const notOverdue = await call(env, u.sec, 'GET', '/api/incidents?overdue=false&limit=200');
    assert.ok(!notOverdue.body.items.some((i: { id: string }) => i.id === id));
  });
});

describe('bad requests', () => {
  test('schema errors are 400 with a field path; unknown ids 404; anonymous writes 401', async () => {
    const r = await call(env, u.afg, 'POST', '/api/incidents', filing({ event_date: '2025-02-30' }));
    assert.equal(r.status, 400);
    assert.match(r.body.error.message, /event_date/);
    const lat = await call(env, u.afg, 'POST', '/api/incidents', filing({ place: { country: 'Afghanistan', latitude: 30, geo_precision: 1 } }));
    assert.equal(lat.status, 400);
    const self = await call(env, u.afg, 'POST', '/api/incidents', filing({ accused_party: 'AFG' }));
    assert.equal(self.status, 400);
    const notParty = await call(env, u.afg, 'POST', '/api/incidents', filing({ accused_party: 'TUR' }));
    assert.equal(notParty.status, 400);
    const obs = await call(env, u.obs, 'POST', '/api/incidents', filing());
    assert.equal(obs.status, 403);
    const anon = await call(env, undefined, 'POST', '/api/incidents', filing());
    assert.equal(anon.status, 401);
    const nf = await call(env, u.tur, 'GET', '/api/incidents/INC-2025-9999');
    assert.equal(nf.status, 404);
    const badId = await call(env, u.tur, 'GET', '/api/incidents/nope');
    assert.equal(badId.status, 400);
    const stepNf = await call(env, u.sec, 'POST', '/api/incidents/INC-2025-9999/notice', {});
    assert.equal(stepNf.status, 404);
    const extra = await call(env, u.sec, 'POST', '/api/incidents/INC-2025-9999/notice', { note: 'x', to: 'AFG' });
    assert.equal(extra.status, 400, 'the server fills in the recipient; clients may not');
  });
});

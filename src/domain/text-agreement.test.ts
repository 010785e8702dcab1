import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreementOf, partyActionProblem, pendingPositions, type ActionRecord, type TextAction } from './text-agreement.js';

const PARTIES = ['AFG', 'PAK'];
const V3 = 'c'.repeat(64);
const V2 = 'b'.repeat(64);

let idx = 0;
function act(org: string, action: TextAction, hash = V3, at = '2025-11-23T02:00:00.000Z'): ActionRecord {
  return { idx: ++idx, org, user: `${org.toLowerCase()}-liaison`, at, action, hash };
}

test('agreed only when every party has accepted this exact hash', () => {
  assert.equal(agreementOf(PARTIES, V3, []).agreed, false);
  assert.equal(agreementOf(PARTIES, V3, [act('PAK', 'accept')]).agreed, false);
  const both = agreementOf(PARTIES, V3, [act('PAK', 'accept'), act('AFG', 'accept')]);
  assert.equal(both.agreed, true);
  assert.deepEqual(Object.values(both.positions).map((p) => p.position), ['accepted', 'accepted']);
});

test('an acceptance of another version (hash) does not count', () => {
  const r = agreementOf(PARTIES, V3, [act('PAK', 'accept'), act('AFG', 'accept', V2)]);
  assert.equal(r.agreed, false);
  assert.equal(r.positions.AFG!.position, 'pending');
  assert.equal(agreementOf(PARTIES, V2, [act('PAK', 'accept'), act('AFG', 'accept', V2)]).agreed, false);
});

test('"accepted v3 at 02:14, retracted at 02:21": a later retraction undoes the agreement', () => {
  const accepted = act('AFG', 'accept', V3, '2025-11-23T02:14:00.000Z');
  const retracted = act('AFG', 'retract', V3, '2025-11-23T02:21:00.000Z');
  const r = agreementOf(PARTIES, V3, [act('PAK', 'accept'), accepted, retracted]);
  assert.equal(r.agreed, false);
  assert.deepEqual(r.positions.AFG, { position: 'retracted', idx: retracted.idx, at: '2025-11-23T02:21:00.000Z', user: 'afg-liaison' });
  // Ledger order decides, whatever order the actions are listed in.
  assert.equal(agreementOf(PARTIES, V3, [retracted, accepted, act('PAK', 'accept')]).agreed, false);
  // Accepting again after retracting restores it.
  assert.equal(agreementOf(PARTIES, V3, [act('PAK', 'accept'), accepted, retracted, act('AFG', 'accept')]).agreed, true);
});

test('a rejection counts against; proposals and non-parties count for nothing', () => {
  assert.equal(agreementOf(PARTIES, V3, [act('PAK', 'accept'), act('AFG', 'accept'), act('AFG', 'reject')]).agreed, false);
  assert.equal(agreementOf(PARTIES, V3, [act('PAK', 'propose'), act('AFG', 'propose'), act('AFG', 'accept')]).agreed, false);
  assert.equal(agreementOf(PARTIES, V3, [act('PAK', 'accept'), act('TUR', 'accept')]).agreed, false);
  assert.equal(agreementOf([], V3, []).agreed, false, 'a text without parties is never agreed');
});

test('which party actions fit the current position', () => {
  const pending = pendingPositions(PARTIES);
  assert.equal(partyActionProblem(PARTIES, pending, 'AFG', 'accept'), undefined);
  assert.equal(partyActionProblem(PARTIES, pending, 'AFG', 'reject'), undefined);
  assert.equal(partyActionProblem(PARTIES, pending, 'AFG', 'retract'), 'AFG has no acceptance of this version to retract');
  assert.equal(partyActionProblem(PARTIES, pending, 'TUR', 'accept'), 'TUR is not a party to this text');
  const { positions } = agreementOf(PARTIES, V3, [act('AFG', 'accept'), act('PAK', 'reject')]);
  assert.equal(partyActionProblem(PARTIES, positions, 'AFG', 'accept'), 'AFG has already accepted this version');
  assert.equal(partyActionProblem(PARTIES, positions, 'AFG', 'retract'), undefined);
  assert.equal(partyActionProblem(PARTIES, positions, 'PAK', 'reject'), 'PAK has already rejected this version');
  assert.equal(partyActionProblem(PARTIES, positions, 'PAK', 'accept'), undefined);
});

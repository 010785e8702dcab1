import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalize, type JsonObject } from '../ledger/canonical-json.js';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { sealBody, signEntry, type UnsignedEntry } from '../ledger/entry.js';
import { MerkleHasher } from '../ledger/hasher.js';
import { decodeSignerKeyString, generateSignerKey } from '../ledger/note.js';
import type { EntryRow, SealRow } from '../store/repositories/verify.js';
import { checkEntry, type EntryCheckContext } from './entries.js';
import { OrgKeys } from './orgs.js';

const hasher = new MerkleHasher(nodeCrypto);
const keys = { SEC: generateSignerKey(nodeCrypto, 'SEC'), PAK: generateSignerKey(nodeCrypto, 'PAK') };
const AT = '2025-10-20T08:00:00.000Z';

function row(idx: number, org: 'SEC' | 'PAK', type: string, body: JsonObject, sealed?: string, vis: string | null = 'parties'): EntryRow {
  const fields = { v: 1 as const, type, at: AT, org, user: 'system', subject: String(body.id ?? 'workspace') };
  const unsigned: UnsignedEntry = sealed ? { ...fields, sealed, ...(vis === null ? {} : { vis }) } : { ...fields, body };
  const { bytes } = signEntry(nodeCrypto, unsigned, decodeSignerKeyString(keys[org].skey).key);
  return { idx, bytes, leaf_hash: hasher.hashLeaf(bytes), type, subject: fields.subject, org, at: AT };
}

const register = (id: 'SEC' | 'PAK') => ({ id, kind: id === 'SEC' ? 'secretariat' : 'party', name: id, vkey: keys[id].vkey });

function context(): EntryCheckContext {
  return { crypto: nodeCrypto, hasher, orgs: new OrgKeys(nodeCrypto) };
}

const messages = (c: ReturnType<typeof checkEntry>) => c.problems.map((p) => `${p.kind}: ${p.message}`);

test('the genesis entry is an organisation registering itself, signed by the key it registers', () => {
  const ok = checkEntry(context(), row(0, 'SEC', 'org.registered', register('SEC')), undefined);
  assert.deepEqual(messages(ok), []);
  assert.equal(ok.signed, true);
  assert.equal(ok.applied?.visibility, 'public');

  const other = checkEntry(context(), row(0, 'SEC', 'org.registered', register('PAK')), undefined);
  assert.deepEqual(messages(other), ['genesis: entry 0 (org.registered): registers PAK but is signed by SEC: the first organisation must register itself']);
  assert.equal(other.applied, undefined);

  const notReg = checkEntry(context(), row(0, 'SEC', 'workspace.created', { name: 'x' }), undefined);
  assert.deepEqual(messages(notReg), ['genesis: entry 0 (workspace.created): the log must begin with an organisation registering itself']);

  const pinned = checkEntry({ ...context(), genesisPin: new OrgKeys(nodeCrypto).parse(keys.PAK.vkey) }, row(0, 'SEC', 'org.registered', register('SEC')), undefined);
  assert.match(messages(pinned)[0]!, /^genesis: entry 0 \(org\.registered\): genesis key SEC\+[0-9a-f]{8} is not the pinned --genesis-vkey PAK\+/);
});

test('later entries need a key an earlier entry registered; the leaf hash must match the bytes', () => {
  const ctx = context();
  ctx.orgs.register('SEC', keys.SEC.vkey, ctx.orgs.parse(keys.SEC.vkey), 0);
  const byPak = checkEntry(ctx, row(1, 'PAK', 'workspace.configured', {}), undefined);
  assert.deepEqual(messages(byPak), ['signature: entry 1 (workspace.configured): signed by org PAK, which no earlier entry registered']);
  const r = row(1, 'SEC', 'workspace.configured', {});
  const badLeaf = checkEntry(ctx, { ...r, leaf_hash: new Uint8Array(32) }, undefined);
  assert.deepEqual(messages(badLeaf), ['leaf: entry 1 (workspace.configured): leaf_hash is not SHA-256(0x00 || entry bytes) (RFC 9162 §2.1.1)']);
  assert.ok(badLeaf.applied, 'a wrong leaf_hash column does not stop the replay');
});

test('a sealed entry replays with its disclosed body and the audience signed in the entry', () => {
  const ctx = context();
  ctx.orgs.register('SEC', keys.SEC.vkey, ctx.orgs.parse(keys.SEC.vkey), 0);
  const body = { id: 'pak-liaison', org: 'PAK', username: 'pak-liaison', display_name: 'PAK liaison', roles: ['liaison'] };
  const { sealed, salt } = sealBody(nodeCrypto, body);
  const r = row(3, 'SEC', 'user.added', body, sealed);
  const seal: SealRow = { idx: 3, salt, body: canonicalize(body) };
  const ok = checkEntry(ctx, r, seal);
  assert.deepEqual(messages(ok), []);
  assert.deepEqual([ok.sealed, ok.opened, ok.applied?.visibility], [true, true, 'parties']);
  assert.deepEqual(ok.applied?.body, body);

  assert.match(messages(checkEntry(ctx, r, { ...seal, body: seal.body.replace('PAK liaison', 'PAK general') }))[0]!, /do not open its commitment/);
  for (const vis of [null, 'public', 'everyone']) {
    const odd = row(3, 'SEC', 'user.added', body, sealed, vis);
    assert.match(messages(checkEntry(ctx, odd, seal))[0]!, /names audience .*; expected "vis" mediators or parties/, String(vis));
  }
  assert.match(messages(checkEntry(ctx, r, undefined))[0]!, /sealed body is missing from ledger_seals/);
  const open = row(4, 'SEC', 'workspace.configured', {});
  assert.deepEqual(messages(checkEntry(ctx, open, { ...seal, idx: 4 })), ['seal: entry 4 (workspace.configured): has a ledger_seals row but its body is in the log in clear']);
});

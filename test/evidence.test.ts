/**
 * Evidence custody end to end through the HTTP API (DOMAIN.md "Evidence"):
 * real files built in the test, sniffed types, EXIF, limits, sealed
 * lodging, custody entries, redacted copies, disclosure that an outsider can
 * check, the policy, and `annex verify` over all of it (including a swapped
 * file on disk).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp, type App } from '../src/api/server.js';
import { fromBase64 } from '../src/ledger/bytes.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { checkDisclosure } from '../src/ledger/entry.js';
import { lodgeEvidence } from '../src/services/evidence.js';
import { verifyStore } from '../src/verify/index.js';
import { elfBinary, htmlPage, jpegWithExif, tinyPdf, tinyPng, utf8Text, zipArchive } from './support/files.js';
import { openTestEnv, type TestEnv } from './support/server.js';
import { call, filing, seedWorkspace, type TestUser, type Users } from './support/workspace.js';

let env: TestEnv;
let u: Users;
let small: App;
let incident = '';
const TITLE = 'Mortar fire on homes near Weesh';
const LIMIT = 64 * 1024;

before(async () => {
  env = await openTestEnv({ start: new Date('2025-10-20T08:00:00.000Z') });
  u = await seedWorkspace(env);
  small = await buildApp(env.services, { maxUploadBytes: LIMIT });
  const r = await call(env, u.afg, 'POST', '/api/incidents', filing({ title: TITLE }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  incident = r.body.incident.id;
});
after(async () => {
  await small.close();
  await env.close();
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const blobsDir = () => join(env.dir, 'blobs');
const storedBlobs = () => readdirSync(blobsDir()).filter((n) => n !== 'tmp').sort();
const tempFiles = () => readdirSync(join(blobsDir(), 'tmp'));

interface FilePart { name?: string; filename: string; type: string; content: Buffer }

/** A multipart/form-data body (RFC 7578) with text fields first, then the file part. */
function multipart(fields: Record<string, string>, file?: FilePart): { body: Buffer; type: string } {
  const boundary = `----annex${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name ?? 'file'}"; filename="${file.filename}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    chunks.push(file.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(user: TestUser | undefined, url: string, fields: Record<string, string>, file?: FilePart, app: App = env.app) {
  const { body, type } = multipart(fields, file);
  const r = await app.inject({
    method: 'POST', url, payload: body,
    headers: { 'content-type': type, ...(user ? { authorization: `Bearer ${user.token}` } : {}) },
  });
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined };
}

const lodge = (user: TestUser | undefined, file: FilePart, fields: Record<string, string> = {}, app?: App) =>
  upload(user, `/api/incidents/${incident}/evidence`, { kind: 'photo', visibility: 'parties', ...fields }, file, app);

async function content(user: TestUser | undefined, id: string, headers: Record<string, string> = {}) {
  const r = await env.app.inject({ method: 'GET', url: `/api/evidence/${id}/content`, headers: { ...headers, ...(user ? { authorization: `Bearer ${user.token}` } : {}) } });
  return { status: r.statusCode, headers: r.headers, bytes: r.rawPayload, text: r.body };
}

async function entryAt(idx: number): Promise<Record<string, unknown>> {
  const row = await env.store.db.selectFrom('ledger_entries').select(['bytes', 'type']).where('idx', '=', idx).executeTakeFirstOrThrow();
  return JSON.parse(Buffer.from(row.bytes).toString('utf8')) as Record<string, unknown>;
}

describe('intake: real files, sniffed types, capture metadata', () => {
  test('a JPEG sent as text/plain is stored as image/jpeg under its SHA-256, with its EXIF', async () => {
    const jpeg = jpegWithExif();
    const r = await lodge(u.afg, { filename: 'IMG_0042.txt', type: 'text/plain', content: jpeg }, { description: 'Crater behind the school' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const ev = r.body.evidence;
    assert.match(ev.id, /^EV-2025-\d{5}$/);
    assert.equal(ev.sha256, sha256(jpeg));
    assert.equal(ev.size, jpeg.length);
    assert.equal(ev.media_type, 'image/jpeg', 'the content decides, not the client');
    assert.equal(ev.original_name, 'IMG_0042.txt');
    assert.deepEqual(ev.metadata, {
      make: 'Canon', model: 'Canon EOS 90D', software: 'Firmware 1.1.0',
      date_time_original: '2025-10-15T06:30:00', offset_time_original: '+04:30',
      gps: { latitude: 30.99, longitude: 66.39, altitude: 1290.5 },
    });
    assert.equal(ev.captured_at, '2025-10-15T02:00:00.000Z', '06:30 at +04:30 is 02:00 UTC');
    assert.deepEqual(ev.capture_place, { latitude: 30.99, longitude: 66.39, altitude: 1290.5, precision: 1 });
    assert.equal(ev.device, 'Canon EOS 90D');
    assert.equal(r.body.entry.type, 'evidence.lodged');

    const file = join(blobsDir(), ev.sha256);
    assert.deepEqual(readFileSync(file), jpeg);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(blobsDir()).mode & 0o777, 0o700);
    assert.deepEqual(tempFiles(), []);
  });

  test('what the uploader says about capture wins over the metadata, which is still kept', async () => {
    const jpeg = jpegWithExif({ make: 'Apple', model: 'iPhone 13', software: '17.1', dateTimeOriginal: '2025:10:16 09:00:00', latitude: 31.5, longitude: 65.7, altitude: -3 });
    const r = await lodge(u.afg, { filename: 'a.jpg', type: 'image/jpeg', content: jpeg }, {
      captured_at: '2025-10-16T09:05:00+05:00', latitude: '31.6', longitude: '65.71', geo_precision: '2', location: 'Spin Boldak bazaar',
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const ev = r.body.evidence;
    assert.equal(ev.captured_at, '2025-10-16T04:05:00.000Z');
    assert.deepEqual(ev.capture_place, { latitude: 31.6, longitude: 65.71, precision: 2, location: 'Spin Boldak bazaar' });
    assert.equal(ev.device, 'Apple iPhone 13');
    assert.equal(ev.metadata.date_time_original, '2025-10-16T09:00:00');
    assert.equal(ev.metadata.offset_time_original, undefined, 'no zone in the file: none invented');
    assert.deepEqual(ev.metadata.gps, { latitude: 31.5, longitude: 65.7, altitude: -3 });

    const bare = await lodge(u.afg, { filename: 'b.jpg', type: 'image/jpeg', content: jpegWithExif({ make: 'X', model: 'Y', software: 'Z', dateTimeOriginal: '2025:10:16 10:00:00', latitude: 1, longitude: 2, altitude: 3 }) });
    assert.equal(bare.body.evidence.captured_at, '2025-10-16T10:00:00', 'without a zone the clock time is kept as such');
  });

  test('PNG, PDF and UTF-8 text are accepted as what they are, and served back safely', async () => {
    const png = await lodge(u.afg, { filename: 'map.png', type: 'application/octet-stream', content: tinyPng() }, { kind: 'imagery' });
    assert.equal(png.status, 201, JSON.stringify(png.body));
    assert.equal(png.body.evidence.media_type, 'image/png');
    const pdf = await lodge(u.afg, { filename: 'report.pdf', type: 'text/html', content: tinyPdf() }, { kind: 'document' });
    assert.equal(pdf.body.evidence.media_type, 'application/pdf');
    assert.equal(pdf.body.evidence.sha256, sha256(tinyPdf()));
    const text = utf8Text();
    const txt = await lodge(u.afg, { filename: '../../etc/statement\u202Etxt.exe', type: 'application/x-msdownload', content: text }, { kind: 'statement' });
    assert.equal(txt.status, 201, JSON.stringify(txt.body));
    const ev = txt.body.evidence;
    assert.equal(ev.media_type, 'text/plain');
    assert.equal(ev.original_name, 'statementtxt.exe', 'path and bidi override removed');

    const got = await content(u.afg, ev.id);
    assert.equal(got.status, 200);
    assert.deepEqual(got.bytes, text);
    assert.equal(got.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(got.headers['x-content-type-options'], 'nosniff');
    assert.match(String(got.headers['content-security-policy']), /^sandbox/);
    assert.equal(got.headers.etag, `"${sha256(text)}"`);
    assert.match(String(got.headers['content-disposition']), new RegExp(`^attachment; filename="${ev.id}-statementtxt\\.txt"; filename\\*=UTF-8''`));
    const again = await content(u.afg, ev.id, { 'if-none-match': `"${sha256(text)}"` });
    assert.equal(again.status, 304);
    assert.equal(again.bytes.length, 0);
  });

  test('executables, archives, HTML and empty files are refused and leave nothing behind', async () => {
    const before = storedBlobs();
    for (const [name, bytes, pattern] of [
      ['tool.jpg', elfBinary(), /application\/x-elf files are not accepted/],
      ['photos.jpg', zipArchive(), /application\/zip files are not accepted/],
      ['page.txt', htmlPage(), /HTML/],
      ['bin.txt', Buffer.from([0x41, 0x00, 0x42]), /binary data/],
      ['latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9]), /UTF-8/],
    ] as const) {
      const r = await lodge(u.afg, { filename: name, type: 'image/jpeg', content: bytes });
      assert.equal(r.status, 415, `${name}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'unsupported_media_type');
      assert.match(r.body.error.message, pattern);
    }
    const empty = await lodge(u.afg, { filename: 'empty.txt', type: 'text/plain', content: Buffer.alloc(0) });
    assert.equal(empty.status, 400);
    const noFile = await upload(u.afg, `/api/incidents/${incident}/evidence`, { kind: 'photo', visibility: 'parties' });
    assert.equal(noFile.status, 400);
    assert.match(noFile.body.error.message, /file: missing/);
    const badKind = await lodge(u.afg, { filename: 'a.png', type: 'image/png', content: tinyPng() }, { kind: 'rumour' });
    assert.equal(badKind.status, 400);
    assert.deepEqual(storedBlobs(), before);
    assert.deepEqual(tempFiles(), []);
  });

  test('an upload over the limit is 413 and nothing is stored; one at the limit is accepted', async () => {
    const before = storedBlobs();
    const over = Buffer.alloc(LIMIT + 1, 'a');
    const r = await lodge(u.afg, { filename: 'big.txt', type: 'text/plain', content: over }, { kind: 'statement' }, small);
    assert.equal(r.status, 413, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'payload_too_large');
    assert.deepEqual(storedBlobs(), before, 'no truncated file is stored');
    assert.ok(!storedBlobs().includes(sha256(over.subarray(0, LIMIT))));
    assert.deepEqual(tempFiles(), []);
    const exact = Buffer.alloc(LIMIT, 'b');
    const ok = await lodge(u.afg, { filename: 'exact.txt', type: 'text/plain', content: exact }, { kind: 'statement' }, small);
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.evidence.sha256, sha256(exact));
  });
});

describe('sealed lodging, custody, redaction and disclosure', () => {
  const photo = jpegWithExif({ make: 'Nikon', model: 'D850', software: 'Ver.1.10', dateTimeOriginal: '2025:10:15 07:10:00', offsetTimeOriginal: '+05:00', latitude: 30.95, longitude: 66.42, altitude: 1310 });
  const FILENAME = 'pak-patrol-log-secret.jpg';
  let id = '';
  let lodgedIdx = 0;

  test('the accused party lodges evidence sealed to the mediators; the log holds only a commitment', async () => {
    const r = await lodge(u.pak, { filename: FILENAME, type: 'image/jpeg', content: photo }, { visibility: 'mediators', description: 'Patrol positions at 07:10' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    id = r.body.evidence.id;
    lodgedIdx = r.body.entry.index;
    assert.equal(r.body.evidence.sealed, true);
    assert.equal(r.body.evidence.entry_index, lodgedIdx);
    assert.deepEqual(r.body.evidence.actions, ['download', 'disclose', 'read_custody']);
    const entry = await entryAt(lodgedIdx);
    assert.equal(entry.type, 'evidence.lodged');
    assert.equal(entry.subject, id);
    assert.match(String(entry.sealed), /^[0-9a-f]{64}$/);
    assert.equal(entry.body, undefined);
    assert.ok(!JSON.stringify(entry).includes(sha256(photo)), 'not even the file hash is in clear');
  });

  test('the other party, observers and the public cannot learn it exists', async () => {
    for (const who of [u.afg, u.obs, u.mon, undefined]) {
      const name = who?.viewer.username ?? 'anonymous';
      for (const path of ['', '/content', '/disclosure']) {
        const r = await call(env, who, 'GET', `/api/evidence/${id}${path}`);
        assert.equal(r.status, 404, `${name} GET ${path}`);
        assert.deepEqual(r.body, { error: { code: 'not_found', message: `evidence ${id} not found` } });
      }
    }
    const list = await call(env, u.afg, 'GET', `/api/incidents/${incident}/evidence`);
    assert.equal(list.status, 200);
    assert.ok(!list.body.items.some((e: { id: string }) => e.id === id));
    const theirs = await call(env, u.pak, 'GET', `/api/incidents/${incident}/evidence`);
    assert.ok(theirs.body.items.some((e: { id: string }) => e.id === id));
    assert.equal((await call(env, undefined, 'GET', `/api/incidents/${incident}/evidence`)).status, 404, 'the incident itself is shared with the parties only');
  });

  test('who may download, disclose and redact: 404 for those who may not read, 403 for the rest, no leaks', async () => {
    const head = await env.app.inject({ method: 'HEAD', url: `/api/evidence/${id}/content`, headers: { authorization: `Bearer ${u.tur.token}` } });
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-length'], String(photo.length));
    assert.equal(head.rawPayload.length, 0, 'HEAD sends no bytes, so records no download');
    const tur = await content(u.tur, id);
    assert.equal(tur.status, 200);
    assert.deepEqual(tur.bytes, photo);
    assert.equal(tur.headers['content-type'], 'image/jpeg');

    const disclose = (who: TestUser | undefined) => call(env, who, 'POST', `/api/evidence/${id}/disclosure`);
    assert.equal((await disclose(u.afg)).status, 404);
    assert.equal((await disclose(undefined)).status, 401);
    assert.equal((await disclose(u.pakAnalyst)).status, 403, 'an analyst of the lodging party may read but not disclose');
    assert.equal((await disclose(u.turAnalyst)).status, 403, 'mediators\' analysts are not staff');

    const redact = (who: TestUser | undefined) => upload(who, `/api/evidence/${id}/redactions`, { visibility: 'parties' }, { filename: 'r.png', type: 'image/png', content: tinyPng() });
    assert.equal((await redact(u.afg)).status, 404);
    assert.equal((await redact(u.pak)).status, 403, 'the lodging party does not redact');
    assert.equal((await redact(undefined)).status, 401);

    const lodgeAs = (who: TestUser) => lodge(who, { filename: 'x.png', type: 'image/png', content: tinyPng() });
    assert.equal((await lodgeAs(u.obs)).status, 404, 'observers cannot see the incident');
    assert.equal((await lodgeAs(u.pakAnalyst)).status, 403);
    const wide = await lodge(u.afg, { filename: 'x.png', type: 'image/png', content: tinyPng() }, { visibility: 'public' });
    assert.equal(wide.status, 400);
    assert.match(wide.body.error.message, /more open than its incident/);

    for (const r of [await disclose(u.afg), await redact(u.pak), await lodgeAs(u.obs), await lodgeAs(u.pakAnalyst)]) {
      const text = JSON.stringify(r.body);
      assert.ok(!text.includes(FILENAME) && !text.includes(TITLE) && !text.includes('Patrol'), text);
      assert.ok(!/\bat \S+:\d+:\d+/.test(text), 'no stack trace');
    }
  });

  let copyId = '';
  test('reads and downloads are custody entries; a redacted copy links to its original', async () => {
    const pakView = await call(env, u.pak, 'GET', `/api/evidence/${id}`);
    assert.equal(pakView.status, 200);
    assert.equal(pakView.body.original_name, FILENAME);
    assert.equal((await content(u.pak, id)).status, 200);

    const copy = tinyPng();
    const r = await upload(u.sec, `/api/evidence/${id}/redactions`, { visibility: 'parties', description: 'Positions blurred', note: 'unit markings removed' }, { filename: 'redacted.png', type: 'image/png', content: copy });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    copyId = r.body.evidence.id;
    assert.equal(r.body.evidence.redacted_of, id);
    assert.equal(r.body.evidence.kind, 'photo');
    assert.equal(r.body.evidence.sha256, sha256(copy));
    assert.deepEqual(r.body.entries.map((e: { type: string }) => e.type), ['evidence.lodged', 'evidence.redaction_made']);

    const afgCopy = await call(env, u.afg, 'GET', `/api/evidence/${copyId}`);
    assert.equal(afgCopy.status, 200, 'the copy is shared with the parties');
    assert.equal(afgCopy.body.custody, null, 'custody is for the mediators\' side and the lodging organisation');
    assert.equal((await call(env, u.afg, 'GET', `/api/evidence/${id}`)).status, 404, 'the original stays sealed');

    const sec = await call(env, u.sec, 'GET', `/api/evidence/${id}`);
    assert.deepEqual(sec.body.redactions.map((x: { id: string }) => x.id), [copyId]);
    assert.deepEqual(sec.body.actions, ['download', 'disclose', 'redact', 'read_custody']);
  });

  test('the lodging party discloses; anyone can check the disclosure against the sealed entry', async () => {
    const r = await call(env, u.pak, 'POST', `/api/evidence/${id}/disclosure`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.evidence.visibility, 'public');
    assert.equal(r.body.evidence.disclosed, true);
    assert.deepEqual(r.body.evidence.actions, ['download', 'read_custody']);
    assert.equal((await call(env, u.pak, 'POST', `/api/evidence/${id}/disclosure`)).status, 409);
    const disclosedEntry = await entryAt(r.body.entry.index);
    assert.equal(disclosedEntry.type, 'evidence.disclosed');
    assert.ok(disclosedEntry.body, 'recorded in clear');

    // An outsider: no account, only the public API.
    const d = await call(env, undefined, 'GET', `/api/evidence/${id}/disclosure`);
    assert.equal(d.status, 200, JSON.stringify(d.body));
    assert.equal(d.body.lodged.index, lodgedIdx);
    const lodged = JSON.parse(d.body.lodged.entry);
    assert.equal(lodged.type, 'evidence.lodged');
    assert.equal(lodged.subject, id);
    assert.ok(checkDisclosure(nodeCrypto, lodged.sealed, fromBase64(d.body.salt), d.body.body), 'salt and body open the commitment');
    assert.ok(!checkDisclosure(nodeCrypto, lodged.sealed, fromBase64(d.body.salt), { ...d.body.body, size: 1 }));
    assert.equal(JSON.parse(d.body.disclosure.entry).body.salt, d.body.salt);
    const file = await content(undefined, id);
    assert.equal(file.status, 200, 'the file is public now');
    assert.equal(sha256(file.bytes), d.body.body.sha256);
    assert.equal(d.body.body.original_name, FILENAME);
    const sealRow = await env.store.db.selectFrom('ledger_seals').select('disclosed_idx').where('idx', '=', lodgedIdx).executeTakeFirstOrThrow();
    assert.equal(sealRow.disclosed_idx, r.body.entry.index);
  });

  test('the chain of custody lists every step with its actor and ledger index', async () => {
    const r = await call(env, u.pak, 'GET', `/api/evidence/${id}`);
    const chain = r.body.custody as Array<{ index: number; action: string; org: string; user: string; copy_id: string | null }>;
    assert.deepEqual(chain.map((c) => [c.action, c.org, c.user]), [
      ['lodged', 'PAK', u.pak.viewer.userId],
      ['downloaded', 'TUR', u.tur.viewer.userId],
      ['viewed', 'PAK', u.pak.viewer.userId],
      ['downloaded', 'PAK', u.pak.viewer.userId],
      ['redaction_made', 'SEC', u.sec.viewer.userId],
      ['viewed', 'SEC', u.sec.viewer.userId],
      ['disclosed', 'PAK', u.pak.viewer.userId],
    ]);
    assert.equal(chain.find((c) => c.action === 'redaction_made')?.copy_id, copyId);
    for (const c of chain) {
      const entry = await entryAt(c.index);
      assert.equal(entry.type, `evidence.${c.action}`);
      assert.equal(entry.subject, id);
      assert.equal(entry.org, c.org);
      assert.equal(entry.user, c.user);
    }
    const pubView = await call(env, u.afg, 'GET', `/api/evidence/${id}`);
    assert.equal(pubView.status, 200);
    assert.equal(pubView.body.custody, null, 'AFG may read it now, not its custody');
    const count = (await call(env, u.pak, 'GET', `/api/evidence/${id}`)).body.custody.length;
    assert.equal(count, chain.length, 'reading public evidence is not a custody step');
  });

  test('code (the demo loader) lodges a file from memory or a stream through the same rules', async () => {
    const pdf = tinyPdf('Site visit report');
    const r = await lodgeEvidence(env.services, u.mon.viewer, incident, { source: [pdf], filename: 'site-visit.pdf' }, { kind: 'document', visibility: 'parties', description: 'JMT site visit' });
    assert.equal(r.evidence.media_type, 'application/pdf');
    assert.equal(r.evidence.sha256, sha256(pdf));
    assert.equal(r.evidence.lodged_org, 'MON');
    assert.equal(r.entry.type, 'evidence.lodged');
    await assert.rejects(lodgeEvidence(env.services, u.obs.viewer, incident, { source: [pdf] }, { kind: 'document', visibility: 'parties' }), /not found/);
    await assert.rejects(lodgeEvidence(env.services, u.mon.viewer, incident, { source: [htmlPage()] }, { kind: 'document', visibility: 'parties' }), /HTML/);
    await assert.rejects(lodgeEvidence(env.services, u.mon.viewer, incident, { source: [pdf], maxBytes: 10 }, { kind: 'document', visibility: 'parties' }), /upload limit of 10 bytes/);
    assert.deepEqual(tempFiles(), []);
  });

  test('the routes are documented in the OpenAPI description', async () => {
    const r = await call(env, undefined, 'GET', '/openapi.json');
    assert.equal(r.status, 200);
    for (const path of ['/api/incidents/{id}/evidence', '/api/evidence/{id}', '/api/evidence/{id}/content', '/api/evidence/{id}/redactions', '/api/evidence/{id}/disclosure']) {
      assert.ok(r.body.paths[path], path);
    }
  });

  test('evidence cannot be lodged on a finished incident', async () => {
    const f = await call(env, u.afg, 'POST', '/api/incidents', filing({ title: 'Second complaint' }));
    const other = f.body.incident.id as string;
    const rej = await call(env, u.sec, 'POST', `/api/incidents/${other}/triage`, { decision: 'rejected', reason: 'Outside the mandate' });
    assert.equal(rej.status, 200);
    const r = await upload(u.afg, `/api/incidents/${other}/evidence`, { kind: 'photo', visibility: 'parties' }, { filename: 'p.png', type: 'image/png', content: tinyPng() });
    assert.equal(r.status, 409);
    assert.match(r.body.error.message, /rejected/);
  });

  test('annex verify replays every evidence entry; a swapped file on disk is reported', async () => {
    const opts = { keysDir: join(env.dir, 'keys'), blobsDir: blobsDir() };
    const clean = await verifyStore(env.store.db, opts);
    assert.deepEqual(clean.problems, []);
    assert.ok(clean.ok);
    assert.ok((clean.counts.rows.custody_events ?? 0) >= 7);
    const path = join(blobsDir(), sha256(photo));
    writeFileSync(path, tinyPng());
    try {
      const r = await verifyStore(env.store.db, opts);
      assert.ok(!r.ok);
      assert.ok(r.problems.some((p) => p.kind === 'blob' && p.message.includes(`evidence ${id}`) && /swapped or corrupted/.test(p.message)), JSON.stringify(r.problems));
    } finally {
      writeFileSync(path, photo, { mode: 0o600 });
    }
    assert.ok((await verifyStore(env.store.db, opts)).ok);
  });
});

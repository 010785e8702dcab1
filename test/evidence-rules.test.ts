/**
 * Evidence rules without a database: the appliers, driven through the same
 * in-memory replay `annex verify` uses, refuse entries that do not fit; and
 * the pure intake helpers (text sniffing, capture times, file names, EXIF).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toBase64 } from '../src/ledger/bytes.js';
import type { JsonObject } from '../src/ledger/canonical-json.js';
import { nodeCrypto } from '../src/ledger/crypto-node.js';
import { sealBody, type LedgerEntry } from '../src/ledger/entry.js';
import type { AppliedEntry } from '../src/domain/projection.js';
import type { Visibility } from '../src/domain/visibility.js';
import { captureFromExif, cleanOriginalName, contentDisposition, judgeSniffed, nextEvidenceId, normaliseCapturedAt, TextSniffer } from '../src/domain/evidence.js';
import { ReplayState } from '../src/verify/replay.js';

const SHA = 'ab'.repeat(32);
let idx = 0;

function entry(type: string, subject: string, body: JsonObject, visibility: Visibility, org = 'PAK'): AppliedEntry {
  const fields = { v: 1 as const, type, at: `2025-10-20T08:00:${String(idx % 60).padStart(2, '0')}.000Z`, org, user: `${org.toLowerCase()}-1`, subject, sig: '' };
  const e: LedgerEntry = visibility === 'public' ? { ...fields, body } : { ...fields, sealed: sealBody(nodeCrypto, body).sealed };
  return { idx: idx++, entry: e, body, visibility };
}

/** A world with orgs and incidents, built by the real appliers. */
function world(): ReplayState {
  const st = new ReplayState();
  st.apply(entry('workspace.created', 'ws', { name: 'T', origin: 'test/log', deadlines_hours: { triage: 48, notify: 24, acknowledge: 2, respond: 72, investigate: 720, comment: 168, sign: 72, remedy: 720 } }, 'public', 'SEC'));
  for (const [id, kind] of [['SEC', 'secretariat'], ['AFG', 'party'], ['PAK', 'party'], ['IND', 'party']] as const) {
    st.apply(entry('org.registered', id, { id, kind, name: id, vkey: `${id}+00000000+AAAA` }, 'public', 'SEC'));
  }
  const incident = (id: string) => ({
    id, title: 'Shelling', channel: 'party', visibility: 'parties', accused_party: 'PAK', clause_refs: [], event_date: '2025-10-15', time_precision: 1,
    place: { country: 'Afghanistan', geo_precision: 2 }, notes: '',
  });
  st.apply(entry('incident.filed', 'INC-2025-0001', incident('INC-2025-0001'), 'parties', 'AFG'));
  st.apply(entry('incident.filed', 'INC-2025-0002', incident('INC-2025-0002'), 'parties', 'AFG'));
  st.apply(entry('incident.triaged', 'INC-2025-0002', { decision: 'rejected', reason: 'no' }, 'parties', 'SEC'));
  return st;
}

const lodgedBody = (id: string, visibility: Visibility, over: JsonObject = {}): JsonObject => ({
  id, incident_id: 'INC-2025-0001', kind: 'photo', sha256: SHA, size: 10, media_type: 'image/jpeg', original_name: 'a.jpg', metadata: {}, visibility, ...over,
});

describe('appliers hold every entry to the evidence rules', () => {
  test('lodging needs a known, open incident, an involved organisation and no wider audience than the incident', () => {
    const st = world();
    assert.throws(() => st.apply(entry('evidence.lodged', 'EV-2025-00001', lodgedBody('EV-2025-00001', 'parties', { incident_id: 'INC-2025-0099' }), 'parties')), /INC-2025-0099 does not exist/);
    assert.throws(() => st.apply(entry('evidence.lodged', 'EV-2025-00001', lodgedBody('EV-2025-00001', 'parties', { incident_id: 'INC-2025-0002' }), 'parties')), /is rejected/);
    assert.throws(() => st.apply(entry('evidence.lodged', 'EV-2025-00001', lodgedBody('EV-2025-00001', 'parties'), 'parties', 'IND')), /IND is not a party to/);
    assert.throws(() => st.apply(entry('evidence.lodged', 'EV-2025-00001', lodgedBody('EV-2025-00001', 'public'), 'public')), /more open than the incident/);
    assert.throws(() => st.apply(entry('evidence.lodged', 'EV-2025-00002', lodgedBody('EV-2025-00001', 'parties'), 'parties')), /subject differ/);
    st.apply(entry('evidence.lodged', 'EV-2025-00001', lodgedBody('EV-2025-00001', 'parties'), 'parties'));
    assert.throws(() => st.apply(entry('evidence.lodged', 'EV-2025-00001', lodgedBody('EV-2025-00001', 'parties'), 'parties')), /already exists/);
    assert.equal(st.get('evidence', 'EV-2025-00001')?.sealed, true);
  });

  test('custody entries need the evidence, its visibility and (downloads) its hash', () => {
    const st = world();
    st.apply(entry('evidence.lodged', 'EV-2025-00001', lodgedBody('EV-2025-00001', 'mediators'), 'mediators'));
    assert.throws(() => st.apply(entry('evidence.viewed', 'EV-2025-00009', {}, 'mediators', 'SEC')), /does not exist/);
    assert.throws(() => st.apply(entry('evidence.viewed', 'EV-2025-00001', {}, 'public', 'SEC')), /visibility/);
    assert.throws(() => st.apply(entry('evidence.downloaded', 'EV-2025-00001', { sha256: 'cd'.repeat(32) }, 'mediators', 'SEC')), /sha256 differs/);
    st.apply(entry('evidence.downloaded', 'EV-2025-00001', { sha256: SHA }, 'mediators', 'SEC'));
    assert.equal(st.rows('custody_events').size, 2);
  });

  test('a redaction names a copy of that very evidence, made by the mediators\' side', () => {
    const st = world();
    st.apply(entry('evidence.lodged', 'EV-2025-00001', lodgedBody('EV-2025-00001', 'mediators'), 'mediators'));
    assert.throws(() => st.apply(entry('evidence.redaction_made', 'EV-2025-00007', { copy_id: 'EV-2025-00002' }, 'mediators', 'SEC')), /EV-2025-00007 does not exist/);
    assert.throws(() => st.apply(entry('evidence.lodged', 'EV-2025-00002', lodgedBody('EV-2025-00002', 'parties', { redacted_of: 'EV-2025-00001' }), 'parties', 'AFG')), /mediators' side/);
    st.apply(entry('evidence.lodged', 'EV-2025-00002', lodgedBody('EV-2025-00002', 'parties', { redacted_of: 'EV-2025-00001' }), 'parties', 'SEC'));
    st.apply(entry('evidence.lodged', 'EV-2025-00003', lodgedBody('EV-2025-00003', 'parties'), 'parties', 'SEC'));
    assert.throws(() => st.apply(entry('evidence.redaction_made', 'EV-2025-00001', { copy_id: 'EV-2025-00003' }, 'mediators', 'SEC')), /not a redacted copy/);
    st.apply(entry('evidence.redaction_made', 'EV-2025-00001', { copy_id: 'EV-2025-00002' }, 'mediators', 'SEC'));
    assert.throws(() => st.apply(entry('evidence.redaction_made', 'EV-2025-00001', { copy_id: 'EV-2025-00002' }, 'mediators', 'SEC')), /already recorded/);
  });

  test('a disclosure must open the lodged commitment, once, and only for sealed evidence', () => {
    const st = world();
    const body = lodgedBody('EV-2025-00001', 'mediators');
    const { sealed, salt } = sealBody(nodeCrypto, body);
    const lodgedAt = idx;
    st.apply({ ...entry('evidence.lodged', 'EV-2025-00001', body, 'mediators'), entry: { v: 1, type: 'evidence.lodged', at: '2025-10-20T09:00:00.000Z', org: 'PAK', user: 'pak-1', subject: 'EV-2025-00001', sealed, sig: '' } });
    const disclose = (over: JsonObject, org = 'PAK') =>
      entry('evidence.disclosed', 'EV-2025-00001', { evidence_id: 'EV-2025-00001', of_index: lodgedAt, salt: toBase64(salt), body, ...over }, 'public', org);
    assert.throws(() => st.apply(disclose({ salt: toBase64(new Uint8Array(32)) })), /do not open the commitment/);
    assert.throws(() => st.apply(disclose({ body: { ...body, size: 11 } })), /not the body/);
    assert.throws(() => st.apply(disclose({ of_index: lodgedAt + 1 })), /was lodged in entry/);
    assert.throws(() => st.apply(disclose({}, 'AFG')), /only PAK or the mediators' side/);
    st.apply(disclose({}));
    assert.equal(st.get('evidence', 'EV-2025-00001')?.visibility, 'public');
    assert.throws(() => st.apply(disclose({})), /already disclosed/);

    st.apply(entry('incident.visibility_changed', 'INC-2025-0001', { visibility: 'public', reason: 'published' }, 'public', 'SEC'));
    st.apply(entry('evidence.lodged', 'EV-2025-00002', lodgedBody('EV-2025-00002', 'public'), 'public'));
    assert.throws(() => st.apply(entry('evidence.disclosed', 'EV-2025-00002', { evidence_id: 'EV-2025-00002', of_index: idx - 1, salt: toBase64(salt), body }, 'public')), /lodged in clear/);
  });
});

describe('intake helpers', () => {
  test('text is valid UTF-8 without binary bytes or leading markup, across chunk boundaries', () => {
    const verdict = (...parts: Uint8Array[]) => {
      const t = new TextSniffer();
      parts.forEach((p) => t.push(p));
      return t.verdict();
    };
    const euro = Buffer.from('price: €5\n');
    assert.deepEqual(verdict(euro.subarray(0, 8), euro.subarray(8)), { ok: true, mediaType: 'text/plain', ext: 'txt' }, 'a split multi-byte character');
    assert.equal(verdict(Buffer.from('a < b and <p>\n')).ok, true, 'markup later in the text is just text');
    assert.equal(verdict(Buffer.from('\uFEFF  <HTML><body>')).ok, false);
    assert.equal(verdict(Buffer.from('<?xml version="1.0"?><svg/>')).ok, false);
    assert.equal(verdict(Buffer.from([0xe2, 0x82])).ok, false, 'ends inside a character');
    assert.equal(verdict(Buffer.from('col1,col2\r\n1,2\t\f\u001b[0m')).ok, true, 'CR, TAB, FF and ESC are text');
    assert.deepEqual(judgeSniffed('application/x-msdownload'), { ok: false, reason: 'application/x-msdownload files are not accepted as evidence (accepted: images, video, audio, PDF, plain UTF-8 text)' });
    assert.deepEqual(judgeSniffed('video/quicktime'), { ok: true, mediaType: 'video/quicktime', ext: 'mov' });
  });

  test('capture times keep the zone they came with, and only real dates', () => {
    assert.equal(normaliseCapturedAt('2025-10-15T06:30:00+04:30'), '2025-10-15T02:00:00.000Z');
    assert.equal(normaliseCapturedAt('2025-10-15T06:30Z'), '2025-10-15T06:30:00.000Z');
    assert.equal(normaliseCapturedAt('2025-10-15T06:30'), '2025-10-15T06:30:00');
    assert.equal(normaliseCapturedAt('2025-02-30T06:30:00Z'), undefined);
    assert.equal(normaliseCapturedAt('yesterday'), undefined);
  });

  test('names are labels, downloads get safe names, ids count up', () => {
    assert.equal(cleanOriginalName('C:\\Users\\x\\photo.jpg'), 'photo.jpg');
    assert.equal(cleanOriginalName('..'), 'evidence');
    assert.equal(cleanOriginalName(undefined), 'evidence');
    assert.equal(contentDisposition('EV-2025-00001', 'صورة "1".JPG', 'jpg'),
      `attachment; filename="EV-2025-00001-_1_.jpg"; filename*=UTF-8''EV-2025-00001-%D8%B5%D9%88%D8%B1%D8%A9%20%221%22.jpg`);
    assert.equal(nextEvidenceId(2025, 41), 'EV-2025-00042');
    assert.equal(nextEvidenceId(2025, 123456), 'EV-2025-123457');
  });

  test('EXIF: camera, capture time and position are kept; junk is not', () => {
    const c = captureFromExif({
      Make: 'Canon', Model: 'Canon EOS 90D', Software: '1.1\u0007', DateTimeOriginal: '2025:10:15 06:30:00', OffsetTimeOriginal: '+04:30',
      latitude: -30.990000000000002, longitude: 66.39, GPSAltitude: 12, GPSAltitudeRef: new Uint8Array([1]),
    });
    assert.deepEqual(c, {
      metadata: { make: 'Canon', model: 'Canon EOS 90D', software: '1.1', date_time_original: '2025-10-15T06:30:00', offset_time_original: '+04:30', gps: { latitude: -30.99, longitude: 66.39, altitude: -12 } },
      device: 'Canon EOS 90D',
      captured_at: '2025-10-15T02:00:00.000Z',
      capture_place: { latitude: -30.99, longitude: 66.39, altitude: -12, precision: 1 },
    });
    assert.deepEqual(captureFromExif({ DateTimeOriginal: '0000:00:00 00:00:00', latitude: 200, longitude: 0, Make: '   ' }), { metadata: {} });
    assert.deepEqual(captureFromExif(undefined), { metadata: {} });
  });
});

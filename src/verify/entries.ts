/**
 * Checking one stored entry: its leaf hash (RFC 9162 §2.1.1), its bytes and
 * signature (verifyEntry: RFC 8785 canonical form, envelope shape, Ed25519 by
 * a registered org), the denormalised columns beside it, and for a sealed
 * entry that the stored (salt, body) opens its commitment. Yields the entry
 * as an applier sees it, or nothing when it cannot be replayed. Pure.
 */
import { equal } from '../ledger/bytes.js';
import { parseCanonical, type JsonObject, type JsonValue } from '../ledger/canonical-json.js';
import type { LedgerCrypto } from '../ledger/crypto.js';
import { checkDisclosure, MAX_ENTRY_BYTES, verifyEntry, type LedgerEntry } from '../ledger/entry.js';
import { VerificationCode, VerificationError } from '../ledger/errors.js';
import type { MerkleHasher } from '../ledger/hasher.js';
import { formatKeyId, type Ed25519NoteVerifier } from '../ledger/note.js';
import type { AppliedEntry } from '../domain/projection.js';
import { VISIBILITIES, type Visibility } from '../domain/visibility.js';
import type { EntryRow, SealRow } from '../store/repositories/verify.js';
import { registrationIn, sameKey, type OrgKeys } from './orgs.js';
import { show, type Problem } from './report.js';
import { sameValue } from './values.js';

export interface EntryCheckContext {
  crypto: LedgerCrypto;
  hasher: MerkleHasher;
  orgs: OrgKeys;
  /** --genesis-vkey: the key entry 0 must register and be signed with. */
  genesisPin?: Ed25519NoteVerifier | undefined;
}

export interface EntryCheck {
  problems: Problem[];
  /** The entry for the replay; undefined when it failed verification or its body is unknown. */
  applied?: AppliedEntry;
  signed: boolean;
  sealed: boolean;
  opened: boolean;
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseSealBody(text: string): JsonObject | undefined {
  try {
    const v = JSON.parse(text) as JsonValue;
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Entry 0 names its own key: find it (from the open body, or the sealed one)
 * and check it is an organisation registering itself. Returns the lookup
 * verifyEntry needs, or undefined after reporting why there is none.
 */
function genesisLookup(ctx: EntryCheckContext, row: EntryRow, seal: SealRow | undefined, problems: Problem[]) {
  let pre: JsonValue;
  try {
    pre = parseCanonical(row.bytes, MAX_ENTRY_BYTES);
  } catch {
    return () => undefined; // verifyEntry reports the bytes
  }
  const envelope = isObject(pre) ? pre : {};
  const body = isObject(envelope.body) ? envelope.body : seal ? parseSealBody(seal.body) : undefined;
  const type = String(envelope.type);
  const reg = registrationIn(type, body);
  const genesis = (message: string) => problems.push({ kind: 'genesis', idx: 0, message: `entry 0 (${type}): ${message}` });
  if (!reg) return genesis('the log must begin with an organisation registering itself'), undefined;
  if (reg.id !== envelope.org) return genesis(`registers ${reg.id} but is signed by ${String(envelope.org)}: the first organisation must register itself`), undefined;
  let verifier: Ed25519NoteVerifier;
  try {
    verifier = ctx.orgs.parse(reg.vkey);
  } catch (e) {
    return genesis(`verifier key of ${reg.id} is not an Ed25519 signed-note key: ${(e as Error).message}`), undefined;
  }
  const pin = ctx.genesisPin;
  if (pin && !sameKey(pin, verifier)) {
    genesis(`genesis key ${verifier.name}+${formatKeyId(verifier.keyId)} is not the pinned --genesis-vkey ${pin.name}+${formatKeyId(pin.keyId)}`);
  }
  return (org: string) => (org === reg.id ? verifier.publicKey : undefined);
}

export function checkEntry(ctx: EntryCheckContext, row: EntryRow, seal: SealRow | undefined): EntryCheck {
  const problems: Problem[] = [];
  const idx = row.idx;
  const out: EntryCheck = { problems, signed: false, sealed: false, opened: false };
  if (!equal(ctx.hasher.hashLeaf(row.bytes), row.leaf_hash)) {
    problems.push({ kind: 'leaf', idx, message: `entry ${idx} (${row.type}): leaf_hash is not SHA-256(0x00 || entry bytes) (RFC 9162 §2.1.1)` });
  }
  const lookup = idx === 0 ? genesisLookup(ctx, row, seal, problems) : ctx.orgs.lookup;
  if (!lookup) return out;
  let entry: LedgerEntry;
  try {
    entry = verifyEntry(ctx.crypto, row.bytes, lookup);
  } catch (e) {
    if (!(e instanceof VerificationError)) throw e;
    const unknown = e.code === VerificationCode.BAD_SIGNATURE && e.message.startsWith('unknown org');
    problems.push({
      kind: e.code === VerificationCode.BAD_SIGNATURE ? 'signature' : 'entry',
      idx,
      message: unknown
        ? `entry ${idx} (${row.type}): signed by org ${row.org}, which no earlier entry registered`
        : `entry ${idx} (${row.type}): ${e.message}`,
    });
    return out;
  }
  out.signed = true;
  for (const col of ['type', 'subject', 'org', 'at'] as const) {
    if (!sameValue(row[col], entry[col])) {
      problems.push({ kind: 'entry', idx, column: col, message: `entry ${idx} (${entry.type}): column ${col} is ${show(row[col])} but the entry bytes say ${show(entry[col])}` });
    }
  }
  const where = `entry ${idx} (${entry.type})`;
  if (entry.body !== undefined) {
    if (seal) problems.push({ kind: 'seal', idx, message: `${where}: has a ledger_seals row but its body is in the log in clear` });
    out.applied = { idx, entry, body: entry.body, visibility: 'public' };
    return out;
  }
  out.sealed = true;
  if (!seal) {
    problems.push({ kind: 'seal', idx, message: `${where}: sealed body is missing from ledger_seals, so the entry cannot be replayed` });
    return out;
  }
  const body = parseSealBody(seal.body);
  if (!body || !checkDisclosure(ctx.crypto, entry.sealed, seal.salt, body)) {
    problems.push({ kind: 'seal', idx, message: `${where}: the stored salt and body do not open its commitment sealed=${entry.sealed.slice(0, 16)}…` });
    return out;
  }
  // The audience is part of the signed envelope ("vis"), so no database column can widen it.
  const visibility = entry.vis as Visibility | undefined;
  if (visibility === undefined || !VISIBILITIES.includes(visibility) || visibility === 'public') {
    problems.push({ kind: 'seal', idx, message: `${where}: sealed entry names audience ${show(entry.vis)}; expected "vis" mediators or parties` });
    return out;
  }
  out.opened = true;
  out.applied = { idx, entry, body, visibility };
  return out;
}

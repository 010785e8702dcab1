/**
 * The one write path. `record` turns a statement into a signed ledger entry
 * and applies it to the projected tables, inside the caller's transaction:
 * there is no way to change a projected row without an entry (STYLE.md §1).
 */
import { canonicalize, type JsonObject } from '../ledger/canonical-json.js';
import { sealBody, signEntry, type LedgerEntry, type UnsignedEntry } from '../ledger/entry.js';
import { applierFor } from '../domain/appliers.js';
import { EntryFormatError, parseBody, type EntryType } from '../domain/entries.js';
import { ProjectionError, type AppliedEntry, type Change } from '../domain/projection.js';
import type { Visibility } from '../domain/visibility.js';
import type { Db } from '../store/db.js';
import { unitOfWorkOf, type UnitOfWork } from '../store/unit-of-work.js';
import type { Services } from './context.js';
import { ServiceError } from './errors.js';

export interface Actor {
  org: string;
  userId: string;
}

export interface Draft {
  type: EntryType;
  subject: string;
  body: JsonObject;
  /** 'public' puts the body in the log in clear; otherwise it is sealed. */
  visibility: Visibility;
}

export interface Recorded {
  idx: number;
  entry: LedgerEntry;
  bytes: Uint8Array;
  changes: Change[];
}

const PROJECTION_STATUS: Record<string, ServiceError['code']> = { conflict: 'conflict', not_found: 'not_found' };

export async function record(tx: Db, s: Services, actor: Actor, draft: Draft): Promise<Recorded> {
  let body: JsonObject;
  try {
    body = parseBody(draft.type, draft.body) as unknown as JsonObject;
  } catch (e) {
    if (e instanceof EntryFormatError) throw new ServiceError('bad_request', e.message);
    throw e;
  }
  const fields = { v: 1 as const, type: draft.type, at: s.clock().toISOString(), org: actor.org, user: actor.userId, subject: draft.subject };
  let unsigned: UnsignedEntry;
  let seal: { salt: Uint8Array; body: string } | undefined;
  if (draft.visibility === 'public') {
    unsigned = { ...fields, body };
  } else {
    const sealed = sealBody(s.crypto, body);
    // The audience is signed with the entry ("vis"), so replay reads it from the log, not from a column.
    unsigned = { ...fields, sealed: sealed.sealed, vis: draft.visibility };
    seal = { salt: sealed.salt, body: canonicalize(body) };
  }
  const { entry, bytes } = signEntry(s.crypto, unsigned, s.keys.orgSeed(actor.org));
  const uow = unitOfWork(tx);
  const idx = uow.appendEntry({
    bytes,
    leafHash: s.hasher.hashLeaf(bytes),
    type: entry.type,
    subject: entry.subject,
    org: entry.org,
    at: entry.at,
    seal,
  });
  const changes = await project(uow, { idx, entry, body, visibility: draft.visibility });
  return { idx, entry, bytes, changes };
}

function unitOfWork(tx: Db): UnitOfWork {
  const uow = unitOfWorkOf(tx);
  if (!uow) throw new Error('record() needs the tx of inTransaction: every entry goes through the batching writer');
  return uow;
}

/** Run the entry's applier against the batch's view of the rows and buffer its changes. */
async function project(uow: UnitOfWork, applied: AppliedEntry): Promise<Change[]> {
  const applier = applierFor(applied.entry.type);
  if (!applier) throw new Error(`no applier for entry type ${applied.entry.type}`);
  await uow.load(applier.reads(applied));
  let changes: Change[];
  try {
    changes = applier.apply(applied, (table, key) => uow.get({ table, key }));
  } catch (e) {
    if (e instanceof ProjectionError) throw new ServiceError(PROJECTION_STATUS[e.code] ?? 'conflict', e.message);
    throw e;
  }
  uow.write(changes);
  return changes;
}

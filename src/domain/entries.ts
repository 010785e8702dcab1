/**
 * THE LEDGER ENTRY FORMAT. Every entry type Annex writes, one zod schema per
 * `type`, joined here into one union. Entries are signed and hashed into the
 * public log, so changing or removing a schema is a format change: old
 * entries must still parse and verify (add a new type or an optional field;
 * never repurpose a field). The envelope itself is src/ledger/entry.ts.
 */
import type { z } from 'zod';
import type { JsonObject } from '../ledger/canonical-json.js';
import { clauseBodies } from './entries/clause.js';
import { commitmentBodies } from './entries/commitment.js';
import { crossingBodies } from './entries/crossing.js';
import { evidenceBodies } from './entries/evidence.js';
import { incidentBodies } from './entries/incident.js';
import { incidentStepBodies } from './entries/incident-steps.js';
import { movementBodies } from './entries/movement.js';
import { penaltyBodies } from './entries/penalties.js';
import { textBodies } from './entries/text.js';
import { workspaceBodies } from './entries/workspace.js';

export const ENTRY_BODIES = { ...workspaceBodies, ...incidentBodies, ...incidentStepBodies, ...evidenceBodies, ...crossingBodies, ...movementBodies, ...penaltyBodies, ...textBodies, ...clauseBodies, ...commitmentBodies } as const;
export type EntryType = keyof typeof ENTRY_BODIES;
export type EntryBody<T extends EntryType> = z.infer<(typeof ENTRY_BODIES)[T]>;

export function isEntryType(type: string): type is EntryType {
  return Object.hasOwn(ENTRY_BODIES, type);
}

export class EntryFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntryFormatError';
  }
}

/**
 * Bodies this module produced, by type: parsing one again (the recorder
 * parses, then the applier parses the same object) returns it as it is.
 * Identity is the proof, and parsed bodies are never mutated.
 */
const parsed = new WeakMap<object, EntryType>();

/** Parse a body of a known type; throws EntryFormatError naming the first problem. */
export function parseBody<T extends EntryType>(type: T, body: unknown): EntryBody<T> {
  if (typeof body === 'object' && body !== null && parsed.get(body) === type) return body as EntryBody<T>;
  if (!isEntryType(type)) throw new EntryFormatError(`unknown entry type "${String(type)}"`);
  const r = ENTRY_BODIES[type].safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new EntryFormatError(`${type} body: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  if (typeof r.data === 'object' && r.data !== null) parsed.set(r.data, type);
  return r.data as EntryBody<T>;
}

/** Bodies are stored as JSON; this is the cast services use after parseBody. */
export function asJson(body: object): JsonObject {
  return body as unknown as JsonObject;
}

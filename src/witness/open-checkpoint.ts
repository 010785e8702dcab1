/**
 * Opens a checkpoint note for a configured log, as C2SP tlog-witness
 * §add-checkpoint asks: the origin must be known (else 404 unknown_log), a
 * signature must verify against a key trusted for that origin (else 403
 * bad_signature), and signatures from unknown keys are ignored. A note or
 * checkpoint that does not parse is 400 malformed_request.
 */
import { parseCheckpoint, type Checkpoint } from '../ledger/checkpoint.js';
import { VerificationCode, VerificationError } from '../ledger/errors.js';
import { formatSignatureLine, openNote, parseNote } from '../ledger/note.js';
import type { KnownLog } from './config.js';
import { WitnessCode, WitnessError } from './errors.js';

export interface OpenedCheckpoint {
  readonly log: KnownLog;
  readonly checkpoint: Checkpoint;
  /** The note text (checkpoint body). */
  readonly text: string;
  /** The note reduced to its text and the log's verified signature lines (other signatures dropped). */
  readonly note: string;
}

export function openLogCheckpoint(logs: ReadonlyMap<string, KnownLog>, noteText: string): OpenedCheckpoint {
  let origin: string;
  try {
    origin = parseCheckpoint(parseNote(noteText).text).origin;
  } catch (e) {
    if (e instanceof VerificationError) throw new WitnessError(WitnessCode.MALFORMED_REQUEST, `checkpoint: ${e.message}`);
    throw e;
  }
  const log = logs.get(origin);
  if (!log) throw new WitnessError(WitnessCode.UNKNOWN_LOG, `unknown log origin ${JSON.stringify(origin.slice(0, 200))}`);
  try {
    const opened = openNote(noteText, log.verifiers);
    const checkpoint = parseCheckpoint(opened.text);
    const lines = opened.sigs.map((s) => formatSignatureLine(s.name, s.keyId, s.signature)).join('');
    return { log, checkpoint, text: opened.text, note: `${opened.text}\n${lines}` };
  } catch (e) {
    if (e instanceof VerificationError && (e.code === VerificationCode.UNVERIFIED_NOTE || e.code === VerificationCode.BAD_SIGNATURE)) {
      throw new WitnessError(WitnessCode.BAD_SIGNATURE, `no valid signature from a key trusted for ${origin}`);
    }
    if (e instanceof VerificationError) throw new WitnessError(WitnessCode.MALFORMED_REQUEST, `checkpoint: ${e.message}`);
    throw e;
  }
}

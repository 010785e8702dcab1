/**
 * The log's side of C2SP tlog-witness (https://c2sp.org/tlog-witness)
 * §add-checkpoint: POST `<submission prefix>/add-checkpoint` with an old size
 * line, the consistency proof lines, an empty line and the checkpoint; the
 * answer is the witness's cosignature lines (200), its current size (409), or
 * a refusal. The reply is checked here: only a valid cosignature (C2SP
 * tlog-cosignature) from the witness's configured key counts.
 */
import { toBase64 } from '../ledger/bytes.js';
import { readCosignatureTime, type CosignatureVerifier } from '../ledger/cosignature.js';
import { openNote } from '../ledger/note.js';

export interface WitnessEndpoint {
  readonly name: string;
  /** Submission prefix (no trailing slash). */
  readonly url: string;
  readonly verifier: CosignatureVerifier;
}

export interface AddCheckpointRequest {
  readonly oldSize: number;
  /** RFC 6962 §2.1.2 consistency proof from oldSize to the checkpoint's size (empty when oldSize is 0). */
  readonly proof: readonly Uint8Array[];
  /** The log-signed checkpoint note. */
  readonly note: string;
}

export type WitnessReply =
  /** The witness's cosignature line (with its newline), verified over the checkpoint body. */
  | { readonly kind: 'cosigned'; readonly line: string; readonly time: number }
  /** 409 with a size: the witness's latest cosigned size is not the old size sent. */
  | { readonly kind: 'conflict'; readonly size: number }
  | { readonly kind: 'failed'; readonly error: string; readonly status?: number };

/** §add-checkpoint: "The client MUST NOT send more than 63 consistency proof lines." */
const MAX_PROOF_LINES = 63;
const MAX_REPLY_BYTES = 64 * 1024;

export function addCheckpointBody(req: AddCheckpointRequest): string {
  if (req.proof.length > MAX_PROOF_LINES) throw new RangeError(`a consistency proof of ${req.proof.length} hashes is too long to send`);
  return `old ${req.oldSize}\n${req.proof.map((h) => `${toBase64(h)}\n`).join('')}\n${req.note}`;
}

export interface RequestOptions {
  /** Ends the request (e.g. AbortSignal.timeout); a timeout is reported as such. */
  readonly signal: AbortSignal;
  /** For the message when the signal is a timeout. */
  readonly timeoutMs: number;
}

export async function addCheckpoint(w: WitnessEndpoint, req: AddCheckpointRequest, opts: RequestOptions): Promise<WitnessReply> {
  let status: number;
  let body: string;
  try {
    const res = await fetch(`${w.url}/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: addCheckpointBody(req),
      signal: opts.signal,
    });
    status = res.status;
    body = await readCapped(res);
  } catch (e) {
    return { kind: 'failed', error: networkError(e, opts.timeoutMs) };
  }
  if (status === 200) return cosignatureFrom(w, req.note, body);
  if (status === 409) {
    // "The response body MUST consist of the tree size of the latest cosigned checkpoint in decimal, followed by a newline."
    const m = /^(0|[1-9][0-9]{0,15})\n?$/.exec(body);
    const size = m ? Number(m[1]) : NaN;
    if (Number.isSafeInteger(size)) return { kind: 'conflict', size };
    return { kind: 'failed', status, error: `409 Conflict without a tree size${excerpt(body)}` };
  }
  return { kind: 'failed', status, error: `${refusal(status)}${excerpt(body)}` };
}

/**
 * §add-checkpoint: "the client MAY concatenate [the response] to the
 * checkpoint, and use a note verification function configured with the
 * witness keys it trusts"; cosignatures from other keys are ignored.
 */
function cosignatureFrom(w: WitnessEndpoint, note: string, body: string): WitnessReply {
  if (body === '' || !body.endsWith('\n') || body.includes('\n\n') || !body.split('\n').slice(0, -1).every((l) => l.startsWith('\u2014 '))) {
    return { kind: 'failed', status: 200, error: `the reply is not a list of note signature lines${excerpt(body)}` };
  }
  try {
    const opened = openNote(note + body, [w.verifier]);
    const sig = opened.sigs.find((s) => s.verifier === w.verifier);
    if (!sig) throw new Error('no signature');
    return { kind: 'cosigned', line: `\u2014 ${sig.name} ${sig.base64}\n`, time: readCosignatureTime(sig.signature) };
  } catch (e) {
    const reason = (e as Error).message;
    return { kind: 'failed', status: 200, error: /no verifiable signatures|no signature/.test(reason)
      ? `the reply has no cosignature from ${w.verifier.name} (key ${w.verifier.keyId.toString(16).padStart(8, '0')})`
      : `rejected cosignature: ${reason}` };
  }
}

function refusal(status: number): string {
  switch (status) {
    case 400: return 'the witness rejected the request as malformed (400)';
    case 403: return 'the witness refused to cosign (403: an untrusted log key, or its own policy)';
    case 404: return 'the witness does not know this log, or the URL is wrong (404)';
    case 422: return 'the witness rejected the consistency proof (422)';
    default: return `the witness answered HTTP ${status}`;
  }
}

function networkError(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `unreachable (${cause})` : (err.message ?? String(e));
}

/** A short, printable piece of a reply for the status (never the whole body). */
function excerpt(body: string): string {
  const line = body.split('\n', 1)[0]!.replace(/[^\x20-\x7e]/g, '?').slice(0, 120);
  return line ? `: ${line}` : '';
}

async function readCapped(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_REPLY_BYTES) {
      await reader.cancel();
      throw new Error(`reply larger than ${MAX_REPLY_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

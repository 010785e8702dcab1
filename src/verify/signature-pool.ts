/**
 * Entry signatures checked ahead on worker threads, so `annex verify` uses
 * every core: one Ed25519 verification per entry is most of its work
 * (bench/store.ts measures the share).
 *
 * How it stays exact: the pool only ever answers one question, "does
 * ed25519Verify(publicKey, message, signature) hold?", for a triple the main
 * thread chose, and `withCheckedSignature` hands that answer to the normal
 * per-entry check (checkEntry in entries.ts, unchanged) only when that check
 * asks the very same question, byte for byte. Anything else, the check's own
 * crypto answers. So the pool is a memo of a pure function: it can make
 * verify faster, never change a result. How the triple is guessed
 * (`signatureParts`: cut "sig" out of the entry bytes, take the key the org
 * has when the batch is sent) only decides how often the memo is used: for
 * every entry of an honest log but the few right after a registration.
 *
 * The workers run node:crypto's Ed25519 verify exactly as nodeCrypto does
 * (src/ledger/crypto-node.ts), so verifyStore uses the pool only with that
 * crypto. Their code is a self-contained script (no imports of ours), so it
 * runs the same from dist/ and from the TypeScript sources under tsx, which
 * does not load its hooks in worker threads on Node 20.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { equal } from '../ledger/bytes.js';
import type { LedgerCrypto } from '../ledger/crypto.js';

/** What one entry's signature check needs, guessed from its bytes. */
export interface SignatureParts {
  org: string;
  /** The entry bytes without the `,"sig":"…"` member: its signing bytes, when the entry is canonical. */
  message: Uint8Array;
  signature: Uint8Array;
}

/** A signature the pool checked: the exact triple and the verdict. */
export interface CheckedSignature {
  publicKey: Uint8Array;
  message: Uint8Array;
  signature: Uint8Array;
  valid: boolean;
}

const SIG_MEMBER = Buffer.from(',"sig":"', 'latin1');
const ORG_MEMBER = Buffer.from(',"org":"', 'latin1');
const QUOTE = 0x22;
const SIG_BASE64_CHARS = 88; // 64 bytes, padded

/**
 * The org, signing bytes and signature of an entry, cut from its bytes
 * without parsing them. In canonical entry bytes (RFC 8785: members sorted,
 * strings escaped) the envelope's own "sig" member is the last `,"sig":"` —
 * the members after it (subject, type, user, v, vis) are strings and a
 * number — and its "org" member the last `,"org":"` before it (only "sealed"
 * lies between). Undefined when the bytes do not look like that; the answer
 * is only a guess for the pool (see the file comment).
 */
export function signatureParts(bytes: Uint8Array): SignatureParts | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sigAt = buf.lastIndexOf(SIG_MEMBER);
  if (sigAt < 0) return undefined;
  const sigStart = sigAt + SIG_MEMBER.length;
  const sigEnd = sigStart + SIG_BASE64_CHARS;
  if (sigEnd >= buf.length || buf[sigEnd] !== QUOTE) return undefined;
  const orgAt = buf.lastIndexOf(ORG_MEMBER, sigAt);
  if (orgAt < 0) return undefined;
  const orgStart = orgAt + ORG_MEMBER.length;
  const orgEnd = buf.indexOf(QUOTE, orgStart);
  if (orgEnd < 0 || orgEnd > sigAt) return undefined;
  const signature = Buffer.from(buf.toString('latin1', sigStart, sigEnd), 'base64');
  if (signature.length !== 64) return undefined;
  const message = new Uint8Array(bytes.length - (sigEnd + 1 - sigAt));
  message.set(bytes.subarray(0, sigAt), 0);
  message.set(bytes.subarray(sigEnd + 1), sigAt);
  return { org: buf.toString('utf8', orgStart, orgEnd), message, signature: new Uint8Array(signature) };
}

/**
 * `crypto`, except that ed25519Verify answers from `checked` when asked about
 * exactly its triple. Everything else goes to `crypto`.
 */
export function withCheckedSignature(crypto: LedgerCrypto, checked: CheckedSignature | undefined): LedgerCrypto {
  if (!checked) return crypto;
  return {
    name: crypto.name,
    sha256: (data) => crypto.sha256(data),
    ed25519PublicKey: (seed) => crypto.ed25519PublicKey(seed),
    ed25519Sign: (seed, message) => crypto.ed25519Sign(seed, message),
    ed25519Verify: (publicKey, message, signature) =>
      equal(publicKey, checked.publicKey) && equal(signature, checked.signature) && equal(message, checked.message)
        ? checked.valid
        : crypto.ed25519Verify(publicKey, message, signature),
    randomBytes: (length) => crypto.randomBytes(length),
  };
}

/**
 * One worker per core besides this thread's: the main thread stays busy
 * replaying (and, on PGlite, running the database), so more workers than
 * that only take turns with it (bench/store.ts measures both). 0 on one core.
 */
export function defaultPoolSize(): number {
  return Math.max(0, Math.min(availableParallelism() - 1, 8));
}

/**
 * One message in: distinct public keys (32 bytes each), per job the index of
 * its key (0xffff: none), message offsets into one buffer, 64-byte
 * signatures. One message out: a verdict byte per job. Mirrors
 * nodeCrypto.ed25519Verify: a key or signature node:crypto rejects is false.
 */
const WORKER_SOURCE = `
'use strict';
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keyObjects = new Map();
function keyObject(raw) {
  const id = raw.toString('base64');
  let key = keyObjects.get(id);
  if (key === undefined) {
    if (keyObjects.size >= 1024) keyObjects.clear();
    try { key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' }); } catch { key = null; }
    keyObjects.set(id, key);
  }
  return key;
}
parentPort.on('message', (job) => {
  const keys = Buffer.from(job.keys.buffer, job.keys.byteOffset, job.keys.byteLength);
  const messages = Buffer.from(job.messages.buffer, job.messages.byteOffset, job.messages.byteLength);
  const signatures = Buffer.from(job.signatures.buffer, job.signatures.byteOffset, job.signatures.byteLength);
  const n = job.keyOf.length;
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = job.keyOf[i];
    if (k === 0xffff) continue;
    const key = keyObject(keys.subarray(32 * k, 32 * k + 32));
    if (key === null) continue;
    try {
      valid[i] = verify(null, messages.subarray(job.offsets[i], job.offsets[i + 1]), key, signatures.subarray(64 * i, 64 * i + 64)) ? 1 : 0;
    } catch {
      valid[i] = 0;
    }
  }
  parentPort.postMessage({ id: job.id, valid }, [valid.buffer]);
});
`;

interface Pending {
  resolve(valid: Uint8Array): void;
  reject(e: unknown): void;
}

/** A few worker threads verifying Ed25519 signatures in batches. Close it when done. */
export class SignaturePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextWorker = 0;
  private failure: Error | undefined;
  private closing = false;

  constructor(readonly size = Math.max(1, defaultPoolSize())) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`signature pool size must be a positive integer, not ${size}`);
    for (let i = 0; i < size; i++) {
      // No inherited --import/--loader flags: the script needs none, and they only slow the start.
      const w = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
      w.on('message', (m: { id: number; valid: Uint8Array }) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        p?.resolve(m.valid);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (!this.closing) this.fail(new Error(`signature worker exited with code ${code}`));
      });
      this.workers.push(w);
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /**
   * Check the signatures of these entries, each against the key `keyFor`
   * guesses for its org (called in row order). Per entry: the checked
   * triple, or undefined when its parts could not be guessed or its org has
   * no key (the entry check then verifies it itself). Split across the
   * workers; the promise settles when all are done.
   */
  async check<R extends { bytes: Uint8Array }>(
    rows: readonly R[], keyFor: (row: R, org: string) => Uint8Array | undefined,
  ): Promise<Array<CheckedSignature | undefined>> {
    const out: Array<CheckedSignature | undefined> = new Array(rows.length).fill(undefined);
    const parts: Array<{ at: number; checked: CheckedSignature }> = [];
    for (let i = 0; i < rows.length; i++) {
      const p = signatureParts(rows[i]!.bytes);
      const publicKey = p && keyFor(rows[i]!, p.org);
      if (!p || !publicKey || publicKey.length !== 32) continue;
      parts.push({ at: i, checked: { publicKey, message: p.message, signature: p.signature, valid: false } });
    }
    const per = Math.ceil(parts.length / this.workers.length);
    const chunks: Array<Promise<void>> = [];
    for (let start = 0; start < parts.length; start += per) {
      const chunk = parts.slice(start, start + per);
      chunks.push(this.send(chunk.map((c) => c.checked)).then((valid) => {
        chunk.forEach((c, j) => {
          c.checked.valid = valid[j] === 1;
          out[c.at] = c.checked;
        });
      }));
    }
    await Promise.all(chunks);
    return out;
  }

  private send(jobs: readonly CheckedSignature[]): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('the signature pool is closed'));
    const keyIndex = new Map<Uint8Array, number>();
    const keyList: Uint8Array[] = [];
    const keyOf = new Uint16Array(jobs.length);
    const offsets = new Uint32Array(jobs.length + 1);
    let total = 0;
    for (const [i, j] of jobs.entries()) {
      let k = keyIndex.get(j.publicKey);
      if (k === undefined) {
        k = keyList.length < 0xffff ? keyList.push(j.publicKey) - 1 : 0xffff;
        keyIndex.set(j.publicKey, k);
      }
      keyOf[i] = k;
      offsets[i] = total;
      total += j.message.length;
    }
    offsets[jobs.length] = total;
    const keys = new Uint8Array(32 * keyList.length);
    keyList.forEach((key, i) => keys.set(key, 32 * i));
    const messages = new Uint8Array(total);
    const signatures = new Uint8Array(64 * jobs.length);
    for (const [i, j] of jobs.entries()) {
      messages.set(j.message, offsets[i]!);
      signatures.set(j.signature, 64 * i);
    }
    const id = this.nextId++;
    const worker = this.workers[this.nextWorker++ % this.workers.length]!;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, keys, keyOf, offsets, messages, signatures }, [keys.buffer, keyOf.buffer, offsets.buffer, messages.buffer, signatures.buffer]);
    });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.fail(new Error('the signature pool is closed'));
  }
}

/**
 * startWitness(opts) starts a C2SP tlog-witness server in this process and
 * resolves to { url, vkey, name, close(), gossipNow(), witness }. Options:
 *
 *   stateDir          required. Created (0700) if missing. Holds the lock file,
 *                     the cosigner key, per-log state and history, alarms.
 *                     One process per state directory (a second is refused).
 *   logs              required, non-empty. `<vkey>[@<tiles-url>]` strings or
 *                     { vkey, origin?, url? } objects (./config.ts).
 *   host, port        listen address; default 127.0.0.1 and 0 (any free port).
 *   name              cosigner key name when the key is created; checked
 *                     against an existing key. Default `<hostname>/annex-witness`.
 *   key               a `PRIVATE+KEY+…` cosigner key (type 0x04) to use instead
 *                     of `<stateDir>/witness.key` (which is created otherwise).
 *   peers             base URLs of peer witnesses to gossip with.
 *   gossipIntervalMs  poll peers and log URLs this often; default 10 s; 0: never
 *                     (call gossipNow() yourself).
 *   logger            Fastify/pino logger option; default off.
 *   maxBodyBytes      request body limit; default 64 KiB.
 *   clock             POSIX seconds for cosignature timestamps (tests).
 *
 * `close()` stops gossip, finishes open requests and releases the lock.
 */
import type { FastifyServerOptions } from 'fastify';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { DataDirLockedError, lockDataDir } from '../store/lock.js';
import { AlarmStore } from './alarms.js';
import { knownLogs, normaliseUrl, type KnownLog, type LogConfig } from './config.js';
import { WitnessCode, WitnessError } from './errors.js';
import { fetchResource } from './fetch-bytes.js';
import { ensureDir } from './files.js';
import { Gossip } from './gossip.js';
import { loadCosignerKey } from './key.js';
import { Observer } from './observe.js';
import { buildWitnessApp } from './server.js';
import { SeenStore } from './seen.js';
import { LogState } from './state.js';
import { Witness, type WitnessLogger } from './witness.js';

export { WitnessCode, WitnessError } from './errors.js';
export { formatAddCheckpoint, parseAddCheckpoint } from './request.js';
export type { Alarm, AlarmKind } from './alarms.js';
export type { LogConfig } from './config.js';

export interface StartWitnessOptions {
  stateDir: string;
  logs: ReadonlyArray<string | LogConfig>;
  host?: string;
  port?: number;
  name?: string;
  key?: string;
  peers?: readonly string[];
  gossipIntervalMs?: number;
  logger?: FastifyServerOptions['logger'];
  maxBodyBytes?: number;
  clock?: () => number;
}

export interface RunningWitness {
  /** Base URL, no trailing slash: POST `${url}/add-checkpoint`. */
  readonly url: string;
  /** The witness's cosigner verifier key (C2SP tlog-cosignature, type 0x04). */
  readonly vkey: string;
  readonly name: string;
  readonly witness: Witness;
  /** Runs one gossip round now. */
  gossipNow(): Promise<void>;
  close(): Promise<void>;
}

/** Tiles are at most 256 hashes. */
const MAX_TILE_BYTES = 256 * 32;


function lock(stateDir: string): () => void {
  try {
    return lockDataDir(stateDir);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      throw new WitnessError(WitnessCode.STATE_LOCKED, `state directory ${stateDir} is in use by process ${e.pid} (since ${e.since}); one witness per state directory`);
    }
    throw e;
  }
}

export async function startWitness(opts: StartWitnessOptions): Promise<RunningWitness> {
  const crypto = nodeCrypto;
  const clock = opts.clock ?? (() => Math.floor(Date.now() / 1000));
  const logs = knownLogs(crypto, opts.logs);
  const peers = (opts.peers ?? []).map((p) => normaliseUrl(p, 'peer URL'));
  await ensureDir(opts.stateDir);
  const release = lock(opts.stateDir);
  let app: ReturnType<typeof buildWitnessApp> | undefined;
  try {
    const key = await loadCosignerKey(crypto, opts.stateDir, { key: opts.key, name: opts.name, clock });
    const states = new Map<string, LogState>();
    for (const origin of logs.keys()) states.set(origin, await LogState.open(crypto, opts.stateDir, origin));
    const alarms = await AlarmStore.open(crypto, opts.stateDir);
    const seen = await SeenStore.open(opts.stateDir);
    const fetchTile = (log: KnownLog, path: string): Promise<Uint8Array> => fetchResource(new URL(path, log.url).href, MAX_TILE_BYTES);
    // The witness logs its own events (alarms above all) through the app's logger, built below.
    const logger: WitnessLogger = {
      info: (obj, msg) => app?.log.info(obj, msg),
      warn: (obj, msg) => app?.log.warn(obj, msg),
      error: (obj, msg) => app?.log.error(obj, msg),
    };
    const witness = new Witness({ crypto, logs, states, alarms, seen, signer: key.signer, clock, logger, fetchTile });
    const observer = new Observer(witness);
    app = buildWitnessApp(witness, observer, { logger: opts.logger, maxBodyBytes: opts.maxBodyBytes, vkey: key.vkey });
    const address = await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
    const gossip = new Gossip(witness, observer, peers, opts.gossipIntervalMs ?? 10_000);
    gossip.start();
    const running = app;
    let closed: Promise<void> | undefined;
    return {
      url: address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost'),
      vkey: key.vkey,
      name: key.signer.name,
      witness,
      gossipNow: () => gossip.round(),
      close: () =>
        (closed ??= (async () => {
          try {
            await gossip.stop();
            await running.close();
          } finally {
            release();
          }
        })()),
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    release();
    throw e;
  }
}

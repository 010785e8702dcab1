/**
 * Starting Annex in one process: open the store (PGlite in the data
 * directory, or PostgreSQL with DATABASE_URL), the keys and the blob store,
 * start the log integrator, build the app and listen. `annex serve`, the
 * end-to-end tests and the benchmarks all start the server this way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyServerOptions } from 'fastify';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { startIntegrator, type Integrator } from '../log/integrator.js';
import { parseWitnessPolicy, type WitnessPolicy } from '../log/policy.js';
import { checkPolicyForServer, startPublication, type Publication, type PublicationOptions } from '../log/publication.js';
import { makeServices, type Services } from '../services/context.js';
import { workspaceExists } from '../services/workspace.js';
import { openBlobStore } from '../store/blobs.js';
import { openStore, type Store } from '../store/db.js';
import { KeyRing } from '../store/keys.js';
import { buildApp, type App } from './server.js';

export interface StartOptions {
  dataDir: string;
  databaseUrl?: string | undefined;
  port: number;
  host: string;
  logger?: FastifyServerOptions['logger'];
  maxUploadBytes?: number;
  /** Called once on an empty workspace before listening (e.g. to load the demo). */
  onEmpty?: (s: Services) => Promise<void>;
  env?: NodeJS.ProcessEnv;
  /**
   * Witness policy (C2SP tlog-policy file path, or parsed): checkpoints are
   * published, at /log/checkpoint, only once its quorum has cosigned them.
   * Without one, each signed checkpoint is served as it is.
   */
  witnessPolicy?: string | WitnessPolicy | LatePolicy | undefined;
  /** Timeouts and retry delays for witness requests. */
  publication?: Omit<PublicationOptions, 'logger'>;
}

/**
 * A policy known only once the workspace exists (after `onEmpty`), before
 * anything is published: `annex serve` starts its local witnesses here, as
 * they need the log's key.
 */
export type LatePolicy = (s: Services) => Promise<string | WitnessPolicy | undefined>;

function readPolicy(p: string | WitnessPolicy | undefined): WitnessPolicy | undefined {
  const policy = typeof p === 'string' ? parseWitnessPolicy(nodeCrypto, readFileSync(p, 'utf8'), p) : p;
  if (policy) checkPolicyForServer(policy);
  return policy;
}

export interface Running {
  store: Store;
  services: Services;
  app: App;
  integrator: Integrator;
  publication: Publication;
  url: string;
  /** Whether `onEmpty` ran. */
  initialised: boolean;
  close(): Promise<void>;
}

/** Pino options: request logs without credentials (secrets never land in logs). */
export function defaultLogger(level = 'info'): FastifyServerOptions['logger'] {
  return { level, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] };
}

export async function startServer(opts: StartOptions): Promise<Running> {
  const env = opts.env ?? process.env;
  const late = typeof opts.witnessPolicy === 'function' ? opts.witnessPolicy : undefined;
  let policy = late ? undefined : readPolicy(opts.witnessPolicy as string | WitnessPolicy | undefined);
  const store = await openStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
  let integrator: Integrator | undefined;
  let publication: Publication | undefined;
  let app: App | undefined;
  try {
    const services = makeServices({
      db: store.db,
      keys: KeyRing.forDataDir(opts.dataDir, env),
      crypto: nodeCrypto,
      blobs: openBlobStore(join(opts.dataDir, 'blobs')),
      clock: () => new Date(),
    });
    let initialised = false;
    if (opts.onEmpty && !(await workspaceExists(services))) {
      await opts.onEmpty(services);
      initialised = true;
    }
    if (late) policy = readPolicy(await late(services));
    app = await buildApp(services, { logger: opts.logger, maxUploadBytes: opts.maxUploadBytes, testHooks: env.ANNEX_TEST_HOOKS === '1' });
    publication = startPublication(services, policy, { ...opts.publication, logger: app.log });
    const published = publication;
    integrator = startIntegrator(services, { logger: app.log, onCheckpoint: () => published.wake() });
    await integrator.integrate();
    const address = await app.listen({ port: opts.port, host: opts.host });
    const running: Running = {
      store, services, app, integrator, publication, initialised,
      url: address.replace('://0.0.0.0', '://localhost').replace('://[::]', '://localhost'),
      async close() {
        await app!.close();
        await integrator!.stop();
        await publication!.stop();
        await store.close();
      },
    };
    return running;
  } catch (e) {
    await app?.close().catch(() => undefined);
    await integrator?.stop().catch(() => undefined);
    await publication?.stop().catch(() => undefined);
    await store.close();
    throw e;
  }
}

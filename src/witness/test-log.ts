/**
 * A small in-memory log for tests of witnesses and their clients (not used
 * in production): real entries, real C2SP tlog-tiles (TileBuilder), real
 * signed checkpoints and RFC 9162 consistency proofs, and a fork that shares
 * a prefix with its parent and then diverges. `serveTestLog` publishes it
 * over HTTP the way Annex does (`<url>checkpoint`, `<url>tile/…`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { utf8 } from '../ledger/bytes.js';
import { signCheckpoint } from '../ledger/checkpoint.js';
import { nodeCrypto } from '../ledger/crypto-node.js';
import { MerkleHasher } from '../ledger/hasher.js';
import { generateSignerKey } from '../ledger/note.js';
import { consistencyProof, consistencyRanges, nodesFor } from '../ledger/proof-build.js';
import { TileBuilder } from '../ledger/tile-builder.js';
import { TileHashReader } from '../ledger/tile-reader.js';
import { parseTilePath } from '../ledger/tiles.js';
import { formatAddCheckpoint } from './request.js';

export class TestLog {
  readonly hasher = new MerkleHasher(nodeCrypto);
  private readonly builder: TileBuilder;
  private readonly entries: Uint8Array[] = [];
  /** Widest hash tile built so far, by `level/index`. */
  private readonly tiles = new Map<string, Uint8Array>();

  private constructor(
    readonly origin: string,
    readonly skey: string,
    readonly vkey: string,
    private readonly salt: string,
  ) {
    this.builder = new TileBuilder(this.hasher, { bundles: false });
  }

  static create(origin = 'annex.test/log'): TestLog {
    const { skey, vkey } = generateSignerKey(nodeCrypto, origin);
    return new TestLog(origin, skey, vkey, '');
  }

  get size(): number {
    return this.builder.size;
  }

  root(): Uint8Array {
    return this.builder.root();
  }

  grow(n: number): this {
    for (let i = 0; i < n; i++) this.append(utf8(`{"i":${this.size},"salt":"${this.salt}"}`));
    return this;
  }

  private append(entry: Uint8Array): void {
    this.entries.push(entry);
    this.builder.append(entry);
    for (const f of this.builder.flush()) this.tiles.set(`${f.id.level}/${f.id.index}`, f.bytes);
  }

  /** The same log (same key) with the same first `size` entries; later entries differ. */
  fork(salt = 'fork'): TestLog {
    const f = new TestLog(this.origin, this.skey, this.vkey, salt);
    for (const e of this.entries) f.append(e);
    return f;
  }

  /** The checkpoint note at the current size, signed by the log key. */
  checkpoint(): string {
    return signCheckpoint(nodeCrypto, { origin: this.origin, size: this.size, root: this.root() }, this.skey);
  }

  /** A tile by its C2SP tlog-tiles path, at any width up to the widest built. */
  readTile(path: string): Uint8Array | undefined {
    const id = parseTilePath(path);
    const bytes = id && id.level >= 0 ? this.tiles.get(`${id.level}/${id.index}`) : undefined;
    return bytes && id && bytes.length >= id.width * 32 ? bytes.subarray(0, id.width * 32) : undefined;
  }

  /** RFC 9162 consistency proof from `oldSize` to the current size, computed from the tiles. */
  async proof(oldSize: number): Promise<Uint8Array[]> {
    if (oldSize === 0 || oldSize === this.size) return [];
    const reader = new TileHashReader(this.hasher, this.size, async (p) => {
      const t = this.readTile(p);
      if (!t) throw new Error(`no tile ${p}`);
      return t;
    });
    await reader.prefetch(nodesFor(consistencyRanges(oldSize, this.size)));
    return consistencyProof(this.hasher, oldSize, this.size, reader.read);
  }

  /** A C2SP tlog-witness add-checkpoint body from `oldSize` to the current checkpoint. */
  async request(oldSize: number): Promise<string> {
    return formatAddCheckpoint(oldSize, await this.proof(oldSize), this.checkpoint());
  }
}

export interface ServedLog {
  /** The tiles prefix, ending in '/'. */
  readonly url: string;
  /** What `<url>checkpoint` serves (default: the log's current checkpoint). */
  publish(note: string | undefined): void;
  /** Serve the tiles of another log object (e.g. a fork) from now on. */
  swap(log: TestLog): void;
  close(): Promise<void>;
}

export async function serveTestLog(initial: TestLog): Promise<ServedLog> {
  let log = initial;
  let published: string | undefined;
  const server = createServer((req, res) => {
    const path = (req.url ?? '').replace(/^\/log\//, '');
    const body = path === 'checkpoint' ? (published ?? log.checkpoint()) : log.readTile(path);
    if (body === undefined) {
      res.writeHead(404).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': path === 'checkpoint' ? 'text/plain; charset=utf-8' : 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/log/`,
    publish: (note) => (published = note),
    swap: (l) => (log = l),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

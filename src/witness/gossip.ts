/**
 * Gossip: every interval, for every log, fetch the latest checkpoint each
 * peer witness cosigned (`GET <peer>/checkpoints/<origin>`) and, when the log
 * has a tiles URL, the checkpoint the log publishes (`GET <url>checkpoint`,
 * C2SP tlog-tiles §Checkpoints), and compare each with this witness's state
 * (./observe.ts). Peers need no keys: what counts is the log's signature.
 */
import { fromUtf8 } from '../ledger/bytes.js';
import { MAX_NOTE_BYTES } from '../ledger/note.js';
import { WitnessError } from './errors.js';
import { fetchBytes } from './fetch-bytes.js';
import type { Observer } from './observe.js';
import type { Witness } from './witness.js';

/** A checkpoint note is small; a cap far above any real one. */
const MAX_CHECKPOINT_BYTES = Math.min(MAX_NOTE_BYTES, 64 << 10);

export class Gossip {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly w: Witness,
    private readonly observer: Observer,
    /** Peer base URLs, each ending in '/'. */
    private readonly peers: readonly string[],
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.intervalMs <= 0 || (this.peers.length === 0 && ![...this.w.parts.logs.values()].some((l) => l.url))) return;
    const tick = (): void => {
      this.timer = setTimeout(() => {
        void this.round().finally(() => {
          if (!this.stopped) tick();
        });
      }, this.intervalMs);
    };
    tick();
  }

  /** One gossip round now (rounds never overlap). */
  round(): Promise<void> {
    this.running ??= this.roundOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private async roundOnce(): Promise<void> {
    const jobs: Array<Promise<void>> = [];
    for (const log of this.w.parts.logs.values()) {
      if (log.url) jobs.push(this.pull(`${log.url}checkpoint`, `log ${log.url}`));
      for (const peer of this.peers) jobs.push(this.pull(`${peer}checkpoints/${encodeURIComponent(log.origin)}`, `peer ${peer}`));
    }
    await Promise.all(jobs);
  }

  private async pull(url: string, source: string): Promise<void> {
    const log = this.w.parts.logger;
    try {
      const r = await fetchBytes(url, { maxBytes: MAX_CHECKPOINT_BYTES });
      if (r.status === 404) return; // nothing cosigned or published yet
      if (r.status !== 200) {
        log.warn({ url }, `witness gossip: HTTP ${r.status}`);
        return;
      }
      const result = await this.observer.observe(fromUtf8(r.bytes), source, true);
      if (result.result === 'undecided') log.info({ url }, `witness gossip: ${result.detail}`);
    } catch (e) {
      const what = e instanceof WitnessError ? `${e.code}: ${e.message}` : (e as Error).message;
      log.warn({ url }, `witness gossip: ${what}`);
    }
  }
}

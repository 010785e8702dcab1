/**
 * Split-view and rollback detection (issue 4, item 3). A checkpoint seen
 * elsewhere (a peer witness's latest, the log's published checkpoint, a note
 * an auditor posts) is checked against what this witness cosigned:
 *
 * - same size, different root: split view (alarm `split-view`);
 * - different sizes: if this witness cosigned that size recently, the roots
 *   must agree; otherwise, when the log's tiles URL is configured, the
 *   smaller must be a prefix of the larger (./tiles-check.ts; alarm
 *   `inconsistent`); without tiles the pair is left undecided;
 * - a source that showed a larger checkpoint before now shows a smaller one
 *   (alarm `rollback` for the log's own URL, `peer-rollback` for a peer).
 *
 * Every alarm carries both log-signed notes (./alarms.ts).
 */
import { toBase64 } from '../ledger/bytes.js';
import type { Alarm } from './alarms.js';
import { checkWithTiles, type TreeHead } from './tiles-check.js';
import type { OpenedCheckpoint } from './open-checkpoint.js';
import type { Witness } from './witness.js';

export interface ObserveResult {
  /** `alarm`: at least one alarm stands on this evidence; `undecided`: nothing to compare it with. */
  readonly result: 'consistent' | 'undecided' | 'alarm';
  readonly detail: string;
  readonly alarms: readonly Alarm[];
}

/** Pairs already shown consistent by the tiles, so that polling does not refetch them. */
const MAX_CHECKED = 1024;

export class Observer {
  private readonly checked = new Set<string>();

  constructor(private readonly w: Witness) {
    w.onBadProof = (o) => {
      this.compare(o, 'add-checkpoint').catch((e: Error) => w.parts.logger.warn({ origin: o.log.origin }, `witness: checking a refused checkpoint against the tiles failed: ${e.message}`));
    };
  }

  /**
   * Verifies a checkpoint note (400/403/404 as for add-checkpoint) and
   * compares it. With `tracked`, `source` (`peer <url>` or `log <url>`) is
   * remembered and watched for going back.
   */
  async observe(noteText: string, source: string, tracked = false): Promise<ObserveResult> {
    const o = this.w.open(noteText);
    const rollback = tracked ? await this.w.locked(o.log.origin, () => this.trackLocked(o, source)) : undefined;
    const r = await this.compare(o, source);
    if (!rollback) return r;
    return { result: 'alarm', detail: rollback.message, alarms: [rollback, ...r.alarms] };
  }

  private async trackLocked(o: OpenedCheckpoint, source: string): Promise<Alarm | undefined> {
    const origin = o.log.origin;
    const size = o.checkpoint.size;
    const prev = this.w.parts.seen.get(origin, source);
    if (prev && size < prev.size) {
      return this.w.raiseLocked({
        kind: source.startsWith('log ') ? 'rollback' : 'peer-rollback', origin, source, notes: [prev.note, o.note],
        message: `${source} showed size ${size} after size ${prev.size}`,
      });
    }
    await this.w.parts.seen.update(origin, source, { size, note: o.note });
    return undefined;
  }

  /** Compares a verified checkpoint with this witness's cosigned ones. */
  async compare(o: OpenedCheckpoint, source: string): Promise<ObserveResult> {
    const origin = o.log.origin;
    const first = await this.w.locked(origin, async () => {
      const cur = this.w.state(origin).latest;
      if (!cur) return { result: 'undecided', detail: 'this witness has cosigned nothing for this log yet', alarms: [] } as ObserveResult;
      const known = await this.w.compareWithKnownLocked(o, source);
      if (known === 'same') return { result: 'consistent', detail: `same tree of size ${o.checkpoint.size}`, alarms: [] } as ObserveResult;
      if (known) return { result: 'alarm', detail: known.message, alarms: [known] } as ObserveResult;
      return cur;
    });
    if ('result' in first) return first;
    const cur = first;
    const fetchTile = this.w.parts.fetchTile;
    if (!o.log.url || !fetchTile) {
      return { result: 'undecided', detail: `sizes ${o.checkpoint.size} and ${cur.size} differ and no tiles URL is configured for ${origin}`, alarms: [] };
    }
    const theirs = { size: o.checkpoint.size, root: o.checkpoint.root, note: o.note };
    const [small, large] = theirs.size < cur.size ? [theirs, cur] : [cur, theirs];
    const key = `${origin}\n${pairKey(small)}\n${pairKey(large)}`;
    if (this.checked.has(key)) return { result: 'consistent', detail: `size ${small.size} is a prefix of size ${large.size}`, alarms: [] };
    let v;
    try {
      v = await checkWithTiles(this.w.hasher, small, large, (path) => fetchTile(o.log, path));
    } catch (e) {
      this.w.parts.logger.warn({ origin }, `witness: cannot read the log's tiles: ${(e as Error).message}`);
      return { result: 'undecided', detail: `could not read the log's tiles: ${(e as Error).message}`, alarms: [] };
    }
    if (v.kind === 'tiles-mismatch') {
      this.w.parts.logger.warn({ origin }, `witness: ${v.message}`);
      return { result: 'undecided', detail: v.message, alarms: [] };
    }
    if (v.kind === 'consistent') {
      if (this.checked.size >= MAX_CHECKED) this.checked.clear();
      this.checked.add(key);
      return { result: 'consistent', detail: `size ${small.size} is a prefix of size ${large.size}`, alarms: [] };
    }
    const proof = v.proof.map(toBase64);
    const message =
      `the log's tree of size ${large.size} (root ${toBase64(large.root)}) has root ${toBase64(v.rootAtSmall)} at size ${small.size}, ` +
      `but the log also signed root ${toBase64(small.root)} for size ${small.size}`;
    const alarm = await this.w.locked(origin, () =>
      this.w.raiseLocked({ kind: 'inconsistent', origin, source, notes: [cur.note, o.note], proof, message }),
    );
    return { result: 'alarm', detail: message, alarms: [alarm] };
  }
}

function pairKey(t: TreeHead): string {
  return `${t.size} ${toBase64(t.root)}`;
}

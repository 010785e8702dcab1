/**
 * Callers waiting until an entry index is covered by a published checkpoint
 * (ARCHITECTURE.md: "A caller can wait until its entry is covered by a
 * published checkpoint"). `check()` reads the latest published checkpoint once
 * for all waiters; publication calls it after each publication and on its
 * poll, so checkpoints published by another process are seen too.
 */
import type { PublishedCheckpoint } from '../store/repositories/log.js';

interface Waiter {
  index: number;
  resolve: (p: PublishedCheckpoint | undefined) => void;
  timer: NodeJS.Timeout;
}

/** setTimeout's limit (~24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export class Waiters {
  private list: Waiter[] = [];
  private checking = false;
  private recheck = false;

  /** `onWaiting` runs when a caller starts waiting (publication starts polling). */
  constructor(
    private readonly read: () => Promise<PublishedCheckpoint | undefined>,
    private readonly onWaiting: () => void = () => undefined,
  ) {}

  get size(): number {
    return this.list.length;
  }

  async add(index: number, timeoutMs: number): Promise<PublishedCheckpoint | undefined> {
    const now = await this.read();
    if (now && now.size > index) return now;
    if (!(timeoutMs > 0)) return undefined;
    return new Promise((resolve) => {
      const w: Waiter = {
        index,
        resolve,
        timer: setTimeout(() => this.settle(w, undefined), Math.min(timeoutMs, MAX_TIMEOUT_MS)),
      };
      this.list.push(w);
      this.onWaiting();
    });
  }

  /** Resolves every waiter the latest published checkpoint covers (errors: they keep waiting). */
  check(): void {
    if (this.list.length === 0) return;
    if (this.checking) {
      this.recheck = true;
      return;
    }
    this.checking = true;
    this.read()
      .then((p) => {
        if (!p) return;
        for (const w of [...this.list]) if (p.size > w.index) this.settle(w, p);
      })
      .catch(() => undefined)
      .finally(() => {
        this.checking = false;
        if (this.recheck) {
          this.recheck = false;
          this.check();
        }
      });
  }

  /** Resolves every waiter with undefined (publication stopped). */
  close(): void {
    for (const w of [...this.list]) this.settle(w, undefined);
  }

  private settle(w: Waiter, p: PublishedCheckpoint | undefined): void {
    const i = this.list.indexOf(w);
    if (i < 0) return;
    this.list.splice(i, 1);
    clearTimeout(w.timer);
    w.resolve(p);
  }
}

/**
 * A FIFO in-process mutex. C2SP tlog-witness §add-checkpoint: "checking the
 * old size against the latest checkpoint and persisting the new checkpoint
 * must be performed atomically"; one mutex per log serialises exactly that.
 * (The state directory's lock file keeps other processes out.)
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(fn);
    // The next holder waits for this one to settle, whether it failed or not.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Resolves once every holder queued so far has finished. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined);
  }
}

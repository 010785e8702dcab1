/**
 * The largest checkpoint each source has shown us, per log, so that a source
 * going back in time is noticed (and survives restarts). Sources are the
 * log's own published checkpoint (`log <url>`) and peer witnesses
 * (`peer <url>`). Stored in `<state>/seen.json`, replaced atomically.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WitnessCode, WitnessError } from './errors.js';
import { writeFileDurable } from './files.js';

export interface Seen {
  readonly size: number;
  readonly note: string;
}

type SeenFile = Record<string, Record<string, Seen>>;

export class SeenStore {
  private constructor(
    private readonly path: string,
    private readonly data: SeenFile,
  ) {}

  static async open(stateDir: string): Promise<SeenStore> {
    const path = join(stateDir, 'seen.json');
    const text = await readFile(path, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return '{}';
      throw e;
    });
    try {
      const data = JSON.parse(text) as SeenFile;
      if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('not an object');
      return new SeenStore(path, data);
    } catch {
      throw new WitnessError(WitnessCode.BAD_STATE, `${path} is not readable JSON; fix or remove it`);
    }
  }

  get(origin: string, source: string): Seen | undefined {
    return this.data[origin]?.[source];
  }

  /** Records `seen` when it is larger than what the source showed before. */
  async update(origin: string, source: string, seen: Seen): Promise<void> {
    const prev = this.get(origin, source);
    if (prev && prev.size >= seen.size) return;
    (this.data[origin] ??= {})[source] = { size: seen.size, note: seen.note };
    await writeFileDurable(this.path, JSON.stringify(this.data));
  }
}

/**
 * Bounded HTTP fetches for gossip and tile reads: a timeout, and a cap on the
 * response size checked while reading (a peer or log is not trusted to send
 * a small body).
 */
export interface FetchResult {
  readonly status: number;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

export interface FetchOptions {
  readonly method?: 'GET' | 'POST';
  readonly body?: string;
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
}

export class FetchError extends Error {
  override readonly name = 'FetchError';
}

export async function fetchBytes(url: string, o: FetchOptions = {}): Promise<FetchResult> {
  const maxBytes = o.maxBytes ?? 1 << 20;
  let res: Response;
  try {
    res = await fetch(url, {
      method: o.method ?? 'GET',
      body: o.body,
      headers: o.body === undefined ? {} : { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      redirect: 'error',
    });
  } catch (e) {
    throw new FetchError(`${url}: ${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message}`);
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new FetchError(`${url}: response of ${declared} bytes exceeds ${maxBytes}`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read().catch((e: Error) => {
        throw new FetchError(`${url}: ${e.message}`);
      });
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel();
        throw new FetchError(`${url}: response exceeds ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', bytes };
}

/** Fetches a log resource that must exist (200), e.g. a tile: anything else is an error. */
export async function fetchResource(url: string, maxBytes: number): Promise<Uint8Array> {
  const r = await fetchBytes(url, { maxBytes });
  if (r.status !== 200) throw new FetchError(`${url}: HTTP ${r.status}`);
  return r.bytes;
}

/**
 * Test helper (not shipped): Cache Storage in memory for Node, with the few methods WeightsCache uses
 * (open, keys, delete; match, put, delete, keys of a cache). Browsers' real Cache Storage is exercised by
 * the e2e specs; this lets the loader's and the service's cache rules be tested in Node.
 */
interface Stored {
  body: ArrayBuffer;
  headers: [string, string][];
}

class MemoryCache {
  readonly entries = new Map<string, Stored>();
  /** Called at the start of each put (a test can hold a put open to cancel during it). */
  onPut: (() => Promise<void> | void) | undefined;

  async match(key: RequestInfo | URL): Promise<Response | undefined> {
    const stored = this.entries.get(urlOf(key));
    return stored && new Response(stored.body.slice(0), { headers: stored.headers });
  }

  async put(key: RequestInfo | URL, response: Response): Promise<void> {
    await this.onPut?.();
    this.entries.set(urlOf(key), { body: await response.arrayBuffer(), headers: [...response.headers.entries()] });
  }

  async delete(key: RequestInfo | URL): Promise<boolean> {
    return this.entries.delete(urlOf(key));
  }

  async keys(): Promise<Request[]> {
    return [...this.entries.keys()].map((url) => new Request(url));
  }
}

export class MemoryCacheStorage {
  readonly caches = new Map<string, MemoryCache>();

  async open(name: string): Promise<MemoryCache> {
    let cache = this.caches.get(name);
    if (!cache) this.caches.set(name, (cache = new MemoryCache()));
    return cache;
  }

  async keys(): Promise<string[]> {
    return [...this.caches.keys()];
  }

  async delete(name: string): Promise<boolean> {
    return this.caches.delete(name);
  }

  /** Every key stored, over all caches. */
  allKeys(): string[] {
    return [...this.caches.values()].flatMap((cache) => [...cache.entries.keys()]);
  }

  asCacheStorage(): CacheStorage {
    return this as unknown as CacheStorage;
  }
}

function urlOf(key: RequestInfo | URL): string {
  return typeof key === 'string' ? new URL(key).href : key instanceof URL ? key.href : key.url;
}

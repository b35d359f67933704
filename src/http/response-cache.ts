/** Header names and values in turn, as `writeHead` takes them: every entry is then written by the same code path. */
export type HeaderList = string[];

/**
 * A response exactly as it was sent: the bytes after serialisation and compression, every header sent
 * with them, and the headers of a 304 for the same resource (the same less those describing a body).
 */
export type CachedResponse = { body: Buffer; etag: string; headers: HeaderList; notModifiedHeaders: HeaderList };

/**
 * The responses served at one data version, least recently used first, within a byte budget. Every
 * response of the API is a function of the URL, the Accept-Encoding header and the data, so an entry
 * stays right until a write commits; the first request that sees a new version empties the cache.
 */
export class ResponseCache {
  private version: string | null = null;
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;

  /** capacity: bytes of bodies and keys kept in all; one response may take at most a sixteenth. */
  constructor(private readonly capacity: number) {}

  /** Moves the cache to this data version, dropping every entry of an older one. */
  at(version: string): void {
    if (version === this.version) return;
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
  }

  get(key: string): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Keeps a response read at `version`, unless the cache has moved on since or it is too big. */
  set(version: string, key: string, entry: CachedResponse): void {
    const size = ResponseCache.size(key, entry);
    if (version !== this.version || size > this.capacity / 16) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= ResponseCache.size(key, previous);
    }
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.capacity) break;
      this.entries.delete(oldest);
      this.bytes -= ResponseCache.size(oldest, old);
    }
  }

  get stats(): { version: string | null; entries: number; bytes: number } {
    return { version: this.version, entries: this.entries.size, bytes: this.bytes };
  }

  private static size(key: string, entry: CachedResponse): number {
    return entry.body.length + key.length * 2 + 256;
  }
}

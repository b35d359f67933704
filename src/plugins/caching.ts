import compress from '@fastify/compress';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, onRequestHookHandler, onSendHookHandler } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import fp from 'fastify-plugin';
import { hookList, READ_METHODS } from '../http/methods.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Every GET route reads the database, so its answers get an ETag and a Cache-Control, are answered
     * 304 when the client's copy is current, and are kept in the response cache. `no-store` opts out;
     * `per-accept` is for a route that answers in more than one media type, as the Accept header asks.
     */
    cache?: 'no-store' | 'per-accept';
  }
  interface FastifyRequest {
    httpCache: { version: string; key: string | null; ifNoneMatchAny: boolean } | null;
  }
}

export type CachingOptions = {
  /** Seconds a client or shared cache may reuse a response without asking again; 0 revalidates every use. */
  maxAge: number;
  /** Bytes of responses kept in memory for the current data version; 0 keeps none. */
  responseCacheBytes: number;
};

/** Header names and values in turn, as `writeHead` takes them: every entry is then written by the same code path. */
type HeaderList = string[];

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

export function cacheControl(maxAge: number): string {
  return maxAge > 0 ? `public, max-age=${maxAge}, must-revalidate` : 'no-cache';
}

const ENTITY_TAG = /\*|(?:W\/)?"[^"]*"/g;

/**
 * RFC 9110 §13.1.2: If-None-Match is `*` or a list of entity tags, compared weakly (a `W/` prefix on
 * either side is ignored). `tag` when one of them is this response's, `any` for `*`.
 */
export function ifNoneMatch(header: string, etag: string): 'tag' | 'any' | null {
  if (header === etag) return 'tag';
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  let any = false;
  for (const [tag] of header.matchAll(ENTITY_TAG)) {
    if (tag === '*') any = true;
    else if ((tag.startsWith('W/') ? tag.slice(2) : tag) === opaque) return 'tag';
  }
  return any ? 'any' : null;
}

/** Headers that describe a body, which a 304 does not send. */
const BODY_HEADERS = new Set(['content-type', 'content-length', 'content-encoding']);

function headerList(headers: OutgoingHttpHeaders, keep: (name: string) => boolean = () => true): HeaderList {
  const list: HeaderList = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || !keep(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) list.push(name, String(one));
  }
  return list;
}

/**
 * Writes an answer that is already complete: serialisation and the onSend hooks (compression, storing)
 * exist to produce exactly these bytes. The reply is hijacked inside Fastify's lifecycle, after the
 * hooks before it (security headers, CORS, rate limit, load shedding), and Fastify still logs it and
 * runs its onResponse hooks.
 */
function answerDirectly(reply: FastifyReply, status: 200 | 304, headers: OutgoingHttpHeaders | HeaderList, body: Buffer | null): void {
  reply.hijack();
  reply.raw.writeHead(status, headers);
  reply.raw.end(body);
}

/**
 * HTTP caching for reads, with compression before it. The data changes only when a write commits, so
 * every response is derived from the URL, the Accept-Encoding header and the read model's data version:
 *
 * - ETag: a weak tag hashed from this process's instance, the data version and the URL. It needs no
 *   body, so a matching If-None-Match is answered 304 before validation, queries or serialisation;
 *   any commit, by any connection, changes it; and a restart changes it, since data_version counts
 *   from each connection's start. Weak, because compressed and identity bodies are the same data.
 * - Cache-Control: `no-cache` by default (reuse after revalidating: a 304 costs no query), or
 *   `max-age` when the deployment accepts that staleness (CACHE_MAX_AGE). Errors are `no-store`.
 * - A response cache holding the bytes sent, after serialisation and compression, for the current
 *   data version: a hot URL is served from the route's onRequest hook without touching SQLite again
 *   until the next write.
 */
export default fp<CachingOptions>(
  async (app, { maxAge, responseCacheBytes }) => {
    // Bodies from 1 KiB up, br or gzip as the client prefers; registered before the cache's own onSend
    // so the cache keeps compressed bytes. With the cache on, bodies up to 1 MiB are compressed in one
    // synchronous call (once per URL, encoding and data version) so the cache can keep the result.
    await app.register(compress, {
      threshold: 1024,
      // mime-db does not mark YAML compressible, and the OpenAPI document is the largest answer sent.
      customTypes: /^application\/yaml(?:;|$)/,
      ...(responseCacheBytes > 0 ? { syncThreshold: Math.min(2 ** 20, responseCacheBytes / 16) } : {}),
    });

    const instance = randomBytes(9).toString('base64url');
    const policy = cacheControl(maxAge);
    const cache = responseCacheBytes > 0 ? new ResponseCache(responseCacheBytes) : null;
    const etagFor = (version: string, url: string) =>
      `W/"${createHash('sha1').update(`${instance}\n${version}\n${url}`).digest('base64url').slice(0, 27)}"`;

    app.decorateRequest('httpCache', null);

    // Callback-style hooks on the routes that need them, not global async ones: this is the whole cost
    // of a cached answer, so it stays as short as it can be.
    const revalidateBy = (perAccept: boolean): onRequestHookHandler => (request, reply, done) => {
      if (!READ_METHODS.has(request.method)) return done();
      const version = app.dataVersion();
      cache?.at(version);
      // The representation depends on the URL and, for a negotiating route, on the Accept header too.
      const resource = perAccept ? `${request.url}\n${request.headers.accept ?? ''}` : request.url;
      const key = cache && request.method === 'GET' ? `${resource}\n${request.headers['accept-encoding'] ?? ''}` : null;
      const stored = key ? cache!.get(key) : undefined;
      const condition = request.headers['if-none-match'];
      if (stored) {
        // `*` matches: the resource exists.
        if (condition !== undefined && ifNoneMatch(condition, stored.etag)) return answerDirectly(reply, 304, stored.notModifiedHeaders, null);
        return answerDirectly(reply, 200, stored.headers, stored.body);
      }
      const etag = etagFor(version, resource);
      reply.header('etag', etag).header('cache-control', policy).header('vary', perAccept ? 'accept, accept-encoding' : 'accept-encoding');
      const match = condition === undefined ? null : ifNoneMatch(condition, etag);
      // `*` matches once the handler has shown the resource exists (in settle).
      if (match === 'tag') return answerDirectly(reply, 304, reply.getHeaders() as OutgoingHttpHeaders, null);
      request.httpCache = { version, key, ifNoneMatchAny: match === 'any' };
      done();
    };
    const revalidate = revalidateBy(false);
    const revalidatePerAccept = revalidateBy(true);

    // Added after the compression plugin's own onSend, so it sees the bytes actually sent. A stored
    // answer goes out with the headers it was first sent with, those of the hooks before this plugin's
    // (security, CORS) included: they are the same on every read.
    const settle: onSendHookHandler = (request, reply, payload, done) => {
      const state = request.httpCache;
      if (reply.statusCode >= 400) {
        // A problem describes this request, not the resource: never reuse it.
        reply.removeHeader('etag');
        reply.header('cache-control', 'no-store');
      } else if (reply.statusCode === 200 && state?.ifNoneMatchAny) {
        reply.code(304);
        for (const header of BODY_HEADERS) reply.removeHeader(header);
        return done(null, null);
      } else if (cache && state?.key && reply.statusCode === 200 && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
        const sent = { ...(reply.getHeaders() as OutgoingHttpHeaders), 'content-length': body.length };
        cache.set(state.version, state.key, {
          body,
          etag: String(sent.etag),
          headers: headerList(sent),
          notModifiedHeaders: headerList(sent, (name) => !BODY_HEADERS.has(name)),
        });
      }
      done(null, payload);
    };

    const noStore: onRequestHookHandler = (_request, reply, done) => {
      reply.header('cache-control', 'no-store');
      done();
    };

    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (!methods.some((method) => READ_METHODS.has(method))) return;
      if (route.config?.cache === 'no-store') {
        route.onRequest = [...hookList(route.onRequest), noStore];
        return;
      }
      route.onRequest = [...hookList(route.onRequest), route.config?.cache === 'per-accept' ? revalidatePerAccept : revalidate];
      route.onSend = [...hookList(route.onSend), settle];
    });
  },
  { name: 'caching', dependencies: ['read-model'] },
);

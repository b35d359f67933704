import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, onRequestHookHandler, onSendHookHandler } from 'fastify';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import type { EarlyAnswers } from '../http/early-answers.js';
import { READ_METHODS, routeMayWrite } from '../http/methods.js';
import { ResponseCache, type CachedResponse, type HeaderList } from '../http/response-cache.js';
import { TurnVersion } from '../http/turn-version.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `data`: the response reads the database, so it gets an ETag and a Cache-Control, is answered 304
     * when the client's copy is current, and is kept in the response cache. `no-store`: never cached.
     */
    cache?: 'data' | 'no-store';
  }
  interface FastifyRequest {
    httpCache: { version: string; key: string | null; ifNoneMatchAny: boolean } | null;
  }
}

/** Route config for a response read from the database. */
export const CACHED_READ = { cache: 'data' } as const;

export type HttpCacheOptions = {
  /** Seconds a client or shared cache may reuse a response without asking again; 0 revalidates every use. */
  maxAge: number;
  /** Bytes of responses kept in memory for the current data version; 0 keeps none. */
  responseCacheBytes: number;
  /**
   * Where stored answers are written before Fastify routes the request, for the requests `admit`
   * lets through (it counts them against the rate limit, and turns away what must take the full path).
   */
  early?: { answers: EarlyAnswers; admit: (request: IncomingMessage) => boolean };
};

function hooks<Hook>(existing: Hook | Hook[] | undefined): Hook[] {
  return existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
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

/**
 * Writes an answer that is already complete straight to the socket: serialisation and the onSend hooks
 * (compression, storing) exist to produce exactly these bytes, and skipping them made a cached answer
 * about a tenth cheaper (docs/performance.md). Logging and onResponse hooks still see the answer.
 */
function answerDirectly(reply: FastifyReply, status: 200 | 304, headers: OutgoingHttpHeaders | HeaderList, body: Buffer | null): void {
  reply.hijack();
  reply.raw.writeHead(status, headers);
  reply.raw.end(body);
}

/**
 * A stored answer goes out with the headers it was first sent with, those of the hooks before this
 * plugin's (security, CORS) included: they are the same on every read, and writing a prepared list
 * costs less than collecting a reply's headers each time. `*` matches: the resource exists.
 */
function sendStored(response: ServerResponse, stored: CachedResponse, condition: string | undefined): void {
  if (condition !== undefined && ifNoneMatch(condition, stored.etag)) {
    response.writeHead(304, stored.notModifiedHeaders);
    response.end();
  } else {
    response.writeHead(200, stored.headers);
    response.end(stored.body);
  }
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
 * HTTP caching for reads. The data changes only when a write commits, so every response is derived
 * from the URL, the Accept-Encoding header and the read model's data version:
 *
 * - ETag: a weak tag hashed from this process's instance, the data version and the URL. It needs no
 *   body, so a matching If-None-Match is answered 304 before validation, queries or serialisation;
 *   any commit, by any connection, changes it (from the next event-loop turn: see TurnVersion); and a
 *   restart changes it, since data_version counts from each connection's start. Weak, because
 *   compressed and identity bodies are the same data.
 * - Cache-Control: `no-cache` by default (reuse after revalidating: a 304 costs no query), or
 *   `max-age` when the deployment accepts that staleness (CACHE_MAX_AGE). Errors are `no-store`.
 * - A response cache holding the bytes sent, after serialisation and compression, for the current
 *   data version: a hot URL is served without touching SQLite again until the next write. With
 *   `early`, a stored answer is written from the server's request listener, before routing, when
 *   `admit` allows; otherwise from this plugin's onRequest hook. Both write the same stored bytes and
 *   headers.
 */
export default fp<HttpCacheOptions>(
  async (app, { maxAge, responseCacheBytes, early }) => {
    const instance = randomBytes(9).toString('base64url');
    const policy = cacheControl(maxAge);
    const cache = responseCacheBytes > 0 ? new ResponseCache(responseCacheBytes) : null;
    const etagFor = (version: string, url: string) =>
      `W/"${createHash('sha1').update(`${instance}\n${version}\n${url}`).digest('base64url').slice(0, 27)}"`;

    app.decorateRequest('httpCache', null);

    const dataVersion = new TurnVersion(() => app.readModel.dataVersion());
    // On every route that may write: the next read, even in this turn, reads the version again.
    const forgetAfterWrite: onSendHookHandler = (_request, _reply, payload, done) => {
      dataVersion.forget();
      done(null, payload);
    };

    /** The current data version, and for a GET its cache key and the answer stored under it. */
    const lookUp = (method: string, url: string, headers: IncomingHttpHeaders) => {
      const version = dataVersion.current();
      cache?.at(version);
      const key = cache && method === 'GET' ? `${url}\n${headers['accept-encoding'] ?? ''}` : null;
      return { version, key, stored: key ? cache!.get(key) : undefined };
    };

    if (early && cache) {
      early.answers.use((request, response) => {
        if (request.method !== 'GET') return false;
        const { stored } = lookUp('GET', request.url!, request.headers);
        if (!stored || !early.admit(request)) return false;
        sendStored(response, stored, request.headers['if-none-match']);
        return true;
      });
    }

    // Callback-style hooks on the routes that need them, not global async ones: this is the whole cost
    // of a cached answer that could not be answered early, so it stays as short as it can be.
    const revalidate: onRequestHookHandler = (request, reply, done) => {
      if (!READ_METHODS.has(request.method)) return done();
      const { version, key, stored } = lookUp(request.method, request.url, request.headers);
      const condition = request.headers['if-none-match'];
      if (stored) {
        reply.hijack();
        return sendStored(reply.raw, stored, condition);
      }
      const etag = etagFor(version, request.url);
      reply.header('etag', etag).header('cache-control', policy).header('vary', 'accept-encoding');
      const match = condition === undefined ? null : ifNoneMatch(condition, etag);
      // `*` matches once the handler has shown the resource exists (in settle).
      if (match === 'tag') return answerDirectly(reply, 304, reply.getHeaders() as OutgoingHttpHeaders, null);
      request.httpCache = { version, key, ifNoneMatchAny: match === 'any' };
      done();
    };

    // Added after the compression plugin's own onSend, so it sees the bytes actually sent.
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
      const mode = route.config?.cache;
      if (routeMayWrite(route)) route.onSend = [...hooks(route.onSend), forgetAfterWrite];
      if (mode === 'no-store') route.onRequest = [...hooks(route.onRequest), noStore];
      if (mode !== 'data') return;
      route.onRequest = [...hooks(route.onRequest), revalidate];
      route.onSend = [...hooks(route.onSend), settle];
    });
  },
  { name: 'http-cache', dependencies: ['read-model', '@fastify/compress'] },
);

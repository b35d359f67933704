import { readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import t from 'tap';
import { buildApp, type AppOptions } from '../../src/app.js';
import { openDatabase } from '../../src/db/open.js';
import { ingest } from '../../src/ingest/index.js';
import { ifNoneMatch } from '../../src/plugins/caching.js';
import { SEEDS_DIR, seededDb, tempDir } from '../helpers/seeded-db.js';

/** The app as the server runs it: a read-only connection of its own; the test writes through another. */
async function readOnlyApp(t: { teardown: (fn: () => void | Promise<void>) => void }, options: Partial<AppOptions> = {}) {
  const { db: writer, path } = await seededDb(t);
  const db = openDatabase(path, { readonly: true });
  const app = await buildApp({ db, closeDatabase: true, ...options });
  t.teardown(() => app.close());
  return { app, writer, path };
}

t.test('a read carries a weak ETag, Cache-Control and Vary; the same URL keeps its tag, another URL has its own', async (t) => {
  const { app } = await readOnlyApp(t);
  const first = await app.inject('/claims?topic=fentanyl');
  t.equal(first.statusCode, 200);
  t.match(first.headers.etag, /^W\/"[A-Za-z0-9_-]+"$/);
  t.equal(first.headers['cache-control'], 'no-cache');
  t.match(first.headers.vary, /accept-encoding/);
  const again = await app.inject('/claims?topic=fentanyl');
  t.equal(again.headers.etag, first.headers.etag);
  t.equal(again.body, first.body);
  t.not((await app.inject('/claims?topic=taiwan')).headers.etag, first.headers.etag);
  t.not((await app.inject('/claims?topic=fentanyl&limit=5')).headers.etag, first.headers.etag);
});

t.test('If-None-Match: 304 with no body for a current tag, weak or strong, alone or in a list; 200 otherwise', async (t) => {
  const { app } = await readOnlyApp(t);
  const url = '/sources?limit=2';
  const { etag } = (await app.inject(url)).headers as { etag: string };
  const strong = etag.slice(2);
  for (const condition of [etag, strong, `"nope", ${etag}`, `W/"nope",${strong}`, '*']) {
    const response = await app.inject({ url, headers: { 'if-none-match': condition } });
    t.equal(response.statusCode, 304, `If-None-Match: ${condition}`);
    t.equal(response.body, '', 'no body');
    t.equal(response.headers.etag, etag, 'the tag is sent again');
    t.equal(response.headers['cache-control'], 'no-cache');
    t.notOk(response.headers['content-type'], 'no content type');
  }
  for (const condition of ['"nope"', 'W/"nope", "other"', `${etag.slice(0, -2)}x"`]) {
    const response = await app.inject({ url, headers: { 'if-none-match': condition } });
    t.equal(response.statusCode, 200, `If-None-Match: ${condition}`);
    t.equal(response.json<{ items: unknown[] }>().items.length, 2);
  }
  const head = await app.inject({ method: 'HEAD', url, headers: { 'if-none-match': etag } });
  t.equal(head.statusCode, 304, 'HEAD too');
});

t.test('If-None-Match: * is 304 only where the resource exists', async (t) => {
  const { app } = await readOnlyApp(t, { responseCacheBytes: 0 });
  t.equal((await app.inject({ url: '/topics/fentanyl', headers: { 'if-none-match': '*' } })).statusCode, 304);
  const missing = await app.inject({ url: '/topics/weather', headers: { 'if-none-match': '*' } });
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /^application\/problem\+json/);
});

t.test('errors and /health are never stored; problems carry no ETag', async (t) => {
  const { app } = await readOnlyApp(t);
  for (const url of ['/claims/clm_0000000000000000', '/claims?limit=0', '/claims?topic=weather', '/no/such/route']) {
    const response = await app.inject(url);
    t.ok(response.statusCode >= 400, url);
    t.notOk(response.headers.etag, `${url}: no ETag`);
    if (!url.startsWith('/no/')) t.equal(response.headers['cache-control'], 'no-store', `${url}: no-store`);
  }
  const health = await app.inject('/health');
  t.equal(health.headers['cache-control'], 'no-store');
  t.notOk(health.headers.etag);
});

t.test('CACHE_MAX_AGE lets clients reuse a read for that long, then revalidate', async (t) => {
  const { app } = await readOnlyApp(t, { cacheMaxAge: 60 });
  t.equal((await app.inject('/topics')).headers['cache-control'], 'public, max-age=60, must-revalidate');
});

for (const responseCacheBytes of [64 * 2 ** 20, 0]) {
  t.test(`a write through another connection changes every ETag and what is served (response cache ${responseCacheBytes ? 'on' : 'off'})`, async (t) => {
    const { app, writer } = await readOnlyApp(t, { responseCacheBytes });
    const urls = ['/sources?limit=100', '/health', '/claims?q=Woodside&limit=100', '/topics/fentanyl'];
    const before = new Map<string, { etag: string; body: string }>();
    for (const url of urls) {
      const response = await app.inject(url);
      before.set(url, { etag: String(response.headers.etag), body: response.body });
      t.equal((await app.inject({ url, headers: { 'if-none-match': String(response.headers.etag) } })).statusCode, url === '/health' ? 200 : 304, `${url} is current`);
    }

    // Another article, ingested by the writer connection the way `npm run ingest` would.
    const dir = tempDir(t);
    const seed = readFileSync(join(SEEDS_DIR, '000_19a2db4b57ab717a.txt'), 'utf8');
    writeFileSync(join(dir, 'extra.txt'), `${seed}\nOfficials said talks on fentanyl in Woodside would continue next week.\n`);
    const summary = await ingest(writer, { paths: [dir], lexiconDir: SEEDS_DIR });
    t.equal(summary.new, 1);
    // The server reads the data version once per event-loop turn: another connection's commit shows
    // from the next turn (requests from the network always arrive in a later one).
    await new Promise(setImmediate);

    for (const url of urls) {
      const old = before.get(url)!;
      const response = await app.inject({ url, headers: { 'if-none-match': old.etag } });
      t.equal(response.statusCode, 200, `${url}: the old tag is stale`);
      t.not(response.body, old.body, `${url}: the new data is served`);
      if (url !== '/health') t.not(response.headers.etag, old.etag, `${url}: a new tag`);
    }
    t.equal((await app.inject('/sources?limit=100')).json<{ items: unknown[] }>().items.length, 6);
    t.equal((await app.inject('/health')).json<{ sources: number }>().sources, 6);
  });
}

t.test('ETags from one process never match in another, even over the same data', async (t) => {
  const { path } = await seededDb(t);
  const apps = await Promise.all([0, 1].map(() => buildApp({ db: openDatabase(path, { readonly: true }), closeDatabase: true })));
  t.teardown(() => Promise.all(apps.map((app) => app.close())));
  const [first, second] = await Promise.all(apps.map((app) => app.inject('/topics')));
  t.equal(first!.body, second!.body);
  t.not(first!.headers.etag, second!.headers.etag);
  t.equal((await apps[1]!.inject({ url: '/topics', headers: { 'if-none-match': String(first!.headers.etag) } })).statusCode, 200);
});

t.test('large bodies are compressed as the client prefers; small ones and clients without Accept-Encoding get identity', async (t) => {
  const { app } = await readOnlyApp(t);
  const sourceId = (await app.inject('/sources?limit=1')).json<{ items: Array<{ id: string }> }>().items[0]!.id;
  const url = `/sources/${sourceId}`;
  const identity = await app.inject(url);
  t.notOk(identity.headers['content-encoding']);
  t.ok(identity.rawPayload.length > 1024);
  const decoders = { gzip: gunzipSync, br: brotliDecompressSync };
  for (const [acceptEncoding, expected] of [['gzip', 'gzip'], ['br', 'br'], ['gzip, deflate, br', 'br'], ['br;q=0.5, gzip', 'gzip']] as const) {
    for (const round of ['first', 'again (from the response cache)']) {
      const response = await app.inject({ url, headers: { 'accept-encoding': acceptEncoding } });
      t.equal(response.headers['content-encoding'], expected, `${acceptEncoding}, ${round}`);
      t.match(response.headers.vary, /accept-encoding/);
      t.ok(response.rawPayload.length < identity.rawPayload.length / 2, 'smaller');
      t.equal(decoders[expected](response.rawPayload).toString(), identity.body, 'the same JSON');
      t.equal(response.headers.etag, identity.headers.etag, 'one weak tag for every encoding');
    }
  }
  const small = await app.inject({ url: '/topics/fentanyl', headers: { 'accept-encoding': 'gzip' } });
  t.ok(small.rawPayload.length < 1024);
  t.notOk(small.headers['content-encoding'], 'under 1 KiB is sent as is');
});

t.test('over a real socket: gzip on the wire, and a 304 sends no body', async (t) => {
  const { app } = await readOnlyApp(t);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const get = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject).end();
    });
  const page = await get('/claims?limit=100', { 'accept-encoding': 'gzip' });
  t.equal(page.status, 200);
  t.equal(page.headers['content-encoding'], 'gzip');
  t.equal(JSON.parse(gunzipSync(page.body).toString()).items.length, 80);
  const revalidated = await get('/claims?limit=100', { 'accept-encoding': 'gzip', 'if-none-match': String(page.headers.etag) });
  t.equal(revalidated.status, 304);
  t.equal(revalidated.body.length, 0);
});

t.test('If-None-Match parsing follows RFC 9110', async (t) => {
  const etag = 'W/"abc"';
  t.equal(ifNoneMatch('W/"abc"', etag), 'tag');
  t.equal(ifNoneMatch('"abc"', etag), 'tag', 'weak comparison ignores W/');
  t.equal(ifNoneMatch(' "x" ,W/"abc" ', etag), 'tag');
  t.equal(ifNoneMatch('"a,b", "abc"', etag), 'tag', 'a comma inside a tag does not split it');
  t.equal(ifNoneMatch('"a,b"', 'W/"a"'), null);
  t.equal(ifNoneMatch('*', etag), 'any');
  t.equal(ifNoneMatch('"ab"', etag), null);
  t.equal(ifNoneMatch('abc', etag), null, 'an unquoted value is no entity tag');
  t.equal(ifNoneMatch('', etag), null);
});

t.test('a repeated read is answered from the response cache without querying; a 304 never queries', async (t) => {
  for (const responseCacheBytes of [64 * 2 ** 20, 0]) {
    const { app } = await readOnlyApp(t, { responseCacheBytes });
    let queries = 0;
    const listSources = app.readModel.listSources.bind(app.readModel);
    app.readModel.listSources = (...args) => {
      queries += 1;
      return listSources(...args);
    };
    const first = await app.inject('/sources');
    const second = await app.inject('/sources');
    t.equal(second.body, first.body);
    t.same(withoutPerConnection(second.headers), withoutPerConnection(first.headers), 'the same headers, security and CORS included');
    t.equal(queries, responseCacheBytes ? 1 : 2, responseCacheBytes ? 'cache on: queried once' : 'cache off: queried each time');
    const notModified = await app.inject({ url: '/sources', headers: { 'if-none-match': String(first.headers.etag) } });
    t.equal(queries, responseCacheBytes ? 1 : 2, 'the 304 did not query');
    const { 'content-type': _type, 'content-length': _length, ...described } = withoutPerConnection(first.headers);
    t.same(withoutPerConnection(notModified.headers), described, "a 304 sends the 200's headers less those describing a body");

    const compressed = { url: `/sources/${first.json<{ items: Array<{ id: string }> }>().items[0]!.id}`, headers: { 'accept-encoding': 'gzip' } };
    const [miss, hit] = [await app.inject(compressed), await app.inject(compressed)];
    t.equal(hit.headers['content-encoding'], 'gzip');
    t.same(hit.rawPayload, miss.rawPayload);
    t.same(withoutPerConnection(hit.headers), withoutPerConnection(miss.headers), 'a compressed answer keeps its headers too');
  }
});

/** Node writes these on every answer; they say nothing about the response. */
function withoutPerConnection(headers: Record<string, unknown>): Record<string, unknown> {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
  return rest;
}

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { buildApp, type AppOptions } from '../../src/app.js';
import { openDatabase } from '../../src/db/open.js';
import { ingest } from '../../src/ingest/index.js';
import { SEEDS_DIR, seededDb, tempDir } from '../helpers/seeded-db.js';
import { overSocket } from '../helpers/socket.js';

/** The seeded server over a real socket (early answers happen in its request listener, which inject skips). */
async function listening(t: { teardown: (fn: () => void | Promise<void>) => void }, options: Partial<AppOptions> = {}) {
  const { db: writer, path } = await seededDb(t);
  const app = await buildApp({ db: openDatabase(path, { readonly: true }), closeDatabase: true, ...options });
  return { app, writer, ...(await overSocket(t, app)) };
}

t.test('a stored answer is written before routing, byte for byte and header for header what Fastify sent', async (t) => {
  const { get, routed } = await listening(t);
  for (const [url, headers] of [
    ['/topics', {}],
    ['/claims?topic=fentanyl', { 'accept-encoding': 'gzip' }],
  ] as const) {
    const before = routed();
    const first = await get(url, headers);
    t.equal(routed(), before + 1, `${url}: the first request goes through Fastify`);
    const again = await get(url, headers);
    t.equal(routed(), before + 1, `${url}: the second is answered before routing`);
    t.equal(again.status, 200);
    t.same(again.headers, first.headers, `${url}: the same headers`);
    t.same(again.body, first.body, `${url}: the same bytes`);
    const notModified = await get(url, { ...headers, 'if-none-match': first.headers.etag! });
    t.equal(notModified.status, 304, `${url}: a current tag is answered 304 before routing too`);
    t.equal(notModified.body.length, 0);
    t.equal(routed(), before + 1);
  }
  t.equal((await get('/topics', { 'accept-encoding': 'gzip' })).status, 200);
  t.equal((await get('/topics', {}, 'HEAD')).status, 200);
  t.equal(routed(), 4, 'another encoding is another answer, and HEAD is always routed');
});

t.test('a commit by another connection: the stored answer is not written again', async (t) => {
  const { get, writer, routed } = await listening(t);
  const old = await get('/sources?limit=100');
  await get('/sources?limit=100');
  t.equal(routed(), 1);
  const dir = tempDir(t);
  writeFileSync(join(dir, 'extra.txt'), `${readFileSync(join(SEEDS_DIR, '000_19a2db4b57ab717a.txt'), 'utf8')}\nOfficials said talks would continue.\n`);
  t.equal((await ingest(writer, { paths: [dir], lexiconDir: SEEDS_DIR })).new, 1);
  const fresh = await get('/sources?limit=100');
  t.equal(routed(), 2, 'the new data version sent it through Fastify');
  t.equal(JSON.parse(fresh.body.toString()).items.length, 6);
  t.not(fresh.headers.etag, old.headers.etag);
});

t.test('cached answers count against the rate limit, in one budget with routed requests', async (t) => {
  const { get, routed } = await listening(t, { rateLimit: { max: 3, writeMax: 1, windowMs: 60_000 } });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await get('/topics')).status);
  t.same(statuses, [200, 200, 200, 429]);
  t.equal(routed(), 2, 'the first (stored then) and the one over the limit took the full path');
  const limited = await get('/topics');
  t.equal(limited.status, 429);
  t.match(limited.headers['content-type'], /^application\/problem\+json/);
  t.match(limited.headers['retry-after'], /^\d+$/);
});

t.test('while requests are logged, every request goes through Fastify and is logged', async (t) => {
  const lines: Array<{ msg?: string; req?: { url?: string } }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  const { get, routed } = await listening(t, { logger: { level: 'info', stream } });
  for (let i = 0; i < 3; i++) t.equal((await get('/topics')).status, 200);
  t.equal(routed(), 3);
  t.equal(lines.filter((line) => line.msg === 'incoming request' && line.req?.url === '/topics').length, 3);
});

t.test('while the event loop lags, a cached answer is shed with 503 like any other request', async (t) => {
  const { get, routed } = await listening(t, { maxEventLoopDelayMs: 100 });
  t.equal((await get('/topics')).status, 200);
  t.equal((await get('/topics')).status, 200);
  t.equal(routed(), 1, 'stored, then answered before routing');
  const started = Date.now();
  while (Date.now() - started < 1500) {
    // Stall the loop, as a runaway synchronous job would.
  }
  let shed = null;
  for (let i = 0; i < 150 && !shed; i++) {
    const answer = await get('/topics');
    if (answer.status === 503) shed = answer;
    else await sleep(20);
  }
  t.ok(shed, 'the cached URL was refused while the loop lagged');
  t.equal(shed?.headers['retry-after'], '2');
  t.match(shed?.headers['content-type'], /^application\/problem\+json/);
});

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

/** The seeded server over a real socket, as clients meet it. */
async function listening(t: { teardown: (fn: () => void | Promise<void>) => void }, options: Partial<AppOptions> = {}) {
  const { db: writer, path } = await seededDb(t);
  const app = await buildApp({ db: openDatabase(path, { readonly: true }), closeDatabase: true, ...options });
  return { app, writer, ...(await overSocket(t, app)) };
}

t.test('a stored answer goes through Fastify like any other, byte for byte and header for header what was first sent', async (t) => {
  const { get, routed } = await listening(t);
  for (const [url, headers] of [
    ['/topics', {}],
    ['/claims?topic=fentanyl', { 'accept-encoding': 'gzip' }],
  ] as const) {
    const before = routed();
    const first = await get(url, headers);
    const again = await get(url, headers);
    t.equal(routed(), before + 2, `${url}: both requests reached Fastify's hooks`);
    t.equal(again.status, 200);
    t.same(again.headers, first.headers, `${url}: the same headers`);
    t.same(again.body, first.body, `${url}: the same bytes`);
    const notModified = await get(url, { ...headers, 'if-none-match': first.headers.etag! });
    t.equal(notModified.status, 304, `${url}: a current tag is answered 304`);
    t.equal(notModified.body.length, 0);
    t.equal(routed(), before + 3);
  }
});

t.test('a commit by another connection: the stored answer is not sent again', async (t) => {
  const { get, writer } = await listening(t);
  const old = await get('/sources?limit=100');
  await get('/sources?limit=100');
  const dir = tempDir(t);
  writeFileSync(join(dir, 'extra.txt'), `${readFileSync(join(SEEDS_DIR, '000_19a2db4b57ab717a.txt'), 'utf8')}\nOfficials said talks would continue.\n`);
  t.equal((await ingest(writer, { paths: [dir], lexiconDir: SEEDS_DIR })).new, 1);
  const fresh = await get('/sources?limit=100');
  t.equal(JSON.parse(fresh.body.toString()).items.length, 6);
  t.not(fresh.headers.etag, old.headers.etag);
});

t.test('stored answers count against the rate limit', async (t) => {
  const { get } = await listening(t, { rateLimit: { max: 3, writeMax: 1, windowMs: 60_000 } });
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await get('/topics')).status);
  t.same(statuses, [200, 200, 200, 429]);
  const limited = await get('/topics');
  t.equal(limited.status, 429);
  t.match(limited.headers['content-type'], /^application\/problem\+json/);
  t.match(limited.headers['retry-after'], /^\d+$/);
});

t.test('every request is logged, stored answers included, with its status', async (t) => {
  const lines: Array<{ msg?: string; req?: { url?: string }; res?: { statusCode?: number } }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  const { get, routed } = await listening(t, { logger: { level: 'info', stream } });
  const first = await get('/topics');
  for (let i = 0; i < 2; i++) t.equal((await get('/topics')).status, 200);
  t.equal((await get('/topics', { 'if-none-match': first.headers.etag! })).status, 304);
  t.equal(routed(), 4);
  t.equal(lines.filter((line) => line.msg === 'incoming request' && line.req?.url === '/topics').length, 4);
  const completed = lines.filter((line) => line.msg === 'request completed').map((line) => line.res?.statusCode);
  t.same(completed, [200, 200, 200, 304]);
});

t.test('while the event loop lags, a stored answer is shed with 503 like any other request', async (t) => {
  const { get } = await listening(t, { maxEventLoopDelayMs: 100 });
  t.equal((await get('/topics')).status, 200);
  t.equal((await get('/topics')).status, 200);
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
  t.ok(shed, 'the stored URL was refused while the loop lagged');
  t.equal(shed?.headers['retry-after'], '2');
  t.match(shed?.headers['content-type'], /^application\/problem\+json/);
});

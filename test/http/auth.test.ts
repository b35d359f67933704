import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import t from 'tap';
import { parse } from 'yaml';
import { ApiKeys, bearerToken } from '../../src/http/auth.js';
import { seededApp, TEST_KEY, writableApp } from '../helpers/seeded-db.js';

type Operation = { security?: unknown[] };
const spec = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, Operation>> };
const SOURCE_ID = 'src_310b54533384b8b9';

/** Every operation the document says needs a key, with a real id in its path. */
const writeOperations = Object.entries(spec.paths).flatMap(([path, operations]) =>
  Object.entries(operations)
    .filter(([, operation]) => operation.security?.length)
    .map(([method]) => ({ method: method.toUpperCase() as 'POST' | 'DELETE', url: path.replace('{id}', SOURCE_ID) })),
);

const body = (method: string) => (method === 'POST' ? { text: 'Biden and Xi met in Woodside on Wednesday and agreed to talk.' } : undefined);

t.test('the document lists the write operations', async (t) => {
  t.same(writeOperations.map((operation) => `${operation.method} ${operation.url}`).sort(), [`DELETE /sources/${SOURCE_ID}`, 'POST /sources']);
});

t.test('every write operation refuses a request without a valid key, and changes nothing', async (t) => {
  const { app } = await writableApp(t);
  const refusals: Array<[string, Record<string, string>]> = [
    ['no header', {}],
    ['an empty header', { authorization: '' }],
    ['a token without the scheme', { authorization: TEST_KEY }],
    ['another key', { authorization: 'Bearer another-key-0123456789abcdef' }],
    ['the key in other case', { authorization: `Bearer ${TEST_KEY.toUpperCase()}` }],
    ['the key with padding', { authorization: `Bearer ${TEST_KEY}==` }],
    ['the key split by a space', { authorization: `Bearer ${TEST_KEY.slice(0, 8)} ${TEST_KEY.slice(8)}` }],
    ['a NUL after the key', { authorization: `Bearer ${TEST_KEY}%00` }],
    ['the key as a cookie', { cookie: `key=${TEST_KEY}` }],
    ['the key in another header', { 'x-api-key': TEST_KEY }],
  ];
  for (const { method, url } of writeOperations) {
    for (const [name, headers] of refusals) {
      const response = await app.inject({ method, url, headers, payload: body(method) });
      t.equal(response.statusCode, 401, `${method} ${url}: ${name}`);
      t.match(response.headers['www-authenticate'], /^Bearer realm="summit-facts"/);
      t.match(response.headers['content-type'], /^application\/problem\+json/);
    }
    // The key in the query string is not a key either.
    const query = await app.inject({ method, url: `${url}?access_token=${TEST_KEY}`, payload: body(method) });
    t.equal(query.statusCode, 401, `${method} ${url}: the key as a query parameter`);
  }
  t.match((await app.inject('/health')).json(), { sources: 5 }, 'nothing was written or removed');
});

t.test('with no keys configured every write operation is 403, whatever it sends', async (t) => {
  const { app } = await seededApp(t);
  for (const { method, url } of writeOperations) {
    for (const headers of [{}, { authorization: `Bearer ${TEST_KEY}` }]) {
      const response = await app.inject({ method, url, headers, payload: body(method) });
      t.equal(response.statusCode, 403, `${method} ${url}`);
      t.match(response.json().detail, /SUMMIT_FACTS_API_KEYS/);
    }
  }
});

t.test('keys are compared by digest: any length, no prefix or case match', (t) => {
  const keys = new ApiKeys(['first-key-0123456789abcdef', 'second-key-0123456789abcdefghijklmnopqrstuvwxyz']);
  t.ok(keys.accepts('first-key-0123456789abcdef'));
  t.ok(keys.accepts('second-key-0123456789abcdefghijklmnopqrstuvwxyz'), 'the last key as well as the first');
  for (const wrong of ['', 'first-key-0123456789abcde', 'first-key-0123456789abcdef ', 'FIRST-KEY-0123456789ABCDEF', 'x'.repeat(10_000)]) {
    t.notOk(keys.accepts(wrong), JSON.stringify(wrong.slice(0, 30)));
  }
  t.notOk(new ApiKeys([]).writesEnabled);
  t.equal(bearerToken('bearer abc.DEF-123_~+/='), 'abc.DEF-123_~+/=', 'the scheme is case-insensitive (RFC 7235)');
  t.equal(bearerToken('Bearer a b'), null);
  t.equal(bearerToken(undefined), null);
  t.end();
});

t.test('keys never appear in logs, even at trace level and when headers are logged', async (t) => {
  let logged = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logged += String(chunk);
      done();
    },
  });
  const wrongKey = 'guessed-key-0123456789abcdef';
  const { app } = await writableApp(t, { logger: { level: 'trace', stream } });
  // As a careless debugging hook would: log every request's headers.
  app.addHook('onRequest', async (request) => {
    request.log.info({ headers: request.headers }, 'request headers');
  });
  const requests = [
    { method: 'POST' as const, url: '/sources', headers: { authorization: `Bearer ${TEST_KEY}` }, payload: body('POST') },
    { method: 'POST' as const, url: '/sources', headers: { authorization: `Bearer ${wrongKey}` }, payload: body('POST') },
    { method: 'DELETE' as const, url: `/sources/${SOURCE_ID}`, headers: { authorization: `Bearer ${TEST_KEY}` } },
    { method: 'DELETE' as const, url: '/sources/src_nope', headers: { authorization: `Bearer ${wrongKey}` } },
    { method: 'GET' as const, url: '/health', headers: { authorization: `Bearer ${TEST_KEY}` } },
  ];
  const statuses = [];
  for (const request of requests) statuses.push((await app.inject(request)).statusCode);
  t.same(statuses, [201, 401, 200, 401, 200]);
  t.match(logged, /"authorization":"\[redacted\]"/, 'the header is logged redacted');
  t.match(logged, /incoming request/, 'requests were logged');
  t.notMatch(logged, TEST_KEY, 'the valid key is in no log line');
  t.notMatch(logged, wrongKey, 'nor is a guessed one');
  t.notMatch(logged, TEST_KEY.slice(0, 12), 'nor part of one');
});

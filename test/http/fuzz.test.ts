import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import t from 'tap';
import { describeErrors, operations, problemValidator, responseValidator, type Operation, type Parameter } from '../helpers/openapi.js';
import { TEST_KEY, writableApp } from '../helpers/seeded-db.js';

/**
 * Property-based fuzzing of every documented operation on a real listening server: random and hostile
 * paths, query parameters (repeated too), headers and bodies. Whatever is sent, the answer is never a
 * 5xx, its status is one the operation documents, its body is valid against openapi.yaml, and every
 * error is problem+json. FUZZ_SEED reproduces a run; FUZZ_RUNS changes its length.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 4000);
const BODY_LIMIT = 16 * 1024;

/** Strings that mean something to SQL, FTS5, URLs, JSON, JavaScript, Unicode or number parsing. */
const HOSTILE = [
  "' OR 1=1 --", "'; DROP TABLE claims; --", '" OR ""="', '%', '_', '\\', '`', ';', '--', '/*', '*/',
  '"', '""', '*', 'NEAR(biden xi)', 'biden NEAR/2 xi', 'a AND b OR NOT c', '^biden', 'text:biden', '{text}: x', '(', ')', '+', '-',
  'biden*', '"unterminated', 'MATCH', 'rowid', 'claims_fts', '\u0000', 'a\u0000b', '%00', '\n', '\r\n', '\t',
  '../../etc/passwd', '..', '.', '%2e%2e%2f', '/', '//', '?', '#', '&', '=', '&&==', '<script>alert(1)</script>', '${7*7}', '{{7*7}}',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '[]', '{}', 'null', 'undefined', 'true', 'NaN',
  'Infinity', '-Infinity', '-0', '0', '-1', '1e309', '1e-309', '0x10', '0b1', '1_000', '９', '½', '9'.repeat(400), '1.0000000000000001',
  '\u202e\u0644\u0627', '\u0301\u0301\u0301', 'ﬁ', 'İ', 'ß', '\ufeff', '\u200b', '🇺🇳', '👨‍👩‍👧‍👦', 'Xi\u00a0Jinping', 'XI JINPING', 'x'.repeat(101),
  'W3siYSI6MX1d', 'WzEsMl0', 'WzEsIngiXQ', 'Wy0xXQ', 'W251bGxd', 'eyJfX3Byb3RvX18iOnt9fQ', '====', 'A'.repeat(513),
];

const hostile = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2000 }) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 2 }).map((json) => Buffer.from(json).toString('base64url')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE), fc.constantFrom(...HOSTILE)).map(([a, b]) => a + b) },
);

/** Percent-encodes as UTF-8, byte by byte, so even a lone surrogate becomes a valid request line. */
const encode = (value: string): string =>
  [...Buffer.from(value, 'utf8')].map((byte) => (/[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/** Raw fragments a percent-encoder would never produce: broken escapes and overlong UTF-8. */
const RAW = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF', '%25', '+', '%2F', ';x=1', '%00'];

type Known = Record<string, string[]>;

function valueFor(parameter: Parameter, known: Known): fc.Arbitrary<string> {
  const schema = parameter.schema as { type?: string; enum?: string[]; minimum?: number; maximum?: number };
  const valid: Array<fc.Arbitrary<string>> = [];
  if (schema.enum) valid.push(fc.constantFrom(...schema.enum));
  if (schema.type === 'integer' || schema.type === 'number') {
    valid.push(fc.integer({ min: (schema.minimum ?? 0) - 2, max: (schema.maximum ?? 100) + 2 }).map(String));
    valid.push(fc.double({ min: -2, max: 2, noNaN: true }).map(String));
  }
  const names = known[parameter.name];
  if (names?.length) valid.push(fc.constantFrom(...names));
  return fc.oneof(...valid.map((arbitrary) => ({ weight: 3, arbitrary: arbitrary.map(encode) })), { weight: 2, arbitrary: hostile.map(encode) }, { weight: 1, arbitrary: fc.constantFrom(...RAW) });
}

const SENTENCES = [
  'President Joe Biden said on Wednesday that the United States and China agreed to resume military communication.',
  'Xi Jinping told reporters in Woodside that China would curb fentanyl precursors, the BBC reports.',
  'The two leaders met for four hours at the Filoli estate.',
  '“We are not going to back off,” Biden said.',
  'Officials may announce a new hotline on Thursday, Reuters reported.',
];
const prose = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SENTENCES) }, hostile, fc.string({ unit: 'grapheme', maxLength: 80 })), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(fc.sample(fc.constantFrom(' ', '\n', '\n\n'), 1)[0]));
/** Usually valid, so the pipeline runs on hostile text; sometimes not, so validation is tried. */
const stated = (valid: fc.Arbitrary<string>) => fc.oneof({ weight: 3, arbitrary: valid }, hostile);
const article = fc.record(
  {
    text: fc.oneof({ weight: 4, arbitrary: prose }, fc.string({ unit: 'binary', maxLength: 500 }), hostile),
    title: stated(fc.constantFrom('Biden and Xi meet', 'Talks resume', 'Ａ title in ｆｕｌｌwidth')),
    publisher: stated(fc.constantFrom('Example Wire', 'The Times')),
    author: stated(fc.constantFrom('A. Writer', 'Zhang Wei')),
    url: stated(fc.webUrl({ withQueryParameters: true, withFragments: true })),
    publishedAt: stated(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10))),
  },
  { requiredKeys: [] },
);

const body = fc.oneof(
  { weight: 5, arbitrary: article.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.tuple(article, fc.constantFrom('__proto__', 'constructor', 'fileName', 'id', 'seq', 'text')).map(([value, key]) => JSON.stringify(value).replace(/^\{/, `{"${key}":{"polluted":true},`)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constant(JSON.stringify({ text: 'Biden said yes. '.repeat(BODY_LIMIT / 16 + 10) })) },
);

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/xml', 'application/json; charset=latin1', '', 'application/jsonx'];

/** Header values Node will put on the wire: printable Latin-1. */
const headerValue = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 300 })).map((value) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?'));
const headerName = fc.oneof(
  fc.constantFrom('accept', 'accept-language', 'origin', 'referer', 'user-agent', 'x-forwarded-for', 'x-real-ip', 'if-none-match', 'range', 'cookie', 'x-http-method-override', 'forwarded'),
  fc.stringMatching(/^x-[a-z0-9-]{1,30}$/),
);
const authorization = fc.oneof(
  fc.constant(undefined),
  { weight: 6, arbitrary: fc.constant(`Bearer ${TEST_KEY}`) },
  fc.constant(`bearer ${TEST_KEY}`),
  fc.constant('Bearer wrong-key-0123456789abcdef'),
  headerValue.map((value) => `Bearer ${value}`),
  headerValue,
);

/** `unknownQuery`: a query parameter the operation does not take was added on purpose. */
type FuzzRequest = { method: string; operation: Operation | null; path: string; headers: Record<string, string | string[]>; body: string | null; unknownQuery?: boolean };

function requestFor(operation: Operation, known: Known): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
  const pathValues = fc.tuple(...pathParameters.map((parameter) => valueFor(parameter, known).filter((value) => value !== '')));
  const queryNames = queryParameters.map((parameter) => parameter.name);
  // Each part, and whether it is a parameter the operation does not take, added on purpose.
  const query = fc.array(
    fc.oneof(
      { weight: 4, arbitrary: (queryParameters.length ? fc.constantFrom(...queryParameters).chain((parameter) => valueFor(parameter, known).map((value) => `${parameter.name}=${value}`)) : fc.constant('')).map((part) => [part, false] as const) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(hostile, hostile)
          .filter(([name]) => !queryNames.includes(name))
          .map(([name, value]) => [`${encode(name)}=${encode(value)}`, true] as const),
      },
      { weight: 1, arbitrary: fc.constantFrom(...RAW, 'limit', 'limit=', '=', '&', 'limit=1&limit=2', 'cursor[]=x', 'topic[a]=b').map((part) => [part, false] as const) },
    ),
    { maxLength: 6 },
  );
  const headers = fc.dictionary(headerName, fc.oneof(headerValue, fc.array(headerValue, { minLength: 2, maxLength: 3 })), { maxKeys: 4 });
  return fc
    .record({
      pathValues,
      query,
      headers,
      authorization,
      contentType: fc.oneof({ weight: 8, arbitrary: fc.constant(CONTENT_TYPES[0]!) }, fc.constantFrom(...CONTENT_TYPES)),
      // Now and then a body where none belongs.
      body: operation.hasBody ? body : fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, body),
    })
    .map(({ pathValues, query, headers, authorization, contentType, body }) => {
      let index = 0;
      const path = operation.path.replace(/\{[^}]+\}/g, () => pathValues[index++]!) + (query.length ? `?${query.map(([part]) => part).join('&')}` : '');
      const all: Record<string, string | string[]> = { ...headers };
      if (authorization !== undefined) all.authorization = authorization;
      if (body !== null && contentType) all['content-type'] = contentType;
      return { method: operation.method, operation, path, headers: all, body, unknownQuery: query.some(([, unknown]) => unknown) };
    });
}

/** Paths no operation documents, built from real and hostile segments. */
const strayRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({
    method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
    segments: fc.array(fc.oneof(fc.constantFrom('claims', 'sources', 'facts', 'topics', 'entities', 'health', 'docs', 'openapi.json', 'x', '..', '.', ''), hostile.map(encode), fc.constantFrom(...RAW)), { minLength: 1, maxLength: 5 }),
    headers: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
  })
  .map(({ method, segments, headers }) => ({ method, operation: null, path: `/${segments.join('/')}`, headers, body: null }));

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function send(port: number, agent: Agent, request: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, agent, method: request.method, path: request.path, headers: request.headers, timeout: 20_000 },
      (response) => {
        // An event stream stays open by design: its status and headers are the answer.
        if (/^text\/event-stream/.test(String(response.headers['content-type']))) {
          resolve({ status: response.statusCode!, headers: response.headers, body: '' });
          response.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 20 s')));
    outgoing.on('error', reject);
    outgoing.end(request.body ?? undefined);
  });
}

/** What must hold of every answer; returns the broken promise, or null. */
function check(request: FuzzRequest, answer: Answer): string | null {
  if (answer.status >= 500) return `a ${answer.status}: ${answer.body.slice(0, 300)}`;
  const type = String(answer.headers['content-type'] ?? '');
  const isProblem = /^application\/problem\+json/.test(type);
  if (answer.status >= 400 && request.method !== 'HEAD') {
    if (!isProblem) return `an error of type "${type}" instead of application/problem+json`;
    const problem = JSON.parse(answer.body) as { status?: number };
    if (!problemValidator(problem)) return `a problem outside the Problem schema: ${describeErrors(problemValidator)}`;
    if (problem.status !== answer.status) return `a problem whose status ${problem.status} is not the answer's ${answer.status}`;
    if (/at .*\.(?:ts|js):\d+|SqliteError|SQLITE_/.test(answer.body)) return 'internals in a problem';
  }
  if (answer.status === 401 && !String(answer.headers['www-authenticate']).startsWith('Bearer')) return '401 without a Bearer challenge';
  if ((answer.status === 429 || answer.status === 503) && !answer.headers['retry-after']) return `${answer.status} without Retry-After`;
  const operation = request.operation;
  if (!operation) return null;
  if (!operation.statuses.includes(String(answer.status))) return `status ${answer.status}, which ${operation.operationId} does not document`;
  // Reads refuse a parameter they do not take; a body sent with the GET may be refused before the query is read.
  if (request.unknownQuery && operation.method === 'GET' && request.body === null && answer.status !== 400) {
    return `a ${answer.status} to a query parameter ${operation.operationId} does not take`;
  }
  const validate = responseValidator(operation, answer.status);
  if (validate && !validate(JSON.parse(answer.body))) return `a ${answer.status} body outside its schema: ${describeErrors(validate)}`;
  return null;
}

t.test('fuzzing every documented operation never gets a 5xx, an undocumented status or a body outside openapi.yaml', async (t) => {
  const { app } = await writableApp(t, { bodyLimit: BODY_LIMIT, rateLimit: { max: 1_000_000, writeMax: 1_000_000, windowMs: 60_000 }, requestTimeoutMs: 30_000, connectionTimeoutMs: 60_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  t.teardown(() => agent.destroy());

  // Real values, so that generated requests also reach the code behind valid filters and ids.
  const get = async (path: string) => JSON.parse((await send(port, agent, { method: 'GET', operation: null, path, headers: {}, body: null })).body);
  const ids = async (path: string, key = 'id') => ((await get(path)).items as Array<Record<string, string>>).map((item) => item[key]!);
  const claims = (await get('/claims?limit=100')).items as Array<{ id: string; text: string; speaker: string | null }>;
  const known: Known = {
    id: [...(await ids('/sources')), ...claims.slice(0, 20).map((claim) => claim.id), ...(await ids('/facts?limit=20')), ...(await ids('/entities?limit=20'))],
    slug: await ids('/topics?limit=100', 'slug'),
    topic: await ids('/topics?limit=100', 'slug'),
    source: await ids('/sources'),
    factId: await ids('/facts?limit=20'),
    entity: [...(await ids('/entities?limit=10')), ...(await ids('/entities?limit=10', 'name'))],
    speaker: [...new Set(claims.map((claim) => claim.speaker).filter((speaker): speaker is string => speaker !== null))],
    q: ['military', 'fentanyl talks', 'Biden', 'xi jinping', 'balloon'],
    cursor: [
      (await get('/claims?limit=1')).nextCursor,
      (await get('/facts?limit=1')).nextCursor,
      (await get('/topics?limit=1')).nextCursor,
      (await get('/entities?limit=1')).nextCursor,
    ].filter(Boolean),
  };

  const requests = fc.oneof(
    // Writes weigh more: each runs the whole pipeline on what the fuzzer sends.
    ...operations.map((operation) => ({ weight: operation.method === 'POST' ? 8 : 3, arbitrary: requestFor(operation, known) })),
    { weight: 2, arbitrary: strayRequest },
  );

  const statuses = new Map<string, number>();
  let sent = 0;
  const started = Date.now();
  t.comment(`fast-check seed ${SEED}, ${RUNS} runs (FUZZ_SEED=${SEED} reproduces this run)`);
  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      const answer = await send(port, agent, request);
      sent++;
      const key = `${request.operation ? request.operation.operationId : `stray ${request.method}`} ${answer.status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const broken = check(request, answer);
      if (broken) throw new Error(`${request.method} ${request.path.slice(0, 300)} answered ${broken}`);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  const seconds = (Date.now() - started) / 1000;
  t.pass(`${sent} requests in ${seconds.toFixed(1)} s: no 5xx, every status documented, every body valid, every error problem+json`);
  const byStatus = new Map<number, number>();
  for (const [key, count] of statuses) byStatus.set(Number(key.split(' ').at(-1)), (byStatus.get(Number(key.split(' ').at(-1))) ?? 0) + count);
  t.comment(`by status: ${[...byStatus].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(', ')}`);
  t.comment(`by operation and status: ${[...statuses].sort().map(([key, count]) => `${key}: ${count}`).join('; ')}`);
  const health = JSON.parse((await send(port, agent, { method: 'GET', operation: null, path: '/health', headers: {}, body: null })).body);
  t.match(health, { status: 'ok' }, 'the server is still healthy');
  t.comment(`database after fuzzing: ${JSON.stringify(health)}`);
});

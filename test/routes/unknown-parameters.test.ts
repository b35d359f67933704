import type { FastifyInstance } from 'fastify';
import t from 'tap';
import { seededApp } from '../helpers/seeded-db.js';

type Document = { paths: Record<string, Record<string, { operationId: string; parameters?: Array<{ in: string; name: string }> }>> };
type ReadOperation = { operationId: string; path: string; url: string; query: string[] };

/**
 * Every GET the app documents, from the document it serves, so a new read route is covered without
 * editing this file; each path parameter is filled with a real value read from its list route.
 */
async function readOperations(app: FastifyInstance): Promise<ReadOperation[]> {
  await app.ready();
  const document = app.swagger() as unknown as Document;
  const operations: ReadOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    const operation = methods.get;
    if (!operation) continue;
    let url = path;
    for (const [placeholder, name] of path.matchAll(/\{([^}]+)\}/g)) {
      const list = (await app.inject(path.slice(0, path.indexOf(placeholder) - 1))).json<{ items: Array<Record<string, string>> }>();
      url = url.replace(placeholder!, encodeURIComponent(list.items[0]![name!]!));
    }
    const query = (operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
    operations.push({ operationId: operation.operationId, path, url, query });
  }
  return operations;
}

const reasonFor = (accepted: string[]) => `unknown query parameter; this operation takes ${accepted.length ? accepted.join(', ') : 'none'}`;

t.test('every read operation refuses an unknown query parameter with a 400 naming it and the parameters it takes', async (t) => {
  const { app } = await seededApp(t);
  const operations = await readOperations(app);
  t.ok(
    operations.some((operation) => operation.query.length > 0),
    'list routes, which take query parameters, are among them',
  );
  t.ok(
    operations.some((operation) => operation.query.length === 0),
    'item routes and /health, which take no query parameters, are among them',
  );
  for (const { operationId, url, query } of operations) {
    // Read as a stream: an event stream answers 200 and stays open.
    const plain = await app.inject({ url, payloadAsStream: true });
    t.equal(plain.statusCode, 200, `${operationId}: ${url} answers 200 without the unknown parameter`);
    plain.stream().destroy();
    const bad = `${url}?bogus=1`;
    const response = await app.inject(bad);
    t.equal(response.statusCode, 400, `${operationId}: ${bad}`);
    t.match(response.headers['content-type'], /^application\/problem\+json/, `${operationId}: problem details`);
    t.equal(response.headers['cache-control'], 'no-store', `${operationId}: the problem is not cached`);
    const reason = reasonFor(query);
    t.same(
      response.json(),
      {
        type: 'urn:summit-facts:problem:invalid-parameter',
        title: 'Invalid request parameter',
        status: 400,
        detail: `bogus: ${reason}`,
        instance: bad,
        invalidParams: [{ name: 'bogus', reason }],
      },
      `${operationId}: the problem names bogus and lists ${query.join(', ') || 'no parameters'}`,
    );
    const head = await app.inject({ method: 'HEAD', url: bad });
    t.equal(head.statusCode, 400, `${operationId}: HEAD ${bad} follows GET`);
    t.match(head.headers['content-type'], /^application\/problem\+json/, `${operationId}: HEAD problem details`);
  }
});

/** [url, the names invalidParams must give: invalid values first, then the unknown names in query order] */
const cases: Array<[string, string[]]> = [
  // A typo of a filter no longer returns everything.
  ['/claims?topc=fentanyl', ['topc']],
  // Nor is a format the API does not offer answered in JSON.
  ['/claims?format=csv', ['format']],
  ['/claims?topc=fentanyl&format=csv', ['topc', 'format']],
  // Known parameters next to the unknown ones: each problem is named, the unknown ones each once.
  ['/claims?topic=fentanyl&topc=fentanyl&format=csv&format=json', ['topc', 'format']],
  ['/claims?topc=fentanyl&limit=1000', ['limit', 'topc']],
  ['/facts?minsources=2', ['minsources']],
  ['/health?verbose=1&pretty', ['verbose', 'pretty']],
  ['/topics/fentanyl?expand=claims', ['expand']],
  ['/claims?__proto__=1&constructor=1', ['__proto__', 'constructor']],
];

t.test('every unknown query parameter is named, next to the invalid known ones', async (t) => {
  const { app } = await seededApp(t);
  for (const [url, names] of cases) {
    const response = await app.inject(url);
    t.equal(response.statusCode, 400, url);
    t.match(response.headers['content-type'], /^application\/problem\+json/, `${url} content type`);
    const problem = response.json<{ status: number; instance: string; invalidParams: Array<{ name: string; reason: string }> }>();
    t.match(problem, { type: 'urn:summit-facts:problem:invalid-parameter', status: 400, instance: url }, `${url} shape`);
    t.same(
      problem.invalidParams.map((param) => param.name),
      names,
      `${url} names ${names.join(', ')}`,
    );
  }
  const claims = (await app.inject('/claims?topc=fentanyl&format=csv')).json<{ invalidParams: Array<{ reason: string }> }>();
  t.same(
    claims.invalidParams.map((param) => param.reason),
    Array(2).fill(reasonFor(['topic', 'source', 'speaker', 'factId', 'q', 'entity', 'minCheckworthiness', 'offEvent', 'facet', 'facetSize', 'limit', 'cursor'])),
    'the reason lists what /claims takes',
  );
});

t.test('known query parameters still work', async (t) => {
  const { app } = await seededApp(t);
  const fentanyl = await app.inject('/claims?topic=fentanyl&limit=2');
  t.equal(fentanyl.statusCode, 200);
  const page = fentanyl.json<{ items: Array<{ topics: string[] }>; nextCursor: string }>();
  t.equal(page.items.length, 2);
  t.ok(page.items.every((claim) => claim.topics.includes('fentanyl')), 'the topic filter applies');
  const next = await app.inject(`/claims?topic=fentanyl&limit=2&cursor=${page.nextCursor}`);
  t.equal(next.statusCode, 200, 'a cursor from the previous page');
  t.equal((await app.inject('/claims?speaker=Xi%20Jinping&minCheckworthiness=0.5&q=military&entity=Xi%20Jinping')).statusCode, 200);
  t.equal((await app.inject('/facts?topic=fentanyl&minSources=2&limit=5')).statusCode, 200);
  t.equal((await app.inject('/discrepancies?kind=place&topic=summit-logistics')).statusCode, 200);
  t.equal((await app.inject('/entities?kind=person&q=xi&limit=3')).statusCode, 200);
  t.equal((await app.inject('/sources?limit=1')).statusCode, 200);
  t.equal((await app.inject('/topics?limit=1')).statusCode, 200);
  t.equal((await app.inject('/claims?')).statusCode, 200, 'an empty query string names no parameter');
});

t.test('the documents and Swagger UI are not API reads: they stay lenient', async (t) => {
  const { app } = await seededApp(t);
  for (const url of ['/openapi.json?download=1', '/openapi.yaml?download=1', '/docs/?url=/openapi.json', '/docs/json?x=1']) {
    t.equal((await app.inject(url)).statusCode, 200, url);
  }
});

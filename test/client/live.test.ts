// The typed client (clients/typescript/) against a seeded server listening on a real socket: every call goes
// through openapi-fetch and the global fetch, as a consumer's would. tsc checks the calls against the
// generated types (`npm test` typechecks test/ first), so a @ts-expect-error below that stops failing fails it.
import t from 'tap';
import { createSummitFactsClient, type Problem, type Schema } from '../../clients/typescript/index.js';
import { sourceIdFor } from '../../src/db/ingest.js';
import { seededApp, TEST_KEY, writableApp } from '../helpers/seeded-db.js';
import { overSocket } from '../helpers/socket.js';

const PROBLEM_TYPE = 'application/problem+json';

t.test('reads: health, a topic, claims paged through nextCursor, a fact, and a 404 problem', async (t) => {
  const { app, db } = await seededApp(t);
  const { url } = await overSocket(t, app);
  const api = createSummitFactsClient(url);

  const health = await api.GET('/health');
  t.equal(health.response.status, 200);
  t.same(health.data, { status: 'ok', sources: 5, claims: 80, facts: 21 });
  t.equal(health.error, undefined);
  t.same(
    db.prepare('SELECT (SELECT COUNT(*) FROM sources) AS sources, (SELECT COUNT(*) FROM claims) AS claims, (SELECT COUNT(*) FROM facts) AS facts').get(),
    { sources: 5, claims: 80, facts: 21 },
    'what the database holds',
  );

  // The taxonomy's first topic, as the database holds it.
  const first = db
    .prepare('SELECT slug, label, description, claim_count AS claimCount, source_count AS sourceCount FROM topics ORDER BY position LIMIT 1')
    .get() as Schema<'Topic'>;
  t.equal(first.slug, 'military-communication');
  const topics = await api.GET('/topics', { params: { query: { limit: 1 } } });
  t.same(topics.data, { items: [first], nextCursor: 'WzBd' });
  const topic = await api.GET('/topics/{slug}', { params: { path: { slug: first.slug } } });
  t.same(topic.data, first);
  t.match(topic.data, { claimCount: 26, sourceCount: 5 });

  // Every claim of the topic, ten at a time, following nextCursor until it is null (an undefined cursor is left out).
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const { data, error } = await api.GET('/claims', { params: { query: { topic: first.slug, limit: 10, cursor } } });
    if (error) throw new Error(`GET /claims: ${error.detail}`);
    t.ok(data.items.every((claim) => claim.topics.includes(first.slug)), `page ${pages.length + 1}: every claim has the topic`);
    pages.push(data.items.map((claim) => claim.id));
    cursor = data.nextCursor ?? undefined;
  } while (cursor);
  t.same(pages.map((page) => page.length), [10, 10, 6]);
  const stored = db
    .prepare(
      `SELECT c.id FROM claim_topics k JOIN claims c ON c.id = k.claim_id JOIN sources s ON s.id = c.source_id
       WHERE k.topic_slug = ? AND s.off_event IS NULL ORDER BY k.source_seq, k.claim_seq`,
    )
    .all(first.slug) as Array<{ id: string }>;
  t.same(pages.flat(), stored.map((row) => row.id), 'the pages hold the topic’s claims in list order, each once');

  // The most corroborated fact, then the fact itself with each source's wording.
  const facts = await api.GET('/facts', { params: { query: { minSources: 3, limit: 1 } } });
  t.match(facts.data, {
    items: [{ id: 'fct_26b761bc256a498b', topics: ['fentanyl'], sourceCount: 4, claimCount: 4 }],
    nextCursor: 'WzQsImZjdF8yNmI3NjFiYzI1NmE0OThiIl0',
  });
  const fact = await api.GET('/facts/{id}', { params: { path: { id: 'fct_26b761bc256a498b' } } });
  t.equal(fact.data?.id, 'fct_26b761bc256a498b');
  t.same(
    fact.data?.wordings.map((wording) => [wording.sourceId, wording.claims.map((claim) => claim.id)]),
    [
      ['src_310b54533384b8b9', ['clm_56b65e360865314b']],
      ['src_f03b6974d5dfe3a6', ['clm_8b43557a456249b6']],
      ['src_a819cda4536e7b3c', ['clm_bed0f6ef8b5fdb7d']],
      ['src_b8aface2d0f97245', ['clm_5eaf3d63f59b7e0c']],
    ],
  );

  // A wrong id: no data, and the error is the problem details body, typed as such.
  const missing = await api.GET('/facts/{id}', { params: { path: { id: 'fct_0000000000000000' } } });
  t.equal(missing.data, undefined);
  t.equal(missing.response.status, 404);
  t.equal(missing.response.headers.get('content-type'), PROBLEM_TYPE);
  const problem: Problem | undefined = missing.error;
  t.same(problem, {
    type: 'urn:summit-facts:problem:not-found',
    title: 'Not found',
    status: 404,
    detail: 'No fact has the id "fct_0000000000000000"',
    instance: '/facts/fct_0000000000000000',
  });

  // The types refuse a query parameter the operation does not take (alone in its object: beside a valid one
  // openapi-fetch lets it through, see clients/typescript/README.md), and so does the server.
  // @ts-expect-error `topc` is not a query parameter of GET /claims
  const misspelt = await api.GET('/claims', { params: { query: { topc: 'fentanyl' } } });
  t.equal(misspelt.response.status, 400);
  t.same(misspelt.error?.invalidParams, [
    { name: 'topc', reason: 'unknown query parameter; this operation takes topic, source, speaker, factId, q, entity, minCheckworthiness, offEvent, facet, facetSize, limit, cursor' },
  ]);

  // A repeated parameter goes as an array: facets beside the page, typed.
  const faceted = await api.GET('/claims', { params: { query: { topic: 'fentanyl', facet: ['topic', 'speaker'], facetSize: 3, limit: 1 } } });
  t.same(Object.keys(faceted.data?.facets ?? {}), ['topic', 'speaker']);
  const speakers: Array<{ value: string; count: number }> | undefined = faceted.data?.facets?.speaker?.values;
  t.ok(speakers?.length && speakers.every((speaker) => speaker.count > 0));
  t.equal(faceted.data?.facets?.topic?.values[0]?.value, 'fentanyl', 'every claim of the list has its topic');
});

/** The README's example article ("Writing through the API"). */
const ARTICLE = {
  text: 'Biden and Xi agree to resume military talks\n\nPresident Joe Biden said on Wednesday that the United States and China agreed to resume military-to-military communication.',
  publisher: 'Example Wire',
  url: 'https://news.example/biden-xi',
  publishedAt: '2023-11-16',
};

t.test('writes: POST /sources with the key, the same text again, DELETE; a 401 problem without the key', async (t) => {
  const { app } = await writableApp(t);
  const seen: string[] = [];
  app.addHook('onRequest', (request, _reply, done) => {
    seen.push(`${request.method} ${request.url} ${request.headers.authorization ?? '(no key)'}`);
    done();
  });
  const { url } = await overSocket(t, app);
  const api = createSummitFactsClient(url, { apiKey: TEST_KEY });
  const anonymous = createSummitFactsClient(url);
  const id = sourceIdFor(ARTICLE.text);
  t.equal(id, 'src_a94a3a95081a8fc6');

  const refused = await anonymous.POST('/sources', { body: ARTICLE });
  t.equal(refused.data, undefined);
  t.equal(refused.response.status, 401);
  t.equal(refused.response.headers.get('www-authenticate'), 'Bearer realm="summit-facts"');
  t.equal(refused.response.headers.get('content-type'), PROBLEM_TYPE);
  t.same(refused.error, {
    type: 'urn:summit-facts:problem:unauthorized',
    title: 'Unauthorized',
    status: 401,
    detail: 'This operation needs an API key: send Authorization: Bearer <key>',
    instance: '/sources',
  });

  const created = await api.POST('/sources', { body: ARTICLE });
  t.equal(created.response.status, 201);
  t.equal(created.response.headers.get('location'), `/sources/${id}`);
  t.equal(created.data?.status, 'new');
  t.same(created.data?.source, {
    id,
    fileName: null,
    url: 'https://news.example/biden-xi',
    title: 'Biden and Xi agree to resume military talks',
    publisher: 'Example Wire',
    author: null,
    publishedAt: '2023-11-16',
    offEvent: null,
    claimCount: 2,
  });
  t.match(created.data?.claims[0], {
    id: 'clm_f46608e85df01c36',
    text: 'Biden and Xi agree to resume military talks',
    span: { start: 0, end: 43 },
    topics: ['military-communication'],
    factIds: ['fct_2e07926e055ee627'],
  });

  const again = await api.POST('/sources', { body: { text: ARTICLE.text } });
  t.equal(again.response.status, 200);
  t.equal(again.data?.status, 'unchanged');
  t.same(again.data?.claims, created.data?.claims, 'the stored claims, unchanged');

  t.same((await api.GET('/health')).data, { status: 'ok', sources: 6, claims: 82, facts: 21 });
  t.equal((await api.GET('/sources/{id}', { params: { path: { id } } })).data?.text, ARTICLE.text);

  const deleted = await api.DELETE('/sources/{id}', { params: { path: { id } } });
  t.equal(deleted.response.status, 200);
  t.match(deleted.data, { id, claimsRemoved: 2, factsRemoved: [] });
  const gone = await api.GET('/sources/{id}', { params: { path: { id } } });
  t.equal(gone.response.status, 404);
  t.equal(gone.error?.detail, `No source has the id "${id}"`);

  // The key went with the writes only.
  t.same(seen, [
    'POST /sources (no key)',
    `POST /sources Bearer ${TEST_KEY}`,
    `POST /sources Bearer ${TEST_KEY}`,
    'GET /health (no key)',
    `GET /sources/${id} (no key)`,
    `DELETE /sources/${id} Bearer ${TEST_KEY}`,
    `GET /sources/${id} (no key)`,
  ]);
});

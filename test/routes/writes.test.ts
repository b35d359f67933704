import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { IngestStore, sourceIdFor } from '../../src/db/ingest.js';
import { openDatabase, type Db } from '../../src/db/open.js';
import { alignLexicon } from '../../src/ingest/extract-into-store.js';
import { ingest } from '../../src/ingest/index.js';
import { MAX_ARTICLE_BYTES } from '../../src/data-layout.js';
import { loadLexicon } from '../../src/lexicon.js';
import { POSTED_ARTICLE, SEEDS_DIR, seededApp, seededDb, TEST_AUTH, TEST_KEY, tempDir, writableApp } from '../helpers/seeded-db.js';

type Claim = { id: string; sourceId: string; text: string; span: { start: number; end: number }; factIds: string[] };
type Written = { status: string; source: { id: string; claimCount: number; url: string | null; title: string | null; publishedAt: string | null }; claims: Claim[]; facts: Array<{ id: string; claimIds: string[] }> };


/** Topic and entity counts as stored, and as counting the corpus again gives them. */
function countsStoredAndCounted(db: Db): { stored: unknown[]; counted: unknown[] } {
  const onEvent = 'source_seq NOT IN (SELECT seq FROM sources WHERE off_event IS NOT NULL)';
  return {
    stored: [
      ...db.prepare('SELECT slug AS id, claim_count AS claims, source_count AS sources FROM topics ORDER BY slug').all(),
      ...db.prepare('SELECT id, mention_count AS claims, source_count AS sources FROM entities ORDER BY id').all(),
    ],
    counted: [
      ...db
        .prepare(
          `SELECT slug AS id, (SELECT COUNT(*) FROM claim_topics WHERE topic_slug = slug AND ${onEvent}) AS claims,
                  (SELECT COUNT(DISTINCT source_seq) FROM claim_topics WHERE topic_slug = slug AND ${onEvent}) AS sources FROM topics ORDER BY slug`,
        )
        .all(),
      ...db
        .prepare(
          `SELECT id, (SELECT COUNT(*) FROM claim_entities WHERE entity_id = entities.id) AS claims,
                  (SELECT COUNT(DISTINCT source_seq) FROM claim_entities WHERE entity_id = entities.id) AS sources FROM entities ORDER BY id`,
        )
        .all(),
    ],
  };
}

/** Each fact's claims, with their sources. */
function claimGroups(db: Db): Array<Array<{ id: string; sourceId: string }>> {
  const rows = db.prepare('SELECT k.fact_id AS factId, c.id, c.source_id AS sourceId FROM claim_facts k JOIN claims c ON c.id = k.claim_id ORDER BY 1, 2').all() as Array<{ factId: string; id: string; sourceId: string }>;
  const groups = new Map<string, Array<{ id: string; sourceId: string }>>();
  for (const { factId, id, sourceId } of rows) groups.set(factId, [...(groups.get(factId) ?? []), { id, sourceId }]);
  return [...groups.values()];
}

t.test('a posted source joins the stored facts without regrouping them: every stored fact keeps its claims', async (t) => {
  const { app, writerDb } = await writableApp(t);
  const text = readFileSync(join(SEEDS_DIR, '003_1b70bdfd4247b37f.txt'), 'utf8');
  await app.inject({ method: 'DELETE', url: `/sources/${sourceIdFor(text)}`, headers: TEST_AUTH });
  const before = claimGroups(writerDb);
  const created = await app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text } });
  t.equal(created.statusCode, 201);
  const after = claimGroups(writerDb);
  const added = new Set(created.json<Written>().claims.map((claim) => claim.id));
  const storedOnly = (group: Array<{ id: string }>) => group.map((claim) => claim.id).filter((id) => !added.has(id)).sort();
  const grown = after.map(storedOnly).filter((group) => group.length > 0).sort();
  const beforeIds = before.map((group) => group.map((claim) => claim.id).sort()).sort();
  // A stored fact may only grow; a new fact is the new source's claims with stored claims of no fact.
  const groupedBefore = new Set(before.flat().map((claim) => claim.id));
  for (const group of grown) {
    const wasFact = beforeIds.some((ids) => JSON.stringify(ids) === JSON.stringify(group));
    t.ok(wasFact || group.every((id) => !groupedBefore.has(id)), `stored claims ${group.join(', ')} moved only with new ones`);
  }
  t.ok(after.some((group) => group.some((claim) => added.has(claim.id))), 'the new claims join facts');
  const { stored, counted } = countsStoredAndCounted(writerDb);
  t.same(stored, counted, 'topic and entity counts take the new source in');
  t.equal((writerDb.prepare("SELECT value FROM ingest_state WHERE key = 'facts_stale'").get() as { value: string }).value, '0', 'facts are current');
  const grouped = (writerDb.prepare("SELECT value FROM ingest_state WHERE key = 'grouped_claims'").get() as { value: string }).value;
  t.equal(Number(grouped), (writerDb.prepare('SELECT COUNT(*) AS n FROM claims c JOIN sources s ON s.id = c.source_id WHERE s.off_event IS NULL').get() as { n: number }).n, 'every grouped claim is counted');
});

t.test('with no keys configured, every write answers 403 saying how to enable writes', async (t) => {
  const { app } = await seededApp(t);
  for (const [method, url] of [['POST', '/sources'], ['DELETE', '/sources/src_310b54533384b8b9']] as const) {
    const response = await app.inject({ method, url, headers: TEST_AUTH, payload: method === 'POST' ? { text: POSTED_ARTICLE } : undefined });
    t.equal(response.statusCode, 403, `${method} ${url}`);
    t.match(response.headers['content-type'], /^application\/problem\+json/);
    t.match(response.json(), { type: 'urn:summit-facts:problem:writes-disabled', status: 403, detail: /SUMMIT_FACTS_API_KEYS/ });
  }
  t.equal((await app.inject('/sources/src_310b54533384b8b9')).statusCode, 200, 'the source is still there');
});

t.test('POST /sources without a valid key is 401 with a Bearer challenge, before the body is read', async (t) => {
  const { app } = await writableApp(t);
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['no Authorization header', {}, /^Bearer realm="summit-facts"$/],
    ['another scheme', { authorization: `Basic ${Buffer.from(`user:${TEST_KEY}`).toString('base64')}` }, /^Bearer realm="summit-facts"$/],
    ['an empty bearer token', { authorization: 'Bearer ' }, /^Bearer realm="summit-facts"$/],
    ['a wrong key', { authorization: 'Bearer not-the-key-0123456789' }, /error="invalid_token"/],
    ['the key with one character more', { authorization: `Bearer ${TEST_KEY}x` }, /error="invalid_token"/],
    ['a prefix of the key', { authorization: `Bearer ${TEST_KEY.slice(0, -1)}` }, /error="invalid_token"/],
  ];
  for (const [name, headers, challenge] of cases) {
    // A body that would be a 415 proves authentication runs first.
    const response = await app.inject({ method: 'POST', url: '/sources', headers: { ...headers, 'content-type': 'text/plain' }, payload: 'x' });
    t.equal(response.statusCode, 401, name);
    t.match(response.headers['www-authenticate'], challenge, `${name}: challenge`);
    t.match(response.json(), { type: 'urn:summit-facts:problem:unauthorized', status: 401 });
    t.notMatch(response.body, TEST_KEY, `${name}: the key is not echoed`);
  }
  t.equal((await app.inject('/health')).json().sources, 5, 'nothing was written');
});

t.test('POST /sources ingests like the CLI: 201 with the source, its claims and facts; the same text again is 200', async (t) => {
  const { app, db } = await writableApp(t);
  const versionBefore = db.pragma('data_version', { simple: true });
  const created = await app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text: POSTED_ARTICLE } });
  t.equal(created.statusCode, 201);
  const body = created.json<Written>();
  t.equal(body.status, 'new');
  t.equal(body.source.id, sourceIdFor(POSTED_ARTICLE), 'the id derives from the text, as ingest derives it');
  t.equal(created.headers.location, `/sources/${body.source.id}`);
  t.equal(body.source.title, 'Leaders agree to keep talking', 'metadata read off the page');
  t.equal(body.source.claimCount, body.claims.length);
  t.ok(body.claims.length >= 2, `${body.claims.length} claims`);
  t.ok(body.claims.every((claim) => POSTED_ARTICLE.slice(claim.span.start, claim.span.end) === claim.text), 'every span slices the text');
  const factIds = [...new Set(body.claims.flatMap((claim) => claim.factIds))].sort();
  t.ok(factIds.length > 0, 'the claims join facts the seeds state');
  t.same(body.facts.map((fact) => fact.id).sort(), factIds, 'facts are the ones its claims joined');
  t.ok(body.facts.every((fact) => fact.claimIds.some((id) => body.claims.some((claim) => claim.id === id))));

  t.not(db.pragma('data_version', { simple: true }), versionBefore, 'the commit came from another connection than the read one');
  const served = (await app.inject(`/sources/${body.source.id}`)).json();
  t.same(served.claims.map((claim: Claim) => claim.id), body.claims.map((claim) => claim.id), 'readers see it at once');
  t.equal((await app.inject('/health')).json().sources, 6);

  const again = await app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text: POSTED_ARTICLE, title: 'Another title' } });
  t.equal(again.statusCode, 200);
  t.match(again.json(), { status: 'unchanged', source: { id: body.source.id, title: 'Leaders agree to keep talking' } });
  t.same(again.json().claims, body.claims);
  t.equal((await app.inject('/health')).json().sources, 6, 'nothing stored twice');
});

t.test('a source posted through the API is stored exactly as ingest stores the same file', async (t) => {
  const text = readFileSync(join(SEEDS_DIR, '002_8d3f540e1d07ad72.txt'), 'utf8');
  const { app, writerDb } = await writableApp(t);
  await app.inject({ method: 'DELETE', url: `/sources/${sourceIdFor(text)}`, headers: TEST_AUTH });
  const response = await app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text } });
  t.equal(response.statusCode, 201);
  const { db: reference } = await seededDb(t);
  const rows = (db: Db) => ({
    claims: db.prepare('SELECT id, span_start, span_end, text, speaker, quote, checkworthiness FROM claims WHERE source_id = ? ORDER BY seq').all(sourceIdFor(text)),
    topics: db.prepare('SELECT ct.claim_id, ct.topic_slug FROM claim_topics ct JOIN claims c ON c.id = ct.claim_id WHERE c.source_id = ? ORDER BY 1, 2').all(sourceIdFor(text)),
    mentions: db.prepare('SELECT ce.claim_id, ce.entity_id, ce.span_start FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id WHERE c.source_id = ? ORDER BY 1, 3').all(sourceIdFor(text)),
  });
  t.same(rows(writerDb), rows(reference));
});

t.test('stated metadata overrides the page, and survives re-extraction', async (t) => {
  const { app, writerDb } = await writableApp(t);
  const stated = { title: 'Stated title', publisher: 'Stated Wire', author: 'A. Writer', url: 'https://news.example/a?b=c', publishedAt: '2023-11-16' };
  const response = await app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text: POSTED_ARTICLE, ...stated } });
  t.equal(response.statusCode, 201);
  t.match(response.json().source, stated);

  // A changed lexicon re-extracts every source and rewrites the metadata it reads off the page.
  const { topics, entities, lexicon } = loadLexicon(SEEDS_DIR);
  t.equal(alignLexicon(new IngestStore(writerDb), { topics, entities }, lexicon, 'another lexicon'), 6);
  t.match((await app.inject(`/sources/${sourceIdFor(POSTED_ARTICLE)}`)).json(), stated);

  const partial = `${POSTED_ARTICLE}\n\nA second edition.`;
  const only = await app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text: partial, publisher: 'Only Publisher' } });
  t.match(only.json().source, { title: 'Leaders agree to keep talking', publisher: 'Only Publisher', url: null });
});

t.test('a posted url names the publisher when neither the request nor the page does, and survives re-extraction', async (t) => {
  const { app, writerDb } = await writableApp(t);
  const text = 'Ferry talks resume\n\nMayor Ona Lind said on Monday that ferry talks with Vell would resume in May.';
  const url = 'https://www.harbour-daily.example/ferry-talks';
  const response = await app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text, url } });
  t.equal(response.statusCode, 201);
  t.match(response.json().source, { publisher: 'harbour-daily.example', url });

  // A re-extraction reads the stored url again.
  const { topics, entities, lexicon } = loadLexicon(SEEDS_DIR);
  alignLexicon(new IngestStore(writerDb), { topics, entities }, lexicon, 'another lexicon');
  t.match((await app.inject(`/sources/${sourceIdFor(text)}`)).json(), { publisher: 'harbour-daily.example', url });
});

t.test('invalid input is a 400 naming the field', async (t) => {
  const { app } = await writableApp(t, { bodyLimit: 4 * MAX_ARTICLE_BYTES });
  const cases: Array<[string, unknown, string[]]> = [
    ['no text', { title: 'x' }, ['text']],
    ['empty text', { text: '' }, ['text']],
    ['blank text', { text: ' \n\t ' }, ['text']],
    ['text with NUL', { text: 'Biden said\u0000 yes.' }, ['text']],
    ['text with a lone surrogate', { text: 'Biden said \ud800 yes.' }, ['text']],
    ['text over the article limit', { text: 'a'.repeat(MAX_ARTICLE_BYTES + 1) }, ['text']],
    ['multi-byte text over the limit in bytes', { text: 'é'.repeat(MAX_ARTICLE_BYTES / 2 + 1) }, ['text']],
    ['text of another type', { text: 42 }, ['text']],
    ['a run of 1,001 characters without whitespace', { text: `Biden said ${'a'.repeat(1001)}` }, ['text']],
    ['an impossible date', { text: POSTED_ARTICLE, publishedAt: '2023-02-30' }, ['publishedAt']],
    ['a date with a time', { text: POSTED_ARTICLE, publishedAt: '2023-11-15T10:00:00Z' }, ['publishedAt']],
    ['a date in words', { text: POSTED_ARTICLE, publishedAt: 'yesterday' }, ['publishedAt']],
    ['an ftp URL', { text: POSTED_ARTICLE, url: 'ftp://files.example/a' }, ['url']],
    ['a javascript URL', { text: POSTED_ARTICLE, url: 'javascript:alert(1)' }, ['url']],
    ['a relative URL', { text: POSTED_ARTICLE, url: '/news/a' }, ['url']],
    ['a very long URL', { text: POSTED_ARTICLE, url: `https://news.example/${'a'.repeat(3000)}` }, ['url']],
    ['an empty title', { text: POSTED_ARTICLE, title: '  ' }, ['title']],
    ['a title with a newline', { text: POSTED_ARTICLE, title: 'one\ntwo' }, ['title']],
    ['a long author', { text: POSTED_ARTICLE, author: 'x'.repeat(201) }, ['author']],
    ['an unknown field', { text: POSTED_ARTICLE, fileName: '../../etc/passwd' }, ['fileName']],
    ['not an object', [POSTED_ARTICLE], ['body']],
    ['two bad fields', { text: '', url: 'mailto:a@b.example' }, ['text', 'url']],
  ];
  for (const [name, payload, fields] of cases) {
    const response = await app.inject({ method: 'POST', url: '/sources', headers: { ...TEST_AUTH, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    t.equal(response.statusCode, 400, name);
    t.match(response.headers['content-type'], /^application\/problem\+json/, `${name}: problem+json`);
    t.same(response.json().invalidParams?.map((param: { name: string }) => param.name), fields, `${name}: names ${fields}`);
  }
  t.equal((await app.inject('/health')).json().sources, 5, 'nothing was written');
});

t.test('413 over the body limit, 415 for another content type, 400 for broken JSON', async (t) => {
  const { app } = await writableApp(t, { bodyLimit: 64 * 1024 });
  const big = await app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text: 'a'.repeat(70 * 1024) } });
  t.equal(big.statusCode, 413);
  t.match(big.json(), { type: 'urn:summit-facts:problem:payload-too-large', status: 413, detail: /65536 bytes/ });

  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
    const response = await app.inject({ method: 'POST', url: '/sources', headers: { ...TEST_AUTH, 'content-type': type }, payload: 'text=hello' });
    t.equal(response.statusCode, 415, type);
    t.match(response.json(), { type: 'urn:summit-facts:problem:unsupported-media-type', status: 415 });
  }
  for (const payload of ['{"text": ', '', 'null', '{"text": "a", "__proto__": {"admin": true}}', '{"text": "a", "constructor": {"prototype": {"admin": true}}}']) {
    const response = await app.inject({ method: 'POST', url: '/sources', headers: { ...TEST_AUTH, 'content-type': 'application/json' }, payload });
    t.equal(response.statusCode, 400, JSON.stringify(payload));
    t.match(response.headers['content-type'], /^application\/problem\+json/);
  }
  t.equal(({} as { admin?: boolean }).admin, undefined, 'no prototype was polluted');
});

t.test('DELETE /sources/:id removes the source and its claims, and the facts it supported lose its claims and nothing else', async (t) => {
  const { app, writerDb } = await writableApp(t);
  const victim = sourceIdFor(readFileSync(join(SEEDS_DIR, '001_0fc584c56dec7d65.txt'), 'utf8'));
  const before = (await app.inject(`/sources/${victim}`)).json<{ claims: Claim[] }>();
  const groupsBefore = claimGroups(writerDb);
  const supported = [...new Set(before.claims.flatMap((claim) => claim.factIds))];

  const response = await app.inject({ method: 'DELETE', url: `/sources/${victim}`, headers: TEST_AUTH });
  t.equal(response.statusCode, 200);
  const deleted = response.json<{ id: string; claimsRemoved: number; factsRemoved: string[]; factsUpdated: Array<{ id: string; sourceIds: string[] }> }>();
  t.equal(deleted.id, victim);
  t.equal(deleted.claimsRemoved, before.claims.length);
  t.same([...deleted.factsRemoved, ...deleted.factsUpdated.map((fact) => fact.id)].sort(), supported.sort(), 'every fact it supported is accounted for');
  t.ok(deleted.factsUpdated.every((fact) => !fact.sourceIds.includes(victim) && fact.sourceIds.length >= 2));

  t.equal((await app.inject(`/sources/${victim}`)).statusCode, 404);
  t.equal((await app.inject(`/claims/${before.claims[0]!.id}`)).statusCode, 404);
  t.match((await app.inject('/health')).json(), { status: 'ok', sources: 4 });
  for (const table of ['claims', 'boilerplate']) {
    t.equal((writerDb.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE source_id = ?`).get(victim) as { n: number }).n, 0, `no ${table} left`);
  }
  t.equal((writerDb.prepare('SELECT COUNT(*) AS n FROM claims_fts').get() as { n: number }).n, (writerDb.prepare('SELECT COUNT(*) AS n FROM claims').get() as { n: number }).n, 'the full-text index lost its claims too');

  // No regrouping: each fact keeps its other claims, and one left with a single source goes.
  const sourceOf = new Map(before.claims.map((claim) => [claim.id, victim]));
  const expected = groupsBefore
    .map((group) => group.filter((claim) => !sourceOf.has(claim.id)))
    .filter((group) => new Set(group.map((claim) => claim.sourceId)).size >= 2)
    .map((group) => group.map((claim) => claim.id).sort())
    .sort();
  t.same(claimGroups(writerDb).map((group) => group.map((claim) => claim.id).sort()).sort(), expected);
  const { stored, counted } = countsStoredAndCounted(writerDb);
  t.same(stored, counted, 'topic and entity counts leave the source out');

  const missing = await app.inject({ method: 'DELETE', url: `/sources/${victim}`, headers: TEST_AUTH });
  t.equal(missing.statusCode, 404);
  t.match(missing.json(), { type: 'urn:summit-facts:problem:not-found' });
});

t.test('a write waits for an ingest that holds the database, and answers 503 with Retry-After when it waits too long', async (t) => {
  const { path } = await seededDb(t);
  const db = openDatabase(path, { readonly: true });
  const app = await buildApp({ db, apiKeys: [TEST_KEY], writer: { databasePath: path, lexiconDir: SEEDS_DIR, lockTimeoutMs: 300, busyTimeoutMs: 0 } });
  t.teardown(async () => {
    await app.close();
    db.close();
  });
  const other = openDatabase(path);
  t.teardown(() => {
    other.close();
  });

  other.exec('BEGIN IMMEDIATE');
  const started = Date.now();
  const waiting = app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text: POSTED_ARTICLE } });
  const health = await app.inject('/health');
  t.equal(health.statusCode, 200, 'reads go on while the write waits');
  const busy = await waiting;
  t.equal(busy.statusCode, 503);
  t.equal(busy.headers['retry-after'], '2');
  t.match(busy.json(), { type: 'urn:summit-facts:problem:unavailable', status: 503 });
  t.ok(Date.now() - started >= 250, 'it waited before giving up');

  setTimeout(() => other.exec('COMMIT'), 100);
  const later = await app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text: POSTED_ARTICLE } });
  t.equal(later.statusCode, 201, 'a write that outlasts the other writer goes through');
});

t.test("a write runs off the server's thread: reads sent while it extracts and regroups are answered first", async (t) => {
  const { app } = await writableApp(t);
  const finished: string[] = [];
  const write = app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text: POSTED_ARTICLE } }).then((response) => {
    finished.push('write');
    return response;
  });
  // /health is never cached: each one runs its queries, and each waits for the loop.
  for (let read = 0; read < 3; read++) {
    const health = await app.inject('/health');
    t.equal(health.statusCode, 200);
    finished.push('read');
  }
  t.equal((await write).statusCode, 201);
  t.same(finished, ['read', 'read', 'read', 'write'], 'the reads did not wait for the write');
  const after = await app.inject('/health');
  t.equal(after.json().sources, 6, 'and the next read sees it');
});

t.test('writes already sent finish before the writer closes; later ones are refused', async (t) => {
  const { app, writerDb } = await writableApp(t);
  const writer = app.sourceWriter!;
  const writes = [POSTED_ARTICLE, `${POSTED_ARTICLE}\n\nA second closing line.`].map((text) => writer.add({ text }));
  await writer.close();
  t.same((await Promise.all(writes)).map((written) => written.status), ['new', 'new']);
  t.equal((writerDb.prepare('SELECT COUNT(*) AS n FROM sources').get() as { n: number }).n, 7);
  await t.rejects(writer.add({ text: 'Too late.' }), /closed/);
});

t.test('a writer whose lexicon cannot be loaded stops the app from starting, saying why', async (t) => {
  const { path } = await seededDb(t);
  const db = openDatabase(path, { readonly: true });
  t.teardown(() => {
    db.close();
  });
  await t.rejects(buildApp({ db, apiKeys: [TEST_KEY], writer: { databasePath: path, lexiconDir: tempDir(t) } }), /writer thread could not start: .*taxonomy\.yaml/);
});

t.test('write routes refuse query parameters they do not take, naming each, and write nothing', async (t) => {
  const { app } = await writableApp(t);
  const posted = await app.inject({ method: 'POST', url: '/sources?dryRun=1', headers: TEST_AUTH, payload: { text: POSTED_ARTICLE } });
  t.equal(posted.statusCode, 400);
  t.match(posted.json(), { status: 400, invalidParams: [{ name: 'dryRun' }] });
  const deleted = await app.inject({ method: 'DELETE', url: '/sources/src_310b54533384b8b9?force=true', headers: TEST_AUTH });
  t.equal(deleted.statusCode, 400);
  t.match(deleted.json(), { status: 400, invalidParams: [{ name: 'force' }] });
  t.equal((await app.inject('/health')).json().sources, 5, 'nothing was written or removed');
});

t.test('a lexicon broken while the server runs refuses writes with a 503 problem and writes nothing', async (t) => {
  const lexiconDir = tempDir(t);
  for (const name of ['taxonomy.yaml', 'entities.yaml', 'event.yaml']) writeFileSync(join(lexiconDir, name), readFileSync(join(SEEDS_DIR, name)));
  const { app, path } = await writableApp(t);
  const readDb = openDatabase(path, { readonly: true });
  t.teardown(() => readDb.close());
  const app2 = await buildApp({ db: readDb, apiKeys: [TEST_KEY], writer: { databasePath: path, lexiconDir } });
  t.teardown(() => app2.close());
  writeFileSync(join(lexiconDir, 'taxonomy.yaml'), 'topics:\n  - slug: [unclosed\n');
  const response = await app2.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text: POSTED_ARTICLE } });
  t.equal(response.statusCode, 503);
  t.match(response.headers['content-type'], /^application\/problem\+json/);
  t.match(response.json(), { type: 'urn:summit-facts:problem:lexicon-unavailable', status: 503, detail: /nothing was written/ });
  t.notMatch(response.body, new RegExp(lexiconDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the server path stays in the log');
  t.equal((await app.inject('/health')).json().sources, 5, 'nothing was written');
});

import t from 'tap';
import { seededApp } from '../helpers/seeded-db.js';

type Claim = { id: string; sourceId: string; text: string; span: { start: number; end: number }; topics: string[]; speaker: string | null; quote: string | null; factIds: string[] };
type Page<T> = { items: T[]; nextCursor: string | null };

t.test('GET /claims?topic=fentanyl returns fentanyl claims from all five sources, each slicing back exactly', async (t) => {
  const { app } = await seededApp(t);
  const response = await app.inject('/claims?topic=fentanyl&limit=100');
  t.equal(response.statusCode, 200);
  t.match(response.headers['content-type'], /^application\/json/);
  const page = response.json<Page<Claim>>();
  t.equal(page.nextCursor, null);
  t.equal(new Set(page.items.map((claim) => claim.sourceId)).size, 5);
  t.ok(page.items.every((claim) => claim.topics.includes('fentanyl')));
  const texts = new Map<string, string>();
  for (const claim of page.items) {
    if (!texts.has(claim.sourceId)) texts.set(claim.sourceId, (await app.inject(`/sources/${claim.sourceId}`)).json<{ text: string }>().text);
    t.equal(texts.get(claim.sourceId)!.slice(claim.span.start, claim.span.end), claim.text, `span of ${claim.id}`);
  }
  t.ok(page.items.some((claim) => /precursor chemicals/.test(claim.text)));
  t.notOk(page.items.some((claim) => /Share This Article|Follow Radar Asia|Getty Images/.test(claim.text)), 'no page furniture');
});

t.test('pagination walks every claim once, in order', async (t) => {
  const { app, db } = await seededApp(t);
  const total = (db.prepare('SELECT COUNT(*) AS n FROM claims').get() as { n: number }).n;
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/claims?limit=7${cursor ? `&cursor=${cursor}` : ''}`;
    const page: Page<Claim> = (await app.inject(url)).json();
    t.ok(page.items.length <= 7);
    seen.push(...page.items.map((claim) => claim.id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  t.equal(seen.length, total);
  t.equal(new Set(seen).size, total, 'no claim served twice');
  t.equal(pages, Math.ceil(total / 7));
});

t.test('filters combine: source, speaker, q, factId', async (t) => {
  const { app } = await seededApp(t);
  const sources = (await app.inject('/sources')).json<Page<{ id: string; title: string | null }>>().items;
  const radarAsia = sources[4]!.id;
  const bySource = (await app.inject(`/claims?source=${radarAsia}&limit=100`)).json<Page<Claim>>();
  t.ok(bySource.items.length > 10);
  t.ok(bySource.items.every((claim) => claim.sourceId === radarAsia));

  const xi = (await app.inject('/claims?speaker=xi%20jinping&limit=100')).json<Page<Claim>>();
  t.ok(xi.items.length >= 3);
  t.ok(xi.items.every((claim) => claim.speaker === 'Xi Jinping'), 'speaker matches case-insensitively');

  const search = (await app.inject('/claims?q=balloon&limit=100')).json<Page<Claim>>();
  t.ok(search.items.length >= 3);
  t.ok(search.items.every((claim) => /balloon/i.test(claim.text)));

  const hostile = await app.inject('/claims?q=' + encodeURIComponent('balloon" OR NEAR( *'));
  t.equal(hostile.statusCode, 200, 'FTS5 syntax in q is searched as words, never parsed');

  const facts = (await app.inject('/facts?minSources=2')).json<Page<{ id: string; claimIds: string[] }>>();
  const fact = facts.items[0]!;
  const byFact = (await app.inject(`/claims?factId=${fact.id}&limit=100`)).json<Page<Claim>>();
  t.same(byFact.items.map((claim) => claim.id).sort(), [...fact.claimIds].sort());
});

t.test('GET /claims/:id returns one claim; an unknown id is 404 problem details', async (t) => {
  const { app } = await seededApp(t);
  const first = (await app.inject('/claims?limit=1')).json<Page<Claim>>().items[0]!;
  const one = await app.inject(`/claims/${first.id}`);
  t.equal(one.statusCode, 200);
  t.same(one.json(), first);
  const missing = await app.inject('/claims/clm_0000000000000000');
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /^application\/problem\+json/);
  t.match(missing.json(), { status: 404, title: 'Not found', detail: /clm_0000000000000000/ });
});

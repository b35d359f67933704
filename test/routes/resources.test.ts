import t from 'tap';
import { seededApp } from '../helpers/seeded-db.js';

type Page<T> = { items: T[]; nextCursor: string | null };

t.test('GET /topics lists the taxonomy with counts; /topics/:slug gets one', async (t) => {
  const { app } = await seededApp(t);
  const page = (await app.inject('/topics?limit=100')).json<Page<{ slug: string; label: string; claimCount: number; sourceCount: number }>>();
  t.equal(page.items[0]!.slug, 'military-communication');
  const fentanyl = page.items.find((topic) => topic.slug === 'fentanyl')!;
  t.equal(fentanyl.sourceCount, 5);
  t.ok(fentanyl.claimCount >= 5);
  const one = await app.inject('/topics/fentanyl');
  t.equal(one.statusCode, 200);
  t.same(one.json(), { ...fentanyl, description: one.json().description });
  t.equal((await app.inject('/topics/not-a-topic')).statusCode, 404);

  const first = (await app.inject('/topics?limit=2')).json<Page<{ slug: string }>>();
  const second = (await app.inject(`/topics?limit=2&cursor=${first.nextCursor}`)).json<Page<{ slug: string }>>();
  t.same([...first.items, ...second.items].map((topic) => topic.slug), page.items.slice(0, 4).map((topic) => topic.slug));
});

t.test('GET /sources states the metadata the pages give; /sources/:id adds text, boilerplate and claims', async (t) => {
  const { app } = await seededApp(t);
  const sources = (await app.inject('/sources')).json<Page<Record<string, unknown>>>();
  t.equal(sources.items.length, 5);
  t.match(sources.items[0], { title: 'US and China agree to resume military communication', publisher: 'Baltic News Network', author: null, fileName: '000_19a2db4b57ab717a.txt' });
  t.match(sources.items[4], { publisher: 'Radar Asia', publishedAt: '2023-11-17' });
  t.match(sources.items[2], { author: 'Bruce Belcher' });

  const detail = (await app.inject(`/sources/${sources.items[0]!.id}`)).json<{
    text: string;
    claimCount: number;
    boilerplate: Array<{ text: string; reason: string; span: { start: number; end: number } }>;
    claims: Array<{ text: string; span: { start: number; end: number } }>;
  }>();
  t.match(detail.text, /^US and China agree to resume military communication – Baltic News Network\n/);
  t.equal(detail.claims.length, detail.claimCount);
  t.same(
    detail.boilerplate.map((line) => [line.text, line.reason]),
    [
      [' – Baltic News Network', 'publisher-suffix'],
      ['3 Min Read', 'read-time'],
      ['Share This Article', 'share-widget'],
      ['By admin', 'byline'],
      ['test bio', 'site-chrome'],
      ['Leave a comment', 'comment-widget'],
      ['Please login to use this feature.', 'comment-widget'],
    ],
  );
  t.ok(detail.boilerplate.every((line) => detail.text.slice(line.span.start, line.span.end) === line.text));
  t.equal((await app.inject('/sources/src_0000000000000000')).statusCode, 404);
});

t.test('GET /facts ranks by distinct sources; /facts/:id shows each wording side by side', async (t) => {
  const { app } = await seededApp(t);
  const facts = (await app.inject('/facts?limit=100')).json<Page<{ id: string; statement: string; sourceIds: string[]; claimIds: string[]; sourceCount: number; topics: string[] }>>();
  t.ok(facts.items.length > 0);
  const counts = facts.items.map((fact) => fact.sourceCount);
  t.same(counts, [...counts].sort((a, b) => b - a), 'most corroborated first');
  t.ok(facts.items.every((fact) => fact.sourceCount === fact.sourceIds.length && fact.sourceCount >= 2));

  const top = facts.items[0]!;
  const detail = (await app.inject(`/facts/${top.id}`)).json<{ wordings: Array<{ sourceId: string; claims: Array<{ id: string; text: string }> }>; statement: string }>();
  t.same(detail.wordings.map((wording) => wording.sourceId), top.sourceIds);
  t.ok(detail.wordings.flatMap((wording) => wording.claims).some((claim) => claim.text === detail.statement), 'the statement is one of the wordings');

  const three = (await app.inject('/facts?minSources=3&limit=100')).json<Page<{ sourceCount: number }>>();
  t.same(three.items.length, facts.items.filter((fact) => fact.sourceCount >= 3).length);
  const middleEast = (await app.inject('/facts?topic=middle-east')).json<Page<{ topics: string[] }>>();
  t.ok(middleEast.items.every((fact) => fact.topics.includes('middle-east')));
  t.equal((await app.inject('/facts/fct_0000000000000000')).statusCode, 404);
});

t.test('GET /health, /docs and /openapi.json', async (t) => {
  const { app } = await seededApp(t);
  const health = await app.inject('/health');
  t.equal(health.statusCode, 200);
  t.match(health.json(), { status: 'ok', sources: 5 });
  const docs = await app.inject('/docs/');
  t.equal(docs.statusCode, 200);
  t.match(docs.headers['content-type'], /text\/html/);
  const spec = (await app.inject('/openapi.json')).json<{ paths: Record<string, unknown> }>();
  t.same(Object.keys(spec.paths).sort(), [
    '/changes', '/changes/stream', '/claims', '/claims.csv', '/claims.ndjson', '/claims/{id}', '/discrepancies', '/entities', '/entities/{id}', '/facts', '/facts.csv', '/facts.ndjson',
    '/facts/{id}', '/health', '/sources', '/sources.csv', '/sources.ndjson', '/sources/{id}', '/topics', '/topics/{slug}',
  ]);
});

t.test('GET /discrepancies lists the facts whose sources give different values, each value pointing at its words', async (t) => {
  const { app, db } = await seededApp(t);
  type Occurrence = { sourceId: string; claimId: string; span: { start: number; end: number } };
  type Variant = { kind: string; values: Array<{ value: string; sourceCount: number; claimCount: number; occurrences: Occurrence[] }> };
  type Fact = { id: string; sourceCount: number; claimCount: number; sourceIds: string[]; claimIds: string[]; variants: Variant[] };
  const all = (await app.inject('/discrepancies?limit=100')).json<Page<Fact>>();
  t.ok(all.items.length > 0, 'the seeds disagree somewhere');
  const texts = new Map((db.prepare('SELECT id, text FROM sources').all() as Array<{ id: string; text: string }>).map((row) => [row.id, row.text]));
  for (const fact of all.items) {
    t.ok(fact.variants.length > 0, `${fact.id} has variants`);
    t.equal(fact.claimIds.length, Math.min(fact.claimCount, 20), `${fact.id}: every claim listed while there are 20 or fewer`);
    for (const variant of fact.variants) {
      t.ok(variant.values.length >= 2, `${fact.id} ${variant.kind}: two values or more`);
      const sources = new Set(variant.values.flatMap((value) => value.occurrences.map((occurrence) => occurrence.sourceId)));
      t.ok(sources.size >= 2, `${fact.id} ${variant.kind}: values from two sources or more`);
      for (const value of variant.values) {
        t.ok(value.occurrences.length >= 1 && value.occurrences.length <= 5, 'the first occurrences, five at most');
        if (value.occurrences.length < 5) {
          t.equal(value.sourceCount, new Set(value.occurrences.map((occurrence) => occurrence.sourceId)).size, 'few occurrences: every source is listed');
          t.equal(value.claimCount, new Set(value.occurrences.map((occurrence) => occurrence.claimId)).size, 'few occurrences: every claim is listed');
        }
        for (const occurrence of value.occurrences) {
          t.ok(fact.claimIds.includes(occurrence.claimId), 'the value comes from a claim of the fact');
          const words = texts.get(occurrence.sourceId)!.slice(occurrence.span.start, occurrence.span.end);
          if (variant.kind === 'place' || variant.kind === 'number' || variant.kind === 'date') {
            t.ok(words.length > 0 && words.length < 40, `${variant.kind} span covers the words: ${words}`);
          }
        }
      }
    }
  }
  const counts = all.items.map((fact) => fact.sourceCount);
  t.same(counts, [...counts].sort((a, b) => b - a), 'most corroborated first');

  // The kind filter serves, in the same order, the facts of the full list that vary in that kind.
  const kinds = [...new Set(all.items.flatMap((fact) => fact.variants.map((variant) => variant.kind)))];
  t.ok(kinds.length > 0, 'some kind varies');
  for (const kind of kinds) {
    const ofKind = (await app.inject(`/discrepancies?kind=${kind}&limit=100`)).json<Page<Fact>>();
    t.same(
      ofKind.items.map((fact) => fact.id),
      all.items.filter((fact) => fact.variants.some((variant) => variant.kind === kind)).map((fact) => fact.id),
      `kind=${kind}`,
    );
  }
  const placeValues = all.items.flatMap((fact) => fact.variants.filter((variant) => variant.kind === 'place').flatMap((variant) => variant.values.map((value) => value.value)));
  t.notOk(placeValues.includes('United States'), 'the countries that meet are the setting, not a variant');

  // The fact endpoint serves the same variants.
  const one = (await app.inject(`/facts/${all.items[0]!.id}`)).json<Fact>();
  t.same(one.variants, all.items[0]!.variants);

  const first = (await app.inject('/discrepancies?limit=2')).json<Page<Fact>>();
  const second = (await app.inject(`/discrepancies?limit=2&cursor=${first.nextCursor}`)).json<Page<Fact>>();
  t.same([...first.items, ...second.items].map((fact) => fact.id), all.items.slice(0, 4).map((fact) => fact.id), 'pages follow on');
});

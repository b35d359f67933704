import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { entityIdFor } from '../../src/db/ingest.js';
import { migrate } from '../../src/db/migrate.js';
import { openDatabase } from '../../src/db/open.js';
import { INVENTED_ARTICLES, writeInventedCorpus } from '../helpers/invented-corpus.js';
import { tempDir, TEST_KEY, writableApp } from '../helpers/seeded-db.js';

type FacetValue = { value: string; label: string | null; count: number };
type Facet = { values: FacetValue[]; valueCount: number; truncated: boolean };
type Faceted = { items: Array<{ id: string }>; nextCursor: string | null; facets?: Record<string, Facet> };

const ALL_FACETS = 'facet=topic&facet=speaker&facet=source&facet=entity';

/**
 * The invented corpus (test/helpers/invented-corpus.ts), with three facts written as grouping would:
 * every count below can be checked by reading the articles there.
 */
async function inventedApp(t: { teardown: (fn: () => void | Promise<void>) => void }, { lastSignatureId }: { lastSignatureId?: number } = {}) {
  const db = openDatabase(join(tempDir(t), 'invented.db'));
  migrate(db);
  // A signature no claim carries, so that the corpus's own are numbered on from it (migration 018).
  const store = writeInventedCorpus(db, undefined, () => {
    if (lastSignatureId !== undefined) db.prepare('INSERT INTO facet_signatures (id, speaker, key_set) VALUES (?, NULL, -1)').run(lastSignatureId);
  });
  const stored = store.factCandidates();
  const claim = (article: number, index: number) => stored.candidates.find((candidate) => candidate.text === INVENTED_ARTICLES[article]!.claims[index]!.text)!;
  const fact = (id: string, topics: string[], claims: Array<ReturnType<typeof claim>>) => ({
    id,
    statement: claims[0]!.text,
    topics,
    claimIds: claims.map((one) => one.id),
    sourceIds: [...new Set(claims.map((one) => one.sourceId))],
    variants: [],
  });
  store.writeFacts(
    [
      fact('fct_0000000000000001', ['ferry'], [claim(0, 0), claim(1, 1)]),
      fact('fct_0000000000000002', ['ferry', 'budget'], [claim(0, 1), claim(1, 0)]),
      fact('fct_0000000000000003', ['harbour'], [claim(0, 2)]),
    ],
    stored,
  );
  const app = await buildApp({ db });
  t.teardown(async () => {
    await app.close();
    db.close();
  });
  const sources = (await app.inject('/sources')).json<{ items: Array<{ id: string; title: string }> }>().items;
  const source = (title: string) => sources.find((one) => one.title === title)!.id;
  return { app, db, a: source('Kelmsby votes for a night ferry'), b: source('Ferry costs questioned'), c: source('A ferry elsewhere') };
}

const topics = (...pairs: Array<[string, number]>) => pairs.map(([value, count]) => ({ value, label: value[0]!.toUpperCase() + value.slice(1), count }));
const speakers = (...pairs: Array<[string, number]>) => pairs.map(([value, count]) => ({ value, label: null, count }));
const entity = (name: string, kind: 'person' | 'place' | 'organisation', count: number) => ({ value: entityIdFor(kind, name), label: name, count });
const whole = (values: FacetValue[]): Facet => ({ values, valueCount: values.length, truncated: false });

/** Every facet of the invented corpus under each filter, as the articles give them. */
function inventedCases({ a, b, c }: { a: string; b: string; c: string }): Array<[string, Record<string, FacetValue[]>]> {
  const source = (id: string, count: number) => ({
    value: id,
    label: { [a]: 'Kelmsby votes for a night ferry', [b]: 'Ferry costs questioned', [c]: 'A ferry elsewhere' }[id]!,
    count,
  });
  const kelmsby = (count: number) => entity('Kelmsby', 'place', count);
  const ada = (count: number) => entity('Ada Brenner', 'person', count);
  const port = (count: number) => entity('Port Authority', 'organisation', count);

  const cases: Array<[string, Record<string, FacetValue[]>]> = [
    // Five claims on the event. Speakers are counted as the filter matches them, case aside; ties go by
    // name, entities by name, sources in list order, topics in taxonomy order (harbour, ferry, budget).
    [
      '/claims',
      {
        topic: topics(['ferry', 3], ['budget', 2], ['harbour', 1]),
        speaker: speakers(['Ada Brenner', 2], ['Tom Reyes', 2]),
        source: [source(a, 3), source(b, 2)],
        entity: [kelmsby(2), ada(1), port(1)],
      },
    ],
    [
      '/claims?offEvent=include',
      {
        topic: topics(['ferry', 4], ['budget', 2], ['harbour', 1]),
        speaker: speakers(['Ada Brenner', 3], ['Tom Reyes', 2]),
        source: [source(a, 3), source(b, 2), source(c, 1)],
        entity: [kelmsby(3), ada(1), port(1)],
      },
    ],
    ['/claims?offEvent=only', { topic: topics(['ferry', 1]), speaker: speakers(['Ada Brenner', 1]), source: [source(c, 1)], entity: [kelmsby(1)] }],
    [
      '/claims?topic=ferry',
      { topic: topics(['ferry', 3], ['budget', 1]), speaker: speakers(['Ada Brenner', 1], ['Tom Reyes', 1]), source: [source(a, 2), source(b, 1)], entity: [kelmsby(2), ada(1), port(1)] },
    ],
    ['/claims?speaker=ADA%20BRENNER', { topic: topics(['harbour', 1], ['ferry', 1]), speaker: speakers(['Ada Brenner', 2]), source: [source(a, 2)], entity: [kelmsby(1)] }],
    [
      '/claims?entity=kelmsby',
      { topic: topics(['ferry', 2]), speaker: speakers(['Ada Brenner', 1], ['Tom Reyes', 1]), source: [source(a, 1), source(b, 1)], entity: [kelmsby(2), ada(1)] },
    ],
    [
      `/claims?source=${b}`,
      { topic: topics(['ferry', 1], ['budget', 1]), speaker: speakers(['Tom Reyes', 2]), source: [source(b, 2)], entity: [ada(1), kelmsby(1)] },
    ],
    [
      '/claims?q=said',
      {
        topic: topics(['ferry', 2], ['harbour', 1], ['budget', 1]),
        speaker: speakers(['Ada Brenner', 2], ['Tom Reyes', 2]),
        source: [source(a, 2), source(b, 2)],
        entity: [kelmsby(2), ada(1)],
      },
    ],
    [
      '/claims?minCheckworthiness=0.75',
      { topic: topics(['ferry', 2]), speaker: speakers(['Ada Brenner', 1], ['Tom Reyes', 1]), source: [source(a, 1), source(b, 1)], entity: [kelmsby(2), ada(1)] },
    ],
    ['/claims?topic=ferry&speaker=tom%20reyes', { topic: topics(['ferry', 1]), speaker: speakers(['Tom Reyes', 1]), source: [source(b, 1)], entity: [ada(1), kelmsby(1)] }],
    ['/claims?topic=harbour&offEvent=only', { topic: [], speaker: [], source: [], entity: [] }],
  ];
  return cases;
}

t.test('facets count every claim the filters select, with exact values on the invented corpus', async (t) => {
  const { app, ...sources } = await inventedApp(t);
  for (const [path, expected] of inventedCases(sources)) {
    const response = await app.inject(`${path}${path.includes('?') ? '&' : '?'}${ALL_FACETS}`);
    t.equal(response.statusCode, 200, path);
    t.same(response.json<Faceted>().facets, Object.fromEntries(Object.entries(expected).map(([name, values]) => [name, whole(values)])), path);
  }
});

t.test('signatures numbered across the surrogates and past the first 65,536 code points count the same', async (t) => {
  // [the last signature stored before the corpus is written (none), the first id the corpus's signatures take]
  const cases: Array<[number | undefined, number]> = [
    [undefined, 256],
    // 55,296 to 57,343 are surrogates, which no character is: the second signature skips them.
    [55294, 55295],
    [65534, 65535],
    [1114000, 1114001],
  ];
  for (const [lastSignatureId, firstId] of cases) {
    const { app, db, ...sources } = await inventedApp(t, { lastSignatureId });
    const ids = (db.prepare('SELECT id FROM facet_signatures WHERE key_set >= 0 ORDER BY id').all() as Array<{ id: number }>).map((row) => row.id);
    t.equal(ids[0], firstId, `after ${lastSignatureId}: the first signature`);
    t.notOk(ids.some((id) => id >= 55296 && id <= 57343), `after ${lastSignatureId}: no surrogate`);
    for (const [path, expected] of inventedCases(sources)) {
      const response = await app.inject(`${path}${path.includes('?') ? '&' : '?'}${ALL_FACETS}`);
      t.same(response.json<Faceted>().facets, Object.fromEntries(Object.entries(expected).map(([name, values]) => [name, whole(values)])), `after ${lastSignatureId}: ${path}`);
    }
  }
});

t.test('facetSize cuts each facet to the most frequent values and says how many there are', async (t) => {
  const { app } = await inventedApp(t);
  const page = (await app.inject('/claims?facet=topic&facet=entity&facetSize=1')).json<Faceted>();
  t.same(page.facets, {
    topic: { values: topics(['ferry', 3]), valueCount: 3, truncated: true },
    entity: { values: [entity('Kelmsby', 'place', 2)], valueCount: 3, truncated: true },
  });
  const exact = (await app.inject('/claims?facet=speaker&facetSize=2')).json<Faceted>();
  t.same(exact.facets, { speaker: { values: speakers(['Ada Brenner', 2], ['Tom Reyes', 2]), valueCount: 2, truncated: false } }, 'as many values as asked is not truncated');
});

t.test('facets only when asked, in one answer with the page, the same on every page', async (t) => {
  const { app } = await inventedApp(t);
  t.notOk('facets' in (await app.inject('/claims')).json<Faceted>(), 'no facet asked, no facets key');
  const first = (await app.inject(`/claims?limit=2&${ALL_FACETS}`)).json<Faceted>();
  t.equal(first.items.length, 2);
  const second = (await app.inject(`/claims?limit=2&${ALL_FACETS}&cursor=${first.nextCursor}`)).json<Faceted>();
  const last = (await app.inject(`/claims?limit=2&${ALL_FACETS}&cursor=${second.nextCursor}`)).json<Faceted>();
  t.equal(last.nextCursor, null);
  t.same([...first.items, ...second.items, ...last.items].map((item) => item.id), (await app.inject('/claims')).json<Faceted>().items.map((item) => item.id), 'the pages are the list');
  t.same(second.facets, first.facets, 'the second page counts what the first does');
  t.same(last.facets, first.facets, 'and so does the last');
  const repeated = (await app.inject('/claims?facet=topic&facet=topic')).json<Faceted>();
  t.same(Object.keys(repeated.facets!), ['topic'], 'a facet asked twice is counted once');
});

t.test('/facts?facet=topic counts the facts the filters select', async (t) => {
  const { app } = await inventedApp(t);
  const facts = async (query: string) => (await app.inject(`/facts?facet=topic${query}`)).json<Faceted>().facets;
  t.same(await facts(''), { topic: whole(topics(['ferry', 2], ['harbour', 1], ['budget', 1])) });
  t.same(await facts('&minSources=2'), { topic: whole(topics(['ferry', 2], ['budget', 1])) }, 'a fact of one source is left out, as the list leaves it');
  t.same(await facts('&topic=budget'), { topic: whole(topics(['ferry', 1], ['budget', 1])) }, 'within a topic, the other topics of its facts');
  t.same(await facts('&topic=harbour&minSources=2'), { topic: whole([]) });
  t.same(await facts('&facetSize=1'), { topic: { values: topics(['ferry', 2]), valueCount: 3, truncated: true } });
});

t.test('a facet the operation cannot count, or a size without a facet, is a 400 problem naming the parameter', async (t) => {
  const { app } = await inventedApp(t);
  const cases: Array<[string, string, RegExp]> = [
    ['/claims?facet=speakr', 'facet', /^unknown facet "speakr": this operation counts topic, speaker, source, entity$/],
    ['/claims?facet=topic&facet=places&facet=when', 'facet', /^unknown facet "places", "when": /],
    ['/claims?facet=', 'facet', /^unknown facet "": /],
    ['/facts?facet=speaker', 'facet', /^unknown facet "speaker": this operation counts topic$/],
    ['/facts?facet=topic&facet=entity', 'facet', /^unknown facet "entity": this operation counts topic$/],
    ['/claims?facetSize=5', 'facetSize', /^sizes the facets asked for: add facet/],
    ['/facts?facetSize=5', 'facetSize', /^sizes the facets asked for: add facet/],
    ['/claims?facet=topic&facetSize=0', 'facetSize', /expected number to be >=1/],
    ['/claims?facet=topic&facetSize=101', 'facetSize', /expected number to be <=100/],
    ['/claims?facet=topic&facetSize=ten', 'facetSize', /expected number/],
    ['/claims.csv?facet=topic', 'facet', /^unknown query parameter/],
    ['/discrepancies?facet=topic', 'facet', /^unknown query parameter/],
  ];
  for (const [url, name, reason] of cases) {
    const response = await app.inject(url);
    t.equal(response.statusCode, 400, url);
    t.match(response.headers['content-type'], /^application\/problem\+json/, `${url} is problem details`);
    const problem = response.json<{ status: number; instance: string; invalidParams: Array<{ name: string; reason: string }> }>();
    t.match(problem, { type: 'urn:summit-facts:problem:invalid-parameter', status: 400, instance: url }, `${url} shape`);
    t.same(problem.invalidParams.map((param) => param.name), [name], `${url} names ${name}`);
    t.match(problem.invalidParams[0]!.reason, reason, `${url} says why`);
  }
});

/** Invented local news, off the seeds' event: its claims are listed only when offEvent asks. */
const UNRELATED = [
  'Harbour town votes for a night ferry',
  '',
  'The town council of Kelmsby voted 9 to 2 on Monday to run a night ferry across the estuary from May.',
  '',
  'Councillor Ada Brenner said the service would help shift workers at the port, the council said.',
].join('\n');

type ListedClaim = { id: string; sourceId: string; topics: string[]; speaker: string | null; entities: Array<{ id: string; name: string }> };

/** SQLite's BINARY order (UTF-8 bytes), and the folding NOCASE adds to it (ASCII letters only): names sort case aside. */
const binary = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
const foldCase = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());

/** A facet as counting the listed claims gives it: most first, ties by `tie`. */
function countedFacet(values: Array<{ key: string; value: string; label: string | null }>, tie: (a: FacetValue, b: FacetValue) => number): FacetValue[] {
  const counted = new Map<string, FacetValue>();
  for (const { key, value, label } of values) {
    const known = counted.get(key);
    if (known) {
      known.count += 1;
      if (binary(value, known.value) < 0) known.value = value;
    } else counted.set(key, { value, label, count: 1 });
  }
  return [...counted.values()].sort((a, b) => b.count - a.count || tie(a, b));
}

t.test("over the seeds, each facet is a count of the list's own claims, for every filter and pair of filters", async (t) => {
  const { app } = await writableApp(t);
  const posted = await app.inject({ method: 'POST', url: '/sources', headers: { authorization: `Bearer ${TEST_KEY}` }, payload: { text: UNRELATED } });
  t.equal(posted.statusCode, 201, 'an off-event source is added');

  const every = async <T>(path: string): Promise<T[]> => {
    const items: T[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: { items: T[]; nextCursor: string | null } = (await app.inject(`${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json();
      items.push(...page.items);
      cursor = page.nextCursor;
    }
    return items;
  };
  const taxonomy = (await every<{ slug: string }>('/topics')).map((topic) => topic.slug);
  const sources = await every<{ id: string; title: string | null }>('/sources');
  const titles = new Map(sources.map((source) => [source.id, source.title]));
  const expected = (claims: ListedClaim[]): Record<string, FacetValue[]> => ({
    topic: countedFacet(
      claims.flatMap((claim) => claim.topics.map((slug) => ({ key: slug, value: slug, label: slug }))),
      (a, b) => taxonomy.indexOf(a.value) - taxonomy.indexOf(b.value),
    ),
    speaker: countedFacet(
      claims.flatMap((claim) => (claim.speaker === null ? [] : [{ key: foldCase(claim.speaker), value: claim.speaker, label: null }])),
      (a, b) => binary(foldCase(a.value), foldCase(b.value)),
    ),
    source: countedFacet(
      claims.map((claim) => ({ key: claim.sourceId, value: claim.sourceId, label: titles.get(claim.sourceId) ?? null })),
      (a, b) => sources.findIndex((source) => source.id === a.value) - sources.findIndex((source) => source.id === b.value),
    ),
    entity: countedFacet(
      claims.flatMap((claim) => [...new Map(claim.entities.map((entity) => [entity.id, entity])).values()].map((entity) => ({ key: entity.id, value: entity.id, label: entity.name }))),
      (a, b) => binary(foldCase(a.label!), foldCase(b.label!)),
    ),
  });
  const labels = new Map((await every<{ slug: string; label: string }>('/topics')).map((topic) => [topic.slug, topic.label]));
  const withTopicLabels = (facets: Record<string, FacetValue[]>) => ({ ...facets, topic: facets.topic!.map((value) => ({ ...value, label: labels.get(value.value)! })) });

  const factId = (await every<{ id: string; sourceCount: number }>('/facts?minSources=2'))[0]!.id;
  const filters: Record<string, string> = {
    topic: 'fentanyl',
    source: sources[0]!.id,
    speaker: 'joe%20biden',
    factId,
    q: 'military',
    entity: 'China',
    minCheckworthiness: '0.5',
  };
  const names = Object.keys(filters);
  const combinations: string[][] = [[], ...names.map((name) => [name]), ...names.flatMap((first, index) => names.slice(index + 1).map((second) => [first, second]))];
  let compared = 0;
  for (const offEvent of ['exclude', 'include', 'only']) {
    for (const combination of combinations) {
      const query = [...combination.map((name) => `${name}=${filters[name]}`), `offEvent=${offEvent}`].join('&');
      const claims = await every<ListedClaim>(`/claims?${query}`);
      const facets = (await app.inject(`/claims?${query}&${ALL_FACETS}&facetSize=100&limit=1`)).json<Faceted>().facets!;
      const counted = withTopicLabels(expected(claims));
      t.same(facets, Object.fromEntries(Object.entries(counted).map(([name, values]) => [name, whole(values)])), `/claims?${query}: ${claims.length} claims`);
      compared += 1;
    }
  }
  t.equal(compared, 3 * 29, 'no filter, each of seven alone and every pair, with each offEvent');

  for (const query of ['', 'minSources=2', 'minSources=3', 'topic=taiwan', 'topic=fentanyl&minSources=2']) {
    const facts = await every<{ topics: string[] }>(`/facts?${query}`);
    const facets = (await app.inject(`/facts?${query}&facet=topic&facetSize=100&limit=1`)).json<Faceted>().facets!;
    const counted = withTopicLabels({
      topic: countedFacet(facts.flatMap((fact) => fact.topics.map((slug) => ({ key: slug, value: slug, label: slug }))), (a, b) => taxonomy.indexOf(a.value) - taxonomy.indexOf(b.value)),
    });
    t.same(facets, { topic: whole(counted.topic) }, `/facts?${query}: ${facts.length} facts`);
  }
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { loadLexicon } from '../../src/lexicon.js';
import { runPipeline } from '../../src/pipeline/index.js';
import { SEEDS_DIR, seededApp } from '../helpers/seeded-db.js';

type Span = { start: number; end: number };
type Entity = { id: string; name: string; kind: string; aliases: string[]; mentionCount: number; sourceCount: number };
type EntityDetail = Entity & { mentions: Array<{ claimId: string; sourceId: string; span: Span; text: string }> };
type Claim = { id: string; sourceId: string; span: Span; checkworthiness: number; entities: Array<{ id: string; name: string; kind: string; span: Span }> };
type Page<T> = { items: T[]; nextCursor: string | null };

/** Mentions and sources per entity, counted by running the pipeline over the seed files directly. */
function countedFromSeeds(): Map<string, { mentions: number; sources: Set<string> }> {
  const { lexicon } = loadLexicon(SEEDS_DIR);
  const counts = new Map<string, { mentions: number; sources: Set<string> }>();
  for (const fileName of readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt'))) {
    for (const claim of runPipeline({ text: readFileSync(join(SEEDS_DIR, fileName), 'utf8') }, lexicon).claims) {
      for (const mention of claim.entities) {
        const count = counts.get(mention.entity) ?? { mentions: 0, sources: new Set<string>() };
        count.mentions += 1;
        count.sources.add(fileName);
        counts.set(mention.entity, count);
      }
    }
  }
  return counts;
}

/** A name as the list and a source may both write it: curly apostrophes, spacing, a leading "the" and case aside. */
const plainName = (name: string) => name.replace(/\u2019/g, "'").replace(/\s+/g, ' ').replace(/^the /i, '').toLowerCase();

async function allEntities(app: Awaited<ReturnType<typeof seededApp>>['app'], query = ''): Promise<Entity[]> {
  const entities: Entity[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Entity> = (await app.inject(`/entities?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`)).json();
    entities.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return entities;
}

t.test('GET /entities counts every mention and source the seeds give, most sources first', async (t) => {
  const { app } = await seededApp(t);
  const response = await app.inject('/entities?limit=100');
  t.equal(response.statusCode, 200);
  const { items, nextCursor } = response.json<Page<Entity>>();
  t.equal(nextCursor, null);
  t.equal(items.length, loadLexicon(SEEDS_DIR).entities.length, 'every listed entity, mentioned or not');

  const counted = countedFromSeeds();
  for (const entity of items) {
    const count = counted.get(entity.name);
    t.same([entity.mentionCount, entity.sourceCount], [count?.mentions ?? 0, count?.sources.size ?? 0], entity.name);
  }

  const byName = new Map(items.map((entity) => [entity.name, entity]));
  t.match(byName.get('Joe Biden'), { kind: 'person', sourceCount: 5, mentionCount: 29, aliases: ['Biden', 'President Biden', 'President Joe Biden', 'US President Joe Biden'] });
  t.match(byName.get('Xi Jinping'), { kind: 'person', sourceCount: 5, mentionCount: 24 });
  t.match(byName.get('United States'), { kind: 'place', sourceCount: 5, mentionCount: 37 });
  t.match(byName.get('Taiwan'), { kind: 'place', sourceCount: 4, mentionCount: 12 });
  t.match(byName.get('Taiwan Strait'), { kind: 'place', sourceCount: 1, mentionCount: 1 });
  t.match(byName.get('Hamas'), { kind: 'organisation', sourceCount: 1, mentionCount: 4 });
  t.match(byName.get('Bali'), { sourceCount: 0, mentionCount: 0 }, 'Bali is named only in a photo caption, which is not a claim');

  const keys = items.map((entity) => [entity.sourceCount, entity.mentionCount, entity.name.toLowerCase()] as const);
  const sorted = [...keys].sort((a, b) => b[0] - a[0] || b[1] - a[1] || (a[2] < b[2] ? -1 : 1));
  t.same(keys, sorted, 'ordered by sources, then mentions, then name');
  t.same(items.slice(0, 4).map((entity) => entity.name), ['United States', 'China', 'Joe Biden', 'Xi Jinping']);
  t.ok(items.every((entity) => /^ent_[0-9a-f]{16}$/.test(entity.id)));
});

t.test('GET /entities pages through every entity once; kind and q filter', async (t) => {
  const { app } = await seededApp(t);
  const all = (await app.inject('/entities?limit=100')).json<Page<Entity>>().items;
  const walked = await allEntities(app);
  t.same(walked.map((entity) => entity.id), all.map((entity) => entity.id), 'pages of 7 give the same list in the same order');

  for (const kind of ['person', 'organisation', 'place']) {
    const ofKind = await allEntities(app, `&kind=${kind}`);
    t.same(ofKind.map((entity) => entity.id), all.filter((entity) => entity.kind === kind).map((entity) => entity.id), kind);
  }

  const rows: Array<[string, string[]]> = [
    ['strait', ['Taiwan Strait']],
    ['TAIWAN', ['Taiwan', 'Taiwan Strait']],
    // An alias matches too.
    ['pla', ["People's Liberation Army"]],
    ['&kind=person&q=secretary', ['Antony Blinken', 'Gina Raimondo', 'Janet Yellen']],
    ['nobody at all', []],
    ['%25', []],
  ];
  for (const [query, names] of rows) {
    const q = query.startsWith('&') ? query : `&q=${encodeURIComponent(query)}`;
    t.same((await allEntities(app, q)).map((entity) => entity.name), names, query);
  }
});

t.test('GET /entities/:id lists every mention; each span slices the name back out of its source text', async (t) => {
  const { app } = await seededApp(t);
  const sources = new Map<string, string>();
  const sourceText = async (id: string) => {
    if (!sources.has(id)) sources.set(id, (await app.inject(`/sources/${id}`)).json<{ text: string }>().text);
    return sources.get(id)!;
  };
  const entities = (await app.inject('/entities?limit=100')).json<Page<Entity>>().items;
  for (const entity of entities) {
    const response = await app.inject(`/entities/${entity.id}`);
    t.equal(response.statusCode, 200);
    const detail = response.json<EntityDetail>();
    const { mentions, ...summary } = detail;
    t.same(summary, entity, `${entity.name}: the same entity as in the list`);
    t.equal(mentions.length, entity.mentionCount, `${entity.name}: one row per mention`);
    t.equal(new Set(mentions.map((mention) => mention.sourceId)).size, entity.sourceCount, `${entity.name}: its sources`);
    for (const mention of mentions) {
      t.equal((await sourceText(mention.sourceId)).slice(mention.span.start, mention.span.end), mention.text, `${entity.name} at ${mention.span.start}`);
      t.ok([entity.name, ...entity.aliases].map(plainName).includes(plainName(mention.text)), `"${mention.text}" is a name of ${entity.name}`);
    }
  }

  const strait = entities.find((entity) => entity.name === 'Taiwan Strait')!;
  t.same((await app.inject(`/entities/${strait.id}`)).json<EntityDetail>().mentions, [
    { claimId: 'clm_5238fe14ad91021b', sourceId: 'src_310b54533384b8b9', span: { start: 2090, end: 2103 }, text: 'Taiwan Strait' },
  ]);
  const biden = entities.find((entity) => entity.name === 'Joe Biden')!;
  const written = new Set((await app.inject(`/entities/${biden.id}`)).json<EntityDetail>().mentions.map((mention) => mention.text));
  t.same([...written].sort(), ['Biden', 'Joe Biden', 'President Biden', 'President Joe Biden'], 'each way the seeds write his name');

  const missing = await app.inject('/entities/ent_0000000000000000');
  t.equal(missing.statusCode, 404);
  t.match(missing.json(), { status: 404, detail: /ent_0000000000000000/ });
});

t.test('GET /claims?entity= takes an id or a canonical name in any case, and serves each claim once', async (t) => {
  const { app } = await seededApp(t);
  const hamas = (await app.inject('/entities?q=hamas')).json<Page<Entity>>().items[0]!;
  const detail = (await app.inject(`/entities/${hamas.id}`)).json<EntityDetail>();
  const expected = [...new Set(detail.mentions.map((mention) => mention.claimId))];
  t.ok(expected.length < detail.mentions.length, 'one claim mentions Hamas twice');
  for (const value of [hamas.id, 'Hamas', 'hAMAS']) {
    const page = (await app.inject(`/claims?entity=${value}&limit=100`)).json<Page<Claim>>();
    t.same(page.items.map((claim) => claim.id), expected, value);
    t.ok(page.items.every((claim) => claim.entities.some((entity) => entity.id === hamas.id)), `${value}: each claim names Hamas`);
  }

  const biden = (await app.inject('/claims?entity=joe%20biden&limit=100')).json<Page<Claim>>();
  t.equal(new Set(biden.items.map((claim) => claim.sourceId)).size, 5, 'Joe Biden is named by all five sources');
  const unknown = await app.inject('/claims?entity=Biden');
  t.equal(unknown.statusCode, 400, 'an alias is not a canonical name');
  t.notOk('validValues' in unknown.json(), 'the problem does not list every entity');
});

t.test('GET /claims?minCheckworthiness= keeps claims at or above the bound; fewer as it rises', async (t) => {
  const { app, db } = await seededApp(t);
  const total = (db.prepare('SELECT COUNT(*) AS n FROM claims').get() as { n: number }).n;
  const counts: number[] = [];
  for (const bound of [0, 0.2, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1]) {
    const page = (await app.inject(`/claims?minCheckworthiness=${bound}&limit=100`)).json<Page<Claim>>();
    t.ok(page.items.every((claim) => claim.checkworthiness >= bound), `every claim ≥ ${bound}`);
    const expected = (db.prepare('SELECT COUNT(*) AS n FROM claims WHERE checkworthiness >= ?').get(bound) as { n: number }).n;
    t.equal(page.items.length, expected, `count at ${bound}`);
    counts.push(page.items.length);
  }
  t.equal(counts[0], total, 'a bound of 0 keeps every claim');
  t.same(counts, [...counts].sort((a, b) => b - a), 'the count never rises with the bound');
  t.ok(counts[0]! > counts.at(-2)!, 'and does fall');

  const both = (await app.inject('/claims?entity=Taiwan&minCheckworthiness=0.8&limit=100')).json<Page<Claim>>();
  t.ok(both.items.length > 0);
  t.ok(both.items.every((claim) => claim.checkworthiness >= 0.8 && claim.entities.some((entity) => entity.name === 'Taiwan')), 'filters combine');
});

t.test('every claim lists its entities in text order, each span slicing the name out of the source', async (t) => {
  const { app } = await seededApp(t);
  const sources = (await app.inject('/sources')).json<Page<{ id: string }>>().items;
  let mentions = 0;
  for (const { id } of sources) {
    const source = (await app.inject(`/sources/${id}`)).json<{ text: string; claims: Claim[] }>();
    for (const claim of source.claims) {
      const starts = claim.entities.map((entity) => entity.span.start);
      t.same(starts, [...starts].sort((a, b) => a - b), `${claim.id}: in text order`);
      for (const entity of claim.entities) {
        mentions += 1;
        t.ok(claim.span.start <= entity.span.start && entity.span.end <= claim.span.end, `${claim.id}: ${entity.name} lies inside the claim`);
        t.ok(source.text.slice(entity.span.start, entity.span.end).length > 0, `${claim.id}: ${entity.name} slices some text`);
      }
    }
  }
  const listed = (await app.inject('/entities?limit=100')).json<Page<Entity>>().items.reduce((sum, entity) => sum + entity.mentionCount, 0);
  t.equal(mentions, listed, 'the claims carry every counted mention');

  const claim = (await app.inject('/claims/clm_f03eb50fa2367bd9')).json<Claim>();
  t.same(claim.entities, [
    { id: 'ent_e13cc294a4a4ed49', name: 'Xi Jinping', kind: 'person', span: { start: 2257, end: 2277 } },
    { id: 'ent_a0d96cb67cd22587', name: 'BBC', kind: 'organisation', span: { start: 2516, end: 2519 } },
  ]);
});

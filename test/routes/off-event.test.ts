import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { sourceIdFor } from '../../src/db/ingest.js';
import { openDatabase } from '../../src/db/open.js';
import { ingest } from '../../src/ingest/index.js';
import { SEEDS_DIR, tempDir, TEST_KEY, writableApp } from '../helpers/seeded-db.js';

const auth = { authorization: `Bearer ${TEST_KEY}` };

/** Invented local news: it names none of the seeds' people, places or event. */
const UNRELATED = [
  'Harbour town votes for a night ferry',
  '',
  'The town council of Kelmsby voted 9 to 2 on Monday to run a night ferry across the estuary from May.',
  '',
  'The ferry will cost 1.2 million pounds a year, the council said.',
  '',
  'Councillor Ada Brenner said the service would help shift workers at the port.',
].join('\n');

type Claim = { id: string; sourceId: string; offEvent: boolean; factIds: string[]; topics: string[] };
const claimIds = (claims: Claim[]) => claims.map((claim) => claim.id);

t.test('an article on another subject is kept with its reason, and left out of claims, facts and topic counts', async (t) => {
  const { app } = await writableApp(t);
  const topicsBefore = (await app.inject('/topics')).json().items;
  const claimsBefore = (await app.inject('/claims?limit=100')).json().items as Claim[];

  const created = await app.inject({ method: 'POST', url: '/sources', headers: auth, payload: { text: UNRELATED } });
  t.equal(created.statusCode, 201);
  const body = created.json<{ source: { id: string; offEvent: string | null }; claims: Claim[]; facts: unknown[] }>();
  t.match(body.source.offEvent, /names none of the event's people, places or names/);
  t.ok(body.claims.length >= 2, 'its claims are extracted and kept');
  t.ok(body.claims.every((claim) => claim.offEvent && claim.factIds.length === 0), 'every claim is off-event and in no fact');
  t.same(body.facts, []);

  const source = (await app.inject(`/sources/${body.source.id}`)).json();
  t.equal(source.offEvent, body.source.offEvent, 'the source shows why');
  t.same(claimIds(source.claims), claimIds(body.claims), "the source's page lists its claims");
  const listed = (await app.inject('/sources?limit=100')).json().items.find((item: { id: string }) => item.id === body.source.id);
  t.equal(listed.offEvent, body.source.offEvent, 'and so does the source list');

  t.same(claimIds((await app.inject('/claims?limit=100')).json().items), claimIds(claimsBefore), 'the default list is unchanged');
  t.same(claimIds((await app.inject('/claims?offEvent=only&limit=100')).json().items), claimIds(body.claims), 'offEvent=only lists them alone');
  t.same(
    claimIds((await app.inject('/claims?offEvent=include&limit=100')).json().items),
    [...claimIds(claimsBefore), ...claimIds(body.claims)],
    'offEvent=include lists them after the others, in source order',
  );
  t.same(claimIds((await app.inject(`/claims?source=${body.source.id}`)).json().items), [], 'a source filter alone does not bring them back');
  t.same(claimIds((await app.inject(`/claims?source=${body.source.id}&offEvent=include`)).json().items), claimIds(body.claims));
  t.same((await app.inject('/topics')).json().items, topicsBefore, 'topic counts are unchanged');

  const bad = await app.inject('/claims?offEvent=yes');
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { invalidParams: [{ name: 'offEvent' }] });
});

t.test('the event description decides at ingest, and a changed description re-aligns stored sources', async (t) => {
  const dir = tempDir(t);
  const articles = join(dir, 'articles');
  const lexicon = join(dir, 'lexicon');
  mkdirSync(articles);
  mkdirSync(lexicon);
  for (const name of readdirSync(SEEDS_DIR)) copyFileSync(join(SEEDS_DIR, name), join(name.endsWith('.txt') ? articles : lexicon, name));
  writeFileSync(join(articles, '900_unrelated.txt'), UNRELATED);

  const db = openDatabase(join(dir, 'test.db'));
  t.teardown(() => db.close());
  await ingest(db, { paths: [articles], lexiconDir: lexicon });
  const app = await buildApp({ db });
  t.teardown(() => app.close());
  const offEventOf = async () =>
    Object.fromEntries(((await app.inject('/sources?limit=100')).json().items as Array<{ fileName: string; offEvent: string | null }>).map((source) => [source.fileName, source.offEvent]));

  const judged = await offEventOf();
  t.match(judged, { '900_unrelated.txt': /names none/ });
  t.same(Object.entries(judged).filter(([, reason]) => reason !== null).map(([name]) => name), ['900_unrelated.txt'], 'every seed is about the event');
  const unrelatedId = sourceIdFor(UNRELATED);
  t.same((await app.inject(`/claims?source=${unrelatedId}`)).json().items, []);

  rmSync(join(lexicon, 'event.yaml'));
  const again = await ingest(db, { paths: [], lexiconDir: lexicon });
  t.equal(again.reextracted, 6, 'without an event description every source is extracted again');
  // The server sees a write made outside its own routes from the next event-loop turn (see TurnVersion).
  await new Promise(setImmediate);
  t.ok(Object.values(await offEventOf()).every((reason) => reason === null), 'and every source counts as about the event');
  t.ok((await app.inject(`/claims?source=${unrelatedId}`)).json().items.length >= 2, 'its claims are listed again');
});

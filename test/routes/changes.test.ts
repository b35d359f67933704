import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { ingest } from '../../src/ingest/index.js';
import { SEEDS_DIR, TEST_KEY, tempDir, writableApp } from '../helpers/seeded-db.js';

type Change = { kind: string; id: string; claimCount: number | null };
type Feed = { items: Change[]; nextCursor: string };
type App = Awaited<ReturnType<typeof writableApp>>['app'];

/** Every change after a cursor, two at a time, and the cursor to read on from. */
async function changesSince(app: App, since: string | null): Promise<Feed> {
  const items: Change[] = [];
  let cursor = since;
  for (;;) {
    const feed = (await app.inject(`/changes?limit=2${cursor ? `&since=${cursor}` : ''}`)).json<Feed>();
    items.push(...feed.items);
    if (feed.items.length === 0) return { items, nextCursor: feed.nextCursor };
    cursor = feed.nextCursor;
  }
}

/** Each fact change agrees with the fact as now served: grown or created with its claim count, removed gone. */
async function agreesWithFacts(t: Test, app: App, changes: Change[]) {
  const latest = new Map(changes.filter((change) => change.kind.startsWith('fact-')).map((change) => [change.id, change]));
  for (const change of latest.values()) {
    const response = await app.inject(`/facts/${change.id}`);
    if (change.kind === 'fact-removed') t.equal(response.statusCode, 404, `${change.id} removed`);
    else t.equal(response.json().claimCount, change.claimCount, `${change.id} ${change.kind} to ${change.claimCount} claims`);
  }
}

const ARTICLE =
  'NORLAND, Jan. 9 (Reuters) - Harbour officials in Norland said on Tuesday that the city would reopen its northern ' +
  'port to container traffic next month, after a three-week closure caused by storm damage.\n\n' +
  'Minister Vell Ruiz told reporters the repairs had cost 4 million crowns.\n';

t.test('read from the start, the feed describes the database: every source added, every fact created', async (t) => {
  const { app } = await writableApp(t);
  const { items, nextCursor } = await changesSince(app, null);
  const sources = (await app.inject('/sources?limit=100')).json<{ items: Array<{ id: string }> }>().items;
  const facts = (await app.inject('/facts?limit=100')).json<{ items: Array<{ id: string; claimCount: number }> }>().items;
  t.same(items.filter((change) => change.kind === 'source-added').map((change) => change.id), sources.map((source) => source.id), 'sources in ingest order');
  t.same(
    items.filter((change) => change.kind === 'fact-created').map((change) => [change.id, change.claimCount]).sort(),
    facts.map((fact) => [fact.id, fact.claimCount]).sort(),
    'each fact once, with its claims',
  );
  t.equal(items.length, sources.length + facts.length, 'nothing else');
  const again = (await app.inject(`/changes?since=${nextCursor}`)).json<Feed>();
  t.same(again, { items: [], nextCursor }, 'nothing new: no items, the same cursor');
});

t.test('API writes and CLI ingests show in commit order', async (t) => {
  const { app, writerDb } = await writableApp(t);
  const start = (await changesSince(app, null)).nextCursor;

  const posted = await app.inject({ method: 'POST', url: '/sources', headers: { authorization: `Bearer ${TEST_KEY}` }, payload: { text: ARTICLE } });
  t.equal(posted.statusCode, 201);
  const sourceId = posted.json().source.id;
  const afterPost = await changesSince(app, start);
  t.same(afterPost.items[0], { kind: 'source-added', id: sourceId, claimCount: null }, 'the source first, as it was written first');
  await agreesWithFacts(t, app, afterPost.items);

  const seed = readFileSync(join(SEEDS_DIR, '000_19a2db4b57ab717a.txt'), 'utf8');
  const dir = tempDir(t);
  writeFileSync(join(dir, 'again.txt'), `${seed}\nOfficials in Norland said talks would continue.\n`);
  t.equal((await ingest(writerDb, { paths: [dir], lexiconDir: SEEDS_DIR })).new, 1);
  const afterIngest = await changesSince(app, afterPost.nextCursor);
  const added = afterIngest.items.filter((change) => change.kind === 'source-added');
  t.equal(added.length, 1, 'the ingested source');
  t.ok(afterIngest.items.some((change) => change.kind.startsWith('fact-')), 'a regroup that moved facts');
  await agreesWithFacts(t, app, afterIngest.items);

  const removed = await app.inject({ method: 'DELETE', url: `/sources/${added[0]!.id}`, headers: { authorization: `Bearer ${TEST_KEY}` } });
  t.equal(removed.statusCode, 200);
  const afterDelete = await changesSince(app, afterIngest.nextCursor);
  t.same(afterDelete.items[0], { kind: 'source-removed', id: added[0]!.id, claimCount: null });
  t.ok(afterDelete.items.slice(1).every((change) => ['fact-shrunk', 'fact-removed', 'fact-created'].includes(change.kind)), 'a delete only shrinks, removes or re-describes facts');
  await agreesWithFacts(t, app, afterDelete.items);
});

t.test('a cursor that is not one is a 400 naming since', async (t) => {
  const { app } = await writableApp(t);
  for (const since of ['nope', Buffer.from('[-1]').toString('base64url'), Buffer.from('["a"]').toString('base64url')]) {
    const response = await app.inject(`/changes?since=${since}`);
    t.equal(response.statusCode, 400, since);
    t.same(response.json().invalidParams.map((param: { name: string }) => param.name), ['since']);
  }
});

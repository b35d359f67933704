import { parse as parseCsv } from 'csv-parse/sync';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { seededDb, syntheticCorpusApp } from '../helpers/seeded-db.js';

type Page<T> = { items: T[]; nextCursor: string | null };
type Claim = { id: string; sourceId: string; text: string; span: { start: number; end: number }; topics: string[]; factIds: string[]; speaker: string | null; offEvent: boolean; entities: Array<{ name: string }> };
type App = Awaited<ReturnType<typeof buildApp>>;

/** Every item of a JSON list, page by page through nextCursor. */
async function everyItem<T>(app: App, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const page: Page<T> = (await app.inject(`${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json<Page<T>>();
    items.push(...page.items);
    cursor = page.nextCursor;
  }
  return items;
}

const ndjson = (body: string) => body.split('\n').filter(Boolean).map((line) => JSON.parse(line));

/** Forty articles reworded from the seeds: several export pages of claims. */
const corpusApp = (t: { teardown: (fn: () => void | Promise<void>) => void }) => syntheticCorpusApp(t, 40);

t.test('NDJSON exports hold exactly the JSON lists, page after page, with the same filters', async (t) => {
  const app = await corpusApp(t);
  const cases: Array<[string, string]> = [
    ['/claims.ndjson', '/claims'],
    ['/claims.ndjson?topic=fentanyl', '/claims?topic=fentanyl'],
    ['/claims.ndjson?offEvent=include&minCheckworthiness=0.5', '/claims?offEvent=include&minCheckworthiness=0.5'],
    ['/facts.ndjson?minSources=2', '/facts?minSources=2'],
    ['/sources.ndjson', '/sources'],
  ];
  for (const [path, list] of cases) {
    const expected = await everyItem(app, list);
    const response = await app.inject(path);
    t.equal(response.statusCode, 200, path);
    t.equal(response.headers['content-type'], 'application/x-ndjson; charset=utf-8');
    t.same(ndjson(response.body), expected, `${path}: ${expected.length} items, as listed`);
    t.notMatch(response.body, /[^\x00-\x7f]/, 'ASCII, as every JSON answer');
  }
  t.ok((await everyItem(app, '/claims')).length > 300, 'more claims than several export pages');
});

t.test('CSV exports: a header row, RFC 4180 quoting that round-trips the text, lists joined with "|"', async (t) => {
  const app = await corpusApp(t);
  const claims = await everyItem<Claim>(app, '/claims?topic=fentanyl');
  const response = await app.inject('/claims.csv?topic=fentanyl');
  t.equal(response.statusCode, 200);
  t.equal(response.headers['content-type'], 'text/csv; charset=utf-8; header=present');
  t.equal(response.headers['content-disposition'], 'attachment; filename="claims.csv"');
  t.equal(response.body.split('\n')[0], 'id,sourceId,spanStart,spanEnd,text,speaker,quote,checkworthiness,topics,factIds,entities,offEvent');
  const rows = parseCsv(response.body, { columns: true }) as Array<Record<string, string>>;
  t.equal(rows.length, claims.length);
  rows.forEach((row, index) => {
    const claim = claims[index]!;
    t.same(
      [row.id, row.sourceId, Number(row.spanStart), Number(row.spanEnd), row.text, row.speaker || null, row.topics!.split('|'), row.factIds ? row.factIds.split('|') : [], row.offEvent],
      [claim.id, claim.sourceId, claim.span.start, claim.span.end, claim.text, claim.speaker, claim.topics, claim.factIds, 'false'],
      claim.id,
    );
  });
  t.ok(rows.some((row) => /[",]/.test(row.text!)), 'some texts hold commas or quotes, and survive');

  const facts = parseCsv((await app.inject('/facts.csv?minSources=3')).body, { columns: true }) as Array<Record<string, string>>;
  t.same(facts.map((fact) => fact.id), (await everyItem<{ id: string }>(app, '/facts?minSources=3')).map((fact) => fact.id), 'facts in list order');
  const sources = parseCsv((await app.inject('/sources.csv')).body, { columns: true }) as Array<Record<string, string>>;
  t.same(Object.keys(sources[0]!), ['id', 'fileName', 'url', 'title', 'publisher', 'author', 'publishedAt', 'claimCount', 'offEvent']);
  t.equal(sources.length, 40);
});

t.test('bad export requests are problem details, like the lists', async (t) => {
  const { db } = await seededDb(t);
  const app = await buildApp({ db });
  t.teardown(() => app.close());
  for (const [url, name] of [
    ['/claims.csv?limit=10', 'limit'],
    ['/claims.ndjson?topic=weather', 'topic'],
    ['/facts.csv?minSources=0', 'minSources'],
    ['/sources.ndjson?cursor=x', 'cursor'],
  ] as const) {
    const response = await app.inject(url);
    t.equal(response.statusCode, 400, url);
    t.match(response.headers['content-type'], /^application\/problem\+json/);
    t.same(response.json().invalidParams.map((param: { name: string }) => param.name), [name], url);
  }
});

import t from 'tap';
import { buildApp } from '../../src/app.js';
import { compiledSerializerCompiler } from '../../src/http/serializer.js';
import { ClaimPageSchema, HealthSchema } from '../../src/schemas/resources.js';
import { seededDb } from '../helpers/seeded-db.js';

const compile = (schema: typeof ClaimPageSchema | typeof HealthSchema) => compiledSerializerCompiler({ schema, method: 'GET', url: '/test', httpStatus: '200' });

t.test('the compiled serializer writes exactly what zod writes, on every route', async (t) => {
  const { db } = await seededDb(t);
  const compiled = await buildApp({ db, serializer: 'compiled' });
  const zod = await buildApp({ db, serializer: 'zod' });
  t.teardown(() => Promise.all([compiled.close(), zod.close()]));

  type Page = { items: Array<{ id: string; slug?: string }> };
  const list = async (url: string) => (await zod.inject(url)).json<Page>().items;
  const urls = ['/topics', '/topics/fentanyl', '/claims?limit=100', '/claims?topic=fentanyl', '/claims?q=military', '/sources', '/facts?limit=100', '/discrepancies?limit=100', '/entities?limit=100', '/health'];
  for (const source of await list('/sources')) urls.push(`/sources/${source.id}`);
  for (const fact of (await list('/facts?minSources=2')).slice(0, 5)) urls.push(`/facts/${fact.id}`);
  for (const claim of (await list('/claims?limit=5'))) urls.push(`/claims/${claim.id}`);
  for (const entity of (await list('/entities?limit=5'))) urls.push(`/entities/${entity.id}`);
  // Problem details too: 400 with invalidParams and validValues, 404.
  urls.push('/claims?topic=weather', '/claims?limit=0', '/facts/fct_nope', '/no/such/route');

  for (const url of urls) {
    const [fast, reference] = await Promise.all([compiled.inject(url), zod.inject(url)]);
    t.equal(fast.statusCode, reference.statusCode, `${url} status`);
    t.equal(fast.body, reference.body, `${url} body, byte for byte`);
  }
});

t.test('unknown keys never leak, at any depth', async (t) => {
  const span = { start: 0, end: 4, internal: 'x' };
  const claim = {
    id: 'clm_1', sourceId: 'src_1', text: 'Text', span, topics: ['fentanyl'], speaker: null, quote: null, checkworthiness: 0.5,
    factIds: [], entities: [{ id: 'ent_1', name: 'China', kind: 'place', span, rowid: 7 }], offEvent: false, rowid: 42, sourceSeq: 1,
  };
  const written = JSON.parse(compile(ClaimPageSchema)({ items: [claim], nextCursor: null, debug: true }));
  t.same(written, {
    items: [{
      id: 'clm_1', sourceId: 'src_1', text: 'Text', span: { start: 0, end: 4 }, topics: ['fentanyl'], speaker: null, quote: null,
      checkworthiness: 0.5, factIds: [], entities: [{ id: 'ent_1', name: 'China', kind: 'place', span: { start: 0, end: 4 } }], offEvent: false,
    }],
    nextCursor: null,
  });
  t.notMatch(JSON.stringify(written), /internal|rowid|sourceSeq|debug/);
});

t.test('a missing required property fails the response instead of writing a partial body', async (t) => {
  t.throws(() => compile(HealthSchema)({ status: 'ok', sources: 5, claims: 78 }), /facts/);
});

import t from 'tap';
import { buildApp } from '../../src/app.js';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { escapeNonAscii, responseSerializerCompiler } from '../../src/http/json.js';
import { ClaimPageSchema, HealthSchema } from '../../src/schemas/resources.js';
import { seededDb } from '../helpers/seeded-db.js';

const compile = (schema: typeof ClaimPageSchema | typeof HealthSchema) => responseSerializerCompiler({ schema, method: 'GET', url: '/test', httpStatus: '200' });

t.test('responses are byte for byte what zod\'s own serializer writes, on every route', async (t) => {
  const { db } = await seededDb(t);
  // No response cache: every answer is serialised again.
  const app = await buildApp({ db, responseCacheBytes: 0 });
  // The value each route handed to the serializer, and the schema it declares for the status sent.
  let handed: { value: unknown; schema: unknown } | null = null;
  app.addHook('preSerialization', (request, reply, payload, done) => {
    // A route that answers in several media types declares a schema per type.
    const declared = (request.routeOptions.schema?.response as Record<number, unknown> | undefined)?.[reply.statusCode] as { content?: Record<string, { schema: unknown }> } | undefined;
    const type = String(reply.getHeader('content-type') ?? 'application/json').split(';')[0]!;
    handed = { value: payload, schema: declared?.content ? declared.content[type]!.schema : declared };
    done(null, payload);
  });
  t.teardown(() => app.close());
  const zodWrites = (schema: unknown, value: unknown) =>
    escapeNonAscii((zodSerializerCompiler as (route: unknown) => (data: unknown) => string)({ schema, method: 'GET', url: '/test', httpStatus: '200' })(value));

  type Page = { items: Array<{ id: string; slug?: string }> };
  const list = async (url: string) => (await app.inject(url)).json<Page>().items;
  const urls = ['/topics', '/topics/fentanyl', '/claims?limit=100', '/claims?topic=fentanyl', '/claims?q=military', '/sources', '/facts?limit=100', '/discrepancies?limit=100', '/entities?limit=100', '/health'];
  for (const source of await list('/sources')) urls.push(`/sources/${source.id}`);
  for (const fact of (await list('/facts?minSources=2')).slice(0, 5)) urls.push(`/facts/${fact.id}`);
  for (const claim of (await list('/claims?limit=5'))) urls.push(`/claims/${claim.id}`);
  for (const entity of (await list('/entities?limit=5'))) urls.push(`/entities/${entity.id}`);

  for (const url of urls) {
    handed = null;
    const response = await app.inject(url);
    t.equal(response.statusCode, 200, `${url} status`);
    t.ok(handed, `${url} went through the route's serializer`);
    t.equal(response.body, zodWrites(handed!.schema, handed!.value), `${url} body, byte for byte`);
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

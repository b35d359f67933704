import jsonld from 'jsonld';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { seededDb } from '../helpers/seeded-db.js';

type Wording = { sourceId: string; title: string | null; publisher: string | null; url: string | null; publishedAt: string | null; claims: Array<{ text: string; speaker: string | null; entities: Array<{ name: string; kind: string }> }> };
type FactDetail = { id: string; statement: string; wordings: Wording[] };

async function seededApp(t: { teardown: (fn: () => void | Promise<void>) => void }) {
  const { db } = await seededDb(t);
  const app = await buildApp({ db });
  t.teardown(() => app.close());
  const id = (await app.inject('/facts?minSources=2&limit=1')).json<{ items: Array<{ id: string }> }>().items[0]!.id;
  return { app, db, id };
}

t.test('Accept: application/ld+json answers the fact as a schema.org Claim', async (t) => {
  const { app, id } = await seededApp(t);
  const fact = (await app.inject(`/facts/${id}`)).json<FactDetail>();
  const response = await app.inject({ url: `/facts/${id}`, headers: { accept: 'application/ld+json', host: 'facts.example' } });
  t.equal(response.statusCode, 200);
  t.equal(response.headers['content-type'], 'application/ld+json; charset=utf-8');
  const claim = response.json();
  t.equal(claim['@context'], 'https://schema.org');
  t.equal(claim['@type'], 'Claim');
  t.equal(claim['@id'], `http://facts.example/facts/${id}`);
  t.equal(claim.identifier, id);
  t.equal(claim.text, fact.statement);
  t.same(
    claim.appearance.map((work: { identifier: string; '@id': string; headline?: string; datePublished?: string; text: string }) => [work.identifier, work['@id'], work.headline, work.datePublished, work.text]),
    fact.wordings.map((wording) => [wording.sourceId, `http://facts.example/sources/${wording.sourceId}`, wording.title ?? undefined, wording.publishedAt ?? undefined, wording.claims[0]!.text]),
    'one appearance per source, in order, with its own first wording',
  );
  const dates = fact.wordings.map((wording) => wording.publishedAt).filter((date): date is string => date !== null).sort();
  t.ok(dates.length > 0, 'the seeds state dates');
  t.equal(claim.firstAppearance.datePublished, dates[0], 'the earliest dated appearance comes first');
  const speakers = [...new Set(fact.wordings.flatMap((wording) => wording.claims.flatMap((one) => (one.speaker ? [one.speaker] : []))))];
  t.same(claim.author?.map((author: { name: string }) => author.name) ?? [], speakers, 'every speaker the claims name, once');
});

t.test('the answer is valid JSON-LD: it expands to schema.org terms', async (t) => {
  const { app, id } = await seededApp(t);
  const claim = (await app.inject({ url: `/facts/${id}`, headers: { accept: 'application/ld+json' } })).json();
  // Offline: the schema.org context is its vocabulary, which is what the published context declares.
  const documentLoader = async (url: string) => {
    if (url.replace(/\/$/, '') !== 'https://schema.org') throw new Error(`unexpected context ${url}`);
    return { contextUrl: undefined, documentUrl: url, document: { '@context': { '@vocab': 'https://schema.org/' } } };
  };
  const [expanded] = (await jsonld.expand(claim, { documentLoader })) as Array<Record<string, unknown>>;
  t.same(expanded!['@type'], ['https://schema.org/Claim']);
  t.equal((expanded!['https://schema.org/appearance'] as unknown[]).length, claim.appearance.length);
  t.ok(expanded!['https://schema.org/firstAppearance']);
});

t.test('a speaker the entity list knows is a Person; others are Things', async (t) => {
  const { app } = await seededApp(t);
  const facts = (await app.inject('/facts?minSources=2&limit=100')).json<{ items: Array<{ id: string }> }>().items;
  const types = new Map<string, string>();
  for (const { id } of facts) {
    const claim = (await app.inject({ url: `/facts/${id}`, headers: { accept: 'application/ld+json' } })).json();
    for (const author of claim.author ?? []) types.set(author.name, author['@type']);
  }
  t.equal(types.get('Joe Biden'), 'Person');
  t.equal(types.get('Xi Jinping'), 'Person');
  for (const type of types.values()) t.ok(['Person', 'Organization', 'Thing'].includes(type));
});

t.test('negotiation: JSON by default and for */*, 406 when neither type is allowed, one cache entry per type', async (t) => {
  const { app, id } = await seededApp(t);
  for (const accept of [undefined, '*/*', 'application/json', 'application/*', 'application/ld+json;q=0.2, application/json']) {
    const response = await app.inject({ url: `/facts/${id}`, headers: accept ? { accept } : {} });
    t.equal(response.statusCode, 200, `Accept: ${accept}`);
    t.equal(response.headers['content-type'], 'application/json; charset=utf-8', `Accept: ${accept}`);
    t.equal(response.json().id, id);
  }
  const refused = await app.inject({ url: `/facts/${id}`, headers: { accept: 'text/html' } });
  t.equal(refused.statusCode, 406);
  t.match(refused.headers['content-type'], /^application\/problem\+json/);
  t.match(refused.json(), { type: 'urn:summit-facts:problem:not-acceptable', status: 406, detail: /application\/json or application\/ld\+json/ });

  // The same URL, asked twice each way: the response cache and ETags keep the two apart.
  const json = await app.inject({ url: `/facts/${id}`, headers: { accept: 'application/json' } });
  const ld = await app.inject({ url: `/facts/${id}`, headers: { accept: 'application/ld+json' } });
  const ldAgain = await app.inject({ url: `/facts/${id}`, headers: { accept: 'application/ld+json' } });
  const jsonAgain = await app.inject({ url: `/facts/${id}`, headers: { accept: 'application/json' } });
  t.equal(ldAgain.body, ld.body);
  t.equal(jsonAgain.body, json.body);
  t.not(ld.body, json.body);
  t.not(ld.headers.etag, json.headers.etag, 'each representation has its own tag');
  t.equal(ld.headers.vary, 'accept, accept-encoding');
  const revalidated = await app.inject({ url: `/facts/${id}`, headers: { accept: 'application/json', 'if-none-match': String(ld.headers.etag) } });
  t.equal(revalidated.statusCode, 200, "the other representation's tag does not match");
});

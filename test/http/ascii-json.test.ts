import t from 'tap';
import { buildApp } from '../../src/app.js';
import { escapeNonAscii, stringifyAscii } from '../../src/http/json.js';
import { seededDb } from '../helpers/seeded-db.js';

const NOT_ASCII = /[^\x00-\x7f]/;

t.test('escaping keeps the values and leaves only ASCII', async (t) => {
  const value = { quote: '“Planet Earth is big enough,” Xi said — 习近平', emoji: 'talks 🤝 resumed', separators: 'a\u2028b\u2029c', plain: 'fentanyl' };
  const json = stringifyAscii(value);
  t.notMatch(json, NOT_ASCII);
  t.same(JSON.parse(json), value, 'parses to the same values, surrogate pairs included');
  t.match(json, /\\u201c/, 'written as a \\u escape');
  t.match(json, /\\ud83e\\udd1d/, 'a character outside the BMP becomes its two surrogate escapes');
  t.match(json, /\\u2028/, 'line and paragraph separators are escaped too');
  t.equal(escapeNonAscii('{"a":"plain"}'), '{"a":"plain"}', 'ASCII text is unchanged');
});

t.test('every JSON answer is ASCII and reads back to the source text, spans included', async (t) => {
  const { db } = await seededDb(t);
  const app = await buildApp({ db });
  t.teardown(() => app.close());

  type Source = { id: string; text: string; claims: Array<{ text: string; span: { start: number; end: number } }> };
  const sources = (await app.inject('/sources')).json<{ items: Array<{ id: string }> }>().items;
  let escaped = 0;
  for (const { id } of sources) {
    const answer = await app.inject(`/sources/${id}`);
    t.equal(answer.statusCode, 200);
    t.notMatch(answer.body, NOT_ASCII, `/sources/${id} is ASCII`);
    const source = answer.json<Source>();
    if (NOT_ASCII.test(source.text)) escaped++;
    for (const claim of source.claims) t.equal(source.text.slice(claim.span.start, claim.span.end), claim.text, 'span still points at the claim');
  }
  t.ok(escaped > 0, 'the seeds hold non-ASCII text, so the escaping was exercised');

  for (const url of ['/facts?minSources=2', '/claims?q=military', '/topics', '/openapi.json', '/claims?topic=f%C3%A9ntanyl', '/n%C3%B6/such/route']) {
    const answer = await app.inject(url);
    t.notMatch(answer.body, NOT_ASCII, `${url} (${answer.statusCode}) is ASCII`);
    t.doesNotThrow(() => answer.json(), `${url} is JSON`);
  }
});

import t from 'tap';
import { attributeValues, readerApp } from '../helpers/reader.js';

type Page<T> = { items: T[]; nextCursor: string | null };
type Fact = { id: string; topics: string[]; sourceCount: number };
type Claim = { id: string; text: string; speaker: string | null; factIds: string[]; span: { start: number; end: number } };
type Source = { id: string; offEvent: string | null; text: string; boilerplate: Array<{ text: string; reason: string }>; claims: Claim[] };

const factIds = (page: string) => attributeValues(page, 'data-fact-id');
/** The text of markup as a browser reads it: tags dropped, the entities escape-html writes decoded. */
const textOf = (markup: string) =>
  markup
    .replace(/<[^>]*>/g, '')
    .replace(/&(quot|#39|lt|gt|amp);/g, (_entity, name: string) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' })[name]!);

t.test('each page is HTML with a document CSP that allows its own stylesheet and nothing inline', async (t) => {
  const app = await readerApp(t);
  const fact = (await app.inject('/facts?limit=1')).json<Page<Fact>>().items[0]!;
  const source = (await app.inject('/sources?limit=1')).json<Page<{ id: string }>>().items[0]!;
  for (const url of ['/', '/?topic=taiwan', `/read/facts/${fact.id}`, '/read/sources', `/read/sources/${source.id}`]) {
    const response = await app.inject(url);
    t.equal(response.statusCode, 200, url);
    t.equal(response.headers['content-type'], 'text/html; charset=utf-8', `${url}: HTML in UTF-8`);
    t.equal(
      response.headers['content-security-policy'],
      "default-src 'none';style-src 'self';form-action 'self';base-uri 'none';frame-ancestors 'none'",
      `${url}: no script, no inline style`,
    );
    t.equal(response.headers['x-frame-options'], 'DENY');
    t.equal(response.headers['referrer-policy'], 'no-referrer');
    t.match(response.body, /^<!doctype html>\n<html lang="en">/, `${url}: a document in English`);
    t.match(response.body, /<link rel="stylesheet" href="\/read\/style\.css">/);
    t.notMatch(response.body, /<script|style=/, `${url}: no script and no inline style`);
    t.match(response.headers.etag, /^W\//, `${url}: cached like every read`);
    const again = await app.inject({ url, headers: { 'if-none-match': String(response.headers.etag) } });
    t.equal(again.statusCode, 304, `${url}: revalidated`);
  }
  const css = await app.inject('/read/style.css');
  t.equal(css.statusCode, 200);
  t.equal(css.headers['content-type'], 'text/css; charset=utf-8');
  t.match(css.body, /:focus-visible/, 'focus stays visible');
  t.equal((await app.inject('/facts')).headers['content-security-policy'], "default-src 'none';frame-ancestors 'none'", 'the API keeps its own headers');
});

t.test('the pages are not operations of the API: the OpenAPI document leaves them out', async (t) => {
  const app = await readerApp(t);
  const paths = Object.keys((await app.inject('/openapi.json')).json<{ paths: Record<string, unknown> }>().paths);
  t.same(paths.filter((path) => path === '/' || path.startsWith('/read')), []);
});

t.test('bad input and unknown ids get the same problem details as the API', async (t) => {
  const app = await readerApp(t);
  const cases: Array<[string, number, string]> = [
    ['/read/facts/fct_0000000000000000', 404, 'No fact has the id "fct_0000000000000000"'],
    ['/read/sources/src_0000000000000000', 404, 'No source has the id "src_0000000000000000"'],
    ['/?topic=weather', 400, 'topic: unknown topic "weather"'],
    ['/?tpoic=taiwan', 400, 'tpoic: unknown query parameter; this operation takes topic, speaker, cursor'],
    ['/?cursor=not-a-cursor', 400, 'cursor: malformed cursor: pass back the nextCursor of a previous page unchanged'],
    ['/read/sources?cursor=WyJ4Il0', 400, 'cursor: malformed cursor: pass back the nextCursor of a previous page unchanged'],
    ['/read/facts/fct_26b761bc256a498b?format=json', 400, 'format: unknown query parameter; this operation takes none'],
    [`/?speaker=${'x'.repeat(201)}`, 400, 'speaker: Too big: expected string to have <=200 characters'],
  ];
  for (const [url, status, detail] of cases) {
    const response = await app.inject(url);
    t.equal(response.statusCode, status, url);
    t.match(response.headers['content-type'], /^application\/problem\+json/, `${url}: problem details`);
    t.equal(response.headers['cache-control'], 'no-store');
    t.equal(response.json().detail, detail, url);
  }
  t.same(factIds((await app.inject('/?topic=&speaker=')).body), factIds((await app.inject('/')).body), "a form's empty filters filter nothing");
});

t.test('facts are listed in the order of GET /facts, page by page', async (t) => {
  const app = await readerApp(t);
  const all = (await app.inject('/facts?limit=100')).json<Page<Fact>>().items;
  t.ok(all.length > 20, 'more facts than one page holds');
  const first = (await app.inject('/')).body;
  t.same(factIds(first), all.slice(0, 20).map((fact) => fact.id));
  t.same(attributeValues(first, 'data-source-count').map(Number), all.slice(0, 20).map((fact) => fact.sourceCount));
  const next = /<a href="([^"]+)" rel="next">Next page<\/a>/.exec(first)?.[1]?.replaceAll('&amp;', '&');
  t.ok(next, 'a link to the next page');
  const second = (await app.inject(next!)).body;
  t.same(factIds(second), all.slice(20).map((fact) => fact.id), 'the next page holds the rest');
  t.notMatch(second, /rel="next"/, 'and is the last');
  t.match(second, /<a href="\/">First page<\/a>/);
});

t.test('filters by topic and speaker list exactly the facts the API gives for them, in its order', async (t) => {
  const app = await readerApp(t);
  const rank = (await app.inject('/facts?limit=100')).json<Page<Fact>>().items.map((fact) => fact.id);
  const bySpeaker = async (speaker: string) => {
    const claims = (await app.inject(`/claims?speaker=${encodeURIComponent(speaker)}&limit=100`)).json<Page<Claim>>().items;
    const ids = new Set(claims.flatMap((claim) => claim.factIds));
    return rank.filter((id) => ids.has(id));
  };
  const onTopic = async (topic: string) => (await app.inject(`/facts?topic=${topic}&limit=100`)).json<Page<Fact>>().items.map((fact) => fact.id);

  const taiwan = await onTopic('taiwan');
  t.ok(taiwan.length > 0 && taiwan.length < rank.length);
  t.same(factIds((await app.inject('/?topic=taiwan')).body), taiwan, 'a topic');

  const xi = await bySpeaker('Xi Jinping');
  t.ok(xi.length > 0 && xi.length < rank.length);
  t.same(factIds((await app.inject('/?speaker=Xi+Jinping')).body), xi, 'a speaker');
  t.same(factIds((await app.inject('/?speaker=xi+jinping')).body), xi, 'a speaker in any case, as /claims?speaker= takes it');

  const both = xi.filter((id) => taiwan.includes(id));
  t.ok(both.length > 0 && both.length < xi.length);
  t.same(factIds((await app.inject('/?topic=taiwan&speaker=Xi+Jinping')).body), both, 'both');

  const nobody = (await app.inject('/?speaker=Nobody+At+All')).body;
  t.same(factIds(nobody), []);
  t.match(nobody, /No fact matches these filters\./);
  t.match(nobody, /<option value="Nobody At All" selected>Nobody At All \(0 facts\)<\/option>/, 'the speaker asked for stays selected');

  const home = (await app.inject('/')).body;
  const claims = (await app.inject('/claims?limit=100')).json<Page<Claim>>().items;
  const speakers = new Set(claims.filter((claim) => claim.speaker !== null && claim.factIds.length).map((claim) => claim.speaker!));
  const select = /<select id="speaker" name="speaker">(.*?)<\/select>/s.exec(home)?.[1] ?? '';
  const listed = [...select.matchAll(/<option value="([^"]*)"/g)].map((match) => match[1]!);
  t.equal(listed[0], '', 'first, no filter');
  t.same(listed.slice(1).sort(), [...speakers].sort(), 'then every speaker of a claim in a fact, and no one else');
});

t.test("a fact's page: one column per source, each claim marked in its source's words", async (t) => {
  const app = await readerApp(t);
  const fact = (await app.inject('/facts?limit=1')).json<Page<Fact>>().items[0]!;
  const detail = (await app.inject(`/facts/${fact.id}`)).json<{ wordings: Array<{ sourceId: string; claims: Claim[] }> }>();
  const page = (await app.inject(`/read/facts/${fact.id}`)).body;
  t.same(attributeValues(page, 'data-source-id'), detail.wordings.map((wording) => wording.sourceId), 'the columns, in the order of the wordings');
  for (const wording of detail.wordings) {
    for (const claim of wording.claims) {
      const marked = new RegExp(`<mark id="claim-${claim.id}" data-claim-id="${claim.id}">(.*?)</mark>`, 's').exec(page)?.[1];
      t.equal(textOf(marked ?? ''), claim.text, `${claim.id} marked as its source words it`);
    }
  }
});

t.test("a source's page: the article verbatim and escaped, its removed lines and why it is off-event", async (t) => {
  const app = await readerApp(t);
  const sources = (await app.inject('/sources?limit=100')).json<Page<{ id: string; offEvent: string | null }>>().items;
  const offEvent = sources.find((source) => source.offEvent !== null)!;
  t.ok(offEvent, 'the off-event article is there');
  const source = (await app.inject(`/sources/${offEvent.id}`)).json<Source>();
  const page = (await app.inject(`/read/sources/${source.id}`)).body;

  const article = /<div class="article" id="article-text">(.*?)<\/div>/s.exec(page)?.[1] ?? '';
  t.equal(textOf(article), source.text, 'the text as ingested, character for character');
  t.match(article, /&quot;&lt;night&gt; service&quot; would help shift workers &amp; families/, 'escaped');
  t.notMatch(page, /<night>/);
  for (const claim of source.claims) t.match(article, `<mark id="claim-${claim.id}" data-claim-id="${claim.id}" class="off-event">`);
  for (const line of source.boilerplate) t.match(article, `<del class="removed" data-reason="${line.reason}">${line.text}</del>`);

  const rows = [...page.matchAll(/<tr><td class="removed-text">(.*?)<\/td><td class="reason">(.*?)<\/td><\/tr>/g)].map((match) => ({ text: match[1], reason: match[2] }));
  t.same(rows, source.boilerplate.map(({ text, reason }) => ({ text, reason })), 'the removed lines with their reasons');
  t.match(page, `<strong>Off-event:</strong> this article is judged not to be about the event: ${source.offEvent!.replaceAll("'", '&#39;')}.`);

  const list = (await app.inject('/read/sources')).body;
  t.same(attributeValues(list, 'data-source-id'), sources.map((item) => item.id), 'the list of sources, in ingest order');
});

import t from 'tap';
import { html, Html, type Fragment } from '../../src/reader/html.js';
import { excerptAround, highlight, mergeExcerpts, type Highlight, type Span } from '../../src/reader/text.js';

t.test('every interpolated value is escaped, markup built by html is not', async (t) => {
  const cases: Array<[string, Fragment, string]> = [
    ['plain text', 'Biden and Xi', '<p>Biden and Xi</p>'],
    ['a tag in the text', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    ['quotes and ampersands', `"Planet Earth" & 'both'`, '<p>&quot;Planet Earth&quot; &amp; &#39;both&#39;</p>'],
    ['an entity written out', '&amp;', '<p>&amp;amp;</p>'],
    ['curly quotes and dashes, as they are', '“big enough” – Xi', '<p>“big enough” – Xi</p>'],
    ['a number', 4, '<p>4</p>'],
    ['null, undefined and false: nothing', [null, undefined, false], '<p></p>'],
    ['a list, each item escaped', ['<a>', html`<b>bold</b>`], '<p>&lt;a&gt;<b>bold</b></p>'],
    ['markup from html, as is', html`<em>${'<i>'}</em>`, '<p><em>&lt;i&gt;</em></p>'],
  ];
  for (const [name, value, expected] of cases) t.equal(html`<p>${value}</p>`.text, expected, name);
});

t.test('a value in a quoted attribute cannot close it', async (t) => {
  const value = '" onmouseover="alert(1)';
  t.equal(html`<a href="${value}">x</a>`.text, '<a href="&quot; onmouseover=&quot;alert(1)">x</a>');
});

const mark = (span: Span, inner: Highlight[] = []): Highlight => ({ ...span, inner, wrap: (words: Html) => html`<mark>${words}</mark>` });
const del = (span: Span): Highlight => ({ ...span, wrap: (words: Html) => html`<del>${words}</del>` });
const em = (span: Span): Highlight => ({ ...span, wrap: (words: Html) => html`<em>${words}</em>` });

t.test('highlights wrap exactly their characters, escaped, and leave the text between as it is', async (t) => {
  const text = 'Xi said "yes". Biden <agreed> & left.';
  const cases: Array<[string, number, number, Highlight[], string]> = [
    ['no highlight', 0, text.length, [], 'Xi said &quot;yes&quot;. Biden &lt;agreed&gt; &amp; left.'],
    ['one claim', 0, text.length, [mark({ start: 15, end: 37 })], 'Xi said &quot;yes&quot;. <mark>Biden &lt;agreed&gt; &amp; left.</mark>'],
    [
      'two, given out of order',
      0,
      text.length,
      [mark({ start: 15, end: 37 }), del({ start: 0, end: 14 })],
      '<del>Xi said &quot;yes&quot;.</del> <mark>Biden &lt;agreed&gt; &amp; left.</mark>',
    ],
    ['a range of the text', 3, 14, [mark({ start: 8, end: 13 })], 'said <mark>&quot;yes&quot;</mark>.'],
    ['one outside the range is left out', 0, 14, [mark({ start: 15, end: 37 })], 'Xi said &quot;yes&quot;.'],
    ['words inside a claim', 15, 37, [mark({ start: 15, end: 37 }, [em({ start: 21, end: 29 })])], '<mark>Biden <em>&lt;agreed&gt;</em> &amp; left.</mark>'],
    // Never so in an article (claims and removed lines do not overlap): the later one is dropped, not the text.
    ['one starting inside another is left out', 0, 14, [mark({ start: 0, end: 7 }), del({ start: 3, end: 10 })], '<mark>Xi said</mark> &quot;yes&quot;.'],
    ['an empty one is left out', 0, 2, [mark({ start: 1, end: 1 })], 'Xi'],
  ];
  for (const [name, from, to, highlights, expected] of cases) t.equal(highlight(text, from, to, highlights).text, expected, name);
});

t.test("a claim's excerpt is its paragraph; paragraphs that touch become one", async (t) => {
  const text = 'Headline\n\nFirst paragraph. It has a claim.\n\nSecond one.\nSame paragraph.\n\nLast.';
  const span = (words: string): Span => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });
  const cases: Array<[string, Span, string]> = [
    ['the headline', span('Headline'), 'Headline'],
    ['a sentence in the middle', span('It has a claim.'), 'First paragraph. It has a claim.'],
    ['across a single line break', span('Same paragraph.'), 'Second one.\nSame paragraph.'],
    ['the last paragraph', span('Last.'), 'Last.'],
  ];
  for (const [name, claim, expected] of cases) {
    const excerpt = excerptAround(text, claim);
    t.equal(text.slice(excerpt.start, excerpt.end), expected, name);
  }
  const long = `${'A sentence of filler. '.repeat(100)}\nThe claim.\n${'More filler. '.repeat(100)}`;
  const lines = excerptAround(long, { start: long.indexOf('The claim.'), end: long.indexOf('The claim.') + 10 });
  t.equal(long.slice(lines.start, lines.end), 'The claim.', 'a paragraph too long to show is cut to the line');

  t.same(mergeExcerpts([{ start: 10, end: 20 }, { start: 0, end: 5 }, { start: 15, end: 30 }, { start: 30, end: 31 }]), [
    { start: 0, end: 5 },
    { start: 10, end: 31 },
  ]);
});

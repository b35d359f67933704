import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { loadLexicon } from '../../src/lexicon.js';
import { cleanArticle } from '../../src/pipeline/01-clean/index.js';
import { runPipeline } from '../../src/pipeline/index.js';
import type { ArticleMetadata, BoilerplateReason } from '../../src/pipeline/types.js';

const SEEDS = fileURLToPath(new URL('../../seeds/', import.meta.url));
const { lexicon } = loadLexicon(SEEDS);
const FILES = readdirSync(SEEDS)
  .filter((name) => name.endsWith('.txt'))
  .sort();
const read = (fileName: string) => readFileSync(join(SEEDS, fileName), 'utf8');

t.test('the seed articles are there', async (t) => {
  t.same(FILES, [
    '000_19a2db4b57ab717a.txt',
    '001_0fc584c56dec7d65.txt',
    '002_8d3f540e1d07ad72.txt',
    '003_1b70bdfd4247b37f.txt',
    '004_2f12c77767be4bc9.txt',
  ]);
});

t.test('every claim and boilerplate span is the exact text at its offsets', async (t) => {
  for (const fileName of FILES) {
    const text = read(fileName);
    const result = runPipeline({ text, fileName }, lexicon);
    t.ok(result.claims.length > 0, `${fileName} has claims`);
    for (const claim of result.claims) {
      t.equal(text.slice(claim.start, claim.end), claim.text, `${fileName} claim at ${claim.start}`);
      t.notOk(/[\r\n]/.test(claim.text), `${fileName} claim at ${claim.start} stays on one line`);
      t.equal(claim.text, claim.text.trim(), `${fileName} claim at ${claim.start} is trimmed`);
    }
    for (const line of result.boilerplate) {
      t.equal(text.slice(line.start, line.end), line.text, `${fileName} boilerplate at ${line.start}`);
    }
  }
});

t.test('claims come in text order and overlap neither each other nor boilerplate', async (t) => {
  for (const fileName of FILES) {
    const { claims, boilerplate } = runPipeline({ text: read(fileName), fileName }, lexicon);
    claims.forEach((claim, index) => {
      const next = claims[index + 1];
      if (next) t.ok(claim.end <= next.start, `${fileName} claim at ${claim.start} ends before the next one`);
      const overlapping = boilerplate.filter((line) => claim.start < line.end && line.start < claim.end);
      t.same(overlapping, [], `${fileName} claim at ${claim.start} overlaps no boilerplate`);
    });
  }
});

t.test('every non-blank line is reporting or boilerplate, with nothing dropped', async (t) => {
  for (const fileName of FILES) {
    const text = read(fileName);
    const clean = cleanArticle(text);
    const spans = [...clean.segments, ...clean.boilerplate].sort((a, b) => a.start - b.start);
    let offset = 0;
    const lines: Array<[number, number]> = [];
    for (const piece of text.split('\n')) {
      const leading = piece.length - piece.trimStart().length;
      if (piece.trim()) lines.push([offset + leading, offset + leading + piece.trim().length]);
      offset += piece.length + 1;
    }
    // A line is covered by its spans end to end: one span, or a headline and its publisher suffix.
    const covered: Array<[number, number]> = [];
    for (const span of spans) {
      const last = covered[covered.length - 1];
      if (last && last[1] === span.start) last[1] = span.end;
      else covered.push([span.start, span.end]);
    }
    t.same(covered, lines, fileName);
  }
});

t.test('known page furniture gets the expected reason', async (t) => {
  const rows: Array<[string, Array<[string, BoilerplateReason]>]> = [
    [
      '000_19a2db4b57ab717a.txt',
      [
        [' \u2013 Baltic News Network', 'publisher-suffix'],
        ['3 Min Read', 'read-time'],
        ['Share This Article', 'share-widget'],
        ['By admin', 'byline'],
        ['test bio', 'site-chrome'],
        ['Leave a comment', 'comment-widget'],
        ['Please login to use this feature.', 'comment-widget'],
      ],
    ],
    ['001_0fc584c56dec7d65.txt', [['Duale In Italy For Talks With Defence Officials To Help War On Terrorism', 'unrelated-headline']]],
    [
      '002_8d3f540e1d07ad72.txt',
      [
        ['Source: CNN Brasil', 'credit-line'],
        [
          'Bruce Belcher is a seasoned author with over 5 years of experience in world news. He writes for online news websites and provides in-depth analysis on the world stock market. Bruce is known for his insightful perspectives and commitment to keeping the public informed.',
          'author-bio',
        ],
      ],
    ],
    ['003_1b70bdfd4247b37f.txt', []],
    [
      '004_2f12c77767be4bc9.txt',
      [
        ['Nov 17, 2023\u00a0-\u00a008:10', 'date-stamp'],
        ['Nov 17, 2023\u00a0-\u00a008:11', 'date-stamp'],
        ['Biden and Xi Secure Key Agreements on Military Communications, Fentanyl', 'repeated-headline'],
        [
          'President Joe Biden meets with Chinese President Xi Jinping on the sidelines of the G20 Summit in Bali, Indonesia on November 14, 2022. | Saul Loeb/AFP via Getty Images',
          'photo-caption',
        ],
        ['Follow Radar Asia on Twitter @AsiaRadar', 'social-link'],
        ['What\'s Your Reaction?', 'reaction-widget'],
      ],
    ],
  ];
  for (const [fileName, expected] of rows) {
    const { boilerplate } = runPipeline({ text: read(fileName), fileName }, lexicon);
    t.same(
      boilerplate.map((line) => [line.text, line.reason]),
      expected,
      fileName,
    );
  }
});

t.test('a repeated headline is boilerplate only the second time', async (t) => {
  const fileName = '004_2f12c77767be4bc9.txt';
  const headline = 'Biden and Xi Secure Key Agreements on Military Communications, Fentanyl';
  const { claims, boilerplate } = runPipeline({ text: read(fileName), fileName }, lexicon);
  t.same(
    claims.filter((claim) => claim.text === headline).map((claim) => [claim.start, claim.isHeadline]),
    [[0, true]],
  );
  t.same(
    boilerplate.filter((line) => line.text === headline).map((line) => line.reason),
    ['repeated-headline'],
  );
});

t.test('metadata is read from what each page states', async (t) => {
  const none: ArticleMetadata = { title: null, publisher: null, author: null, publishedAt: null };
  const rows: Array<[string, ArticleMetadata]> = [
    ['000_19a2db4b57ab717a.txt', { ...none, title: 'US and China agree to resume military communication', publisher: 'Baltic News Network' }],
    ['001_0fc584c56dec7d65.txt', none],
    ['002_8d3f540e1d07ad72.txt', { ...none, author: 'Bruce Belcher' }],
    ['003_1b70bdfd4247b37f.txt', none],
    [
      '004_2f12c77767be4bc9.txt',
      {
        title: 'Biden and Xi Secure Key Agreements on Military Communications, Fentanyl',
        publisher: 'Radar Asia',
        author: null,
        publishedAt: '2023-11-17',
      },
    ],
  ];
  for (const [fileName, expected] of rows) {
    t.same(runPipeline({ text: read(fileName), fileName }, lexicon).metadata, expected, fileName);
  }
});

t.test('claims carry only known topic slugs', async (t) => {
  const slugs = new Set(lexicon.topics.map((topic) => topic.slug));
  for (const fileName of FILES) {
    for (const claim of runPipeline({ text: read(fileName), fileName }, lexicon).claims) {
      t.ok(
        claim.topics.every((topic) => slugs.has(topic)),
        `${fileName} claim at ${claim.start}: ${claim.topics.join(', ')}`,
      );
    }
  }
});

t.test('entity mentions slice out of their claim, in order, without overlapping, naming listed entities', async (t) => {
  const { entities } = loadLexicon(SEEDS);
  const kinds = new Map(entities.map((entity) => [entity.name, entity.kind]));
  for (const fileName of FILES) {
    for (const claim of runPipeline({ text: read(fileName), fileName }, lexicon).claims) {
      const where = `${fileName} claim at ${claim.start}`;
      claim.entities.forEach((mention, index) => {
        t.equal(kinds.get(mention.entity), mention.kind, `${where}: ${mention.entity} is a listed ${mention.kind}`);
        t.ok(0 <= mention.start && mention.start < mention.end && mention.end <= claim.text.length, `${where}: ${mention.entity} lies inside the claim`);
        const next = claim.entities[index + 1];
        if (next) t.ok(mention.end <= next.start, `${where}: ${mention.entity} ends before the next mention`);
      });
    }
  }
});

t.test('runPipeline is deterministic', async (t) => {
  for (const fileName of FILES) {
    const text = read(fileName);
    const first = runPipeline({ text, fileName }, lexicon);
    t.same(runPipeline({ text, fileName }, lexicon), first, `${fileName}: same result twice`);
    t.same(runPipeline({ text }, loadLexicon(SEEDS).lexicon), first, `${fileName}: same result with a freshly loaded lexicon`);
  }
});

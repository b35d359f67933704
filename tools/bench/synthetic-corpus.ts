/**
 * A deterministic generator of synthetic corpora for ingest benchmarks. Every article is built from the
 * seed articles' own paragraphs, reworded, renumbered, re-attributed and mixed across seeds, with noise
 * lines of the kinds the clean stage strips. The same (seed texts, count, seed) always yields the same
 * articles, byte for byte, so benchmark runs compare like with like.
 */

export type SyntheticArticle = { fileName: string; text: string };

/** mulberry32: a small, fast, well-distributed 32-bit generator; enough for varying text. */
export function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

/** Wordings the seeds use for one idea, swapped for each other so no two articles read alike. */
const SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['said', 'stated', 'told reporters', 'noted'],
  ['talks', 'meeting', 'discussions'],
  ['agreed to', 'committed to', 'pledged to'],
  ['President Joe Biden', 'US President Joe Biden', 'Joe Biden'],
  ['Chinese leader Xi Jinping', 'Chinese President Xi Jinping', 'President Xi Jinping'],
  ['significant', 'major', 'notable'],
  ['stressed', 'emphasised', 'underlined'],
  ['tensions', 'friction', 'strains'],
  ['resume', 'restore', 'reopen'],
  ['the two leaders', 'both leaders', 'the two presidents'],
  ['on Wednesday', 'on 15 November', 'this week'],
  ['reduce', 'curb', 'cut'],
];

const SPOKESPEOPLE = ['Karine Jean-Pierre', 'John Kirby', 'Mao Ning', 'Wang Wenbin', 'Jake Sullivan', 'Antony Blinken'];
const FIRST_NAMES = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Farah', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kai', 'Lena', 'Mo', 'Nia', 'Omar', 'Pia'];
const LAST_NAMES = ['Adler', 'Brandt', 'Costa', 'Dube', 'Evans', 'Fujii', 'Garcia', 'Horvat', 'Ito', 'Jansen', 'Kowal', 'Li', 'Moreau', 'Novak'];
const PUBLISHERS = ['Pacific Wire', 'Daily Ledger', 'Global Desk', 'Metro Times', 'World Brief', 'Harbor Post'];
const NOISE = [
  'Share on Facebook',
  'Share on X',
  'Advertisement',
  'Read more: Markets rally as inflation cools',
  'Follow us on Twitter and Instagram',
  'Sign up for our newsletter',
  'Click here to subscribe',
  '© 2023 All rights reserved.',
  'We use cookies to improve your experience. Accept all cookies',
  'Related: Ten gadgets to buy this winter',
  '2 Min Read',
  'Leave a comment',
] as const;

/** Paragraphs of a seed: non-empty lines, titles and widgets included, as the clean stage would see them. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SYNONYM_PATTERNS = SYNONYMS.map((group) => ({
  group,
  pattern: new RegExp(`\\b(?:${[...group].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})\\b`, 'g'),
}));

function reword(paragraph: string, random: Random): string {
  let text = paragraph;
  for (const { group, pattern } of SYNONYM_PATTERNS) text = text.replace(pattern, () => pick(random, group));
  // Numbers shift a little, as they do between outlets ("four hours", "more than 300 guests").
  return text.replace(/\b\d{1,4}\b/g, (digits) => {
    const value = Number(digits);
    if (value >= 1900 && value <= 2100) return digits;
    return String(Math.max(1, value + Math.floor(random() * 5) - 2));
  });
}

function attributionLine(random: Random): string {
  const speaker = pick(random, SPOKESPEOPLE);
  const templates = [
    `${speaker} said the meeting between the two leaders lasted about ${2 + Math.floor(random() * 4)} hours.`,
    `"We have made real progress on fentanyl," ${speaker} told reporters after the summit.`,
    `${speaker} said both sides agreed to keep channels of communication open.`,
  ];
  return pick(random, templates);
}

/**
 * One synthetic article: a title and byline, then paragraphs drawn mostly from one seed and partly
 * from others, reworded, with noise lines between them.
 */
export function syntheticArticle(seedTexts: readonly string[], index: number, seed = 1): SyntheticArticle {
  const random = randomGenerator((seed * 2654435761) ^ (index * 40503));
  const base = paragraphs(seedTexts[index % seedTexts.length]!);
  const body: string[] = [];
  for (const paragraph of base.slice(1)) {
    const roll = random();
    if (roll < 0.1) continue;
    const source = roll < 0.25 ? pick(random, paragraphs(pick(random, seedTexts)).slice(1)) : paragraph;
    body.push(reword(source, random));
    if (random() < 0.15) body.push(pick(random, NOISE));
    if (random() < 0.08) body.push(attributionLine(random));
  }
  const author = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
  const minutes = index % 1440;
  const stamp = `Updated 16 November 2023, ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const text = [reword(base[0] ?? 'Biden and Xi meet in California', random), `By ${author}, ${pick(random, PUBLISHERS)}`, stamp, ...body].join('\n\n');
  return { fileName: `synthetic-${String(index).padStart(6, '0')}.txt`, text: `${text}\n` };
}

export function* syntheticCorpus(seedTexts: readonly string[], count: number, seed = 1): Generator<SyntheticArticle> {
  for (let index = 0; index < count; index += 1) yield syntheticArticle(seedTexts, index, seed);
}

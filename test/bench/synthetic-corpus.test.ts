import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { randomGenerator, syntheticArticle, syntheticCorpus } from '../../tools/bench/synthetic-corpus.js';
import { cleanArticle } from '../../src/pipeline/01-clean/index.js';
import { SEEDS_DIR } from '../helpers/seeded-db.js';

const seedTexts = readdirSync(SEEDS_DIR)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => readFileSync(join(SEEDS_DIR, name), 'utf8'));

t.test('the generator is deterministic', async (t) => {
  const draw = randomGenerator(7);
  const again = randomGenerator(7);
  const values = Array.from({ length: 5 }, () => draw());
  t.same(Array.from({ length: 5 }, () => again()), values, 'same seed, same numbers');
  t.ok(values.every((value) => value >= 0 && value < 1), 'numbers lie in [0, 1)');
  t.same(syntheticArticle(seedTexts, 42, 3), syntheticArticle(seedTexts, 42, 3), 'same index and seed, same article');
  t.not(syntheticArticle(seedTexts, 42, 3).text, syntheticArticle(seedTexts, 42, 4).text, 'another seed, another article');
});

t.test('a corpus holds distinct articles built from the seeds, with noise to strip', async (t) => {
  const corpus = [...syntheticCorpus(seedTexts, 500)];
  t.equal(corpus.length, 500);
  t.equal(new Set(corpus.map((article) => article.text)).size, 500, 'no two articles are the same text, so none is skipped as a duplicate');
  t.equal(new Set(corpus.map((article) => article.fileName)).size, 500, 'file names are unique');
  const seedSentences = new Set(seedTexts.flatMap((text) => text.split('\n').map((line) => line.trim()).filter((line) => line.length > 80)));
  const reworded = corpus.flatMap((article) => article.text.split('\n\n')).filter((line) => line.length > 80 && !seedSentences.has(line));
  t.ok(reworded.length > 1000, `${reworded.length} long paragraphs differ from every seed paragraph`);
  const stripped = corpus.slice(0, 50).reduce((sum, article) => sum + cleanArticle(article.text).boilerplate.length, 0);
  t.ok(stripped > 50, `${stripped} lines of the first 50 articles are stripped as boilerplate`);
});

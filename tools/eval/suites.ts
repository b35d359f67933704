import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/db/open.js';
import { ReadModel } from '../../src/db/read-model.js';
import { ingest } from '../../src/ingest/index.js';
import { evaluate, type EvalReport } from './index.js';
import { loadDiscrepancies, loadGold } from './gold.js';
import { round } from './metrics.js';

export type Suite = { name: string; gold: string; articles: string; lexicon: string };

/**
 * The dev sets, which extraction may be tuned on: the seed gold, the second fixture, written and
 * annotated separately in other styles, and real documents on another event. Paths are relative to the repository root.
 */
export const DEV_SUITES: Suite[] = [
  { name: 'seeds', gold: 'test/fixtures/gold', articles: 'seeds', lexicon: 'seeds' },
  { name: 'second', gold: 'test/fixtures/second/gold', articles: 'test/fixtures/second/articles', lexicon: 'seeds' },
  // Real official documents and reports on other events, each with a lexicon written before reading them.
  ...['cop28-dubai', 'g7-hiroshima', 'camp-david', 'modi-state-visit', 'geneva-2021', 'hanoi-2023'].map((event) => ({
    name: `dev-real:${event}`,
    gold: `test/fixtures/dev-real/${event}/gold`,
    articles: `test/fixtures/dev-real/${event}/articles`,
    lexicon: `test/fixtures/dev-real/${event}/lexicon`,
  })),
];

/**
 * The sealed test set: real documents on two other events, each with its own lexicon, collected and
 * annotated without sight of the pipeline. Read its aggregate figures only, and never change code or
 * lexicon for a single mistake on it.
 */
export const TEST_SUITES: Suite[] = ['nato-vilnius', 'g20-new-delhi'].map((event) => ({
  name: `test:${event}`,
  gold: `test/fixtures/sealed/${event}/gold`,
  articles: `test/fixtures/sealed/${event}/articles`,
  lexicon: `test/fixtures/sealed/${event}/lexicon`,
}));

/** The same path the API serves: ingest into a fresh database, then read through the read model. */
export async function runSuite({ gold, articles, lexicon }: Suite, root = '.'): Promise<EvalReport> {
  const dir = mkdtempSync(join(tmpdir(), 'summit-facts-eval-'));
  try {
    const db = openDatabase(join(dir, 'eval.db'));
    try {
      await ingest(db, { paths: [resolve(root, articles)], lexiconDir: resolve(root, lexicon) });
      const readModel = new ReadModel(db);
      return evaluate(readModel, loadGold(resolve(root, gold), resolve(root, articles)), readModel.topicSlugs(), loadDiscrepancies(resolve(root, gold)));
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a regression floor holds a suite to: fractions from 0 to 1, higher is better, but for counts named below. */
export type HeadlineFigures = Record<string, number>;

/** Counts of mistakes: the floor allows none more than the baseline has. */
export const FEWER_IS_BETTER = new Set(['noiseLinesServed', 'unrelatedClaimsServed']);

export function headlineFigures(report: EvalReport): HeadlineFigures {
  const share = ({ correct, total }: { correct: number; total: number }) => (total === 0 ? 1 : round(correct / total));
  return {
    claimsF1: report.claims.f1,
    topicsMicroF1: report.topics.micro.f1,
    factGroupingF1: report.factGrouping.f1,
    speakerAccuracy: report.speaker.accuracy,
    quoteRecall: report.quotes.recall,
    metadataTitle: share(report.metadata.title),
    metadataPublisher: share(report.metadata.publisher),
    metadataAuthor: share(report.metadata.author),
    metadataPublishedAt: share(report.metadata.publishedAt),
    discrepancyRecall: report.discrepancies.recall,
    discrepancyPrecision: report.discrepancies.precision,
    noiseLinesServed: report.claims.noiseServed,
    unrelatedClaimsServed: report.unrelated.claimsServed,
  };
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open.js';
import { ReadModel } from '../db/read-model.js';
import { evaluate, formatReport, type EvalReport } from '../eval/index.js';
import { loadGold } from '../eval/gold.js';
import { ingest } from '../ingest/index.js';

/**
 * The seed gold is what the pipeline was developed against; the second fixture was written and
 * annotated separately, so its figures show how the pipeline does on articles it was not tuned on.
 */
const SUITES = [
  { name: 'seeds', gold: 'test/fixtures/gold', articles: 'seeds' },
  { name: 'second', gold: 'test/fixtures/second/gold', articles: 'test/fixtures/second/articles' },
];

const { values } = parseArgs({
  options: {
    gold: { type: 'string' },
    articles: { type: 'string' },
    lexicon: { type: 'string', default: 'seeds' },
    out: { type: 'string', default: 'eval-report.json' },
  },
});

/** The same path the API serves: ingest into a fresh database, then read through the read model. */
async function run(gold: string, articles: string): Promise<EvalReport> {
  const dir = mkdtempSync(join(tmpdir(), 'summit-facts-eval-'));
  try {
    const db = openDatabase(join(dir, 'eval.db'));
    await ingest(db, { paths: [articles], lexiconDir: values.lexicon! });
    const readModel = new ReadModel(db);
    const report = evaluate(readModel, loadGold(gold, articles), readModel.topicSlugs());
    db.close();
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const suites =
  values.gold || values.articles
    ? [{ name: 'custom', gold: values.gold ?? SUITES[0]!.gold, articles: values.articles ?? SUITES[0]!.articles }]
    : SUITES;
const reports: Record<string, EvalReport> = {};
for (const suite of suites) {
  reports[suite.name] = await run(suite.gold, suite.articles);
  console.log(`== ${suite.name} (${suite.gold})`);
  console.log(formatReport(reports[suite.name]!));
  console.log('');
}
writeFileSync(values.out!, `${JSON.stringify(reports, null, 2)}\n`);
console.log(`report written to ${values.out}`);

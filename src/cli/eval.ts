import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/open.js';
import { ReadModel } from '../db/read-model.js';
import { evaluate, formatReport } from '../eval/index.js';
import { loadGold } from '../eval/gold.js';
import { ingest } from '../ingest/index.js';

const { values } = parseArgs({
  options: {
    gold: { type: 'string', default: 'test/fixtures/gold' },
    articles: { type: 'string', default: 'seeds' },
    lexicon: { type: 'string', default: 'seeds' },
    out: { type: 'string', default: 'eval-report.json' },
  },
});

// The same path the API serves: ingest into a fresh database, then read through the read model.
const dir = mkdtempSync(join(tmpdir(), 'summit-facts-eval-'));
try {
  const db = openDatabase(join(dir, 'eval.db'));
  ingest(db, { paths: [values.articles!], lexiconDir: values.lexicon! });
  const readModel = new ReadModel(db);
  const report = evaluate(readModel, loadGold(values.gold!, values.articles!), readModel.topicSlugs());
  db.close();
  console.log(formatReport(report));
  writeFileSync(values.out!, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`report written to ${values.out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport, type EvalReport } from '../eval/index.js';
import { DEV_SUITES, headlineFigures, runSuite } from '../eval/suites.js';

/** Where the regression floor's figures live: `npm test` fails when a dev figure falls more than 0.02 below them. */
const BASELINE = 'test/fixtures/eval-baseline.json';

const { values } = parseArgs({
  options: {
    gold: { type: 'string' },
    articles: { type: 'string' },
    lexicon: { type: 'string', default: 'seeds' },
    out: { type: 'string', default: 'eval-report.json' },
    'write-baseline': { type: 'boolean', default: false },
  },
});

const custom = values.gold || values.articles;
const suites = custom
  ? [{ name: 'custom', gold: values.gold ?? DEV_SUITES[0]!.gold, articles: values.articles ?? DEV_SUITES[0]!.articles, lexicon: values.lexicon! }]
  : DEV_SUITES;
const reports: Record<string, EvalReport> = {};
for (const suite of suites) {
  reports[suite.name] = await runSuite(suite);
  console.log(`== ${suite.name} (${suite.gold})`);
  console.log(formatReport(reports[suite.name]!));
  console.log('');
}
writeFileSync(values.out!, `${JSON.stringify(reports, null, 2)}\n`);
console.log(`report written to ${values.out}`);
if (values['write-baseline']) {
  if (custom) throw new Error('--write-baseline scores the dev suites only: leave out --gold and --articles');
  const baseline = Object.fromEntries(Object.entries(reports).map(([name, report]) => [name, headlineFigures(report)]));
  writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(`baseline written to ${BASELINE}: commit it on its own, saying why the figures moved`);
}

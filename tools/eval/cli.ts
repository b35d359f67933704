/**
 * `npm run eval`: scores the pipeline on the gold sets (./suites.ts) and writes eval-report.json. Run by
 * tsx on the product's TypeScript, after the build the extraction threads run from (see package.json).
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatReport, type EvalReport } from './index.js';
import { DEV_SUITES, headlineFigures, runSuite, TEST_SUITES, type Suite } from './suites.js';

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
const groups: Array<{ heading: string; suites: Suite[]; sealed: boolean }> = custom
  ? [{ heading: 'custom', sealed: false, suites: [{ name: 'custom', gold: values.gold ?? DEV_SUITES[0]!.gold, articles: values.articles ?? DEV_SUITES[0]!.articles, lexicon: values.lexicon! }] }]
  : [
      { heading: 'DEV (tune on these)', suites: DEV_SUITES, sealed: false },
      { heading: 'TEST (sealed: aggregate figures only)', suites: TEST_SUITES, sealed: true },
    ];
const reports: Record<string, EvalReport> = {};
for (const { heading, suites, sealed } of groups) {
  console.log(`######## ${heading}`);
  for (const suite of suites) {
    const report = await runSuite(suite);
    console.log(`== ${suite.name} (${suite.gold})`);
    console.log(formatReport(report).replace('(listed in the JSON report)', sealed ? '(not listed: sealed)' : '(listed in the JSON report)'));
    console.log('');
    // The sealed set's sentences stay out of the report: a rule must never be written for one of them.
    reports[suite.name] = sealed ? { ...report, claims: { ...report.claims, noiseServedTexts: [] }, mistakes: [] } : report;
  }
}
writeFileSync(values.out!, `${JSON.stringify(reports, null, 2)}\n`);
console.log(`report written to ${values.out}`);
if (values['write-baseline']) {
  if (custom) throw new Error('--write-baseline scores the dev suites only: leave out --gold and --articles');
  const baseline = Object.fromEntries(DEV_SUITES.map(({ name }) => [name, headlineFigures(reports[name]!)]));
  writeFileSync(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`);
  console.log(`baseline written to ${BASELINE}: commit it on its own, saying why the figures moved`);
}

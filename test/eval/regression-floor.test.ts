import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { DEV_SUITES, FEWER_IS_BETTER, headlineFigures, runSuite, type HeadlineFigures } from '../../tools/eval/suites.js';

/**
 * Extraction may not get worse unnoticed: every dev figure stays within 0.02 of the committed baseline
 * (`npm run eval -- --write-baseline` rewrites it; a change to it is a commit of its own that says why),
 * and no count of mistakes grows.
 */
const TOLERANCE = 0.02;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const baseline = JSON.parse(readFileSync(new URL('../fixtures/eval-baseline.json', import.meta.url), 'utf8')) as Record<string, HeadlineFigures>;

/** The figures that fell below the floor, each with its baseline and today's value. */
function fallenFigures(today: HeadlineFigures, floor: HeadlineFigures): string[] {
  return Object.entries(floor).flatMap(([name, was]) => {
    const now = today[name];
    if (now === undefined) return [`${name}: no longer measured`];
    const fell = FEWER_IS_BETTER.has(name) ? now > was : now < was - TOLERANCE;
    return fell ? [`${name}: ${was} -> ${now}`] : [];
  });
}

t.test('the floor catches a figure that falls, and only that', async (t) => {
  const floor = { claimsF1: 0.9, speakerAccuracy: 0.8, noiseLinesServed: 2 };
  const rows: Array<[HeadlineFigures, string[]]> = [
    [{ claimsF1: 0.9, speakerAccuracy: 0.8, noiseLinesServed: 2 }, []],
    [{ claimsF1: 0.881, speakerAccuracy: 0.95, noiseLinesServed: 0 }, []],
    [{ claimsF1: 0.879, speakerAccuracy: 0.8, noiseLinesServed: 2 }, ['claimsF1: 0.9 -> 0.879']],
    [{ claimsF1: 0.9, speakerAccuracy: 0.8, noiseLinesServed: 3 }, ['noiseLinesServed: 2 -> 3']],
    [{ claimsF1: 0.9, noiseLinesServed: 2 }, ['speakerAccuracy: no longer measured']],
  ];
  for (const [today, fallen] of rows) t.same(fallenFigures(today, floor), fallen, JSON.stringify(today));
});

for (const suite of DEV_SUITES) {
  t.test(`${suite.name}: no extraction figure falls below the committed baseline`, async (t) => {
    const floor = baseline[suite.name];
    t.ok(floor, `the baseline has figures for ${suite.name}`);
    const today = headlineFigures(await runSuite(suite, ROOT));
    t.same(fallenFigures(today, floor!), [], JSON.stringify(today));
  });
}

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { openDatabase } from '../../src/db/open.js';
import { ingest } from '../../src/ingest/index.js';
import { exited } from '../helpers/child-process.js';
import { spawnIngest, writeCorpus } from '../helpers/corpus.js';
import { randomGenerator as seededRandom } from '../../tools/bench/synthetic-corpus.js';
import { canonicalDump, soundnessProblems, sourceShapes } from '../helpers/dump.js';
import { SEEDS_DIR, tempDir } from '../helpers/seeded-db.js';

/**
 * kill -9 the ingest CLI at random points while it writes 42 articles. After every kill the database
 * is sound, holds no half-written source, and a second run leaves it equal to a clean ingest's.
 * CRASH_SEED repeats a run's kill points; CRASH_POINTS sets how many.
 */
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);
const POINTS = Number(process.env.CRASH_POINTS ?? 24);
// Each point is a process run plus a second ingest: twice the limit other files have (.taprc).
t.setTimeout(600_000);

t.test(`SIGKILL at ${POINTS} random points loses nothing and half-writes nothing`, async (t) => {
  const dir = tempDir(t);
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  const files = writeCorpus(corpus, 2);

  // The reference: a clean ingest, in process.
  const clean = openDatabase(join(dir, 'clean.db'));
  await ingest(clean, { paths: [corpus], lexiconDir: SEEDS_DIR });
  const cleanDump = canonicalDump(clean);
  const cleanShapes = sourceShapes(clean);
  clean.close();
  t.equal(cleanShapes.size, files.length, `the clean ingest holds all ${files.length} articles`);

  // How long a whole run takes here, and when it starts writing (its first line of output).
  const started = Date.now();
  const calibration = spawnIngest(join(dir, 'calibration.db'), [corpus]);
  let firstOutput = 0;
  calibration.stdout!.once('data', () => (firstOutput = Date.now() - started));
  t.same(await exited(calibration), { code: 0, signal: null }, 'an uninterrupted run exits 0');
  const total = Date.now() - started;
  t.comment(`crash seed ${SEED} (CRASH_SEED=${SEED} repeats its random draws); a full run takes ${total} ms, writing from ${firstOutput} ms`);

  const random = seededRandom(SEED);
  const outcomes: Array<{ delay: number; sources: number; factsStale: boolean; killed: boolean }> = [];
  // How long writing takes, from the first line of output to the exit; a run that finishes before its
  // kill shows the machine got faster, and narrows the window.
  let window = total - firstOutput;
  for (let attempt = 0; outcomes.filter((outcome) => outcome.killed).length < POINTS && attempt < POINTS * 2; attempt++) {
    // Timed from the run's first line of output, when it starts writing articles: start-up time
    // varies too much on a shared machine to aim from the spawn. A few kills land after the last
    // article, during the regrouping.
    const path = join(dir, `killed-${attempt}.db`);
    const child = spawnIngest(path, [corpus]);
    const delay = Math.round(random() * window * 1.05);
    let writingFrom = 0;
    child.stdout!.once('data', () => {
      writingFrom = Date.now();
      setTimeout(() => child.kill('SIGKILL'), delay);
    });
    const { signal } = await exited(child);
    if (signal !== 'SIGKILL' && writingFrom) window = Math.min(window, Date.now() - writingFrom);

    let sources = 0;
    let factsStale = false;
    if (existsSync(path)) {
      const db = openDatabase(path);
      t.same(soundnessProblems(db), [], `kill at ${delay} ms: the database is sound`);
      const shapes = sourceShapes(db);
      sources = shapes.size;
      const halfWritten = [...shapes].filter(([id, shape]) => cleanShapes.get(id) !== shape);
      t.same(halfWritten, [], `kill at ${delay} ms: each of its ${shapes.size} sources is whole`);
      factsStale = (db.prepare("SELECT value FROM ingest_state WHERE key = 'facts_stale'").get() as { value: string } | undefined)?.value === '1';
      // Running ingest again finishes the job.
      await ingest(db, { paths: [corpus], lexiconDir: SEEDS_DIR });
      t.same(canonicalDump(db), cleanDump, `kill at ${delay} ms: a second run equals a clean ingest`);
      db.close();
    } else {
      t.pass(`kill at ${delay} ms came before the database was created`);
    }
    outcomes.push({ delay, sources, factsStale, killed: signal === 'SIGKILL' });
    t.comment(`run ${attempt + 1}: ${signal === 'SIGKILL' ? 'killed' : 'exited by itself before the kill'} ${delay} ms into writing, ${sources}/${files.length} sources stored${factsStale ? ', facts not yet regrouped' : ''}`);
  }
  const killedOutcomes = outcomes.filter((outcome) => outcome.killed);
  const during = killedOutcomes.filter((outcome) => outcome.sources > 0 && outcome.sources < files.length).length;
  const beforeRegroup = killedOutcomes.filter((outcome) => outcome.factsStale).length;
  const killed = killedOutcomes.length;
  t.comment(
    `${outcomes.length} runs, ${killed} killed by SIGKILL: ${during} mid-corpus, ${killedOutcomes.filter((o) => o.sources === files.length).length} after the last article ` +
      `(${beforeRegroup} in all with facts left to regroup), ${killedOutcomes.filter((o) => o.sources === 0).length} before the first article was stored; ` +
      `${outcomes.length - killed} finished before their kill`,
  );
  t.ok(killed >= POINTS, `${killed} runs were killed, not finished`);
  t.ok(during >= POINTS / 3, `at least a third of the kills (${during}) landed while articles were being written`);
});

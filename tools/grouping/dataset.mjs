// The dev sets as fact grouping sees them: every claim the pipeline keeps, as a fact candidate, with
// the gold facts of the gold claim it aligns with (none for a claim the gold does not hold).
// Run under tsx after `npm run build` (see train.mjs): it imports the product and the evaluation's gold
// reader from their TypeScript, as `npm run eval` does. The sealed test set is never read here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/open.js';
import { IngestStore, sourceIdFor } from '../../src/db/ingest.js';
import { ingest } from '../../src/ingest/index.js';
import { loadGold } from '../eval/gold.js';
import { alignSpans } from '../eval/metrics.js';
import { DEV_SUITES } from '../eval/suites.js';

/** Candidates of one dev suite, each with `gold`: the gold fact keys of its aligned claim, prefixed by the suite. */
export async function suiteCandidates(suite) {
  const dir = mkdtempSync(join(tmpdir(), 'summit-facts-pairs-'));
  try {
    const db = openDatabase(join(dir, 'pairs.db'));
    try {
      await ingest(db, { paths: [suite.articles], lexiconDir: suite.lexicon });
      const store = new IngestStore(db);
      const { candidates, claims } = store.factCandidates();
      const gold = loadGold(suite.gold, suite.articles);
      const bySource = new Map();
      for (const candidate of candidates) {
        const list = bySource.get(candidate.sourceId) ?? [];
        list.push(candidate);
        bySource.set(candidate.sourceId, list);
      }
      const out = [];
      for (const source of gold) {
        const served = bySource.get(sourceIdFor(source.text)) ?? [];
        if (!source.aboutEvent) {
          for (const candidate of served) out.push({ ...candidate, gold: [] });
          continue;
        }
        const located = served.map((candidate) => ({ ...candidate, start: claims.get(candidate.id).spanStart, end: claims.get(candidate.id).spanStart + candidate.text.length }));
        const pairs = alignSpans(located, source.claims);
        const goldOf = new Map([...pairs].map(([g, p]) => [p, source.claims[g].facts.map((key) => `${suite.name}:${key}`)]));
        served.forEach((candidate, index) => out.push({ ...candidate, gold: goldOf.get(index) ?? [] }));
      }
      return out;
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function devCandidates() {
  const suites = [];
  for (const suite of DEV_SUITES) suites.push({ name: suite.name, candidates: await suiteCandidates(suite) });
  return suites;
}

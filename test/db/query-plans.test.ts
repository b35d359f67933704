import t from 'tap';
import type { Db } from '../../src/db/open.js';
import { CLAIM_FACETS, CLAIM_SEQ_SPAN } from '../../src/data-layout.js';
import { ReadModel } from '../../src/db/read-model.js';
import { ingest } from '../../src/ingest/index.js';
import { claimFilterCombinations, claimFilterValues, walk } from '../helpers/read-model-walk.js';
import { SEEDS_DIR, seededDb } from '../helpers/seeded-db.js';

/** A read model over a connection that records every statement it prepares. */
function recordingReadModel(db: Db): { readModel: ReadModel; prepared: Set<string> } {
  const prepared = new Set<string>();
  const recording = new Proxy(db, {
    get(target, property) {
      if (property === 'prepare') {
        return (sql: string) => {
          prepared.add(sql);
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { readModel: new ReadModel(recording), prepared };
}

/** EXPLAIN QUERY PLAN with every parameter bound to null: SQLite plans without looking at values. */
function plan(db: Db, sql: string): string[] {
  const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((match) => match[1]!))];
  const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (
    names.length
      ? statement.all(Object.fromEntries(names.map((name) => [name, null])))
      : statement.all(...Array<null>((sql.match(/\?/g) ?? []).length).fill(null))
  ) as Array<{ detail: string }>;
  return rows.map((row) => row.detail);
}

/**
 * The only full reads allowed: json_each over the ids of one page (or the keys of a group of claims), an
 * FTS5 MATCH (an index lookup, by rowid too where the idxStr says `=`), the one-row counts table, the
 * taxonomy (tens of rows) and the off-event sources (their own partial index, migration 016).
 */
const ALLOWED_SCANS = [
  /^SCAN json_each VIRTUAL TABLE/,
  /^SCAN claims_fts (?:EXISTS )?VIRTUAL TABLE INDEX \d+:[=<>]*M/,
  /^SCAN corpus_counts$/,
  /^SCAN topics(?: USING INDEX|$)/,
  /^SCAN CONSTANT ROW$/,
  /^SCAN sources USING INDEX sources_off_event$/,
];

t.test('every statement the read model prepares reads through an index; every list page is read in order from the cursor', async (t) => {
  const { db } = await seededDb(t);
  const { readModel, prepared } = recordingReadModel(db);

  // Walk every list to its end, three items a page, so deep-cursor statements are prepared too.
  for (const filter of claimFilterCombinations(claimFilterValues(readModel))) walk((after: [number, number] | null) => readModel.listClaims(filter, 3, after));
  for (const minSources of [1, 2]) walk((after: [number, string] | null) => readModel.listFacts({ minSources }, 3, after));
  walk((after: [number, string] | null) => readModel.listFacts({ minSources: 1, topic: 'taiwan' }, 3, after));
  walk((after: [number, string] | null) => readModel.listDiscrepancies({}, 3, after));
  walk((after: [number, string] | null) => readModel.listDiscrepancies({ kind: 'place', topic: 'taiwan' }, 3, after));
  walk((after: [number, string] | null) => readModel.listFactsBySpeaker({ speaker: 'joe biden' }, 3, after));
  walk((after: [number, string] | null) => readModel.listFactsBySpeaker({ speaker: 'joe biden', topic: 'taiwan' }, 3, after));
  readModel.speakers();
  walk((after: [number, number, string] | null) => readModel.listEntities({}, 3, after));
  walk((after: [number, number, string] | null) => readModel.listEntities({ kind: 'place', q: 'an' }, 3, after));
  walk((after: [number] | null) => readModel.listSources(2, after));
  walk((after: [number] | null) => readModel.listTopics(2, after));
  const source = readModel.getSource(readModel.listSources(1, null).items[0]!.id)!;
  readModel.getClaim(source.claims[0]!.id);
  readModel.getFact(readModel.listFacts({ minSources: 2 }, 1, null).items[0]!.id);
  readModel.getEntity(readModel.findEntityId('China')!);
  readModel.health();
  // Facets beside every combination of claim filters, all four together and each alone, and beside facts.
  for (const filter of claimFilterCombinations(claimFilterValues(readModel))) {
    for (const names of [CLAIM_FACETS, ...CLAIM_FACETS.map((name) => [name])]) readModel.listClaims(filter, 3, null, { names, size: 5 });
  }
  for (const filter of [{ minSources: 1 }, { minSources: 2, topic: 'taiwan' }]) readModel.listFacts(filter, 3, null, { names: ['topic'], size: 5 });

  const sqls = [...prepared];
  t.ok(sqls.filter((sql) => /FROM claims c|FROM claim_\w+ k JOIN claims c|FROM claims_fts JOIN claims c/.test(sql) && /LIMIT @limit/.test(sql)).length >= 20, 'claim lists with each filter and pairs of filters');
  t.ok(sqls.some((sql) => /source_count = @afterCount AND id > @afterId/.test(sql)), 'the deep /facts statement, after a cursor');
  t.ok(sqls.filter((sql) => /AS valueCount/.test(sql)).length >= 30, 'facet statements, kept for each filter alone and counted from a tally');
  t.ok(sqls.filter((sql) => /AS tally/.test(sql)).length >= 40, 'tallies for each pair of filters, with and without sources');

  for (const sql of sqls) {
    const steps = plan(db, sql);
    const name = sql.replace(/\s+/g, ' ').slice(0, 160);
    // A subquery run as a co-routine, or a common table expression materialised, is read back whole: it
    // is already bounded (a fact's first FACT_PREVIEW_SIZE claims, read from the index; the claims a
    // filter selects, read from its index), so scanning it is not a table scan.
    const coroutines = new Set(steps.flatMap((step) => /^(?:CO-ROUTINE|MATERIALIZE) (\S+)/.exec(step)?.[1] ?? []));
    // The reader's speaker list counts the whole speaker index; the read model keeps it until the data changes.
    const countsSpeakers = /count\(DISTINCT cf\.fact_id\)/.test(sql) && steps.includes('SCAN c USING COVERING INDEX claims_by_speaker');
    const scans = steps.filter(
      (step) =>
        step.startsWith('SCAN') &&
        !ALLOWED_SCANS.some((allowed) => allowed.test(step)) &&
        !coroutines.has(step.slice('SCAN '.length)) &&
        !(countsSpeakers && step === 'SCAN c USING COVERING INDEX claims_by_speaker'),
    );
    t.same(scans, [], `no full scan: ${name}`);
    // A facet sorts its counted values (valueCount counts them), as many as the filtered claims have: not a page.
    if (/LIMIT/.test(sql) && !/AS valueCount/.test(sql)) {
      // Ordering the elements of one JSON aggregate (a preview of at most FACT_PREVIEW_SIZE ids) is not a page sort.
      // The reader's speaker filter sorts one speaker's facts, found from the speaker index: their number
      // follows that speaker's claims, not the corpus.
      const sortsOneSpeaker = steps.includes('SEARCH c USING COVERING INDEX claims_by_speaker (speaker=?)') && /^SELECT .* FROM facts f\s+WHERE f\.id IN \(SELECT cf\.fact_id FROM claims c/s.test(sql);
      const sorts = steps.filter(
        (step) =>
          step.startsWith('USE TEMP B-TREE') && step !== 'USE TEMP B-TREE FOR json_group_array(ORDER BY)' && !(sortsOneSpeaker && step === 'USE TEMP B-TREE FOR ORDER BY'),
      );
      t.same(sorts, [], `a list page is read in order from its index: ${name}`);
    }
  }
});

t.test('full-text search reads its matches in rowid order, from the cursor on', async (t) => {
  const { db } = await seededDb(t);
  const { readModel, prepared } = recordingReadModel(db);
  readModel.listClaims({ q: 'military' }, 3, [2, 5]);
  const sql = [...prepared].find((statement) => /FROM claims_fts JOIN claims c/.test(statement))!;
  const steps = plan(db, sql);
  t.match(steps[0], /^SCAN claims_fts VIRTUAL TABLE INDEX \d+:M1/, 'a MATCH with a rowid bound');
  t.notOk(steps.some((step) => step.includes('TEMP B-TREE')), 'no sort');
});

t.test("a claim's rowid is its list position, after ingest and after re-extraction", async (t) => {
  const { db } = await seededDb(t);
  const misplaced = () => db.prepare(`SELECT COUNT(*) AS n FROM claims WHERE rowid != source_seq * ${CLAIM_SEQ_SPAN} + seq`).get();
  t.same(misplaced(), { n: 0 });
  // Re-extraction deletes and rewrites every source's claims, as a taxonomy change does.
  db.prepare("UPDATE ingest_state SET value = 'changed' WHERE key = 'lexicon_fingerprint'").run();
  const summary = await ingest(db, { paths: [], lexiconDir: SEEDS_DIR });
  t.equal(summary.reextracted, 5);
  t.same(misplaced(), { n: 0 });
  t.same(db.prepare("SELECT COUNT(*) AS n FROM claims_fts WHERE claims_fts MATCH 'military'").get(), db.prepare("SELECT COUNT(*) AS n FROM claims WHERE text LIKE '%military%'").get(), 'the full-text index follows');
});

t.test('/health reads the counts the triggers keep', async (t) => {
  const { db } = await seededDb(t);
  const readModel = new ReadModel(db);
  const counted = () => db.prepare('SELECT (SELECT COUNT(*) FROM sources) AS sources, (SELECT COUNT(*) FROM claims) AS claims, (SELECT COUNT(*) FROM facts) AS facts').get();
  t.same(readModel.health(), counted(), 'after ingest');
  db.prepare('DELETE FROM sources WHERE seq = 1').run();
  t.same(readModel.health(), counted(), 'after a delete that cascades to claims');
  db.prepare('DELETE FROM facts').run();
  t.same(readModel.health(), counted(), 'after facts are cleared for regrouping');
});

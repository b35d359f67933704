import t from 'tap';
import type { Db } from '../../src/db/open.js';
import { ReadModel } from '../../src/db/read-model.js';
import { claimFilterCombinations, claimFilterValues, walk } from '../helpers/read-model-walk.js';
import { seededDb } from '../helpers/seeded-db.js';

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
 * The only full reads allowed: json_each over the ids of one page, an FTS5 MATCH (an index lookup),
 * the one-row counts table and the taxonomy (tens of rows, in order from its index).
 */
const ALLOWED_SCANS = [/^SCAN json_each VIRTUAL TABLE/, /^SCAN claims_fts VIRTUAL TABLE INDEX 0:M/, /^SCAN corpus_counts$/, /^SCAN topics USING INDEX/, /^SCAN CONSTANT ROW$/];

t.test('every statement the read model prepares reads through an index; every list page is read in order from the cursor', async (t) => {
  const { db } = seededDb(t);
  const { readModel, prepared } = recordingReadModel(db);

  // Walk every list to its end, three items a page, so deep-cursor statements are prepared too.
  for (const filter of claimFilterCombinations(claimFilterValues(readModel))) walk((after: [number, number] | null) => readModel.listClaims(filter, 3, after));
  for (const minSources of [1, 2]) walk((after: [number, string] | null) => readModel.listFacts({ minSources }, 3, after));
  walk((after: [number, string] | null) => readModel.listFacts({ minSources: 1, topic: 'taiwan' }, 3, after));
  walk((after: [number, string] | null) => readModel.listDiscrepancies({}, 3, after));
  walk((after: [number, string] | null) => readModel.listDiscrepancies({ kind: 'place', topic: 'taiwan' }, 3, after));
  walk((after: [number, number, string] | null) => readModel.listEntities({}, 3, after));
  walk((after: [number, number, string] | null) => readModel.listEntities({ kind: 'place', q: 'an' }, 3, after));
  walk((after: [number] | null) => readModel.listSources(2, after));
  walk((after: [number] | null) => readModel.listTopics(2, after));
  const source = readModel.getSource(readModel.listSources(1, null).items[0]!.id)!;
  readModel.getClaim(source.claims[0]!.id);
  readModel.getFact(readModel.listFacts({ minSources: 2 }, 1, null).items[0]!.id);
  readModel.getEntity(readModel.findEntityId('China')!);
  readModel.health();

  const sqls = [...prepared];
  t.ok(sqls.filter((sql) => /FROM claims c|FROM claim_\w+ k JOIN claims c|FROM claims_fts JOIN claims c/.test(sql) && /LIMIT @limit/.test(sql)).length >= 20, 'claim lists with each filter and pairs of filters');
  t.ok(sqls.some((sql) => /source_count = @afterCount AND id > @afterId/.test(sql)), 'the deep /facts statement, after a cursor');

  for (const sql of sqls) {
    const steps = plan(db, sql);
    const name = sql.replace(/\s+/g, ' ').slice(0, 160);
    const scans = steps.filter((step) => step.startsWith('SCAN') && !ALLOWED_SCANS.some((allowed) => allowed.test(step)));
    t.same(scans, [], `no full scan: ${name}\n${steps.join('\n')}`);
    if (/LIMIT/.test(sql)) {
      const sorts = steps.filter((step) => step.startsWith('USE TEMP B-TREE'));
      // Full-text search alone is the one list that sorts: FTS5 yields matches in rowid order.
      if (/FROM claims_fts JOIN claims c/.test(sql)) t.same(sorts, ['USE TEMP B-TREE FOR ORDER BY'], `full-text search sorts its matches: ${name}`);
      else t.same(sorts, [], `a list page is read in order from its index: ${name}\n${steps.join('\n')}`);
    }
  }
});

t.test('/health reads the counts the triggers keep', async (t) => {
  const { db } = seededDb(t);
  const readModel = new ReadModel(db);
  const counted = () => db.prepare('SELECT (SELECT COUNT(*) FROM sources) AS sources, (SELECT COUNT(*) FROM claims) AS claims, (SELECT COUNT(*) FROM facts) AS facts').get();
  t.same(readModel.health(), counted(), 'after ingest');
  db.prepare('DELETE FROM sources WHERE seq = 1').run();
  t.same(readModel.health(), counted(), 'after a delete that cascades to claims');
  db.prepare('DELETE FROM facts').run();
  t.same(readModel.health(), counted(), 'after facts are cleared for regrouping');
});

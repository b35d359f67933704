import type { Db } from '../../src/db/open.js';

/**
 * Every row of every table, each table sorted by all its columns, so two equal dumps are two equal
 * databases whatever order rows were written in. The full-text index is not dumped byte for byte (its
 * segments depend on how writes were batched); it is checked against the claims instead, and claims
 * carry their rowid, which links them to it. The change feed is history, not state: two equal databases
 * may have reached their state by different writes, so it is left out (with SQLite's own counter of it).
 * Claims' facet keys name their set of topics and entities by a number that follows the order in which
 * writes first stored each set, so each claim's keys are dumped with the set itself, not its number.
 */
export function canonicalDump(db: Db): Record<string, unknown> {
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'claims_fts%' AND name NOT IN ('changes', 'sqlite_sequence', 'claim_keys', 'facet_key_sets') ORDER BY name")
      .all() as Array<{ name: string }>
  ).map(
    (row) => row.name,
  );
  const dump: Record<string, unknown> = { user_version: db.pragma('user_version', { simple: true }) };
  for (const table of tables) {
    const columns = (db.prepare(`SELECT COUNT(*) AS n FROM pragma_table_info('${table}')`).get() as { n: number }).n;
    const order = Array.from({ length: columns }, (_, index) => index + 1).join(', ');
    dump[table] = db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().all();
  }
  dump.claim_rowids = db.prepare('SELECT rowid, id FROM claims ORDER BY rowid').raw().all();
  dump.claim_keys = db
    .prepare('SELECT k.position, k.off_event, k.speaker, k.checkworthiness, s.topics, s.entities FROM claim_keys k LEFT JOIN facet_key_sets s ON s.id = k.key_set ORDER BY k.position')
    .raw()
    .all();
  dump.fts_matches = ['china', 'military', 'fentanyl', 'taiwan', 'said'].map((term) =>
    db.prepare('SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? ORDER BY rowid').raw().all(term),
  );
  return dump;
}

/** What must hold of any database at rest: SQLite's own checks, foreign keys, and the index against claims. */
export function soundnessProblems(db: Db): string[] {
  const problems: string[] = [];
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const foreign = db.pragma('foreign_key_check') as unknown[];
  if (foreign.length) problems.push(`foreign_key_check: ${JSON.stringify(foreign.slice(0, 3))}`);
  try {
    db.exec("INSERT INTO claims_fts (claims_fts, rank) VALUES ('integrity-check', 1)");
  } catch (error) {
    problems.push(`full-text index: ${(error as Error).message}`);
  }
  return problems;
}

/** Per source: how many rows of each kind hang off it; a half-written source differs from a clean one. */
export function sourceShapes(db: Db): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT s.id, s.claim_count AS claimCount,
              (SELECT COUNT(*) FROM claims c WHERE c.source_id = s.id) AS claims,
              (SELECT COUNT(*) FROM boilerplate b WHERE b.source_id = s.id) AS boilerplate,
              (SELECT COUNT(*) FROM claim_topics ct JOIN claims c ON c.id = ct.claim_id WHERE c.source_id = s.id) AS topics,
              (SELECT COUNT(*) FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id WHERE c.source_id = s.id) AS mentions
       FROM sources s`,
    )
    .all() as Array<{ id: string; claimCount: number; claims: number; boilerplate: number; topics: number; mentions: number }>;
  return new Map(rows.map((row) => [row.id, `${row.claimCount}/${row.claims} claims, ${row.boilerplate} boilerplate, ${row.topics} topics, ${row.mentions} mentions`]));
}

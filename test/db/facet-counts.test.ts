import t from 'tap';
import { IngestStore, sourceIdFor } from '../../src/db/ingest.js';
import { migrate, readMigrations } from '../../src/db/migrate.js';
import type { Db } from '../../src/db/open.js';
import { regroupFacts } from '../../src/ingest/extract-into-store.js';
import { ingest } from '../../src/ingest/index.js';
import { loadLexicon } from '../../src/lexicon.js';
import { POSTED_ARTICLE, SEEDS_DIR, seededDb, TEST_AUTH, writableApp } from '../helpers/seeded-db.js';

/**
 * What migration 017 keeps for facets, against the same counted the plainest way, from the claims and
 * their link tables: every claim's keys, the count of each pair of values over a self-join, and of each
 * value by source.
 */
function keptAndCounted(db: Db) {
  const kept = {
    keys: db
      .prepare('SELECT k.position, k.off_event, k.speaker, k.checkworthiness, s.topics, s.entities FROM claim_keys k JOIN facet_key_sets s ON s.id = k.key_set ORDER BY k.position')
      .raw()
      .all(),
    counts: db.prepare('SELECT filter, filter_value, facet, off_event, value, claims FROM claim_facet_counts ORDER BY 1, 2, 3, 4, 5').raw().all(),
  };
  const linked = (table: 'claim_topics' | 'claim_entities', column: string, position: number) =>
    (db.prepare(`SELECT DISTINCT ${column} AS value FROM ${table} WHERE source_seq = ? AND claim_seq = ?`).all(Math.floor(position / 2 ** 20), position % 2 ** 20) as Array<{ value: string }>)
      .map((row) => row.value)
      .sort();
  const claims = db.prepare('SELECT rowid AS position, off_event, speaker, checkworthiness FROM claims ORDER BY rowid').all() as Array<{ position: number; off_event: number; speaker: string | null; checkworthiness: number }>;
  const counted = {
    keys: claims.map((claim) => [
      claim.position,
      claim.off_event,
      claim.speaker,
      claim.checkworthiness,
      JSON.stringify(linked('claim_topics', 'topic_slug', claim.position)),
      JSON.stringify(linked('claim_entities', 'entity_id', claim.position)),
    ]),
    counts: db
      .prepare(
        `WITH keys (position, off_event, facet, value, filter_value) AS (
           SELECT c.rowid, c.off_event, 'topic', ct.topic_slug, ct.topic_slug FROM claim_topics ct JOIN claims c ON c.id = ct.claim_id
           UNION ALL SELECT c.rowid, c.off_event, 'speaker', c.speaker, lower(c.speaker) FROM claims c WHERE c.speaker IS NOT NULL
           UNION ALL SELECT DISTINCT c.rowid, c.off_event, 'entity', ce.entity_id, ce.entity_id FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id
         )
         SELECT '', '', facet, off_event, value, COUNT(*) FROM keys GROUP BY facet, off_event, value
         UNION ALL
         SELECT f.facet, f.filter_value, k.facet, k.off_event, k.value, COUNT(*) FROM keys f JOIN keys k ON k.position = f.position GROUP BY 1, 2, 3, 4, 5
         UNION ALL
         SELECT '', '', 'source', off_event, source_seq, COUNT(*) FROM claims GROUP BY source_seq, off_event
         UNION ALL
         SELECT facet, filter_value, 'source', off_event, position / 1048576, COUNT(*) FROM keys GROUP BY facet, filter_value, position / 1048576, off_event
         ORDER BY 1, 2, 3, 4, 5`,
      )
      .raw()
      .all(),
  };
  return { kept, counted };
}

/**
 * What migration 018 keeps, each claim's keys read back through its source's signatures, against the
 * same read from each claim the plainest way.
 */
function signedAndCounted(db: Db) {
  const signatures = new Map(
    (db.prepare('SELECT s.id, s.speaker, k.topics, k.entities FROM facet_signatures s JOIN facet_key_sets k ON k.id = s.key_set').all() as Array<{ id: number; speaker: string | null; topics: string; entities: string }>).map((row) => [row.id, row]),
  );
  const sources = db.prepare('SELECT seq, off_event, signatures FROM source_facet_signatures ORDER BY seq').all() as Array<{ seq: number; off_event: number; signatures: string }>;
  const signed = sources.flatMap(({ seq, off_event, signatures: text }) =>
    [...text].map((character, claimSeq) => {
      const signature = signatures.get(character.codePointAt(0)!)!;
      return [seq * 2 ** 20 + claimSeq, off_event, signature.speaker, signature.topics, signature.entities];
    }),
  );
  const counted = db
    .prepare('SELECT k.position, k.off_event, k.speaker, s.topics, s.entities FROM claim_keys k JOIN facet_key_sets s ON s.id = k.key_set ORDER BY k.position')
    .raw()
    .all();
  return { signed, counted };
}

const UNRELATED = [
  'Harbour town votes for a night ferry',
  '',
  'The town council of Kelmsby voted 9 to 2 on Monday to run a night ferry across the estuary from May.',
  '',
  'Councillor Ada Brenner said the service would help shift workers at the port.',
].join('\n');

t.test('the facet keys and counts stay exact through API writes, a removal, a re-extraction and a regroup', async (t) => {
  const { app, writerDb: db } = await writableApp(t);
  const check = (when: string) => {
    const { kept, counted } = keptAndCounted(db);
    t.ok(kept.counts.length > 100, `${when}: ${kept.counts.length} counts kept`);
    t.same(kept.keys, counted.keys, `${when}: every claim's keys`);
    t.same(kept.counts, counted.counts, `${when}: every count`);
    const { signed, counted: keys } = signedAndCounted(db);
    t.same(signed, keys, `${when}: every claim's signature`);
  };
  check('after ingest');

  for (const text of [POSTED_ARTICLE, UNRELATED]) t.equal((await app.inject({ method: 'POST', url: '/sources', headers: TEST_AUTH, payload: { text } })).statusCode, 201);
  t.ok(db.prepare('SELECT 1 FROM claim_facet_counts WHERE off_event = 1').get(), 'an off-event source is counted apart');
  check('after two API writes, one off the event');

  const removed = db.prepare('SELECT id FROM sources ORDER BY seq LIMIT 1').get() as { id: string };
  t.equal((await app.inject({ method: 'DELETE', url: `/sources/${removed.id}`, headers: TEST_AUTH })).statusCode, 200);
  t.equal((await app.inject({ method: 'DELETE', url: `/sources/${sourceIdFor(UNRELATED)}`, headers: TEST_AUTH })).statusCode, 200);
  t.notOk(db.prepare('SELECT 1 FROM claim_facet_counts WHERE off_event = 1').get(), 'counts that fall to nothing are deleted');
  check('after two removals');

  // A changed lexicon re-extracts every stored source, as `npm start` would on this database.
  db.prepare("UPDATE ingest_state SET value = 'changed' WHERE key = 'lexicon_fingerprint'").run();
  t.equal((await ingest(db, { paths: [], lexiconDir: SEEDS_DIR })).reextracted, 5);
  check('after re-extraction');

  // A speaker written in other case, then a regroup, which renames speakers across the corpus.
  db.prepare("UPDATE claims SET extracted_speaker = upper(extracted_speaker) WHERE rowid = (SELECT MIN(rowid) FROM claims WHERE extracted_speaker = 'Xi Jinping')").run();
  regroupFacts(new IngestStore(db), loadLexicon(SEEDS_DIR).lexicon);
  t.ok(db.prepare("SELECT 1 FROM claim_facet_counts WHERE facet = 'speaker' AND value = 'XI JINPING'").get(), 'the speaker in capitals is counted as written');
  check('after a regroup');
});

t.test('migration 017 fills the keys and counts of an existing database', async (t) => {
  const { db } = await seededDb(t);
  const before = keptAndCounted(db).kept;
  db.exec(`DROP TRIGGER claim_keys_delete; DROP TRIGGER claim_keys_speaker; DROP TABLE claim_keys; DROP TABLE facet_key_sets;
    DROP TABLE claim_facet_counts; DROP INDEX sources_off_event;
    PRAGMA user_version = 16;`);
  t.same(migrate(db, readMigrations().filter((migration) => migration.version <= 17)), [17]);
  const { kept, counted } = keptAndCounted(db);
  t.same(kept, before, 'as the write model kept them');
  t.same(kept, counted, 'as counting again gives them');
  // The triggers came back with the table: a delete that cascades from a source takes its claims' keys.
  db.prepare('DELETE FROM sources WHERE seq = 1').run();
  t.same(keptAndCounted(db).kept.keys, keptAndCounted(db).counted.keys);
});

t.test('migration 018 signs the claims of an existing database', async (t) => {
  const { db } = await seededDb(t);
  const before = signedAndCounted(db).signed;
  t.ok(before.length > 50, `${before.length} claims signed`);
  db.exec('DROP TRIGGER source_facet_signatures_delete; DROP TABLE source_facet_signatures; DROP TABLE facet_signatures; PRAGMA user_version = 17;');
  t.same(migrate(db), [18]);
  const { signed, counted } = signedAndCounted(db);
  t.same(signed, before, 'as the write model signed them');
  t.same(signed, counted, "as each claim's keys give them");
  // The trigger came back with the table: a delete that cascades from a source takes its row.
  db.prepare('DELETE FROM sources WHERE seq = 1').run();
  t.same(signedAndCounted(db).signed, signedAndCounted(db).counted);
});

import { createHash } from 'node:crypto';
import type { Variant } from '../pipeline/08-facts/variants.js';
import type { PlaceMention, EntityDefinition, Fact as GroupedFact, FactCandidate, GroupedCandidate } from '../pipeline/index.js';
import type { EntityKind, ProcessedArticle, Topic } from '../pipeline/types.js';
import { CLAIM_SEQ_SPAN, OCCURRENCES_PER_VALUE, stableId } from '../data-layout.js';
import type { Db } from './open.js';
import { appendTo } from '../maps.js';

/** An article to store; `url` is where it was published, when a writer states it. */
export type ArticleFile = { fileName: string | null; text: string; url?: string | null };

export type StoredArticle = { sourceId: string; status: 'new' | 'unchanged'; claims: number };

/** A new article of a batch, with the ids it will be stored under. */
export type PendingArticle = ArticleFile & { hash: string; sourceId: string };

/** A batch sorted by planBatch: one outcome per article in order, and the new articles to extract. */
export type PlannedBatch = { stored: StoredArticle[]; pending: PendingArticle[] };

/** A stored source as re-extraction reads it. */
export type StoredSource = { id: string; seq: number; text: string; url: string | null };

/** Claims as fact grouping reads them, and where each sits, which writing the facts needs back. */
export type StoredCandidates = { candidates: FactCandidate[]; claims: Map<string, ClaimPosition> };

/** A claim as fact grouping reads it, from the claims table and its topic and place links. */
type CandidateRow = {
  id: string;
  sourceId: string;
  sourceSeq: number;
  seq: number;
  text: string;
  checkworthiness: number;
  isHeadline: number;
  speaker: string | null;
  quote: string | null;
  spanStart: number;
  lemmas: string;
  topics: string;
  places: string;
};

const CANDIDATE_COLUMNS = `SELECT c.id, c.source_id AS sourceId, c.source_seq AS sourceSeq, c.seq, c.text, c.checkworthiness,
    c.is_headline AS isHeadline, c.speaker, c.quote, c.span_start AS spanStart, c.lemmas,
    -- Links by list position (migration 008): read in the claims' order, they come from neighbouring pages.
    -- A claim's own topics: one carried from its document (migration 016) says nothing of its wording.
    COALESCE((SELECT json_group_array(topic_slug) FROM claim_topics ct WHERE ct.source_seq = c.source_seq AND ct.claim_seq = c.seq AND ct.carried = 0), '[]') AS topics,
    -- Place mentions as the entities stage stored them, with offsets into the claim's text.
    (SELECT json_group_array(json_object('entity', e.name, 'start', ce.span_start - c.span_start, 'end', ce.span_end - c.span_start))
     FROM claim_entities ce JOIN entities e ON e.id = ce.entity_id
     WHERE ce.source_seq = c.source_seq AND ce.claim_seq = c.seq AND e.kind = 'place') AS places`;

/** Each claim at positions @from up to @to (exclusive) with the facet keys it carries (migration 017). */
const CLAIMS_WITH_KEYS = `SELECT c.rowid AS position, c.off_event, c.speaker, c.checkworthiness,
    (SELECT json_group_array(topic_slug ORDER BY topic_slug) FROM claim_topics ct WHERE ct.source_seq = c.source_seq AND ct.claim_seq = c.seq) AS topics,
    (SELECT json_group_array(entity_id ORDER BY entity_id) FROM (SELECT DISTINCT entity_id FROM claim_entities ce WHERE ce.source_seq = c.source_seq AND ce.claim_seq = c.seq)) AS entities
  FROM claims c WHERE c.rowid >= @from AND c.rowid < @to`;

/** The sets of topics and entities those claims carry that are not stored yet, numbered in order of first use. */
const INDEX_KEY_SETS = `INSERT INTO facet_key_sets (topics, entities)
  SELECT topics, entities FROM (${CLAIMS_WITH_KEYS}) WHERE true GROUP BY topics, entities ORDER BY MIN(position)
  ON CONFLICT DO NOTHING`;

/** Each of those claims' keys, its set of topics and entities by number. */
const INDEX_CLAIM_KEYS = `INSERT INTO claim_keys (position, off_event, speaker, checkworthiness, key_set)
  SELECT d.position, d.off_event, d.speaker, d.checkworthiness, k.id FROM (${CLAIMS_WITH_KEYS}) d
  JOIN facet_key_sets k ON k.topics = d.topics AND k.entities = d.entities`;

/**
 * The signatures (migration 018) of the claims at positions @from up to @to (exclusive) that are not
 * stored yet, numbered on from the last: each id a code point, past the surrogates once it reaches them.
 */
const INDEX_SIGNATURES = `INSERT INTO facet_signatures (id, speaker, key_set)
  SELECT CASE WHEN last < 55296 AND last + n >= 55296 THEN last + n + 2048 ELSE last + n END, speaker, key_set FROM (
    SELECT (SELECT COALESCE(MAX(id), 255) FROM facet_signatures) AS last, ROW_NUMBER() OVER (ORDER BY MIN(k.position)) AS n, k.speaker, k.key_set
    FROM claim_keys k
    WHERE k.position >= @from AND k.position < @to
      AND NOT EXISTS (SELECT 1 FROM facet_signatures s WHERE s.key_set = k.key_set AND s.speaker IS k.speaker)
    GROUP BY k.speaker, k.key_set
  ) WHERE true`;

/** Each source's claims at positions @from up to @to (exclusive) as the characters of their signatures, in claim order. */
const SIGN_SOURCES = `INSERT OR REPLACE INTO source_facet_signatures (seq, off_event, signatures)
  SELECT k.position / ${CLAIM_SEQ_SPAN}, MAX(k.off_event), group_concat(char(s.id), '' ORDER BY k.position)
  FROM claim_keys k JOIN facet_signatures s ON s.key_set = k.key_set AND s.speaker IS k.speaker
  WHERE k.position >= @from AND k.position < @to
  GROUP BY k.position / ${CLAIM_SEQ_SPAN}`;

/**
 * Adds (@sign 1) or takes away (-1) the facet counts (migration 017) of the claims at positions @from up
 * to @to (exclusive): every pair of values they carry, and every value by source. Claims are grouped by
 * what they carry first, and only the groups are paired: a corpus repeats the same topics, speaker and
 * entities a great deal.
 */
const COUNT_FACETS = `WITH grouped AS MATERIALIZED (
    SELECT position / ${CLAIM_SEQ_SPAN} AS seq, off_event, speaker, key_set, COUNT(*) AS claims
    FROM claim_keys WHERE position >= @from AND position < @to GROUP BY seq, off_event, speaker, key_set
  ),
  signatures AS MATERIALIZED (
    SELECT ROW_NUMBER() OVER () AS id, off_event, speaker, key_set, SUM(claims) AS claims FROM grouped GROUP BY off_event, speaker, key_set
  ),
  keys (id, off_event, claims, facet, value, filter_value) AS MATERIALIZED (
    SELECT s.id, s.off_event, s.claims, 'topic', t.value, t.value FROM signatures s JOIN facet_key_sets k ON k.id = s.key_set, json_each(k.topics) t
    -- The speaker filter ignores case (ASCII, as SQLite's NOCASE and lower() both do).
    UNION ALL SELECT s.id, s.off_event, s.claims, 'speaker', s.speaker, lower(s.speaker) FROM signatures s WHERE s.speaker IS NOT NULL
    UNION ALL SELECT s.id, s.off_event, s.claims, 'entity', e.value, e.value FROM signatures s JOIN facet_key_sets k ON k.id = s.key_set, json_each(k.entities) e
  ),
  source_keys (seq, off_event, claims, facet, filter_value) AS (
    SELECT g.seq, g.off_event, g.claims, 'topic', t.value FROM grouped g JOIN facet_key_sets k ON k.id = g.key_set, json_each(k.topics) t
    UNION ALL SELECT g.seq, g.off_event, g.claims, 'speaker', lower(g.speaker) FROM grouped g WHERE g.speaker IS NOT NULL
    UNION ALL SELECT g.seq, g.off_event, g.claims, 'entity', e.value FROM grouped g JOIN facet_key_sets k ON k.id = g.key_set, json_each(k.entities) e
  )
  INSERT INTO claim_facet_counts (filter, filter_value, facet, off_event, value, claims)
  SELECT * FROM (
    SELECT '', '', facet, off_event, value, @sign * SUM(claims) FROM keys GROUP BY facet, off_event, value
    UNION ALL
    SELECT f.facet, f.filter_value, k.facet, k.off_event, k.value, @sign * SUM(k.claims)
    FROM keys f JOIN keys k ON k.id = f.id GROUP BY f.facet, f.filter_value, k.facet, k.off_event, k.value
    UNION ALL
    SELECT '', '', 'source', off_event, seq, @sign * SUM(claims) FROM grouped GROUP BY seq, off_event
    UNION ALL
    SELECT facet, filter_value, 'source', off_event, seq, @sign * SUM(claims) FROM source_keys GROUP BY facet, filter_value, seq, off_event
  ) WHERE true
  ON CONFLICT DO UPDATE SET claims = claims + excluded.claims`;

/** Where a claim sits, which writing facts needs back. */
export type ClaimPosition = { spanStart: number; sourceSeq: number; seq: number };

/** Stored claims with the fact each belongs to, and where each sits. */
export type GroupedCandidates = { candidates: GroupedCandidate[]; claims: Map<string, ClaimPosition> };

/** Metadata a writer states for a source; a field left out keeps what the clean stage read off the page. */
export type StatedMetadata = { title?: string; publisher?: string; author?: string; url?: string; publishedAt?: string };

export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Ids derive from content, so re-ingesting the same text anywhere yields the same ids. */
export function sourceIdFor(text: string): string {
  return `src_${contentHash(text).slice(0, 16)}`;
}

export function claimIdFor(sourceId: string, start: number, end: number): string {
  return stableId('clm', `${sourceId}:${start}:${end}`);
}

/** Renaming an entity in the list, or moving it to another kind, gives it a new id. */
export function entityIdFor(kind: EntityKind, name: string): string {
  return stableId('ent', `${kind}:${name}`);
}


const STATE_LEXICON = 'lexicon_fingerprint';
/** A bound above every source's seq: countFacets over 0..ALL_SOURCES counts the whole corpus. */
const ALL_SOURCES = 2 ** 30;
const STATE_FACTS_STALE = 'facts_stale';
/** How many claims lemma_counts counted: the corpus size its frequencies are out of. */
const STATE_GROUPED_CLAIMS = 'grouped_claims';

/** True when the database already holds at least one source (false before the first migration). */
export function hasSources(db: Db): boolean {
  const migrated = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sources'").get();
  return migrated !== undefined && db.prepare('SELECT 1 FROM sources LIMIT 1').get() !== undefined;
}

/**
 * The write model: every statement that changes the database. Each article is written in one
 * transaction; facts are regrouped over the whole corpus in another. A run interrupted between the
 * two leaves `facts_stale` set, and the next run regroups first.
 */
export class IngestStore {
  private readonly statements;
  /** Entity ids by kind and name: a hash each, asked for once per mention (tens of thousands a run). */
  private readonly entityIds = new Map<string, string>();

  constructor(private readonly db: Db) {
    this.statements = {
      sourceByHash: db.prepare<[string], { id: string }>('SELECT id FROM sources WHERE content_hash = ?'),
      nextSourceSeq: db.prepare<[], { next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM sources'),
      insertSource: db.prepare(
        `INSERT INTO sources (id, seq, content_hash, file_name, title, publisher, author, published_at, text, off_event)
         VALUES (@id, @seq, @contentHash, @fileName, @title, @publisher, @author, @publishedAt, @text, @offEvent)`,
      ),
      updateSourceMetadata: db.prepare(
        'UPDATE sources SET title = @title, publisher = @publisher, author = @author, published_at = @publishedAt WHERE id = @id',
      ),
      setClaimCount: db.prepare('UPDATE sources SET claim_count = ? WHERE id = ?'),
      setOffEvent: db.prepare('UPDATE sources SET off_event = ? WHERE id = ?'),
      insertStatedMetadata: db.prepare(
        `INSERT INTO source_stated_metadata (source_id, title, publisher, author, published_at)
         VALUES (@id, @title, @publisher, @author, @publishedAt)`,
      ),
      // The trigger of migration 006 puts stated values back over what the page said.
      applyStatedMetadata: db.prepare(
        `UPDATE sources SET url = @url, title = COALESCE(@title, title), publisher = COALESCE(@publisher, publisher),
           author = COALESCE(@author, author), published_at = COALESCE(@publishedAt, published_at) WHERE id = @id`,
      ),
      claimCountOf: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM claims WHERE source_id = ?'),
      deleteSource: db.prepare('DELETE FROM sources WHERE id = ?'),
      factIdsOfSource: db.prepare<[string], { id: string }>(
        'SELECT DISTINCT cf.fact_id AS id FROM claim_facts cf JOIN claims c ON c.id = cf.claim_id WHERE c.source_id = ? ORDER BY 1',
      ),
      deleteClaims: db.prepare('DELETE FROM claims WHERE source_id = ?'),
      deleteBoilerplate: db.prepare('DELETE FROM boilerplate WHERE source_id = ?'),
      insertBoilerplate: db.prepare(
        'INSERT INTO boilerplate (source_id, seq, span_start, span_end, text, reason) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      // The rowid is the claim's list position (see CLAIM_SEQ_SPAN).
      insertClaim: db.prepare(
        `INSERT INTO claims (rowid, id, source_id, source_seq, seq, span_start, span_end, text, speaker, extracted_speaker, quote, checkworthiness, is_headline, lemmas, off_event)
         VALUES (@sourceSeq * ${CLAIM_SEQ_SPAN} + @seq, @id, @sourceId, @sourceSeq, @seq, @start, @end, @text, @speaker, @speaker, @quote, @checkworthiness, @isHeadline, @lemmas, @offEvent)`,
      ),
      // Claims are indexed per write, not per row (migration 009): rowids from..to-1 are that write's claims.
      indexClaimText: db.prepare<{ from: number; to: number }>(
        'INSERT INTO claims_fts (rowid, text) SELECT rowid, text FROM claims WHERE rowid >= @from AND rowid < @to',
      ),
      insertClaimTopic: db.prepare('INSERT INTO claim_topics (topic_slug, claim_id, source_seq, claim_seq, carried) VALUES (?, ?, ?, ?, ?)'),
      insertClaimEntity: db.prepare(
        `INSERT INTO claim_entities (claim_id, entity_id, source_seq, claim_seq, span_start, span_end, text)
         VALUES (@claimId, @entityId, @sourceSeq, @claimSeq, @start, @end, @text)`,
      ),
      allSources: db.prepare<[], StoredSource>('SELECT id, seq, text, url FROM sources ORDER BY seq'),
      topicSlugs: db.prepare<[], { slug: string }>('SELECT slug FROM topics'),
      upsertTopic: db.prepare(
        `INSERT INTO topics (slug, position, label, description) VALUES (@slug, @position, @label, @description)
         ON CONFLICT (slug) DO UPDATE SET position = excluded.position, label = excluded.label, description = excluded.description`,
      ),
      deleteTopic: db.prepare('DELETE FROM topics WHERE slug = ?'),
      // Positions are unique: moved out of the way (below zero) before the taxonomy's order is written back.
      parkTopicPositions: db.prepare('UPDATE topics SET position = -1 - position'),
      entityIds: db.prepare<[], { id: string }>('SELECT id FROM entities'),
      upsertEntity: db.prepare(
        `INSERT INTO entities (id, name, kind, aliases) VALUES (@id, @name, @kind, @aliases)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, aliases = excluded.aliases`,
      ),
      deleteEntity: db.prepare('DELETE FROM entities WHERE id = ?'),
      factCandidates: db.prepare<[], CandidateRow>(`${CANDIDATE_COLUMNS} FROM claims c WHERE c.off_event = 0 ORDER BY c.source_seq, c.seq`),
      candidatesOfSource: db.prepare<[string], CandidateRow>(`${CANDIDATE_COLUMNS} FROM claims c WHERE c.source_id = ? AND c.off_event = 0 ORDER BY c.seq`),
      // Claims by list position, and every claim of some facts, each with the fact it belongs to.
      candidatesAt: db.prepare<[string], CandidateRow & { factId: string | null }>(
        `${CANDIDATE_COLUMNS}, (SELECT fact_id FROM claim_facts k WHERE k.claim_id = c.id) AS factId
         FROM claims c WHERE c.rowid IN (SELECT value FROM json_each(?)) AND c.off_event = 0`,
      ),
      candidatesOfFacts: db.prepare<[string], CandidateRow & { factId: string | null }>(
        `${CANDIDATE_COLUMNS}, k.fact_id AS factId
         FROM claim_facts k JOIN claims c ON c.rowid = k.source_seq * ${CLAIM_SEQ_SPAN} + k.claim_seq
         WHERE k.fact_id IN (SELECT value FROM json_each(?))`,
      ),
      // The latest claims whose text holds a word, newest first, straight from the full-text index.
      // Claims of off-event sources are never grouped, so they take no place in the list.
      latestClaimsWith: db.prepare<[string, string, number], { rowid: number }>(
        `SELECT f.rowid FROM claims_fts f JOIN claims c ON c.rowid = f.rowid
         WHERE claims_fts MATCH ? AND f.rowid < (SELECT seq FROM sources WHERE id = ?) * ${CLAIM_SEQ_SPAN} AND c.off_event = 0
         ORDER BY f.rowid DESC LIMIT ?`,
      ),
      speakersOfSource: db.prepare<[string], { speaker: string }>('SELECT DISTINCT extracted_speaker AS speaker FROM claims WHERE source_id = ? AND extracted_speaker IS NOT NULL'),
      renameSpeakerOfSource: db.prepare<{ sourceId: string; from: string; to: string }>(
        'UPDATE claims SET speaker = @to WHERE source_id = @sourceId AND extracted_speaker = @from',
      ),
      lemmaCounts: db.prepare<[string], { lemma: string; claims: number }>(
        'SELECT lemma, claims FROM lemma_counts WHERE lemma IN (SELECT value FROM json_each(?))',
      ),
      addLemmaCount: db.prepare<[string, number]>(
        'INSERT INTO lemma_counts (lemma, claims) VALUES (?, ?) ON CONFLICT (lemma) DO UPDATE SET claims = claims + excluded.claims',
      ),
      dropUnusedLemmas: db.prepare('DELETE FROM lemma_counts WHERE claims <= 0'),
      deleteLemmaCounts: db.prepare('DELETE FROM lemma_counts'),
      placeMentions: db.prepare<[], { name: string; mentions: number }>("SELECT name, mention_count AS mentions FROM entities WHERE kind = 'place'"),
      deleteFact: db.prepare('DELETE FROM facts WHERE id = ?'),
      // One source's share of the topic and entity counts, added (sign 1) or taken away (-1): an API
      // write adjusts the counts by what it changed instead of counting the corpus again. Topic counts
      // leave off-event sources out, as refreshTopicCounts does.
      adjustTopicCounts: db.prepare<{ seq: number; sign: number }>(
        `UPDATE topics SET
           claim_count = claim_count + @sign * (SELECT COUNT(*) FROM claim_topics ct WHERE ct.source_seq = @seq AND ct.topic_slug = topics.slug),
           source_count = source_count + @sign
         WHERE slug IN (SELECT topic_slug FROM claim_topics WHERE source_seq = @seq)
           AND NOT EXISTS (SELECT 1 FROM sources WHERE seq = @seq AND off_event IS NOT NULL)`,
      ),
      adjustEntityCounts: db.prepare<{ seq: number; sign: number }>(
        `UPDATE entities SET
           mention_count = mention_count + @sign * (SELECT COUNT(*) FROM claim_entities ce WHERE ce.source_seq = @seq AND ce.entity_id = entities.id),
           source_count = source_count + @sign
         WHERE id IN (SELECT entity_id FROM claim_entities WHERE source_seq = @seq)`,
      ),
      sourceSeqOf: db.prepare<[string], { seq: number }>('SELECT seq FROM sources WHERE id = ?'),
      indexKeySets: db.prepare<{ from: number; to: number }>(INDEX_KEY_SETS),
      indexClaimKeys: db.prepare<{ from: number; to: number }>(INDEX_CLAIM_KEYS),
      deleteKeySets: db.prepare('DELETE FROM facet_key_sets'),
      indexSignatures: db.prepare<{ from: number; to: number }>(INDEX_SIGNATURES),
      signSources: db.prepare<{ from: number; to: number }>(SIGN_SOURCES),
      deleteSignatures: db.prepare('DELETE FROM facet_signatures'),
      deleteSourceSignatures: db.prepare('DELETE FROM source_facet_signatures'),
      countFacets: db.prepare<{ from: number; to: number; sign: 1 | -1 }>(COUNT_FACETS),
      dropUncountedFacets: db.prepare('DELETE FROM claim_facet_counts WHERE claims = 0'),
      deleteFacetCounts: db.prepare('DELETE FROM claim_facet_counts'),
      extractedSpeakers: db.prepare<[], { speaker: string }>('SELECT DISTINCT extracted_speaker AS speaker FROM claims WHERE extracted_speaker IS NOT NULL'),
      // A claim's speaker is the name its extracted speaker is given, or the extracted speaker itself; only
      // claims whose speaker that changes are written (each a row of claim_keys too, by trigger).
      unnameSpeakers: db.prepare<[string]>(
        `UPDATE claims SET speaker = extracted_speaker WHERE speaker IS NOT extracted_speaker
         AND (extracted_speaker IS NULL OR extracted_speaker NOT IN (SELECT value ->> 0 FROM json_each(?)))`,
      ),
      // Through the index of extracted speakers.
      renameSpeaker: db.prepare<{ from: string; to: string }>('UPDATE claims SET speaker = @to WHERE extracted_speaker = @from AND speaker IS NOT @to'),
      deleteFacts: db.prepare('DELETE FROM facts'),
      factClaimCounts: db.prepare<[], { id: string; claimCount: number }>('SELECT id, claim_count AS claimCount FROM facts'),
      factClaimCount: db.prepare<[string], { claimCount: number }>('SELECT claim_count AS claimCount FROM facts WHERE id = ?'),
      recordChange: db.prepare<[string, string, number]>('INSERT INTO changes (kind, subject_id, claim_count) VALUES (?, ?, ?)'),
      insertFact: db.prepare('INSERT INTO facts (id, statement, source_count, claim_count, variant_count) VALUES (?, ?, ?, ?, ?)'),
      insertVariantValue: db.prepare(
        'INSERT INTO fact_variant_values (fact_id, kind, position, value, source_count, claim_count) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertVariantOccurrence: db.prepare(
        `INSERT INTO fact_variants (fact_id, kind, position, value, claim_id, source_id, span_start, span_end)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // The claim's list position and the fact's source count are copied so lists read in order from an index.
      insertClaimFact: db.prepare('INSERT INTO claim_facts (fact_id, claim_id, source_seq, claim_seq) VALUES (?, ?, ?, ?)'),
      insertFactTopic: db.prepare(
        'INSERT INTO fact_topics (topic_slug, fact_id, source_count) SELECT ?, id, source_count FROM facts WHERE id = ?',
      ),
      refreshSourceCounts: db.prepare('UPDATE sources SET claim_count = (SELECT COUNT(*) FROM claims WHERE source_id = sources.id)'),
      refreshTopicCounts: db.prepare(
        // Claims of sources off the event are not counted (migration 010).
        `UPDATE topics SET
           claim_count = (SELECT COUNT(*) FROM claim_topics WHERE topic_slug = topics.slug
                          AND source_seq NOT IN (SELECT seq FROM sources WHERE off_event IS NOT NULL)),
           -- A claim's source_seq is its source's: no join to the claims, which cost 30 ms at 1,000 articles.
           source_count = (SELECT COUNT(DISTINCT source_seq) FROM claim_topics WHERE topic_slug = topics.slug
                           AND source_seq NOT IN (SELECT seq FROM sources WHERE off_event IS NOT NULL))`,
      ),
      refreshEntityCounts: db.prepare(
        `UPDATE entities SET
           mention_count = (SELECT COUNT(*) FROM claim_entities WHERE entity_id = entities.id),
           source_count = (SELECT COUNT(DISTINCT source_seq) FROM claim_entities WHERE entity_id = entities.id)`,
      ),
      totals: db.prepare<[], { sources: number; claims: number; facts: number }>(
        // Kept by triggers (migration 007): no whole-table count, which a 20,000-article corpus would feel.
        'SELECT sources, claims, facts FROM corpus_counts',
      ),
      getState: db.prepare<[string], { value: string }>('SELECT value FROM ingest_state WHERE key = ?'),
      setState: db.prepare('INSERT INTO ingest_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  private state(key: string): string | null {
    return this.statements.getState.get(key)?.value ?? null;
  }

  /** True when the stored claims were extracted with the lexicon and pipeline this fingerprint names. */
  lexiconIsCurrent(fingerprint: string): boolean {
    return this.state(STATE_LEXICON) === fingerprint;
  }

  /** Every stored source's text, in ingest order: what re-extraction reads. */
  storedSources(): StoredSource[] {
    return this.statements.allSources.all();
  }

  /**
   * Brings topics and entities in line with the taxonomy and the entity list and replaces every stored
   * source's extraction with `processed` (one per source, from storedSources), in one transaction, so
   * tags never mix two lexicons. Facts are left stale for the caller to regroup.
   */
  realignLexicon(topics: Topic[], entities: EntityDefinition[], fingerprint: string, sources: StoredSource[], processed: ProcessedArticle[]): void {
    this.db.transaction(() => {
      const wanted = new Set(topics.map((topic) => topic.slug));
      for (const { slug } of this.statements.topicSlugs.all()) if (!wanted.has(slug)) this.statements.deleteTopic.run(slug);
      this.statements.parkTopicPositions.run();
      topics.forEach((topic, position) => this.statements.upsertTopic.run({ ...topic, position }));
      // Dropped entities go first: a renamed one keeps its name under a new id, and names are unique.
      const wantedEntities = new Map(entities.map((entity) => [entityIdFor(entity.kind, entity.name), entity]));
      for (const { id } of this.statements.entityIds.all()) if (!wantedEntities.has(id)) this.statements.deleteEntity.run(id);
      for (const [id, { name, kind, aliases }] of wantedEntities) {
        this.statements.upsertEntity.run({ id, name, kind, aliases: JSON.stringify(aliases) });
      }
      sources.forEach((source, index) => {
        this.writeExtraction(source.id, source.seq, processed[index]!);
        this.statements.updateSourceMetadata.run({ id: source.id, ...processed[index]!.metadata });
      });
      // Every source was written again, in seq order.
      if (sources.length > 0) this.indexClaimText(sources[0]!.seq, sources.at(-1)!.seq + 1);
      // Every claim's keys went with it: sets are numbered again from the first, as a fresh ingest numbers them.
      this.statements.deleteFacetCounts.run();
      this.statements.deleteKeySets.run();
      this.statements.deleteSourceSignatures.run();
      this.statements.deleteSignatures.run();
      if (sources.length > 0) this.indexClaimKeys(sources[0]!.seq, sources.at(-1)!.seq + 1);
      this.statements.setState.run(STATE_LEXICON, fingerprint);
      this.statements.setState.run(STATE_FACTS_STALE, '1');
    }).immediate();
  }

  /**
   * Sorts a batch into articles whose text is already stored (or repeated within the batch) and new
   * ones, which need extracting before writeBatch. Extraction is pure, so it may run anywhere.
   * `seen` maps the content hashes of articles planned but not yet written to their source ids, so
   * a run can plan the next batch while the last is still being extracted.
   */
  planBatch(articles: ArticleFile[], seen = new Map<string, string>()): PlannedBatch {
    const pending: PendingArticle[] = [];
    const stored = articles.map((article): StoredArticle => {
      const hash = contentHash(article.text);
      const existing = this.statements.sourceByHash.get(hash)?.id ?? seen.get(hash);
      if (existing) return { sourceId: existing, status: 'unchanged', claims: 0 };
      const sourceId = sourceIdFor(article.text);
      seen.set(hash, sourceId);
      pending.push({ ...article, hash, sourceId });
      return { sourceId, status: 'new', claims: 0 };
    });
    return { stored, pending };
  }

  /**
   * Writes the new articles of a batch, with what the pipeline extracted from each, in one
   * transaction. Bulk ingest passes batches: one commit per batch instead of per article keeps the
   * write-ahead log from rewriting the same index pages for every article. A crash loses the whole
   * batch, never part of one, and the next run stores it again.
   */
  writeBatch(batch: PlannedBatch, processed: ProcessedArticle[]): void {
    if (batch.pending.length === 0) return;
    this.db.transaction(() => {
      const { next: firstSeq } = this.statements.nextSourceSeq.get()!;
      let seq = firstSeq;
      batch.pending.forEach((article, index) => {
        const extraction = processed[index]!;
        const outcome = batch.stored.find((stored) => stored.sourceId === article.sourceId)!;
        // Planned outside the write lock: another writer (the API, another ingest) may have stored the text since.
        if (this.statements.sourceByHash.get(article.hash)) {
          outcome.status = 'unchanged';
          return;
        }
        outcome.claims = extraction.claims.length;
        this.statements.insertSource.run({
          id: article.sourceId, seq, contentHash: article.hash, fileName: article.fileName, text: article.text, ...extraction.metadata, offEvent: extraction.offEvent,
        });
        this.writeExtraction(article.sourceId, seq, extraction);
        seq += 1;
      });
      this.indexClaimText(firstSeq, seq);
      this.indexClaimKeys(firstSeq, seq);
      this.statements.setState.run(STATE_FACTS_STALE, '1');
    }).immediate();
  }

  /**
   * Runs `write` holding SQLite's write lock from its first statement to its last (BEGIN IMMEDIATE), so
   * what it reads cannot change under it: another process's ingest waits, or this call fails with
   * SQLITE_BUSY after the connection's busy timeout. Writes inside it nest as savepoints.
   */
  exclusively<T>(write: () => T): T {
    return this.db.transaction(write).immediate();
  }

  /** Records metadata stated for a stored source (API writes); stated values survive re-extraction. */
  stateMetadata(sourceId: string, stated: StatedMetadata): void {
    const values = {
      id: sourceId,
      title: stated.title ?? null,
      publisher: stated.publisher ?? null,
      author: stated.author ?? null,
      publishedAt: stated.publishedAt ?? null,
    };
    this.exclusively(() => {
      this.statements.insertStatedMetadata.run(values);
      this.statements.applyStatedMetadata.run({ ...values, url: stated.url ?? null });
    });
  }

  /** The facts a source's claims support, by id. */
  factIdsOfSource(sourceId: string): string[] {
    return this.statements.factIdsOfSource.all(sourceId).map((row) => row.id);
  }


  /**
   * Removes a source with everything extracted from it (claims, their topics, mentions and fact links
   * cascade) and marks facts for regrouping. Returns the number of claims removed, or null when no
   * source has the id.
   */
  deleteSource(sourceId: string): number | null {
    return this.exclusively(() => {
      const source = this.statements.sourceSeqOf.get(sourceId);
      if (!source) return null;
      const claims = this.statements.claimCountOf.get(sourceId)!.n;
      this.countFacets(source.seq, source.seq + 1, -1);
      this.statements.deleteSource.run(sourceId);
      this.statements.setState.run(STATE_FACTS_STALE, '1');
      return claims;
    });
  }

  /**
   * Adds the claims of the sources numbered firstSeq up to endSeq (exclusive) to the full-text index:
   * once per write, after writeExtraction has stored them all (see migration 009). Only for claims
   * just written: the index must not hold a claim twice.
   */
  private indexClaimText(firstSeq: number, endSeq: number): void {
    this.statements.indexClaimText.run({ from: firstSeq * CLAIM_SEQ_SPAN, to: endSeq * CLAIM_SEQ_SPAN });
  }

  /**
   * Writes what the claims of the sources numbered firstSeq up to endSeq (exclusive) carry to claim_keys
   * and their sources' signatures (migration 018), and adds them to the facet counts (migration 017): once per write, after writeExtraction has stored
   * them and their links. Only for claims just written, as indexClaimText.
   */
  private indexClaimKeys(firstSeq: number, endSeq: number): void {
    const range = { from: firstSeq * CLAIM_SEQ_SPAN, to: endSeq * CLAIM_SEQ_SPAN };
    this.statements.indexKeySets.run(range);
    this.statements.indexClaimKeys.run(range);
    this.signSources(firstSeq, endSeq);
    this.countFacets(firstSeq, endSeq, 1);
  }

  /**
   * Writes the signatures (migration 018) of the claims of the sources numbered firstSeq up to endSeq
   * (exclusive) from their claim_keys, once those are written or their speakers renamed.
   */
  private signSources(firstSeq: number, endSeq: number): void {
    const range = { from: firstSeq * CLAIM_SEQ_SPAN, to: endSeq * CLAIM_SEQ_SPAN };
    this.statements.indexSignatures.run(range);
    this.statements.signSources.run(range);
  }

  /**
   * Adds the claims of the sources numbered firstSeq up to endSeq (exclusive) to the facet counts (`sign`
   * 1) or takes them away (-1, before they are deleted or their speakers renamed), in the caller's
   * transaction.
   */
  private countFacets(firstSeq: number, endSeq: number, sign: 1 | -1): void {
    this.statements.countFacets.run({ from: firstSeq * CLAIM_SEQ_SPAN, to: endSeq * CLAIM_SEQ_SPAN, sign });
    if (sign < 0) this.statements.dropUncountedFacets.run();
  }

  /** Counts every stored claim for the facets again, and signs every source again, in the caller's transaction. */
  private recountFacets(): void {
    this.statements.deleteFacetCounts.run();
    this.countFacets(0, ALL_SOURCES, 1);
    this.signSources(0, ALL_SOURCES);
  }

  /** Stores what the pipeline extracted from a source, in place of what was stored; indexClaimText then indexes its claims. */
  private writeExtraction(sourceId: string, sourceSeq: number, processed: ProcessedArticle): void {
    this.statements.deleteClaims.run(sourceId);
    this.statements.deleteBoilerplate.run(sourceId);
    processed.boilerplate.forEach((line, seq) =>
      this.statements.insertBoilerplate.run(sourceId, seq, line.start, line.end, line.text, line.reason),
    );
    if (processed.claims.length > CLAIM_SEQ_SPAN) throw new Error(`${processed.claims.length} claims in one source: at most ${CLAIM_SEQ_SPAN} fit the claim rowids`);
    processed.claims.forEach((claim, seq) => {
      const id = claimIdFor(sourceId, claim.start, claim.end);
      this.statements.insertClaim.run({
        id,
        sourceId,
        sourceSeq,
        seq,
        start: claim.start,
        end: claim.end,
        text: claim.text,
        speaker: claim.speaker,
        quote: claim.quote,
        checkworthiness: claim.checkworthiness,
        isHeadline: claim.isHeadline ? 1 : 0,
        lemmas: JSON.stringify(claim.lemmas),
        offEvent: processed.offEvent === null ? 0 : 1,
      });
      for (const topic of claim.topics) this.statements.insertClaimTopic.run(topic, id, sourceSeq, seq, 0);
      for (const topic of claim.carriedTopics) this.statements.insertClaimTopic.run(topic, id, sourceSeq, seq, 1);
      for (const mention of claim.entities) {
        this.statements.insertClaimEntity.run({
          claimId: id,
          entityId: this.entityIdOf(mention.kind, mention.entity),
          sourceSeq,
          claimSeq: seq,
          start: claim.start + mention.start,
          end: claim.start + mention.end,
          text: claim.text.slice(mention.start, mention.end),
        });
      }
    });
    // Counted with the claims, in their transaction, so a reader never sees a source whose count
    // disagrees with its claims; regroupFacts refreshes every count again.
    this.statements.setClaimCount.run(processed.claims.length, sourceId);
    this.statements.setOffEvent.run(processed.offEvent, sourceId);
  }

  private entityIdOf(kind: EntityKind, name: string): string {
    const key = `${kind}:${name}`;
    let id = this.entityIds.get(key);
    if (id === undefined) this.entityIds.set(key, (id = entityIdFor(kind, name)));
    return id;
  }

  totals(): { sources: number; claims: number; facts: number } {
    return this.statements.totals.get()!;
  }

  factsAreStale(): boolean {
    return this.state(STATE_FACTS_STALE) !== '0';
  }

  /**
   * Stores one kind of variant as its distinct values, in order of first appearance, each with how
   * many sources and claims give it and its first occurrences: enough to show where sources differ
   * without storing (or serving) one row per claim of a fact thousands of articles state.
   */
  private writeVariant(factId: string, variant: Variant, claims: Map<string, { spanStart: number }>): void {
    const byValue = new Map<string, Variant['values']>();
    for (const occurrence of variant.values) {
      appendTo(byValue, occurrence.value, occurrence);
    }
    let occurrencePosition = 0;
    [...byValue].forEach(([value, occurrences], position) => {
      const sources = new Set(occurrences.map((occurrence) => occurrence.sourceId)).size;
      const claimCount = new Set(occurrences.map((occurrence) => occurrence.claimId)).size;
      this.statements.insertVariantValue.run(factId, variant.kind, position, value, sources, claimCount);
      for (const occurrence of occurrences.slice(0, OCCURRENCES_PER_VALUE)) {
        const claimStart = claims.get(occurrence.claimId)!.spanStart;
        this.statements.insertVariantOccurrence.run(
          factId, variant.kind, occurrencePosition++, value, occurrence.claimId, occurrence.sourceId,
          claimStart + occurrence.start, claimStart + occurrence.end,
        );
      }
    });
  }

  /** Every distinct speaker as the articles name them, before corpus-wide resolution. */
  extractedSpeakers(): string[] {
    return this.statements.extractedSpeakers.all().map((row) => row.speaker);
  }

  /** Serves each claim's extracted speaker under the name `names` gives it (others as extracted), in one transaction. */
  nameSpeakers(names: Map<string, string>): void {
    this.db.transaction(() => {
      let changed = this.statements.unnameSpeakers.run(JSON.stringify([...names])).changes;
      for (const [from, to] of names) changed += this.statements.renameSpeaker.run({ from, to }).changes;
      // Claims anywhere may have changed speaker: counted again, which costs less than finding out which did.
      if (changed > 0) this.recountFacets();
    }).immediate();
  }

  /** Names one source's speakers as `names` maps the names its claims were extracted with. */
  nameSpeakersOf(sourceId: string, names: Map<string, string>): void {
    this.exclusively(() => {
      const source = this.statements.sourceSeqOf.get(sourceId);
      if (!source) return;
      this.countFacets(source.seq, source.seq + 1, -1);
      for (const { speaker } of this.statements.speakersOfSource.all(sourceId)) {
        const to = names.get(speaker);
        if (to !== undefined) this.statements.renameSpeakerOfSource.run({ sourceId, from: speaker, to });
      }
      this.countFacets(source.seq, source.seq + 1, 1);
      this.signSources(source.seq, source.seq + 1);
    });
  }

  /** Every claim of some facts as fact grouping reads it, with its fact, and where each sits. */
  factMembers(factIds: string[]): GroupedCandidates {
    return collectGrouped(factIds.length ? this.statements.candidatesOfFacts.all(JSON.stringify(factIds)) : []);
  }

  /** Every stored claim as fact grouping reads it, in corpus order; `claims` is what writeFacts needs back. */
  factCandidates(): StoredCandidates {
    // Read row by row and keep one copy of each repeated string (source ids, lemmas, topics): a corpus
    // of tens of thousands of articles has hundreds of thousands of claims, and the copies JSON
    // parsing makes would otherwise be most of the memory regrouping needs.
    const strings = new Map<string, string>();
    const intern = (text: string): string => {
      const known = strings.get(text);
      if (known !== undefined) return known;
      strings.set(text, text);
      return text;
    };
    const claimsById = new Map<string, ClaimPosition>();
    const candidates: FactCandidate[] = [];
    for (const row of this.statements.factCandidates.iterate()) {
      claimsById.set(row.id, { spanStart: row.spanStart, sourceSeq: row.sourceSeq, seq: row.seq });
      candidates.push(toCandidate(row, intern));
    }
    strings.clear();
    return { candidates, claims: claimsById };
  }

  /** One source's claims as fact grouping reads them, and where each sits. */
  candidatesOfSource(sourceId: string): StoredCandidates {
    return collect(this.statements.candidatesOfSource.all(sourceId));
  }

  /**
   * Stored claims with the fact each belongs to: those at the given list positions, and every claim
   * of the facts those belong to, each once.
   */
  groupedNeighbours(rowids: number[]): GroupedCandidates {
    const near = this.statements.candidatesAt.all(JSON.stringify(rowids));
    const factIds = [...new Set(near.flatMap((row) => (row.factId === null ? [] : [row.factId])))];
    const members = factIds.length ? this.statements.candidatesOfFacts.all(JSON.stringify(factIds)) : [];
    return collectGrouped([...new Map([...near, ...members].map((row) => [row.id, row])).values()]);
  }

  /** List positions of the latest claims stored before a source whose text holds the word, newest first. */
  latestClaimsWith(word: string, beforeSourceId: string, limit: number): number[] {
    // A phrase query: the word's own characters never read as full-text syntax.
    return this.statements.latestClaimsWith.all(`"${word.replace(/"/g, '""')}"`, beforeSourceId, limit).map((row) => row.rowid);
  }

  /** How many grouped claims hold each lemma (absent: none), and how many grouped claims there are. */
  lemmaFrequencies(lemmas: Iterable<string>): { claims: number; counts: Map<string, number> } {
    const counts = new Map(this.statements.lemmaCounts.all(JSON.stringify([...new Set(lemmas)])).map((row) => [row.lemma, row.claims]));
    return { claims: Number(this.state(STATE_GROUPED_CLAIMS) ?? 0), counts };
  }

  /** Counts the lemmas of claims joining (`sign` 1) or leaving (-1) the grouped corpus. */
  countLemmas(claims: FactCandidate[], sign: 1 | -1): void {
    this.exclusively(() => {
      const counts = new Map<string, number>();
      for (const claim of claims) for (const lemma of new Set(claim.lemmas)) counts.set(lemma, (counts.get(lemma) ?? 0) + sign);
      for (const [lemma, count] of counts) this.statements.addLemmaCount.run(lemma, count);
      if (sign < 0) this.statements.dropUnusedLemmas.run();
      this.statements.setState.run(STATE_GROUPED_CLAIMS, String(Number(this.state(STATE_GROUPED_CLAIMS) ?? 0) + sign * claims.length));
    });
  }

  /** How many claims name each place, as the last count of mentions has it. */
  placeMentions(): Map<string, number> {
    return new Map(this.statements.placeMentions.all().map((row) => [row.name, row.mentions]));
  }

  /** Replaces every fact with `facts`, counts every lemma, and refreshes the counts lists serve, in one transaction. */
  writeFacts(facts: GroupedFact[], { candidates, claims: claimsById }: StoredCandidates): void {
    this.db.transaction(() => {
      const before = new Map(this.statements.factClaimCounts.all().map((row) => [row.id, row.claimCount]));
      this.statements.deleteFacts.run();
      for (const fact of facts) this.insertFact(fact, claimsById);
      this.recordFactChanges(before, facts);
      this.statements.deleteLemmaCounts.run();
      this.statements.setState.run(STATE_GROUPED_CLAIMS, '0');
      this.countLemmas(candidates, 1);
      this.statements.refreshSourceCounts.run();
      this.statements.refreshTopicCounts.run();
      this.statements.refreshEntityCounts.run();
      this.statements.setState.run(STATE_FACTS_STALE, '0');
    }).immediate();
  }

  /**
   * Adds one source's claims to the topic and entity counts lists serve (`sign` 1, after storing it),
   * or takes them away (-1, before deleting it).
   */
  adjustCounts(sourceId: string, sign: 1 | -1): void {
    const source = this.statements.sourceSeqOf.get(sourceId);
    if (!source) return;
    this.exclusively(() => {
      this.statements.adjustTopicCounts.run({ seq: source.seq, sign });
      this.statements.adjustEntityCounts.run({ seq: source.seq, sign });
    });
  }

  /** Replaces some facts (`replaced`, by id, may be empty) with others (`facts`), in one transaction. */
  replaceFacts(replaced: string[], facts: GroupedFact[], claimsById: Map<string, ClaimPosition>): void {
    this.db.transaction(() => {
      const before = new Map<string, number>();
      for (const id of [...replaced, ...facts.map((fact) => fact.id)]) {
        const row = this.statements.factClaimCount.get(id);
        if (row) before.set(id, row.claimCount);
      }
      for (const id of replaced) this.statements.deleteFact.run(id);
      for (const fact of facts) this.insertFact(fact, claimsById);
      this.recordFactChanges(before, facts);
      this.statements.setState.run(STATE_FACTS_STALE, '0');
    }).immediate();
  }

  /**
   * The change feed's fact entries for one write: each fact now stored against its claim count before
   * (`before`, the facts the write replaced): created, grown or shrunk; unchanged ones are not news.
   * What was before and is no longer stored is removed.
   */
  private recordFactChanges(before: Map<string, number>, facts: GroupedFact[]): void {
    const now = new Set<string>();
    for (const fact of facts) {
      now.add(fact.id);
      const count = fact.claimIds.length;
      const previous = before.get(fact.id);
      if (previous === undefined) this.statements.recordChange.run('fact-created', fact.id, count);
      else if (count !== previous) this.statements.recordChange.run(count > previous ? 'fact-grown' : 'fact-shrunk', fact.id, count);
    }
    for (const id of before.keys()) if (!now.has(id) && !this.statements.factClaimCount.get(id)) this.statements.recordChange.run('fact-removed', id, 0);
  }

  private insertFact(fact: GroupedFact, claimsById: Map<string, ClaimPosition>): void {
    this.statements.insertFact.run(fact.id, fact.statement, fact.sourceIds.length, fact.claimIds.length, fact.variants.length);
    for (const variant of fact.variants) this.writeVariant(fact.id, variant, claimsById);
    for (const claimId of fact.claimIds) {
      const claim = claimsById.get(claimId)!;
      this.statements.insertClaimFact.run(fact.id, claimId, claim.sourceSeq, claim.seq);
    }
    for (const topic of fact.topics) this.statements.insertFactTopic.run(topic, fact.id);
  }
}

function toCandidate(row: CandidateRow, intern: (text: string) => string = (text) => text): FactCandidate {
  const internAll = (json: string): string[] => (JSON.parse(json) as string[]).map(intern);
  return {
    id: row.id,
    sourceId: intern(row.sourceId),
    // The claim's list position: corpus order.
    order: row.sourceSeq * CLAIM_SEQ_SPAN + row.seq,
    text: row.text,
    topics: internAll(row.topics),
    checkworthiness: row.checkworthiness,
    isHeadline: row.isHeadline === 1,
    speaker: row.speaker === null ? null : intern(row.speaker),
    quote: row.quote,
    lemmas: internAll(row.lemmas),
    places: (JSON.parse(row.places) as PlaceMention[]).map((place) => ({ ...place, entity: intern(place.entity) })),
  };
}

function collectGrouped(rows: Array<CandidateRow & { factId: string | null }>): GroupedCandidates {
  const { candidates, claims } = collect(rows);
  return { candidates: candidates.map((candidate, index) => ({ ...candidate, factId: rows[index]!.factId })), claims };
}

function collect(rows: CandidateRow[]): StoredCandidates {
  return {
    candidates: rows.map((row) => toCandidate(row)),
    claims: new Map(rows.map((row) => [row.id, { spanStart: row.spanStart, sourceSeq: row.sourceSeq, seq: row.seq }])),
  };
}

import { createHash } from 'node:crypto';
import { groupFacts, runPipeline, stableId, type PlaceMention, type EntityDefinition, type FactCandidate, type Lexicon } from '../pipeline/index.js';
import type { EntityKind, ProcessedArticle, Topic } from '../pipeline/types.js';
import { CLAIM_SEQ_SPAN } from './claim-rowid.js';
import type { Db } from './open.js';

export type ArticleFile = { fileName: string | null; text: string };

export type StoredArticle = { sourceId: string; status: 'new' | 'unchanged'; claims: number };

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
const STATE_FACTS_STALE = 'facts_stale';

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

  constructor(private readonly db: Db) {
    this.statements = {
      sourceByHash: db.prepare<[string], { id: string }>('SELECT id FROM sources WHERE content_hash = ?'),
      nextSourceSeq: db.prepare<[], { next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM sources'),
      insertSource: db.prepare(
        `INSERT INTO sources (id, seq, content_hash, file_name, title, publisher, author, published_at, text)
         VALUES (@id, @seq, @contentHash, @fileName, @title, @publisher, @author, @publishedAt, @text)`,
      ),
      updateSourceMetadata: db.prepare(
        'UPDATE sources SET title = @title, publisher = @publisher, author = @author, published_at = @publishedAt WHERE id = @id',
      ),
      deleteClaims: db.prepare('DELETE FROM claims WHERE source_id = ?'),
      deleteBoilerplate: db.prepare('DELETE FROM boilerplate WHERE source_id = ?'),
      insertBoilerplate: db.prepare(
        'INSERT INTO boilerplate (source_id, seq, span_start, span_end, text, reason) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      // The rowid is the claim's list position (see claim-rowid.ts).
      insertClaim: db.prepare(
        `INSERT INTO claims (rowid, id, source_id, source_seq, seq, span_start, span_end, text, speaker, quote, checkworthiness, is_headline)
         VALUES (@sourceSeq * ${CLAIM_SEQ_SPAN} + @seq, @id, @sourceId, @sourceSeq, @seq, @start, @end, @text, @speaker, @quote, @checkworthiness, @isHeadline)`,
      ),
      insertClaimTopic: db.prepare('INSERT INTO claim_topics (topic_slug, claim_id, source_seq, claim_seq) VALUES (?, ?, ?, ?)'),
      insertClaimEntity: db.prepare(
        `INSERT INTO claim_entities (claim_id, entity_id, source_seq, claim_seq, span_start, span_end, text)
         VALUES (@claimId, @entityId, @sourceSeq, @claimSeq, @start, @end, @text)`,
      ),
      allSources: db.prepare<[], { id: string; seq: number; text: string }>('SELECT id, seq, text FROM sources ORDER BY seq'),
      topicSlugs: db.prepare<[], { slug: string }>('SELECT slug FROM topics'),
      upsertTopic: db.prepare(
        `INSERT INTO topics (slug, position, label, description) VALUES (@slug, @position, @label, @description)
         ON CONFLICT (slug) DO UPDATE SET position = excluded.position, label = excluded.label, description = excluded.description`,
      ),
      deleteTopic: db.prepare('DELETE FROM topics WHERE slug = ?'),
      entityIds: db.prepare<[], { id: string }>('SELECT id FROM entities'),
      upsertEntity: db.prepare(
        `INSERT INTO entities (id, name, kind, aliases) VALUES (@id, @name, @kind, @aliases)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, aliases = excluded.aliases`,
      ),
      deleteEntity: db.prepare('DELETE FROM entities WHERE id = ?'),
      factCandidates: db.prepare<[], { id: string; sourceId: string; sourceSeq: number; seq: number; text: string; checkworthiness: number; isHeadline: number; speaker: string | null; quote: string | null; spanStart: number; topics: string; places: string }>(
        `SELECT c.id, c.source_id AS sourceId, c.source_seq AS sourceSeq, c.seq, c.text, c.checkworthiness, c.is_headline AS isHeadline, c.speaker, c.quote, c.span_start AS spanStart,
                COALESCE((SELECT json_group_array(topic_slug) FROM claim_topics ct WHERE ct.claim_id = c.id), '[]') AS topics,
                -- Place mentions as the entities stage stored them, with offsets into the claim's text.
                (SELECT json_group_array(json_object('entity', e.name, 'start', ce.span_start - c.span_start, 'end', ce.span_end - c.span_start))
                 FROM claim_entities ce JOIN entities e ON e.id = ce.entity_id
                 WHERE ce.claim_id = c.id AND e.kind = 'place') AS places
         FROM claims c ORDER BY c.source_seq, c.seq`,
      ),
      deleteFacts: db.prepare('DELETE FROM facts'),
      insertFact: db.prepare('INSERT INTO facts (id, statement, source_count, claim_count, variant_count) VALUES (?, ?, ?, ?, ?)'),
      insertVariantValue: db.prepare(
        `INSERT INTO fact_variants (fact_id, kind, position, value, claim_id, source_id, span_start, span_end)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // The claim's list position and the fact's source count are copied so lists read in order from an index.
      insertClaimFact: db.prepare(
        'INSERT INTO claim_facts (fact_id, claim_id, source_seq, claim_seq) SELECT ?, id, source_seq, seq FROM claims WHERE id = ?',
      ),
      insertFactTopic: db.prepare(
        'INSERT INTO fact_topics (topic_slug, fact_id, source_count) SELECT ?, id, source_count FROM facts WHERE id = ?',
      ),
      refreshSourceCounts: db.prepare('UPDATE sources SET claim_count = (SELECT COUNT(*) FROM claims WHERE source_id = sources.id)'),
      refreshTopicCounts: db.prepare(
        `UPDATE topics SET
           claim_count = (SELECT COUNT(*) FROM claim_topics WHERE topic_slug = topics.slug),
           source_count = (SELECT COUNT(DISTINCT c.source_id) FROM claim_topics ct JOIN claims c ON c.id = ct.claim_id WHERE ct.topic_slug = topics.slug)`,
      ),
      refreshEntityCounts: db.prepare(
        `UPDATE entities SET
           mention_count = (SELECT COUNT(*) FROM claim_entities WHERE entity_id = entities.id),
           source_count = (SELECT COUNT(DISTINCT source_seq) FROM claim_entities WHERE entity_id = entities.id)`,
      ),
      totals: db.prepare<[], { sources: number; claims: number; facts: number }>(
        'SELECT (SELECT COUNT(*) FROM sources) AS sources, (SELECT COUNT(*) FROM claims) AS claims, (SELECT COUNT(*) FROM facts) AS facts',
      ),
      getState: db.prepare<[string], { value: string }>('SELECT value FROM ingest_state WHERE key = ?'),
      setState: db.prepare('INSERT INTO ingest_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
    };
  }

  private state(key: string): string | null {
    return this.statements.getState.get(key)?.value ?? null;
  }

  /**
   * Brings topics and entities in line with the taxonomy and the entity list. When either changed since
   * the stored claims were extracted, every stored source is extracted again so tags never mix two
   * lexicons. Returns how many sources were re-extracted.
   */
  syncLexicon(topics: Topic[], entities: EntityDefinition[], lexicon: Lexicon, fingerprint: string): number {
    if (this.state(STATE_LEXICON) === fingerprint) return 0;
    const sources = this.statements.allSources.all();
    const processed = sources.map((source) => runPipeline({ text: source.text }, lexicon));
    this.db.transaction(() => {
      const wanted = new Set(topics.map((topic) => topic.slug));
      for (const { slug } of this.statements.topicSlugs.all()) if (!wanted.has(slug)) this.statements.deleteTopic.run(slug);
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
      this.statements.setState.run(STATE_LEXICON, fingerprint);
      this.statements.setState.run(STATE_FACTS_STALE, '1');
    }).immediate();
    return sources.length;
  }

  /** Stores one article unless the same text is already stored. */
  storeArticle(article: ArticleFile, lexicon: Lexicon): StoredArticle {
    const hash = contentHash(article.text);
    const existing = this.statements.sourceByHash.get(hash);
    if (existing) return { sourceId: existing.id, status: 'unchanged', claims: 0 };
    const processed = runPipeline({ text: article.text }, lexicon);
    const sourceId = sourceIdFor(article.text);
    this.db.transaction(() => {
      const { next: seq } = this.statements.nextSourceSeq.get()!;
      this.statements.insertSource.run({ id: sourceId, seq, contentHash: hash, fileName: article.fileName, text: article.text, ...processed.metadata });
      this.writeExtraction(sourceId, seq, processed);
      this.statements.setState.run(STATE_FACTS_STALE, '1');
    }).immediate();
    return { sourceId, status: 'new', claims: processed.claims.length };
  }

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
      });
      for (const topic of claim.topics) this.statements.insertClaimTopic.run(topic, id, sourceSeq, seq);
      for (const mention of claim.entities) {
        this.statements.insertClaimEntity.run({
          claimId: id,
          entityId: entityIdFor(mention.kind, mention.entity),
          sourceSeq,
          claimSeq: seq,
          start: claim.start + mention.start,
          end: claim.start + mention.end,
          text: claim.text.slice(mention.start, mention.end),
        });
      }
    });
  }

  totals(): { sources: number; claims: number; facts: number } {
    return this.statements.totals.get()!;
  }

  factsAreStale(): boolean {
    return this.state(STATE_FACTS_STALE) !== '0';
  }

  /** Regroups facts over every stored claim and refreshes the counts lists serve. Returns the number of facts. */
  regroupFacts(lexicon: Lexicon): number {
    const rows = this.statements.factCandidates.all();
    const spanStarts = new Map(rows.map((row) => [row.id, row.spanStart]));
    const candidates: FactCandidate[] = rows.map((row) => ({
      id: row.id,
      sourceId: row.sourceId,
      order: row.sourceSeq * 1_000_000 + row.seq,
      text: row.text,
      topics: JSON.parse(row.topics) as string[],
      checkworthiness: row.checkworthiness,
      isHeadline: row.isHeadline === 1,
      speaker: row.speaker,
      quote: row.quote,
      places: JSON.parse(row.places) as PlaceMention[],
    }));
    const facts = groupFacts(candidates, lexicon.topics);
    this.db.transaction(() => {
      this.statements.deleteFacts.run();
      for (const fact of facts) {
        this.statements.insertFact.run(fact.id, fact.statement, fact.sourceIds.length, fact.claimIds.length, fact.variants.length);
        for (const variant of fact.variants) {
          variant.values.forEach((value, position) => {
            const claimStart = spanStarts.get(value.claimId)!;
            this.statements.insertVariantValue.run(
              fact.id, variant.kind, position, value.value, value.claimId, value.sourceId, claimStart + value.start, claimStart + value.end,
            );
          });
        }
        for (const claimId of fact.claimIds) this.statements.insertClaimFact.run(fact.id, claimId);
        for (const topic of fact.topics) this.statements.insertFactTopic.run(topic, fact.id);
      }
      this.statements.refreshSourceCounts.run();
      this.statements.refreshTopicCounts.run();
      this.statements.refreshEntityCounts.run();
      this.statements.setState.run(STATE_FACTS_STALE, '0');
    }).immediate();
    return facts.length;
  }
}

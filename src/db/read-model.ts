import type { Statement } from 'better-sqlite3';
import type { EntityKind } from '../pipeline/types.js';
import { CLAIM_SEQ_SPAN, FACT_PREVIEW_SIZE, type ChangeKind, type ClaimFacet, type FactFacet, type VariantKind } from '../data-layout.js';
import { FacetCounts, type FacetRequest, type FacetRows } from './facets.js';
import type { Db } from './open.js';
import { appendTo, groupBy } from '../maps.js';

export type Page<T> = { items: T[]; next: Array<string | number> | null };
/** A page with the facets asked for, counted over the whole filtered list. */
export type FacetedPage<T, Facet extends string> = Page<T> & { facets?: FacetRows<Facet> };

export type TopicRow = { slug: string; label: string; description: string; claimCount: number; sourceCount: number };
export type ClaimEntityRow = { id: string; name: string; kind: EntityKind; span: { start: number; end: number } };
export type ClaimRow = {
  id: string;
  sourceId: string;
  text: string;
  span: { start: number; end: number };
  topics: string[];
  speaker: string | null;
  quote: string | null;
  checkworthiness: number;
  factIds: string[];
  entities: ClaimEntityRow[];
  /** Its source is not about the lexicon's event (see SourceRow.offEvent). */
  offEvent: boolean;
};
export type SourceRow = {
  id: string;
  fileName: string | null;
  url: string | null;
  title: string | null;
  publisher: string | null;
  author: string | null;
  publishedAt: string | null;
  claimCount: number;
  /** Why the source is judged not to be about the lexicon's event, or null when it is. */
  offEvent: string | null;
};
export type BoilerplateRow = { text: string; reason: string; span: { start: number; end: number } };
export type SourceDetail = SourceRow & { text: string; boilerplate: BoilerplateRow[]; claims: ClaimRow[] };
export type VariantOccurrenceRow = { sourceId: string; claimId: string; span: { start: number; end: number } };
export type VariantValueRow = { value: string; sourceCount: number; claimCount: number; occurrences: VariantOccurrenceRow[] };
export type VariantRow = { kind: VariantKind; values: VariantValueRow[] };
export type FactRow = {
  id: string;
  statement: string;
  topics: string[];
  sourceIds: string[];
  claimIds: string[];
  sourceCount: number;
  claimCount: number;
  variants: VariantRow[];
};
export type ChangeRow = { seq: number; kind: ChangeKind; id: string; claimCount: number | null };
export type Wording = { sourceId: string; title: string | null; publisher: string | null; url: string | null; publishedAt: string | null; claims: ClaimRow[] };
export type FactDetail = FactRow & { wordings: Wording[] };
export type EntityRow = { id: string; name: string; kind: EntityKind; aliases: string[]; mentionCount: number; sourceCount: number };
export type EntityMentionRow = { claimId: string; sourceId: string; span: { start: number; end: number }; text: string };
export type EntityDetail = EntityRow & { mentions: EntityMentionRow[] };
export type EntityFilter = { kind?: EntityKind; q?: string };


type RawFact = { id: string; statement: string; sourceCount: number; claimCount: number };
const FACT_COLUMNS = 'f.id, f.statement, f.source_count AS sourceCount, f.claim_count AS claimCount';

export type ClaimFilter = {
  topic?: string;
  source?: string;
  speaker?: string;
  factId?: string;
  /** Free text: every word must occur (reduced to quoted FTS5 terms, never read as FTS5 syntax); it needs a letter or digit. */
  q?: string;
  /** An entity id, already resolved from whatever id or name the request gave. */
  entity?: string;
  minCheckworthiness?: number;
  /** 0: claims of sources about the event only; 1: the others only; absent: both. */
  offEvent?: 0 | 1;
};

/** The filters as the statements take them: the search text reduced to an FTS5 query of quoted terms. */
export type ClaimParameters = Omit<ClaimFilter, 'q'> & { match?: string };

const CLAIM_FILTERS = ['topic', 'source', 'speaker', 'factId', 'match', 'entity', 'minCheckworthiness', 'offEvent'] as const;

type ClaimDriver = {
  filter: (typeof CLAIM_FILTERS)[number] | null;
  from: string;
  where: string;
  /** The columns holding (source_seq, seq), read in that order from the driving index; or the rowid that encodes them. */
  order: [string, string] | [string];
  /** A claim can mention an entity more than once: one row per claim. */
  distinct?: boolean;
};

/**
 * The filters whose index reads claims in list order, most selective first. A link table joins its claim
 * by rowid, the list position it copies (one lookup rather than the id index and then the table).
 */
const CLAIM_DRIVERS: ClaimDriver[] = [
  { filter: 'factId', from: `claim_facts k JOIN claims c ON c.rowid = k.source_seq * ${CLAIM_SEQ_SPAN} + k.claim_seq`, where: 'k.fact_id = @factId', order: ['k.source_seq', 'k.claim_seq'] },
  { filter: 'source', from: 'claims c', where: 'c.source_id = @source', order: ['c.source_seq', 'c.seq'] },
  { filter: 'speaker', from: 'claims c', where: 'c.speaker = @speaker COLLATE NOCASE', order: ['c.source_seq', 'c.seq'] },
  {
    filter: 'entity',
    from: `claim_entities k JOIN claims c ON c.rowid = k.source_seq * ${CLAIM_SEQ_SPAN} + k.claim_seq`,
    where: 'k.entity_id = @entity',
    order: ['k.source_seq', 'k.claim_seq'],
    distinct: true,
  },
  { filter: 'topic', from: `claim_topics k JOIN claims c ON c.rowid = k.source_seq * ${CLAIM_SEQ_SPAN} + k.claim_seq`, where: 'k.topic_slug = @topic', order: ['k.source_seq', 'k.claim_seq'] },
  // FTS5 yields matches in rowid order, and a claim's rowid is its list position (migration 007).
  {
    filter: 'match',
    from: 'claims_fts JOIN claims c ON c.rowid = claims_fts.rowid',
    where: 'claims_fts MATCH @match',
    order: ['claims_fts.rowid'],
  },
];
const UNFILTERED: ClaimDriver = { filter: null, from: 'claims c', where: '1', order: ['c.source_seq', 'c.seq'] };

/** A filter that does not drive is checked on each claim the driving index yields. */
const CLAIM_CHECKS: Record<(typeof CLAIM_FILTERS)[number], string> = {
  topic: 'EXISTS (SELECT 1 FROM claim_topics t WHERE t.topic_slug = @topic AND t.source_seq = c.source_seq AND t.claim_seq = c.seq)',
  source: 'c.source_id = @source',
  speaker: 'c.speaker = @speaker COLLATE NOCASE',
  factId: 'EXISTS (SELECT 1 FROM claim_facts f WHERE f.fact_id = @factId AND f.source_seq = c.source_seq AND f.claim_seq = c.seq)',
  match: 'EXISTS (SELECT 1 FROM claims_fts WHERE claims_fts MATCH @match AND claims_fts.rowid = c.rowid)',
  entity: 'EXISTS (SELECT 1 FROM claim_entities e WHERE e.entity_id = @entity AND e.source_seq = c.source_seq AND e.claim_seq = c.seq)',
  minCheckworthiness: 'c.checkworthiness >= @minCheckworthiness',
  offEvent: 'c.off_event = @offEvent',
};

type RawClaim = {
  rowid: number;
  id: string;
  sourceId: string;
  sourceSeq: number;
  seq: number;
  text: string;
  start: number;
  end: number;
  speaker: string | null;
  quote: string | null;
  checkworthiness: number;
  offEvent: number;
};

const CLAIM_COLUMNS = `c.id, c.source_id AS sourceId, c.source_seq AS sourceSeq, c.seq, c.text, c.span_start AS start,
  c.span_end AS end, c.speaker, c.quote, c.checkworthiness, c.off_event AS offEvent`;

type RawEntity = Omit<EntityRow, 'aliases'> & { aliases: string };

type FactHead = RawFact;
type Keyset = { afterCount: number; afterId: string; limit: number };

const DISCREPANCY_FILTERS = `AND (@kind IS NULL OR EXISTS (SELECT 1 FROM fact_variant_values v WHERE v.fact_id = f.id AND v.kind = @kind))
  AND (@topic IS NULL OR EXISTS (SELECT 1 FROM fact_topics ft WHERE ft.fact_id = f.id AND ft.topic_slug = @topic))`;

const ENTITY_COLUMNS = 'e.id, e.name, e.kind, e.aliases, e.mention_count AS mentionCount, e.source_count AS sourceCount';

/**
 * The read model: every query the API serves, as statements prepared once. Lists use keyset
 * pagination: `after` is the sort key of the last item already served.
 */
export class ReadModel {
  private readonly statements;
  private readonly claimLists = new Map<string, Statement>();
  private readonly entityLists = new Map<string, Statement>();
  private speakerList: { version: string; speakers: Array<{ name: string; factCount: number }> } | null = null;
  private readonly facetCounts: FacetCounts;

  constructor(private readonly db: Db) {
    this.facetCounts = new FacetCounts(db);
    this.statements = {
      topics: db.prepare<[number, number], TopicRow & { position: number }>(
        `SELECT slug, label, description, claim_count AS claimCount, source_count AS sourceCount, position
         FROM topics WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      topic: db.prepare<[string], TopicRow>(
        'SELECT slug, label, description, claim_count AS claimCount, source_count AS sourceCount FROM topics WHERE slug = ?',
      ),
      topicSlugs: db.prepare<[], { slug: string }>('SELECT slug FROM topics ORDER BY position'),
      claim: db.prepare<[string], RawClaim>(`SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.id = ?`),
      // A page's links by the claims' list positions (migration 008), so they are read from neighbouring
      // index pages; each row says which claim it belongs to by position.
      claimTopics: db.prepare<[string], { position: number; slug: string }>(
        `SELECT json_each.value AS position, ct.topic_slug AS slug FROM json_each(?)
         JOIN claim_topics ct ON ct.source_seq = json_each.value / ${CLAIM_SEQ_SPAN} AND ct.claim_seq = json_each.value % ${CLAIM_SEQ_SPAN}
         JOIN topics t ON t.slug = ct.topic_slug ORDER BY t.position`,
      ),
      claimFacts: db.prepare<[string], { position: number; factId: string }>(
        `SELECT json_each.value AS position, cf.fact_id AS factId FROM json_each(?)
         JOIN claim_facts cf ON cf.source_seq = json_each.value / ${CLAIM_SEQ_SPAN} AND cf.claim_seq = json_each.value % ${CLAIM_SEQ_SPAN}
         ORDER BY cf.fact_id`,
      ),
      claimEntities: db.prepare<[string], { position: number; id: string; name: string; kind: EntityKind; start: number; end: number }>(
        `SELECT json_each.value AS position, e.id, e.name, e.kind, ce.span_start AS start, ce.span_end AS end FROM json_each(?)
         JOIN claim_entities ce ON ce.source_seq = json_each.value / ${CLAIM_SEQ_SPAN} AND ce.claim_seq = json_each.value % ${CLAIM_SEQ_SPAN}
         JOIN entities e ON e.id = ce.entity_id ORDER BY ce.source_seq, ce.claim_seq, ce.span_start`,
      ),
      entity: db.prepare<[string], RawEntity>(`SELECT ${ENTITY_COLUMNS} FROM entities e WHERE e.id = ?`),
      entityIdByIdOrName: db.prepare<[string, string], { id: string }>('SELECT id FROM entities WHERE id = ? OR name = ?'),
      entityMentions: db.prepare<[string], { claimId: string; sourceId: string; start: number; end: number; text: string }>(
        `SELECT ce.claim_id AS claimId, c.source_id AS sourceId, ce.span_start AS start, ce.span_end AS end, ce.text
         FROM claim_entities ce JOIN claims c ON c.id = ce.claim_id
         WHERE ce.entity_id = ? ORDER BY ce.source_seq, ce.claim_seq, ce.span_start`,
      ),
      sources: db.prepare<[number, number], SourceRow & { seq: number }>(
        `SELECT id, seq, file_name AS fileName, url, title, publisher, author, published_at AS publishedAt, claim_count AS claimCount,
           off_event AS offEvent
         FROM sources WHERE seq > ? ORDER BY seq LIMIT ?`,
      ),
      source: db.prepare<[string], SourceRow & { text: string }>(
        `SELECT id, file_name AS fileName, url, title, publisher, author, published_at AS publishedAt, claim_count AS claimCount,
           off_event AS offEvent, text
         FROM sources WHERE id = ?`,
      ),
      sourceExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM sources WHERE id = ?'),
      boilerplate: db.prepare<[string], { text: string; reason: string; start: number; end: number }>(
        'SELECT text, reason, span_start AS start, span_end AS end FROM boilerplate WHERE source_id = ? ORDER BY seq',
      ),
      sourceClaims: db.prepare<[string], RawClaim>(`SELECT ${CLAIM_COLUMNS} FROM claims c WHERE c.source_id = ? ORDER BY c.source_seq, c.seq`),
      // Rank order is (source count descending, id ascending). A cursor splits a page into the rest of its
      // source count (ids after the cursor's) and the lower counts: two index ranges, each read in order.
      factsTied: db.prepare<[Keyset & { minSources: number }], FactHead>(
        `SELECT ${FACT_COLUMNS} FROM facts f
         WHERE source_count = @afterCount AND id > @afterId AND source_count >= @minSources ORDER BY id LIMIT @limit`,
      ),
      factsBelow: db.prepare<[Keyset & { minSources: number }], FactHead>(
        `SELECT ${FACT_COLUMNS} FROM facts f
         WHERE source_count < @afterCount AND source_count >= @minSources ORDER BY source_count DESC, id LIMIT @limit`,
      ),
      factsByTopicTied: db.prepare<[Keyset & { minSources: number; topic: string }], FactHead>(
        `SELECT ${FACT_COLUMNS} FROM fact_topics ft JOIN facts f ON f.id = ft.fact_id
         WHERE ft.topic_slug = @topic AND ft.source_count = @afterCount AND ft.fact_id > @afterId AND ft.source_count >= @minSources
         ORDER BY ft.fact_id LIMIT @limit`,
      ),
      factsByTopicBelow: db.prepare<[Keyset & { minSources: number; topic: string }], FactHead>(
        `SELECT ${FACT_COLUMNS} FROM fact_topics ft JOIN facts f ON f.id = ft.fact_id
         WHERE ft.topic_slug = @topic AND ft.source_count < @afterCount AND ft.source_count >= @minSources
         ORDER BY ft.source_count DESC, ft.fact_id LIMIT @limit`,
      ),
      // Facts with variants in rank order from their partial index; a kind or topic filter is checked
      // fact by fact along it.
      discrepanciesTied: db.prepare<[Keyset & { kind: string | null; topic: string | null }], FactHead>(
        `SELECT ${FACT_COLUMNS} FROM facts f
         WHERE variant_count > 0 AND source_count = @afterCount AND id > @afterId ${DISCREPANCY_FILTERS}
         ORDER BY source_count DESC, id LIMIT @limit`,
      ),
      discrepanciesBelow: db.prepare<[Keyset & { kind: string | null; topic: string | null }], FactHead>(
        `SELECT ${FACT_COLUMNS} FROM facts f
         WHERE variant_count > 0 AND source_count < @afterCount ${DISCREPANCY_FILTERS}
         ORDER BY source_count DESC, id LIMIT @limit`,
      ),
      // Facts a speaker states (the reader's filter), in rank order like /facts, from the speaker's claims
      // (speaker index, case-insensitive as /claims?speaker=) sorted by rank: the cost follows the speaker's
      // claims, not the corpus, where walking the rank index would read every fact for a rare speaker.
      factsBySpeaker: db.prepare<[{ speaker: string; topic: string | null; afterCount: number; afterId: string; limit: number }], FactHead>(
        `SELECT ${FACT_COLUMNS} FROM facts f
         WHERE f.id IN (SELECT cf.fact_id FROM claims c JOIN claim_facts cf ON cf.source_seq = c.source_seq AND cf.claim_seq = c.seq
                        WHERE c.speaker = @speaker COLLATE NOCASE)
           AND (f.source_count < @afterCount OR (f.source_count = @afterCount AND f.id > @afterId))
           AND (@topic IS NULL OR EXISTS (SELECT 1 FROM fact_topics ft WHERE ft.topic_slug = @topic AND ft.fact_id = f.id))
         ORDER BY f.source_count DESC, f.id LIMIT @limit`,
      ),
      // Every speaker of a claim that supports a fact, read along the speaker index (one row per
      // speaker, its spellings merged as the filter merges them), with the facts they state.
      speakers: db.prepare<[], { name: string; factCount: number }>(
        `SELECT min(c.speaker) AS name, count(DISTINCT cf.fact_id) AS factCount
         FROM claims c JOIN claim_facts cf ON cf.source_seq = c.source_seq AND cf.claim_seq = c.seq
         WHERE c.speaker IS NOT NULL GROUP BY c.speaker COLLATE NOCASE`,
      ),
      // A page's links in three statements, not a few per fact: each fact's variants, and its first
      // sources and claims, come back as one JSON array built inside SQLite, which is several times
      // cheaper than a JavaScript object per row once facts have thousands of claims.
      factVariants: db.prepare<[string], { factId: string; variants: string }>(
        `SELECT v.fact_id AS factId,
           json_group_array(json_array(v.kind, v.value, v.source_count, v.claim_count, json(
             (SELECT json_group_array(json_array(o.source_id, o.claim_id, o.span_start, o.span_end) ORDER BY o.position)
              FROM fact_variants o WHERE o.fact_id = v.fact_id AND o.kind = v.kind AND o.value = v.value)
           )) ORDER BY v.kind, v.position) AS variants
         FROM fact_variant_values v WHERE v.fact_id IN (SELECT value FROM json_each(?)) GROUP BY v.fact_id`,
      ),
      fact: db.prepare<[string], RawFact>(`SELECT ${FACT_COLUMNS} FROM facts f WHERE f.id = ?`),
      factExists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM facts WHERE id = ?'),
      factsByIds: db.prepare<[string], RawFact>(
        `SELECT ${FACT_COLUMNS} FROM facts f
         WHERE f.id IN (SELECT value FROM json_each(?)) ORDER BY f.source_count DESC, f.id`,
      ),
      factTopics: db.prepare<[string], { factId: string; slug: string }>(
        `SELECT ft.fact_id AS factId, ft.topic_slug AS slug FROM fact_topics ft JOIN topics t ON t.slug = ft.topic_slug
         WHERE ft.fact_id IN (SELECT value FROM json_each(?)) ORDER BY t.position`,
      ),
      factPreviews: db.prepare<[{ ids: string; limit: number }], { factId: string; sourceIds: string; claimIds: string }>(
        `SELECT json_each.value AS factId,
           (SELECT json_group_array(s.id ORDER BY p.source_seq)
            FROM (SELECT source_seq FROM claim_facts WHERE fact_id = json_each.value GROUP BY source_seq ORDER BY source_seq LIMIT @limit) p
            JOIN sources s ON s.seq = p.source_seq) AS sourceIds,
           (SELECT json_group_array(c.claim_id ORDER BY c.source_seq, c.claim_seq)
            FROM (SELECT claim_id, source_seq, claim_seq FROM claim_facts WHERE fact_id = json_each.value ORDER BY source_seq, claim_seq LIMIT @limit) c) AS claimIds
         FROM json_each(@ids)`,
      ),
      factWordings: db.prepare<[string, number], RawClaim & { title: string | null; publisher: string | null; url: string | null; publishedAt: string | null }>(
        `SELECT ${CLAIM_COLUMNS}, s.title, s.publisher, s.url, s.published_at AS publishedAt FROM claim_facts cf JOIN claims c ON c.id = cf.claim_id
         JOIN sources s ON s.seq = cf.source_seq WHERE cf.fact_id = ? ORDER BY cf.source_seq, cf.claim_seq LIMIT ?`,
      ),
      changes: db.prepare<[number, number], ChangeRow>('SELECT seq, kind, subject_id AS id, claim_count AS claimCount FROM changes WHERE seq > ? ORDER BY seq LIMIT ?'),
      dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
      ownChanges: db.prepare<[], number>('SELECT total_changes()').pluck(),
      // Kept by triggers (migration 007): no whole-table count per request.
      health: db.prepare<[], { sources: number; claims: number; facts: number }>('SELECT sources, claims, facts FROM corpus_counts'),
    };
  }

  /**
   * Several reads as one call: through the app's read model (see readingOneSnapshot), every read
   * `reads` makes sees the same snapshot, as a page that shows a fact and its sources needs.
   */
  read<T>(reads: (model: ReadModel) => T): T {
    return reads(this);
  }

  listTopics(limit: number, after: [number] | null): Page<TopicRow> {
    const rows = this.statements.topics.all(after?.[0] ?? -1, limit + 1);
    return page(rows, limit, (row) => [row.position], ({ position: _position, ...topic }) => topic);
  }

  getTopic(slug: string): TopicRow | null {
    return this.statements.topic.get(slug) ?? null;
  }

  topicSlugs(): string[] {
    return this.statements.topicSlugs.all().map((row) => row.slug);
  }

  sourceExists(id: string): boolean {
    return this.statements.sourceExists.get(id) !== undefined;
  }

  factExists(id: string): boolean {
    return this.statements.factExists.get(id) !== undefined;
  }

  /**
   * One statement per combination of filters, built from fixed fragments; values are always bound. The
   * page is read in list order from the cursor on, from the index of one filter (the first of
   * CLAIM_DRIVERS the request uses); the other filters are checked claim by claim along it.
   */
  private claimListStatement(filter: ClaimParameters): Statement {
    const key = CLAIM_FILTERS.filter((name) => filter[name] !== undefined).join(',');
    let statement = this.claimLists.get(key);
    if (!statement) {
      const driver = CLAIM_DRIVERS.find((candidate) => candidate.filter !== null && filter[candidate.filter] !== undefined) ?? UNFILTERED;
      const order = driver.order.join(', ');
      const after = driver.order.length === 2 ? `(${order}) > (@afterSource, @afterSeq)` : `${order} > @afterSource * ${CLAIM_SEQ_SPAN} + @afterSeq`;
      const where = [driver.where, after];
      for (const name of CLAIM_FILTERS) if (name !== driver.filter && filter[name] !== undefined) where.push(CLAIM_CHECKS[name]);
      statement = this.db.prepare(
        `SELECT ${CLAIM_COLUMNS} FROM ${driver.from} WHERE ${where.join(' AND ')}
         ${driver.distinct ? `GROUP BY ${order} ` : ''}ORDER BY ${order} LIMIT @limit`,
      );
      this.claimLists.set(key, statement);
    }
    return statement;
  }

  /** A page of claims in list order, and, when asked, the facets of every claim the filters select. */
  listClaims({ q, ...rest }: ClaimFilter, limit: number, after: [number, number] | null, facets?: FacetRequest<ClaimFacet>): FacetedPage<ClaimRow, ClaimFacet> {
    const match = q === undefined ? undefined : toFtsQuery(q);
    if (match === null) throw new RangeError('the search text has no letter or digit');
    const filter: ClaimParameters = { ...rest, match };
    const rows = this.claimListStatement(filter).all({
      ...Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)),
      afterSource: after?.[0] ?? -1,
      afterSeq: after?.[1] ?? -1,
      limit: limit + 1,
    }) as RawClaim[];
    const served = rows.slice(0, limit);
    const claims = this.withLinks(served);
    const next = rows.length > limit ? [served.at(-1)!.sourceSeq, served.at(-1)!.seq] : null;
    return facets ? { items: claims, next, facets: this.facetCounts.claimFacets(filter, facets) } : { items: claims, next };
  }

  getClaim(id: string): ClaimRow | null {
    const row = this.statements.claim.get(id);
    return row ? this.withLinks([row])[0]! : null;
  }

  listSources(limit: number, after: [number] | null): Page<SourceRow> {
    const rows = this.statements.sources.all(after?.[0] ?? -1, limit + 1);
    return page(rows, limit, (row) => [row.seq], ({ seq: _seq, ...source }) => source);
  }

  getSource(id: string): SourceDetail | null {
    const source = this.statements.source.get(id);
    if (!source) return null;
    return {
      ...source,
      boilerplate: this.statements.boilerplate.all(id).map(({ start, end, ...line }) => ({ ...line, span: { start, end } })),
      claims: this.withLinks(this.statements.sourceClaims.all(id)),
    };
  }

  /** A page of facts in rank order, and, when asked, the facets of every fact the filters select. */
  listFacts(filter: { topic?: string; minSources: number }, limit: number, after: [number, string] | null, facets?: FacetRequest<FactFacet>): FacetedPage<FactRow, FactFacet> {
    const { topic, minSources } = filter;
    let page: Page<FactRow>;
    if (topic === undefined) {
      const { factsTied, factsBelow } = this.statements;
      page = this.factPage((part, keyset) => (part === 'tied' ? factsTied : factsBelow).all({ ...keyset, minSources }), limit, after);
    } else {
      const { factsByTopicTied, factsByTopicBelow } = this.statements;
      page = this.factPage((part, keyset) => (part === 'tied' ? factsByTopicTied : factsByTopicBelow).all({ ...keyset, minSources, topic }), limit, after);
    }
    return facets ? { ...page, facets: this.facetCounts.factFacets({ topic, minSources }, facets) } : page;
  }

  /** Facts whose sources give different values, optionally of one kind or on one topic. */
  listDiscrepancies(filter: { kind?: VariantKind; topic?: string }, limit: number, after: [number, string] | null): Page<FactRow> {
    const { discrepanciesTied, discrepanciesBelow } = this.statements;
    const filters = { kind: filter.kind ?? null, topic: filter.topic ?? null };
    return this.factPage((part, keyset) => (part === 'tied' ? discrepanciesTied : discrepanciesBelow).all({ ...keyset, ...filters }), limit, after);
  }

  /** Facts that a claim by this speaker (case-insensitive) supports, optionally on one topic, in /facts order. */
  listFactsBySpeaker(filter: { speaker: string; topic?: string }, limit: number, after: [number, string] | null): Page<FactRow> {
    const rows = this.statements.factsBySpeaker.all({
      speaker: filter.speaker,
      topic: filter.topic ?? null,
      afterCount: after?.[0] ?? Number.MAX_SAFE_INTEGER,
      afterId: after?.[1] ?? '',
      limit: limit + 1,
    });
    const served = rows.slice(0, limit);
    return { items: this.factsWithLinks(served), next: rows.length > limit ? [served.at(-1)!.sourceCount, served.at(-1)!.id] : null };
  }

  /**
   * The speakers of claims that support a fact, most facts first, then by name. Counting them reads the
   * whole speaker index, so the list is kept until the data changes.
   */
  speakers(): Array<{ name: string; factCount: number }> {
    const version = this.dataVersion();
    if (this.speakerList?.version !== version) {
      const speakers = this.statements.speakers.all().sort((a, b) => b.factCount - a.factCount || a.name.localeCompare(b.name, 'en'));
      this.speakerList = { version, speakers };
    }
    return this.speakerList.speakers;
  }

  getFact(id: string): FactDetail | null {
    const fact = this.statements.fact.get(id);
    if (!fact) return null;
    const rows = this.statements.factWordings.all(id, FACT_PREVIEW_SIZE);
    const claims = this.withLinks(rows);
    const wordings = new Map<string, Wording>();
    rows.forEach((row, index) => {
      const wording = wordings.get(row.sourceId) ?? { sourceId: row.sourceId, title: row.title, publisher: row.publisher, url: row.url, publishedAt: row.publishedAt, claims: [] };
      wording.claims.push(claims[index]!);
      wordings.set(row.sourceId, wording);
    });
    return { ...this.factsWithLinks([fact])[0]!, wordings: [...wordings.values()] };
  }

  /** Facts by id, in /facts order; ids that name no fact are left out. */
  getFacts(ids: string[]): FactRow[] {
    return this.factsWithLinks(this.statements.factsByIds.all(JSON.stringify(ids)));
  }

  /** The entity an id or a canonical name (case-insensitive) names, or null. */
  findEntityId(idOrName: string): string | null {
    return this.statements.entityIdByIdOrName.get(idOrName, idOrName)?.id ?? null;
  }

  /** One statement per combination of filters, built from fixed fragments; values are always bound. */
  private entityListStatement(filter: EntityFilter): Statement {
    const key = (['kind', 'q'] as const).filter((name) => filter[name] !== undefined).join(',');
    let statement = this.entityLists.get(key);
    if (!statement) {
      // Most sources first, then most mentions, then name: the sort key is the keyset.
      const where: string[] = [
        `(e.source_count < @afterSources OR (e.source_count = @afterSources AND
          (e.mention_count < @afterMentions OR (e.mention_count = @afterMentions AND e.name > @afterName))))`,
      ];
      if (filter.kind !== undefined) where.push('e.kind = @kind');
      if (filter.q !== undefined) {
        where.push(
          `(instr(lower(e.name), lower(@q)) > 0 OR EXISTS (SELECT 1 FROM json_each(e.aliases) WHERE instr(lower(json_each.value), lower(@q)) > 0))`,
        );
      }
      statement = this.db.prepare(
        `SELECT ${ENTITY_COLUMNS} FROM entities e WHERE ${where.join(' AND ')}
         ORDER BY e.source_count DESC, e.mention_count DESC, e.name LIMIT @limit`,
      );
      this.entityLists.set(key, statement);
    }
    return statement;
  }

  listEntities(filter: EntityFilter, limit: number, after: [number, number, string] | null): Page<EntityRow> {
    const [afterSources, afterMentions, afterName] = after ?? [Number.MAX_SAFE_INTEGER, 0, ''];
    const rows = this.entityListStatement(filter).all({
      ...Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)),
      afterSources,
      afterMentions,
      afterName,
      limit: limit + 1,
    }) as RawEntity[];
    return page(rows, limit, (row) => [row.sourceCount, row.mentionCount, row.name], toEntity);
  }

  getEntity(id: string): EntityDetail | null {
    const row = this.statements.entity.get(id);
    if (!row) return null;
    const mentions = this.statements.entityMentions.all(id).map(({ start, end, ...mention }) => ({ ...mention, span: { start, end } }));
    return { ...toEntity(row), mentions };
  }

  /**
   * A token that changes whenever a write commits to the database: through another connection or
   * process (SQLite's data_version, read from the WAL index without touching the tables) or, unless
   * the connection is read-only as the server's is, through this one (its change count). Cheap
   * enough to read on every request; comparable only with tokens from this read model.
   */
  dataVersion(): string {
    const others = this.statements.dataVersion.get()!;
    return this.db.readonly ? String(others) : `${others}.${this.statements.ownChanges.get()!}`;
  }

  /** Changes after position `after` (0: from the first), in commit order. */
  listChanges(after: number, limit: number): ChangeRow[] {
    return this.statements.changes.all(after, limit);
  }

  health(): { sources: number; claims: number; facts: number } {
    return this.statements.health.get()!;
  }

  private withLinks(rows: RawClaim[]): ClaimRow[] {
    const positionOf = (row: RawClaim) => row.sourceSeq * CLAIM_SEQ_SPAN + row.seq;
    const positions = JSON.stringify(rows.map(positionOf));
    const topics = groupBy(this.statements.claimTopics.all(positions), (row) => row.position, (row) => row.slug);
    const facts = groupBy(this.statements.claimFacts.all(positions), (row) => row.position, (row) => row.factId);
    const entities = groupBy(
      this.statements.claimEntities.all(positions),
      (row) => row.position,
      ({ id, name, kind, start, end }): ClaimEntityRow => ({ id, name, kind, span: { start, end } }),
    );
    return rows.map((row) => ({
      id: row.id,
      sourceId: row.sourceId,
      text: row.text,
      span: { start: row.start, end: row.end },
      topics: topics.get(positionOf(row)) ?? [],
      speaker: row.speaker,
      quote: row.quote,
      checkworthiness: row.checkworthiness,
      factIds: facts.get(positionOf(row)) ?? [],
      entities: entities.get(positionOf(row)) ?? [],
      offEvent: row.offEvent === 1,
    }));
  }

  /**
   * A page of facts in rank order (most sources first, then id), keyed for the next page by (source
   * count, id). After a cursor the page is read as two index ranges, each in order and from the cursor
   * on: the facts tied with the cursor's source count whose ids come after its id, then those with fewer
   * sources. One range over (count, id) would need an OR that SQLite reads from the top of the index.
   */
  private factPage(read: (part: 'tied' | 'below', keyset: Keyset) => FactHead[], limit: number, after: [number, string] | null): Page<FactRow> {
    const rows = after ? read('tied', { afterCount: after[0], afterId: after[1], limit: limit + 1 }) : [];
    if (rows.length <= limit) {
      rows.push(...read('below', { afterCount: after?.[0] ?? Number.MAX_SAFE_INTEGER, afterId: '', limit: limit + 1 - rows.length }));
    }
    const served = rows.slice(0, limit);
    return {
      items: this.factsWithLinks(served),
      next: rows.length > limit ? [served.at(-1)!.sourceCount, served.at(-1)!.id] : null,
    };
  }

  private factsWithLinks(rows: FactHead[]): FactRow[] {
    const ids = JSON.stringify(rows.map((row) => row.id));
    const topics = groupBy(this.statements.factTopics.all(ids), (row) => row.factId, (row) => row.slug);
    const variants = new Map(this.statements.factVariants.all(ids).map((row) => [row.factId, toVariants(row.variants)]));
    const previews = new Map(this.statements.factPreviews.all({ ids, limit: FACT_PREVIEW_SIZE }).map((row) => [row.factId, row]));
    return rows.map((row) => {
      const preview = previews.get(row.id);
      return {
        id: row.id,
        statement: row.statement,
        topics: topics.get(row.id) ?? [],
        sourceIds: preview ? (JSON.parse(preview.sourceIds) as string[]) : [],
        claimIds: preview ? (JSON.parse(preview.claimIds) as string[]) : [],
        sourceCount: row.sourceCount,
        claimCount: row.claimCount,
        variants: variants.get(row.id) ?? [],
      };
    });
  }

}

function toEntity({ aliases, ...entity }: RawEntity): EntityRow {
  return { ...entity, aliases: JSON.parse(aliases) as string[] };
}

function page<Row, Item>(rows: Row[], limit: number, key: (row: Row) => Array<string | number>, toItem: (row: Row) => Item): Page<Item> {
  const served = rows.slice(0, limit);
  return { items: served.map(toItem), next: rows.length > limit ? key(served.at(-1)!) : null };
}

type VariantJson = Array<[VariantKind, string, number, number, Array<[string, string, number, number]>]>;

/** A fact's variants from the JSON `factVariants` builds: values in order, grouped by kind in order. */
function toVariants(json: string): VariantRow[] {
  const kinds = new Map<VariantKind, VariantValueRow[]>();
  for (const [kind, value, sourceCount, claimCount, occurrences] of JSON.parse(json) as VariantJson) {
    appendTo(kinds, kind, {
      value,
      sourceCount,
      claimCount,
      occurrences: occurrences.map(([sourceId, claimId, start, end]) => ({ sourceId, claimId, span: { start, end } })),
    });
  }
  return [...kinds].map(([kind, values]) => ({ kind, values }));
}

/**
 * Reduces free text to an FTS5 query of quoted terms, all required, so no user input is ever read
 * as FTS5 syntax. Null when the text has no word to search for.
 */
function toFtsQuery(text: string): string | null {
  const terms = text.match(/[\p{L}\p{N}]+/gu);
  if (!terms) return null;
  return terms.slice(0, 32).map((term) => `"${term}"`).join(' ');
}

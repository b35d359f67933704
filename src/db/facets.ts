import type { Statement } from 'better-sqlite3';
import { CLAIM_SEQ_SPAN, FACET_SIZE, type ClaimFacet, type FactFacet } from '../data-layout.js';
import type { Db } from './open.js';
import type { ClaimParameters } from './read-model.js';

/** One value of a facet: how many claims (or facts) of the filtered list carry it. */
export type FacetValueRow = { value: string; label: string | null; count: number };
/** A facet's values, most first, cut at the size asked; valueCount says how many there are in all. */
export type FacetRow = { values: FacetValueRow[]; valueCount: number; truncated: boolean };
/** The facets to count and how many values each lists (FACET_SIZE.default when absent). */
export type FacetRequest<Name extends string> = { names: readonly Name[]; size?: number | undefined };
export type FacetRows<Name extends string> = Partial<Record<Name, FacetRow>>;

type CountedRow = { facet: string; value: string; label: string | null; count: number; valueCount: number };

type FilterName = keyof ClaimParameters;

/** The filters whose counts are kept whole (migration 017): alone, a list's facets are read, not counted. */
const KEPT_FILTERS: ReadonlySet<FilterName> = new Set(['topic', 'speaker', 'entity']);

/**
 * How facet counting reads the claims a filter selects: each claim by its list position (its rowid) and
 * its source's seq, straight from the index of one filter, without reading the claim's own row. The
 * drivers and their order are the list's (ReadModel's CLAIM_DRIVERS), and checkworthiness last.
 */
type PositionDriver = { filter: FilterName; from: string; where: string; position: string; seq: string; claimSeq: string; distinct?: boolean };

const linkDriver = (filter: FilterName, table: string, where: string, distinct = false): PositionDriver => ({
  filter,
  from: `${table} k`,
  where,
  position: `k.source_seq * ${CLAIM_SEQ_SPAN} + k.claim_seq`,
  seq: 'k.source_seq',
  claimSeq: 'k.claim_seq',
  distinct,
});
const claimDriver = (filter: FilterName, where: string): PositionDriver => ({ filter, from: 'claims c', where, position: 'c.rowid', seq: 'c.source_seq', claimSeq: 'c.seq' });

/** The claims' keys hold checkworthiness with an index of its own (migration 017), which the list does without. */
const CHECKWORTHY: PositionDriver = {
  filter: 'minCheckworthiness',
  from: 'claim_keys ck',
  where: 'ck.checkworthiness >= @minCheckworthiness',
  position: 'ck.position',
  seq: `ck.position / ${CLAIM_SEQ_SPAN}`,
  claimSeq: `ck.position % ${CLAIM_SEQ_SPAN}`,
};

const POSITION_DRIVERS: PositionDriver[] = [
  linkDriver('factId', 'claim_facts', 'k.fact_id = @factId'),
  claimDriver('source', 'c.source_id = @source'),
  claimDriver('speaker', 'c.speaker = @speaker COLLATE NOCASE'),
  // A claim can mention an entity more than once: one row per claim.
  linkDriver('entity', 'claim_entities', 'k.entity_id = @entity', true),
  linkDriver('topic', 'claim_topics', 'k.topic_slug = @topic'),
  {
    filter: 'match',
    from: 'claims_fts',
    where: 'claims_fts MATCH @match',
    position: 'claims_fts.rowid',
    seq: `claims_fts.rowid / ${CLAIM_SEQ_SPAN}`,
    claimSeq: `claims_fts.rowid % ${CLAIM_SEQ_SPAN}`,
  },
  CHECKWORTHY,
];

/** The first driver the filters name, as the list picks its own. */
function driverOf(filters: FilterName[]): PositionDriver {
  const driver = POSITION_DRIVERS.find((candidate) => filters.includes(candidate.filter));
  if (!driver) throw new Error(`no index selects claims by ${filters.join(', ')}`);
  return driver;
}

type Columns = { position: string; seq: string; claimSeq: string };

/**
 * The list's filters checked on a claim by its position. Speaker and checkworthiness are read from the
 * claim's keys (`ck`), joined when a check needs them; the off-event flag is a source's, so it is
 * checked against the few off-event sources (their own index, migration 016), not claim by claim.
 */
const POSITION_CHECKS: Record<FilterName, { sql: (at: Columns) => string; readsKeys?: boolean }> = {
  topic: { sql: (at) => `EXISTS (SELECT 1 FROM claim_topics t WHERE t.topic_slug = @topic AND t.source_seq = ${at.seq} AND t.claim_seq = ${at.claimSeq})` },
  source: { sql: (at) => `${at.seq} = (SELECT seq FROM sources WHERE id = @source)` },
  speaker: { sql: () => 'ck.speaker = @speaker COLLATE NOCASE', readsKeys: true },
  factId: { sql: (at) => `EXISTS (SELECT 1 FROM claim_facts f WHERE f.fact_id = @factId AND f.source_seq = ${at.seq} AND f.claim_seq = ${at.claimSeq})` },
  match: { sql: (at) => `EXISTS (SELECT 1 FROM claims_fts WHERE claims_fts MATCH @match AND claims_fts.rowid = ${at.position})` },
  entity: { sql: (at) => `EXISTS (SELECT 1 FROM claim_entities e WHERE e.entity_id = @entity AND e.source_seq = ${at.seq} AND e.claim_seq = ${at.claimSeq})` },
  minCheckworthiness: { sql: () => 'ck.checkworthiness >= @minCheckworthiness', readsKeys: true },
  offEvent: { sql: (at) => `(${at.seq} IN (SELECT seq FROM sources INDEXED BY sources_off_event WHERE off_event IS NOT NULL)) = @offEvent` },
};

const FILTER_NAMES = Object.keys(POSITION_CHECKS) as FilterName[];

/**
 * The claims a combination of filters (one at least that selects, besides offEvent) selects, each once,
 * as (position, seq).
 */
function positionsSql(filters: FilterName[]): string {
  const driver = driverOf(filters);
  const checks = filters.filter((name) => name !== driver.filter);
  const joinsKeys = driver !== CHECKWORTHY && checks.some((name) => POSITION_CHECKS[name].readsKeys);
  const from = joinsKeys ? `${driver.from} JOIN claim_keys ck ON ck.position = ${driver.position}` : driver.from;
  const where = [driver.where, ...checks.map((name) => POSITION_CHECKS[name].sql(driver))].join(' AND ');
  return `SELECT ${driver.position} AS position, ${driver.seq} AS seq FROM ${from} WHERE ${where}${driver.distinct ? ` GROUP BY ${driver.seq}, ${driver.claimSeq}` : ''}`;
}

type KeyFacet = Exclude<ClaimFacet, 'source'>;

/**
 * The claims a combination of filters selects, in one pass and one string: for each claim the character
 * that stands for its signature (migration 018), read from its source's row, which the claims of a
 * source share, and with `bySource` its source's seq in decimal digits before it. Grouping them here
 * would sort every claim; the string is tallied in JavaScript instead (tallyOf). Off-event claims are
 * told by the source's row too.
 */
function tallySql(filters: FilterName[], bySource: boolean): string {
  const selecting = filters.filter((name) => name !== 'offEvent');
  const signature = `substr(signed.signatures, matched.position % ${CLAIM_SEQ_SPAN} + 1, 1)`;
  return `WITH matched AS (${positionsSql(selecting)})
    SELECT group_concat(${bySource ? `matched.seq || ${signature}` : signature}, '') AS tally
    FROM matched JOIN source_facet_signatures signed ON signed.seq = matched.seq${filters.includes('offEvent') ? ' AND signed.off_event = @offEvent' : ''}`;
}

/**
 * Selected claims counted by signature (claimsBySignature[id - FIRST_SIGNATURE]) and, when tallied by
 * source, by source: the claims of sources[i] number claimsOfSource[i], sources in ascending order.
 */
type Tally = { claimsBySignature: Uint32Array; sources: number[]; claimsOfSource: number[] };

const FIRST_SIGNATURE = 256;
const DIGIT_ZERO = 0x30;
const DIGIT_NINE = 0x39;
const HIGH_SURROGATE = 0xd800;
const LOW_SURROGATE = 0xdc00;

/** Reads tallySql's string: digits make a seq, and each signature character after them is one claim of that source. */
function tallyOf(text: string | null, bySource: boolean): Tally {
  let claimsBySignature = new Uint32Array(FIRST_SIGNATURE);
  const sources: number[] = [];
  const claimsOfSource: number[] = [];
  const length = text?.length ?? 0;
  let seq = 0;
  let lastSeq = -1;
  for (let at = 0; at < length; at += 1) {
    let code = text!.charCodeAt(at);
    if (code <= DIGIT_NINE) {
      seq = seq * 10 + (code - DIGIT_ZERO);
      continue;
    }
    // A code point beyond the first 65,536 takes two UTF-16 units.
    if (code >= HIGH_SURROGATE && code < LOW_SURROGATE) {
      code = 0x10000 + ((code - HIGH_SURROGATE) << 10) + (text!.charCodeAt(at + 1) - LOW_SURROGATE);
      at += 1;
    }
    const signature = code - FIRST_SIGNATURE;
    if (signature >= claimsBySignature.length) {
      const grown = new Uint32Array(Math.max(signature + 1, claimsBySignature.length * 2));
      grown.set(claimsBySignature);
      claimsBySignature = grown;
    }
    claimsBySignature[signature]! += 1;
    if (bySource) {
      // Claims come grouped by source when the driving index is in list order: counted a run at a time.
      if (seq === lastSeq) claimsOfSource[claimsOfSource.length - 1]! += 1;
      else {
        sources.push(seq);
        claimsOfSource.push(1);
        lastSeq = seq;
      }
      seq = 0;
    }
  }
  return { claimsBySignature, ...mergedRuns(sources, claimsOfSource) };
}

/** Runs of claims by source, one per source in ascending order: runs of one source apart (an index out of list order) added up. */
function mergedRuns(sources: number[], claimsOfSource: number[]): { sources: number[]; claimsOfSource: number[] } {
  if (sources.every((seq, index) => index === 0 || sources[index - 1]! < seq)) return { sources, claimsOfSource };
  const merged = new Map<number, number>();
  sources.forEach((seq, index) => merged.set(seq, (merged.get(seq) ?? 0) + claimsOfSource[index]!));
  const ascending = [...merged.keys()].sort((a, b) => a - b);
  return { sources: ascending, claimsOfSource: ascending.map((seq) => merged.get(seq)!) };
}

/** [signature id, claims] for each signature some selected claim has. */
function signatureCounts(claimsBySignature: Uint32Array): Array<[number, number]> {
  const counts: Array<[number, number]> = [];
  claimsBySignature.forEach((claims, index) => {
    if (claims > 0) counts.push([FIRST_SIGNATURE + index, claims]);
  });
  return counts;
}

/** The `size` sources with the most claims, most first, ties in list order (by seq), without sorting them all. */
function mostClaimed({ sources, claimsOfSource }: Tally, size: number): Array<{ seq: number; claims: number }> {
  const top: Array<{ seq: number; claims: number }> = [];
  // Sources are in ascending order: one with as many claims as the last kept comes after it.
  for (let index = 0; index < sources.length; index += 1) {
    const claims = claimsOfSource[index]!;
    if (top.length === size && claims <= top[size - 1]!.claims) continue;
    let at = top.length === size ? size - 1 : top.length;
    while (at > 0 && claims > top[at - 1]!.claims) {
      top[at] = top[at - 1]!;
      at -= 1;
    }
    top[at] = { seq: sources[index]!, claims };
  }
  return top;
}

/**
 * Topic, speaker and entity counts from the selected claims' signatures, in one statement: each facet
 * adds up the signatures' claims by value. Most first; ties in taxonomy order, then by name (case
 * aside). The window counts every value before LIMIT cuts the list.
 */
const KEY_FACETS: Record<KeyFacet, string> = {
  topic: `SELECT 'topic' AS facet, json_each.value, topics.label, SUM(groups.claims) AS count, COUNT(*) OVER () AS valueCount
    FROM groups JOIN facet_key_sets sets ON sets.id = groups.key_set, json_each(sets.topics) JOIN topics ON topics.slug = json_each.value
    GROUP BY json_each.value ORDER BY count DESC, topics.position LIMIT @size`,
  // The speaker filter ignores case, so names that differ only in case are counted as one.
  speaker: `SELECT 'speaker' AS facet, MIN(groups.speaker) AS value, NULL AS label, SUM(groups.claims) AS count, COUNT(*) OVER () AS valueCount
    FROM groups WHERE groups.speaker IS NOT NULL
    GROUP BY groups.speaker COLLATE NOCASE ORDER BY count DESC, 2 COLLATE NOCASE LIMIT @size`,
  entity: `SELECT 'entity' AS facet, json_each.value, entities.name AS label, SUM(groups.claims) AS count, COUNT(*) OVER () AS valueCount
    FROM groups JOIN facet_key_sets sets ON sets.id = groups.key_set, json_each(sets.entities) JOIN entities ON entities.id = json_each.value
    GROUP BY json_each.value ORDER BY count DESC, entities.name LIMIT @size`,
};

/** @signatureCounts: a JSON array of [signature id, claims]. */
function keyFacetsSql(names: KeyFacet[]): string {
  return `WITH groups AS MATERIALIZED (
      SELECT s.speaker, s.key_set, json_each.value ->> 1 AS claims
      FROM json_each(@signatureCounts) JOIN facet_signatures s ON s.id = json_each.value ->> 0
    )
    ${names.map((name) => `SELECT * FROM (${KEY_FACETS[name]})`).join(' UNION ALL ')}`;
}

/** The id and title of each source whose seq is in @seqs (a JSON array). */
const SOURCES_BY_SEQ = `SELECT s.seq, s.id, s.title FROM json_each(@seqs) JOIN sources s ON s.seq = json_each.value`;

/**
 * The kept counts (migration 017) of one facet, overall (filter '') or within one filter's value, of the
 * claims on the event, off it, or (offEvent absent) both. `filter` is one of KEPT_FILTERS or '', never input.
 */
const KEPT_ROWS = (filter: string, offEvent: boolean) => `k.filter = '${filter}'
  AND k.filter_value = ${filter === 'speaker' ? 'lower(@filterValue)' : filter === '' ? "''" : '@filterValue'}
  ${offEvent ? 'AND k.off_event = @offEvent' : ''}`;

const KEPT: Record<ClaimFacet, (filter: string, offEvent: boolean) => string> = {
  topic: (filter, offEvent) => `SELECT 'topic' AS facet, k.value, t.label, SUM(k.claims) AS count, COUNT(*) OVER () AS valueCount
    FROM claim_facet_counts k JOIN topics t ON t.slug = k.value WHERE k.facet = 'topic' AND ${KEPT_ROWS(filter, offEvent)}
    GROUP BY k.value ORDER BY count DESC, t.position LIMIT @size`,
  speaker: (filter, offEvent) => `SELECT 'speaker' AS facet, MIN(k.value) AS value, NULL AS label, SUM(k.claims) AS count, COUNT(*) OVER () AS valueCount
    FROM claim_facet_counts k WHERE k.facet = 'speaker' AND ${KEPT_ROWS(filter, offEvent)}
    GROUP BY k.value COLLATE NOCASE ORDER BY count DESC, 2 COLLATE NOCASE LIMIT @size`,
  // A source is on or off the event with all its claims: one row each, read most claims first from the
  // counts' index when off-event claims are left out or asked for alone.
  source: (filter, offEvent) => `SELECT 'source' AS facet, s.id AS value, s.title AS label, top.claims AS count,
      (SELECT COUNT(*) FROM claim_facet_counts k WHERE k.facet = 'source' AND ${KEPT_ROWS(filter, offEvent)}) AS valueCount
    FROM (SELECT k.value, k.claims FROM claim_facet_counts k WHERE k.facet = 'source' AND ${KEPT_ROWS(filter, offEvent)}
          ORDER BY k.claims DESC, k.value LIMIT @size) top
    JOIN sources s ON s.seq = top.value ORDER BY top.claims DESC, top.value`,
  entity: (filter, offEvent) => `SELECT 'entity' AS facet, k.value, e.name AS label, SUM(k.claims) AS count, COUNT(*) OVER () AS valueCount
    FROM claim_facet_counts k JOIN entities e ON e.id = k.value WHERE k.facet = 'entity' AND ${KEPT_ROWS(filter, offEvent)}
    GROUP BY k.value ORDER BY count DESC, e.name LIMIT @size`,
};

/** Facts by topic: the copy of each fact's source count beside its topics (migration 007) is the filter. */
const FACT_TOPICS = `SELECT 'topic' AS facet, value, label, count, COUNT(*) OVER () AS valueCount FROM (
    SELECT topics.slug AS value, topics.label, topics.position,
      (SELECT COUNT(*) FROM fact_topics ft WHERE ft.topic_slug = topics.slug AND ft.source_count >= @minSources) AS count
    FROM topics
  ) WHERE count > 0 ORDER BY count DESC, position LIMIT @size`;
const FACT_TOPICS_WITHIN_TOPIC = `SELECT 'topic' AS facet, other.topic_slug AS value, t.label, COUNT(*) AS count, COUNT(*) OVER () AS valueCount
  FROM fact_topics ft JOIN fact_topics other ON other.fact_id = ft.fact_id JOIN topics t ON t.slug = other.topic_slug
  WHERE ft.topic_slug = @topic AND ft.source_count >= @minSources
  GROUP BY other.topic_slug ORDER BY count DESC, t.position LIMIT @size`;

/**
 * Facet counts beside a list page: over every item the list's filters select, not the page. With no
 * filter, or one topic, speaker or entity filter, they are read from counts the write model keeps; any
 * other filter tallies the claims it selects, read through its index in one pass, so the cost follows
 * the number of claims selected. Statements are prepared once per shape.
 */
export class FacetCounts {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  claimFacets(filter: ClaimParameters, { names, size = FACET_SIZE.default }: FacetRequest<ClaimFacet>): FacetRows<ClaimFacet> {
    const filters = FILTER_NAMES.filter((name) => filter[name] !== undefined);
    const selecting = filters.filter((name) => name !== 'offEvent');
    const offEvent = filter.offEvent;
    const kept = selecting.length === 0 ? '' : selecting.length === 1 && KEPT_FILTERS.has(selecting[0]!) ? selecting[0]! : null;
    const parameters = {
      ...Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)),
      filterValue: kept ? filter[kept as 'topic' | 'speaker' | 'entity'] : null,
      size,
    };
    const rows: CountedRow[] = [];
    const read = (key: string, sql: () => string) => rows.push(...(this.prepared(key, sql).all(parameters) as CountedRow[]));
    if (kept !== null) {
      const off = offEvent !== undefined;
      for (const name of names) read(`kept:${name}:${kept}:${off}`, () => KEPT[name](kept, off));
    } else {
      const bySource = names.includes('source');
      const tallied = this.prepared(`tally:${filters.join(',')}:${bySource}`, () => tallySql(filters, bySource)).pluck().get(parameters) as string | null;
      const tally = tallyOf(tallied, bySource);
      const keyFacets = names.filter((name): name is KeyFacet => name !== 'source');
      if (keyFacets.length > 0) {
        const signatures = JSON.stringify(signatureCounts(tally.claimsBySignature));
        rows.push(...(this.prepared(`counted:${keyFacets.join(',')}`, () => keyFacetsSql(keyFacets)).all({ signatureCounts: signatures, size }) as CountedRow[]));
      }
      if (bySource) rows.push(...this.sourceRows(tally, size));
    }
    return Object.fromEntries(names.map((name) => [name, facetOf(rows.filter((row) => row.facet === name))]));
  }

  factFacets(filter: { topic?: string; minSources: number }, { names, size = FACET_SIZE.default }: FacetRequest<FactFacet>): FacetRows<FactFacet> {
    const facets: FacetRows<FactFacet> = {};
    for (const name of names) {
      const statement = filter.topic === undefined ? this.prepared('facts:topic', () => FACT_TOPICS) : this.prepared('facts:topic:topic', () => FACT_TOPICS_WITHIN_TOPIC);
      facets[name] = facetOf(statement.all({ minSources: filter.minSources, topic: filter.topic ?? null, size }) as CountedRow[]);
    }
    return facets;
  }

  /** The source facet from the tally: the sources with the most claims found here, then their ids and titles read. */
  private sourceRows(tally: Tally, size: number): CountedRow[] {
    const top = mostClaimed(tally, size);
    const seqs = JSON.stringify(top.map((source) => source.seq));
    const listed = this.prepared('sources-by-seq', () => SOURCES_BY_SEQ).all({ seqs }) as Array<{ seq: number; id: string; title: string | null }>;
    const bySeq = new Map(listed.map((source) => [source.seq, source]));
    return top.map(({ seq, claims }) => ({ facet: 'source', value: bySeq.get(seq)!.id, label: bySeq.get(seq)!.title, count: claims, valueCount: tally.sources.length }));
  }

  private prepared(key: string, sql: () => string): Statement {
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql());
      this.statements.set(key, statement);
    }
    return statement;
  }
}

function facetOf(rows: CountedRow[]): FacetRow {
  const valueCount = rows[0]?.valueCount ?? 0;
  return {
    values: rows.map(({ value, label, count }) => ({ value, label, count })),
    valueCount,
    truncated: valueCount > rows.length,
  };
}

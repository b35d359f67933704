import { createHash } from 'node:crypto';
import { matchFactPatterns, type CompiledTopic } from '../04-topics/index.js';
import { tokenize } from '../nlp.js';
import { findVariants, type PlaceMention, type Variant } from './variants.js';

/** A stored claim as fact grouping sees it; `order` is its place in the corpus (source order, then position). */
export type FactCandidate = {
  id: string;
  sourceId: string;
  order: number;
  text: string;
  topics: string[];
  checkworthiness: number;
  isHeadline: boolean;
  speaker: string | null;
  quote: string | null;
  /** Places the claim names, from the entities stage. */
  places: PlaceMention[];
};

export type Fact = {
  id: string;
  /** The taxonomy fact pattern the claims match, or null for a group found by wording alone. */
  key: string | null;
  statement: string;
  topics: string[];
  claimIds: string[];
  sourceIds: string[];
  /** Values the sources give differently; spans index each claim's text. */
  variants: Variant[];
};

/** Cosine similarity above which a claim joins a group: tuned on the seed gold by `npm run eval`. */
export const SIMILARITY_THRESHOLD = 0.2;
/** Lemmas in more than this share of claims say nothing about which fact a claim states. */
const MAX_DOCUMENT_SHARE = 0.5;
const NO_TOPIC = '';

type Vector = Map<string, number>;

function contentLemmas(text: string): string[] {
  const lemmas = tokenize(text.replace(/[-\u2010-\u2014]/g, ' '))
    .filter((token) => !token.isStopWord && /\p{L}/u.test(token.value) && token.pos !== 'PUNCT')
    .map((token) => token.lemma);
  return [...new Set(lemmas)];
}

/** TF-IDF unit vectors over content lemmas; lemmas common to most claims are dropped. */
function vectorize(candidates: FactCandidate[]): Vector[] {
  const lemmaSets = candidates.map((candidate) => contentLemmas(candidate.text));
  const documentFrequency = new Map<string, number>();
  for (const lemmas of lemmaSets) for (const lemma of lemmas) documentFrequency.set(lemma, (documentFrequency.get(lemma) ?? 0) + 1);
  const total = candidates.length;
  return lemmaSets.map((lemmas) => {
    const vector: Vector = new Map();
    for (const lemma of lemmas) {
      const df = documentFrequency.get(lemma)!;
      if (total > 4 && df / total > MAX_DOCUMENT_SHARE) continue;
      vector.set(lemma, Math.log((1 + total) / df));
    }
    const norm = Math.sqrt([...vector.values()].reduce((sum, weight) => sum + weight * weight, 0)) || 1;
    for (const [lemma, weight] of vector) vector.set(lemma, weight / norm);
    return vector;
  });
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [lemma, weight] of small) dot += weight * (large.get(lemma) ?? 0);
  return dot;
}

export function stableId(prefix: string, key: string): string {
  return `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/** A clean, neutral statement: a complete sentence that does not lean on its neighbours. */
function statementRank(candidate: FactCandidate): number {
  const text = candidate.text.trim();
  const words = text.split(/\s+/).length;
  let rank = candidate.checkworthiness;
  if (!/^[\p{Lu}]/u.test(text)) rank -= 1;
  if (!/[.!?]$/.test(text)) rank -= 0.5;
  if (/^(?:he|she|they|it|this|that|these|but|and|however)\b/i.test(text)) rank -= 0.5;
  if (/["\u201c\u201d]/.test(text)) rank -= 0.3;
  if (words < 6 || words > 45) rank -= 0.3;
  if (candidate.isHeadline) rank -= 0.2;
  return rank;
}

type Group = { topic: string; members: number[] };

function appendTo<Key, Value>(lists: Map<Key, Value[]>, key: Key, value: Value): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/**
 * Groups claims from different sources that state the same fact, in two passes. First, claims that
 * match a fact pattern of the taxonomy are grouped under it: the pattern knows that "restore military
 * channels" and "resume mil-to-mil communication" are one proposition, which wording alone cannot.
 * Then the remaining claims are grouped by wording (see groupBySimilarity).
 */
export function groupFacts(candidates: FactCandidate[], topics: CompiledTopic[] = []): Fact[] {
  const sorted = [...candidates].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const background = backgroundPlaces(sorted);
  const patternTopics = new Map(topics.flatMap((topic) => topic.facts.map((pattern) => [pattern.key, topic.slug] as const)));
  const byPattern = new Map<string, number[]>();
  const unmatched: number[] = [];
  sorted.forEach((candidate, index) => {
    const keys = matchFactPatterns(candidate.text, topics);
    for (const key of keys) appendTo(byPattern, key, index);
    if (keys.length === 0) unmatched.push(index);
  });
  const patternFacts = [...byPattern]
    .filter(([, members]) => new Set(members.map((member) => sorted[member]!.sourceId)).size >= 2)
    .map(([key, members]) => toFact(sorted, members, [patternTopics.get(key)!], key, background));
  const similarityFacts = groupBySimilarity(sorted, unmatched).map(({ topics: factTopics, members }) =>
    toFact(sorted, members, factTopics, null, background),
  );
  return [...patternFacts, ...similarityFacts];
}

function toFact(sorted: FactCandidate[], members: number[], topics: string[], key: string | null, background: ReadonlySet<string>): Fact {
  const claims = members.map((member) => sorted[member]!);
  const seed = claims[0]!;
  const best = [...claims].sort((a, b) => statementRank(b) - statementRank(a) || a.order - b.order)[0]!;
  return {
    id: key === null ? stableId('fct', `${seed.id}:${topics[0] ?? NO_TOPIC}`) : stableId('fct', `pattern:${key}`),
    key,
    statement: best.text.trim(),
    topics: topics.filter((topic) => topic !== NO_TOPIC),
    claimIds: claims.map((claim) => claim.id),
    sourceIds: [...new Set(claims.map((claim) => claim.sourceId))],
    variants: findVariants(claims, background),
  };
}

/** Places named in more than this share of claims are the story's setting, not a value a fact gives. */
const BACKGROUND_PLACE_SHARE = 0.2;

/**
 * The countries whose leaders meet are named in every other sentence; a source naming them and
 * another not is no disagreement about where something happened. Like common words in TF-IDF,
 * places named across much of the corpus are left out of place variants.
 */
function backgroundPlaces(sorted: FactCandidate[]): Set<string> {
  const claimsNaming = new Map<string, number>();
  for (const candidate of sorted) {
    for (const place of new Set(candidate.places.map((mention) => mention.entity))) {
      claimsNaming.set(place, (claimsNaming.get(place) ?? 0) + 1);
    }
  }
  return new Set(
    [...claimsNaming].filter(([, count]) => sorted.length >= 10 && count / sorted.length > BACKGROUND_PLACE_SHARE).map(([place]) => place),
  );
}

/**
 * Groups claims by wording. Claims are grouped within each topic they carry, so a claim about two
 * topics can support two facts; within a topic a claim joins the group it is most similar to on
 * average, or starts one. Pairs are found through an inverted index over lemmas, never by comparing
 * every claim with every other.
 */
function groupBySimilarity(sorted: FactCandidate[], eligible: number[]): Array<{ topics: string[]; members: number[] }> {
  const vectors = vectorize(sorted);
  const isEligible = new Set(eligible);
  const postings = new Map<string, number[]>();
  vectors.forEach((vector, index) => {
    if (!isEligible.has(index)) return;
    for (const lemma of vector.keys()) appendTo(postings, lemma, index);
  });
  const neighbours = vectors.map((vector, index) => {
    const scores = new Map<number, number>();
    if (!isEligible.has(index)) return scores;
    for (const [lemma, weight] of vector) {
      for (const other of postings.get(lemma)!) {
        if (other === index || sorted[other]!.sourceId === sorted[index]!.sourceId) continue;
        scores.set(other, (scores.get(other) ?? 0) + weight * vectors[other]!.get(lemma)!);
      }
    }
    return scores;
  });

  const byTopic = new Map<string, number[]>();
  for (const index of eligible) {
    const candidate = sorted[index]!;
    for (const topic of candidate.topics.length ? candidate.topics : [NO_TOPIC]) appendTo(byTopic, topic, index);
  }

  const groups: Group[] = [];
  for (const [topic, members] of [...byTopic].sort(([a], [b]) => a.localeCompare(b))) {
    const topicGroups: Group[] = [];
    for (const index of members) {
      let best: Group | null = null;
      let bestScore = SIMILARITY_THRESHOLD;
      for (const group of topicGroups) {
        const similarities = group.members.map((member) => neighbours[index]!.get(member) ?? 0);
        if (group.members.some((member) => sorted[member]!.sourceId === sorted[index]!.sourceId)) continue;
        const average = similarities.reduce((sum, value) => sum + value, 0) / similarities.length;
        if (average >= bestScore) {
          best = group;
          bestScore = average;
        }
      }
      if (best) best.members.push(index);
      else if ([...neighbours[index]!.values()].some((score) => score >= SIMILARITY_THRESHOLD)) {
        topicGroups.push({ topic, members: [index] });
      }
    }
    groups.push(...topicGroups.filter((group) => new Set(group.members.map((m) => sorted[m]!.sourceId)).size >= 2));
  }
  return mergeSameMembers(groups);
}
/** The same claims grouped under two topics are one fact about both. */
function mergeSameMembers(groups: Group[]): Array<{ topics: string[]; members: number[] }> {
  const merged = new Map<string, { topics: string[]; members: number[] }>();
  for (const group of groups) {
    const members = [...group.members].sort((a, b) => a - b);
    const key = members.join(',');
    const existing = merged.get(key);
    if (existing) existing.topics.push(group.topic);
    else merged.set(key, { topics: [group.topic], members });
  }
  return [...merged.values()].sort((a, b) => a.members[0]! - b.members[0]! || a.topics[0]!.localeCompare(b.topics[0]!));
}


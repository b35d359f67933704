import { createHash } from 'node:crypto';
import type { CompiledTopic } from '../04-topics/index.js';
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
  /** Keys of the fact patterns the claim states, from the topics stage. */
  factKeys: string[];
  /** Content lemmas, each once, from the topics stage. */
  lemmas: string[];
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

/**
 * TF-IDF unit vectors over content lemmas, all claims' in one flat pair of typed arrays: claim i's
 * lemma ids (ascending) and weights lie between offsets[i] and offsets[i + 1]. A corpus of tens of
 * thousands of articles holds hundreds of thousands of claims; this keeps each in a few bytes per lemma.
 */
type Vectors = { offsets: Int32Array; ids: Int32Array; weights: Float32Array };

/** Lemmas common to most claims are dropped: they say nothing about which fact a claim states. */
function vectorize(candidates: FactCandidate[]): Vectors {
  const lemmaIds = new Map<string, number>();
  const idLists = candidates.map((candidate) => {
    const ids = new Set<number>();
    for (const lemma of candidate.lemmas) {
      let id = lemmaIds.get(lemma);
      if (id === undefined) lemmaIds.set(lemma, (id = lemmaIds.size));
      ids.add(id);
    }
    return Int32Array.from(ids).sort();
  });
  const documentFrequency = new Int32Array(lemmaIds.size);
  for (const ids of idLists) for (const id of ids) documentFrequency[id]! += 1;
  const total = candidates.length;
  const kept = (id: number) => !(total > 4 && documentFrequency[id]! / total > MAX_DOCUMENT_SHARE);
  const offsets = new Int32Array(total + 1);
  idLists.forEach((ids, index) => (offsets[index + 1] = offsets[index]! + ids.filter(kept).length));
  const vectors: Vectors = { offsets, ids: new Int32Array(offsets[total]!), weights: new Float32Array(offsets[total]!) };
  idLists.forEach((ids, index) => {
    const start = offsets[index]!;
    const weights = [...ids.filter(kept)].map((id) => Math.log((1 + total) / documentFrequency[id]!));
    const norm = Math.sqrt(weights.reduce((sum, weight) => sum + weight * weight, 0)) || 1;
    ids.filter(kept).forEach((id, at) => {
      vectors.ids[start + at] = id;
      vectors.weights[start + at] = weights[at]! / norm;
    });
  });
  return vectors;
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
    for (const key of candidate.factKeys) if (patternTopics.has(key)) appendTo(byPattern, key, index);
    if (!candidate.factKeys.some((key) => patternTopics.has(key))) unmatched.push(index);
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
  // The first of the best-ranked claims in corpus order: one pass, each claim ranked once.
  let best = seed;
  let bestRank = statementRank(seed);
  for (const claim of claims.slice(1)) {
    const rank = statementRank(claim);
    if (rank > bestRank || (rank === bestRank && claim.order < best.order)) {
      best = claim;
      bestRank = rank;
    }
  }
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
 * average, or starts one. The average cosine to a group's members is the cosine to the sum of their
 * vectors divided by their number, so each group keeps that sum, and an inverted index from lemma to
 * the groups whose sum holds it finds the candidates: a claim is never compared with every other.
 * A claim that no later claim resembles stays a group of one and is dropped with the others that
 * fewer than two sources support.
 */
function groupBySimilarity(sorted: FactCandidate[], eligible: number[]): Array<{ topics: string[]; members: number[] }> {
  const vectors = vectorize(sorted);
  const byTopic = new Map<string, number[]>();
  for (const index of eligible) {
    const candidate = sorted[index]!;
    for (const topic of candidate.topics.length ? candidate.topics : [NO_TOPIC]) appendTo(byTopic, topic, index);
  }

  const groups: Group[] = [];
  const { offsets, ids, weights } = vectors;
  for (const [topic, members] of [...byTopic].sort(([a], [b]) => a.localeCompare(b))) {
    // Most groups never grow past their first claim; those keep no sum or source set of their own.
    const topicGroups: Array<Group & { sum: Map<number, number> | null; sources: Set<string> | null }> = [];
    const groupsHolding = new Map<number, number[]>();
    const weightIn = (group: (typeof topicGroups)[number], id: number): number => {
      if (group.sum) return group.sum.get(id)!;
      const only = group.members[0]!;
      for (let at = offsets[only]!; at < offsets[only + 1]!; at += 1) if (ids[at] === id) return weights[at]!;
      return 0;
    };
    for (const index of members) {
      const sourceId = sorted[index]!.sourceId;
      const dots = new Map<number, number>();
      for (let at = offsets[index]!; at < offsets[index + 1]!; at += 1) {
        for (const position of groupsHolding.get(ids[at]!) ?? []) {
          dots.set(position, (dots.get(position) ?? 0) + weights[at]! * weightIn(topicGroups[position]!, ids[at]!));
        }
      }
      let best = -1;
      let bestScore = SIMILARITY_THRESHOLD;
      // In creation order, a later group with an equal score wins, as when groups were scanned one by one.
      for (const [position, dot] of [...dots].sort(([a], [b]) => a - b)) {
        const group = topicGroups[position]!;
        if (group.sources ? group.sources.has(sourceId) : sorted[group.members[0]!]!.sourceId === sourceId) continue;
        const average = dot / group.members.length;
        if (average >= bestScore) {
          best = position;
          bestScore = average;
        }
      }
      if (best < 0) {
        const position = topicGroups.push({ topic, members: [index], sum: null, sources: null }) - 1;
        for (let at = offsets[index]!; at < offsets[index + 1]!; at += 1) appendTo(groupsHolding, ids[at]!, position);
        continue;
      }
      const group = topicGroups[best]!;
      if (!group.sum) {
        const only = group.members[0]!;
        group.sum = new Map();
        for (let at = offsets[only]!; at < offsets[only + 1]!; at += 1) group.sum.set(ids[at]!, weights[at]!);
        group.sources = new Set([sorted[only]!.sourceId]);
      }
      group.members.push(index);
      group.sources!.add(sourceId);
      for (let at = offsets[index]!; at < offsets[index + 1]!; at += 1) {
        const previous = group.sum.get(ids[at]!);
        if (previous === undefined) appendTo(groupsHolding, ids[at]!, best);
        group.sum.set(ids[at]!, (previous ?? 0) + weights[at]!);
      }
    }
    groups.push(
      ...topicGroups.filter((group) => group.sources !== null && group.sources.size >= 2).map(({ topic: groupTopic, members: groupMembers }) => ({ topic: groupTopic, members: groupMembers })),
    );
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


import { createHash } from 'node:crypto';
import { averageLinkage, type ScoredPair } from './average-linkage.js';
import { LEMMA_ID_LIMIT, PAIR_FEATURES, namesIn, numbersIn, pairFeatures, type ClaimReading, type CorpusScale } from './pair-features.js';
import { PAIR_MODEL, type PairModel } from './pair-model.js';
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
  /** Content lemmas, each once, in reading order, from the topics stage. */
  lemmas: string[];
  /** Places the claim names, from the entities stage. */
  places: PlaceMention[];
};

export type Fact = {
  id: string;
  statement: string;
  topics: string[];
  claimIds: string[];
  sourceIds: string[];
  /** Values the sources give differently; spans index each claim's text. */
  variants: Variant[];
};

/** Lemmas in more than this share of claims say nothing about which fact a claim states. */
const MAX_DOCUMENT_SHARE = 0.5;
/**
 * Candidate pairs are found through each lemma's latest claims only, at most this many per lemma: a
 * word in thousands of claims would make finding candidates quadratic in the corpus, and the claims
 * nearest in corpus order are the likeliest to report the same news.
 */
const CLAIMS_PER_LEMMA = 50;
/** The most similar earlier claims each claim is scored against; the rest count as unrelated. */
const NEIGHBOURS = 10;
/**
 * Nor is a claim scored against one that shares less than this part of its words' weight: a word or
 * two in common is how unrelated sentences about one event look.
 */
const MIN_SHARED_WEIGHT = 0.2;
/** A pair scored below this counts as one never scored: it keeps the clustering's graph small. */
const MIN_EDGE_SCORE = 0.2;

export function stableId(prefix: string, key: string): string {
  return `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/**
 * Each claim's reading for pair scoring: TF-IDF weights over the corpus's content lemmas, lemma pairs
 * in reading order, names and numbers. Lemmas common to most claims are dropped.
 */
function readClaims(sorted: FactCandidate[]): { readings: ClaimReading[]; scale: CorpusScale } {
  const lemmaIds = new Map<string, number>();
  const idLists = sorted.map((candidate) =>
    candidate.lemmas.map((lemma) => {
      let id = lemmaIds.get(lemma);
      if (id === undefined) lemmaIds.set(lemma, (id = lemmaIds.size));
      return id;
    }),
  );
  if (lemmaIds.size >= LEMMA_ID_LIMIT) throw new Error('too many distinct lemmas to group facts');
  const documentFrequency = new Int32Array(lemmaIds.size);
  for (const ids of idLists) for (const id of new Set(ids)) documentFrequency[id]! += 1;
  const total = sorted.length;
  const kept = (id: number) => !(total > 4 && documentFrequency[id]! / total > MAX_DOCUMENT_SHARE);
  const idfOf = (id: number) => Math.log((1 + total) / documentFrequency[id]!);
  const readings = sorted.map((candidate, index): ClaimReading => {
    const inOrder = idLists[index]!.filter(kept);
    const ids = Int32Array.from(new Set(inOrder)).sort();
    const idf = Float32Array.from(ids, idfOf);
    const norm = Math.sqrt(idf.reduce((sum, weight) => sum + weight * weight, 0)) || 1;
    return {
      sourceId: candidate.sourceId,
      ids,
      weights: Float32Array.from(idf, (weight) => weight / norm),
      idf,
      idfSum: idf.reduce((sum, weight) => sum + weight, 0),
      bigrams: Float64Array.from(new Set(inOrder.slice(1).map((id, at) => inOrder[at]! * LEMMA_ID_LIMIT + id))).sort(),
      topics: candidate.topics,
      names: namesIn(candidate.text),
      numbers: numbersIn(candidate.text),
      speaker: candidate.speaker,
    };
  });
  return { readings, scale: { maxIdf: Math.log(1 + total) } };
}

/**
 * Pairs worth scoring: each claim with the earlier claims from other sources that share most of its
 * lemmas' weight, at most NEIGHBOURS of them, found through an inverted index built as claims are read.
 */
function candidatePairs(readings: ClaimReading[], sources: Int32Array): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const postings = new Map<number, number[]>();
  const partialDot = new Float32Array(readings.length);
  const touched: number[] = [];
  // The best NEIGHBOURS so far, best first: a short insertion list, as most claims touch hundreds.
  const best = new Int32Array(NEIGHBOURS);
  const bestDot = new Float32Array(NEIGHBOURS);
  for (let index = 0; index < readings.length; index += 1) {
    const reading = readings[index]!;
    const source = sources[index]!;
    touched.length = 0;
    for (let at = 0; at < reading.ids.length; at += 1) {
      const earlier = postings.get(reading.ids[at]!);
      if (!earlier) continue;
      const weight = reading.weights[at]!;
      for (let from = earlier.length - 1; from >= Math.max(0, earlier.length - CLAIMS_PER_LEMMA); from -= 1) {
        const other = earlier[from]!;
        if (sources[other] === source) continue;
        if (partialDot[other] === 0) touched.push(other);
        partialDot[other]! += weight;
      }
    }
    let kept = 0;
    for (const other of touched) {
      const dot = partialDot[other]!;
      partialDot[other] = 0;
      if (dot < MIN_SHARED_WEIGHT) continue;
      const beats = (at: number) => dot > bestDot[at]! || (dot === bestDot[at]! && other < best[at]!);
      if (kept === NEIGHBOURS && !beats(NEIGHBOURS - 1)) continue;
      let at = kept === NEIGHBOURS ? NEIGHBOURS - 1 : kept++;
      for (; at > 0 && beats(at - 1); at -= 1) {
        best[at] = best[at - 1]!;
        bestDot[at] = bestDot[at - 1]!;
      }
      best[at] = other;
      bestDot[at] = dot;
    }
    for (let at = 0; at < kept; at += 1) pairs.push([best[at]!, index]);
    for (const id of reading.ids) {
      const list = postings.get(id);
      if (list) list.push(index);
      else postings.set(id, [index]);
    }
  }
  return pairs;
}

/** The probability, by the pair model, that two claims state one fact. */
export function pairScore(model: PairModel, features: number[]): number {
  let z = model.bias;
  features.forEach((value, at) => (z += value * model.weights[at]!));
  return 1 / (1 + Math.exp(-z));
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


/**
 * Groups claims from different sources that state the same fact. Every pair of claims that share a
 * rare word is scored by the pair model (see pair-features.ts for its signals), and claims are
 * clustered by average linkage at the model's threshold: a claim joins a group only when it resembles
 * most of its members. Groups that fewer than two sources support are no fact.
 */
export function groupFacts(candidates: FactCandidate[], model: PairModel = PAIR_MODEL): Fact[] {
  const { sorted, sources, readings, scale, pairs } = readCorpus(candidates);
  const scored: ScoredPair[] = [];
  for (const [a, b] of pairs) {
    const score = pairScore(model, pairFeatures(readings[a]!, readings[b]!, scale));
    if (score >= MIN_EDGE_SCORE) scored.push({ a, b, score });
  }
  const background = backgroundPlaces(sorted);
  // A pair never scored shares no rare word: it scores as a pair with no signal at all.
  return averageLinkage(sources, scored, model.threshold, pairScore(model, PAIR_FEATURES.map(() => 0)))
    .filter((members) => new Set(members.map((member) => sources[member])).size >= 2)
    .map((members) => toFact(sorted, members, background));
}

/** The claims in corpus order, each one's source as a number, their readings and the pairs worth scoring. */
function readCorpus(candidates: FactCandidate[]) {
  const sorted = [...candidates].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const { readings, scale } = readClaims(sorted);
  const sourceIndex = new Map<string, number>();
  const sources = Int32Array.from(sorted, (candidate) => {
    let index = sourceIndex.get(candidate.sourceId);
    if (index === undefined) sourceIndex.set(candidate.sourceId, (index = sourceIndex.size));
    return index;
  });
  return { sorted, sources, readings, scale, pairs: candidatePairs(readings, sources) };
}

/** The pairs grouping scores, with their signals: what the pair model is trained on. */
export function featurePairs(candidates: FactCandidate[]): { sorted: FactCandidate[]; pairs: Array<{ a: number; b: number; features: number[] }> } {
  const { sorted, readings, scale, pairs } = readCorpus(candidates);
  return { sorted, pairs: pairs.map(([a, b]) => ({ a, b, features: pairFeatures(readings[a]!, readings[b]!, scale) })) };
}

/** Topics at least half of a fact's claims carry: what the fact is about, not what one wording mentions. */
function sharedTopics(claims: FactCandidate[]): string[] {
  const counts = new Map<string, number>();
  for (const claim of claims) for (const topic of claim.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count * 2 >= claims.length)
    .map(([topic]) => topic)
    .sort();
}

function toFact(sorted: FactCandidate[], members: number[], background: ReadonlySet<string>): Fact {
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
    id: stableId('fct', seed.id),
    statement: best.text.trim(),
    topics: sharedTopics(claims),
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

import { averageLinkage } from './average-linkage.js';
import { LEMMA_ID_LIMIT, PAIR_FEATURES, namesIn, numbersIn, pairFeatures, type CorpusReadings } from './pair-features.js';
import { PAIR_MODEL, type PairModel } from './pair-model.js';
import { findVariants, type PlaceMention, type Variant } from './variants.js';
import { stableId } from '../../data-layout.js';
import { appendTo } from '../../maps.js';

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

/** How many claims of the whole corpus hold each lemma, for grouping part of it. */
export type CorpusFrequencies = { claims: number; of: (lemma: string) => number };

/** A stored claim with the fact it belongs to, if any. */
export type GroupedCandidate = FactCandidate & { factId: string | null };

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


/**
 * Each claim's reading for pair scoring: TF-IDF weights over the corpus's content lemmas, lemma pairs
 * in reading order, names and numbers. Lemmas common to most claims are dropped.
 */
function readClaims(sorted: FactCandidate[], frequencies?: CorpusFrequencies): { corpus: CorpusReadings; lemmas: string[] } {
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
  if (frequencies) for (const [lemma, id] of lemmaIds) documentFrequency[id] = Math.max(1, frequencies.of(lemma));
  else for (const ids of idLists) for (const id of new Set(ids)) documentFrequency[id]! += 1;
  const total = frequencies?.claims ?? sorted.length;
  const kept = (id: number) => !(total > 4 && documentFrequency[id]! / total > MAX_DOCUMENT_SHARE);
  // Each claim's kept lemmas in reading order, then its distinct ones ascending; sizes first, to fill flat arrays.
  const inOrder = idLists.map((ids) => ids.filter(kept));
  const distinct = inOrder.map((ids) => [...new Set(ids)].sort((x, y) => x - y));
  const pairs = inOrder.map((ids) => [...new Set(ids.slice(1).map((id, at) => ids[at]! * LEMMA_ID_LIMIT + id))].sort((x, y) => x - y));
  const offsets = new Int32Array(sorted.length + 1);
  const bigramOffsets = new Int32Array(sorted.length + 1);
  sorted.forEach((_, index) => {
    offsets[index + 1] = offsets[index]! + distinct[index]!.length;
    bigramOffsets[index + 1] = bigramOffsets[index]! + pairs[index]!.length;
  });
  const corpus: CorpusReadings = {
    offsets,
    ids: new Int32Array(offsets[sorted.length]!),
    weights: new Float32Array(offsets[sorted.length]!),
    norms: new Float32Array(sorted.length),
    idfSums: new Float32Array(sorted.length),
    bigramOffsets,
    bigrams: new Float64Array(bigramOffsets[sorted.length]!),
    topics: sorted.map((candidate) => candidate.topics),
    names: sorted.map((candidate) => namesIn(candidate.text)),
    numbers: sorted.map((candidate) => numbersIn(candidate.text)),
    speakers: sorted.map((candidate) => candidate.speaker),
    maxIdf: Math.log(1 + total),
  };
  distinct.forEach((ids, index) => {
    const start = offsets[index]!;
    let squares = 0;
    let sum = 0;
    ids.forEach((id, at) => {
      const idf = Math.log((1 + total) / documentFrequency[id]!);
      corpus.ids[start + at] = id;
      corpus.weights[start + at] = idf;
      squares += idf * idf;
      sum += idf;
    });
    const norm = Math.sqrt(squares) || 1;
    for (let at = start; at < offsets[index + 1]!; at += 1) corpus.weights[at]! /= norm;
    corpus.norms[index] = norm;
    corpus.idfSums[index] = sum;
    corpus.bigrams.set(pairs[index]!, bigramOffsets[index]!);
  });
  return { corpus, lemmas: [...lemmaIds.keys()] };
}

/**
 * Pairs worth scoring: each claim with the earlier claims from other sources that share most of its
 * lemmas' weight, at most NEIGHBOURS of them, found through an inverted index built as claims are read.
 */
function candidatePairs({ offsets, ids, weights }: CorpusReadings, sources: Int32Array): { from: Int32Array; to: Int32Array } {
  // At most NEIGHBOURS per claim: the arrays are sized once and cut to what was found.
  const claims = sources.length;
  const from = new Int32Array(claims * NEIGHBOURS);
  const to = new Int32Array(claims * NEIGHBOURS);
  let found = 0;
  const postings = new Map<number, number[]>();
  const partialDot = new Float32Array(claims);
  const touched: number[] = [];
  // The best NEIGHBOURS so far, best first: a short insertion list, as most claims touch hundreds.
  const best = new Int32Array(NEIGHBOURS);
  const bestDot = new Float32Array(NEIGHBOURS);
  for (let index = 0; index < claims; index += 1) {
    const source = sources[index]!;
    touched.length = 0;
    for (let at = offsets[index]!; at < offsets[index + 1]!; at += 1) {
      const earlier = postings.get(ids[at]!);
      if (!earlier) continue;
      const weight = weights[at]!;
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
    for (let at = 0; at < kept; at += 1, found += 1) {
      from[found] = best[at]!;
      to[found] = index;
    }
    for (let at = offsets[index]!; at < offsets[index + 1]!; at += 1) {
      appendTo(postings, ids[at]!, index);
    }
  }
  return { from: from.slice(0, found), to: to.slice(0, found) };
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
  const { sorted, sources, corpus, pairs } = readCorpus(candidates);
  const scored = { from: new Int32Array(pairs.from.length), to: new Int32Array(pairs.from.length), score: new Float32Array(pairs.from.length) };
  let kept = 0;
  for (let at = 0; at < pairs.from.length; at += 1) {
    const score = pairScore(model, pairFeatures(corpus, pairs.from[at]!, pairs.to[at]!));
    if (score < MIN_EDGE_SCORE) continue;
    scored.from[kept] = pairs.from[at]!;
    scored.to[kept] = pairs.to[at]!;
    scored.score[kept] = score;
    kept += 1;
  }
  const claimsNaming = new Map<string, number>();
  for (const candidate of sorted) {
    for (const place of new Set(candidate.places.map((mention) => mention.entity))) claimsNaming.set(place, (claimsNaming.get(place) ?? 0) + 1);
  }
  const background = backgroundPlaces(claimsNaming, sorted.length);
  // A pair never scored shares no rare word: it scores as a pair with no signal at all.
  return averageLinkage(sources, { from: scored.from.subarray(0, kept), to: scored.to.subarray(0, kept), score: scored.score.subarray(0, kept) }, model.threshold, pairScore(model, PAIR_FEATURES.map(() => 0)))
    .filter((members) => new Set(members.map((member) => sources[member])).size >= 2)
    .map((members) => toFact(sorted, members, background, (a, b) => pairScore(model, pairFeatures(corpus, a, b))));
}

/** The claims in corpus order, each one's source as a number, their readings and the pairs worth scoring. */
function readCorpus(candidates: FactCandidate[]) {
  const sorted = [...candidates].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  const { corpus } = readClaims(sorted);
  const sourceIndex = new Map<string, number>();
  const sources = Int32Array.from(sorted, (candidate) => {
    let index = sourceIndex.get(candidate.sourceId);
    if (index === undefined) sourceIndex.set(candidate.sourceId, (index = sourceIndex.size));
    return index;
  });
  return { sorted, sources, corpus, pairs: candidatePairs(corpus, sources) };
}

/** The pairs grouping scores, with their signals: what the pair model is trained on. */
export function featurePairs(candidates: FactCandidate[]): { sorted: FactCandidate[]; pairs: Array<{ a: number; b: number; features: number[] }> } {
  const { sorted, corpus, pairs } = readCorpus(candidates);
  return { sorted, pairs: Array.from(pairs.from, (a, at) => ({ a, b: pairs.to[at]!, features: pairFeatures(corpus, a, pairs.to[at]!) })) };
}

/**
 * The stored claims a write's claims may join: for each new claim, the stored claims of other sources
 * that share most of its words' weight, found as a full regrouping finds them (through each word's
 * latest claims, at most NEIGHBOURS kept). `latestWith` gives the list positions of the latest stored
 * claims holding a lemma, newest first; `frequencies` are the whole corpus's.
 */
export function nearestStored(added: FactCandidate[], frequencies: CorpusFrequencies, latestWith: (lemma: string, limit: number) => number[]): number[] {
  const { corpus, lemmas } = readClaims(added, frequencies);
  const nearest = new Set<number>();
  for (let index = 0; index < added.length; index += 1) {
    const partialDot = new Map<number, number>();
    for (let at = corpus.offsets[index]!; at < corpus.offsets[index + 1]!; at += 1) {
      for (const position of latestWith(lemmas[corpus.ids[at]!]!, CLAIMS_PER_LEMMA)) partialDot.set(position, (partialDot.get(position) ?? 0) + corpus.weights[at]!);
    }
    [...partialDot]
      .filter(([, dot]) => dot >= MIN_SHARED_WEIGHT)
      .sort(([a, x], [b, y]) => y - x || a - b)
      .slice(0, NEIGHBOURS)
      .forEach(([position]) => nearest.add(position));
  }
  return [...nearest].sort((a, b) => a - b);
}

/**
 * Adds a write's claims to the facts grouped before, without regrouping the corpus: each new claim
 * joins the group it resembles most on average over the members from other sources, if that average
 * reaches the model's threshold, or stays alone for a later claim to join. `known` holds the stored
 * claims the new ones may join (their nearest neighbours, and every member of those neighbours'
 * facts) with their fact ids; `frequencies` are the whole corpus's, the new claims counted. Returns
 * each fact that gained a claim, whole, with the id of the fact it grew from (null for a new one).
 */
export function assignClaims(
  added: FactCandidate[],
  known: GroupedCandidate[],
  frequencies: CorpusFrequencies,
  background: ReadonlySet<string>,
  model: PairModel = PAIR_MODEL,
): Array<{ previousId: string | null; fact: Fact }> {
  const byOrder = (a: FactCandidate, b: FactCandidate) => a.order - b.order || a.id.localeCompare(b.id);
  const stored = [...known].sort(byOrder);
  const all = [...stored, ...[...added].sort(byOrder)];
  const { corpus } = readClaims(all, frequencies);
  // Stored facts as groups of positions in `all`; a stored claim of no fact is a group of one.
  const groups: Array<{ previousId: string | null; members: number[]; grown: boolean }> = [];
  const groupOfFact = new Map<string, number>();
  stored.forEach((claim, index) => {
    const known = claim.factId === null ? undefined : groupOfFact.get(claim.factId);
    if (known !== undefined) groups[known]!.members.push(index);
    else {
      if (claim.factId !== null) groupOfFact.set(claim.factId, groups.length);
      groups.push({ previousId: claim.factId, members: [index], grown: false });
    }
  });
  for (let index = stored.length; index < all.length; index += 1) {
    const sourceId = all[index]!.sourceId;
    let best = -1;
    let bestAverage = model.threshold;
    groups.forEach((group, position) => {
      let sum = 0;
      let across = 0;
      for (const member of group.members) {
        if (all[member]!.sourceId === sourceId) continue;
        sum += pairScore(model, pairFeatures(corpus, member, index));
        across += 1;
      }
      if (across > 0 && sum / across >= bestAverage) {
        best = position;
        bestAverage = sum / across;
      }
    });
    if (best < 0) groups.push({ previousId: null, members: [index], grown: false });
    else {
      groups[best]!.members.push(index);
      groups[best]!.grown = true;
    }
  }
  return groups
    .filter((group) => group.grown && new Set(group.members.map((member) => all[member]!.sourceId)).size >= 2)
    .map((group) => ({ previousId: group.previousId, fact: toFact(all, group.members, background, (a, b) => pairScore(model, pairFeatures(corpus, a, b))) }));
}

/** A fact that lost claims, described again from those left: null when fewer than two sources remain. */
export function describeFact(claims: FactCandidate[], background: ReadonlySet<string>): Fact | null {
  const sorted = [...claims].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  if (new Set(sorted.map((claim) => claim.sourceId)).size < 2) return null;
  return toFact(sorted, sorted.map((_, index) => index), background);
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

/** How many of a fact's first claims each claim is compared with to judge how representative it is. */
const REPRESENTATIVE_SAMPLE = 10;

/**
 * A fact from its claims (positions in `sorted`, ascending). Its statement is the claim that reads
 * best as a stand-alone sentence and, with `likeness` (the pair model's score of two positions), best
 * represents the others: its average likeness to the fact's first claims is added to its rank.
 */
function toFact(sorted: FactCandidate[], members: number[], background: ReadonlySet<string>, likeness?: (a: number, b: number) => number): Fact {
  const claims = members.map((member) => sorted[member]!);
  const sample = members.slice(0, REPRESENTATIVE_SAMPLE + 1);
  const rankOf = (member: number): number => {
    const others = sample.filter((other) => other !== member).slice(0, REPRESENTATIVE_SAMPLE);
    const representative = likeness && others.length ? others.reduce((sum, other) => sum + likeness(member, other), 0) / others.length : 0;
    return statementRank(sorted[member]!) + representative;
  };
  // The first of the best-ranked claims in corpus order: one pass, each claim ranked once.
  let best = members[0]!;
  let bestRank = rankOf(best);
  for (const member of members.slice(1)) {
    const rank = rankOf(member);
    if (rank > bestRank) {
      best = member;
      bestRank = rank;
    }
  }
  return {
    id: stableId('fct', claims[0]!.id),
    statement: sorted[best]!.text.trim(),
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
export function backgroundPlaces(claimsNaming: ReadonlyMap<string, number>, claims: number): Set<string> {
  return new Set([...claimsNaming].filter(([, count]) => claims >= 10 && count / claims > BACKGROUND_PLACE_SHARE).map(([place]) => place));
}

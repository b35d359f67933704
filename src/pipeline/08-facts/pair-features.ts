/**
 * What two claims share, as numbers a model can weigh: the signals that tell whether two sources state
 * one fact. Each is cheap to compute from what the earlier stages stored (content lemmas in reading
 * order, topics, speaker) and the claim's own text, so regrouping a corpus runs no language processing.
 */

/** The signals, in the order `pairFeatures` returns them and the model's weights list them. */
export const PAIR_FEATURES = [
  // TF-IDF cosine over content lemmas: the strongest single signal.
  'cosine',
  // Shared weight over the shorter claim's: a short claim inside a long one that states more.
  'overlapOfShorter',
  // The rarest shared lemma, relative to the rarest possible: one rare word shared says much.
  'rarestShared',
  // How many lemmas are shared, up to a few.
  'sharedLemmas',
  // Shared lemma pairs in reading order ("steel tariff"): wording, not just vocabulary.
  'sharedBigrams',
  // Overlap of the topics each claim carries.
  'topicOverlap',
  // Overlap of capitalised names written inside the sentence (people, places, bodies).
  'nameOverlap',
  // Both attributed to one speaker, or to two different ones.
  'sameSpeaker',
  'differentSpeakers',
  // Both give numbers and none agree: two facts, or a disagreement on one.
  'numbersConflict',
] as const;

export type PairFeature = (typeof PAIR_FEATURES)[number];

/** One claim as pair scoring reads it; built once per claim by `readClaim`. */
export type ClaimReading = {
  sourceId: string;
  /** Lemma ids, ascending, with their TF-IDF weights scaled to a unit vector. */
  ids: Int32Array;
  weights: Float32Array;
  /** Each lemma id's inverse document frequency, the same order as `ids`. */
  idf: Float32Array;
  idfSum: number;
  /** Lemma id pairs in reading order, as single numbers, ascending. */
  bigrams: Float64Array;
  topics: readonly string[];
  names: readonly string[];
  numbers: readonly string[];
  speaker: string | null;
};

/** What the readings of one corpus share: how rare a word can be in it. */
export type CorpusScale = { maxIdf: number };

const MAX_SHARED_LEMMAS = 6;
const MAX_SHARED_BIGRAMS = 3;
/** Lemma ids stay below this, so a pair of them fits one exactly represented number. */
export const LEMMA_ID_LIMIT = 2 ** 26;

const NUMBER_WORDS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', twenty: '20', thirty: '30', forty: '40', fifty: '50', hundred: '100', dozen: '12',
};

/** Numbers a sentence gives, digits without separators and small number words as digits. */
export function numbersIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\d[\d,]*(?:\.\d+)?/g)) found.add(match[0].replace(/,(?=\d{3}\b)/g, '').replace(/[.,]$/, ''));
  for (const match of text.toLowerCase().matchAll(/\b[a-z]+\b/g)) {
    const digits = NUMBER_WORDS[match[0]];
    if (digits !== undefined) found.add(digits);
  }
  return [...found].sort();
}

/**
 * Capitalised words past the sentence's first word, lower-cased: in English these are names, whatever
 * the entity list knows. A capital after a colon or a quotation mark opens a phrase, not a name.
 */
export function namesIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?<=[\p{L}\p{N},;)\]]\s+)\p{Lu}[\p{L}'\u2019-]*/gu)) found.add(match[0].toLowerCase());
  return [...found].sort();
}

function sharedCount(a: readonly string[], b: readonly string[]): number {
  let shared = 0;
  for (const value of a) if (b.includes(value)) shared += 1;
  return shared;
}

function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const shared = sharedCount(a, b);
  return shared / (a.length + b.length - shared);
}

/** Count of values two ascending arrays share. */
function sortedShared(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (a[i]! < b[j]!) i += 1;
    else j += 1;
  }
  return shared;
}

/** The signals for one pair of claims, in `PAIR_FEATURES` order, each between 0 and 1. */
export function pairFeatures(a: ClaimReading, b: ClaimReading, scale: CorpusScale): number[] {
  let cosine = 0;
  let sharedIdf = 0;
  let rarest = 0;
  let shared = 0;
  for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length; ) {
    if (a.ids[i] === b.ids[j]) {
      cosine += a.weights[i]! * b.weights[j]!;
      sharedIdf += a.idf[i]!;
      rarest = Math.max(rarest, a.idf[i]!);
      shared += 1;
      i += 1;
      j += 1;
    } else if (a.ids[i]! < b.ids[j]!) i += 1;
    else j += 1;
  }
  const shorter = Math.min(a.idfSum, b.idfSum);
  const numbersShared = sharedCount(a.numbers, b.numbers);
  return [
    cosine,
    shorter > 0 ? sharedIdf / shorter : 0,
    scale.maxIdf > 0 ? rarest / scale.maxIdf : 0,
    Math.min(shared, MAX_SHARED_LEMMAS) / MAX_SHARED_LEMMAS,
    Math.min(sortedShared(a.bigrams, b.bigrams), MAX_SHARED_BIGRAMS) / MAX_SHARED_BIGRAMS,
    overlap(a.topics, b.topics),
    overlap(a.names, b.names),
    a.speaker !== null && a.speaker === b.speaker ? 1 : 0,
    a.speaker !== null && b.speaker !== null && a.speaker !== b.speaker ? 1 : 0,
    a.numbers.length > 0 && b.numbers.length > 0 && numbersShared === 0 ? 1 : 0,
  ];
}

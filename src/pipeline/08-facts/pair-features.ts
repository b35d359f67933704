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

/**
 * Every claim of a corpus as pair scoring reads it, in flat arrays: claim i's lemma ids (ascending)
 * and unit TF-IDF weights lie between offsets[i] and offsets[i + 1], its lemma pairs between
 * bigramOffsets[i] and bigramOffsets[i + 1]. A corpus of tens of thousands of articles holds hundreds
 * of thousands of claims; this keeps each in a few bytes per lemma, and the collector idle.
 */
export type CorpusReadings = {
  offsets: Int32Array;
  ids: Int32Array;
  weights: Float32Array;
  /** A claim's weight times its norm is the lemma's inverse document frequency. */
  norms: Float32Array;
  idfSums: Float32Array;
  /** Lemma id pairs in reading order, as single numbers, ascending per claim. */
  bigramOffsets: Int32Array;
  bigrams: Float64Array;
  topics: ReadonlyArray<readonly string[]>;
  names: ReadonlyArray<readonly string[]>;
  numbers: ReadonlyArray<readonly string[]>;
  speakers: ReadonlyArray<string | null>;
  /** The highest inverse document frequency the corpus allows: a lemma in one claim. */
  maxIdf: number;
};

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

/** The signals for claims a and b of a corpus, in `PAIR_FEATURES` order, each between 0 and 1. */
export function pairFeatures(corpus: CorpusReadings, a: number, b: number): number[] {
  const { offsets, ids, weights, norms } = corpus;
  let cosine = 0;
  let sharedIdf = 0;
  let rarest = 0;
  let shared = 0;
  for (let i = offsets[a]!, j = offsets[b]!; i < offsets[a + 1]! && j < offsets[b + 1]!; ) {
    if (ids[i] === ids[j]) {
      const idf = weights[i]! * norms[a]!;
      cosine += weights[i]! * weights[j]!;
      sharedIdf += idf;
      rarest = Math.max(rarest, idf);
      shared += 1;
      i += 1;
      j += 1;
    } else if (ids[i]! < ids[j]!) i += 1;
    else j += 1;
  }
  const shorter = Math.min(corpus.idfSums[a]!, corpus.idfSums[b]!);
  const [numbersA, numbersB] = [corpus.numbers[a]!, corpus.numbers[b]!];
  const [speakerA, speakerB] = [corpus.speakers[a]!, corpus.speakers[b]!];
  const bigrams = sortedShared(
    corpus.bigrams.subarray(corpus.bigramOffsets[a]!, corpus.bigramOffsets[a + 1]!),
    corpus.bigrams.subarray(corpus.bigramOffsets[b]!, corpus.bigramOffsets[b + 1]!),
  );
  return [
    Math.min(cosine, 1),
    shorter > 0 ? Math.min(sharedIdf / shorter, 1) : 0,
    corpus.maxIdf > 0 ? rarest / corpus.maxIdf : 0,
    Math.min(shared, MAX_SHARED_LEMMAS) / MAX_SHARED_LEMMAS,
    Math.min(bigrams, MAX_SHARED_BIGRAMS) / MAX_SHARED_BIGRAMS,
    overlap(corpus.topics[a]!, corpus.topics[b]!),
    overlap(corpus.names[a]!, corpus.names[b]!),
    speakerA !== null && speakerA === speakerB ? 1 : 0,
    speakerA !== null && speakerB !== null && speakerA !== speakerB && !sharesParty(speakerA, speakerB) ? 1 : 0,
    numbersA.length > 0 && numbersB.length > 0 && sharedCount(numbersA, numbersB) === 0 ? 1 : 0,
  ];
}

/** The parties of a joint speaker ("Ana Ruiz and Piet Dale"): one of them speaking is no other speaker. */
function sharesParty(a: string, b: string): boolean {
  const parties = (speaker: string) => speaker.split(/,\s+(?:and\s+)?|\s+and\s+/);
  const ofA = new Set(parties(a));
  return parties(b).some((party) => ofA.has(party));
}

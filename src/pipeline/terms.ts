import { tokenize } from './nlp.js';

/**
 * Lexicon terms ("precursor chemical", "military-to-military") are matched as word sequences, on
 * lemmas and on surface forms, so a term also matches its inflections. Each word list carries an
 * index of where every word occurs: a term is looked up by its first word instead of scanning the
 * sentence once per term, which matters when every sentence is checked against the whole taxonomy.
 */
export type Words = {
  lemmas: string[];
  normals: string[];
  /** Content lemmas (no stop words, no numbers or symbols alone), each once, in reading order. */
  contentLemmas: string[];
  lemmaPositions: Map<string, number[]>;
  normalPositions: Map<string, number[]>;
};

/** One term as the word sequences that match it: its lemmas, and its surface words when they differ. */
export type CompiledTerm = string[][];

function positionsOf(words: string[]): Map<string, number[]> {
  const positions = new Map<string, number[]>();
  words.forEach((word, at) => {
    const list = positions.get(word);
    if (list) list.push(at);
    else positions.set(word, [at]);
  });
  return positions;
}

/** Hyphens and apostrophes split words the same way in terms and in sentences. */
export function toWords(text: string): Words {
  // Lowercased first: wink tags a capitalised "Tariffs" as a proper noun and keeps its plural.
  const tokens = tokenize(text.toLowerCase().replace(/[-\u2010-\u2014]/g, ' ').replace(/[\u2018\u2019]/g, "'")).filter(
    (token) => token.pos !== 'PUNCT',
  );
  const lemmas = tokens.map((token) => token.lemma);
  const normals = tokens.map((token) => token.normal);
  const contentLemmas = [...new Set(tokens.filter((token) => !token.isStopWord && /\p{L}/u.test(token.value)).map((token) => token.lemma))];
  return { lemmas, normals, contentLemmas, lemmaPositions: positionsOf(lemmas), normalPositions: positionsOf(normals) };
}

export function compileTerm(term: string): CompiledTerm {
  const { lemmas, normals } = toWords(term);
  return lemmas.join(' ') === normals.join(' ') ? [lemmas] : [lemmas, normals];
}

function sequenceStarts(haystack: string[], index: Map<string, number[]>, needle: string[], found: Set<number>): void {
  if (needle.length === 0) return;
  outer: for (const i of index.get(needle[0]!) ?? []) {
    if (i + needle.length > haystack.length) continue;
    for (let j = 1; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    found.add(i);
  }
}

/** Word positions where the term starts, in reading order. */
export function termPositions(words: Words, term: CompiledTerm): number[] {
  const found = new Set<number>();
  for (const sequence of term) {
    sequenceStarts(words.lemmas, words.lemmaPositions, sequence, found);
    sequenceStarts(words.normals, words.normalPositions, sequence, found);
  }
  return found.size === 0 ? [] : [...found].sort((a, b) => a - b);
}

function containsSequence(haystack: string[], index: Map<string, number[]>, needle: string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (const i of index.get(needle[0]!) ?? []) {
    if (i + needle.length > haystack.length) continue;
    for (let j = 1; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function containsTerm(words: Words, term: CompiledTerm): boolean {
  return term.some(
    (sequence) => containsSequence(words.lemmas, words.lemmaPositions, sequence) || containsSequence(words.normals, words.normalPositions, sequence),
  );
}

export function containsAnyTerm(words: Words, terms: CompiledTerm[]): boolean {
  return terms.some((term) => containsTerm(words, term));
}

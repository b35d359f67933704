import { tokenize } from './nlp.js';

/**
 * Lexicon terms ("precursor chemical", "military-to-military") are matched as word sequences, on
 * lemmas and on surface forms, so a term also matches its inflections.
 */
export type Words = { lemmas: string[]; normals: string[] };

/** One term as the word sequences that match it: its lemmas, and its surface words when they differ. */
export type CompiledTerm = string[][];

/** Hyphens and apostrophes split words the same way in terms and in sentences. */
export function toWords(text: string): Words {
  // Lowercased first: wink tags a capitalised "Tariffs" as a proper noun and keeps its plural.
  const tokens = tokenize(text.toLowerCase().replace(/[-\u2010-\u2014]/g, ' ').replace(/[\u2018\u2019]/g, "'")).filter(
    (token) => token.pos !== 'PUNCT',
  );
  return { lemmas: tokens.map((token) => token.lemma), normals: tokens.map((token) => token.normal) };
}

export function compileTerm(term: string): CompiledTerm {
  const { lemmas, normals } = toWords(term);
  return lemmas.join(' ') === normals.join(' ') ? [lemmas] : [lemmas, normals];
}

function sequenceStarts(haystack: string[], needle: string[], found: Set<number>): void {
  if (needle.length === 0) return;
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    found.add(i);
  }
}

/** Word positions where the term starts, in reading order. */
export function termPositions(words: Words, term: CompiledTerm): number[] {
  const found = new Set<number>();
  for (const sequence of term) {
    sequenceStarts(words.lemmas, sequence, found);
    sequenceStarts(words.normals, sequence, found);
  }
  return [...found].sort((a, b) => a - b);
}

export function containsTerm(words: Words, term: CompiledTerm): boolean {
  return termPositions(words, term).length > 0;
}

export function containsAnyTerm(words: Words, terms: CompiledTerm[]): boolean {
  return terms.some((term) => containsTerm(words, term));
}

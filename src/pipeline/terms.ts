import { tokenize } from './nlp.js';
import { appendTo } from '../maps.js';

/**
 * Lexicon terms ("precursor chemical", "military-to-military") are matched as word sequences, on
 * lemmas and on surface forms, so a term also matches its inflections.
 */
export type Words = {
  lemmas: string[];
  normals: string[];
  /** Content lemmas (no stop words, no numbers or symbols alone), each once, in reading order. */
  contentLemmas: string[];
};

/** One term as the word sequences that match it: its lemmas, and its surface words when they differ. */
export type CompiledTerm = string[][];

/** Hyphens and apostrophes split words the same way in terms and in sentences. */
export function toWords(text: string): Words {
  // Lowercased first: wink tags a capitalised "Tariffs" as a proper noun and keeps its plural.
  const tokens = tokenize(text.toLowerCase().replace(/[-\u2010-\u2014]/g, ' ').replace(/[\u2018\u2019]/g, "'")).filter(
    (token) => token.pos !== 'PUNCT',
  );
  const lemmas = tokens.map((token) => token.lemma);
  const normals = tokens.map((token) => token.normal);
  const contentLemmas = [...new Set(tokens.filter((token) => !token.isStopWord && /\p{L}/u.test(token.value)).map((token) => token.lemma))];
  return { lemmas, normals, contentLemmas };
}

export function compileTerm(term: string): CompiledTerm {
  const { lemmas, normals } = toWords(term);
  return lemmas.join(' ') === normals.join(' ') ? [lemmas] : [lemmas, normals];
}

/**
 * The word sequences of a set of compiled terms, by first word. A sentence is checked against a whole
 * taxonomy by walking its own words once and trying only the sequences that start with each, rather
 * than looking up every sequence of every term: a claim has a few dozen words, the taxonomy hundreds of
 * sequences, and that lookup was half of tagging a claim.
 */
export type SequenceIndex = Map<string, string[][]>;

export function indexSequences(terms: Iterable<CompiledTerm>): SequenceIndex {
  const index: SequenceIndex = new Map();
  for (const term of terms) {
    for (const sequence of term) {
      if (sequence.length === 0) continue;
      appendTo(index, sequence[0]!, sequence);
    }
  }
  return index;
}

/** Where each indexed sequence starts in a sentence, on lemmas or on surface forms; sequences not found are absent. */
export type SequenceMatches = Map<string[], number[]>;

export function findSequences(words: Words, index: SequenceIndex): SequenceMatches {
  const matches: SequenceMatches = new Map();
  for (const haystack of [words.lemmas, words.normals]) {
    haystack.forEach((word, at) => {
      outer: for (const sequence of index.get(word) ?? []) {
        if (at + sequence.length > haystack.length) continue;
        for (let j = 1; j < sequence.length; j += 1) if (haystack[at + j] !== sequence[j]) continue outer;
        const starts = matches.get(sequence);
        if (!starts) matches.set(sequence, [at]);
        else if (!starts.includes(at)) starts.push(at);
      }
    });
  }
  return matches;
}

export function containsTerm(matches: SequenceMatches, term: CompiledTerm): boolean {
  return term.some((sequence) => matches.has(sequence));
}

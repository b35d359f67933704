import { tokenize } from '../nlp.js';
import type { Topic } from '../types.js';

/** A topic with its terms already reduced to lemma and surface-form sequences. */
export type CompiledTopic = { slug: string; terms: string[][] };

/** Hyphens and apostrophes split words the same way in terms and in sentences. */
function termWords(text: string): { lemmas: string[]; normals: string[] } {
  // Lowercased first: wink tags a capitalised "Tariffs" as a proper noun and keeps its plural.
  const tokens = tokenize(text.toLowerCase().replace(/[-\u2010-\u2014]/g, ' ').replace(/[\u2018\u2019]/g, "'")).filter(
    (token) => token.pos !== 'PUNCT',
  );
  return { lemmas: tokens.map((token) => token.lemma), normals: tokens.map((token) => token.normal) };
}

export function compileTopics(topics: Topic[]): CompiledTopic[] {
  return topics.map((topic) => ({
    slug: topic.slug,
    terms: topic.terms.flatMap((term) => {
      const { lemmas, normals } = termWords(term);
      return lemmas.join(' ') === normals.join(' ') ? [lemmas] : [lemmas, normals];
    }),
  }));
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Topic slugs whose terms occur in the text, in taxonomy order. */
export function tagTopics(text: string, topics: CompiledTopic[]): string[] {
  const { lemmas, normals } = termWords(text);
  return topics
    .filter((topic) => topic.terms.some((term) => containsSequence(lemmas, term) || containsSequence(normals, term)))
    .map((topic) => topic.slug);
}

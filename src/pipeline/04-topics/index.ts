import { compileTerm, containsTerm, findSequences, indexSequences, toWords, type CompiledTerm, type SequenceIndex } from '../terms.js';
import type { Topic } from '../types.js';

/** A topic with its terms already reduced to lemma and surface-form sequences. */
export type CompiledTopic = { slug: string; terms: CompiledTerm };

export function compileTopics(topics: Topic[]): CompiledTopic[] {
  return topics.map((topic) => ({ slug: topic.slug, terms: topic.terms.flatMap(compileTerm) }));
}

/**
 * Every word sequence of a taxonomy's terms, by first word. Built once per taxonomy
 * and thread (the extraction threads receive the compiled taxonomy by message), and kept while the
 * taxonomy is in use.
 */
const sequenceIndexes = new WeakMap<CompiledTopic[], SequenceIndex>();

function sequenceIndexOf(topics: CompiledTopic[]): SequenceIndex {
  let index = sequenceIndexes.get(topics);
  if (!index) {
    sequenceIndexes.set(topics, (index = indexSequences(topics.map((topic) => topic.terms))));
  }
  return index;
}

/** What stage 04 reads from one sentence: its topics and its content lemmas. */
export type TopicTags = { topics: string[]; lemmas: string[] };

/**
 * Topic slugs whose terms occur in the text, in taxonomy order. The content lemmas come from the same
 * reading, for fact grouping by wording.
 */
export function tagClaim(text: string, topics: CompiledTopic[]): TopicTags {
  const words = toWords(text);
  // The sentence's words are walked once for the whole taxonomy; each topic then reads the result.
  const matches = findSequences(words, sequenceIndexOf(topics));
  return { topics: topics.filter((topic) => containsTerm(matches, topic.terms)).map((topic) => topic.slug), lemmas: words.contentLemmas };
}

export function tagTopics(text: string, topics: CompiledTopic[]): string[] {
  return tagClaim(text, topics).topics;
}

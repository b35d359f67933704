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

/**
 * A document mostly about one topic is about it even in sentences that name none of its terms: in a
 * report on a relief fund, "Meanwhile, Norland pledged 10 million." is about the fund, and in the
 * remarks closing a state visit to Vell, "We leave with a full notebook." is about the visit. A topic
 * is a document's main topic when at least this share of its claims name it…
 */
export const MAIN_TOPIC_SHARE = 0.4;
/** …and at least this many more claims than any other topic: a document on two subjects has none. */
export const MAIN_TOPIC_LEAD = 2;

/** The topic most of a document's claims name, or null; `claimTopics` are each claim's own topics. */
export function mainTopic(claimTopics: ReadonlyArray<readonly string[]>): string | null {
  const counts = new Map<string, number>();
  for (const topics of claimTopics) for (const slug of topics) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  // The lead rules out a tie at the top, so the order among equal counts never decides.
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (first === undefined) return null;
  const [slug, count] = first;
  return count >= MAIN_TOPIC_SHARE * claimTopics.length && count - (second?.[1] ?? 0) >= MAIN_TOPIC_LEAD ? slug : null;
}

/**
 * The topics each claim carries from its document: the main topic, for a claim that names no topic of
 * its own; none otherwise. A claim that names a topic keeps what it names: a sentence on tariffs in a
 * report on a summit is on tariffs, whatever else the summit was about.
 */
export function carriedTopics(claimTopics: ReadonlyArray<readonly string[]>): string[][] {
  const main = mainTopic(claimTopics);
  return claimTopics.map((topics) => (main !== null && topics.length === 0 ? [main] : []));
}

import { compileTerm, findSequences, indexSequences, toWords, type CompiledTerm, type SequenceIndex } from '../terms.js';
import type { Topic } from '../types.js';

/** A topic with its terms already reduced to lemma and surface-form sequences. */
export type CompiledTopic = { slug: string; terms: CompiledTerm };

export function compileTopics(topics: Topic[]): CompiledTopic[] {
  return topics.map((topic) => ({ slug: topic.slug, terms: topic.terms.flatMap(compileTerm) }));
}

/**
 * Every word sequence of a taxonomy's terms, by first word, and the topic each belongs to. Built once
 * per taxonomy and thread (the extraction threads receive the compiled taxonomy by message), and kept
 * while the taxonomy is in use.
 */
type TaxonomyIndex = { sequences: SequenceIndex; topicOf: Map<string[], number> };

const taxonomyIndexes = new WeakMap<CompiledTopic[], TaxonomyIndex>();

function taxonomyIndexOf(topics: CompiledTopic[]): TaxonomyIndex {
  let index = taxonomyIndexes.get(topics);
  if (!index) {
    const topicOf = new Map<string[], number>();
    topics.forEach((topic, at) => topic.terms.forEach((sequence) => topicOf.set(sequence, at)));
    taxonomyIndexes.set(topics, (index = { sequences: indexSequences(topics.map((topic) => topic.terms)), topicOf }));
  }
  return index;
}

/** Where a term of one topic occurs in a sentence: word positions [start, end). */
type TermMatch = { topic: number; start: number; end: number };

/**
 * A term found inside a longer term of another topic is part of that longer name and says nothing of
 * its own topic: "tear gas" is no fuel, the "Harlow Accord" no accord still being negotiated, a "peace
 * prize" no peace talks.
 */
export function outsideLongerTerms(matches: TermMatch[]): TermMatch[] {
  return matches.filter(
    (match) =>
      !matches.some(
        (other) => other.topic !== match.topic && other.start <= match.start && match.end <= other.end && other.end - other.start > match.end - match.start,
      ),
  );
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
  const { sequences, topicOf } = taxonomyIndexOf(topics);
  const matches = [...findSequences(words, sequences)].flatMap(([sequence, starts]) =>
    starts.map((start) => ({ topic: topicOf.get(sequence)!, start, end: start + sequence.length })),
  );
  const named = new Set(outsideLongerTerms(matches).map((match) => match.topic));
  return { topics: topics.filter((_topic, at) => named.has(at)).map((topic) => topic.slug), lemmas: words.contentLemmas };
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

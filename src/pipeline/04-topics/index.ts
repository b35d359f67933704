import {
  compileTerm,
  containsTerm,
  findSequences,
  indexSequences,
  termPositions,
  toWords,
  type CompiledTerm,
  type SequenceIndex,
  type SequenceMatches,
} from '../terms.js';
import type { FactPattern, Topic } from '../types.js';

/** A fact pattern ready to match: each `all` group and the `none` list flattened into word sequences. */
export type CompiledFactPattern = { key: string; topic: string; all: CompiledTerm[]; none: CompiledTerm; within: number };

/** A topic with its terms already reduced to lemma and surface-form sequences. */
export type CompiledTopic = { slug: string; terms: CompiledTerm; facts: CompiledFactPattern[] };

const flatten = (terms: string[]): CompiledTerm => terms.flatMap(compileTerm);

function compileFactPattern(pattern: FactPattern, topic: string): CompiledFactPattern {
  return { key: pattern.key, topic, all: pattern.all.map(flatten), none: flatten(pattern.none ?? []), within: pattern.within ?? Infinity };
}

export function compileTopics(topics: Topic[]): CompiledTopic[] {
  return topics.map((topic) => ({
    slug: topic.slug,
    terms: flatten(topic.terms),
    facts: (topic.facts ?? []).map((pattern) => compileFactPattern(pattern, topic.slug)),
  }));
}

/** Whether a window of `span` words holds one position from every list. */
function fitWithin(positions: number[][], span: number): boolean {
  return positions.flat().some((start) => positions.every((list) => list.some((at) => at >= start && at <= start + span)));
}

function holds(pattern: CompiledFactPattern, matches: SequenceMatches): boolean {
  const positions: number[][] = [];
  for (const group of pattern.all) {
    const found = termPositions(matches, group);
    if (found.length === 0) return false;
    positions.push(found);
  }
  if (containsTerm(matches, pattern.none)) return false;
  return pattern.within === Infinity || fitWithin(positions, pattern.within);
}

/**
 * Every word sequence of a taxonomy's terms and fact patterns, by first word. Built once per taxonomy
 * and thread (the extraction threads receive the compiled taxonomy by message), and kept while the
 * taxonomy is in use.
 */
const sequenceIndexes = new WeakMap<CompiledTopic[], SequenceIndex>();

function sequenceIndexOf(topics: CompiledTopic[]): SequenceIndex {
  let index = sequenceIndexes.get(topics);
  if (!index) {
    const terms = topics.flatMap((topic) => [topic.terms, ...topic.facts.flatMap((pattern) => [...pattern.all, pattern.none])]);
    sequenceIndexes.set(topics, (index = indexSequences(terms)));
  }
  return index;
}

/** What stage 04 reads from one sentence: its topics, the fact patterns it states and its content lemmas. */
export type TopicTags = { topics: string[]; factKeys: string[]; lemmas: string[] };

/**
 * Topic slugs whose terms occur in the text, and keys of the fact patterns it states, both in
 * taxonomy order. A sentence that states one of a topic's facts is about that topic even when none
 * of its terms occurs. The content lemmas come from the same reading, for fact grouping by wording.
 */
export function tagClaim(text: string, topics: CompiledTopic[]): TopicTags {
  const words = toWords(text);
  // The sentence's words are walked once for the whole taxonomy; topics and patterns then read the result.
  const matches = findSequences(words, sequenceIndexOf(topics));
  const tags: TopicTags = { topics: [], factKeys: [], lemmas: words.contentLemmas };
  for (const topic of topics) {
    const stated = topic.facts.filter((pattern) => holds(pattern, matches)).map((pattern) => pattern.key);
    tags.factKeys.push(...stated);
    if (stated.length > 0 || containsTerm(matches, topic.terms)) tags.topics.push(topic.slug);
  }
  return tags;
}

/** Keys of the fact patterns a sentence states, in taxonomy order. */
export function matchFactPatterns(text: string, topics: CompiledTopic[]): string[] {
  return tagClaim(text, topics).factKeys;
}

export function tagTopics(text: string, topics: CompiledTopic[]): string[] {
  return tagClaim(text, topics).topics;
}

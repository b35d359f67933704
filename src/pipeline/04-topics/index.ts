import { compileTerm, containsAnyTerm, containsTerm, termPositions, toWords, type CompiledTerm, type Words } from '../terms.js';
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

function holds(pattern: CompiledFactPattern, words: Words): boolean {
  if (containsTerm(words, pattern.none)) return false;
  const positions = pattern.all.map((group) => termPositions(words, group));
  if (positions.some((list) => list.length === 0)) return false;
  return pattern.within === Infinity || fitWithin(positions, pattern.within);
}

/** Keys of the fact patterns a sentence states, in taxonomy order. */
export function matchFactPatterns(text: string, topics: CompiledTopic[]): string[] {
  const words = toWords(text);
  return topics.flatMap((topic) => topic.facts.filter((pattern) => holds(pattern, words)).map((pattern) => pattern.key));
}

/**
 * Topic slugs whose terms occur in the text, in taxonomy order. A sentence that states one of a
 * topic's facts is about that topic even when none of its terms occurs.
 */
export function tagTopics(text: string, topics: CompiledTopic[]): string[] {
  const words = toWords(text);
  return topics
    .filter((topic) => containsAnyTerm(words, [topic.terms]) || topic.facts.some((pattern) => holds(pattern, words)))
    .map((topic) => topic.slug);
}

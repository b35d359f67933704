import { cleanArticle } from './01-clean/index.js';
import { documentIssuer } from './01-clean/voice.js';
import { extractMetadata } from './01-clean/metadata.js';
import { splitSentences } from './02-sentences/index.js';
import { scoreClaims } from './03-claims/index.js';
import { carriedTopics, compileTopics, tagClaim, type CompiledTopic } from './04-topics/index.js';
import { attribute, compileAliases, type Aliases, type CompiledAliases } from './05-attribution/index.js';
import { compileEntities, findEntities, type CompiledEntities, type EntityDefinition } from './06-entities/index.js';
import { compileEvent, judgeRelevance, type CompiledEvent, type EventDescription } from './07-relevance/index.js';
import type { Article, ProcessedArticle, Topic } from './types.js';

export { assignClaims, backgroundPlaces, describeFact, groupFacts, nearestStored, type CorpusFrequencies, type Fact, type FactCandidate, type GroupedCandidate } from './08-facts/index.js';
export type { PlaceMention } from './08-facts/variants.js';
export type { EntityDefinition } from './06-entities/index.js';
export type { EventDescription } from './07-relevance/index.js';
export { corpusSpeakerNames } from './05-attribution/names.js';

/** The taxonomy, the name list and the event, prepared once and shared by every article. */
export type Lexicon = { topics: CompiledTopic[]; aliases: CompiledAliases; entities: CompiledEntities; event: CompiledEvent | null };

export type LexiconSource = { topics: Topic[]; aliases: Aliases; entities?: EntityDefinition[]; event?: EventDescription | null };

export function compileLexicon({ topics, aliases, entities = [], event = null }: LexiconSource): Lexicon {
  return {
    topics: compileTopics(topics),
    aliases: compileAliases(aliases),
    entities: compileEntities(entities),
    event: event && compileEvent(event, entities.filter((entity) => entity.kind === 'person')),
  };
}

/**
 * One article through the per-article stages, in their numbered order:
 * clean → sentences → claims → topics (each claim's own, then the document's main topic carried to
 * claims that name none) → attribution → entities → relevance. Facts (stage 08) group
 * claims across articles, so ingest runs them over the whole corpus.
 */
export function runPipeline(article: Article, lexicon: Lexicon): ProcessedArticle {
  const clean = cleanArticle(article.text);
  const metadata = extractMetadata(clean, article.url);
  const sentences = splitSentences(clean.segments);
  const issuer = documentIssuer(metadata.title, sentences);
  // Remarks several people open are on record only until labels say who speaks.
  const onRecord = issuer !== null && (issuer.kind !== 'opening' || !sentences.some((sentence) => sentence.turn !== undefined));
  const kept = scoreClaims(sentences, onRecord ? issuer.from : null).filter((sentence) => sentence.isClaim);
  const read = kept.map(({ isClaim: _isClaim, ...claim }) => ({ ...claim, ...tagClaim(claim.text, lexicon.topics) }));
  const carried = carriedTopics(read.map((claim) => claim.topics));
  const tagged = read.map((claim, index) => ({ ...claim, carriedTopics: carried[index]! }));
  const attributions = attribute(tagged, lexicon.aliases, metadata.title, issuer, sentences);
  const claims = tagged.map((claim, index) => ({
    ...claim,
    ...attributions[index]!,
    entities: findEntities(claim.text, lexicon.entities),
  }));
  return { metadata, boilerplate: clean.boilerplate, claims, offEvent: judgeRelevance(metadata.title, claims, lexicon.event, metadata.publishedAt) };
}

import { cleanArticle } from './01-clean/index.js';
import { extractMetadata } from './01-clean/metadata.js';
import { splitSentences } from './02-sentences/index.js';
import { scoreClaims } from './03-claims/index.js';
import { compileTopics, tagClaim, type CompiledTopic } from './04-topics/index.js';
import { attribute, compileAliases, type Aliases, type CompiledAliases } from './05-attribution/index.js';
import { compileEntities, findEntities, type CompiledEntities, type EntityDefinition } from './07-entities/index.js';
import type { Article, ProcessedArticle, Topic } from './types.js';

export { groupFacts, stableId, type Fact, type FactCandidate } from './06-facts/index.js';
export type { PlaceMention } from './06-facts/variants.js';
export type { EntityDefinition } from './07-entities/index.js';

/** The taxonomy and the name list, prepared once and shared by every article. */
export type Lexicon = { topics: CompiledTopic[]; aliases: CompiledAliases; entities: CompiledEntities };

export function compileLexicon(topics: Topic[], aliases: Aliases, entities: EntityDefinition[] = []): Lexicon {
  return { topics: compileTopics(topics), aliases: compileAliases(aliases), entities: compileEntities(entities) };
}

/**
 * One article through the per-article stages, in the order the data flows:
 * clean → sentences → claims → topics → attribution → entities. Facts (stage 06) group claims
 * across articles, so ingest runs them over the whole corpus.
 */
export function runPipeline(article: Article, lexicon: Lexicon): ProcessedArticle {
  const clean = cleanArticle(article.text);
  const sentences = splitSentences(clean.segments);
  const claims = scoreClaims(sentences).filter((sentence) => sentence.isClaim);
  const attributions = attribute(claims, lexicon.aliases);
  return {
    metadata: extractMetadata(clean),
    boilerplate: clean.boilerplate,
    claims: claims.map(({ isClaim: _isClaim, ...claim }, index) => ({
      ...claim,
      ...tagClaim(claim.text, lexicon.topics),
      ...attributions[index]!,
      entities: findEntities(claim.text, lexicon.entities),
    })),
  };
}

import type { FacetRequest } from '../db/facets.js';
import type { ClaimFilter, ReadModel } from '../db/read-model.js';
import { invalidParameter } from '../http/problems.js';

/** A topic filter must name a known slug; the error lists the valid ones. */
export function checkTopic(readModel: ReadModel, topic: string | undefined): void {
  if (topic !== undefined && !readModel.getTopic(topic)) {
    throw invalidParameter('topic', `unknown topic "${topic}"`, readModel.topicSlugs());
  }
}

/** The /claims query as the read model takes it; each unknown topic, source, fact or entity is a 400 naming it. */
export function claimFilter(
  readModel: ReadModel,
  query: { topic?: string; source?: string; speaker?: string; factId?: string; q?: string; entity?: string; minCheckworthiness?: number; offEvent: 'exclude' | 'include' | 'only' },
): ClaimFilter {
  const { topic, source, speaker, factId, q, entity: entityName, minCheckworthiness, offEvent } = query;
  checkTopic(readModel, topic);
  if (source !== undefined && !readModel.sourceExists(source)) throw invalidParameter('source', `unknown source "${source}"`);
  if (factId !== undefined && !readModel.factExists(factId)) throw invalidParameter('factId', `unknown fact "${factId}"`);
  const entity = entityName === undefined ? undefined : readModel.findEntityId(entityName);
  if (entity === null) {
    // Too many entities to list in the problem, unlike topics: point at the search instead.
    throw invalidParameter('entity', `unknown entity "${entityName}": pass an id or canonical name, as GET /entities lists them (its q searches aliases too)`);
  }
  return { topic, source, speaker, factId, q, entity, minCheckworthiness, offEvent: offEvent === 'include' ? undefined : offEvent === 'only' ? 1 : 0 };
}

/** The facets a list is asked to count, or none; a facet size with no facet to size is a 400, not ignored. */
export function facetRequest<Name extends string>(facet: Name[] | undefined, facetSize: number | undefined): FacetRequest<Name> | undefined {
  if (facet === undefined) {
    if (facetSize !== undefined) throw invalidParameter('facetSize', 'sizes the facets asked for: add facet (topic, speaker, source or entity on /claims, topic on /facts)');
    return undefined;
  }
  return { names: facet, size: facetSize };
}

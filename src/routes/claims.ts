import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { invalidParameter, notFound } from '../http/problems.js';
import { itemErrors, listErrors, toPage } from '../schemas/common.js';
import { ClaimListQuery, ClaimPageSchema, ClaimSchema, IdParams, NoQuery } from '../schemas/resources.js';
import { checkTopic } from './filters.js';

const claimRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/claims', {
    schema: {
      tags: ['claims'],
      operationId: 'listClaims',
      summary: 'List and search claims',
      description:
        'Claims in source order, then in reading order. Filters combine: topic, source, speaker, factId, ' +
        'full-text q, entity (an id or canonical name from /entities) and minCheckworthiness. Claims of sources ' +
        'that are not about the event are left out unless offEvent says otherwise. Each claim ' +
        'carries the span that slices it out of its source text, and the entities it names with theirs.',
      querystring: ClaimListQuery,
      response: { 200: ClaimPageSchema, ...listErrors },
    },
    handler: (request) => {
      const { topic, source, speaker, factId, q, entity: entityName, minCheckworthiness, offEvent, limit, cursor } = request.query;
      checkTopic(app.readModel, topic);
      if (source !== undefined && !app.readModel.sourceExists(source)) throw invalidParameter('source', `unknown source "${source}"`);
      if (factId !== undefined && !app.readModel.factExists(factId)) throw invalidParameter('factId', `unknown fact "${factId}"`);
      const entity = entityName === undefined ? undefined : app.readModel.findEntityId(entityName);
      if (entity === null) {
        // Too many entities to list in the problem, unlike topics: point at the search instead.
        throw invalidParameter('entity', `unknown entity "${entityName}": pass an id or canonical name, as GET /entities lists them (its q searches aliases too)`);
      }
      const offEventFlag = offEvent === 'include' ? undefined : offEvent === 'only' ? 1 : 0;
      return toPage(app.readModel.listClaims({ topic, source, speaker, factId, q, entity, minCheckworthiness, offEvent: offEventFlag }, limit, cursor ?? null));
    },
  });

  app.get('/claims/:id', {
    schema: {
      tags: ['claims'],
      operationId: 'getClaim',
      summary: 'Get one claim',
      description: 'One claim by id, with its span, topics, speaker, quote, the facts it supports and the entities it names.',
      params: IdParams,
      querystring: NoQuery,
      response: { 200: ClaimSchema, ...itemErrors },
    },
    handler: (request) => {
      const claim = app.readModel.getClaim(request.params.id);
      if (!claim) throw notFound('claim', request.params.id);
      return claim;
    },
  });
};

export default claimRoutes;

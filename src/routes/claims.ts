import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../http/problems.js';
import { itemErrors, listErrors, toPage } from '../schemas/common.js';
import { ClaimListQuery, ClaimPageSchema, ClaimSchema, IdParams, NoQuery } from '../schemas/resources.js';
import { claimFilter, facetRequest } from './filters.js';

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
        'carries the span that slices it out of its source text, and the entities it names with theirs. ' +
        'With facet (topic, speaker, source, entity; repeatable), the answer adds facets: for each, how many of ' +
        'all the claims the filters select carry each value, the most first, the same on every page.',
      querystring: ClaimListQuery,
      response: { 200: ClaimPageSchema, ...listErrors },
    },
    handler: (request) => {
      const { limit, cursor, facet, facetSize, ...query } = request.query;
      return toPage(app.readModel.listClaims(claimFilter(app.readModel, query), limit, cursor ?? null, facetRequest(facet, facetSize)));
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

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../http/problems.js';
import { itemErrors, listErrors, toPage } from '../schemas/common.js';
import { EntityDetailSchema, EntityListQuery, EntityPageSchema, IdParams, NoQuery } from '../schemas/resources.js';

const entityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/entities', {
    schema: {
      tags: ['entities'],
      operationId: 'listEntities',
      summary: 'List people, organisations and places',
      description:
        'Every entity of the entity list with its aliases and how often the claims mention it, named by the ' +
        'most sources first, then by the most mentions, then by name. Filter by kind, and by q on the name ' +
        'or an alias.',
      querystring: EntityListQuery,
      response: { 200: EntityPageSchema, ...listErrors },
    },
    handler: (request) => {
      const { kind, q, limit, cursor } = request.query;
      return toPage(app.readModel.listEntities({ kind, q }, limit, cursor ?? null));
    },
  });

  app.get('/entities/:id', {
    schema: {
      tags: ['entities'],
      operationId: 'getEntity',
      summary: 'Get one entity with every mention',
      description:
        'One entity by id, and each place a claim mentions it: the claim, its source and the span that ' +
        'slices the name, as written, out of the source text.',
      params: IdParams,
      querystring: NoQuery,
      response: { 200: EntityDetailSchema, ...itemErrors },
    },
    handler: (request) => {
      const entity = app.readModel.getEntity(request.params.id);
      if (!entity) throw notFound('entity', request.params.id);
      return entity;
    },
  });
};

export default entityRoutes;

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../http/problems.js';
import { itemErrors, listErrors, toPage } from '../schemas/common.js';
import { DiscrepancyListQuery, FactDetailSchema, FactListQuery, FactPageSchema, IdParams, NoQuery } from '../schemas/resources.js';
import { checkTopic } from './filters.js';

const factRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/facts', {
    schema: {
      tags: ['facts'],
      operationId: 'listFacts',
      summary: 'List facts, most corroborated first',
      description:
        'Facts are groups of claims from different sources that state the same thing. Ranked by the number ' +
        'of distinct sources behind them; filter by topic and a minimum number of sources.',
      querystring: FactListQuery,
      response: { 200: FactPageSchema, ...listErrors },
    },
    handler: (request) => {
      const { topic, minSources, limit, cursor } = request.query;
      checkTopic(app.readModel, topic);
      return toPage(app.readModel.listFacts({ topic, minSources }, limit, cursor ?? null));
    },
  });

  app.get('/discrepancies', {
    schema: {
      tags: ['facts'],
      operationId: 'listDiscrepancies',
      summary: 'List facts on which the sources disagree',
      description:
        'Facts whose sources give different values: a place, number, date, speaker, quoted wording, or a hedge ' +
        '("suspected", "discussed", "expected to") that other sources do not make. Each value carries the span ' +
        'of the words behind it. Ranked like /facts; filter by kind of difference and by topic.',
      querystring: DiscrepancyListQuery,
      response: { 200: FactPageSchema, ...listErrors },
    },
    handler: (request) => {
      const { kind, topic, limit, cursor } = request.query;
      checkTopic(app.readModel, topic);
      return toPage(app.readModel.listDiscrepancies({ kind, topic }, limit, cursor ?? null));
    },
  });

  app.get('/facts/:id', {
    schema: {
      tags: ['facts'],
      operationId: 'getFact',
      summary: "Get one fact with each source's wording side by side",
      description: 'One fact, and for each source that states it, the claims in its own words with their spans.',
      params: IdParams,
      querystring: NoQuery,
      response: { 200: FactDetailSchema, ...itemErrors },
    },
    handler: (request) => {
      const fact = app.readModel.getFact(request.params.id);
      if (!fact) throw notFound('fact', request.params.id);
      return fact;
    },
  });
};

export default factRoutes;

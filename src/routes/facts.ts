import accepts from '@fastify/accepts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpProblem, notFound } from '../http/problems.js';
import { itemErrors, listErrors, ProblemSchema, toPage } from '../schemas/common.js';
import { DiscrepancyListQuery, DiscrepancyPageSchema, FactDetailSchema, FactListQuery, FactPageSchema, IdParams, NoQuery } from '../schemas/resources.js';
import { JSON_LD, SchemaOrgClaimSchema, toSchemaOrgClaim } from '../schemas/schema-org.js';
import { checkTopic, facetRequest } from './filters.js';

/** What GET /facts/:id answers in, the API's own JSON first: a client that sends no preference gets it. */
const FACT_TYPES = ['application/json', JSON_LD];

const factRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(accepts);
  app.get('/facts', {
    schema: {
      tags: ['facts'],
      operationId: 'listFacts',
      summary: 'List facts, most corroborated first',
      description:
        'Facts are groups of claims from different sources that state the same thing. Ranked by the number ' +
        'of distinct sources behind them; filter by topic and a minimum number of sources. With facet=topic, ' +
        'the answer adds facets: how many of all the facts the filters select are about each topic.',
      querystring: FactListQuery,
      response: { 200: FactPageSchema, ...listErrors },
    },
    handler: (request) => {
      const { topic, minSources, limit, cursor, facet, facetSize } = request.query;
      checkTopic(app.readModel, topic);
      return toPage(app.readModel.listFacts({ topic, minSources }, limit, cursor ?? null, facetRequest(facet, facetSize)));
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
      response: { 200: DiscrepancyPageSchema, ...listErrors },
    },
    handler: (request) => {
      const { kind, topic, limit, cursor } = request.query;
      checkTopic(app.readModel, topic);
      return toPage(app.readModel.listDiscrepancies({ kind, topic }, limit, cursor ?? null));
    },
  });

  app.get('/facts/:id', {
    config: { cache: 'per-accept' },
    schema: {
      tags: ['facts'],
      operationId: 'getFact',
      summary: "Get one fact with each source's wording side by side",
      description:
        'One fact, and for each source that states it, the claims in its own words with their spans. With ' +
        '`Accept: application/ld+json`, the fact as a schema.org `Claim` (JSON-LD): each source article as an ' +
        '`appearance`, the earliest dated one as `firstAppearance`, the speakers as `author`. An Accept header ' +
        'that allows neither answers 406.',
      params: IdParams,
      querystring: NoQuery,
      response: {
        200: { description: 'The fact', content: { 'application/json': { schema: FactDetailSchema }, [JSON_LD]: { schema: SchemaOrgClaimSchema } } },
        406: ProblemSchema,
        ...itemErrors,
      },
    },
    handler: (request, reply) => {
      const type = request.accepts().type(FACT_TYPES);
      if (type === false) {
        throw new HttpProblem(406, 'not-acceptable', 'Not acceptable', `This operation answers ${FACT_TYPES.join(' or ')}; the Accept header allows neither`);
      }
      const fact = app.readModel.getFact(request.params.id);
      if (!fact) throw notFound('fact', request.params.id);
      if (type === JSON_LD) {
        const origin = `${request.protocol}://${request.host}`;
        reply.type(`${JSON_LD}; charset=utf-8`);
        return toSchemaOrgClaim(fact, origin);
      }
      reply.type('application/json; charset=utf-8');
      return fact;
    },
  });
};

export default factRoutes;

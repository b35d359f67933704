import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../http/problems.js';
import { itemErrors, listErrors, toPage } from '../schemas/common.js';
import { NoQuery, SlugParams, TopicListQuery, TopicPageSchema, TopicSchema } from '../schemas/resources.js';

const topicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/topics', {
    schema: {
      tags: ['topics'],
      operationId: 'listTopics',
      summary: 'List topics',
      description: 'Every topic of the taxonomy, in taxonomy order, with how many claims and sources mention it.',
      querystring: TopicListQuery,
      response: { 200: TopicPageSchema, ...listErrors },
    },
    handler: (request) => toPage(app.readModel.listTopics(request.query.limit, request.query.cursor ?? null)),
  });

  app.get('/topics/:slug', {
    schema: {
      tags: ['topics'],
      operationId: 'getTopic',
      summary: 'Get one topic',
      description: 'One topic by slug, with its claim and source counts.',
      params: SlugParams,
      querystring: NoQuery,
      response: { 200: TopicSchema, ...itemErrors },
    },
    handler: (request) => {
      const topic = app.readModel.getTopic(request.params.slug);
      if (!topic) throw notFound('topic', request.params.slug);
      return topic;
    },
  });
};

export default topicRoutes;

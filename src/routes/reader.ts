import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SourceDetail } from '../db/read-model.js';
import { notFound } from '../http/problems.js';
import { factPage } from '../reader/fact.js';
import { factsPage } from '../reader/facts.js';
import type { Html } from '../reader/html.js';
import { STYLESHEET_PATH } from '../reader/layout.js';
import { sourcePage, sourcesPage } from '../reader/sources.js';
import { STYLESHEET } from '../reader/style.js';
import { toPage } from '../schemas/common.js';
import { ReaderFactsQuery, ReaderSourcesQuery } from '../schemas/reader.js';
import { IdParams, NoQuery } from '../schemas/resources.js';
import { checkTopic } from './filters.js';

/** Facts and sources per page of the reader's lists. */
const PAGE_SIZE = 20;
/** More topics than any taxonomy has: the filter lists them all. */
const ALL_TOPICS = 1000;

/**
 * The reader's pages are documents for people, not operations of the API: left out of the OpenAPI
 * document, served with a document's security headers, and cached like every read.
 */
const PAGE = { config: { securityHeaders: 'document' } } as const;

const sendPage = (reply: FastifyReply, page: Html) => reply.type('text/html; charset=utf-8').send(page.text);

/**
 * The reader: HTML pages rendered on the server from the read model, so they need no script and no build
 * on the reader's side. Each page reads one snapshot; invalid input gets the API's problem details.
 */
const readerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { ...PAGE, schema: { hide: true, querystring: ReaderFactsQuery } }, (request, reply) => {
    const { topic, speaker, cursor } = request.query;
    checkTopic(app.readModel, topic);
    const view = app.readModel.read((model) => ({
      ...toPage(
        speaker === undefined
          ? model.listFacts({ topic, minSources: 1 }, PAGE_SIZE, cursor ?? null)
          : model.listFactsBySpeaker({ speaker, topic }, PAGE_SIZE, cursor ?? null),
      ),
      topics: model.listTopics(ALL_TOPICS, null).items,
      speakers: model.speakers(),
    }));
    return sendPage(reply, factsPage({ facts: view.items, nextCursor: view.nextCursor, first: cursor === undefined, topics: view.topics, speakers: view.speakers, filter: { topic, speaker } }));
  });

  app.get('/read/facts/:id', { ...PAGE, schema: { hide: true, params: IdParams, querystring: NoQuery } }, (request, reply) => {
    const view = app.readModel.read((model) => {
      const fact = model.getFact(request.params.id);
      if (!fact) return null;
      const sources = fact.wordings.map((wording) => model.getSource(wording.sourceId)).filter((source): source is SourceDetail => source !== null);
      return { fact, sources, topics: model.listTopics(ALL_TOPICS, null).items };
    });
    if (!view) throw notFound('fact', request.params.id);
    return sendPage(reply, factPage(view));
  });

  app.get('/read/sources', { ...PAGE, schema: { hide: true, querystring: ReaderSourcesQuery } }, (request, reply) => {
    const { cursor } = request.query;
    const page = toPage(app.readModel.listSources(PAGE_SIZE, cursor ?? null));
    return sendPage(reply, sourcesPage({ sources: page.items, nextCursor: page.nextCursor, first: cursor === undefined }));
  });

  app.get('/read/sources/:id', { ...PAGE, schema: { hide: true, params: IdParams, querystring: NoQuery } }, (request, reply) => {
    const view = app.readModel.read((model) => {
      const source = model.getSource(request.params.id);
      return source && { source, topics: model.listTopics(ALL_TOPICS, null).items };
    });
    if (!view) throw notFound('source', request.params.id);
    return sendPage(reply, sourcePage(view));
  });

  app.get(STYLESHEET_PATH, { schema: { hide: true, querystring: NoQuery } }, (_request, reply) => reply.type('text/css; charset=utf-8').send(STYLESHEET));
};

export default readerRoutes;

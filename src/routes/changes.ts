import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { encodeCursor, listErrors } from '../schemas/common.js';
import { ChangeFeedQuery, ChangeFeedSchema } from '../schemas/resources.js';

/**
 * The change feed: what was added, removed, created, grown or shrunk since a cursor, in commit order,
 * for a service that keeps a copy in sync by polling with the cursor it was last given.
 */
const changeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/changes', {
    schema: {
      tags: ['changes'],
      operationId: 'listChanges',
      summary: 'Changes since a cursor',
      description:
        'Sources added or removed and facts created, grown, shrunk or removed, in the order their writes ' +
        'committed (API writes and CLI ingests alike). Read from the start, the feed describes the whole ' +
        'database; then send back nextCursor as since. A fact that grew or shrank is re-read at /facts/{id}.',
      querystring: ChangeFeedQuery,
      response: { 200: ChangeFeedSchema, ...listErrors },
    },
    handler: (request) => {
      const after = request.query.since?.[0] ?? 0;
      const rows = app.readModel.listChanges(after, request.query.limit);
      return {
        items: rows.map(({ kind, id, claimCount }) => ({ kind, id, claimCount })),
        nextCursor: encodeCursor([rows.at(-1)?.seq ?? after]),
      };
    },
  });
};

export default changeRoutes;

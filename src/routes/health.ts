import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listErrors } from '../schemas/common.js';
import { HealthSchema, NoQuery } from '../schemas/resources.js';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    // Liveness must be asked of the server each time, never answered from a cache.
    config: { cache: 'no-store' },
    schema: {
      tags: ['health'],
      operationId: 'getHealth',
      summary: 'Health check',
      description: 'Answers 200 when the server can read its database, with what the database holds.',
      querystring: NoQuery,
      // 400 too: like any operation, it refuses a malformed request (a GET with a broken JSON body).
      response: { 200: HealthSchema, ...listErrors },
    },
    handler: () => ({ status: 'ok' as const, ...app.readModel.health() }),
  });
};

export default healthRoutes;

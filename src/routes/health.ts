import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../schemas/common.js';
import { HealthSchema } from '../schemas/resources.js';

const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    // Liveness must be asked of the server each time, never answered from a cache.
    config: { cache: 'no-store' },
    schema: {
      tags: ['health'],
      operationId: 'getHealth',
      summary: 'Health check',
      description: 'Answers 200 when the server can read its database, with what the database holds.',
      response: { 200: HealthSchema, 500: ProblemSchema },
    },
    handler: () => ({ status: 'ok' as const, ...app.readModel.health() }),
  });
};

export default healthRoutes;

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RollupQuery, RollupSeries } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

export function rollupRoutes(container: Container): FastifyPluginAsyncZod {
  const { mentions } = container.services;
  return async (app) => {
    app.get(
      '/api/rollups',
      {
        config: { action: 'mention.read' },
        schema: {
          tags: ['listening'],
          summary: 'Mention count, negative count and reach per platform, by minute, hour or day',
          querystring: RollupQuery,
          response: { 200: RollupSeries },
        },
      },
      async (request) => mentions.rollups(actorOf(request), request.query),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Health } from '../../../../contracts';
import type { Container } from '../../container';

export function healthRoutes(container: Container): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        config: { action: 'public' },
        schema: { tags: ['system'], summary: 'Liveness and database mode', response: { 200: Health } },
      },
      async () => {
        await container.database.query('select 1');
        return {
          status: 'ok' as const,
          database: container.database.kind,
          version: container.config.version,
        };
      },
    );
  };
}

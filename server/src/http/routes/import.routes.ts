import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ImportBatchInput, ImportBatchResult } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

/** A batch of up to 2,000 mentions with their raw lines fits easily. */
const importBodyLimit = 16 * 1024 * 1024;

export function importRoutes(container: Container): FastifyPluginAsyncZod {
  const { imports } = container.services;
  return async (app) => {
    app.post(
      '/api/mentions/import',
      {
        config: { action: 'source.manage' },
        bodyLimit: importBodyLimit,
        schema: {
          tags: ['listening'],
          summary:
            'Store a batch of imported mentions for a brand (what `firebreak import --server` sends); answers after the commit',
          body: ImportBatchInput,
          response: { 200: ImportBatchResult },
        },
      },
      async (request) => imports.importBatch(actorOf(request), request.body),
    );
  };
}

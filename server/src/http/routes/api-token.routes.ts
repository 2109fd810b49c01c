import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiToken, CreateApiTokenInput, CreatedApiToken } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

export function apiTokenRoutes(container: Container): FastifyPluginAsyncZod {
  const { apiTokens } = container.services;
  return async (app) => {
    app.get(
      '/api/api-tokens',
      {
        config: { action: 'api_token.read' },
        schema: {
          tags: ['api tokens'],
          summary: 'API tokens of the workspace',
          response: { 200: z.object({ tokens: z.array(ApiToken) }) },
        },
      },
      async (request) => ({ tokens: await apiTokens.list(actorOf(request)) }),
    );
    app.post(
      '/api/api-tokens',
      {
        config: { action: 'api_token.manage' },
        schema: {
          tags: ['api tokens'],
          summary: 'Create an API token (the secret is shown once)',
          body: CreateApiTokenInput,
          response: { 201: CreatedApiToken },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await apiTokens.create(actorOf(request), request.body)),
    );
    app.delete(
      '/api/api-tokens/:id',
      {
        config: { action: 'api_token.manage' },
        schema: {
          tags: ['api tokens'],
          summary: 'Revoke an API token',
          params: z.object({ id: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await apiTokens.revoke(actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}

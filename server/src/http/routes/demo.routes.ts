import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DemoResult } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

export function demoRoutes(container: Container): FastifyPluginAsyncZod {
  const { listening } = container.services;
  return async (app) => {
    app.post(
      '/api/demo',
      {
        config: { action: 'source.manage' },
        schema: {
          tags: ['listening'],
          summary: 'Start a demo: a demo brand fed by a simulator source (the same ones on every call)',
          response: { 200: DemoResult, 201: DemoResult },
        },
      },
      async (request, reply) => {
        const result = await listening.startDemo(actorOf(request));
        return reply.status(result.created ? 201 : 200).send(result);
      },
    );
  };
}

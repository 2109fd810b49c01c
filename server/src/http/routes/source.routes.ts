import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CreateSourceInput, SavedSource, Source, UpdateSourceInput } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

const Params = z.object({ id: z.uuid() });

export function sourceRoutes(container: Container): FastifyPluginAsyncZod {
  const { sources } = container.services;
  return async (app) => {
    app.get(
      '/api/sources',
      {
        config: { action: 'source.read' },
        schema: {
          tags: ['listening'],
          summary: 'Sources with status, lag, last event and recent errors (credentials are never returned)',
          response: { 200: z.object({ sources: z.array(Source) }) },
        },
      },
      async (request) => ({ sources: await sources.list(actorOf(request)) }),
    );
    app.get(
      '/api/sources/:id',
      {
        config: { action: 'source.read' },
        schema: { tags: ['listening'], summary: 'One source', params: Params, response: { 200: Source } },
      },
      async (request) => sources.get(actorOf(request), request.params.id),
    );
    app.post(
      '/api/sources',
      {
        config: { action: 'source.manage' },
        schema: {
          tags: ['listening'],
          summary: 'Connect a source',
          body: CreateSourceInput,
          response: { 201: SavedSource },
        },
      },
      async (request, reply) => reply.status(201).send(await sources.create(actorOf(request), request.body)),
    );
    app.patch(
      '/api/sources/:id',
      {
        config: { action: 'source.manage' },
        schema: {
          tags: ['listening'],
          summary: 'Pause, resume, rename or reconfigure a source',
          params: Params,
          body: UpdateSourceInput,
          response: { 200: SavedSource },
        },
      },
      async (request) => sources.update(actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/sources/:id',
      {
        config: { action: 'source.manage' },
        schema: { tags: ['listening'], summary: 'Remove a source', params: Params },
      },
      async (request, reply) => {
        await sources.remove(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ListMentionsQuery, MentionDetail, MentionPage } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

export function mentionRoutes(container: Container): FastifyPluginAsyncZod {
  const { mentions } = container.services;
  return async (app) => {
    app.get(
      '/api/mentions',
      {
        config: { action: 'mention.read' },
        schema: {
          tags: ['listening'],
          summary: 'Mentions, newest first: filters, full-text search (q) and cursor pagination',
          querystring: ListMentionsQuery,
          response: { 200: MentionPage },
        },
      },
      async (request) => mentions.list(actorOf(request), request.query),
    );
    app.get(
      '/api/mentions/:id',
      {
        config: { action: 'mention.read' },
        schema: {
          tags: ['listening'],
          summary: 'One mention with its raw platform payload',
          params: z.object({ id: z.uuid() }),
          response: { 200: MentionDetail },
        },
      },
      async (request) => mentions.get(actorOf(request), request.params.id),
    );
  };
}

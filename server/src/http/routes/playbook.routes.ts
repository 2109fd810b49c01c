import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CrisisType, Playbook, PlaybookVersion, SavePlaybookInput } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

const Params = z.object({ type: CrisisType });

export function playbookRoutes(container: Container): FastifyPluginAsyncZod {
  const { playbooks } = container.services;
  return async (app) => {
    app.get(
      '/api/playbooks',
      {
        config: { action: 'playbook.read' },
        schema: {
          tags: ['playbooks'],
          summary: 'The playbook of each crisis type (current version)',
          response: { 200: z.object({ playbooks: z.array(Playbook) }) },
        },
      },
      async (request) => ({ playbooks: await playbooks.list(actorOf(request)) }),
    );
    app.get(
      '/api/playbooks/:type',
      {
        config: { action: 'playbook.read' },
        schema: {
          tags: ['playbooks'],
          summary: 'One playbook with its version history',
          params: Params,
          response: { 200: Playbook.extend({ versions: z.array(PlaybookVersion) }) },
        },
      },
      async (request) => playbooks.get(actorOf(request), request.params.type),
    );
    app.post(
      '/api/playbooks/:type/versions',
      {
        config: { action: 'playbook.manage' },
        schema: {
          tags: ['playbooks'],
          summary: 'Save a new version (with the reason for the change)',
          params: Params,
          body: SavePlaybookInput,
          response: { 201: Playbook },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await playbooks.save(actorOf(request), request.params.type, request.body)),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InvitedMember, InviteMemberInput, Member, UpdateMemberInput } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

export function memberRoutes(container: Container): FastifyPluginAsyncZod {
  const { members } = container.services;
  return async (app) => {
    app.get(
      '/api/members',
      {
        config: { action: 'member.read' },
        schema: {
          tags: ['members'],
          summary: 'Members of the workspace',
          response: { 200: z.object({ members: z.array(Member) }) },
        },
      },
      async (request) => ({ members: await members.list(actorOf(request)) }),
    );
    app.post(
      '/api/members',
      {
        config: { action: 'member.invite' },
        schema: {
          tags: ['members'],
          summary: 'Invite a member (returns a one-time invite link)',
          body: InviteMemberInput,
          response: { 201: InvitedMember },
        },
      },
      async (request, reply) => reply.status(201).send(await members.invite(actorOf(request), request.body)),
    );
    app.patch(
      '/api/members/:id',
      {
        config: { action: 'member.update' },
        schema: {
          tags: ['members'],
          summary: 'Change department, role, name or status',
          params: z.object({ id: z.uuid() }),
          body: UpdateMemberInput,
          response: { 200: Member },
        },
      },
      async (request) => members.update(actorOf(request), request.params.id, request.body),
    );
  };
}

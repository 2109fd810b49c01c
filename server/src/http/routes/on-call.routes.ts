import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AddOverrideInput, OnCallOverride, OnCallRotation, OnCallSchedule } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

export function onCallRoutes(container: Container): FastifyPluginAsyncZod {
  const { onCall } = container.services;
  return async (app) => {
    app.get(
      '/api/on-call',
      {
        config: { action: 'on_call.read' },
        schema: {
          tags: ['on-call'],
          summary: 'Rotations, overrides, and who is on call now',
          response: { 200: OnCallSchedule },
        },
      },
      async (request) => onCall.get(actorOf(request)),
    );
    app.post(
      '/api/on-call/rotations',
      {
        config: { action: 'on_call.manage' },
        schema: {
          tags: ['on-call'],
          summary: "Set a department's rotation",
          body: OnCallRotation,
          response: { 200: OnCallRotation },
        },
      },
      async (request) => onCall.setRotation(actorOf(request), request.body),
    );
    app.post(
      '/api/on-call/overrides',
      {
        config: { action: 'on_call.manage' },
        schema: {
          tags: ['on-call'],
          summary: 'Add an override',
          body: AddOverrideInput,
          response: { 201: OnCallOverride },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await onCall.addOverride(actorOf(request), request.body)),
    );
    app.delete(
      '/api/on-call/overrides/:id',
      {
        config: { action: 'on_call.manage' },
        schema: { tags: ['on-call'], summary: 'Remove an override', params: z.object({ id: z.uuid() }) },
      },
      async (request, reply) => {
        await onCall.removeOverride(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChannelTestResult,
  CreateNotificationChannelInput,
  NotificationChannel,
  UpdateNotificationChannelInput,
} from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

const Params = z.object({ id: z.uuid() });

export function notificationChannelRoutes(container: Container): FastifyPluginAsyncZod {
  const { alerts } = container.services;
  return async (app) => {
    app.get(
      '/api/notification-channels',
      {
        config: { action: 'notification_channel.read' },
        schema: {
          tags: ['alerting'],
          summary:
            'Where alerts go: Slack, Teams, email and outbound-webhook channels (secrets never returned)',
          response: { 200: z.object({ channels: z.array(NotificationChannel) }) },
        },
      },
      async (request) => ({ channels: await alerts.listChannels(actorOf(request)) }),
    );
    app.post(
      '/api/notification-channels',
      {
        config: { action: 'notification_channel.manage' },
        schema: {
          tags: ['alerting'],
          summary: 'Add a notification channel',
          body: CreateNotificationChannelInput,
          response: { 201: NotificationChannel },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await alerts.createChannel(actorOf(request), request.body)),
    );
    app.get(
      '/api/notification-channels/:id',
      {
        config: { action: 'notification_channel.read' },
        schema: {
          tags: ['alerting'],
          summary: 'One notification channel',
          params: Params,
          response: { 200: NotificationChannel },
        },
      },
      async (request) => alerts.getChannel(actorOf(request), request.params.id),
    );
    app.patch(
      '/api/notification-channels/:id',
      {
        config: { action: 'notification_channel.manage' },
        schema: {
          tags: ['alerting'],
          summary: 'Rename, enable/disable, change settings, set or remove secrets ("" removes one)',
          params: Params,
          body: UpdateNotificationChannelInput,
          response: { 200: NotificationChannel },
        },
      },
      async (request) => alerts.updateChannel(actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/notification-channels/:id',
      {
        config: { action: 'notification_channel.manage' },
        schema: { tags: ['alerting'], summary: 'Remove a notification channel', params: Params },
      },
      async (request, reply) => {
        await alerts.deleteChannel(actorOf(request), request.params.id);
        return reply.status(204).send();
      },
    );
    app.post(
      '/api/notification-channels/:id/test',
      {
        config: { action: 'notification_channel.manage' },
        schema: {
          tags: ['alerting'],
          summary: 'Send a test message through the channel now and report the answer',
          params: Params,
          response: { 200: ChannelTestResult },
        },
      },
      async (request) => alerts.testChannel(actorOf(request), request.params.id),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Alert,
  AlertActionKind,
  ListAlertsQuery,
  ListNotificationsQuery,
  Notification,
} from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

const Params = z.object({ id: z.uuid() });

export function alertRoutes(container: Container): FastifyPluginAsyncZod {
  const { alerts } = container.services;
  return async (app) => {
    app.get(
      '/api/alerts',
      {
        config: { action: 'alert.read' },
        schema: {
          tags: ['alerting'],
          summary: 'Alerts sent, newest first, with every delivery attempt',
          querystring: ListAlertsQuery,
          response: { 200: z.object({ alerts: z.array(Alert) }) },
        },
      },
      async (request) => ({ alerts: await alerts.listAlerts(actorOf(request), request.query) }),
    );
    app.get(
      '/api/alerts/:id',
      {
        config: { action: 'alert.read' },
        schema: {
          tags: ['alerting'],
          summary: 'One alert and its delivery attempts',
          params: Params,
          response: { 200: Alert },
        },
      },
      async (request) => alerts.getAlert(actorOf(request), request.params.id),
    );
    app.post(
      '/api/alerts/:id/actions',
      {
        config: { action: 'alert.respond' },
        schema: {
          tags: ['alerting'],
          summary: 'Acknowledge an alert, or ask for a crisis from it',
          params: Params,
          body: z.object({ action: AlertActionKind }),
          response: { 200: Alert },
        },
      },
      async (request) => alerts.handleAction(actorOf(request), request.params.id, request.body.action),
    );
    app.get(
      '/api/notifications',
      {
        config: { action: 'notification.read' },
        schema: {
          tags: ['alerting'],
          summary: "The signed-in member's in-app notifications, newest first",
          querystring: ListNotificationsQuery,
          response: { 200: z.object({ notifications: z.array(Notification) }) },
        },
      },
      async (request) => ({ notifications: await alerts.listNotifications(actorOf(request), request.query) }),
    );
    app.post(
      '/api/notifications/:id/read',
      {
        config: { action: 'notification.read' },
        schema: {
          tags: ['alerting'],
          summary: 'Mark one notification read',
          params: Params,
          response: { 200: Notification },
        },
      },
      async (request) => alerts.markNotificationRead(actorOf(request), request.params.id),
    );
  };
}

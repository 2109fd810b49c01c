import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery } from '../../../../contracts';
import type { Container } from '../../container';
import { actorOf } from '../plugins/auth';

export function auditRoutes(container: Container): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/audit-log',
      {
        config: { action: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'Browse the append-only audit log, newest first',
          querystring: AuditQuery,
          response: { 200: AuditPage },
        },
      },
      async (request) => container.services.audit.list(actorOf(request), request.query),
    );
  };
}

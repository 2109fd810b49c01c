import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Action, SessionInfo } from '../../../../contracts';
import type { Container } from '../../container';
import type { Actor } from '../../domain/actor';
import { isAllowed } from '../../domain/policy';
import { AppError, ForbiddenError, UnauthenticatedError } from '../../errors';
import type { RequestMeta } from '../../services/auth.service';

export const sessionCookie = 'fb_session';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The policy action this route performs, or 'public' for routes open without a session. */
    action?: Action | 'public';
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** How the actor authenticated; CSRF applies to cookie sessions only. */
    authMethod: 'session' | 'api_token' | null;
    /** The cookie session's view (member, workspace, CSRF token), when signed in through the browser. */
    session: SessionInfo | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { requestId: request.id, ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/** The authenticated actor of a route that declared an action (the hook guarantees it). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new UnauthenticatedError();
  return request.actor;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every /api route declares `config.action`. This hook authenticates (session cookie or bearer API token),
 * checks CSRF on cookie-authenticated mutations, and asks the central policy before any handler runs.
 */
export function registerAuth(app: FastifyInstance, container: Container): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const action = request.routeOptions.config.action;
    if (!request.url.startsWith('/api') || action === 'public') return;
    if (action === undefined) {
      // A route that forgot to declare its action is closed, not open.
      if (request.routeOptions.url === undefined) return; // 404s fall through to the not-found handler
      throw new ForbiddenError('This route declares no permission and is closed.');
    }
    const meta = requestMeta(request);
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <API token>".');
      request.actor = await container.services.auth.authenticateApiToken(match[1]!, meta);
      request.authMethod = 'api_token';
    } else {
      const secret = request.cookies[sessionCookie];
      if (!secret) throw new UnauthenticatedError();
      const session = await container.services.auth.resolveSession(secret, meta);
      if (!safeMethods.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
          throw new AppError(
            'csrf_failed',
            'Missing or wrong x-csrf-token header. Reload the page; scripts should use an API token instead of the session cookie.',
            403,
          );
        }
      }
      request.actor = session.actor;
      request.authMethod = 'session';
      request.session = session.info;
    }
    if (!isAllowed(request.actor, action)) {
      throw new ForbiddenError(
        `A ${request.actor.role} in ${request.actor.department.replace('_', ' ')} may not do "${action}". Ask a workspace admin.`,
      );
    }
  });
}

import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AcceptInviteInput, SessionInfo, SignInInput } from '../../../../contracts';
import type { Container } from '../../container';
import { AppError } from '../../errors';
import type { OpenedSession } from '../../services/auth.service';
import { actorOf, requestMeta, sessionCookie } from '../plugins/auth';

export function authRoutes(container: Container): FastifyPluginAsyncZod {
  const { auth } = container.services;
  const setCookie = (reply: FastifyReply, opened: OpenedSession) =>
    reply.setCookie(sessionCookie, opened.secret, {
      httpOnly: true,
      sameSite: 'lax',
      secure: container.config.secureCookies,
      path: '/',
      expires: opened.expiresAt,
    });

  return async (app) => {
    app.post(
      '/api/auth/sign-in',
      {
        config: { action: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password',
          body: SignInInput,
          response: { 200: SessionInfo },
        },
      },
      async (request, reply) => {
        const opened = await auth.signIn(request.body, requestMeta(request));
        setCookie(reply, opened);
        return opened.info;
      },
    );

    app.post(
      '/api/auth/accept-invite',
      {
        config: { action: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Accept an invite by choosing a password',
          body: AcceptInviteInput,
          response: { 200: SessionInfo },
        },
      },
      async (request, reply) => {
        const opened = await auth.acceptInvite(request.body, requestMeta(request));
        setCookie(reply, opened);
        return opened.info;
      },
    );

    app.get(
      '/api/auth/session',
      {
        config: { action: 'workspace.read' },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in member, workspace and CSRF token',
          response: { 200: SessionInfo },
        },
      },
      async (request) => {
        if (!request.session) {
          throw new AppError(
            'validation_failed',
            'API tokens have no browser session: this route serves signed-in members.',
            400,
          );
        }
        return request.session;
      },
    );

    app.post(
      '/api/auth/sign-out',
      {
        config: { action: 'workspace.read' },
        schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null() } },
      },
      async (request, reply) => {
        const secret = request.cookies[sessionCookie];
        if (secret) await auth.signOut(secret, actorOf(request));
        reply.clearCookie(sessionCookie, { path: '/' });
        return reply.status(204).send(null);
      },
    );
  };
}

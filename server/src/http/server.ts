// buildServer(container): the Fastify app with every plugin and route registered explicitly, top to bottom.
// It never listens; roles/web.ts does, and tests use app.inject().
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Action } from '../../../contracts';
import type { Container } from '../container';
import { registerAuth } from './plugins/auth';
import { registerErrorHandler } from './plugins/error-handler';
import { alertRoutes } from './routes/alert.routes';
import { apiTokenRoutes } from './routes/api-token.routes';
import { notificationChannelRoutes } from './routes/notification-channel.routes';
import { slackInteractionRoutes } from './routes/slack-interaction.routes';
import { auditRoutes } from './routes/audit.routes';
import { authRoutes } from './routes/auth.routes';
import { brandRoutes } from './routes/brand.routes';
import { crisisRoutes } from './routes/crisis.routes';
import { onCallRoutes } from './routes/on-call.routes';
import { playbookRoutes } from './routes/playbook.routes';
import { eventRoutes } from './routes/event.routes';
import { healthRoutes } from './routes/health.routes';
import { memberRoutes } from './routes/member.routes';
import { demoRoutes } from './routes/demo.routes';
import { mentionRoutes } from './routes/mention.routes';
import { sentimentRoutes } from './routes/sentiment.routes';
import { signalRoutes } from './routes/signal.routes';
import { rollupRoutes } from './routes/rollup.routes';
import { sourceRoutes } from './routes/source.routes';
import { importRoutes } from './routes/import.routes';
import { webhookRoutes } from './routes/webhook.routes';

export const webDistDir = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export interface RouteEntry {
  method: string;
  url: string;
  action: Action | 'public' | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared policy action (the permission-matrix test walks it). */
    routeCatalog: RouteEntry[];
  }
}

/** Secrets that must never reach a log line. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
  '*.csrfToken',
  '*.credentials',
  '*.signingSecret',
];

export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|secret|password)=)[^&#]*/gi, '$1[redacted]');
}

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string; ip?: string }) => ({
        method: req.method,
        url: redactUrl(req.url),
        id: req.id,
        ip: req.ip,
      }),
    },
  };
}

export async function buildServer(
  container: Container,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    logger: (options.logger ?? loggerOptions(container.config.logLevel)) as boolean,
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('routeCatalog', [] as RouteEntry[]);
  app.addHook('onRoute', (route) => {
    // The OpenAPI document and its docs page are public reading.
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, action: 'public' };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.routeCatalog.push({ method, url: route.url, action: route.config?.action });
    }
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: container.config.secureCookies,
  });
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Firebreak API',
        version: container.config.version,
        description:
          'Crisis management for social media teams. Authenticate with the session cookie (browser; mutations need the x-csrf-token header) or `Authorization: Bearer <API token>`. Errors are `{ "error": { "code", "message" } }`.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerErrorHandler(app);
  registerAuth(app, container);

  await app.register(healthRoutes(container));
  await app.register(authRoutes(container));
  await app.register(brandRoutes(container));
  await app.register(memberRoutes(container));
  await app.register(auditRoutes(container));
  await app.register(apiTokenRoutes(container));
  await app.register(eventRoutes(container));
  await app.register(mentionRoutes(container));
  await app.register(sentimentRoutes(container));
  await app.register(rollupRoutes(container));
  await app.register(sourceRoutes(container));
  await app.register(importRoutes(container));
  await app.register(webhookRoutes({ resolveSource: (id) => container.services.webhookSources.resolve(id) }));
  await app.register(demoRoutes(container));
  await app.register(crisisRoutes(container));
  await app.register(playbookRoutes(container));
  await app.register(onCallRoutes(container));
  await app.register(notificationChannelRoutes(container));
  await app.register(alertRoutes(container));
  await app.register(slackInteractionRoutes(container));
  await app.register(signalRoutes(container));

  const hasWeb = existsSync(webDistDir);
  if (hasWeb) await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: ['index.html'] });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api') || request.method !== 'GET') {
      return reply.status(404).send({
        error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` },
      });
    }
    if (!hasWeb) {
      return reply
        .status(503)
        .type('text/plain')
        .send(
          'The web app is not built yet. Run `npm run build:web` (npm start does it for you), then reload.',
        );
    }
    // The single-page app handles its own routes.
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}

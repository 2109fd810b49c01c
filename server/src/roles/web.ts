import type { FastifyInstance } from 'fastify';
import type { Container } from '../container';
import { buildServer } from '../http/server';

/** The web role: HTTP API, live events and the web app. */
export async function startWeb(container: Container): Promise<FastifyInstance> {
  await container.bus.start();
  const app = await buildServer(container);
  await app.listen({ port: container.config.port, host: container.config.host });
  return app;
}

// Slack interactivity: the Request URL of the Slack app. Public, authenticated by X-Slack-Signature over the raw
// form body (kept as a Buffer by a parser scoped to this plugin). Answers 200 quickly, as Slack requires (3 s).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Container } from '../../container';

const slackBodyLimit = 256 * 1024;

export function slackInteractionRoutes(container: Container): FastifyPluginAsyncZod {
  const { alerts } = container.services;
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: slackBodyLimit }, (_request, body, done) =>
      done(null, body),
    );
    app.post(
      '/api/slack/interactions',
      {
        config: { action: 'public' },
        bodyLimit: slackBodyLimit,
        schema: {
          tags: ['alerting'],
          summary:
            'Slack interactive requests (Acknowledge / Declare crisis buttons), form-encoded payload=, signed with the Slack signing secret',
        },
      },
      async (request, reply) => {
        const header = (name: string): string | undefined => {
          const value = request.headers[name];
          return typeof value === 'string' ? value : undefined;
        };
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        await alerts.handleSlackInteraction(raw, {
          timestamp: header('x-slack-request-timestamp'),
          signature: header('x-slack-signature'),
        });
        // An empty 200 leaves the message as it is.
        return reply.status(200).send();
      },
    );
  };
}

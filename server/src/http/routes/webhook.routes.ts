// Inbound webhooks: Meta (verification handshake + X-Hub-Signature-256) and the generic Standard Webhooks
// endpoint. Public routes, authenticated by signature; the raw body is kept (scoped parser) for the HMAC.
// A 2xx is answered only after the sink has committed the mentions.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, type SourceKind } from '../../../../contracts';
import type { MentionSink } from '../../connectors/connector';
import { InboundWebhookReceiver } from '../../connectors/inbound-webhook/inbound-webhook.connector';
import { InboundWebhookCredentials } from '../../connectors/inbound-webhook/inbound-webhook.schemas';
import { metaHandshake } from '../../connectors/meta/meta.client';
import { receiveMetaDelivery } from '../../connectors/meta/meta.connector';
import { MetaWebhookCredentials } from '../../connectors/meta/meta.schemas';
import { AppError, ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../../errors';

export interface WebhookSource {
  workspaceId: string;
  kind: SourceKind;
  credentials: Record<string, string>;
  sink: MentionSink;
}

export interface WebhookRouteDeps {
  resolveSource(sourceId: string): Promise<WebhookSource | undefined>;
  /** Shared so redelivered webhook ids are remembered across requests (tests inject their own clock). */
  inboundReceiver?: InboundWebhookReceiver;
  now?: () => Date;
}

const Params = z.object({ sourceId: z.string().min(1).max(100) });
const webhookBodyLimit = 5 * 1024 * 1024;

class InvalidSignatureError extends AppError {
  constructor(message: string) {
    super('invalid_token', message, 401);
  }
}

const RejectedItem = z.object({ index: z.number().int(), field: z.string(), message: z.string() });
const InboundResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  duplicateDelivery: z.boolean(),
  rejected: z.array(RejectedItem),
});
const MetaResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  skipped: z.number().int(),
});

const signatureMessages = {
  missing_headers: 'Send the webhook-id, webhook-timestamp and webhook-signature headers.',
  bad_timestamp: 'webhook-timestamp must be Unix seconds.',
  timestamp_out_of_window:
    'webhook-timestamp is more than 5 minutes away from now; the delivery is refused as a possible replay.',
  bad_signature: "webhook-signature does not match the body signed with this source's secret.",
  bad_secret: 'This source has no usable signing secret.',
} as const;

export function webhookRoutes(deps: WebhookRouteDeps): FastifyPluginAsyncZod {
  const receiver = deps.inboundReceiver ?? new InboundWebhookReceiver(undefined, deps.now);
  const now = deps.now ?? (() => new Date());

  async function sourceOf(sourceId: string, kind: SourceKind): Promise<WebhookSource> {
    const source = await deps.resolveSource(sourceId);
    // Same answer for unknown ids and for other kinds: a public endpoint reveals nothing about sources.
    if (!source || source.kind !== kind) throw new NotFoundError('The webhook source');
    return source;
  }

  return async (app) => {
    // Scoped to this plugin: keep every body as the raw Buffer it arrived as.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: webhookBodyLimit },
      (_request, body, done) => done(null, body),
    );

    app.get(
      '/api/webhooks/meta/:sourceId',
      {
        config: { action: 'public' },
        schema: {
          tags: ['webhooks'],
          summary: 'Meta webhook verification handshake (echoes hub.challenge)',
          params: Params,
          querystring: z.record(z.string(), z.string()),
        },
      },
      async (request, reply) => {
        const source = await sourceOf(request.params.sourceId, 'meta_webhook');
        const credentials = MetaWebhookCredentials.safeParse(source.credentials);
        if (!credentials.success) throw new NotFoundError('The webhook source');
        const result = metaHandshake(credentials.data.verifyToken, request.query);
        if (!result.ok) {
          if (result.reason === 'bad_token') {
            throw new ForbiddenError('hub.verify_token does not match this source.');
          }
          throw new InvalidError(
            result.reason === 'bad_mode' ? 'hub.mode must be "subscribe".' : 'hub.challenge is missing.',
          );
        }
        return reply.type('text/plain; charset=utf-8').send(result.challenge);
      },
    );

    app.post(
      '/api/webhooks/meta/:sourceId',
      {
        config: { action: 'public' },
        bodyLimit: webhookBodyLimit,
        schema: {
          tags: ['webhooks'],
          summary:
            'Meta webhook delivery (Page feed/mention, Instagram comments/mentions), signed X-Hub-Signature-256',
          params: Params,
          response: { 200: MetaResult },
        },
      },
      async (request) => {
        const source = await sourceOf(request.params.sourceId, 'meta_webhook');
        const credentials = MetaWebhookCredentials.safeParse(source.credentials);
        if (!credentials.success) throw new NotFoundError('The webhook source');
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const header = request.headers['x-hub-signature-256'];
        const outcome = await receiveMetaDelivery(
          credentials.data,
          typeof header === 'string' ? header : undefined,
          raw,
          source.sink,
          now(),
        );
        if (!outcome.ok) {
          if (outcome.reason === 'bad_signature') {
            throw new InvalidSignatureError(
              'X-Hub-Signature-256 is missing or does not match the body signed with the app secret.',
            );
          }
          throw new InvalidError(
            outcome.reason === 'bad_json'
              ? 'The body is not JSON.'
              : 'The body is not a Meta webhook delivery (object, entry[]).',
          );
        }
        return { accepted: outcome.accepted, duplicates: outcome.duplicates, skipped: outcome.skipped };
      },
    );

    app.post(
      '/api/webhooks/inbound/:sourceId',
      {
        config: { action: 'public' },
        bodyLimit: webhookBodyLimit,
        schema: {
          tags: ['webhooks'],
          summary:
            'Generic inbound webhook (Standard Webhooks signature): one mention or { mentions: [...] }',
          params: Params,
          response: { 200: InboundResult, 400: ErrorBody },
        },
      },
      async (request, reply) => {
        const source = await sourceOf(request.params.sourceId, 'inbound_webhook');
        const credentials = InboundWebhookCredentials.safeParse(source.credentials);
        if (!credentials.success) throw new NotFoundError('The webhook source');
        const header = (name: string): string | undefined => {
          const value = request.headers[name];
          return typeof value === 'string' ? value : undefined;
        };
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const outcome = await receiver.receive(
          request.params.sourceId,
          credentials.data,
          {
            id: header('webhook-id'),
            timestamp: header('webhook-timestamp'),
            signature: header('webhook-signature'),
          },
          raw,
          source.sink,
        );
        if (outcome.ok) {
          return {
            accepted: outcome.accepted,
            duplicates: outcome.duplicates,
            duplicateDelivery: outcome.duplicateDelivery,
            rejected: outcome.rejected,
          };
        }
        switch (outcome.reason) {
          case 'missing_headers':
          case 'bad_timestamp':
          case 'timestamp_out_of_window':
          case 'bad_signature':
          case 'bad_secret':
            throw new InvalidSignatureError(signatureMessages[outcome.reason]);
          case 'bad_json':
            throw new InvalidError('The body is not JSON.');
          case 'in_flight':
            throw new ConflictError('A delivery with this webhook-id is being processed; retry later.');
          case 'no_valid_items': {
            const issues = outcome.rejected.map((r) => ({
              path: `${r.index}.${r.field}`,
              message: r.message,
            }));
            const first = issues[0];
            return reply.status(400).send({
              error: {
                code: 'validation_failed',
                message: first
                  ? `No valid mention: item ${first.path}: ${first.message}`
                  : 'No mention in the body.',
                issues,
              },
            });
          }
        }
      },
    );
  };
}

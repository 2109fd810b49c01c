// The generic inbound webhook (push): verify the Standard Webhooks signature and window, refuse replays
// idempotently, validate items one by one, ingest the valid ones (resolves after commit).
import type { MentionSink } from '../connector';
import {
  type StandardWebhookFailure,
  type StandardWebhookHeaders,
  verifyStandardWebhook,
  WebhookIdMemory,
} from './inbound-webhook.client';
import { type InboundItemError, mapInboundWebhookBody } from './inbound-webhook.mapper';
import type { InboundWebhookCredentials } from './inbound-webhook.schemas';

export type InboundOutcome =
  | {
      ok: true;
      duplicateDelivery: boolean;
      accepted: number;
      duplicates: number;
      rejected: InboundItemError[];
    }
  | { ok: false; reason: StandardWebhookFailure | 'bad_json' | 'in_flight' }
  | { ok: false; reason: 'no_valid_items'; rejected: InboundItemError[] };

export class InboundWebhookReceiver {
  private readonly inFlight = new Set<string>();
  constructor(
    private readonly memory = new WebhookIdMemory(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  async receive(
    sourceId: string,
    credentials: InboundWebhookCredentials,
    headers: StandardWebhookHeaders,
    rawBody: Buffer,
    sink: MentionSink,
  ): Promise<InboundOutcome> {
    const verified = verifyStandardWebhook(credentials.signingSecret, headers, rawBody, this.now());
    if (!verified.ok) return verified;
    const key = verified.id;
    if (this.memory.seen(sourceId, key)) {
      return { ok: true, duplicateDelivery: true, accepted: 0, duplicates: 0, rejected: [] };
    }
    const flightKey = `${sourceId}\u0000${key}`;
    if (this.inFlight.has(flightKey)) return { ok: false, reason: 'in_flight' };
    let body: unknown;
    try {
      body = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return { ok: false, reason: 'bad_json' };
    }
    const mapped = mapInboundWebhookBody(body);
    if (mapped.mentions.length === 0) return { ok: false, reason: 'no_valid_items', rejected: mapped.errors };
    this.inFlight.add(flightKey);
    try {
      const { accepted, duplicates } = await sink.ingest({
        mentions: mapped.mentions,
        raw: mapped.raw,
        skipped: mapped.errors.length,
        nextCursor: null,
      });
      this.memory.remember(sourceId, key);
      return { ok: true, duplicateDelivery: false, accepted, duplicates, rejected: mapped.errors };
    } finally {
      this.inFlight.delete(flightKey);
    }
  }
}

// The Connector contract: a pure adapter from an external platform to our IncomingMention.
// Connectors never write to the database or emit events; the ingestion service does.
import type { IncomingMention, Platform } from '../../../contracts';

/** Opaque resume position, persisted per source after the batch it follows is committed. */
export type Cursor = string;

export interface IngestBatch {
  mentions: IncomingMention[];
  /** Where to resume after this batch; null when the source has no cursor. */
  nextCursor: Cursor | null;
  /** Events received but skipped as malformed or irrelevant (counted, never fatal). */
  skipped: number;
  /** The raw payload per mention (same order), kept beside the mention as evidence. */
  raw?: unknown[];
}

/**
 * What a connector tells its runner about the connection it manages itself (so the Sources page can show it):
 * retryable failures never leave `pull`, they are retried inside it after a backoff.
 */
export interface PullHooks {
  /** Connected, or a poll succeeded. */
  onConnected?(): void;
  /** A connection or request failed; the connector tries again by itself in `retryInMs`. */
  onRetry?(error: unknown, retryInMs: number): void;
}

/** Streaming and polling sources: yield batches after `cursor` until `signal` aborts. */
export interface PullConnector {
  readonly kind: string;
  readonly platform: Platform;
  pull(cursor: Cursor | null, signal: AbortSignal, hooks?: PullHooks): AsyncIterable<IngestBatch>;
}

/** Where push sources (webhooks) hand mentions; resolves only after they are committed. */
export interface MentionSink {
  ingest(batch: IngestBatch): Promise<{ accepted: number; duplicates: number }>;
}

export class ConnectorError extends Error {
  constructor(
    message: string,
    /** 429/5xx/timeouts/disconnects: try again (after `retryAfterMs` when the platform said so). */
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

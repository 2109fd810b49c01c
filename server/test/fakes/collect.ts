// Drives a PullConnector in a test: collects batches until `until` holds (or a timeout), then aborts it.
import type { IngestBatch, PullConnector } from '../../src/connectors/connector';

export interface Collected {
  batches: IngestBatch[];
  externalIds: string[];
  skipped: number;
  cursors: (string | null)[];
  error: unknown;
}

export async function collect(
  connector: PullConnector,
  cursor: string | null,
  until: (c: Collected) => boolean,
  options: { timeoutMs?: number; onBatch?: (batch: IngestBatch, c: Collected) => void | Promise<void> } = {},
): Promise<Collected> {
  const controller = new AbortController();
  const c: Collected = { batches: [], externalIds: [], skipped: 0, cursors: [], error: null };
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 10_000);
  try {
    for await (const batch of connector.pull(cursor, controller.signal)) {
      c.batches.push(batch);
      c.externalIds.push(...batch.mentions.map((m) => m.externalId));
      c.skipped += batch.skipped;
      c.cursors.push(batch.nextCursor);
      await options.onBatch?.(batch, c);
      if (until(c)) break;
    }
  } catch (error) {
    c.error = error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return c;
}

export function waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('waitFor timed out'));
      setTimeout(tick, 10);
    };
    tick();
  });
}

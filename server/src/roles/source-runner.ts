// The SourceRunner (worker role): runs every active pull source of every workspace. Each source loops: connector
// from the registry → pull batches after the stored cursor → ingest each (its cursor moves in the batch's
// transaction, so only after the commit) → on ConnectorError reconnect with exponential backoff (or the platform's
// Retry-After). It reconciles with the sources table every few seconds: new or resumed sources start, paused or
// deleted ones stop, changed ones restart. `stop()` ends every loop cleanly. An X filtered stream without rules
// of its own is given the workspace's brand queries (its stream rules follow them) and restarts when they change.
// Settings the registry refuses (InvalidError, ZodError) are permanent: recorded once, no retry loop.
import { ConnectorError, type PullHooks } from '../connectors/connector';
import { createConnector } from '../connectors/registry';
import type { SourceKind } from '../../../contracts';
import { systemActor } from '../domain/actor';
import { AppError } from '../errors';
import type { BrandService } from '../services/brand.service';
import type { IngestionService } from '../services/ingestion.service';
import type { SourceService } from '../services/source.service';
import type { SourceRepository, SourceRow } from '../repositories/source.repository';

export interface RunnerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SourceRunnerOptions {
  /** How often the sources table is re-read (ms). Default 3,000. */
  reconcileMs?: number;
  /** First retry delay and ceiling of the exponential backoff (ms). Defaults 1,000 and 60,000. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

/** A workspace's live brands and the queries they listen with. */
export type BrandQueries = (workspaceId: string) => Promise<{ id: string; query: string }[]>;

interface Running {
  row: SourceRow;
  /** For sources that follow the brand queries (X stream without its own rules): the queries it started with. */
  brandFingerprint: string | null;
  abort: AbortController;
  done: Promise<void>;
}

export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  retryAfterMs: number | null,
): number {
  if (retryAfterMs !== null && retryAfterMs >= 0) {
    return Math.min(Math.max(retryAfterMs, baseMs), 15 * 60_000);
  }
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(exp / 2 + Math.random() * (exp / 2));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export class SourceRunner {
  private readonly running = new Map<string, Running>();
  private timer: NodeJS.Timeout | undefined;
  private reconciling: Promise<void> | undefined;
  private stopped = true;
  private readonly reconcileMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;

  constructor(
    private readonly deps: {
      sources: SourceRepository;
      sourceService: SourceService;
      ingestion: IngestionService;
      logger: RunnerLogger;
      /** Brand queries for the X stream's rules; without it an X source uses only its own `settings.rules`. */
      brandQueries?: BrandQueries;
    },
    options: SourceRunnerOptions = {},
  ) {
    this.reconcileMs = options.reconcileMs ?? 3_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 60_000;
  }

  /** Ids of the sources running now. */
  get active(): string[] {
    return [...this.running.keys()];
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.reconcile();
    const tick = () => {
      if (this.stopped) return;
      this.reconciling = this.reconcile()
        .catch((err: unknown) => this.deps.logger.error({ err }, 'source runner: reconcile failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.reconcileMs);
        });
    };
    this.timer = setTimeout(tick, this.reconcileMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.reconciling;
    const all = [...this.running.values()];
    this.running.clear();
    for (const r of all) r.abort.abort();
    await Promise.all(all.map((r) => r.done));
  }

  /** Starts, stops and restarts loops to match the sources table. */
  async reconcile(): Promise<void> {
    const rows = await this.deps.sources.listAll();
    const wanted = new Map(
      rows
        .filter((r) => r.status !== 'paused' && createConnectorSafe(r) !== 'push')
        .map((r) => [r.id, r] as const),
    );
    // Brand queries per workspace, read once per reconcile and only for sources that follow them.
    const queries = new Map<string, { id: string; query: string }[]>();
    for (const row of wanted.values()) {
      if (!followsBrandQueries(row) || !this.deps.brandQueries || queries.has(row.workspaceId)) continue;
      queries.set(row.workspaceId, await this.deps.brandQueries(row.workspaceId));
    }
    const fingerprintOf = (row: SourceRow): string | null => {
      const q = followsBrandQueries(row) ? queries.get(row.workspaceId) : undefined;
      return q ? JSON.stringify([...q].sort((a, b) => (a.id < b.id ? -1 : 1))) : null;
    };
    for (const [id, run] of this.running) {
      const row = wanted.get(id);
      if (
        !row ||
        row.updatedAt.getTime() !== run.row.updatedAt.getTime() ||
        fingerprintOf(row) !== run.brandFingerprint
      ) {
        this.running.delete(id);
        run.abort.abort();
        await run.done;
      }
    }
    if (this.stopped) return;
    for (const [id, row] of wanted) {
      if (this.running.has(id)) continue;
      const abort = new AbortController();
      const brandFingerprint = fingerprintOf(row);
      const brandQueries = brandFingerprint !== null ? queries.get(row.workspaceId) : undefined;
      const done = this.loop(row, abort.signal, brandQueries).catch((err: unknown) =>
        this.deps.logger.error({ err, sourceId: id }, 'source loop ended with an error'),
      );
      this.running.set(id, { row, abort, done, brandFingerprint });
    }
  }

  private async loop(
    row: SourceRow,
    signal: AbortSignal,
    brandQueries: { id: string; query: string }[] | undefined,
  ): Promise<void> {
    const { sources, ingestion, logger } = this.deps;
    const forced = typeof row.settings.brandId === 'string' ? [row.settings.brandId] : [];
    let attempt = 0;
    let secrets: string[] = [];
    while (!signal.aborted) {
      let retryAfterMs: number | null = null;
      try {
        const credentials = this.deps.sourceService.credentialsOf(row);
        secrets = Object.values(credentials);
        const connector = createConnector(
          row.kind as SourceKind,
          row.settings,
          credentials,
          brandQueries ? { brandQueries } : {},
        );
        if (!connector) return;
        await sources.recordStatus(row.workspaceId, row.id, 'connecting');
        const current = await sources.find(row.workspaceId, row.id);
        if (!current || signal.aborted) return;
        let announced = false;
        // Status writes from the connector's own reconnects, kept in order and never failing the loop.
        let statusWrites = Promise.resolve();
        const writeStatus = (status: string, error?: { at: string; message: string }) => {
          statusWrites = statusWrites
            .then(() => sources.recordStatus(row.workspaceId, row.id, status, error))
            .catch(() => {});
          return statusWrites;
        };
        const announce = () => {
          if (announced || signal.aborted) return;
          announced = true;
          attempt = 0;
          void writeStatus('active');
        };
        const hooks: PullHooks = {
          onConnected: announce,
          // Retryable failures are retried inside the connector: record them so the Sources page shows them.
          onRetry: (error, retryInMs) => {
            if (signal.aborted) return;
            announced = false;
            const message = scrubSecrets(error instanceof Error ? error.message : String(error), secrets);
            logger.warn({ sourceId: row.id, kind: row.kind, err: message, retryInMs }, 'source retrying');
            void writeStatus('error', { at: new Date().toISOString(), message: message.slice(0, 500) });
          },
        };
        for await (const batch of connector.pull(current.cursor, signal, hooks)) {
          if (signal.aborted) break;
          await ingestion.ingest(row.workspaceId, batch, { sourceId: row.id, brandIds: forced });
          announce();
        }
        await statusWrites;
        if (signal.aborted) return;
        // The stream ended on its own: reconnect after the backoff.
      } catch (error) {
        if (signal.aborted) return;
        // An error message never carries a credential into the logs or the source's recent errors.
        const message = scrubSecrets(error instanceof Error ? error.message : String(error), secrets);
        // Bad credentials, and settings the registry refuses (edited in the database, or rules grown invalid),
        // wait for the source to be changed: retrying cannot help.
        const permanent =
          (error instanceof ConnectorError && !error.retryable) ||
          (error instanceof AppError && error.status < 500) ||
          (error instanceof Error && error.name === 'ZodError');
        if (error instanceof ConnectorError) retryAfterMs = error.retryAfterMs;
        logger.warn({ sourceId: row.id, kind: row.kind, err: message }, 'source failed');
        await sources
          .recordStatus(row.workspaceId, row.id, 'error', {
            at: new Date().toISOString(),
            message: message.slice(0, 500),
          })
          .catch(() => {});
        if (permanent) return; // waits for the source to be changed (which restarts it)
      }
      await sleep(backoffDelay(attempt++, this.backoffBaseMs, this.backoffMaxMs, retryAfterMs), signal);
    }
  }
}

/** Replaces every credential value (of 4 characters or more) found in a message with [redacted]. */
export function scrubSecrets(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** An X filtered stream without rules of its own takes its rules from the brand queries. */
function followsBrandQueries(row: SourceRow): boolean {
  return row.kind === 'x_filtered_stream' && !Array.isArray(row.settings.rules);
}

/** 'push' for kinds that have no pull connector (webhooks, import); they need no loop. */
function createConnectorSafe(row: SourceRow): 'pull' | 'push' {
  return ['inbound_webhook', 'meta_webhook', 'import'].includes(row.kind) ? 'push' : 'pull';
}

/** Starts the runner for the worker role (`firebreak serve`); the caller stops it on shutdown. */
export async function startSourceRunner(
  container: {
    repositories: { sources: SourceRepository };
    services: { sources: SourceService; ingestion: IngestionService; brands: BrandService };
  },
  logger: RunnerLogger,
  options: SourceRunnerOptions = {},
): Promise<SourceRunner> {
  const runner = new SourceRunner(
    {
      sources: container.repositories.sources,
      sourceService: container.services.sources,
      ingestion: container.services.ingestion,
      logger,
      brandQueries: async (workspaceId) =>
        (await container.services.brands.list(systemActor(workspaceId), false)).map((b) => ({
          id: b.id,
          query: b.effectiveQuery,
        })),
    },
    options,
  );
  await runner.start();
  logger.info({}, 'source runner started');
  return runner;
}

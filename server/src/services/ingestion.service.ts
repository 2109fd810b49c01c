// The ingestion pipeline every source feeds: normalise → dedupe → match brands → enrich (sentiment, language,
// reach) → store (mentions + raw evidence + rollups + the source's cursor, one short transaction per batch) → one
// live event per batch. `ingest` resolves only after the commit, and waits while the pipeline is full.
// Full-text search is kept out of the ingest transaction: each batch queues its fresh mentions for the search
// indexer (also here), which moves them into `mention_search` after the commit; searches read the queue too.
import type { IngestResult, Mention } from '../../../contracts';
import type { IngestBatch, MentionSink } from '../connectors/connector';
import {
  dedupeBatch,
  estimateReach,
  normaliseMention,
  rollupIncrements,
  type RollupInput,
} from '../domain/ingestion/ingestion';
import { uuidv7 } from '../domain/ingestion/uuidv7';
import { QueryIndex } from '../domain/query/query-matcher';
import { deriveQuery } from '../domain/query/query-parser';
import type { SentimentLabel, SentimentScorer } from '../domain/sentiment/sentiment-scorer';
import { assessMention, MentionScorer } from '../domain/sentiment/mention-scorer';
import type { Actor } from '../domain/actor';
import type { BrandRepository } from '../repositories/brand.repository';
import type { Clock } from '../repositories/clock.repository';
import type { ListeningTransact, MentionWrite } from '../repositories/mention.repository';
import { presentMentionWrite } from './mention.service';

/** A scorer; one that can also `predict` (the label and probabilities without drivers) is used that faster way. */
/** The largest lag a source records (int4, about 24.8 days): older backfilled mentions report this. */
const maxLagMs = 2_147_483_647;

export type PipelineScorer =
  | (SentimentScorer & {
      predict?(text: string): {
        label: SentimentLabel;
        probabilities: Record<SentimentLabel, number>;
        confidence: number;
      };
    })
  // Language-aware, with per-brand calibrations and unscored languages (domain/sentiment/mention-scorer.ts).
  | MentionScorer;

export interface IngestOptions {
  /** The source the batch came from: its cursor and counters move in the batch's transaction. */
  sourceId?: string | null;
  /** Brands the batch is attributed to whatever their queries say (an import for a named brand, a simulator). */
  brandIds?: readonly string[];
  /** A person's (or token's) action: one audit-log row per stored part, in its transaction, with its counts. */
  audit?: { actor: Actor; action: string; targetType: string; targetId: string | null };
}

export interface IngestionTuning {
  /** Mentions in the pipeline at once; `ingest` waits while more would not fit (backpressure). Default 20,000. */
  capacity?: number;
  /** Largest batch written in one transaction; bigger ones are split. Default 2,000. */
  maxBatch?: number;
  /** How long a workspace's compiled brand queries are trusted before checking for changes. Default 2 s. */
  brandCacheMs?: number;
  /**
   * Refresh the planner's statistics (PGlite, which has no autovacuum) once this many mentions were stored since
   * the last time, or this fraction of the table, whichever is more. Off unless `deps.analyze` is given.
   */
  analyzeAfter?: { rows: number; fraction: number };
  /**
   * The search indexer (on when `deps.indexSearch` is given). `concurrent` (PostgreSQL): it runs beside the
   * pipeline on its own connection as soon as batches commit. `idle` (PGlite, one statement at a time in this
   * process): it runs when the pipeline has been idle for `idleMs`, and between ingest transactions only once
   * more than `maxLag` mentions wait, which bounds what a search must scan without the index.
   */
  search?: {
    mode?: 'concurrent' | 'idle';
    /** Queued ingest batches moved per indexer transaction. Default 8 (concurrent) or 2 (idle). */
    batchesPerStep?: number;
    /** Default 100 ms. */
    idleMs?: number;
    /**
     * Default 500 mentions. In a long import the indexer then keeps pace one step per transaction whatever this
     * is; a smaller bound only means less for a search to compute without the index (2,000 made searches during a
     * 1,000,000-line import on PGlite compute 2,000 vectors each: reads' p99 351 ms against 250).
     */
    maxLag?: number;
    /** How often the queue is checked even without local commits (other processes' imports). Default 5 s. */
    sweepMs?: number;
  };
}

/** Mentions per live event, at most. */
export const liveEventMentionCap = 50;

interface CompiledBrands {
  index: QueryIndex<string>;
  fingerprint: string;
  checkedAt: number;
  ids: Set<string>;
}

export class IngestionService {
  private readonly capacity: number;
  private readonly maxBatch: number;
  private readonly brandCacheMs: number;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly compiled = new Map<string, Promise<CompiledBrands>>();
  private scorer: Promise<PipelineScorer> | undefined;

  constructor(
    private readonly deps: {
      transact: ListeningTransact;
      brands: BrandRepository;
      loadScorer: () => Promise<PipelineScorer>;
      clock: Clock;
      /** Refreshes the planner's statistics; returns the estimated number of mentions (PGlite only). */
      analyze?: () => Promise<number>;
      /** Moves up to `batches` queued ingest batches into the full-text index (MentionRepository.indexPending). */
      indexSearch?: (batches: number) => Promise<{ batches: number; mentions: number }>;
      /** Mentions in the search queue, including batches a step is moving (MentionRepository.pendingSearchCount). */
      searchQueue?: () => Promise<number>;
      /** Reports a failed indexer step (it is retried). */
      onIndexError?: (error: unknown) => void;
    },
    tuning: IngestionTuning = {},
  ) {
    this.capacity = tuning.capacity ?? 20_000;
    this.maxBatch = tuning.maxBatch ?? 2_000;
    this.brandCacheMs = tuning.brandCacheMs ?? 2_000;
    this.analyzeAfter = tuning.analyzeAfter ?? { rows: 1_000, fraction: 0.2 };
    const search = tuning.search ?? {};
    this.indexMode = search.mode ?? 'concurrent';
    this.indexBatches = search.batchesPerStep ?? (this.indexMode === 'idle' ? 2 : 8);
    this.indexIdleMs = search.idleMs ?? 100;
    this.indexMaxLag = search.maxLag ?? 500;
    if (deps.indexSearch) {
      this.sweep = setInterval(() => this.scheduleIndex(0), search.sweepMs ?? 5_000);
      this.sweep.unref();
      this.scheduleIndex(0); // a queue left by an earlier process
    }
  }

  private readonly indexMode: 'concurrent' | 'idle';
  private readonly indexBatches: number;
  private readonly indexIdleMs: number;
  private readonly indexMaxLag: number;
  private sweep: NodeJS.Timeout | undefined;
  private indexTimer: NodeJS.Timeout | undefined;
  private indexing: Promise<void> | undefined;
  private closed = false;
  /** Mentions this process queued for the index and has not seen indexed (an estimate; the queue is the truth). */
  private unindexed = 0;

  /** Mentions committed by this process and not yet in the full-text index, as far as it knows. */
  get searchLag(): number {
    return this.unindexed;
  }

  /**
   * Runs the indexer until the queue is empty (tests, benchmarks). A step that finds nothing to take may only mean
   * another step (the background one, or another process's) holds the last batches: it is done when the queue,
   * counted with those, is empty.
   */
  async drainSearchIndex(): Promise<number> {
    if (!this.deps.indexSearch) return 0;
    let moved = 0;
    for (;;) {
      await this.indexing;
      const r = await this.indexStep();
      moved += r.mentions;
      if (r.batches > 0) continue;
      if (!this.deps.searchQueue || (await this.deps.searchQueue()) === 0) return moved;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Stops the indexer (the queue stays in the database for the next start); waits for a step in progress. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweep) clearInterval(this.sweep);
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = undefined;
    await this.indexing;
  }

  private async indexStep(): Promise<{ batches: number; mentions: number }> {
    const r = await this.deps.indexSearch!(this.indexBatches);
    this.unindexed = r.batches === 0 ? 0 : Math.max(0, this.unindexed - r.mentions);
    return r;
  }

  private scheduleIndex(delayMs: number): void {
    if (this.closed || !this.deps.indexSearch || this.indexing || this.indexTimer) return;
    this.indexTimer = setTimeout(() => {
      this.indexTimer = undefined;
      if (this.closed || this.indexing) return;
      const run: Promise<void> = this.runIndexer().then((outcome) => {
        if (this.indexing === run) this.indexing = undefined;
        // Busy (PGlite): try again once the pipeline is idle. Done, but a batch committed while the last step was
        // finishing (it found the queue empty a moment before): go again rather than wait for the sweep.
        if (outcome === 'busy') this.scheduleIndex(this.indexIdleMs);
        else if (outcome === 'done' && this.unindexed > 0) {
          this.scheduleIndex(this.indexMode === 'idle' ? this.indexIdleMs : 0);
        }
      });
      this.indexing = run;
    }, delayMs);
    this.indexTimer.unref();
  }

  /**
   * Moves queued batches into the index until the queue is empty; on PGlite it stops when the pipeline is busy
   * again (to be rescheduled). A failed step is reported and retried by the next sweep.
   */
  private async runIndexer(): Promise<'done' | 'busy' | 'failed'> {
    try {
      for (;;) {
        if (this.closed) return 'failed';
        if (this.indexMode === 'idle' && this.inFlight > 0) return 'busy';
        const r = await this.indexStep();
        if (r.batches === 0) return 'done';
        // PGlite: let requests in between steps.
        if (this.indexMode === 'idle') await yieldToEventLoop();
      }
    } catch (error) {
      this.deps.onIndexError?.(error);
      return 'failed';
    }
  }

  /** Called after a commit that queued mentions for the index. */
  private queuedForIndex(mentions: number): void {
    if (!this.deps.indexSearch || mentions === 0) return;
    this.unindexed += mentions;
    this.scheduleIndex(this.indexMode === 'idle' ? this.indexIdleMs : 0);
  }

  /** PGlite: before an ingest transaction, one indexer step when the not-yet-indexed tail has grown too long. */
  private async keepIndexLagBounded(): Promise<void> {
    if (this.indexMode !== 'idle' || !this.deps.indexSearch || this.unindexed <= this.indexMaxLag) return;
    await this.indexing;
    if (this.unindexed <= this.indexMaxLag) return;
    try {
      await this.indexStep();
    } catch (error) {
      this.deps.onIndexError?.(error);
    }
    await yieldToEventLoop();
  }

  private readonly analyzeAfter: { rows: number; fraction: number };
  private storedSinceAnalyze = 0;
  private rowsAtAnalyze = 0;
  private analyzing = false;

  /** Keeps the planner's statistics current as the tables grow (see `analyzeAfter`). */
  private async maybeAnalyze(accepted: number): Promise<void> {
    this.storedSinceAnalyze += accepted;
    const due = Math.max(this.analyzeAfter.rows, this.analyzeAfter.fraction * this.rowsAtAnalyze);
    if (!this.deps.analyze || this.analyzing || this.storedSinceAnalyze < due) return;
    this.analyzing = true;
    this.storedSinceAnalyze = 0;
    try {
      await yieldToEventLoop();
      this.rowsAtAnalyze = await this.deps.analyze();
    } catch {
      // Statistics are an optimisation: a failed refresh is retried after the next threshold.
    } finally {
      this.analyzing = false;
    }
  }

  /** Mentions accepted into the pipeline and not yet committed. */
  get pending(): number {
    return this.inFlight;
  }

  /** Forgets a workspace's compiled queries (after its brands change); the next batch recompiles them. */
  invalidateBrands(workspaceId: string): void {
    this.compiled.delete(workspaceId);
  }

  /**
   * Runs a batch through the pipeline and resolves after it is committed (then, and only then, may the caller
   * advance a cursor, answer a webhook or count an import line). Waits first while the pipeline is full.
   */
  async ingest(workspaceId: string, batch: IngestBatch, options: IngestOptions = {}): Promise<IngestResult> {
    const total: IngestResult = {
      received: 0,
      accepted: 0,
      duplicates: 0,
      unmatched: 0,
      skipped: batch.skipped,
    };
    if (batch.mentions.length === 0) {
      await this.store(workspaceId, batch, options, total);
      return total;
    }
    for (let start = 0; start < batch.mentions.length; start += this.maxBatch) {
      const end = Math.min(batch.mentions.length, start + this.maxBatch);
      const last = end === batch.mentions.length;
      const part: IngestBatch = {
        mentions: batch.mentions.slice(start, end),
        raw: batch.raw?.slice(start, end),
        // The cursor belongs to the whole batch: only its last part may move it.
        nextCursor: last ? batch.nextCursor : null,
        skipped: 0,
      } as IngestBatch;
      await this.acquire(part.mentions.length);
      await this.keepIndexLagBounded();
      // PGlite runs queries synchronously inside this process and answers through promises only, so a busy
      // pipeline would never let the event loop turn: HTTP requests, SSE writes and timers would wait until
      // it ran dry. One macrotask turn per part lets them in between transactions.
      await yieldToEventLoop();
      try {
        await this.store(workspaceId, part, { ...options, moveCursor: last }, total);
      } finally {
        this.release(part.mentions.length);
      }
    }
    await this.maybeAnalyze(total.accepted);
    return total;
  }

  /** A MentionSink (what push connectors hand batches to) bound to one workspace and source. */
  sinkFor(workspaceId: string, options: IngestOptions = {}): MentionSink {
    return {
      ingest: async (batch) => {
        const r = await this.ingest(workspaceId, batch, options);
        return { accepted: r.accepted, duplicates: r.duplicates };
      },
    };
  }

  private async acquire(n: number): Promise<void> {
    while (this.inFlight > 0 && this.inFlight + n > this.capacity) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inFlight += n;
  }

  private release(n: number): void {
    this.inFlight -= n;
    const waiters = this.waiting.splice(0);
    for (const w of waiters) w();
  }

  private async store(
    workspaceId: string,
    batch: IngestBatch,
    options: IngestOptions & { moveCursor?: boolean },
    total: IngestResult,
  ): Promise<void> {
    const received = batch.mentions.length;
    const {
      mentions,
      index,
      duplicates: batchDuplicates,
    } = dedupeBatch(batch.mentions.map(normaliseMention));
    const compiled = await this.brandsOf(workspaceId);
    const scorer = await this.loadScorer();
    if (scorer instanceof MentionScorer) await scorer.prepare(mentions.map((m) => m.text));
    const forced = (options.brandIds ?? []).filter((id) => compiled.ids.has(id));
    const now = this.deps.clock.now();
    const writes: MentionWrite[] = [];
    let unmatched = 0;
    let newest = 0;
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i]!;
      let brandIds = compiled.index.matchText(m.text, m.lang, m.author.handle);
      if (forced.length > 0) brandIds = [...new Set([...forced, ...brandIds])];
      if (brandIds.length === 0) {
        unmatched++;
        continue;
      }
      const s = assessMention(scorer, m.text, m.lang, brandIds);
      const created = Date.parse(m.createdAt);
      if (created > newest) newest = created;
      writes.push({
        platform: m.platform,
        externalId: m.externalId,
        url: m.url,
        authorHandle: m.author.handle,
        authorName: m.author.name,
        authorFollowers: m.author.followers,
        authorVerified: m.author.verified,
        text: m.text,
        createdAt: new Date(created).toISOString(),
        lang: m.lang ?? (s.language === 'und' ? null : s.language),
        likes: m.engagement.likes,
        reposts: m.engagement.reposts,
        replies: m.engagement.replies,
        views: m.engagement.views,
        replyTo: m.replyTo,
        threadId: m.threadId,
        isOwn: m.isOwn,
        brandIds,
        sentimentLabel: s.label,
        sentimentScore: s.probabilities ? round4(s.probabilities.positive - s.probabilities.negative) : null,
        sentimentConfidence: s.confidence === null ? null : round4(s.confidence),
        reach: estimateReach(m.author.followers, m.engagement),
        sourceId: options.sourceId ?? null,
        raw: batch.raw?.[index[i]!],
      });
    }

    const ids = writes.map(() => uuidv7());
    const outcome = await this.deps.transact(async (uow) => {
      const stored = await uow.mentions.storeBatch(workspaceId, writes, ids);
      const fresh = stored.fresh.map((i) => ({
        write: writes[i]!,
        id: ids[i]!,
        receivedAt: stored.receivedAt,
      }));
      await uow.rollups.add(
        workspaceId,
        rollupIncrements(
          fresh.map((f): RollupInput => ({
            brandIds: f.write.brandIds,
            platform: f.write.platform,
            createdAt: f.write.createdAt,
            negative: f.write.sentimentLabel === 'negative',
            reach: f.write.reach,
          })),
        ),
      );
      const accepted = fresh.length;
      const duplicates = writes.length - accepted + batchDuplicates;
      if (options.sourceId) {
        await uow.sources.recordProgress(workspaceId, options.sourceId, {
          ...(options.moveCursor !== false && batch.nextCursor !== null ? { cursor: batch.nextCursor } : {}),
          received: received + batch.skipped,
          accepted,
          duplicates,
          skipped: batch.skipped,
          lastEventAt: received > 0 ? now : null,
          // Clamped to the column's int4 range: a backfilled mention can be weeks old.
          lagMs: newest > 0 ? Math.min(maxLagMs, Math.max(0, now.getTime() - newest)) : null,
        });
      }
      if (options.audit) {
        const { actor, ...entry } = options.audit;
        await uow.audit.append(actor, { ...entry, summary: { received, accepted, duplicates, unmatched } });
      }
      if (accepted > 0) {
        const live: Mention[] = fresh
          .sort((a, b) => (a.write.createdAt < b.write.createdAt ? 1 : -1))
          .slice(0, liveEventMentionCap)
          .map((f) => presentMentionWrite(f.id, f.write, f.receivedAt));
        const brandIds = [...new Set(fresh.flatMap((f) => f.write.brandIds))];
        await uow.events.append(workspaceId, 'mentions.ingested', {
          brandIds,
          count: accepted,
          mentions: live,
        });
      }
      return { accepted, duplicates };
    });
    this.queuedForIndex(outcome.accepted);
    total.received += received;
    total.accepted += outcome.accepted;
    total.duplicates += outcome.duplicates;
    total.unmatched += unmatched;
  }

  private loadScorer(): Promise<PipelineScorer> {
    this.scorer ??= this.deps.loadScorer();
    this.scorer.catch(() => (this.scorer = undefined));
    return this.scorer;
  }

  /** The workspace's live brands compiled into one index; rebuilt when a brand was added, changed or archived. */
  private async brandsOf(workspaceId: string): Promise<CompiledBrands> {
    const cached = this.compiled.get(workspaceId);
    const now = Date.now();
    if (cached) {
      const c = await cached;
      if (now - c.checkedAt < this.brandCacheMs) return c;
    }
    const next = (async () => {
      const rows = await this.deps.brands.list(workspaceId, false);
      const fingerprint = rows.map((r) => `${r.id}@${r.updatedAt.getTime()}`).join(',');
      const previous = cached ? await cached : undefined;
      if (previous && previous.fingerprint === fingerprint) return { ...previous, checkedAt: Date.now() };
      return {
        index: new QueryIndex(rows.map((r) => ({ id: r.id, query: r.query ?? deriveQuery(r) }))),
        fingerprint,
        checkedAt: Date.now(),
        ids: new Set(rows.map((r) => r.id)),
      };
    })();
    this.compiled.set(workspaceId, next);
    next.catch(() => this.compiled.delete(workspaceId));
    return next;
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

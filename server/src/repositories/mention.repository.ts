// Mentions, their raw evidence and the per-minute rollups: batched raw SQL (unnest) on the ingest path, Drizzle
// for the reads. Every statement is scoped by workspace.
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database';
import { mentionRaw, mentions } from '../db/schema';
import { AuditRepository } from './audit.repository';
import { EventRepository } from './event.repository';
import { RollupRepository } from './rollup.repository';
import { SourceRepository } from './source.repository';

export type MentionRow = typeof mentions.$inferSelect;

/** One mention ready to store (already normalised, matched and enriched). */
export interface MentionWrite {
  platform: string;
  externalId: string;
  url: string | null;
  authorHandle: string;
  authorName: string | null;
  authorFollowers: number | null;
  authorVerified: boolean;
  text: string;
  /** ISO 8601. */
  createdAt: string;
  lang: string | null;
  likes: number;
  reposts: number;
  replies: number;
  views: number | null;
  replyTo: string | null;
  threadId: string | null;
  isOwn: boolean;
  brandIds: string[];
  sentimentLabel: string | null;
  sentimentScore: number | null;
  sentimentConfidence: number | null;
  reach: number;
  sourceId: string | null;
  /** The raw platform payload, kept as evidence; undefined when the source gave none. */
  raw: unknown;
}

/** What storing a batch did. */
export interface StoredBatch {
  /** Positions, in the rows given, of the mentions stored for the first time (the others were already stored). */
  fresh: number[];
  /** When the fresh ones were stored (the transaction's time). */
  receivedAt: Date;
}

/** The columns a multi-row write sends, one array each (also the COPY column order in the benchmark). */
export const mentionWriteColumns = [
  'platform',
  'external_id',
  'url',
  'author_handle',
  'author_name',
  'author_followers',
  'author_verified',
  'text',
  'created_at',
  'lang',
  'likes',
  'reposts',
  'replies',
  'views',
  'reply_to',
  'thread_id',
  'is_own',
  'brand_ids',
  'sentiment_label',
  'sentiment_score',
  'sentiment_confidence',
  'reach',
  'source_id',
] as const;

/** Each column's type as the multi-row write sends it: one array parameter per column. */
const columnTypes = [
  'text',
  'text',
  'text',
  'text',
  'text',
  'int4',
  'bool',
  'text',
  'timestamptz',
  'text',
  'int4',
  'int4',
  'int4',
  'int8',
  'text',
  'text',
  'bool',
  'text', // a uuid[] literal per row ('{…}'), cast below: unnest cannot take a ragged 2-D array
  'text',
  'float4',
  'float4',
  'float8',
  'uuid',
] as const;

/** `{a,b}`: a PostgreSQL array literal of uuids (which need no quoting). */
export function uuidArrayLiteral(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}

const needsNoQuotes = /^[\w.:+-]+$/;

/**
 * A PostgreSQL array literal of scalars, built here rather than by the driver (which checks every element's type
 * first): strings quoted with `\` and `"` escaped, null as NULL, numbers and booleans as they print.
 */
export function arrayLiteral(values: readonly (string | number | boolean | null)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) parts[i] = 'NULL';
    else if (typeof v !== 'string') parts[i] = String(v);
    else if (v !== '' && v.length < 40 && needsNoQuotes.test(v) && v.toUpperCase() !== 'NULL') parts[i] = v;
    else parts[i] = `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}

/** The batch's columns as array literals, in `mentionWriteColumns` order. */
function columnsOf(rows: readonly MentionWrite[]): string[] {
  const column = <T extends string | number | boolean | null>(get: (r: MentionWrite) => T) =>
    arrayLiteral(rows.map(get));
  return [
    column((r) => r.platform),
    column((r) => r.externalId),
    column((r) => r.url),
    column((r) => r.authorHandle),
    column((r) => r.authorName),
    column((r) => r.authorFollowers),
    column((r) => r.authorVerified),
    column((r) => r.text),
    column((r) => r.createdAt),
    column((r) => r.lang),
    column((r) => r.likes),
    column((r) => r.reposts),
    column((r) => r.replies),
    column((r) => r.views),
    column((r) => r.replyTo),
    column((r) => r.threadId),
    column((r) => r.isOwn),
    column((r) => uuidArrayLiteral(r.brandIds)),
    column((r) => r.sentimentLabel),
    column((r) => r.sentimentScore),
    column((r) => r.sentimentConfidence),
    column((r) => r.reach),
    column((r) => r.sourceId),
  ];
}

const unnestList = columnTypes.map((t, i) => `$${i + 3}::${t}[]`).join(', ');
const selectList = mentionWriteColumns
  .map((c) => (c === 'brand_ids' ? 'u.brand_ids::uuid[]' : `u.${c}`))
  .join(', ');
const rawIdsParam = `$${columnTypes.length + 3}`;
const rawPayloadsParam = `$${columnTypes.length + 4}`;

/**
 * One statement for the whole batch: the mentions, their raw evidence and the batch's entry in the search indexer's
 * queue. Each column travels as one array literal (unpacked by `unnest`: measured on PostgreSQL, 2–6 ms for 1,000
 * rows against 10–15 ms for `jsonb_to_recordset` and 18–55 ms for `json_to_recordset`). A mention already stored
 * keeps everything but its engagement, which takes the larger of the stored and the incoming counts (a replayed
 * older copy never lowers them); `xmax = 0` tells a fresh row from an updated one. Only fresh rows get raw evidence
 * and a place in the queue (their text, the only thing searched, never changes); only their ids come back.
 */
const storeSql = `
WITH stored AS (
  INSERT INTO mentions (id, workspace_id, ${mentionWriteColumns.join(', ')})
  SELECT u.id, $1::uuid, ${selectList}
  FROM unnest($2::uuid[], ${unnestList}) AS u(id, ${mentionWriteColumns.join(', ')})
  ON CONFLICT (workspace_id, platform, external_id) DO UPDATE SET
    likes = GREATEST(mentions.likes, excluded.likes),
    reposts = GREATEST(mentions.reposts, excluded.reposts),
    replies = GREATEST(mentions.replies, excluded.replies),
    views = GREATEST(mentions.views, excluded.views),
    reach = GREATEST(mentions.reach, excluded.reach)
  WHERE (mentions.likes, mentions.reposts, mentions.replies, mentions.views, mentions.reach)
    IS DISTINCT FROM (GREATEST(mentions.likes, excluded.likes), GREATEST(mentions.reposts, excluded.reposts),
      GREATEST(mentions.replies, excluded.replies), GREATEST(mentions.views, excluded.views),
      GREATEST(mentions.reach, excluded.reach))
  RETURNING id, platform, external_id, (xmax = 0) AS inserted
), raw AS (
  INSERT INTO mention_raw (workspace_id, platform, external_id, payload)
  SELECT $1::uuid, s.platform, s.external_id, r.payload::jsonb
  FROM unnest(${rawIdsParam}::uuid[], ${rawPayloadsParam}::text[]) AS r(id, payload)
  JOIN stored s ON s.id = r.id AND s.inserted
  ON CONFLICT DO NOTHING
), queued AS (
  INSERT INTO mention_search_pending (workspace_id, mention_ids)
  SELECT $1::uuid, array_agg(s.id) FROM stored s WHERE s.inserted HAVING count(*) > 0
)
SELECT coalesce(string_agg(id::text, ','), '') AS ids, now() AS received_at FROM stored WHERE inserted`;

/**
 * Moves up to `limit` queued batches into the full-text index in one statement (so one transaction): a mention is
 * in the queue or in `mention_search`, never in neither. SKIP LOCKED lets two indexers share the queue.
 */
const indexSql = `
WITH taken AS (
  DELETE FROM mention_search_pending
  WHERE id IN (SELECT id FROM mention_search_pending ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
  RETURNING workspace_id, mention_ids
), ids AS (
  SELECT t.workspace_id, unnest(t.mention_ids) AS id FROM taken t
), indexed AS (
  INSERT INTO mention_search (mention_id, workspace_id, search)
  SELECT m.id, m.workspace_id, to_tsvector('simple', m.text)
  FROM ids JOIN mentions m ON m.id = ids.id AND m.workspace_id = ids.workspace_id
  ON CONFLICT (mention_id) DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM taken)::int AS batches, (SELECT count(*) FROM indexed)::int AS mentions`;

type RawRow = Record<string, unknown>;

async function execute(db: Db, text: string, params: unknown[]): Promise<RawRow[]> {
  const chunks: SQL[] = [];
  // Rebuild "$n" placeholders as drizzle params (sql.param keeps an array as one parameter).
  const parts = text.split(/\$(\d+)/);
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) chunks.push(sql.raw(parts[i]!));
    else chunks.push(sql`${sql.param(params[Number(parts[i]) - 1])}`);
  }
  const result: unknown = await db.execute(sql.join(chunks));
  return (result as { rows: RawRow[] }).rows;
}

export interface MentionListFilter {
  brandId?: string | undefined;
  platform?: string | undefined;
  sentiment?: string | undefined;
  lang?: string | undefined;
  minReach?: number | undefined;
  q?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** Keyset: rows strictly older than this (createdAt, id). */
  before?: { createdAt: Date; id: string } | undefined;
  limit: number;
}

/**
 * The ids of a workspace's mentions matching a full-text search: those in the index, and those still queued for it
 * (their tsvector computed here). Complete for every mention committed before the statement's snapshot.
 */
function searchHits(workspaceId: string, q: string): SQL {
  return sql`SELECT s.mention_id FROM mention_search s
    WHERE s.workspace_id = ${workspaceId}::uuid AND s.search @@ websearch_to_tsquery('simple', ${q})
    UNION ALL
    SELECT m.id FROM mention_search_pending p CROSS JOIN LATERAL unnest(p.mention_ids) AS queued(id)
      JOIN mentions m ON m.id = queued.id
    WHERE p.workspace_id = ${workspaceId}::uuid
      AND to_tsvector('simple', m.text) @@ websearch_to_tsquery('simple', ${q})`;
}

/** Up to this many matches a search reads its hits through the full-text index; beyond, newest first. */
const searchProbe = 5_000;

export class MentionRepository {
  constructor(private readonly db: Db) {}

  /** Raw parameterised SQL through this repository's connection or transaction. */
  execute(text: string, params: unknown[]): Promise<RawRow[]> {
    return execute(this.db, text, params);
  }

  /**
   * Inserts new mentions (with their raw evidence, queued for the search index) and updates the engagement of known
   * ones, in one statement. `ids` are the ids fresh rows take (UUIDv7 from the pipeline), one per row.
   */
  async storeBatch(
    workspaceId: string,
    rows: readonly MentionWrite[],
    ids: readonly string[],
  ): Promise<StoredBatch> {
    if (rows.length === 0) return { fresh: [], receivedAt: new Date() };
    const rawIds: string[] = [];
    const rawPayloads: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      if (rows[i]!.raw === undefined) continue;
      rawIds.push(ids[i]!);
      rawPayloads.push(JSON.stringify(rows[i]!.raw ?? null));
    }
    const [result] = await execute(this.db, storeSql, [
      workspaceId,
      uuidArrayLiteral(ids),
      ...columnsOf(rows),
      uuidArrayLiteral(rawIds),
      arrayLiteral(rawPayloads),
    ]);
    const position = new Map<string, number>();
    for (let i = 0; i < ids.length; i++) position.set(ids[i]!, i);
    const stored = typeof result?.ids === 'string' ? result.ids : '';
    const fresh = stored === '' ? [] : stored.split(',').map((id) => position.get(id)!);
    const at = result?.received_at;
    return { fresh, receivedAt: at instanceof Date ? at : new Date(String(at)) };
  }

  /**
   * The search indexer's step: moves up to `batches` queued ingest batches into `mention_search`. Returns how many
   * batches and mentions it moved (0 when the queue is empty).
   */
  async indexPending(batches: number): Promise<{ batches: number; mentions: number }> {
    const [row] = await execute(this.db, indexSql, [batches]);
    return { batches: Number(row?.batches ?? 0), mentions: Number(row?.mentions ?? 0) };
  }

  /** Mentions committed and not yet in the full-text index (all workspaces). */
  async pendingSearchCount(): Promise<number> {
    const [row] = await execute(
      this.db,
      'SELECT coalesce(sum(cardinality(mention_ids)), 0)::int AS n FROM mention_search_pending',
      [],
    );
    return Number(row?.n ?? 0);
  }

  async list(workspaceId: string, f: MentionListFilter): Promise<MentionRow[]> {
    const conditions: (SQL | undefined)[] = [eq(mentions.workspaceId, workspaceId)];
    if (f.brandId) conditions.push(sql`${mentions.brandIds} @> ARRAY[${f.brandId}]::uuid[]`);
    if (f.platform) conditions.push(eq(mentions.platform, f.platform));
    if (f.sentiment) conditions.push(eq(mentions.sentimentLabel, f.sentiment));
    if (f.lang) conditions.push(eq(mentions.lang, f.lang));
    if (f.minReach !== undefined) conditions.push(gte(mentions.reach, f.minReach));
    if (f.since) conditions.push(gte(mentions.createdAt, f.since));
    if (f.until) conditions.push(lt(mentions.createdAt, f.until));
    if (f.before) {
      conditions.push(
        sql`(${mentions.createdAt}, ${mentions.id}) < (${f.before.createdAt.toISOString()}::timestamptz, ${f.before.id}::uuid)`,
      );
    }
    if (f.q && (await this.fewMatches(workspaceId, f.q))) {
      // Few mentions contain the words: collect their ids through the full-text index (and, for the mentions the
      // indexer has not reached yet, their text), read those rows and sort them, rather than walk the newest-first
      // index for matches that may not exist (a word in no mention: 600 ms at 500,000 mentions on PGlite, during
      // which nothing else runs). One statement, so one snapshot: a mention is in the index or in the queue.
      // Ordering by an expression keeps the planner off the newest-first index.
      conditions.push(sql`${mentions.id} = ANY(ARRAY(${searchHits(workspaceId, f.q)}))`);
      return this.db
        .select()
        .from(mentions)
        .where(and(...conditions))
        .orderBy(desc(sql`${mentions.createdAt} + interval '0 seconds'`), desc(mentions.id))
        .limit(f.limit);
    }
    // Many matches (or no search): walk newest first, matching each row as it is read against its indexed vector
    // (a primary-key lookup) or, for a mention still queued, the vector of its text computed here: nothing the
    // indexer has not reached is missed. COALESCE computes the second only when the first is missing.
    if (f.q) {
      conditions.push(
        sql`coalesce((SELECT s.search FROM mention_search s WHERE s.mention_id = ${mentions.id}),
          to_tsvector('simple', ${mentions.text})) @@ websearch_to_tsquery('simple', ${f.q})`,
      );
    }
    return this.db
      .select()
      .from(mentions)
      .where(and(...conditions))
      .orderBy(desc(mentions.createdAt), desc(mentions.id))
      .limit(f.limit);
  }

  /**
   * Whether fewer than `searchProbe` of the workspace's indexed mentions match a full-text search (counted through
   * its index; the not-yet-indexed tail does not change which plan is cheaper enough to matter).
   */
  private async fewMatches(workspaceId: string, q: string): Promise<boolean> {
    const [row] = await execute(
      this.db,
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM mention_search WHERE workspace_id = $1
         AND search @@ websearch_to_tsquery('simple', $2) LIMIT ${searchProbe}) AS probe`,
      [workspaceId, q],
    );
    return Number(row?.n ?? 0) < searchProbe;
  }

  async find(workspaceId: string, id: string): Promise<{ row: MentionRow; raw: unknown } | undefined> {
    const [row] = await this.db
      .select()
      .from(mentions)
      .where(and(eq(mentions.workspaceId, workspaceId), eq(mentions.id, id)));
    if (!row) return undefined;
    const [raw] = await this.db
      .select({ payload: mentionRaw.payload })
      .from(mentionRaw)
      .where(
        and(
          eq(mentionRaw.workspaceId, workspaceId),
          eq(mentionRaw.platform, row.platform),
          eq(mentionRaw.externalId, row.externalId),
        ),
      );
    return { row, raw: raw?.payload ?? null };
  }

  /**
   * Refreshes the planner's statistics of the listening tables and returns the estimated number of mentions.
   * PGlite runs no autovacuum: without this, a grown table keeps the empty table's estimates and the newest-first
   * list is planned as a scan and sort of every row (measured: 285–365 ms at 300,000 mentions, 5 ms analysed). A small
   * statistics target keeps it short (about 180 ms at 300,000 mentions) with the same plans.
   */
  async analyze(): Promise<number> {
    await this.db.transaction(async (tx) => {
      await execute(tx, 'SET LOCAL default_statistics_target = 30', []);
      await execute(tx, 'ANALYZE mentions', []);
      await execute(tx, 'ANALYZE mention_rollups', []);
      await execute(tx, 'ANALYZE mention_search', []);
    });
    const [row] = await execute(
      this.db,
      "SELECT reltuples::float8 AS n FROM pg_class WHERE relname = 'mentions'",
      [],
    );
    return Math.max(0, Number(row?.n ?? 0));
  }

  async count(workspaceId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(mentions)
      .where(eq(mentions.workspaceId, workspaceId));
    return row?.n ?? 0;
  }
}

/** Repositories bound to one ingest transaction: mentions, raw evidence, rollups, the source's cursor, the event. */
export interface ListeningUnitOfWork {
  mentions: MentionRepository;
  rollups: RollupRepository;
  sources: SourceRepository;
  events: EventRepository;
  audit: AuditRepository;
}

export type ListeningTransact = <T>(work: (uow: ListeningUnitOfWork) => Promise<T>) => Promise<T>;

export function listeningUnitOfWork(db: Db): ListeningUnitOfWork {
  return {
    mentions: new MentionRepository(db),
    rollups: new RollupRepository(db),
    sources: new SourceRepository(db),
    events: new EventRepository(db),
    audit: new AuditRepository(db),
  };
}

/** One short transaction per batch (on PGlite every other query waits for it). */
export function createListeningTransact(db: Db): ListeningTransact {
  return (work) => db.transaction((tx) => work(listeningUnitOfWork(tx as unknown as Db)));
}

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

export interface UpsertedMention {
  id: string;
  platform: string;
  externalId: string;
  /** False when the mention was already stored (its engagement was updated if it changed). */
  inserted: boolean;
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

function columnsOf(rows: readonly MentionWrite[]): unknown[][] {
  const cols: unknown[][] = mentionWriteColumns.map(() => new Array<unknown>(rows.length));
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    cols[0]![i] = r.platform;
    cols[1]![i] = r.externalId;
    cols[2]![i] = r.url;
    cols[3]![i] = r.authorHandle;
    cols[4]![i] = r.authorName;
    cols[5]![i] = r.authorFollowers;
    cols[6]![i] = r.authorVerified;
    cols[7]![i] = r.text;
    cols[8]![i] = r.createdAt;
    cols[9]![i] = r.lang;
    cols[10]![i] = r.likes;
    cols[11]![i] = r.reposts;
    cols[12]![i] = r.replies;
    cols[13]![i] = r.views;
    cols[14]![i] = r.replyTo;
    cols[15]![i] = r.threadId;
    cols[16]![i] = r.isOwn;
    cols[17]![i] = uuidArrayLiteral(r.brandIds);
    cols[18]![i] = r.sentimentLabel;
    cols[19]![i] = r.sentimentScore;
    cols[20]![i] = r.sentimentConfidence;
    cols[21]![i] = r.reach;
    cols[22]![i] = r.sourceId;
  }
  return cols;
}

const unnestList = columnTypes.map((t, i) => `$${i + 2}::${t}[]`).join(', ');
const selectList = mentionWriteColumns
  .map((c) => (c === 'brand_ids' ? 'u.brand_ids::uuid[]' : `u.${c}`))
  .join(', ');

/**
 * One statement for the whole batch. A mention already stored keeps everything but its engagement, which takes the
 * larger of the stored and the incoming counts (a replayed older copy never lowers them); `xmax = 0` tells a fresh
 * row from an updated one, and rows whose engagement did not change are not returned at all (duplicates too).
 */
const upsertSql = `
INSERT INTO mentions (workspace_id, ${mentionWriteColumns.join(', ')})
SELECT $1::uuid, ${selectList}
FROM unnest(${unnestList}) AS u(${mentionWriteColumns.join(', ')})
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
RETURNING id, platform, external_id, (xmax = 0) AS inserted, received_at`;

const rawSql = `
INSERT INTO mention_raw (workspace_id, platform, external_id, payload)
SELECT $1::uuid, u.platform, u.external_id, u.payload::jsonb
FROM unnest($2::text[], $3::text[], $4::text[]) AS u(platform, external_id, payload)
ON CONFLICT DO NOTHING`;

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

/** Up to this many matches a search reads its hits through the full-text index; beyond, newest first. */
const searchProbe = 5_000;

export class MentionRepository {
  constructor(private readonly db: Db) {}

  /** Raw parameterised SQL through this repository's connection or transaction. */
  execute(text: string, params: unknown[]): Promise<RawRow[]> {
    return execute(this.db, text, params);
  }

  /** Inserts new mentions and updates the engagement of known ones, in one statement. */
  async upsertBatch(workspaceId: string, rows: readonly MentionWrite[]): Promise<UpsertedMention[]> {
    if (rows.length === 0) return [];
    const result = await execute(this.db, upsertSql, [workspaceId, ...columnsOf(rows)]);
    return result.map((r) => ({
      id: r.id as string,
      platform: r.platform as string,
      externalId: r.external_id as string,
      inserted: r.inserted === true,
      receivedAt: r.received_at instanceof Date ? r.received_at : new Date(r.received_at as string),
    }));
  }

  /** Keeps the first raw payload of each mention as evidence. */
  async insertRaw(
    workspaceId: string,
    rows: readonly { platform: string; externalId: string; payload: unknown }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await execute(this.db, rawSql, [
      workspaceId,
      rows.map((r) => r.platform),
      rows.map((r) => r.externalId),
      rows.map((r) => JSON.stringify(r.payload ?? null)),
    ]);
  }

  async list(workspaceId: string, f: MentionListFilter): Promise<MentionRow[]> {
    const conditions: (SQL | undefined)[] = [eq(mentions.workspaceId, workspaceId)];
    if (f.brandId) conditions.push(sql`${mentions.brandIds} @> ARRAY[${f.brandId}]::uuid[]`);
    if (f.platform) conditions.push(eq(mentions.platform, f.platform));
    if (f.sentiment) conditions.push(eq(mentions.sentimentLabel, f.sentiment));
    if (f.lang) conditions.push(eq(mentions.lang, f.lang));
    if (f.minReach !== undefined) conditions.push(gte(mentions.reach, f.minReach));
    if (f.q) conditions.push(sql`${mentions.search} @@ websearch_to_tsquery('simple', ${f.q})`);
    if (f.since) conditions.push(gte(mentions.createdAt, f.since));
    if (f.until) conditions.push(lt(mentions.createdAt, f.until));
    if (f.before) {
      conditions.push(
        sql`(${mentions.createdAt}, ${mentions.id}) < (${f.before.createdAt.toISOString()}::timestamptz, ${f.before.id}::uuid)`,
      );
    }
    const where = and(...conditions);
    if (f.q && (await this.fewMatches(workspaceId, f.q))) {
      // Few mentions contain the words: read them through the full-text index and sort them, rather than walk the
      // newest-first index for matches that may not exist (a word in no mention: 600 ms at 500,000 mentions on
      // PGlite, during which nothing else runs). Ordering by an expression keeps the planner off that index.
      return this.db
        .select()
        .from(mentions)
        .where(where)
        .orderBy(desc(sql`${mentions.createdAt} + interval '0 seconds'`), desc(mentions.id))
        .limit(f.limit);
    }
    return this.db
      .select()
      .from(mentions)
      .where(where)
      .orderBy(desc(mentions.createdAt), desc(mentions.id))
      .limit(f.limit);
  }

  /** Whether fewer than `searchProbe` of the workspace's mentions match a full-text search (counted through its index). */
  private async fewMatches(workspaceId: string, q: string): Promise<boolean> {
    const [row] = await execute(
      this.db,
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM mentions WHERE workspace_id = $1
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

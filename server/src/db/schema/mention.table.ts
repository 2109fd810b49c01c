import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { workspaces } from './identity.table';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Every stored mention: unique per (workspace, platform, external id); later copies only update engagement. The id
 * is a time-ordered UUIDv7 made by the pipeline (so primary-key inserts append); the default serves other writers.
 * Full-text search lives in `mention_search`, filled after the commit by the search indexer.
 */
export const mentions = pgTable(
  'mentions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // No foreign key on the two ingest tables: its check (a lookup and a row lock per mention) was about 15% of
    // a stored mention's cost on PGlite. Only the pipeline writes here, and it stores a mention only when it
    // matches a live brand of the workspace (brands carry the foreign key); workspaces are never deleted.
    workspaceId: uuid('workspace_id').notNull(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    url: text('url'),
    authorHandle: text('author_handle').notNull(),
    authorName: text('author_name'),
    authorFollowers: integer('author_followers'),
    authorVerified: boolean('author_verified').notNull().default(false),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lang: text('lang'),
    likes: integer('likes').notNull().default(0),
    reposts: integer('reposts').notNull().default(0),
    replies: integer('replies').notNull().default(0),
    views: bigint('views', { mode: 'number' }),
    replyTo: text('reply_to'),
    threadId: text('thread_id'),
    isOwn: boolean('is_own').notNull().default(false),
    brandIds: uuid('brand_ids').array().notNull(),
    sentimentLabel: text('sentiment_label'),
    sentimentScore: real('sentiment_score'),
    sentimentConfidence: real('sentiment_confidence'),
    reach: doublePrecision('reach').notNull().default(0),
    sourceId: uuid('source_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mentions_workspace_platform_external_key').on(t.workspaceId, t.platform, t.externalId),
    index('mentions_workspace_created_idx').on(t.workspaceId, t.createdAt),
  ],
);

/**
 * The full-text index of mentions, kept out of the ingest transaction: the indexer moves batches from
 * `mention_search_pending` here (tsvector of the text, GIN index). A search reads this table and, for the mentions
 * still pending, computes the tsvector on the fly, so it never misses a committed mention.
 */
export const mentionSearch = pgTable(
  'mention_search',
  {
    // No foreign key (it would cost the indexer a lookup per row): a search joins back to `mentions` anyway.
    mentionId: uuid('mention_id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    search: tsvector('search').notNull(),
  },
  (t) => [index('mention_search_search_idx').using('gin', t.search)],
);

/**
 * Mentions committed but not yet in `mention_search`: one row per ingest transaction, written in it. The indexer
 * deletes a row and inserts its mentions' tsvectors in one transaction, so every committed mention is always in
 * exactly one of the two tables.
 */
export const mentionSearchPending = pgTable('mention_search_pending', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  workspaceId: uuid('workspace_id').notNull(),
  mentionIds: uuid('mention_ids').array().notNull(),
});

/** The raw platform payload of a mention, kept as evidence (same key as the mention). */
export const mentionRaw = pgTable(
  'mention_raw',
  {
    workspaceId: uuid('workspace_id').notNull(), // no foreign key: see mentions
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    payload: jsonb('payload').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.platform, t.externalId] })],
);

/** Per-minute aggregates per brand × platform, upserted additively as mentions are stored. */
export const mentionRollups = pgTable(
  'mention_rollups',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    brandId: uuid('brand_id').notNull(),
    platform: text('platform').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
    negativeCount: integer('negative_count').notNull().default(0),
    reach: doublePrecision('reach').notNull().default(0),
    /**
     * Reach-weighted negativity, followed by detection: each negative mention weighs log10(1 + its reach), so a
     * post seen by a million counts 6, by a hundred 2 (light-tailed, unlike raw reach).
     */
    negativeWeight: doublePrecision('negative_weight').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.brandId, t.platform, t.bucket] }),
    // The detection run reads every rollup of a workspace for the minutes it evaluates.
    index('mention_rollups_workspace_bucket_idx').on(t.workspaceId, t.bucket),
  ],
);

import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SignalExplanation } from '../../../../contracts';
import { workspaces } from './identity.table';

/**
 * Streaming detector state per brand and series (`all`, a platform, or `terms`): the detectors of every metric,
 * their episode state and a short trace of recent buckets (for the signal chart), as checkpointed JSON text.
 * `last_bucket` is the last bucket the state has learned; detection replays the rollups after it on a restart.
 */
export const detectorStates = pgTable(
  'detector_states',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    brandId: uuid('brand_id').notNull(),
    seriesKey: text('series_key').notNull(),
    lastBucket: timestamp('last_bucket', { withTimezone: true }).notNull(),
    /** JSON text (never queried inside; text is cheaper to write than jsonb at thousands of rows a minute). */
    state: text('state').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.brandId, t.seriesKey] })],
);

/** How far detection has gone per workspace (the last bucket evaluated) and its scans of recent mentions. */
export const detectionCursors = pgTable('detection_cursors', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id),
  lastBucket: timestamp('last_bucket', { withTimezone: true }).notNull(),
  /** Mentions received up to here were scanned for high-reach posts. */
  mentionScanAt: timestamp('mention_scan_at', { withTimezone: true }),
  /** Last narrative scan (terms and copy-paste clusters), every few minutes. */
  narrativeScanAt: timestamp('narrative_scan_at', { withTimezone: true }),
  /** Changes each run; an instance whose cached states carry another token reloads them. */
  runToken: uuid('run_token').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A signal: one or more related detections about a brand, with its explanation, status and routing state. */
export const signals = pgTable(
  'signals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    brandId: uuid('brand_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    severity: text('severity').notNull(),
    score: doublePrecision('score').notNull(),
    status: text('status').notNull().default('open'),
    platforms: text('platforms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    lastDetectedAt: timestamp('last_detected_at', { withTimezone: true }).notNull(),
    detectionCount: integer('detection_count').notNull().default(1),
    version: integer('version').notNull().default(1),
    ownerId: uuid('owner_id'),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    mergedIntoId: uuid('merged_into_id'),
    crisisId: uuid('crisis_id'),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
    routedDepartments: text('routed_departments')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Routing rules that matched, and the recipients notified so far (escalation reads them). */
    routing: jsonb('routing').$type<Record<string, unknown>>().notNull().default({}),
    escalationLevel: integer('escalation_level').notNull().default(0),
    /** When the next escalation step is due while unacknowledged (null: none pending). */
    escalationDueAt: timestamp('escalation_due_at', { withTimezone: true }),
    feedback: text('feedback'),
    explanation: jsonb('explanation').$type<SignalExplanation>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('signals_workspace_status_idx').on(t.workspaceId, t.status, t.lastDetectedAt),
    index('signals_workspace_brand_idx').on(t.workspaceId, t.brandId, t.lastDetectedAt),
  ],
);

/** Every detector fire recorded on a signal; unique per series, metric and bucket (replays are idempotent). */
export const signalDetections = pgTable(
  'signal_detections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    signalId: uuid('signal_id')
      .notNull()
      .references(() => signals.id),
    brandId: uuid('brand_id').notNull(),
    kind: text('kind').notNull(),
    seriesKey: text('series_key').notNull(),
    metric: text('metric').notNull(),
    platform: text('platform'),
    t: timestamp('t', { withTimezone: true }).notNull(),
    score: doublePrecision('score').notNull(),
    severity: text('severity').notNull(),
    isOnset: boolean('is_onset').notNull(),
    summary: text('summary').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('signal_detections_series_key').on(t.workspaceId, t.brandId, t.seriesKey, t.metric, t.t),
    index('signal_detections_signal_idx').on(t.signalId, t.t),
  ],
);

/** Real or noise, per member and signal (a member's later verdict replaces their earlier one). */
export const signalFeedback = pgTable(
  'signal_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    signalId: uuid('signal_id')
      .notNull()
      .references(() => signals.id),
    memberId: uuid('member_id'),
    memberName: text('member_name').notNull(),
    verdict: text('verdict').notNull(),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('signal_feedback_signal_idx').on(t.signalId, t.createdAt),
    index('signal_feedback_workspace_idx').on(t.workspaceId, t.createdAt),
  ],
);

/** Which signals go to which departments and channels, and how they escalate. */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    minSeverity: text('min_severity').notNull(),
    brandIds: uuid('brand_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    platforms: text('platforms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    kinds: text('kinds')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    departments: text('departments')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    channelIds: uuid('channel_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    ackTimeoutMinutes: integer('ack_timeout_minutes').notNull(),
    escalation: text('escalation')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('routing_rules_workspace_idx').on(t.workspaceId)],
);

import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { AlertMessage } from '../../../../contracts';
import { members, workspaces } from './identity.table';

/** Where alerts go: a Slack, Teams, email or outbound-webhook destination. Secrets are AES-256-GCM ciphertext. */
export const notificationChannels = pgTable(
  'notification_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** `v1.<iv>.<tag>.<ciphertext>` of the secrets JSON object, or null. */
    secretsCiphertext: text('secrets_ciphertext'),
    /** Which secrets are set (names only), so the API can say so without decrypting. */
    secretKeys: jsonb('secret_keys').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notification_channels_workspace_idx').on(t.workspaceId),
    check('notification_channels_kind_check', sql`${t.kind} in ('slack','teams','email','webhook')`),
  ],
);

/**
 * One notification of a subject (a signal, later) to one target: a notification channel, or a member in-app.
 * `target_key` + `dedupe_key` is unique: at most one alert per subject update per target.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    channelId: uuid('channel_id').references(() => notificationChannels.id, { onDelete: 'set null' }),
    medium: text('medium').notNull(),
    recipientMemberId: uuid('recipient_member_id').references(() => members.id),
    /** `channel:<id>` or `member:<id>` (in-app): flood control counts per target. */
    targetKey: text('target_key').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    subjectVersion: integer('subject_version').notNull().default(1),
    severity: text('severity').notNull(),
    message: jsonb('message').$type<AlertMessage>().notNull(),
    status: text('status').notNull().default('pending'),
    dedupeKey: text('dedupe_key').notNull(),
    /** Not sent before this time (quiet hours, a digest collecting, the next retry). */
    notBefore: timestamp('not_before', { withTimezone: true }),
    /** Held for a digest that is sent at `not_before`. */
    heldForDigest: boolean('held_for_digest').notNull().default(false),
    /** The digest alert this one was folded into. */
    digestId: uuid('digest_id'),
    /** The Standard Webhooks `webhook-id`, stable across retries. */
    deliveryId: text('delivery_id'),
    attemptCount: integer('attempt_count').notNull().default(0),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    /** Who acknowledged: `member:<id>` or `slack:<team>/<user> (<name>)`. */
    acknowledgedBy: text('acknowledged_by'),
    /** Actions taken on the alert (acknowledge, declare crisis), oldest first. */
    actions: jsonb('actions').$type<{ action: string; by: string; at: string }[]>().notNull().default([]),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('alerts_target_dedupe_key').on(t.workspaceId, t.targetKey, t.dedupeKey),
    index('alerts_target_recent_idx').on(t.workspaceId, t.targetKey, t.createdAt),
    index('alerts_recipient_idx').on(t.recipientMemberId, t.createdAt),
    index('alerts_subject_idx').on(t.workspaceId, t.subjectType, t.subjectId),
    check('alerts_status_check', sql`${t.status} in ('pending','delivered','failed','digested')`),
    check('alerts_medium_check', sql`${t.medium} in ('in_app','slack','teams','email','webhook')`),
  ],
);

/** Every delivery attempt of an alert, with what the other side answered. */
export const alertAttempts = pgTable(
  'alert_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => alerts.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    outcome: text('outcome').notNull(),
    /** HTTP status or SMTP reply code. */
    status: integer('status'),
    response: text('response'),
    error: text('error'),
  },
  (t) => [uniqueIndex('alert_attempts_alert_attempt_key').on(t.alertId, t.attempt)],
);

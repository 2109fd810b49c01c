import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './identity.table';

/** Configured connections that bring mentions in. Credentials are AES-256-GCM ciphertext (never returned). */
export const sources = pgTable(
  'sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull().default('active'),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    /** `v1.<iv>.<tag>.<ciphertext>` (base64url) of the credentials JSON object, or null. */
    credentialsCiphertext: text('credentials_ciphertext'),
    /** Which credential keys are set (names only), so the API can say so without decrypting. */
    credentialKeys: jsonb('credential_keys').$type<string[]>().notNull().default([]),
    cursor: text('cursor'),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }),
    lagMs: integer('lag_ms'),
    received: bigint('received', { mode: 'number' }).notNull().default(0),
    accepted: bigint('accepted', { mode: 'number' }).notNull().default(0),
    duplicates: bigint('duplicates', { mode: 'number' }).notNull().default(0),
    skipped: bigint('skipped', { mode: 'number' }).notNull().default(0),
    recentErrors: jsonb('recent_errors').$type<{ at: string; message: string }[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sources_workspace_idx').on(t.workspaceId)],
);

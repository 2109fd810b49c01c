import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './identity.table';

export const brands = pgTable(
  'brands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    name: text('name').notNull(),
    handles: jsonb('handles').$type<Record<string, string[]>>().notNull().default({}),
    keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
    /** The brand's listening query (docs/listening.md); null: derived from keywords and handles. */
    query: text('query'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('brands_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
    index('brands_workspace_idx').on(t.workspaceId),
  ],
);

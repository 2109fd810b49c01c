import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PlaybookContent } from '../../../../contracts';
import { workspaces } from './identity.table';

export const playbooks = pgTable(
  'playbooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    crisisType: text('crisis_type').notNull(),
    name: text('name').notNull(),
    currentVersion: integer('current_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('playbooks_workspace_type_key').on(t.workspaceId, t.crisisType)],
);

/** Immutable: a change to a playbook is a new version, with who changed it and why. */
export const playbookVersions = pgTable(
  'playbook_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    playbookId: uuid('playbook_id')
      .notNull()
      .references(() => playbooks.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<PlaybookContent>().notNull(),
    reason: text('reason').notNull(),
    changedBy: text('changed_by').notNull(),
    changedById: uuid('changed_by_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('playbook_versions_playbook_version_key').on(t.playbookId, t.version)],
);

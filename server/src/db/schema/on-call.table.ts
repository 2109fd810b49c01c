import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { members, workspaces } from './identity.table';

/** One rotation per department: members in order, each on call for `handoff_every_hours` from `starts_at`. */
export const onCallRotations = pgTable(
  'on_call_rotations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    department: text('department').notNull(),
    memberIds: jsonb('member_ids').$type<string[]>().notNull().default([]),
    handoffEveryHours: integer('handoff_every_hours').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('on_call_rotations_workspace_department_key').on(t.workspaceId, t.department)],
);

/** A member covering a department from one time to another, whatever the rotation says. */
export const onCallOverrides = pgTable(
  'on_call_overrides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    department: text('department').notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('on_call_overrides_workspace_idx').on(t.workspaceId, t.department, t.endsAt)],
);

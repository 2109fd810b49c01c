import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { members, workspaces } from './identity.table';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const crises = pgTable(
  'crises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    type: text('type').notNull(),
    severity: text('severity').notNull(),
    status: text('status').notNull(),
    brandId: uuid('brand_id'),
    /** The detection signal it was declared from (no foreign key until signals exist). */
    signalId: uuid('signal_id'),
    evidenceMentionIds: jsonb('evidence_mention_ids').$type<string[]>().notNull().default([]),
    playbookVersionId: uuid('playbook_version_id'),
    playbookVersion: integer('playbook_version'),
    declaredBy: uuid('declared_by').references(() => members.id),
    declaredAt: ts('declared_at').notNull(),
    statusChangedAt: ts('status_changed_at').notNull(),
    nextSitrepDueAt: ts('next_sitrep_due_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('crises_workspace_idx').on(t.workspaceId, t.declaredAt)],
);

/** Who held which role when: a handover closes one tenure (handed_over_at) and opens the next. */
export const crisisRoleAssignments = pgTable(
  'crisis_role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    crisisId: uuid('crisis_id')
      .notNull()
      .references(() => crises.id),
    role: text('role').notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => members.id),
    source: text('source').notNull(),
    assumedAt: ts('assumed_at').notNull(),
    handedOverAt: ts('handed_over_at'),
  },
  (t) => [index('crisis_role_assignments_crisis_idx').on(t.crisisId)],
);

export const crisisTimeline = pgTable(
  'crisis_timeline',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    crisisId: uuid('crisis_id')
      .notNull()
      .references(() => crises.id),
    /** Insertion order: entries written in one transaction share a timestamp. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('crisis_timeline_crisis_idx').on(t.crisisId, t.at)],
);

export const crisisMessages = pgTable(
  'crisis_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    crisisId: uuid('crisis_id')
      .notNull()
      .references(() => crises.id),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    mentions: jsonb('mentions').$type<string[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('crisis_messages_crisis_idx').on(t.crisisId, t.createdAt)],
);

export const crisisDecisions = pgTable(
  'crisis_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    crisisId: uuid('crisis_id')
      .notNull()
      .references(() => crises.id),
    decision: text('decision').notNull(),
    rationale: text('rationale').notNull().default(''),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name').notNull(),
    decidedAt: ts('decided_at').notNull(),
  },
  (t) => [index('crisis_decisions_crisis_idx').on(t.crisisId)],
);

export const crisisFacts = pgTable(
  'crisis_facts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    crisisId: uuid('crisis_id')
      .notNull()
      .references(() => crises.id),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('crisis_facts_crisis_idx').on(t.crisisId)],
);

export const crisisTasks = pgTable(
  'crisis_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    crisisId: uuid('crisis_id')
      .notNull()
      .references(() => crises.id),
    playbookTaskKey: text('playbook_task_key'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    department: text('department').notNull(),
    ownerId: uuid('owner_id').references(() => members.id),
    deadline: ts('deadline'),
    status: text('status').notNull().default('todo'),
    dependsOn: jsonb('depends_on').$type<string[]>().notNull().default([]),
    escalatedAt: ts('escalated_at'),
    completedAt: ts('completed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('crisis_tasks_crisis_idx').on(t.crisisId)],
);

export const crisisSitreps = pgTable(
  'crisis_sitreps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    crisisId: uuid('crisis_id')
      .notNull()
      .references(() => crises.id),
    situation: text('situation').notNull(),
    actions: text('actions').notNull().default(''),
    needs: text('needs').notNull().default(''),
    authorId: uuid('author_id'),
    authorName: text('author_name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('crisis_sitreps_crisis_idx').on(t.crisisId)],
);

import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import {
  brands,
  crises,
  crisisDecisions,
  crisisFacts,
  crisisMessages,
  crisisRoleAssignments,
  crisisSitreps,
  crisisTasks,
  crisisTimeline,
  mentions,
} from '../db/schema';
import { AuditRepository } from './audit.repository';
import { EventRepository } from './event.repository';
import { IdentityRepository } from './identity.repository';
import { OnCallRepository } from './on-call.repository';
import { PlaybookRepository } from './playbook.repository';

export type CrisisRow = typeof crises.$inferSelect;
export type RoleAssignmentRow = typeof crisisRoleAssignments.$inferSelect;
export type TimelineRow = typeof crisisTimeline.$inferSelect;
export type MessageRow = typeof crisisMessages.$inferSelect;
export type DecisionRow = typeof crisisDecisions.$inferSelect;
export type FactRow = typeof crisisFacts.$inferSelect;
export type TaskRow = typeof crisisTasks.$inferSelect;
export type SitrepRow = typeof crisisSitreps.$inferSelect;

type CrisisPatch = Partial<
  Pick<CrisisRow, 'status' | 'severity' | 'statusChangedAt' | 'nextSitrepDueAt' | 'title' | 'summary'>
>;
export type TaskPatch = Partial<
  Pick<
    TaskRow,
    | 'title'
    | 'description'
    | 'department'
    | 'ownerId'
    | 'deadline'
    | 'status'
    | 'dependsOn'
    | 'escalatedAt'
    | 'completedAt'
  >
>;

/**
 * Crises and everything in their room. Child rows are reached through a crisis the caller has already
 * loaded with its workspace id, so every read and write stays inside one workspace.
 */
export class CrisisRepository {
  constructor(private readonly db: Db) {}

  async list(workspaceId: string): Promise<CrisisRow[]> {
    return this.db
      .select()
      .from(crises)
      .where(eq(crises.workspaceId, workspaceId))
      .orderBy(desc(crises.declaredAt))
      .limit(500);
  }

  async find(workspaceId: string, id: string): Promise<CrisisRow | undefined> {
    const [row] = await this.db
      .select()
      .from(crises)
      .where(and(eq(crises.workspaceId, workspaceId), eq(crises.id, id)));
    return row;
  }

  /** Locks the crisis row for the rest of the transaction (serialises concurrent changes to one crisis). */
  async findForUpdate(workspaceId: string, id: string): Promise<CrisisRow | undefined> {
    return this.findLocked(workspaceId, id, 'update');
  }

  /**
   * `update` serialises changes to one crisis; `share` lets additions that touch no shared state (messages,
   * notes, decisions) run side by side while still waiting for, and holding off, a status or role change.
   */
  async findLocked(
    workspaceId: string,
    id: string,
    mode: 'update' | 'share',
  ): Promise<CrisisRow | undefined> {
    const [row] = await this.db
      .select()
      .from(crises)
      .where(and(eq(crises.workspaceId, workspaceId), eq(crises.id, id)))
      .for(mode);
    return row;
  }

  async insert(values: typeof crises.$inferInsert): Promise<CrisisRow> {
    const [row] = await this.db.insert(crises).values(values).returning();
    return row!;
  }

  async update(workspaceId: string, id: string, patch: CrisisPatch): Promise<CrisisRow> {
    const [row] = await this.db
      .update(crises)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(crises.workspaceId, workspaceId), eq(crises.id, id)))
      .returning();
    return row!;
  }

  // ---- roles ----

  async roles(crisisId: string, includeHistory = true): Promise<RoleAssignmentRow[]> {
    return this.db
      .select()
      .from(crisisRoleAssignments)
      .where(
        and(
          eq(crisisRoleAssignments.crisisId, crisisId),
          includeHistory ? undefined : isNull(crisisRoleAssignments.handedOverAt),
        ),
      )
      .orderBy(asc(crisisRoleAssignments.assumedAt));
  }

  /**
   * The current roles one member holds in a crisis, plus the current lead's: all a capability check and a
   * presented crisis need, without reading every participant's seat (a room may seat hundreds).
   */
  async currentRolesOfMemberAndLead(crisisId: string, memberId: string | null): Promise<RoleAssignmentRow[]> {
    return this.db
      .select()
      .from(crisisRoleAssignments)
      .where(
        and(
          eq(crisisRoleAssignments.crisisId, crisisId),
          isNull(crisisRoleAssignments.handedOverAt),
          memberId
            ? or(eq(crisisRoleAssignments.memberId, memberId), eq(crisisRoleAssignments.role, 'crisis_lead'))
            : eq(crisisRoleAssignments.role, 'crisis_lead'),
        ),
      )
      .orderBy(asc(crisisRoleAssignments.assumedAt));
  }

  /** Current (not handed over) lead of each crisis. */
  async currentLeads(crisisIds: string[]): Promise<Map<string, string>> {
    if (crisisIds.length === 0) return new Map();
    const rows = await this.db
      .select({ crisisId: crisisRoleAssignments.crisisId, memberId: crisisRoleAssignments.memberId })
      .from(crisisRoleAssignments)
      .where(
        and(
          inArray(crisisRoleAssignments.crisisId, crisisIds),
          eq(crisisRoleAssignments.role, 'crisis_lead'),
          isNull(crisisRoleAssignments.handedOverAt),
        ),
      );
    return new Map(rows.map((r) => [r.crisisId, r.memberId]));
  }

  async insertRoles(values: Array<typeof crisisRoleAssignments.$inferInsert>): Promise<void> {
    if (values.length > 0) await this.db.insert(crisisRoleAssignments).values(values);
  }

  async handOver(id: string, at: Date): Promise<void> {
    await this.db
      .update(crisisRoleAssignments)
      .set({ handedOverAt: at })
      .where(and(eq(crisisRoleAssignments.id, id), isNull(crisisRoleAssignments.handedOverAt)));
  }

  // ---- timeline, messages, decisions, facts, sitreps ----

  async appendTimeline(values: typeof crisisTimeline.$inferInsert): Promise<TimelineRow> {
    const [row] = await this.db.insert(crisisTimeline).values(values).returning();
    return row!;
  }

  async timeline(crisisId: string): Promise<TimelineRow[]> {
    return this.db
      .select()
      .from(crisisTimeline)
      .where(eq(crisisTimeline.crisisId, crisisId))
      .orderBy(asc(crisisTimeline.seq));
  }

  async insertMessage(values: typeof crisisMessages.$inferInsert): Promise<MessageRow> {
    const [row] = await this.db.insert(crisisMessages).values(values).returning();
    return row!;
  }

  /** The latest `limit` messages, oldest first. */
  async messages(crisisId: string, limit = 500): Promise<MessageRow[]> {
    const rows = await this.db
      .select()
      .from(crisisMessages)
      .where(eq(crisisMessages.crisisId, crisisId))
      .orderBy(desc(crisisMessages.seq))
      .limit(limit);
    return rows.reverse();
  }

  async insertDecision(values: typeof crisisDecisions.$inferInsert): Promise<DecisionRow> {
    const [row] = await this.db.insert(crisisDecisions).values(values).returning();
    return row!;
  }

  async decisions(crisisId: string): Promise<DecisionRow[]> {
    return this.db
      .select()
      .from(crisisDecisions)
      .where(eq(crisisDecisions.crisisId, crisisId))
      .orderBy(asc(crisisDecisions.decidedAt));
  }

  async insertFact(values: typeof crisisFacts.$inferInsert): Promise<FactRow> {
    const [row] = await this.db.insert(crisisFacts).values(values).returning();
    return row!;
  }

  async updateFact(crisisId: string, id: string, patch: Partial<Pick<FactRow, 'kind' | 'text'>>) {
    const [row] = await this.db
      .update(crisisFacts)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(crisisFacts.crisisId, crisisId), eq(crisisFacts.id, id)))
      .returning();
    return row;
  }

  async deleteFact(crisisId: string, id: string): Promise<FactRow | undefined> {
    const [row] = await this.db
      .delete(crisisFacts)
      .where(and(eq(crisisFacts.crisisId, crisisId), eq(crisisFacts.id, id)))
      .returning();
    return row;
  }

  async facts(crisisId: string): Promise<FactRow[]> {
    return this.db
      .select()
      .from(crisisFacts)
      .where(eq(crisisFacts.crisisId, crisisId))
      .orderBy(asc(crisisFacts.createdAt));
  }

  async insertSitrep(values: typeof crisisSitreps.$inferInsert): Promise<SitrepRow> {
    const [row] = await this.db.insert(crisisSitreps).values(values).returning();
    return row!;
  }

  async sitreps(crisisId: string): Promise<SitrepRow[]> {
    return this.db
      .select()
      .from(crisisSitreps)
      .where(eq(crisisSitreps.crisisId, crisisId))
      .orderBy(asc(crisisSitreps.createdAt));
  }

  // ---- tasks ----

  /** Many tasks in one multi-row INSERT (a playbook instantiates a dozen at once). */
  async insertTasks(values: Array<typeof crisisTasks.$inferInsert>): Promise<TaskRow[]> {
    if (values.length === 0) return [];
    return this.db.insert(crisisTasks).values(values).returning();
  }

  async tasks(crisisId: string): Promise<TaskRow[]> {
    return this.db
      .select()
      .from(crisisTasks)
      .where(eq(crisisTasks.crisisId, crisisId))
      .orderBy(asc(crisisTasks.deadline), asc(crisisTasks.createdAt));
  }

  async findTask(crisisId: string, id: string): Promise<TaskRow | undefined> {
    const [row] = await this.db
      .select()
      .from(crisisTasks)
      .where(and(eq(crisisTasks.crisisId, crisisId), eq(crisisTasks.id, id)));
    return row;
  }

  async updateTask(crisisId: string, id: string, patch: TaskPatch): Promise<TaskRow> {
    const [row] = await this.db
      .update(crisisTasks)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(crisisTasks.crisisId, crisisId), eq(crisisTasks.id, id)))
      .returning();
    return row!;
  }

  /** Marks a task escalated once: returns false when it was already escalated (idempotent jobs). */
  async markEscalated(crisisId: string, id: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(crisisTasks)
      .set({ escalatedAt: at })
      .where(and(eq(crisisTasks.crisisId, crisisId), eq(crisisTasks.id, id), isNull(crisisTasks.escalatedAt)))
      .returning({ id: crisisTasks.id });
    return rows.length === 1;
  }

  /** Whether the brand exists in this workspace (a crisis may name the brand it is about). */
  async brandExists(workspaceId: string, brandId: string): Promise<boolean> {
    const rows = await this.db
      .select({ id: brands.id })
      .from(brands)
      .where(and(eq(brands.workspaceId, workspaceId), eq(brands.id, brandId)));
    return rows.length === 1;
  }

  /** The ones among `ids` that are mentions of this workspace (the evidence a crisis is declared with). */
  async existingMentionIds(workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
    const uuids = ids.filter((id) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id),
    );
    if (uuids.length === 0) return new Set();
    const rows = await this.db
      .select({ id: mentions.id })
      .from(mentions)
      .where(and(eq(mentions.workspaceId, workspaceId), inArray(mentions.id, uuids)));
    return new Set(rows.map((r) => r.id));
  }

  async ping(): Promise<void> {
    await this.db.execute(sql`select 1`);
  }
}

/** Repositories bound to one transaction for the war room: its rows, the audit row and the live events. */
export interface CrisisUnitOfWork {
  crises: CrisisRepository;
  playbooks: PlaybookRepository;
  onCall: OnCallRepository;
  identity: IdentityRepository;
  audit: AuditRepository;
  events: EventRepository;
}

export type CrisisTransact = <T>(work: (uow: CrisisUnitOfWork) => Promise<T>) => Promise<T>;

export function crisisUnitOfWork(db: Db): CrisisUnitOfWork {
  return {
    crises: new CrisisRepository(db),
    playbooks: new PlaybookRepository(db),
    onCall: new OnCallRepository(db),
    identity: new IdentityRepository(db),
    audit: new AuditRepository(db),
    events: new EventRepository(db),
  };
}

export function createCrisisTransact(db: Db): CrisisTransact {
  return (work) => db.transaction((tx) => work(crisisUnitOfWork(tx as unknown as Db)));
}

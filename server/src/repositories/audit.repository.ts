import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Actor } from '../domain/actor';
import type { Db } from '../db/database';
import { auditLog } from '../db/schema';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditAppend {
  action: string;
  targetType: string;
  targetId: string | null;
  summary: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string | undefined;
  targetType?: string | undefined;
  actorId?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  beforeId?: number | undefined;
  limit: number;
}

/** The append-only audit log: this class has no update or delete, and the database refuses them too. */
export class AuditRepository {
  constructor(private readonly db: Db) {}

  async append(actor: Actor, entry: AuditAppend): Promise<AuditRow> {
    const [row] = await this.db
      .insert(auditLog)
      .values({
        workspaceId: actor.workspaceId,
        actorKind: actor.kind,
        actorId: actor.id,
        actorLabel: actor.label,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        summary: entry.summary,
        requestId: actor.requestId,
        ip: actor.ip,
      })
      .returning();
    return row!;
  }

  async list(workspaceId: string, filter: AuditFilter): Promise<AuditRow[]> {
    const conditions: (SQL | undefined)[] = [
      eq(auditLog.workspaceId, workspaceId),
      filter.action ? eq(auditLog.action, filter.action) : undefined,
      filter.targetType ? eq(auditLog.targetType, filter.targetType) : undefined,
      filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
      filter.since ? gte(auditLog.createdAt, filter.since) : undefined,
      filter.until ? lte(auditLog.createdAt, filter.until) : undefined,
      filter.beforeId !== undefined ? lt(auditLog.id, filter.beforeId) : undefined,
    ];
    return this.db
      .select()
      .from(auditLog)
      .where(and(...conditions))
      .orderBy(desc(auditLog.id))
      .limit(filter.limit);
  }
}

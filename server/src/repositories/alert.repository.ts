// Alerts (one notification of a subject to one target), their delivery attempts and the actions taken on them.
import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { alertAttempts, alerts } from '../db/schema';
import { AuditRepository } from './audit.repository';
import { EventRepository } from './event.repository';
import { NotificationChannelRepository } from './notification-channel.repository';

export type AlertRow = typeof alerts.$inferSelect;
export type AlertInsert = typeof alerts.$inferInsert;
export type AlertAttemptRow = typeof alertAttempts.$inferSelect;

export interface AttemptRecord {
  attempt: number;
  at: Date;
  outcome: 'delivered' | 'retryable' | 'permanent';
  status: number | null;
  response: string | null;
  error: string | null;
}

export class AlertRepository {
  constructor(private readonly db: Db) {}

  /** Inserts unless the target already has an alert with this dedupe key; undefined then. */
  async insertUnlessDuplicate(values: AlertInsert): Promise<AlertRow | undefined> {
    const [row] = await this.db.insert(alerts).values(values).onConflictDoNothing().returning();
    return row;
  }

  async find(workspaceId: string, id: string): Promise<AlertRow | undefined> {
    const [row] = await this.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.workspaceId, workspaceId), eq(alerts.id, id)));
    return row;
  }

  /** By id alone: the Slack interaction route learns the workspace from the alert its button names. */
  async findAnyWorkspace(id: string): Promise<AlertRow | undefined> {
    const [row] = await this.db.select().from(alerts).where(eq(alerts.id, id));
    return row;
  }

  /** What flood control needs to know about a target's recent alerts. */
  async recentForTarget(
    workspaceId: string,
    targetKey: string,
    since: Date,
    dedupeKey: string,
  ): Promise<
    Pick<AlertRow, 'subjectType' | 'subjectId' | 'dedupeKey' | 'createdAt' | 'heldForDigest' | 'notBefore'>[]
  > {
    return this.db
      .select({
        subjectType: alerts.subjectType,
        subjectId: alerts.subjectId,
        dedupeKey: alerts.dedupeKey,
        createdAt: alerts.createdAt,
        heldForDigest: alerts.heldForDigest,
        notBefore: alerts.notBefore,
      })
      .from(alerts)
      .where(
        and(
          eq(alerts.workspaceId, workspaceId),
          eq(alerts.targetKey, targetKey),
          sql`(${alerts.createdAt} > ${since.toISOString()} or ${alerts.dedupeKey} = ${dedupeKey})`,
          // A digest alert stands for others; it is not a subject of its own.
          sql`${alerts.subjectType} <> 'digest'`,
        ),
      );
  }

  /** Alerts of a target held for a digest and due by `dueBy`, oldest first. */
  async heldForDigest(workspaceId: string, targetKey: string, dueBy: Date): Promise<AlertRow[]> {
    return this.db
      .select()
      .from(alerts)
      .where(
        and(
          eq(alerts.workspaceId, workspaceId),
          eq(alerts.targetKey, targetKey),
          eq(alerts.heldForDigest, true),
          eq(alerts.status, 'pending'),
          lte(alerts.notBefore, dueBy),
        ),
      )
      .orderBy(asc(alerts.createdAt));
  }

  async markDigested(workspaceId: string, ids: string[], digestId: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .update(alerts)
      .set({ status: 'digested', digestId, heldForDigest: false })
      .where(and(eq(alerts.workspaceId, workspaceId), inArray(alerts.id, ids)));
  }

  /** Records one attempt and moves the alert to its new state, in the caller's transaction. */
  async recordAttempt(
    alert: Pick<AlertRow, 'id' | 'workspaceId'>,
    attempt: AttemptRecord,
    next: { status: 'pending' | 'delivered' | 'failed'; notBefore: Date | null },
  ): Promise<AlertRow> {
    await this.db.insert(alertAttempts).values({ alertId: alert.id, ...attempt });
    const [row] = await this.db
      .update(alerts)
      .set({
        status: next.status,
        attemptCount: attempt.attempt,
        notBefore: next.notBefore,
        ...(next.status === 'delivered' ? { deliveredAt: attempt.at } : {}),
      })
      .where(and(eq(alerts.workspaceId, alert.workspaceId), eq(alerts.id, alert.id)))
      .returning();
    return row!;
  }

  async attemptsOf(alertIds: string[]): Promise<Map<string, AlertAttemptRow[]>> {
    const out = new Map<string, AlertAttemptRow[]>();
    if (alertIds.length === 0) return out;
    const rows = await this.db
      .select()
      .from(alertAttempts)
      .where(inArray(alertAttempts.alertId, alertIds))
      .orderBy(asc(alertAttempts.attempt));
    for (const row of rows) {
      const list = out.get(row.alertId) ?? [];
      list.push(row);
      out.set(row.alertId, list);
    }
    return out;
  }

  async list(
    workspaceId: string,
    filter: { status?: string | undefined; limit: number },
  ): Promise<AlertRow[]> {
    return this.db
      .select()
      .from(alerts)
      .where(
        and(
          eq(alerts.workspaceId, workspaceId),
          filter.status ? eq(alerts.status, filter.status) : undefined,
        ),
      )
      .orderBy(desc(alerts.createdAt))
      .limit(filter.limit);
  }

  /** A member's in-app notifications, newest first. */
  async listForMember(
    workspaceId: string,
    memberId: string,
    filter: { unread: boolean; limit: number },
  ): Promise<AlertRow[]> {
    return this.db
      .select()
      .from(alerts)
      .where(
        and(
          eq(alerts.workspaceId, workspaceId),
          eq(alerts.recipientMemberId, memberId),
          eq(alerts.medium, 'in_app'),
          eq(alerts.status, 'delivered'),
          filter.unread ? isNull(alerts.readAt) : undefined,
        ),
      )
      .orderBy(desc(alerts.createdAt))
      .limit(filter.limit);
  }

  async markRead(workspaceId: string, memberId: string, id: string, at: Date): Promise<AlertRow | undefined> {
    const [row] = await this.db
      .update(alerts)
      .set({ readAt: sql`coalesce(${alerts.readAt}, ${at.toISOString()}::timestamptz)` })
      .where(
        and(
          eq(alerts.workspaceId, workspaceId),
          eq(alerts.id, id),
          eq(alerts.recipientMemberId, memberId),
          eq(alerts.medium, 'in_app'),
        ),
      )
      .returning();
    return row;
  }

  /** Appends an action; an acknowledgement also sets `acknowledged_at/by` the first time. */
  async recordAction(
    workspaceId: string,
    id: string,
    entry: { action: string; by: string; at: Date },
  ): Promise<AlertRow | undefined> {
    const item = JSON.stringify([{ action: entry.action, by: entry.by, at: entry.at.toISOString() }]);
    const ack = entry.action === 'acknowledge';
    const [row] = await this.db
      .update(alerts)
      .set({
        actions: sql`${alerts.actions} || ${item}::jsonb`,
        ...(ack
          ? {
              acknowledgedAt: sql`coalesce(${alerts.acknowledgedAt}, ${entry.at.toISOString()}::timestamptz)`,
              acknowledgedBy: sql`coalesce(${alerts.acknowledgedBy}, ${entry.by})`,
            }
          : {}),
      })
      .where(and(eq(alerts.workspaceId, workspaceId), eq(alerts.id, id)))
      .returning();
    return row;
  }
}

/** Repositories bound to one transaction for alerting: alert rows, channels, the audit row and live events. */
export interface AlertUnitOfWork {
  alerts: AlertRepository;
  channels: NotificationChannelRepository;
  audit: AuditRepository;
  events: EventRepository;
}

export type AlertTransact = <T>(work: (uow: AlertUnitOfWork) => Promise<T>) => Promise<T>;

export function alertUnitOfWork(db: Db): AlertUnitOfWork {
  return {
    alerts: new AlertRepository(db),
    channels: new NotificationChannelRepository(db),
    audit: new AuditRepository(db),
    events: new EventRepository(db),
  };
}

export function createAlertTransact(db: Db): AlertTransact {
  return (work) => db.transaction((tx) => work(alertUnitOfWork(tx as unknown as Db)));
}

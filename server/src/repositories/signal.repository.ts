// Signals, their detections and feedback, and routing rules.
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { routingRules, signalDetections, signalFeedback, signals } from '../db/schema';
import { AuditRepository } from './audit.repository';
import { EventRepository } from './event.repository';

export type SignalRow = typeof signals.$inferSelect;
export type SignalInsert = typeof signals.$inferInsert;
export type SignalPatch = Partial<Omit<SignalInsert, 'id' | 'workspaceId' | 'createdAt'>>;
export type DetectionRow = typeof signalDetections.$inferSelect;
export type DetectionInsert = typeof signalDetections.$inferInsert;
export type FeedbackRow = typeof signalFeedback.$inferSelect;
export type RoutingRuleRow = typeof routingRules.$inferSelect;
export type RoutingRuleInsert = typeof routingRules.$inferInsert;

export interface SignalFilter {
  statuses?: readonly string[] | undefined;
  brandId?: string | undefined;
  kind?: string | undefined;
  severities?: readonly string[] | undefined;
  since?: Date | undefined;
  limit: number;
}

export interface FeedbackTallyRow {
  key: string;
  signals: number;
  withFeedback: number;
  real: number;
  noise: number;
}

export class SignalRepository {
  constructor(private readonly db: Db) {}

  async insert(values: SignalInsert): Promise<SignalRow> {
    const [row] = await this.db.insert(signals).values(values).returning();
    return row!;
  }

  async update(workspaceId: string, id: string, patch: SignalPatch): Promise<SignalRow | undefined> {
    const [row] = await this.db
      .update(signals)
      .set({ ...patch, updatedAt: patch.updatedAt ?? new Date() })
      .where(and(eq(signals.workspaceId, workspaceId), eq(signals.id, id)))
      .returning();
    return row;
  }

  async find(workspaceId: string, id: string): Promise<SignalRow | undefined> {
    const [row] = await this.db
      .select()
      .from(signals)
      .where(and(eq(signals.workspaceId, workspaceId), eq(signals.id, id)));
    return row;
  }

  /** Locks the row for the rest of the transaction (status changes from the API, Slack and jobs race). */
  async findForUpdate(workspaceId: string, id: string): Promise<SignalRow | undefined> {
    const [row] = await this.db
      .select()
      .from(signals)
      .where(and(eq(signals.workspaceId, workspaceId), eq(signals.id, id)))
      .for('update');
    return row;
  }

  async list(workspaceId: string, f: SignalFilter): Promise<SignalRow[]> {
    const conditions = [eq(signals.workspaceId, workspaceId)];
    if (f.statuses) conditions.push(inArray(signals.status, [...f.statuses]));
    if (f.brandId) conditions.push(eq(signals.brandId, f.brandId));
    if (f.kind) conditions.push(eq(signals.kind, f.kind));
    if (f.severities) conditions.push(inArray(signals.severity, [...f.severities]));
    if (f.since) conditions.push(gte(signals.lastDetectedAt, f.since));
    return this.db
      .select()
      .from(signals)
      .where(and(...conditions))
      .orderBy(desc(signals.lastDetectedAt), desc(signals.createdAt))
      .limit(f.limit);
  }

  /** Signals of the workspace a detection may join: not merged, last detected since `since`. */
  async candidates(workspaceId: string, since: Date): Promise<SignalRow[]> {
    return this.db
      .select()
      .from(signals)
      .where(
        and(
          eq(signals.workspaceId, workspaceId),
          gte(signals.lastDetectedAt, since),
          sql`${signals.status} <> 'merged'`,
        ),
      );
  }

  async mergedInto(workspaceId: string, id: string): Promise<SignalRow[]> {
    return this.db
      .select()
      .from(signals)
      .where(and(eq(signals.workspaceId, workspaceId), eq(signals.mergedIntoId, id)))
      .orderBy(asc(signals.startedAt));
  }

  /** Snoozed signals whose snooze has ended by `now` (all workspaces). */
  async snoozeEnded(now: Date): Promise<SignalRow[]> {
    return this.db
      .select()
      .from(signals)
      .where(and(eq(signals.status, 'snoozed'), lte(signals.snoozedUntil, now)));
  }

  /** Open signals whose next escalation step is due by `now` (all workspaces): the sweep behind the jobs. */
  async escalationsDue(now: Date): Promise<SignalRow[]> {
    return this.db
      .select()
      .from(signals)
      .where(
        and(
          eq(signals.status, 'open'),
          isNotNull(signals.escalationDueAt),
          lte(signals.escalationDueAt, now),
        ),
      );
  }

  // ---------- detections ----------

  /** Inserts unless the same series, metric and bucket was already recorded (a replay); undefined then. */
  async insertDetection(values: DetectionInsert): Promise<DetectionRow | undefined> {
    const [row] = await this.db.insert(signalDetections).values(values).onConflictDoNothing().returning();
    return row;
  }

  async detectionExists(
    workspaceId: string,
    brandId: string,
    seriesKey: string,
    metric: string,
    t: Date,
  ): Promise<boolean> {
    const [row] = await this.db
      .select({ id: signalDetections.id })
      .from(signalDetections)
      .where(
        and(
          eq(signalDetections.workspaceId, workspaceId),
          eq(signalDetections.brandId, brandId),
          eq(signalDetections.seriesKey, seriesKey),
          eq(signalDetections.metric, metric),
          eq(signalDetections.t, t),
        ),
      );
    return row !== undefined;
  }

  async detections(signalIds: readonly string[]): Promise<DetectionRow[]> {
    if (signalIds.length === 0) return [];
    return this.db
      .select()
      .from(signalDetections)
      .where(inArray(signalDetections.signalId, [...signalIds]))
      .orderBy(asc(signalDetections.t), asc(signalDetections.createdAt));
  }

  async moveDetections(fromIds: readonly string[], toId: string): Promise<void> {
    if (fromIds.length === 0) return;
    await this.db
      .update(signalDetections)
      .set({ signalId: toId })
      .where(inArray(signalDetections.signalId, [...fromIds]));
  }

  // ---------- feedback ----------

  async insertFeedback(values: typeof signalFeedback.$inferInsert): Promise<FeedbackRow> {
    const [row] = await this.db.insert(signalFeedback).values(values).returning();
    return row!;
  }

  async feedback(signalId: string): Promise<FeedbackRow[]> {
    return this.db
      .select()
      .from(signalFeedback)
      .where(eq(signalFeedback.signalId, signalId))
      .orderBy(asc(signalFeedback.createdAt));
  }

  /** Signals created in [since, until) grouped by `by` (kind, severity or brand) with their latest verdicts. */
  async feedbackTally(
    workspaceId: string,
    by: 'kind' | 'severity' | 'brand_id' | 'all',
    since: Date,
    until: Date,
    brandId: string | undefined,
  ): Promise<FeedbackTallyRow[]> {
    const key = by === 'all' ? sql.raw(`'all'`) : sql.raw(by);
    const result: unknown = await this.db.execute(sql`
      SELECT ${key}::text AS key, count(*)::int AS signals,
        count(feedback)::int AS with_feedback,
        count(*) FILTER (WHERE feedback = 'real')::int AS real,
        count(*) FILTER (WHERE feedback = 'noise')::int AS noise
      FROM signals
      WHERE workspace_id = ${workspaceId}::uuid AND status <> 'merged'
        AND created_at >= ${since.toISOString()}::timestamptz AND created_at < ${until.toISOString()}::timestamptz
        ${brandId ? sql`AND brand_id = ${brandId}::uuid` : sql``}
      GROUP BY 1 ORDER BY 1`);
    return (result as { rows: Record<string, unknown>[] }).rows.map((r) => ({
      key: r.key as string,
      signals: Number(r.signals),
      withFeedback: Number(r.with_feedback),
      real: Number(r.real),
      noise: Number(r.noise),
    }));
  }

  // ---------- routing rules ----------

  async rules(workspaceId: string): Promise<RoutingRuleRow[]> {
    return this.db
      .select()
      .from(routingRules)
      .where(eq(routingRules.workspaceId, workspaceId))
      .orderBy(asc(routingRules.createdAt), asc(routingRules.name));
  }

  async findRule(workspaceId: string, id: string): Promise<RoutingRuleRow | undefined> {
    const [row] = await this.db
      .select()
      .from(routingRules)
      .where(and(eq(routingRules.workspaceId, workspaceId), eq(routingRules.id, id)));
    return row;
  }

  async insertRule(values: RoutingRuleInsert): Promise<RoutingRuleRow> {
    const [row] = await this.db.insert(routingRules).values(values).returning();
    return row!;
  }

  async updateRule(
    workspaceId: string,
    id: string,
    patch: Partial<Omit<RoutingRuleInsert, 'id' | 'workspaceId' | 'createdAt'>>,
  ): Promise<RoutingRuleRow | undefined> {
    const [row] = await this.db
      .update(routingRules)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(routingRules.workspaceId, workspaceId), eq(routingRules.id, id)))
      .returning();
    return row;
  }

  async deleteRule(workspaceId: string, id: string): Promise<RoutingRuleRow | undefined> {
    const [row] = await this.db
      .delete(routingRules)
      .where(and(eq(routingRules.workspaceId, workspaceId), eq(routingRules.id, id)))
      .returning();
    return row;
  }
}

export interface SignalUnitOfWork {
  signals: SignalRepository;
  audit: AuditRepository;
  events: EventRepository;
}

export type SignalTransact = <T>(work: (uow: SignalUnitOfWork) => Promise<T>) => Promise<T>;

export function createSignalTransact(db: Db): SignalTransact {
  return (work) =>
    db.transaction((tx) => {
      const t = tx as unknown as Db;
      return work({
        signals: new SignalRepository(t),
        audit: new AuditRepository(t),
        events: new EventRepository(t),
      });
    });
}

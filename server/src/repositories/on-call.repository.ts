import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/database';
import { onCallOverrides, onCallRotations } from '../db/schema';

export type RotationRow = typeof onCallRotations.$inferSelect;
export type OverrideRow = typeof onCallOverrides.$inferSelect;

/** On-call rotations (one per department) and overrides. */
export class OnCallRepository {
  constructor(private readonly db: Db) {}

  async rotations(workspaceId: string): Promise<RotationRow[]> {
    return this.db
      .select()
      .from(onCallRotations)
      .where(eq(onCallRotations.workspaceId, workspaceId))
      .orderBy(asc(onCallRotations.department));
  }

  async upsertRotation(values: {
    workspaceId: string;
    department: string;
    memberIds: string[];
    handoffEveryHours: number;
    startsAt: Date;
  }): Promise<RotationRow> {
    const [row] = await this.db
      .insert(onCallRotations)
      .values(values)
      .onConflictDoUpdate({
        target: [onCallRotations.workspaceId, onCallRotations.department],
        set: {
          memberIds: values.memberIds,
          handoffEveryHours: values.handoffEveryHours,
          startsAt: values.startsAt,
          updatedAt: new Date(),
        },
      })
      .returning();
    return row!;
  }

  /** Overrides that have not ended by `after`. */
  async overrides(workspaceId: string, after: Date): Promise<OverrideRow[]> {
    return this.db
      .select()
      .from(onCallOverrides)
      .where(and(eq(onCallOverrides.workspaceId, workspaceId), gt(onCallOverrides.endsAt, after)))
      .orderBy(asc(onCallOverrides.startsAt));
  }

  async insertOverride(values: typeof onCallOverrides.$inferInsert): Promise<OverrideRow> {
    const [row] = await this.db.insert(onCallOverrides).values(values).returning();
    return row!;
  }

  async deleteOverride(workspaceId: string, id: string): Promise<OverrideRow | undefined> {
    const [row] = await this.db
      .delete(onCallOverrides)
      .where(and(eq(onCallOverrides.workspaceId, workspaceId), eq(onCallOverrides.id, id)))
      .returning();
    return row;
  }
}

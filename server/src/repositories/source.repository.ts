// Sources: configuration, encrypted credentials, cursor, counters and recent errors.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { sources } from '../db/schema';

export type SourceRow = typeof sources.$inferSelect;
export type SourcePatch = Partial<
  Pick<SourceRow, 'name' | 'status' | 'settings' | 'credentialsCiphertext' | 'credentialKeys' | 'cursor'>
>;

export interface SourceProgress {
  /** Only set when the source has a cursor to persist. */
  cursor?: string | null;
  received: number;
  accepted: number;
  duplicates: number;
  skipped: number;
  lastEventAt: Date | null;
  lagMs: number | null;
}

/** How many recent errors a source keeps. */
export const recentErrorLimit = 10;

export class SourceRepository {
  constructor(private readonly db: Db) {}

  async list(workspaceId: string): Promise<SourceRow[]> {
    return this.db
      .select()
      .from(sources)
      .where(eq(sources.workspaceId, workspaceId))
      .orderBy(asc(sources.createdAt));
  }

  /** Every source of every workspace (the runner's view). */
  async listAll(): Promise<SourceRow[]> {
    return this.db.select().from(sources).orderBy(asc(sources.createdAt));
  }

  async find(workspaceId: string, id: string): Promise<SourceRow | undefined> {
    const [row] = await this.db
      .select()
      .from(sources)
      .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)));
    return row;
  }

  /** One source by id alone, whatever its workspace (webhook callback URLs carry only the source id). */
  async findById(id: string): Promise<SourceRow | undefined> {
    const [row] = await this.db.select().from(sources).where(eq(sources.id, id));
    return row;
  }

  async insert(values: typeof sources.$inferInsert): Promise<SourceRow> {
    const [row] = await this.db.insert(sources).values(values).returning();
    return row!;
  }

  async update(workspaceId: string, id: string, patch: SourcePatch): Promise<SourceRow | undefined> {
    const [row] = await this.db
      .update(sources)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)))
      .returning();
    return row;
  }

  async delete(workspaceId: string, id: string): Promise<SourceRow | undefined> {
    const [row] = await this.db
      .delete(sources)
      .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)))
      .returning();
    return row;
  }

  /** Adds a batch's counters and moves the cursor, inside the batch's transaction. */
  async recordProgress(workspaceId: string, id: string, p: SourceProgress): Promise<void> {
    await this.db
      .update(sources)
      .set({
        ...(p.cursor !== undefined ? { cursor: p.cursor } : {}),
        received: sql`${sources.received} + ${p.received}`,
        accepted: sql`${sources.accepted} + ${p.accepted}`,
        duplicates: sql`${sources.duplicates} + ${p.duplicates}`,
        skipped: sql`${sources.skipped} + ${p.skipped}`,
        ...(p.lastEventAt ? { lastEventAt: p.lastEventAt } : {}),
        ...(p.lagMs !== null ? { lagMs: p.lagMs } : {}),
      })
      .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id)));
  }

  /** Sets the runtime status, and prepends an error (keeping the last ten) when there is one. */
  async recordStatus(
    workspaceId: string,
    id: string,
    status: string,
    error?: { at: string; message: string },
  ) {
    await this.db
      .update(sources)
      .set({
        status,
        ...(error
          ? {
              recentErrors: sql`(SELECT coalesce(jsonb_agg(e), '[]'::jsonb) FROM (
                SELECT e FROM jsonb_array_elements(jsonb_build_array(${JSON.stringify(error)}::jsonb) || ${sources.recentErrors}) AS e
                LIMIT ${recentErrorLimit}) AS x)`,
            }
          : {}),
      })
      // A pause (the person's choice) is never overwritten by the runner's status.
      .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, id), ne(sources.status, 'paused')));
  }
}

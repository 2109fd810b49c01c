import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/database';
import { brands } from '../db/schema';

export type BrandRow = typeof brands.$inferSelect;

export class BrandRepository {
  constructor(private readonly db: Db) {}

  async list(workspaceId: string, includeArchived: boolean): Promise<BrandRow[]> {
    return this.db
      .select()
      .from(brands)
      .where(
        and(eq(brands.workspaceId, workspaceId), includeArchived ? undefined : isNull(brands.archivedAt)),
      )
      .orderBy(asc(brands.name));
  }

  async find(workspaceId: string, id: string): Promise<BrandRow | undefined> {
    const [row] = await this.db
      .select()
      .from(brands)
      .where(and(eq(brands.workspaceId, workspaceId), eq(brands.id, id)));
    return row;
  }

  async insert(values: typeof brands.$inferInsert): Promise<BrandRow> {
    const [row] = await this.db.insert(brands).values(values).returning();
    return row!;
  }

  async update(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<BrandRow, 'name' | 'handles' | 'keywords' | 'query' | 'archivedAt'>>,
  ): Promise<BrandRow | undefined> {
    const [row] = await this.db
      .update(brands)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(brands.workspaceId, workspaceId), eq(brands.id, id)))
      .returning();
    return row;
  }
}

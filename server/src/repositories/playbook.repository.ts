import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { playbooks, playbookVersions } from '../db/schema';

export type PlaybookRow = typeof playbooks.$inferSelect;
export type PlaybookVersionRow = typeof playbookVersions.$inferSelect;

/** Playbooks per crisis type and their immutable versions (insert only: no update or delete of a version). */
export class PlaybookRepository {
  constructor(private readonly db: Db) {}

  async list(workspaceId: string): Promise<PlaybookRow[]> {
    return this.db
      .select()
      .from(playbooks)
      .where(eq(playbooks.workspaceId, workspaceId))
      .orderBy(asc(playbooks.crisisType));
  }

  async findByType(
    workspaceId: string,
    crisisType: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<PlaybookRow | undefined> {
    const query = this.db
      .select()
      .from(playbooks)
      .where(and(eq(playbooks.workspaceId, workspaceId), eq(playbooks.crisisType, crisisType)));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row;
  }

  /** Creates the playbook unless it exists (concurrent seeding is harmless). */
  async insertIfMissing(values: typeof playbooks.$inferInsert): Promise<PlaybookRow | undefined> {
    const [row] = await this.db.insert(playbooks).values(values).onConflictDoNothing().returning();
    return row;
  }

  async setCurrentVersion(workspaceId: string, id: string, version: number, name: string): Promise<void> {
    await this.db
      .update(playbooks)
      .set({ currentVersion: version, name, updatedAt: new Date() })
      .where(and(eq(playbooks.workspaceId, workspaceId), eq(playbooks.id, id)));
  }

  async insertVersion(values: typeof playbookVersions.$inferInsert): Promise<PlaybookVersionRow> {
    const [row] = await this.db.insert(playbookVersions).values(values).returning();
    return row!;
  }

  async version(playbookId: string, version: number): Promise<PlaybookVersionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(playbookVersions)
      .where(and(eq(playbookVersions.playbookId, playbookId), eq(playbookVersions.version, version)));
    return row;
  }

  async versionById(id: string): Promise<PlaybookVersionRow | undefined> {
    const [row] = await this.db.select().from(playbookVersions).where(eq(playbookVersions.id, id));
    return row;
  }

  async versions(playbookId: string): Promise<PlaybookVersionRow[]> {
    return this.db
      .select()
      .from(playbookVersions)
      .where(eq(playbookVersions.playbookId, playbookId))
      .orderBy(desc(playbookVersions.version));
  }
}

// Notification channels: where alerts go (Slack, Teams, email, outbound webhook), secrets sealed at rest.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/database';
import { notificationChannels } from '../db/schema';

export type NotificationChannelRow = typeof notificationChannels.$inferSelect;
export type NotificationChannelPatch = Partial<
  Pick<NotificationChannelRow, 'name' | 'enabled' | 'settings' | 'secretsCiphertext' | 'secretKeys'>
>;

export class NotificationChannelRepository {
  constructor(private readonly db: Db) {}

  async list(workspaceId: string): Promise<NotificationChannelRow[]> {
    return this.db
      .select()
      .from(notificationChannels)
      .where(eq(notificationChannels.workspaceId, workspaceId))
      .orderBy(asc(notificationChannels.createdAt));
  }

  async find(workspaceId: string, id: string): Promise<NotificationChannelRow | undefined> {
    const [row] = await this.db
      .select()
      .from(notificationChannels)
      .where(and(eq(notificationChannels.workspaceId, workspaceId), eq(notificationChannels.id, id)));
    return row;
  }

  async insert(values: typeof notificationChannels.$inferInsert): Promise<NotificationChannelRow> {
    const [row] = await this.db.insert(notificationChannels).values(values).returning();
    return row!;
  }

  async update(
    workspaceId: string,
    id: string,
    patch: NotificationChannelPatch,
  ): Promise<NotificationChannelRow | undefined> {
    const [row] = await this.db
      .update(notificationChannels)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(notificationChannels.workspaceId, workspaceId), eq(notificationChannels.id, id)))
      .returning();
    return row;
  }

  async delete(workspaceId: string, id: string): Promise<NotificationChannelRow | undefined> {
    const [row] = await this.db
      .delete(notificationChannels)
      .where(and(eq(notificationChannels.workspaceId, workspaceId), eq(notificationChannels.id, id)))
      .returning();
    return row;
  }
}

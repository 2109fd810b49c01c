import { and, asc, eq, gt, lt, sql } from 'drizzle-orm';
import type { EventMap, EventName, LiveEvent } from '../../../contracts';
import type { Db } from '../db/database';
import { events } from '../db/schema';

/** The NOTIFY channel every server instance listens on. */
export const eventChannel = 'firebreak_events';

function toLiveEvent(row: typeof events.$inferSelect): LiveEvent {
  return {
    id: String(row.id),
    name: row.name as EventName,
    payload: row.payload as never,
    at: row.createdAt.toISOString(),
  };
}

/**
 * Durable live events. `append` stores the event and NOTIFYs in the caller's transaction, so listeners
 * hear of it only once the change it describes is committed.
 */
export class EventRepository {
  constructor(private readonly db: Db) {}

  async append<N extends EventName>(workspaceId: string, name: N, payload: EventMap[N]): Promise<void> {
    const [row] = await this.db
      .insert(events)
      .values({ workspaceId, name, payload })
      .returning({ id: events.id });
    await this.db.execute(sql`select pg_notify(${eventChannel}, ${String(row!.id)})`);
  }

  async find(id: number): Promise<(LiveEvent & { workspaceId: string }) | undefined> {
    const [row] = await this.db.select().from(events).where(eq(events.id, id));
    return row && { ...toLiveEvent(row), workspaceId: row.workspaceId };
  }

  /** Events of a workspace after `afterId`, oldest first: the Last-Event-ID replay. */
  async after(workspaceId: string, afterId: number, limit: number): Promise<LiveEvent[]> {
    const rows = await this.db
      .select()
      .from(events)
      .where(and(eq(events.workspaceId, workspaceId), gt(events.id, afterId)))
      .orderBy(asc(events.id))
      .limit(limit);
    return rows.map(toLiveEvent);
  }

  async prune(olderThan: Date): Promise<number> {
    const rows = await this.db
      .delete(events)
      .where(lt(events.createdAt, olderThan))
      .returning({ id: events.id });
    return rows.length;
  }
}
